"""Bibliography entries are formatted once per text and style and kept between builds (issue 19).

A clean build (a fresh environment and output folder, as ``make publish``
does) that starts from a saved cache formats nothing and writes the same
pages; an edited entry alone is formatted again; an unreadable cache file is
rebuilt; ``mlnews_format_cache = ""`` keeps no file.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import build, copy_root, normalised, replace
from mlnews.bib import styles


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries the site's style formats, in order, while a test runs."""
    calls: list[str] = []
    original = styles.ArxivStyle.format_entry

    def counting(self, label, entry, bib_data=None):
        calls.append(entry.key)
        return original(self, label, entry, bib_data)

    monkeypatch.setattr(styles.ArxivStyle, "format_entry", counting)
    return calls


def _pages(outdir: Path) -> dict[str, str]:
    return {p.relative_to(outdir).as_posix(): normalised(p) for p in sorted(outdir.rglob("*.html"))}


def test_a_clean_build_from_the_saved_cache_formats_nothing_and_writes_the_same_pages(tmp_path, formatted):
    src = copy_root("archive", tmp_path / "src")
    cache = tmp_path / "cache" / "formatted.pickle"
    overrides = {"mlnews_format_cache": str(cache)}
    first = build(src, tmp_path / "first", fresh=True, confoverrides=overrides)
    assert first.warnings == []
    entries = set(formatted)
    assert cache.is_file() and len(entries) == 5
    formatted.clear()
    again = build(src, tmp_path / "again", fresh=True, confoverrides=overrides)
    assert again.read == again.docnames  # a clean build: every page read
    assert formatted == []
    assert _pages(again.outdir) == _pages(first.outdir)


def test_an_edited_entry_alone_is_formatted_again(tmp_path, formatted):
    src = copy_root("archive", tmp_path / "src")
    overrides = {"mlnews_format_cache": str(tmp_path / "formatted.pickle")}
    build(src, tmp_path / "first", fresh=True, confoverrides=overrides)
    formatted.clear()
    replace(src / "refs.bib", "Teaching a {GAN} What Not to Learn", "Teaching a {GAN} What It Should Not Learn")
    again = build(src, tmp_path / "again", fresh=True, confoverrides=overrides)
    assert formatted == ["asokan2020teaching"]
    clean = build(src, tmp_path / "clean", fresh=True, confoverrides={"mlnews_format_cache": ""})
    assert _pages(again.outdir) == _pages(clean.outdir)
    entry = again.page("bibliography").select_one("#cite-asokan2020teaching")
    assert "What It Should Not Learn" in entry.get_text()


def test_an_unreadable_cache_is_rebuilt_and_no_cache_keeps_no_file(tmp_path, formatted):
    src = copy_root("archive", tmp_path / "src")
    cache = tmp_path / "formatted.pickle"
    cache.write_bytes(b"not a pickle")
    built = build(src, tmp_path / "first", fresh=True, confoverrides={"mlnews_format_cache": str(cache)})
    assert built.warnings == []
    assert "could not be read" in built.app.status.getvalue()
    version, entries = pickle.loads(cache.read_bytes())
    assert len(set(formatted)) == 5 and len(entries) == 10  # each entry in the site's style and the tooltip style
    # Off: nothing kept between builds, every build formats its entries.
    formatted.clear()
    off = build(src, tmp_path / "off", fresh=True, confoverrides={"mlnews_format_cache": ""})
    assert len(set(formatted)) == 5
    assert not list((tmp_path / "off").rglob("*.pickle")) or all(
        p.name != "mlnews-formatted-entries.pickle" for p in (tmp_path / "off").rglob("*.pickle")
    )
    assert off.warnings == []
