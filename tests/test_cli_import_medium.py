"""``mlnews import`` of the English edition's Medium export: posts fill the English catalogs of the weeks.

The fixture (``tests/data/import/medium-export/posts/``) is ours, in Medium's
export format (h-entry microformats, ``section[data-field=body]``): weeks 44
and 45 with our English texts, week 44 without one of its cards and week 45
with an item the Japanese week does not have, a draft and a post that is not
the newsletter's. The project is a copy of this repository's site whose
English catalogs of those two weeks are removed.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import REPO, build_edition
from mlnews.cli import main
from test_cli_import import make_export, snapshot

EXPORT = Path(__file__).parent / "data" / "import" / "medium-export"
W44, W45 = "issues/2020/10/w44", "issues/2020/11/w45"
CATALOGS = "locale/en/LC_MESSAGES"


def make_zip(target: Path, folder: Path = EXPORT) -> Path:
    """The export folder as Medium gives it: one ZIP."""
    return make_export(target, folder)


def translations(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns(".*", "_build", "_ext", "tests", "bench", "test-artifacts", "*.mo", "__pycache__")
    site = tmp_path / "site"
    shutil.copytree(REPO, site, ignore=ignore)
    for docname in (W44, W45):
        (site / CATALOGS / f"{docname}.po").unlink()
    return site


def test_an_export_fills_the_english_catalogs_of_its_weeks(site, tmp_path, capsys):
    export = make_zip(tmp_path / "medium-export.zip")
    assert main(["--root", str(site), "import", str(export)]) == 0
    out = capsys.readouterr().out
    # Week 45 gets exactly the translations the repository's catalog holds (the fixture has the same texts).
    assert translations(site / CATALOGS / f"{W45}.po") == translations(REPO / CATALOGS / f"{W45}.po")
    week44 = translations(site / CATALOGS / f"{W44}.po")
    original = translations(REPO / CATALOGS / f"{W44}.po")
    missing = {msgid for msgid, text in original.items() if week44.get(msgid) != text}
    # Only the card the post leaves out keeps its Japanese: its headline and its summary.
    assert len(missing) == 2 and "因果の視点から自己教師あり学習を捉え直す" in missing
    assert week44["2020年 第44週 (10月25日〜)"] == "Week 44, 2020 (from Oct 25)"
    lines = out.splitlines()
    assert f"  wrote {CATALOGS}/{W44}.po (2 of 3 cards translated)" in lines
    assert f"  wrote {CATALOGS}/{W45}.po (9 of 9 cards translated)" in lines
    assert any(
        line.startswith(f"  needs you: {W44}.md:29: the card '因果の視点から自己教師あり学習を捉え直す' has no English item in ")
        for line in lines
    )
    unmatched = [line for line in lines if "matches no card" in line]
    assert len(unmatched) == 1
    assert "Week45--2020-0a1b2c3d4e5f.html:48: the item 'A new toolkit for probing language models'" in unmatched[0]
    assert "(https://example.org/blog/probing-toolkit) matches no card of issues/2020/11/w45.md" in unmatched[0]
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert any("Week46, 2020: not published (a draft)" in line for line in skipped)
    assert any("A year of reading papers every week: not a weekly post" in line for line in skipped)
    assert lines[-1] == "2 English posts imported: wrote 2 catalogs, 0 unchanged; 2 skipped; 2 things need you"


def test_the_imported_weeks_read_in_english(site, tmp_path, capsys):
    assert main(["--root", str(site), "import", str(make_zip(tmp_path / "export.zip"))]) == 0
    built = build_edition(site, tmp_path / "html", "en", fresh=True)
    assert built.warnings == []
    week = built.page(W45)
    headlines = [h.get_text(strip=True).rstrip("#") for h in week.select("section.mlnews-paper h3")]
    assert headlines[0] == "Teaching a GAN which real data it should not learn"
    assert not week.select(".mlnews-untranslated")
    # The card the post left out shows its Japanese, marked, and the build says so in one line.
    left_out = built.page(W44).select("section.mlnews-paper")[2]
    assert left_out.select(".mlnews-untranslated-note")
    status = built.app.status.getvalue()
    assert f"{W44} (2)" in next(line for line in status.splitlines() if "lack translations" in line)


def test_importing_again_changes_nothing_and_a_translation_is_kept_unless_forced(site, tmp_path, capsys):
    export = make_zip(tmp_path / "export.zip")
    args = ["--root", str(site), "import", str(export)]
    assert main(args) == 0
    first = snapshot(site)
    capsys.readouterr()
    assert main(args) == 0
    assert snapshot(site) == first
    assert "wrote 0 catalogs, 2 unchanged" in capsys.readouterr().out
    # An author's own wording stays; --force takes the export's.
    po = site / CATALOGS / f"{W45}.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Teaching a GAN which real data it should not learn"', 'msgstr "Telling a GAN what to avoid"'
    ), encoding="utf-8")  # fmt: skip
    assert main(args) == 0
    assert "kept 1 translations already in" in capsys.readouterr().out
    assert translations(po)["「学習してほしくない本物のデータ」を GAN に教える"] == "Telling a GAN what to avoid"
    assert main([*args, "--force"]) == 0
    assert translations(po)["「学習してほしくない本物のデータ」を GAN に教える"] == "Teaching a GAN which real data it should not learn"


def test_dry_run_writes_nothing(site, tmp_path, capsys):
    before = snapshot(site)
    assert main(["--root", str(site), "import", "--dry-run", str(make_zip(tmp_path / "export.zip"))]) == 0
    assert snapshot(site) == before
    assert "would write 2 catalogs" in capsys.readouterr().out


def test_a_week_the_site_does_not_have_is_skipped_and_named(site, tmp_path, capsys):
    shutil.rmtree(site / "issues/2020/10")
    (site / CATALOGS / "issues/2020/10").exists() and shutil.rmtree(site / CATALOGS / "issues/2020/10")
    assert main(["--root", str(site), "import", str(make_zip(tmp_path / "export.zip"))]) == 0
    out = capsys.readouterr().out
    assert "Week44, 2020: the site has no issues/2020/10/w44.md (import the Japanese edition first)" in out
    assert not (site / CATALOGS / f"{W44}.po").exists()


def test_a_post_without_its_title_is_located_and_nothing_is_written(site, tmp_path, capsys):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    broken = folder / "posts" / "2020-11-15_broken.html"
    broken.write_text("<html><body><article><p>no title here</p></article></body></html>", encoding="utf-8")
    before = snapshot(site)
    assert main(["--root", str(site), "import", str(make_zip(tmp_path / "export.zip", folder))]) == 1
    assert snapshot(site) == before
    err = capsys.readouterr().err
    assert "posts/2020-11-15_broken.html:1: not a post of Medium's export (no h1.p-name title); nothing was written" in err


def test_a_hostile_entry_refuses_the_whole_export(site, tmp_path, capsys):
    archive = make_zip(tmp_path / "export.zip")
    with zipfile.ZipFile(archive, "a") as handle:
        handle.writestr("posts/../../outside.html", b"<html></html>")
    before = snapshot(site)
    assert main(["--root", str(site), "import", str(archive)]) == 1
    assert snapshot(site) == before
    assert "refused: the entry 'posts/../../outside.html' has '..' in its path" in capsys.readouterr().err
