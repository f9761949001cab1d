"""The sidebar shows the page's year and month open, links to the rest, and stays current."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_root, parse_html

WEEK = "issues/2020/11/w46"


def _nav(soup):
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None
    return nav


def _top(nav, text):
    """The top-level entry whose link reads *text*."""
    for li in nav.select("li.toctree-l1"):
        if li.find("a", recursive=False).get_text(strip=True) == text:
            return li
    raise AssertionError(f"no top-level entry {text!r}")


def _children(li):
    """The entries listed under *li* (empty when it is closed)."""
    details = li.find("details", recursive=False)
    if details is None:
        return []
    return details.find("ul", recursive=False).find_all("li", recursive=False)


def _link(li):
    return li.find("a", recursive=False)


@pytest.mark.sphinx("html", testroot="sidebar")
def test_week_sidebar_opens_its_year_and_month(app, page):
    app.build()
    nav = _nav(page(WEEK))
    assert "mlnews-sidebar-nav" in nav["class"]
    captions = [p.get_text(strip=True) for p in nav.select("p.caption")]
    assert captions == ["週刊号", "資料"]

    # Every year is listed; the page's year is open, the other one a link away.
    years = [_link(li).get_text(strip=True) for li in nav.select("ul.bd-sidenav")[0].find_all("li", recursive=False)]
    assert years == ["2021年", "2020年"]
    other_year = _top(nav, "2021年")
    assert _link(other_year)["href"] == "../../../summaries/2021/index.html"
    assert other_year.find("details") is None and "current" not in other_year["class"]
    year = _top(nav, "2020年")
    assert "current" in year["class"]
    assert year.find("details", recursive=False).has_attr("open")

    # The year's months: this one open with its weeks, the other one a link.
    months = {_link(li).get_text(strip=True): li for li in _children(year)}
    assert list(months) == ["2020年12月", "2020年11月"]
    assert _link(months["2020年12月"])["href"] == "../../../summaries/2020/12.html"
    assert _children(months["2020年12月"]) == []
    month = months["2020年11月"]
    assert "current" in month["class"]
    assert month.find("details", recursive=False).has_attr("open")
    weeks = [(_link(li).get_text(strip=True), _link(li)["href"]) for li in _children(month)]
    assert weeks == [("2020年 第47週", "w47.html"), ("2020年 第46週", "#"), ("2020年 第45週", "w45.html")]
    # Each toggle is named after the entry it opens (it shows only an icon).
    toggles = [(_link(li).get_text(strip=True), li.find("details", recursive=False).summary) for li in (year, month)]
    assert [summary["aria-label"] for _, summary in toggles] == [f"{title} の項目" for title, _ in toggles]
    assert "current" in _link(_children(month)[1])["class"]

    # Weeks of other months are not embedded: they are reached through their month.
    hrefs = {a["href"] for a in nav.find_all("a")}
    assert not any("w50" in h or "w02" in h or "w01" in h for h in hrefs)
    assert _link(_top(nav, "このサイトについて"))["href"] == "../../../about.html"


@pytest.mark.sphinx("html", testroot="sidebar")
def test_other_years_months_open_on_their_pages(app, page):
    app.build()
    nav = _nav(page("summaries/2021/index"))
    year = _top(nav, "2021年")
    assert [_link(li).get_text(strip=True) for li in _children(year)] == ["2021年1月"]
    assert _children(_top(nav, "2020年")) == []
    month = _children(_top(_nav(page("summaries/2020/12")), "2020年"))
    december = next(li for li in month if _link(li).get_text(strip=True) == "2020年12月")
    assert [_link(li)["href"] for li in _children(december)] == ["../../issues/2020/12/w50.html", "../../issues/2020/12/w01.html"]


def _structure(path: Path) -> list[tuple]:
    """The navigation's entries, classes, links and toggles, in order."""
    nav = _nav(parse_html(path)).select_one("div.bd-toc-item")
    found = []
    for element in nav.find_all(["p", "ul", "li", "details"]):
        if element.name == "li":
            link = _link(element)
            found.append(("li", sorted(element["class"]), link["href"], link.get_text(strip=True), sorted(link["class"])))
        elif element.name == "details":
            found.append(("details", element.get("open")))
        else:
            found.append((element.name, sorted(element.get("class", [])), element.get_text(strip=True) if element.name == "p" else ""))
    return found


def test_same_navigation_as_the_theme_collapsed(tmp_path):
    """Ours walks only the page's path; what it shows is what the theme's collapsed tree shows."""
    ours = build(copy_root("sidebar", tmp_path / "ours"))
    theirs = build(
        copy_root("sidebar", tmp_path / "theirs"),
        confoverrides={
            "html_sidebars": {"**": ["navbar-logo.html", "sbt-sidebar-nav.html"]},
            "html_theme_options": {"collapse_navbar": True},
        },
    )
    pages = sorted(p.relative_to(ours.outdir) for p in ours.outdir.rglob("*.html"))
    docs = [p for p in pages if p.parts[0] in ("issues", "summaries") or p.name == "about.html"]
    assert len(docs) == 12
    for rel in docs:
        assert _structure(ours.outdir / rel) == _structure(theirs.outdir / rel), rel


def test_incremental_rebuilds_rewrite_the_pages_that_show_the_change(tmp_path):
    src = copy_root("sidebar", tmp_path / "site")
    outdir = build(src).outdir

    # A week's text: that week, and its month whose toctree lists it (Sphinx's own rule).
    week = src / f"{WEEK}.md"
    week.write_text(week.read_text(encoding="utf-8").replace("今週は", "今週も"), encoding="utf-8")
    assert build(src).written == {WEEK, "summaries/2020/11"}

    # A week's title: every page whose sidebar lists that month's weeks, and its
    # neighbours; Sphinx adds the parent of each page it writes (the year), and the
    # archive the home page, whose list of weeks shows the title.
    week.write_text(week.read_text(encoding="utf-8").replace("第46週", "第46週 特集号"), encoding="utf-8")
    assert build(src).written == {
        "index",
        "issues/2020/11/w45",
        WEEK,
        "issues/2020/11/w47",
        "summaries/2020/11",
        "summaries/2020/index",
    }
    sibling = _children(_children(_top(_nav(parse_html(outdir / "issues/2020/11/w45.html")), "2020年"))[1])
    assert [_link(li).get_text(strip=True) for li in sibling][1] == "2020年 第46週 特集号"

    # A new week: its month's pages and its neighbours, and the pages whose glob
    # toctrees Sphinx reads again; not the other weeks of other months.
    (src / "issues/2020/11/w48.md").write_text(
        "---\ndate: 2020-11-22\n---\n\n# 2020年 第48週\n\n## 論文\n\n新しい週です。\n", encoding="utf-8"
    )
    rewritten = build(src).written
    # w50 is the new week's next week: its navigation bar's "previous" link changed.
    assert {"issues/2020/11/w45", WEEK, "issues/2020/11/w47", "issues/2020/11/w48", "issues/2020/12/w50"} <= rewritten
    assert not rewritten & {"issues/2020/12/w01", "issues/2021/01/w02", "about"}
    weeks = _children(_children(_top(_nav(parse_html(outdir / "issues/2020/11/w45.html")), "2020年"))[1])
    assert [_link(li)["href"] for li in weeks] == ["w48.html", "w47.html", "w46.html", "#"]
