"""Tag pages are written again only when what they show changed; the sitemap lists every page.

Tag pages are not documents (``html-collect-pages``); ``test_archive_rebuilds``
shows they are never stale after an edit. These tests show they are not
written for nothing, that a missing or unrecorded page is written, and that
sitemap.xml lists the whole site after an incremental build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

from conftest import build, copy_root, parse_html, replace

W46 = "issues/2020/11/w46.md"


def stamps(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.glob("*.html"))}


def rewritten(folder: Path, before: dict[str, int]) -> set[str]:
    return {name for name, mtime in stamps(folder).items() if before.get(name) != mtime}


def test_tag_pages_are_written_only_when_they_change(tmp_path):
    src, out = copy_root("archive", tmp_path / "src"), tmp_path / "build"
    build(src, out)
    tags = out / "html" / "tags"
    first = stamps(tags)
    assert {"index.html", "医療.html", "解釈性.html"} <= set(first)

    # A sentence in a week: no tag page shows it.
    replace(src / W46, "## 論文\n", "今週は短めです。\n\n## 論文\n")
    build(src, out)
    assert rewritten(tags, first) == set()

    # A tag added to a card: that tag's page and the index, whose count changed.
    replace(src / W46, ":tags: 解釈性, 画像認識\n", ":tags: 解釈性, 画像認識, 医療\n")
    build(src, out)
    assert rewritten(tags, first) == {"index.html", "医療.html"}
    listed = [a["href"] for a in parse_html(tags / "医療.html").select("ol.mlnews-tag-entries a.mlnews-tag-entry-link")]
    assert any(href.startswith("../issues/2020/11/w46.html#") for href in listed)
    # The index counts the new card under its tag.
    counts = {
        li.select_one(".mlnews-tag").get_text(): li.select_one(".mlnews-tag-count").get_text()
        for li in parse_html(tags / "index.html").select("ul.mlnews-tag-list > li")
    }
    assert counts["医療"] == "2件"

    # A page deleted from the output, and a lost record of digests: written again.
    second = stamps(tags)
    (tags / "解釈性.html").unlink()
    build(src, out)
    assert rewritten(tags, second) == {"解釈性.html"}
    (out / "html" / ".mlnews-pages.json").unlink()
    third = stamps(tags)
    build(src, out)
    assert rewritten(tags, third) == set(third)


def sitemap(outdir: Path) -> list[str]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(outdir / "sitemap.xml")
    return [unquote(loc.text or "") for loc in tree.getroot().findall("s:url/s:loc", namespace)]


def reader_site(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the reader test root (it has html_baseurl: feeds and a sitemap)."""
    src, out = copy_root("reader", tmp_path / "src"), tmp_path / "build"
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8") + "templates_path: list[str] = []\nhtml_static_path: list[str] = []\n",
        encoding="utf-8",
    )
    return src, out


def feed_stamps(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in sorted(outdir.rglob("*.xml")) if p.name != "sitemap.xml"}


def test_feeds_are_written_only_when_their_entries_change(tmp_path):
    src, out = reader_site(tmp_path)
    build(src, out)
    html = out / "html"
    first = feed_stamps(html)
    assert {"feed.xml", "tags/生成モデル.xml", "tags/解釈性.xml"} <= set(first)
    w45 = src / "issues/2020/11/w45.md"
    # A sentence: no feed entry shows it.
    replace(w45, ":tags: 解釈性\n", ":tags: 解釈性\n\n層の似かたを比べます。\n")
    build(src, out)
    assert feed_stamps(html) == first
    # A pick's headline: its card's title in its tag's feed, and the week's summary
    # (its picks) in the site's feed; no other tag's feed shows it.
    replace(w45, ":headline: 幅と深さで表現はどう変わるか\n", ":headline: 幅と深さが表現を変える\n")
    build(src, out)
    after = feed_stamps(html)
    assert {path for path in after if after[path] != first[path]} == {"feed.xml", "tags/解釈性.xml"}
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.text for e in ET.parse(html / "tags/解釈性.xml").getroot().iter(f"{atom}title")]
    assert "幅と深さが表現を変える" in titles
    summaries = [e.text or "" for e in ET.parse(html / "feed.xml").getroot().iter(f"{atom}summary")]
    assert any("幅と深さが表現を変える" in text for text in summaries)


def test_sitemap_lists_every_page_after_an_incremental_build(tmp_path):
    src, out = reader_site(tmp_path)
    build(src, out)
    clean = sitemap(out / "html")
    week = next(path for path in sorted((src / "issues").rglob("*.md")))
    text = week.read_text(encoding="utf-8")
    replace(week, text, text + "\n追記です。\n")
    again = build(src, out)
    assert len(again.written) < len(again.docnames), "an incremental build"
    after = sitemap(out / "html")
    assert after == sorted(after) == clean
    base = "https://news.example.org/ml/"
    html_pages = {
        base + str(path.relative_to(out / "html"))
        for path in (out / "html").rglob("*.html")
        if not path.relative_to(out / "html").parts[0].startswith("_")
    }
    assert set(after) == html_pages
