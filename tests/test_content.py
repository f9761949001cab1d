"""The real 2020 issues: every item of the facts file is on its week's page.

The site in this repository is built once for the whole module; the checks are
driven by ``../shared/newsletter-facts.yaml`` (next to the repository, or next
to the main checkout when this is a git worktree; ``MLNEWS_FACTS`` overrides).
Without the facts file the checks are skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import REPO, parse_html
from mlnews.weeks import week_docname

yaml = pytest.importorskip("yaml")

FACTS_NAME = Path("shared") / "newsletter-facts.yaml"

SECTION_OF_KIND = {
    "paper": "papers",
    "article": "articles",
    "application": "applications",
    "news": "other",
}
"""Where an item of each kind sits on its week page (the section's anchor)."""


def _main_checkout(repo: Path) -> Path | None:
    """The main checkout of a git worktree (its ``.git`` is a file naming the gitdir)."""
    dotgit = repo / ".git"
    if not dotgit.is_file():
        return None
    text = dotgit.read_text(encoding="utf-8").strip()
    if not text.startswith("gitdir:"):
        return None
    gitdir = Path(text.removeprefix("gitdir:").strip())
    # <main>/.git/worktrees/<name>
    return gitdir.parent.parent.parent if gitdir.parent.name == "worktrees" else None


def _facts_path() -> Path | None:
    candidates = []
    if os.environ.get("MLNEWS_FACTS"):
        candidates.append(Path(os.environ["MLNEWS_FACTS"]))
    candidates.append(REPO.parent / FACTS_NAME)
    main = _main_checkout(REPO)
    if main is not None:
        candidates.append(main.parent / FACTS_NAME)
    return next((path for path in candidates if path.is_file()), None)


@pytest.fixture(scope="module")
def facts() -> dict:
    path = _facts_path()
    if path is None:
        pytest.skip(f"no facts file: ../{FACTS_NAME} next to the repository (or set MLNEWS_FACTS)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[int, Path]:
    """The real site, built once with warnings as errors: (exit status, output folder)."""
    base = tmp_path_factory.mktemp("content")
    out = base / "html"
    status = build_main(
        ["-W", "--keep-going", "-q", "-b", "html", "-d", str(base / "doctrees"), str(REPO), str(out)]
    )
    return status, out


def issue_facts(facts: dict, week: int) -> dict:
    matches = [issue for issue in facts["issues"] if issue["year"] == 2020 and issue["week"] == week]
    assert len(matches) == 1, f"the facts file has {len(matches)} entries for week {week} of 2020"
    return matches[0]


def card_of(section, fact: dict):
    """The card on a week page's section that presents *fact*, or None."""
    if fact["kind"] == "paper":
        arxiv = fact.get("arxiv") or fact.get("arxiv_probable")
        if arxiv:
            return section.select_one(f'section.mlnews-paper[data-arxiv="{arxiv}"]')
        for card in section.select("section.mlnews-paper"):
            link = card.select_one(".mlnews-paper-title a[href]")
            if link is not None and link["href"] == fact["url"]:
                return card
        return None
    for card in section.select("section.mlnews-item"):
        link = card.select_one(".mlnews-item-title a[href]")
        if fact.get("url"):
            if link is not None and link["href"] == fact["url"]:
                return card
        elif card.select_one(".mlnews-item-title").get_text(" ", strip=True) == fact["title"]:
            return card
    return None


def check_week(site: tuple[int, Path], issue: dict, docname: str) -> None:
    """Every item of *issue* is on *docname*, in its section, with its link, pick marked."""
    _, out = site
    page = parse_html(out / f"{docname}.html")
    bibliography = parse_html(out / "bibliography.html")
    items = issue["items"]
    cards = page.select("section.mlnews-paper, section.mlnews-item")
    assert len(cards) == len(items), f"{docname}: {len(cards)} cards for {len(items)} items of the facts"
    for fact in items:
        anchor = SECTION_OF_KIND[fact["kind"]]
        section = page.select_one(f"section#{anchor}")
        assert section is not None, f"{docname} has no #{anchor} section for {fact['title']!r}"
        card = card_of(section, fact)
        assert card is not None, f"{fact['title']!r} is not in #{anchor} of {docname}"
        if fact["editor_pick"] is not None:
            assert ("mlnews-pick" in card["class"]) == fact["editor_pick"], f"pick mark of {fact['title']!r}"
        assert card.select_one("h3").get_text(strip=True), f"{fact['title']!r} has no headline"
        assert 1 <= len(card.select(".mlnews-tag")) <= 3, f"{fact['title']!r} needs one to three tags"
        summary = card.select_one(".mlnews-summary")
        assert summary is not None and summary.get_text(strip=True), f"{fact['title']!r} has no summary"
        if fact["kind"] == "paper":
            cite = card.select_one(".mlnews-cite a[href]")
            assert cite is not None, f"{fact['title']!r} cites nothing"
            target = cite["href"].partition("#")[2]
            assert cite["href"].split("#")[0].endswith("bibliography.html")
            assert bibliography.find(id=target) is not None, f"{target} is not in the bibliography"


def test_real_site_builds_with_W(site):
    status, _ = site
    assert status == 0


# --- content-b: weeks 44, 45, 48, 49 and 50 of 2020 ---------------------------------------

CONTENT_B_PAGES = {
    44: "issues/2020/10/w44",
    45: "issues/2020/11/w45",
    # The facts give no start date for week 48 (the post's intro says "week 47, 15 November~",
    # its slug, title and top navigation say week 48). By the week rule week 48 starts on
    # 22 November, between week 47 (15 November) and week 49 (29 November).
    48: "issues/2020/11/w48",
    49: "issues/2020/11/w49",
    50: "issues/2020/12/w50",
}


@pytest.mark.parametrize("week", sorted(CONTENT_B_PAGES))
def test_content_b_week_has_every_item(facts, site, week):
    check_week(site, issue_facts(facts, week), CONTENT_B_PAGES[week])


@pytest.mark.parametrize("week", sorted(CONTENT_B_PAGES))
def test_content_b_week_page_is_where_its_start_date_says(facts, site, week):
    issue = issue_facts(facts, week)
    start = issue["start"] or dt.date(2020, 11, 22)
    if isinstance(start, str):
        start = dt.date.fromisoformat(start)
    assert week_docname(start, week) == CONTENT_B_PAGES[week]
    _, out = site
    heading = parse_html(out / f"{CONTENT_B_PAGES[week]}.html").select_one("h1")
    assert f"第{week}週 ({start.month}月{start.day}日〜)" in heading.get_text()


def test_content_b_week_49_marks_no_pick_outside_its_items(facts, site):
    """Week 49's pickup box names papers that are not among its items; none is shown as a card."""
    _, out = site
    page = parse_html(out / f"{CONTENT_B_PAGES[49]}.html")
    listed = issue_facts(facts, 49)["editor_picks_listed"]
    shown = {card["data-arxiv"] for card in page.select("section.mlnews-paper")}
    links = {a["href"] for a in page.select(".mlnews-item-title a[href]")}
    for pick in listed:
        assert pick.get("arxiv") not in shown and pick.get("url") not in links
    assert not page.select(".mlnews-pick")
