"""The archive never goes stale: an incremental build, serial or parallel, gives a clean build's HTML.

Each test builds the archive test root, changes its weeks (or its
bibliography) the way an editor does, rebuilds without -E and compares every
page, parsed and normalised, with a clean build of the changed sources
(serial against parallel: test_parallel). Some edits need the root set up for
them first (:data:`PREPARE`), with a first build of their own.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any
from pathlib import Path

import pytest

from conftest import build, copy_root, normalised, parse_html, replace, write


def assert_same_pages(docnames: set[str], left: Path, right: Path) -> None:
    """The documents, Sphinx's own pages and the tag pages of *right* (a clean build) match *left*."""
    tag_pages = sorted(str(path.relative_to(right).with_suffix("")) for path in (right / "tags").glob("*.html"))
    assert tag_pages, "the archive has tag pages"
    different = [
        pagename
        for pagename in sorted(docnames) + ["genindex", "search"] + tag_pages
        if normalised(left / f"{pagename}.html") != normalised(right / f"{pagename}.html")
    ]
    assert different == []


def add_week(src: Path) -> None:
    write(
        src / "issues/2020/11/w47.md",
        "---\ndate: 2020-11-15\n---\n\n# 第47週\n\n## 論文\n\n"
        ":::{paper} 2010.13581\n:headline: 拘束を明示する\n:pick:\n:tags: 物理とML\n\n"
        "{cite:p}`borowski2020exemplary` とは別の話題です。\n:::\n",
    )
    # The paper was week 1's new item; that week now cites it instead of featuring it.
    write(
        src / "issues/2020/12/w01.md",
        "---\ndate: 2020-12-27\n---\n\n# 2021年 第1週\n\n第47週の {cite:t}`finzi2020simplifying` の続報を待っています。\n",
    )


def edit_week(src: Path) -> None:
    """Move a pick to another card and change a headline."""
    w45 = src / "issues/2020/11/w45.md"
    replace(w45, ":headline: 学習で作るビュー\n:pick:\n", ":headline: 学習で作るビュー\n")
    replace(w45, ":headline: 幅と深さとブロック構造\n", ":headline: 幅と深さが生む層の塊\n:pick:\n")


def retitle_week(src: Path) -> None:
    replace(src / "issues/2020/11/w46.md", "# 第46週", "# 2020年 第46週")


def rename_week(src: Path) -> None:
    """Week 46 was filed a week early: it becomes week 47."""
    old = src / "issues/2020/11/w46.md"
    text = old.read_text(encoding="utf-8").replace("2020-11-08", "2020-11-15").replace("# 第46週", "# 第47週")
    old.unlink()
    write(src / "issues/2020/11/w47.md", text)


def delete_week(src: Path) -> None:
    (src / "issues/2020/11/w45.md").unlink()


def delete_last_week(src: Path) -> None:
    (src / "issues/2021/01/w02.md").unlink()


def add_month_first_week(src: Path) -> None:
    write(src / "issues/2020/09/w38.md", "---\ndate: 2020-09-13\n---\n\n# 第38週\n\n短い号です。\n")


def edit_summary(src: Path) -> None:
    """A summary cites another paper and changes its filter."""
    q4 = src / "summaries/2020/q4.md"
    replace(q4, "{cite:p}`tamkin2020viewmaker`", "{cite:p}`borowski2020exemplary`")
    replace(q4, ":kind: all\n", "")


def list_adds_paper(src: Path) -> None:
    """The half year's curated list takes in another tag: week 1's card is now featured there."""
    replace(src / "summaries/2020/h2.md", ":tags: 解釈性\n", ":tags: 解釈性, 物理とML\n")


def list_drops_paper(src: Path) -> None:
    """The quarter's picks become a hand-picked list without week 44's paper: its card loses the quarter."""
    replace(src / "summaries/2020/q4.md", ":picks:\n:kind: all\n", ":papers: 2010.07432, 2010.13581\n")


def feature_by_key(src: Path) -> None:
    """A summary features a paper by its BibTeX key (its week gives the arXiv ID)."""
    replace(
        src / "summaries/2020/q4.md",
        ":::{paperlist}\n",
        ":::{paper} nguyen2020wide\n:headline: 層の塊をふり返る\n\n四半期でいちばんの分析です。\n:::\n\n:::{paperlist}\n",
    )


def rename_key(src: Path) -> None:
    """A BibTeX key is renamed, with the card and the citation that name it. Week 45's card
    gives the paper's arXiv ID and is not edited: it must follow (key, BibTeX, label, links)."""
    replace(src / "refs.bib", "@misc{nguyen2020wide,", "@misc{nguyen2020do,")
    replace(src / "summaries/2020/q4.md", ":::{paper} nguyen2020wide\n", ":::{paper} nguyen2020do\n")
    replace(src / "issues/2020/11/w46.md", "{cite:t}`nguyen2020wide`", "{cite:t}`nguyen2020do`")


def card_without_entry(src: Path) -> None:
    """A week has a card for a paper that the bibliography does not have yet."""
    replace(
        src / "issues/2020/11/w46.md",
        "とも関係します。\n:::\n",
        "とも関係します。\n:::\n\n:::{paper} 2011.00001\n:headline: 文献表を待つ論文\n\nあとで文献表に入ります。\n:::\n",
    )


def add_missing_entry(src: Path) -> None:
    """The entry arrives (it sorts first: every other entry's number in the "plain" style moves)."""
    bib = src / "refs.bib"
    write(
        bib,
        bib.read_text(encoding="utf-8")
        + "\n@misc{anders2020missing,\n  title         = {The Missing Paper},\n  author        = {Anders, Ann},\n"
        "  year          = {2020},\n  eprint        = {2011.00001},\n  archivePrefix = {arXiv},\n"
        "  primaryClass  = {cs.LG},\n}\n",
    )


def use_author_year_labels(src: Path) -> None:
    """The newsletter's own styles (author-year labels with a, b suffixes) instead of "plain"."""
    replace(src / "conf.py", 'bibtex_reference_style = "author_year"\nbibtex_default_style = "plain"\n', "")


def add_namesake_entry(src: Path) -> None:
    """A new entry with the same first author and year as tamkin2020viewmaker: its label gains a
    suffix (2020b), on every page that shows it, though none of them is edited."""
    bib = src / "refs.bib"
    write(
        bib,
        bib.read_text(encoding="utf-8")
        + "\n@misc{tamkin2020another,\n  title         = {Another View of Views},\n"
        "  author        = {Tamkin, Alex and Other, Bea and Third, Cy},\n  year          = {2020},\n"
        "  eprint        = {2011.00002},\n  archivePrefix = {arXiv},\n  primaryClass  = {cs.LG},\n}\n",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "add": add_week,
    "add-to-empty-month": add_month_first_week,
    "edit": edit_week,
    "retitle": retitle_week,
    "rename": rename_week,
    "delete": delete_week,
    "delete-latest": delete_last_week,
    "edit-summary": edit_summary,
    "list-adds-paper": list_adds_paper,
    "list-drops-paper": list_drops_paper,
    "rename-key": rename_key,
    "entry-appears": add_missing_entry,
    "label-suffix": add_namesake_entry,
}

PREPARE: dict[str, Callable[[Path], None]] = {
    "rename-key": feature_by_key,
    "entry-appears": card_without_entry,
    "label-suffix": use_author_year_labels,
}
"""What an edit needs in the root before the first build."""

FIRST_WARNINGS: dict[str, list[str]] = {
    "entry-appears": ["issues/2020/11/w46.md:16: WARNING: no entry in the bibliography has eprint = {2011.00001}"],
}
"""The first build's warnings (the start of each line, after the source folder), when there are any."""


@pytest.fixture(scope="module")
def first_builds(tmp_path_factory) -> dict[int, tuple[Path, Path]]:
    """The archive root built once per ``-j``: ``{parallel: (where the tests build, a copy of it built)}``.

    Each test puts the copy back where it was built (the environment knows its
    folder; the copy keeps every file's time, so nothing is outdated) and
    starts from there, instead of building the unchanged root again.
    """
    base = tmp_path_factory.mktemp("archive-first-builds")
    builds = {}
    for parallel in (0, 2):
        work = base / f"j{parallel}"
        assert build(copy_root("archive", work / "src"), work / "build", parallel=parallel).warnings == []
        builds[parallel] = (work, shutil.copytree(work, base / f"j{parallel}-copy"))
    return builds


@pytest.fixture(scope="module")
def clean_builds() -> dict[str, Any]:
    """Each edit's clean build, made once (serially) for both of its cases: the edited root
    built from nothing is the same whatever ``-j`` its incremental build ran with."""
    return {}


def _clean_build(clean_builds: dict[str, Path], edit: str, clean: Path, tmp_path: Path):
    if edit not in clean_builds:
        fresh = build(clean, tmp_path / "clean-build", fresh=True)
        assert fresh.warnings == []
        clean_builds[edit] = fresh
    return clean_builds[edit]


@pytest.mark.parametrize("parallel", [0, 2], ids=["j1", "j2"])
@pytest.mark.parametrize("edit", EDITS)
def test_incremental_build_equals_clean_build(tmp_path, first_builds, clean_builds, edit, parallel):
    if edit in PREPARE:
        work = tmp_path / "work"
        incremental = copy_root("archive", work / "src")
        PREPARE[edit](incremental)
        warnings = build(incremental, work / "build", parallel=parallel).warnings
        first = [line.replace(f"{incremental}/", "") for line in warnings]
        expected = FIRST_WARNINGS.get(edit, [])
        assert len(first) == len(expected) and all(line.startswith(start) for line, start in zip(first, expected)), first
    else:
        work, built = first_builds[parallel]
        shutil.rmtree(work)
        shutil.copytree(built, work)
        incremental = work / "src"
    EDITS[edit](incremental)
    clean = shutil.copytree(incremental, tmp_path / "clean")
    again = build(incremental, work / "build", parallel=parallel)
    assert again.read < again.docnames, "an incremental build, not a fresh one"
    fresh = _clean_build(clean_builds, edit, clean, tmp_path)
    assert again.docnames == fresh.docnames
    assert again.warnings == fresh.warnings == []
    assert_same_pages(again.docnames, again.outdir, fresh.outdir)
    if edit in AFTER:
        AFTER[edit](again.outdir)


def _card(outdir: Path, docname: str, anchor: str):
    card = parse_html(outdir / f"{docname}.html").find(id=anchor)
    assert card is not None, (docname, anchor)
    return card


def _follows_the_renamed_key(outdir: Path) -> None:
    card = _card(outdir, "issues/2020/11/w45", "arxiv-2010-15327")
    assert card.select_one(".mlnews-cite a")["href"].endswith("bibliography.html#cite-nguyen2020do")
    assert card.select_one("details.mlnews-bibtex pre").get_text().startswith("@misc{nguyen2020do,")


def _shows_the_new_entry(outdir: Path) -> None:
    card = _card(outdir, "issues/2020/11/w46", "arxiv-2011-00001")
    assert card.select_one(".mlnews-paper-title").get_text(strip=True) == "The Missing Paper"
    assert not card.select(".mlnews-missing")


def _shows_the_suffix(outdir: Path) -> None:
    card = _card(outdir, "issues/2020/11/w45", "arxiv-2010-07432")
    assert card.select_one(".mlnews-cite a").get_text() == "Tamkin et al., 2020b"
    page = parse_html(outdir / "issues/2020/11/w45.html")
    label = page.select_one("li#ref-tamkin2020viewmaker .mlnews-reference-label")
    assert label.get_text() == "[Tamkin et al. 2020b]"


AFTER: dict[str, Callable[[Path], None]] = {
    "rename-key": _follows_the_renamed_key,
    "entry-appears": _shows_the_new_entry,
    "label-suffix": _shows_the_suffix,
}
"""What the incremental build must show beyond equality with the clean one (that the edit took)."""


def test_unrelated_edit_rewrites_only_its_page(tmp_path):
    """Correct, not wasteful: a summary's wording touches no week and no other page."""
    src = copy_root("archive", tmp_path / "src")
    build(src, tmp_path / "build")
    replace(src / "summaries/2020/h2.md", "# 2020年 下半期\n", "# 2020年 下半期\n\n半年をふり返ります。\n")
    # The page and, by Sphinx's own rule, the page whose toctree holds it; not the
    # bibliography, whose backlinks did not change, and no week or other summary:
    # their placeholders show nothing new.
    assert build(src, tmp_path / "build").written == {"summaries/2020/h2", "summaries/2020/index"}
