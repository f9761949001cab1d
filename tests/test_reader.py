"""Reader features in the built HTML: Atom feeds, tag pages, social cards, sitemap, the Pagefind search index."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import pytest

from conftest import parse_html, warnings_of

BASE = "https://news.example.org/ml/"
W44 = "issues/2020/10/w44"
W45 = "issues/2020/11/w45"
NOVEMBER = "summaries/2020/11"
OCTOBER = "summaries/2020/10"


def feed(app, path: str = "feed.xml"):
    parsed = feedparser.parse((Path(app.outdir) / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def resolve(app, page: str, href: str) -> tuple[str, str]:
    """The docname (or generated page) and anchor an href on *page* points to."""
    url = urljoin(f"https://x/{page}.html", href)
    path, _, anchor = url.removeprefix("https://x/").partition("#")
    return unquote(path).removesuffix(".html"), anchor


@pytest.mark.sphinx("html", testroot="reader")
def test_site_feed_lists_weeks_and_summaries_newest_first(app):
    app.build()
    assert warnings_of(app) == []
    parsed = feed(app)
    assert parsed.feed.title == "Reader test"
    assert parsed.feed.id == BASE + "feed.xml"
    assert {link.rel: link.href for link in parsed.feed.links} == {"alternate": BASE + "index.html", "self": BASE + "feed.xml"}
    entries = [(e.title, e.link, e.published[:10]) for e in parsed.entries]
    # A summary comes in once its period is over (a later week exists), dated by its last day:
    # October is over, November and the fourth quarter are not.
    assert entries == [
        ("2020年 第45週 (11月1日〜)", BASE + W45 + ".html", "2020-11-01"),
        ("2020年10月のまとめ", BASE + OCTOBER + ".html", "2020-10-31"),
        ("2020年 第44週 (10月25日〜)", BASE + W44 + ".html", "2020-10-25"),
    ]
    # A week's summary is its editor's picks, in page order; a summary's, its period's picks.
    assert parsed.entries[0].summary == "学習で作る「ビュー」 / 幅と深さで表現はどう変わるか"
    assert parsed.entries[1].summary == "データ拡張しだいで CNN は形を見るようになる"
    assert parsed.entries[2].summary == "データ拡張しだいで CNN は形を見るようになる"
    assert parsed.entries[0].published == "2020-11-01T00:00:00+09:00"


@pytest.mark.sphinx("html", testroot="reader")
def test_every_tag_has_a_feed_of_its_cards(app, page):
    app.build()
    parsed = feed(app, "tags/データ拡張.xml")
    assert parsed.feed.title == "Reader test: データ拡張"
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("学習で作る「ビュー」", BASE + W45 + ".html#arxiv-2010-07432"),
        ("データ拡張しだいで CNN は形を見るようになる", BASE + W44 + ".html#arxiv-1911-09071"),
    ]
    assert parsed.entries[0].summary.startswith("Viewmaker Networks")
    # The tag page links its own feed beside the site's.
    feeds = page("tags/データ拡張").select('link[rel="alternate"][type="application/atom+xml"]')
    assert [unquote(f["href"]) for f in feeds] == [BASE + "feed.xml", BASE + "tags/データ拡張.xml"]


@pytest.mark.sphinx("html", testroot="reader")
def test_pages_link_the_feed(app, page):
    app.build()
    for docname in ("index", W45, NOVEMBER, "genindex", "tags/index"):
        links = page(docname).select('link[rel="alternate"][type="application/atom+xml"]')
        assert [link["href"] for link in links][:1] == [BASE + "feed.xml"], docname


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-no-baseurl", confoverrides={"html_baseurl": "", "ogp_site_url": ""})
def test_no_feed_without_a_base_url(app, page):
    app.build()
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert page(W45).select('link[type="application/atom+xml"]') == []
    # The tag pages do not need absolute links and are still there.
    assert (Path(app.outdir) / "tags/index.html").exists()


@pytest.mark.sphinx("html", testroot="reader")
def test_tag_page_lists_cards_newest_first_linking_to_them(app, page):
    app.build()
    soup = page("tags/データ拡張")
    assert soup.find("h1").get_text(strip=True) == "タグ: データ拡張"
    entries = soup.select("li.mlnews-tag-entry")
    assert [e.select_one("a.mlnews-tag-entry-link").get_text() for e in entries] == [
        "学習で作る「ビュー」",
        "データ拡張しだいで CNN は形を見るようになる",
    ]
    assert [e.select_one("time")["datetime"] for e in entries] == ["2020-11-01", "2020-10-25"]
    assert all("mlnews-pick" in e["class"] for e in entries)
    for entry in entries:
        target, anchor = resolve(app, "tags/データ拡張", entry.select_one("a")["href"])
        assert page(target).find(id=anchor).name == "section"
    # A summary's card features a paper of a week: it is not listed again.
    generative = page("tags/自己教師あり学習").select("li.mlnews-tag-entry a.mlnews-tag-entry-link")
    assert [resolve(app, "tags/自己教師あり学習", a["href"])[0] for a in generative] == [W45]


@pytest.mark.sphinx("html", testroot="reader")
def test_tag_index_counts_tags(app, page):
    app.build()
    rows = page("tags/index").select("ul.mlnews-tag-list li")
    counts = [(r.select_one(".mlnews-tag").get_text(), r.select_one(".mlnews-tag-count").get_text()) for r in rows]
    # Most used first; ties in the order of mlnews_tags.
    assert counts == [("生成モデル", "2件"), ("データ拡張", "2件"), ("解釈性", "2件"), ("自己教師あり学習", "1件")]
    for row in rows:
        target, _ = resolve(app, "tags/index", row.select_one("a")["href"])
        assert target == "tags/" + row.select_one(".mlnews-tag").get_text()


@pytest.mark.sphinx("html", testroot="reader")
def test_card_tags_link_to_their_tag_page(app, page):
    app.build()
    card = page(W45).select_one('section[data-arxiv="2010.07432"]')
    links = card.select(".mlnews-tags a.mlnews-tag-link")
    assert [link.select_one("span.mlnews-tag").get_text() for link in links] == ["自己教師あり学習", "データ拡張"]
    assert [resolve(app, W45, link["href"])[0] for link in links] == ["tags/自己教師あり学習", "tags/データ拡張"]
    assert "mlnews-tag" not in links[0]["class"]  # the chip is the span inside


@pytest.mark.sphinx("singlehtml", testroot="reader")
def test_singlehtml_has_no_tag_pages_or_feeds(app):
    app.build()
    assert warnings_of(app) == []
    soup = parse_html(Path(app.outdir) / "index.html")
    assert soup.select("a.mlnews-tag-link") == []
    assert len(soup.select("span.mlnews-tag")) == 8  # every card's tags, the summary's too
    assert not (Path(app.outdir) / "tags").exists()
    assert not (Path(app.outdir) / "feed.xml").exists()


@pytest.mark.sphinx("text", testroot="reader")
def test_text_builder_keeps_tags_as_text(app):
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / f"{W45}.txt").read_text(encoding="utf-8")
    assert "自己教師あり学習 データ拡張" in text


@pytest.mark.sphinx("html", testroot="reader")
def test_social_cards_describe_a_week_by_its_picks(app, page):
    app.build()
    head = page(W45).head
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in head.find_all("meta") if tag.get("content")}
    assert meta["og:title"] == "2020年 第45週 (11月1日〜)"
    assert meta["og:url"] == BASE + W45 + ".html"
    assert meta["og:type"] == "article"
    assert meta["og:description"] == "学習で作る「ビュー」 / 幅と深さで表現はどう変わるか"
    assert meta["description"] == meta["og:description"]
    assert meta["twitter:card"] == "summary_large_image"  # the week's share image (test_share_image.py)
    assert len(head.select('meta[name="description"]')) == 1
    # A summary is described by the picks of its period's weeks.
    summary = page(NOVEMBER).head.select_one('meta[property="og:description"]')
    assert summary["content"] == "学習で作る「ビュー」 / 幅と深さで表現はどう変わるか"


# sphinx-sitemap lists the pages written by the build at hand: publish builds are clean (-E).
@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_sitemap_lists_weeks_summaries_and_tag_pages(app):
    app.build()
    tree = ET.parse(Path(app.outdir) / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    raw = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert all(text.isascii() for text in raw), "the sitemap protocol wants escaped URLs"
    locations = {unquote(text) for text in raw}
    for page in (W44, W45, NOVEMBER, "index", "tags/index", "tags/データ拡張"):
        assert BASE + page + ".html" in locations


def pagefind_entry(app) -> dict:
    """Pagefind's entry file: its languages and how many pages each holds."""
    return json.loads((Path(app.outdir) / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))


def indexed_body(soup):
    """The element Pagefind indexes on a page, or None when it leaves the page out."""
    return soup.select_one("[data-pagefind-body]")


def marks(body, kind: str) -> dict[str, list[str]]:
    """The page's Pagefind filters (or sort keys, meta), by name."""
    found: dict[str, list[str]] = {}
    for element in body.select(f"[data-pagefind-{kind}]"):
        found.setdefault(element[f"data-pagefind-{kind}"], []).append(element.get_text())
    return found


@pytest.mark.sphinx("html", testroot="reader")
def test_site_is_searched_with_pagefind_not_sphinx(app, page):
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    # Indexed: the weeks, summaries, tag pages and the bibliography; in Japanese (<html lang="ja">).
    weeks = [p for p in out.glob("issues/**/*.html")]
    summaries = [p for p in out.glob("summaries/**/*.html")]
    tags = [p for p in out.glob("tags/*.html") if p.name != "index.html"]
    assert weeks and summaries and tags
    entry = pagefind_entry(app)
    assert list(entry["languages"]) == ["ja"]
    assert entry["languages"]["ja"]["page_count"] == len(weeks) + len(summaries) + len(tags) + 1
    assert (out / "pagefind/pagefind.js").is_file() and (out / "pagefind/pagefind-entry.json").is_file()
    # Sphinx's search index is not built, and no page loads its scripts.
    assert not (out / "searchindex.js").exists()
    for docname in (W45, "index", "search", "tags/データ拡張"):
        soup = page(docname)
        sources = [s.get("src", "") for s in soup.find_all("script")]
        assert not any(name in src for src in sources for name in ("searchindex.js", "searchtools.js", "mlnews-search.js"))
    # The search page queries Pagefind's client from its own script (not Pagefind's 134 KB UI),
    # at the address the header box sends ?q= to; its form sends ?q= there too.
    search = page("search")
    scripts = [s.get("src", "") for s in search.find_all("script")]
    assert "_static/mlnews-pagefind.js" in scripts
    assert not any("pagefind-ui" in src for src in scripts)
    assert not any("pagefind-ui" in link.get("href", "") for link in search.find_all("link"))
    box = search.select_one("#mlnews-search")
    assert box["data-bundle"] == "pagefind/"
    assert json.loads(box["data-texts"])["many"] == "「{query}」の検索結果: {count}件"
    field = box.select_one("form[role=search] input[name=q]")
    assert box.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == "サイト内を検索"
    # No temporary folder of the index is left beside it.
    assert not list(out.glob(".pagefind*"))


@pytest.mark.sphinx("html", testroot="reader")
def test_pages_mark_their_content_filters_and_date_for_pagefind(app, page):
    app.build()
    week = page(W45)
    body = indexed_body(week)
    assert body is not None and body.find("h1") is not None
    # The sidebar and header are outside what is indexed.
    assert body.find_parent(class_="bd-sidebar-primary") is None
    assert not body.select(".bd-sidebar-primary, .bd-header")
    tags = {a.get_text() for a in week.select("a.mlnews-tag-link")}
    filters = marks(body, "filter")
    assert set(filters["tag"]) == tags and len(filters["tag"]) == len(tags)
    assert filters["year"] == ["2020"]
    assert "技術的な記事" in filters["section"] or "論文" in filters["section"], filters["section"]
    assert marks(body, "sort") == {"date": ["2020-11-01"]}
    assert body.select_one('section[data-arxiv="2010.07432"]') is not None
    # Navigation is not indexed: the week bar and the picks box are ignored by Pagefind.
    assert week.select_one("nav.mlnews-weeknav").has_attr("data-pagefind-ignore")
    # A summary: its years as filter, no sort key (newest first lists weeks; its paperlists
    # weigh little: test_browser).
    summary = indexed_body(page(NOVEMBER))
    assert summary is not None and marks(summary, "filter")["year"] == ["2020"] and marks(summary, "sort") == {}
    # A tag page: its tag as a filter, its list weighing little.
    tag_page = indexed_body(page("tags/データ拡張"))
    assert marks(tag_page, "filter")["tag"] == ["データ拡張"]
    assert marks(tag_page, "sort") == {}
    assert float(tag_page.select_one("ol.mlnews-tag-entries")["data-pagefind-weight"]) < 1
    assert indexed_body(page("bibliography")) is not None
    # Pages of links only are left out: the landing page, the tag index, the search page.
    for docname in ("index", "tags/index", "search", "genindex"):
        assert indexed_body(page(docname)) is None, docname


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-reindex")
def test_a_rebuild_swaps_in_a_fresh_index(app):
    app.build()
    out = Path(app.outdir)
    first = pagefind_entry(app)["languages"]["ja"]["hash"]
    # A build that writes no page keeps the index as it is.
    entry = out / "pagefind/pagefind-entry.json"
    written = entry.stat().st_mtime_ns
    app.build()
    assert entry.stat().st_mtime_ns == written
    source = Path(app.srcdir) / f"{W45}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n量子化学計算の話題。\n", encoding="utf-8")
    app.build()
    assert pagefind_entry(app)["languages"]["ja"]["hash"] != first
    assert not list(out.glob(".pagefind*"))
    # Every chunk the entry names is there (the old index is gone, not mixed in).
    fragments = {p.name for p in (out / "pagefind/index").iterdir()}
    assert fragments and all(name.startswith("ja_") for name in fragments)


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-failed")
def test_a_failed_build_writes_no_index(app):
    app.build()
    shutil.rmtree(Path(app.outdir) / "pagefind")
    # build-finished with the exception a failed build passes: no index is written.
    app.events.emit("build-finished", RuntimeError("the build failed"))
    assert not (Path(app.outdir) / "pagefind").exists()


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-sphinx-search", confoverrides={"mlnews_search": "sphinx"})
def test_sphinx_search_can_be_chosen_instead(app, page):
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert (out / "searchindex.js").is_file() and not (out / "pagefind").exists()
    assert indexed_body(page(W45)) is None
    scripts = [s.get("src", "") for s in page("search").find_all("script")]
    assert any(src.startswith("searchindex.js") for src in scripts)
    assert not any("pagefind" in src for src in scripts)


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-no-index", confoverrides={"mlnews_search_index": False})
def test_a_draft_build_writes_no_index_and_its_search_page_says_so(app, page):
    """``mlnews_search_index = False`` (``make live``): no Pagefind run, nor Sphinx's index; the
    search page tells the reader instead of loading a UI that has nothing to search."""
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert not (out / "pagefind").exists() and not (out / "searchindex.js").exists()
    search = page("search")
    assert "mlnews_search_index" in search.select_one("p.mlnews-search-off").get_text()
    assert not any("pagefind" in s.get("src", "") for s in search.find_all("script"))
    assert search.select_one("#mlnews-search") is None
    # The pages are the site's as ever: marked for the index that a publishing build writes.
    assert indexed_body(page(W45)) is not None


@pytest.mark.sphinx("latex", testroot="reader", srcdir="reader-latex")
def test_latex_build_writes_no_search_index(app):
    app.build()
    assert not (Path(app.outdir) / "pagefind").exists()
    assert list(Path(app.outdir).glob("*.tex"))


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-incremental")
def test_changed_tags_and_picks_update_tag_pages_feeds_and_summaries_on_rebuild(app, page):
    app.build()
    assert len(page("tags/解釈性").select("li.mlnews-tag-entry")) == 2
    source = Path(app.srcdir) / f"{W45}.md"
    text = source.read_text(encoding="utf-8")
    assert ":pick:\n:tags: 解釈性" in text
    source.write_text(text.replace(":pick:\n:tags: 解釈性", ":tags: 物理とML"), encoding="utf-8")
    reread: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: reread.extend(docnames))
    app.build()
    # The summaries are written again with their new description, not read again.
    assert NOVEMBER not in reread
    assert warnings_of(app) == []
    assert len(page("tags/解釈性").select("li.mlnews-tag-entry")) == 1
    assert [e.title for e in feed(app, "tags/物理とML.xml").entries] == ["幅と深さで表現はどう変わるか"]
    rows = {r.select_one(".mlnews-tag").get_text() for r in page("tags/index").select("ul.mlnews-tag-list li")}
    assert "物理とML" in rows
    # The summary's description follows its weeks' picks though its own source did not change;
    # a summary of another period is not read again.
    description = page(NOVEMBER).head.select_one('meta[property="og:description"]')["content"]
    assert description == "学習で作る「ビュー」"
    assert OCTOBER not in reread
    assert feed(app).entries[0].summary == "学習で作る「ビュー」"


@pytest.mark.sphinx("dirhtml", testroot="reader")
def test_dirhtml_site_has_tag_pages_and_encoded_feed_links(app):
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert (out / "tags/データ拡張/index.html").exists()
    week = parse_html(out / W45 / "index.html")
    link = week.select_one('section[data-arxiv="2010.07432"] a.mlnews-tag-link')
    assert (out / W45 / link["href"] / "index.html").resolve() == (out / "tags/自己教師あり学習/index.html").resolve()
    links = [e.link for e in feed(app, "tags/データ拡張.xml").entries]
    assert links[0] == BASE + W45 + "/#arxiv-2010-07432"
    assert feed(app, "tags/データ拡張.xml").feed.links[0].href == BASE + "tags/%E3%83%87%E3%83%BC%E3%82%BF%E6%8B%A1%E5%BC%B5/"


@pytest.mark.sphinx("html", testroot="reader", srcdir="reader-new-month")
def test_a_week_of_a_new_month_brings_the_finished_summaries_into_the_feed(app):
    app.build()
    assert "2020年11月のまとめ" not in [e.title for e in feed(app).entries]
    for docname, date, title in (
        ("issues/2020/11/w49", "2020-11-29", "2020年 第49週 (11月29日〜)"),
        ("issues/2020/12/w50", "2020-12-06", "2020年 第50週 (12月6日〜)"),
    ):
        page = Path(app.srcdir) / f"{docname}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(
            f"---\ndate: {date}\n---\n\n# {title}\n\n## 技術的な記事\n\n"
            f":::{{item}} https://example.org/{date}\n:title: News of {date}\n:headline: {date} の話題\n\n短い紹介です。\n:::\n",
            encoding="utf-8",
        )
    app.build()
    assert warnings_of(app) == []
    titles = [e.title for e in feed(app).entries]
    assert titles[:3] == ["2020年 第50週 (12月6日〜)", "2020年11月のまとめ", "2020年 第49週 (11月29日〜)"]
    assert feed(app).entries[1].published.startswith("2020-11-30")


@pytest.mark.sphinx("html", testroot="reader")
def test_navigation_is_not_indexed_as_the_text_of_every_page(app, page):
    app.build()
    # Week 44's title is its own page's title, and the text of week 45's bar ("前の週")
    # and of the bibliography's backlinks: both carry no-search, which Pagefind skips.
    w44_title = page(W44).find("h1").get_text().strip("#¶ ")
    bar = page(W45).select_one("nav.mlnews-weeknav")
    assert w44_title in bar.get_text() and "no-search" in bar["class"]
    backlinks = page("bibliography").select_one("p.mlnews-backlinks")
    assert backlinks is not None and "no-search" in backlinks["class"]
    from mlnews.reader.pagefind import EXCLUDE_SELECTORS

    assert ".no-search" in EXCLUDE_SELECTORS
    for element in (bar, *page(W45).select(".mlnews-references, .mlnews-bibtex")):
        assert "no-search" in element["class"]
