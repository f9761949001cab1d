"""The English edition: the same source built with -D language=en into the Japanese site's en/.

What readers of each edition get (twins, hreflang, the language switch, English
everywhere in a translated week, the feed, the sitemap, search), what authors
get when a translation is missing or outdated (the Japanese text, marked, and
one summary line), and incremental builds after a .po edit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import REPO, Built, build, build_edition, normalised, parse_html, replace

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
WEEK = "issues/2020/11/w45"
SITE = "https://akiratosei.github.io/mlnews/"


def test_the_english_edition_builds_without_warnings(english):
    assert english.warnings == []


def test_pages_link_their_twin_both_ways_with_hreflang(real_site, english):
    for site, url in ((real_site.outdir, SITE), (english.outdir, SITE + "en/")):
        page = parse_html(site / f"{WEEK}.html")
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {
            "ja": f"{SITE}{WEEK}.html",
            "en": f"{SITE}en/{WEEK}.html",
            "x-default": f"{SITE}{WEEK}.html",
        }
        assert page.select_one('link[rel="canonical"]')["href"] == f"{url}{WEEK}.html"
    assert parse_html(english.outdir / f"{WEEK}.html").html["lang"] == "en"
    assert parse_html(real_site.outdir / f"{WEEK}.html").html["lang"] == "ja"


@pytest.mark.parametrize("docname", [WEEK, "summaries/2020/q4", "index", "tags/index", "bibliography"])
def test_the_language_switch_leads_to_the_same_page_in_the_other_edition(real_site, english, docname):
    for site, here, there in ((real_site.outdir, "ja", "en"), (english.outdir, "en", "ja")):
        switch = parse_html(site / f"{docname}.html").select_one("nav.mlnews-language-switch")
        assert switch.select_one('[aria-current="page"]')["lang"] == here
        link = switch.select_one(f'a[hreflang="{there}"]')
        assert link.get_text(strip=True) == {"ja": "日本語", "en": "English"}[there]
        target = (site / docname).parent / link["href"]
        assert target.resolve() == ((english.outdir if there == "en" else real_site.outdir) / f"{docname}.html").resolve()


def test_a_translated_week_has_no_japanese_left_in_its_cards(english):
    page = english.page(WEEK)
    cards = page.select("section.mlnews-paper, section.mlnews-item")
    assert len(cards) == 9
    for card in cards:
        assert not JAPANESE.search(card.get_text(" ")), card.get_text(" ")[:300]
    assert page.select_one("h1").get_text(strip=True).startswith("Week 45, 2020 (from Nov 1)")
    assert [h.get_text(strip=True).rstrip("#") for h in page.select("section > h2")][:4] == [
        "Machine Learning Papers", "Technical Articles", "Examples of Machine Learning use cases", "Other topics",
    ]  # fmt: skip
    # The sections keep their anchors, so a link to #papers works in both editions.
    assert [s["id"] for s in page.select("section#papers, section#articles, section#applications, section#other")] == [
        "papers", "articles", "applications", "other",
    ]  # fmt: skip
    assert page.select_one(".mlnews-picks-title").get_text(strip=True) == "This week's picks"
    assert page.select_one(".mlnews-card-featured-in-label").get_text(strip=True) == "Featured in:"
    assert page.select_one(".mlnews-tag").get_text(strip=True) == "Generative models"
    assert page.select_one("button.mlnews-bibtex-copy").get_text(strip=True) == "Copy"


def test_every_page_of_the_english_edition_is_english_outside_bibtex(english):
    for path in sorted(english.outdir.rglob("*.html")):
        page = parse_html(path)
        for skip in page.select(".mlnews-bibtex-block, .mlnews-language-switch, script, style"):
            skip.decompose()
        main = page.select_one("main") or page
        assert not JAPANESE.search(main.get_text(" ")), (path, JAPANESE.findall(main.get_text(" "))[:10])


def test_each_edition_has_its_feed(real_site, english):
    japanese = feedparser.parse((real_site.outdir / "feed.xml").read_bytes())
    feed = feedparser.parse((english.outdir / "feed.xml").read_bytes())
    assert feed.bozo == 0 and japanese.bozo == 0
    assert feed.feed.language == "en" and japanese.feed.language == "ja"
    assert feed.feed.link == f"{SITE}en/index.html"
    titles = [entry.title for entry in feed.entries]
    assert "Week 45, 2020 (from Nov 1)" in titles
    assert all(entry.link.startswith(f"{SITE}en/") for entry in feed.entries)
    assert len(feed.entries) == len(japanese.entries)
    assert not any(JAPANESE.search(t) for t in titles)


def test_the_sitemap_lists_every_page_with_its_twins(real_site, english):
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for site, base in ((real_site.outdir, SITE), (english.outdir, SITE + "en/")):
        root = ElementTree.parse(site / "sitemap.xml").getroot()
        urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
        week = urls[f"{base}{WEEK}.html"]
        alternates = {link.get("hreflang"): link.get("href") for link in week.findall("x:link", ns)}
        assert alternates == {"ja": f"{SITE}{WEEK}.html", "en": f"{SITE}en/{WEEK}.html", "x-default": f"{SITE}{WEEK}.html"}
        assert all(loc.startswith(base) for loc in urls)


def test_each_edition_has_its_own_search_index(real_site, english):
    japanese = json.loads((real_site.outdir / "pagefind/pagefind-entry.json").read_text())
    entry = json.loads((english.outdir / "pagefind/pagefind-entry.json").read_text())
    assert list(japanese["languages"]) == ["ja"]
    assert list(entry["languages"]) == ["en"]
    # Each index holds its own edition's pages only (the English ones are not in the Japanese index).
    assert entry["languages"]["en"]["page_count"] == japanese["languages"]["ja"]["page_count"]


def _copy_of_the_site(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".*", "_build", "tests", "bench", "test-artifacts", "*.mo", "__pycache__")
    shutil.copytree(REPO, dest, ignore=ignore)
    return dest


@pytest.fixture(scope="module")
def half_translated(tmp_path_factory) -> tuple[Built, Path]:
    """A copy of the site whose week 45 has one outdated translation and week 49 none at all."""
    tmp = tmp_path_factory.mktemp("half-translated")
    src = _copy_of_the_site(tmp / "src")
    po = src / "locale/en/LC_MESSAGES" / f"{WEEK}.po"
    # The Japanese of week 45's first card changed since it was translated: sphinx-intl marks it fuzzy.
    text = po.read_text(encoding="utf-8")
    first = text.index('msgid "「学習してほしくない本物のデータ」を GAN に教える"')
    po.write_text(text[:first] + "#, fuzzy\n" + text[first:], encoding="utf-8")
    (src / "locale/en/LC_MESSAGES/issues/2020/11/w49.po").unlink()
    site = tmp / "site"
    build(src, tmp / "ja")  # not needed by the English pages; as make html builds both
    return build_edition(src, site, "en", fresh=True), src


def test_an_untranslated_text_shows_the_japanese_marked_for_readers(half_translated):
    built, _src = half_translated
    assert built.warnings == []  # -W builds stay usable while a week is being translated
    week = built.page(WEEK)
    headline = week.select_one("section.mlnews-paper h3")
    assert "ＧＡＮ" in headline.get_text() or "GAN に教える" in headline.get_text()
    assert "mlnews-untranslated" in headline["class"]
    # The rest of the week is translated and not marked.
    second = week.select("section.mlnews-paper")[1]
    assert not second.select(".mlnews-untranslated")
    untranslated_week = built.page("issues/2020/11/w49")
    notes = untranslated_week.select(".mlnews-untranslated > .mlnews-untranslated-note")
    assert notes and all(n.get_text(strip=True) == "Not yet translated" for n in notes)
    assert JAPANESE.search(untranslated_week.select_one("section.mlnews-paper, section.mlnews-item").get_text())


def test_the_build_names_the_pages_that_lack_translations_in_one_line(half_translated):
    built, _src = half_translated
    status = built.app.status.getvalue()
    lines = [line for line in status.splitlines() if "lack translations" in line]
    assert len(lines) == 1
    assert f"{WEEK} (1)" in lines[0]
    assert "issues/2020/11/w49 (" in lines[0]
    assert "2 of " in lines[0]


def _sphinx_build(src: Path, out: Path, *options: str) -> set[str]:
    """``sphinx-build`` in a process of its own, as ``make html`` runs it; the pages it read.

    (In one process, Python's gettext keeps the first catalog it loaded from a
    ``.mo`` path: an edited catalog is only read anew by a new process.)
    """
    from sphinx.util.console import strip_escape_sequences

    # CI=true (or FORCE_COLOR) makes Sphinx print its progress in colour on one
    # line, rewritten with carriage returns: ask for plain lines, and strip any codes.
    environment = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-N", "-b", "html", "-D", "mlnews_search_index=0", *options, str(src), str(out)],
        capture_output=True, text=True, check=True, env=environment,
    )  # fmt: skip
    lines = strip_escape_sequences(done.stdout).replace("\r", "\n")
    return set(re.findall(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)\s*$", lines, re.M))


def test_editing_a_po_file_rebuilds_its_page_like_a_clean_build(tmp_path):
    src = _copy_of_the_site(tmp_path / "src")
    site = tmp_path / "site"
    _sphinx_build(src, site / "en", "-D", "language=en")
    po = src / "locale/en/LC_MESSAGES" / f"{WEEK}.po"
    replace(po, 'msgstr "Teaching a GAN which real data it should not learn"', 'msgstr "Telling a GAN which real data to avoid"')
    assert _sphinx_build(src, site / "en", "-D", "language=en") == {WEEK}
    week = parse_html(site / "en" / f"{WEEK}.html")
    assert week.select_one("section.mlnews-paper h3").get_text(strip=True).startswith("Telling a GAN")
    clean = tmp_path / "clean"
    _sphinx_build(src, clean, "-E", "-D", "language=en")
    for path in sorted(clean.rglob("*.html")):
        relative = path.relative_to(clean)
        assert normalised(site / "en" / relative) == normalised(path), relative


def _messages_of_the_extension() -> dict[str, list[str]]:
    """Every text mlnews writes through its catalog: ``_()`` in the code, ``mlnews_gettext()`` in templates."""
    from babel.messages.extract import extract_from_dir

    package = REPO / "_ext/mlnews"
    found: dict[str, list[str]] = {}
    runs = (
        ([("cli/**.py", "ignore"), ("**.py", "python")], {"_": None}),
        ([("templates/**.html", "jinja2")], {"mlnews_gettext": None}),
    )
    for method_map, keywords in runs:
        for filename, line, message, _comments, _context in extract_from_dir(
            str(package), method_map=method_map, keywords=keywords, options_map={"templates/**.html": {}}
        ):
            found.setdefault(message, []).append(f"{filename}:{line}")
    return found


def test_every_text_of_the_extension_has_its_japanese_translation():
    from babel.messages.pofile import read_po

    from mlnews.i18n import PO_DIR

    with (PO_DIR / "ja/LC_MESSAGES/mlnews.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    used = _messages_of_the_extension()
    assert len(used) > 40
    missing = {message: places for message, places in used.items() if message not in translated}
    assert missing == {}
    unused = sorted(set(translated) - set(used))
    assert unused == []
    # The placeholders survive translation ({year}, {count}, ...).
    for message in used:
        allowed = set(re.findall(r"{\w+}", message)) | ({"{month}"} if "{month_name}" in message else set())
        assert set(re.findall(r"{\w+}", translated[message])) <= allowed, message


def test_the_share_image_of_an_english_week_is_in_english(real_site, english):
    page = english.page(WEEK)
    alt = page.select_one('meta[property="og:image:alt"]')["content"]
    assert alt.startswith("Akira's ML news Week 45, 2020 (from Nov 1). Editor's picks: Learned “views”")
    assert not JAPANESE.search(alt)
    image = page.select_one('meta[property="og:image"]')["content"]
    assert image == f"{SITE}en/_share/{WEEK}.png"
    english_png = (english.outdir / "_share" / f"{WEEK}.png").read_bytes()
    assert english_png != (real_site.outdir / "_share" / f"{WEEK}.png").read_bytes()
