"""``mlnews check``: the build's warnings, found without building."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_file

from conftest import REPO, warnings_of
from mlnews.cli import main

ROOTS = Path(__file__).parent / "roots"
LINE = re.compile(r"^(?P<path>[^:\s]+\.(?:md|bib)):(?P<line>\d+): (?:WARNING: )?(?P<message>.*) \[(?P<subtype>[\w.]+)\]$")
NOTE = re.compile(r"^(?P<path>[^:\s]+\.bib):(?P<line>\d+): note: entry '(?P<key>[^']+)' has no version "
                  r"\(never fetched from arXiv\); refresh it with 'mlnews add (?P<arxiv>\S+)' \[mlnews\.unfetched\]$")

EXPECTED = [
    ("issues/2020/11/w45.md", 9, "mlnews.arxiv_id"),
    ("issues/2020/11/w45.md", 16, "mlnews.unknown_paper"),
    ("issues/2020/11/w45.md", 23, "mlnews.version"),
    ("issues/2020/11/w45.md", 30, "image.not_readable"),
    ("issues/2020/11/w45.md", 30, "mlnews.option"),
    ("issues/2020/11/w45.md", 30, "mlnews.tag"),
    ("issues/2020/11/w45.md", 37, "mlnews.duplicate"),
    ("issues/2020/11/w45.md", 43, "bibtex.key_not_found"),
    ("issues/2020/11/w45.md", 52, "mlnews.url"),
    ("issues/2020/11/w45.md", 59, "mlnews.option"),
    ("issues/2020/11/w46.md", 2, "mlnews.week_date"),
    ("issues/2020/11/w47.md", 9, "mlnews.encoding"),
    ("issues/2020/11/w47.md", 11, "mlnews.option"),
    ("issues/2020/11/w47.md", 11, "mlnews.duplicate"),
    ("issues/2020/11/w47.md", 18, "mlnews.duplicate"),
    ("issues/2020/11/w47.md", 31, "mlnews.duplicate"),
    ("issues/2020/12/w45.md", 2, "mlnews.week_path"),
    ("issues/2020/12/w45.md", 2, "mlnews.duplicate"),
    ("issues/2020/12/w50.md", 1, "mlnews.week_date"),
    ("refs.bib", 19, "mlnews.duplicate"),
]


def reported_words(text: str, root: Path | None = None) -> list[tuple[str, int, str, str]]:
    """``(path, line, type.subtype, message)`` of each problem in *text* (check's output or the build's warnings); notes left out."""
    found = []
    for line in text.splitlines():
        if root is not None:
            line = line.replace(f"{root}/", "")
        match = LINE.match(line)
        if match and not match["message"].startswith("note: "):
            found.append((match["path"], int(match["line"]), match["subtype"], match["message"]))
    return found


def reported(text: str, root: Path | None = None) -> list[tuple[str, int, str]]:
    """``(path, line, type.subtype)`` of each problem in *text*."""
    return [(path, line, subtype) for path, line, subtype, _ in reported_words(text, root)]


def notes(text: str) -> list[tuple[str, int, str, str]]:
    """The ``mlnews.unfetched`` notes of a check's output: file, line, key, arXiv ID."""
    return [(m["path"], int(m["line"]), m["key"], m["arxiv"]) for m in map(NOTE.match, text.splitlines()) if m]


def test_a_good_project_passes(capsys):
    assert main(["--root", str(ROOTS / "test-cli"), "check"]) == 0
    captured = capsys.readouterr()
    # No problem; a note names the entry that was never fetched (finzi2020simplifying has a version).
    assert captured.out.splitlines() == [
        "refs.bib:4: note: entry 'asokan2020teaching' has no version (never fetched from arXiv); "
        "refresh it with 'mlnews add 2010.15639' [mlnews.unfetched]"
    ]
    # notes/ is excluded in conf.py: its broken card is not read.
    assert captured.err.splitlines() == [
        "no problems in 7 pages and refs.bib",
        "1 entry without a version (never fetched from arXiv); to refresh them all: mlnews add 2010.15639",
    ]


def test_this_repository_passes(capsys):
    assert main(["--root", str(REPO), "check"]) == 0
    out = capsys.readouterr().out
    # Nothing but notes: one for each arXiv entry that records no version, and the two items without link.
    assert reported(out) == [], out
    unlinked = [line for line in out.splitlines() if line.endswith("[mlnews.no_link]")]
    assert [line.split(": note:")[0] for line in unlinked] == ["issues/2020/09/w40.md:67", "issues/2020/10/w41.md:74"]
    assert len(notes(out)) + len(unlinked) == len(out.splitlines())
    bib = parse_file(str(REPO / "refs.bib"), "bibtex").entries
    unversioned = {key for key, entry in bib.items() if "eprint" in entry.fields and "version" not in entry.fields}
    assert {key for _, _, key, _ in notes(out)} == unversioned
    assert {arxiv for _, _, _, arxiv in notes(out)} == {bib[key].fields["eprint"] for key in unversioned}
    # The pinned entry describes its version.
    assert bib["ke2020is"].fields["version"] == "2" and "ke2020is" not in unversioned


def test_notes_do_not_hide_problems(tmp_path, capsys):
    """With a problem and a note, the problem comes first and the check fails."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    week = site / "issues/2020/11/w45.md"
    week.write_text(week.read_text(encoding="utf-8").replace(":headline: 学習してほしくないデータを GAN に教える\n", ""), encoding="utf-8")
    assert main(["--root", str(site), "check"]) == 1
    captured = capsys.readouterr()
    assert reported(captured.out) == [("issues/2020/11/w45.md", 9, "mlnews.option")]
    assert notes(captured.out) == [("refs.bib", 4, "asokan2020teaching", "2010.15639")]
    assert LINE.match(captured.out.splitlines()[0])["message"] == "paper needs a :headline: (a one-line catch)"
    assert captured.err.splitlines()[0] == "1 problem in 1 file"


@pytest.mark.parametrize(
    ("fields", "noted"),
    [
        ("version = {1}", False),
        ("version = 3", False),
        ('version = "2"', False),
        ("note = {typed by hand}", True),
        ("version = {}", True),
    ],
)
def test_which_entries_count_as_fetched(tmp_path, capsys, fields, noted):
    """A ``version`` field (any BibTeX spelling) says the entry was fetched; an empty one does not."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    bib = site / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("  url           = {https://arxiv.org/abs/2010.15639},",
                                                           f"  {fields},\n  url = {{https://arxiv.org/abs/2010.15639}},"), encoding="utf-8")
    assert main(["--root", str(site), "check"]) == 0
    assert bool(notes(capsys.readouterr().out)) == noted


def test_card_and_version_field_disagree(tmp_path, capsys, make_app):
    """A card naming another version than the entry's ``version``: check and build both say so."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    week = site / "issues/2020/11/w45.md"
    card = ":::{paper} 2010.13581v2\n:headline: 見出し\n:tags: 生成モデル\n\n要約です。\n:::\n\n## 技術的な記事"
    week.write_text(week.read_text(encoding="utf-8").replace("## 技術的な記事", card), encoding="utf-8")
    assert main(["--root", str(site), "check"]) == 1
    checked = reported(capsys.readouterr().out)
    assert checked == [("issues/2020/11/w45.md", 17, "mlnews.version")]
    app = make_app("html", srcdir=site)
    app.build()
    built = [w for w in warnings_of(app) if "[mlnews.version]" in w]
    assert len(built) == 1 and "w45.md:17:" in built[0]
    assert "names version 2 but entry 'finzi2020simplifying' describes arXiv:2010.13581v1" in built[0]


def test_a_broken_project_fails_with_every_problem_located(capsys):
    assert main(["--root", str(ROOTS / "test-cli-broken"), "check"]) == 1
    captured = capsys.readouterr()
    assert reported(captured.out) == EXPECTED
    assert len(captured.out.splitlines()) == len(EXPECTED)
    assert captured.err.strip() == "20 problems in 6 files"
    # The example inside a code block is not a card.
    assert "9999.bad" not in captured.out


@pytest.mark.sphinx("html", testroot="cli-broken")
def test_check_reports_what_the_build_warns_about(app, capsys):
    """Many problems in one project: the same lines, types and words (one problem each: tests/test_bad_input.py)."""
    app.build()
    srcdir = Path(app.srcdir)
    built = reported_words("\n".join(warnings_of(app)), srcdir)
    assert main(["--root", str(srcdir), "check"]) == 1
    checked = reported_words(capsys.readouterr().out)
    assert sorted(checked) == sorted(built)
    assert len(checked) == len(EXPECTED)


def test_bibliography_problems(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    bib = site / "refs.bib"
    # The unclosed entry last: pybtex, as the build runs it, reads on into the next entry.
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@misc{asokan2020teaching, title = {Same key}}\n\n@misc{badeprint2020, title = {T}, author = {A, B}, eprint = {2010.1563x}}\n"
        + "\n@misc{open2020,\n  title = {Unclosed,\n",
        encoding="utf-8",
    )
    assert main(["--root", str(site), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "refs.bib:23: duplicate key 'asokan2020teaching' (first at refs.bib:4); the first entry is used [mlnews.duplicate]",
        "refs.bib:25: eprint '2010.1563x' of 'badeprint2020' is not an arXiv ID [mlnews.arxiv_id]",
        "refs.bib:27: @misc entry is not closed (unbalanced braces) [mlnews.bibtex]",
        # After the problems: the note of the first entry (the repeated key is not an entry of its own).
        "refs.bib:4: note: entry 'asokan2020teaching' has no version (never fetched from arXiv); "
        "refresh it with 'mlnews add 2010.15639' [mlnews.unfetched]",
    ]


def test_check_is_read_only(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli-broken", site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    main(["--root", str(site), "check"])
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_card_without_link_is_noted_but_is_no_problem(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    week = site / "issues/2020/11/w45.md"
    text = week.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    week.write_text(text + "\n:::{item}\n:headline: リンクを失った記事\n\n要約です。\n:::\n", encoding="utf-8")
    assert main(["--root", str(site), "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "refs.bib:4: note: entry 'asokan2020teaching' has no version (never fetched from arXiv); "
        "refresh it with 'mlnews add 2010.15639' [mlnews.unfetched]",
        f"issues/2020/11/w45.md:{line}: note: item has no link yet: give its URL as the argument, and its :title: [mlnews.no_link]",
    ]
    assert captured.err.splitlines() == [
        "no problems in 7 pages and refs.bib",
        "1 entry without a version (never fetched from arXiv); to refresh them all: mlnews add 2010.15639",
        "1 card without a link yet",
    ]
