"""The real site: it builds without a warning, and whatever weeks exist, every page is linked and nothing dangles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, parse_html
from mlnews.core.weeks import parse_week_docname


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site.outdir


def test_real_site_builds_without_warnings(real_site):
    """What ``make html`` (``-W``) needs."""
    assert real_site.warnings == []


def test_week_45_shows_its_cards_and_picks_in_order(site):
    week = parse_html(site / "issues/2020/11/w45.html")
    cards = week.select("section.mlnews-paper")
    assert [c["data-arxiv"] for c in cards] == ["2010.15639", "2010.07432", "2010.15327", "2010.12606", "2010.13581"]
    assert len(week.select("section.mlnews-item")) == 4
    picks = [c["data-arxiv"] for c in week.select("section.mlnews-paper.mlnews-pick")]
    assert picks == ["2010.07432", "2010.15327", "2010.12606"]


def weeks() -> list[str]:
    """The real site's week pages, by date (their folders and numbers sort by date within a year)."""
    found = sorted(
        (p.relative_to(REPO).with_suffix("").as_posix() for p in (REPO / "issues").glob("*/*/w*.md")),
        key=lambda d: (parse_week_docname(d)[0], parse_week_docname(d)[1], parse_week_docname(d)[2] < 10, parse_week_docname(d)[2]),
    )
    assert found
    return found


def test_every_week_is_navigable(site):
    docnames = weeks()
    weeks_with_picks = 0
    for number, docname in enumerate(docnames):
        soup = parse_html(site / f"{docname}.html")
        bars = soup.select("nav.mlnews-weeknav")
        assert len(bars) == 2, docname
        for bar in bars:
            rels = {a["rel"][0]: a["href"] for a in bar.select("a")}
            year, month, _ = parse_week_docname(docname)
            assert rels["up"].endswith(f"summaries/{year}/{month:02d}.html")
            assert ("prev" in rels) == (number > 0) and ("next" in rels) == (number < len(docnames) - 1)
            for href in rels.values():
                assert (site / docname).parent.joinpath(href).resolve().is_file(), (docname, href)
        # A week's picks box lists its picks, in order; a week without picks has none.
        picks = [f"#{s['id']}" for s in soup.select("section.mlnews-pick")]
        box = soup.select_one("aside.mlnews-picks")
        assert ([a["href"] for a in box.select("li a")] if box is not None else []) == picks, docname
        weeks_with_picks += bool(picks)
    assert weeks_with_picks, "no week marks an editor's pick: the pick class is gone"


def test_landing_page_and_sidebar(site):
    index = parse_html(site / "index.html")
    latest = index.select_one("div.mlnews-latest a")
    assert latest["href"] == f"{weeks()[-1]}.html"
    sidebar = [a["href"] for a in index.select("nav.bd-docs-nav a")]
    assert sidebar[0] == "summaries/2020/index.html"
    months = [href for href in sidebar if href.startswith("summaries/2020/") and href[15:17].isdigit()]
    assert months == sorted(months, reverse=True) and len(months) == 4
    # The sidebar does not hold the whole archive (issue 10): the newest month is
    # open with its weeks, newest first; the other months are a click away.
    newest = months[0][len("summaries/") : -len(".html")]
    in_sidebar = [href[:-5] for href in sidebar if href.startswith("issues/")]
    assert in_sidebar == [w for w in reversed(weeks()) if w.startswith(f"issues/{newest}/")]
    assert in_sidebar


def test_summaries_link_what_they_hold(site):
    year = parse_html(site / "summaries/2020/index.html")
    tree = [a["href"] for a in year.select("div.mlnews-archive a")]
    for page in ("h2.html", "q3.html", "q4.html", "09.html", "10.html", "11.html", "12.html"):
        assert page in tree
    for docname in weeks():
        assert f"../../{docname}.html" in tree
    quarter = parse_html(site / "summaries/2020/q4.html")
    assert [a["href"] for a in quarter.select("div.mlnews-archive > ul > li > p > a")] == ["10.html", "11.html", "12.html"]
    # Every summary has words of its own before its lists.
    for page in ("index", "09", "10", "11", "12", "q3", "q4", "h2"):
        soup = parse_html(site / f"summaries/2020/{page}.html")
        assert len(soup.select_one("article section > p").get_text(strip=True)) > 30, page


def test_the_authors_links_come_from_conf_py_on_every_page(site):
    import runpy

    links = [(link["name"], link["url"]) for link in runpy.run_path(str(REPO / "conf.py"))["html_theme_options"]["icon_links"]]
    assert len(links) == 2  # X (Twitter) and the support link
    for docname in ("index", weeks()[-1], "summaries/2020/11", "bibliography", "tags/index"):
        soup = parse_html(site / f"{docname}.html")
        # At the top of the sidebar, in a landmark with the site's name; and in the footer.
        sidebar = soup.select_one(".bd-sidebar-primary nav.mlnews-sidebar-brand")
        footer = soup.select_one("footer.bd-footer-content")
        for where in (sidebar, footer):
            found = [(a["title"], a["href"]) for a in where.select("ul.navbar-icon-links a")]
            assert found == links, (docname, where.name)
        assert sidebar.select_one("a.navbar-brand")
    # Nowhere written by hand: no page's source holds them.
    for path in REPO.glob("**/*.md"):
        if ".venv" not in path.parts and "_build" not in path.parts and "tests" not in path.parts:
            assert not any(url in path.read_text(encoding="utf-8") for _, url in links), path


def test_viewmaker_card_is_featured_in_every_summary_that_picks_it(site):
    """Week 45's Viewmaker card (one of November's picks) links to every summary whose curated
    lists show it, and to no summary's full list of the period's papers."""
    week = parse_html(site / "issues/2020/11/w45.html")
    featured = week.select_one('section[data-arxiv="2010.07432"] div.mlnews-card-featured-in')
    assert featured is not None
    pages = [a["href"].partition("#")[0] for a in featured.select("a[href]")]
    # In period order: the month, its quarter, its half, its year.
    assert pages == [f"../../../summaries/2020/{summary}.html" for summary in ("11", "q4", "h2", "index")]
    # The bibliography's "紹介" says the same.
    bib = parse_html(site / "bibliography.html")
    entry = next(c for c in bib.select("div.citation") if "2010.07432" in c.get_text())
    listed = [a["href"].partition("#")[0] for a in entry.select("a.mlnews-featured-in")]
    assert listed == ["issues/2020/11/w45.html"] + [f"summaries/2020/{s}.html" for s in ("11", "q4", "h2", "index")]
