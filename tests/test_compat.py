"""The upgrade boundary: version checks, assumed priorities, no internal outside compat,
dependency ranges, and the speed-ups switched off."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from conftest import REPO, parse_html, warnings_of
from mlnews.build import compat

PACKAGE = REPO / "_ext" / "mlnews"

SPEEDUPS = {
    "mlnews_doctree_cache": False,
    "mlnews_gc_policy": False,
    "mlnews_pybtex_plugin_cache": False,
    "mlnews_sitemap_queue": False,
    "mlnews_indexed_cite_domain": False,
    "mlnews_myst_settings_cache": False,
    "mlnews_format_cache": "",
}
"""Every speed-up of mlnews, off: each falls back to what Sphinx and its extensions do."""

# Names that only the upgrade boundary may use (the review's list of internals).
INTERNALS = [
    r"\._app\b",
    r"_write_doc_doctree_cache",
    r"\bbuild_info\b",
    r"\.newest_template_mtime\(",
    r"\.get_outfilename\(",
    r"\.globalcontext\b",
    r"input_encoding",
    r"\bapp\.registry\b",
    r"\benv\.tocs\b",
    r"\.toctree_includes\b",
    r"\benv\.files_to_rebuild\b",
    r"\.collect_relations\(",
    r"\bconfig_status\b",
    r"\bCONFIG_OK\b",
    r"\bapp\.parallel\b",
    r"\bbuilder\.search\s*=",
    r"\.sitemap_links\b",
    r"add_html_link",
    r"query_url_format",
    r"\._session\b",
    r"pybtex\.plugin\.entry_points",
    r"captured_errors",
    r"from sphinx\.util import (url_re|docname_join|texescape)",
    r"from sphinx\.util\.nodes import clean_astext",
    r"from sphinx\.util\.matching import patfilter",
    r"\bstart_of_file\(docname=",
    r"\.get_doctree\(",
    r"\\\\hyperlink",
    r"\bdocument\.ids\[[^\]]+\]\s*=",
    r"\.children\[[^\]]+\]\s*=",
    r"\bdelattr\(",
    r"_FilterVisitor",
    r"mdit_to_docutils",
    r"\bget_docnames\b",
]


def _sources() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.name != "compat.py"]


@pytest.mark.parametrize("pattern", INTERNALS)
def test_no_upstream_internal_outside_the_compatibility_module(pattern):
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line) and not line.lstrip().startswith("#")
    ]
    assert not found, "\n".join(found)


def test_the_internals_scan_sees_the_compatibility_module():
    # The scan can fail: compat.py itself uses several of these names.
    text = (PACKAGE / "build" / "compat.py").read_text(encoding="utf-8")
    assert sum(bool(re.search(pattern, text)) for pattern in INTERNALS) >= 10


def test_installed_versions_are_supported():
    assert compat.unsupported_versions() == []


def test_an_unsupported_version_is_named():
    versions = {name: low for name, (low, _high) in compat.SUPPORTED.items()} | {"sphinx": "9.2.0"}
    problems = compat.unsupported_versions(versions.__getitem__)
    assert problems == ["sphinx 9.2.0 (mlnews supports >=9.0.4,<9.2)"]


def test_setup_stops_with_one_message_outside_the_range(make_app, rootdir, tmp_path, monkeypatch):
    monkeypatch.setattr(compat, "unsupported_versions", lambda: ["sphinxcontrib-bibtex 2.8.0 (mlnews supports >=2.7,<2.8)"])
    (tmp_path / "conf.py").write_text('extensions = ["mlnews"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"sphinxcontrib-bibtex 2\.8\.0 .*constraints\.txt"):
        make_app("html", srcdir=tmp_path)


def test_assumed_priorities_match_the_installed_packages():
    for name, value in compat.upstream_priorities().items():
        assert getattr(compat, name) == value, name


def _requirement(spec: str) -> tuple[str, str]:
    name = re.match(r"[A-Za-z0-9_.-]+", spec).group()
    return name.lower(), spec[len(name) :]


def test_pyproject_declares_ranges_with_upper_bounds():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *(s for extra in project["optional-dependencies"].values() for s in extra)]
    for spec in specs:
        name, version = _requirement(spec)
        assert ">=" in version and "<" in version.replace("<=", ""), spec
        assert "==" not in version, spec
    declared = dict(_requirement(spec) for spec in project["dependencies"])
    for name, (low, high) in compat.SUPPORTED.items():
        assert declared[name] == f">={low},<{high}", name


def test_constraints_pin_versions_inside_the_ranges():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version
    for name, (low, high) in compat.SUPPORTED.items():
        assert name in pins, name
        assert compat._version_key(low) <= compat._version_key(pins[name]) < compat._version_key(high), name


def _pages(outdir: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(outdir.rglob("*.html")):
        soup = parse_html(path)
        main = soup.select_one("main") or soup
        pages[str(path.relative_to(outdir))] = main.prettify()
    return pages


def test_every_speedup_off_builds_the_same_pages(make_app, rootdir, tmp_path):
    import shutil

    shutil.copytree(rootdir / "test-archive", tmp_path / "on")
    shutil.copytree(rootdir / "test-archive", tmp_path / "off")
    fast = make_app("html", srcdir=tmp_path / "on")
    fast.build()
    stock = make_app("html", srcdir=tmp_path / "off", confoverrides=SPEEDUPS)
    stock.build()
    # The project's own warnings (a second app in one process also re-registers Sphinx's nodes).
    def own(app, folder):
        return [line.replace(str(folder), "") for line in warnings_of(app) if "[mlnews." in line or "[bibtex." in line]

    assert own(stock, tmp_path / "off") == own(fast, tmp_path / "on")
    assert _pages(Path(stock.outdir)) == _pages(Path(fast.outdir))
    # Switched off, the cite domain is sphinxcontrib-bibtex's own behaviour.
    assert not stock.config.mlnews_indexed_cite_domain


def test_a_glob_of_other_pages_that_matches_nothing_still_warns(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["mlnews"]\nlanguage = "ja"\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Home\n\n```{toctree}\n:glob:\n\n/issues/2031/01/*\n/summaries/*/index\n/summaries/2031/q[1-4]\n/notes/*\n```\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    warnings = warnings_of(app)
    assert any("'/notes/*'" in line and "didn't match" in line for line in warnings), warnings
    assert not any("/issues/2031/01/*" in line for line in warnings), warnings
    # A new site's years (mlnews init), and a year's quarters, may be missing too.
    assert not any("/summaries/" in line for line in warnings), warnings
