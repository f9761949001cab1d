"""The archive as a reader sees it: week navigation, picks, summaries, paper lists, "featured in"."""

from __future__ import annotations

import pytest

from conftest import build, build_root, copy_root, parse_html
from mlnews.data import NewsData


def links(node, selector="a"):
    """``(href, text)`` of the links under *node*."""
    return [(a["href"], a.get_text(strip=True)) for a in node.select(selector)]


def bars(soup):
    return soup.select("nav.mlnews-weeknav")


def rels(bar):
    return {a["rel"][0]: a["href"] for a in bar.select("a")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The archive test root, built once for the tests that only read it."""
    return build_root("archive", tmp_path_factory.mktemp("archive"))


def test_builds_without_warnings(site):
    assert site.warnings == []


def test_week_records_follow_the_week_rule(site):
    """Each week page's record: the year and number its date gives, and its Sunday (week 1 may start in December)."""
    weeks = {docname: (w["year"], w["week"], w["date"]) for docname, w in NewsData(site.env).weeks().items()}
    assert weeks == {
        "issues/2020/10/w44": (2020, 44, "2020-10-25"),
        "issues/2020/11/w45": (2020, 45, "2020-11-01"),
        "issues/2020/11/w46": (2020, 46, "2020-11-08"),
        "issues/2020/12/w01": (2021, 1, "2020-12-27"),
        "issues/2021/01/w02": (2021, 2, "2021-01-03"),
    }


def test_week_navigation_across_months_and_years(site):
    w44, w45, w46, w01, w02 = (
        site.page(d)
        for d in ("issues/2020/10/w44", "issues/2020/11/w45", "issues/2020/11/w46", "issues/2020/12/w01", "issues/2021/01/w02")
    )
    # Top and bottom, the same links.
    for soup in (w44, w45, w46, w01, w02):
        top, bottom = bars(soup)
        assert "mlnews-weeknav-top" in top["class"] and "mlnews-weeknav-bottom" in bottom["class"]
        assert links(top) == links(bottom)
        # Two navigation landmarks, told apart by their names.
        assert top["aria-label"].startswith("週の移動") and bottom["aria-label"].startswith("週の移動")
        assert top["aria-label"] != bottom["aria-label"]
        # The top bar comes right under the title; the bottom one closes the page.
        assert top.find_previous(["h1"]) is not None
        assert not bottom.find_all_next("section")
    assert rels(bars(w45)[0]) == {"prev": "../10/w44.html", "up": "../../../summaries/2020/11.html", "next": "w46.html"}
    assert rels(bars(w46)[0])["next"] == "../12/w01.html"
    # Week 1 of 2021 starts in December 2020: its month is 2020-12, the next week is in 2021's folder.
    assert rels(bars(w01)[0]) == {
        "prev": "../11/w46.html",
        "up": "../../../summaries/2020/12.html",
        "next": "../../2021/01/w02.html",
    }
    # No dangling links at the ends.
    assert set(rels(bars(w44)[0])) == {"up", "next"}
    assert set(rels(bars(w02)[0])) == {"prev", "up"}
    assert links(bars(w45)[0], "a[rel=prev]") == [("../10/w44.html", "← 第44週")]
    assert links(bars(w45)[0], "a[rel=up]") == [("../../../summaries/2020/11.html", "2020年11月")]


def test_picks_box_links_to_its_cards(site):
    soup = site.page("issues/2020/11/w45")
    box = soup.select_one("aside.mlnews-picks")
    assert box.select_one(".mlnews-picks-title").get_text() == "今週の注目記事/論文"
    assert links(box, "li a") == [("#arxiv-2010-07432", "学習で作るビュー"), (f"#{_item_id(soup, 'Skin and brain')}", "医用画像の得意と不得意")]
    for href, _ in links(box, "li a"):
        assert "mlnews-pick" in soup.select_one(href)["class"]
    # Before the first section of the week, right after the top bar.
    assert box.find_previous_sibling("nav")["class"][-1] == "mlnews-weeknav-top"
    # A week without picks has no empty box.
    assert site.page("issues/2020/11/w46").select("aside.mlnews-picks") == []


def _item_id(soup, title):
    return next(s["id"] for s in soup.select("section.mlnews-item") if title in s.get_text())


def test_paperlist_filters(site):
    q4 = site.page("summaries/2020/q4").select_one("div.mlnews-paperlist")
    # :picks: with :kind: all: the picked papers and items of Q4 (December's week 1 of 2021 too), oldest first.
    assert [text for _, text in links(q4)] == [
        "GAN に学ばせたくないデータを教える",
        "学習で作るビュー",
        "医用画像の得意と不得意",
        "デカルト座標で力学を単純に",
    ]
    assert links(q4)[0][0] == "../../issues/2020/10/w44.html#arxiv-2010-15639"
    # :tags: on a half year, defaulting to the page's own period.
    h2 = site.page("summaries/2020/h2").select_one("div.mlnews-paperlist")
    assert [href for href, _ in links(h2)] == [
        "../../issues/2020/11/w45.html#arxiv-2010-15327",
        "../../issues/2020/11/w46.html#arxiv-2010-12606",
    ]
    assert h2.select_one(".mlnews-paperlist-week").get_text() == "（2020年 第45週）"
    # A week's items only.
    year = site.page("summaries/2020/index").select_one("div.mlnews-paperlist")
    assert [text for _, text in links(year)] == ["医用画像の得意と不得意"]
    # A month: every paper of its weeks; an empty month says so.
    nov = site.page("summaries/2020/11").select_one("div.mlnews-paperlist")
    assert [href.split("#")[1] for href, _ in links(nov)] == ["arxiv-2010-07432", "arxiv-2010-15327", "arxiv-2010-12606"]
    sept = site.page("summaries/2020/09")
    assert sept.select_one("div.mlnews-paperlist").get_text(strip=True) == "該当する論文はまだありません。"
    assert sept.select_one("div.mlnews-archive").get_text(strip=True) == "この月の号はまだありません。"
    assert sept.select("div.toctree-wrapper li") == []


def test_featured_in(site):
    w44 = site.page("issues/2020/10/w44")
    featured = w44.select_one("section.mlnews-paper div.mlnews-card-featured-in")
    # A summary's card of the same paper, linked to that card; the quarter's picks list it too.
    # Summaries in period order: the quarter before its year.
    assert links(featured) == [
        ("../../../summaries/2020/q4.html", "2020年 第4四半期"),
        ("../../../summaries/2020/index.html#arxiv-2010-15639", "2020年"),
    ]
    # ... and back: the summary's card lists the week (and the quarter's picks).
    year = site.page("summaries/2020/index").select_one("section.mlnews-paper div.mlnews-card-featured-in")
    assert links(year) == [
        ("../../issues/2020/10/w44.html#arxiv-2010-15639", "第44週"),
        ("q4.html", "2020年 第4四半期"),
    ]
    # Listed by a pick list that also cites it: the quarter, once.
    w45 = site.page("issues/2020/11/w45")
    viewmaker = w45.select_one('section[data-arxiv="2010.07432"] div.mlnews-card-featured-in')
    assert links(viewmaker) == [("../../../summaries/2020/q4.html", "2020年 第4四半期")]
    # Cited from another week's card ({cite:t}), listed by the half year's :tags: list: weeks first.
    wide = w45.select_one('section[data-arxiv="2010.15327"] div.mlnews-card-featured-in')
    assert links(wide) == [("w46.html", "第46週"), ("../../../summaries/2020/h2.html", "2020年 下半期")]
    # The last thing of its card.
    assert wide.find_next_sibling() is None
    # The month's unfiltered list of every paper is navigation: November features neither card.
    for page, _title in links(viewmaker) + links(wide):
        assert "summaries/2020/11" not in page
    # A paper that only a full list (December's, the year's) shows has no empty "featured in".
    w01 = site.page("issues/2020/12/w01").select_one("section.mlnews-paper div.mlnews-card-featured-in")
    assert links(w01) == [("../../../summaries/2020/q4.html", "2020年 第4四半期")]


def test_only_curated_lists_feature(site):
    """The line between a list that features and one that navigates: picks, tags and :papers: feature."""
    w46 = site.page("issues/2020/11/w46").select_one("section.mlnews-paper div.mlnews-card-featured-in")
    assert links(w46) == [("../../../summaries/2020/h2.html", "2020年 下半期")]
    # The bibliography says the same as the cards: the week's card and the two summaries' lists.
    bib = site.page("bibliography")
    entries = {
        node["id"]: node
        for node in bib.select("div.citation[id]")
    }
    assert entries, "the bibliography has entries"
    featured = {
        tuple(a["href"] for a in entry.select("a.mlnews-featured-in"))
        for entry in entries.values()
        if "2010.15327" in entry.get_text()
    }
    assert featured == {("issues/2020/11/w45.html#arxiv-2010-15327", "summaries/2020/h2.html")}


def test_summaries_link_everything_below(site):
    year = site.page("summaries/2020/index").select_one("div.mlnews-archive")
    hrefs = [href for href, _ in links(year)]
    assert hrefs == [
        "h2.html",
        "q4.html",
        "10.html",
        "../../issues/2020/10/w44.html",
        "11.html",
        "../../issues/2020/11/w45.html",
        "../../issues/2020/11/w46.html",
        "12.html",
        "../../issues/2020/12/w01.html",
    ]
    q4 = site.page("summaries/2020/q4").select_one("div.mlnews-archive")
    assert [text for _, text in links(q4)][:2] == ["2020年10月", "第44週"]
    # A month's weeks come from its glob toctree, newest first.
    nov = site.page("summaries/2020/11")
    assert [text for _, text in links(nov.select_one("div.toctree-wrapper"))] == ["第46週", "第45週"]


def test_sidebar_year_month_week_newest_first(site):
    for docname in ("index", "issues/2020/11/w45"):
        sidebar = site.page(docname).select_one("nav.bd-docs-nav")
        texts = [a.get_text(strip=True) for a in sidebar.select("a")]
        assert texts[:11] == [
            "2021年",
            "2021年1月",
            "2021年 第2週",
            "2020年",
            "2020年12月",
            "2021年 第1週",
            "2020年11月",
            "第46週",
            "第45週",
            "2020年10月",
            "第44週",
        ]


def test_landing_page_shows_latest_issue(site):
    latest = site.page("index").select_one("div.mlnews-latest")
    assert links(latest) == [("issues/2021/01/w02.html", "2021年 第2週")]
    years = site.page("index").select_one("div.toctree-wrapper")
    assert [text for _, text in links(years)] == ["2021年", "2020年"]


def test_latex_keeps_lists_and_drops_decoration(tmp_path):
    latex = build_root("archive", tmp_path, builder="latex")
    assert latex.warnings == []
    # The whole archive's book (mlnews.book.structure also makes one book per year).
    tex = min(latex.outdir.glob("*.tex"), key=lambda path: len(path.name)).read_text(encoding="utf-8")
    # Navigation bars and picks boxes are for the web.
    assert "今週の注目記事/論文" not in tex and "← 第44週" not in tex and "第46週 →" not in tex
    # Lists are plain lists: "featured in" and paper lists (the book drops the web's period trees).
    assert "掲載ページ" in tex and r"\hyperref[\detokenize{issues/2020/10/w44:arxiv-2010-15639}]" in tex
    assert r"\begin{itemize}" in tex and "（2020年 第45週）" in tex


def test_weeks_are_found_in_an_english_build(tmp_path):
    """With ``language = "en"`` docutils makes ``date:`` a bibliographic element, not a field:
    the weeks are found all the same (the English edition's build)."""
    built = build(copy_root("archive", tmp_path / "src"), tmp_path / "build", confoverrides={"language": "en"})
    week = parse_html(built.outdir / "issues/2020/11/w45.html")
    assert len(week.select("nav.mlnews-weeknav")) == 2
    nov = parse_html(built.outdir / "summaries/2020/11.html").select_one("div.mlnews-paperlist")
    assert [a["href"].split("#")[1] for a in nov.select("a[href]")] == ["arxiv-2010-07432", "arxiv-2010-15327", "arxiv-2010-12606"]
