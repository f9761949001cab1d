"""The real site in a real browser: Debian's chromium driven by Playwright.

The site of this repository is built once, served on 127.0.0.1 by an
http.server thread, and read the way a reader does: search, sidebar, week
navigation, tags, the BibTeX copy button, phone width and dark mode.
Screenshots go to ``test-artifacts/`` (gitignored) for a person to look at.

Playwright cannot download its own browser here: it drives ``/usr/bin/chromium``
(apt package ``chromium``; ``fonts-noto-cjk`` draws the Japanese). Without
chromium the tests skip on a developer's machine and fail in CI (``CI`` set).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
WEEK = "issues/2020/11/w45"
CONTRASTIVE_PAPER = "2010.07432"  # Viewmaker networks: the week's contrastive-learning paper

if not CHROMIUM.exists():
    reason = "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)"
    if os.environ.get("CI"):
        raise RuntimeError(reason + "; .ci/run installs it")
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    """The repository's site (conftest builds it once per session).

    It is built before Playwright starts (``browser`` needs it): sphinx-sitemap
    starts a multiprocessing manager on each build, and one forked while
    Playwright runs would hold its driver's pipe open forever.
    """
    return real_site.outdir


@pytest.fixture(scope="module")
def base_url(site: Path):
    """The built site served on 127.0.0.1 (a free port) while the tests run."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser(site):
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Reader:
    """A browser tab that records every console error and uncaught exception."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="load")

    def docname(self) -> str:
        """The docname of the page the tab shows."""
        path = unquote(urlsplit(self.page.url).path).lstrip("/")
        return re.sub(r"\.html$", "", path)


@pytest.fixture
def reader(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    tab = Reader(context.new_page(), base_url)
    yield tab
    context.close()


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _result_docnames(reader: Reader, query: str) -> list[str]:
    reader.open(f"search.html?q={query}")
    results = reader.page.locator("#search-results ul.search li a")
    # searchtools.js sets the heading to "Search Results" (translated) when it is done.
    reader.page.wait_for_function(
        "() => typeof Search !== 'undefined' && Search.title && Search.title.innerText === Documentation.gettext('Search Results')",
        timeout=15_000,
    )
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    return sorted({re.sub(r"\.html.*$", "", unquote(h)) for h in hrefs if h})


@pytest.mark.parametrize(
    "query",
    [
        "対照学習",
        "機械学習",
        "敵対的摂動",
        "Viewmaker Networks: Learning Views for Unsupervised Representation Learning",
        "Teaching a GAN What Not to Learn",
    ],
)
def test_search_finds_the_week_of_a_compound_query(reader, query):
    assert WEEK in _result_docnames(reader, query)
    assert reader.errors == []


def test_search_splits_the_query_like_the_index(reader):
    reader.open("search.html")
    split = reader.page.evaluate("(q) => splitQuery(q)", "対照学習と敵対的摂動、Self-Supervised")
    assert split == ["対照", "学習", "敵対", "摂動", "Self", "Supervised"]


def test_browser_segmenter_cuts_like_the_index_segmenter(reader):
    """The browser's segmenter and Sphinx's Python one cut every line of the site alike."""
    from sphinx.search.ja import DefaultSplitter

    lines = sorted(
        {
            line.strip()
            for path in REPO.glob("issues/*/*/w*.md")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith((":", "-", "#"))
        }
    )
    assert len(lines) > 100
    reader.open("search.html")
    cut = reader.page.evaluate("(lines) => lines.map((l) => mlnewsSegment(mlnewsSplitterModel, l))", lines)
    splitter = DefaultSplitter({})
    assert cut == [splitter.split(line) for line in lines]


def test_search_result_at_phone_width(reader):
    reader.page.set_viewport_size(PHONE)
    assert WEEK in _result_docnames(reader, "対照学習")
    # The result's excerpt highlights the query's words, as the index cut them.
    highlighted = set(reader.page.locator("#search-results ul.search li .highlighted").all_inner_texts())
    assert highlighted and highlighted <= {"対照", "学習"}
    assert _no_horizontal_scroll(reader.page)
    _screenshot(reader.page, "search-phone")
    assert reader.errors == []


def test_search_for_a_missing_word_finds_nothing(reader):
    assert _result_docnames(reader, "量子化学計算") == []


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_week_page_at_desktop_and_phone_width(browser, base_url, scheme):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, locale="ja-JP", color_scheme=scheme)
        reader = Reader(context.new_page(), base_url)
        reader.open(f"{WEEK}.html")
        page = reader.page
        assert page.locator("html").get_attribute("data-theme") == scheme
        card = page.locator(f'section.mlnews-paper[data-arxiv="{CONTRASTIVE_PAPER}"]')
        assert card.is_visible()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        assert _no_horizontal_scroll(page), f"{name}/{scheme}: the page scrolls sideways"
        for image in page.locator(".mlnews-card-figure img").all():
            image_box = image.bounding_box()
            assert image_box["width"] <= box["width"]
        # The card is drawn on the theme's surface colour, whichever the mode.
        colours = card.evaluate(
            "(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(el).color]"
        )
        assert colours[0] != colours[2]
        _screenshot(page, f"week-{name}-{scheme}")
        assert reader.errors == []
        context.close()


def test_tag_links_lead_to_the_tag_page_and_back_to_the_card(reader):
    reader.open(f"{WEEK}.html")
    card = reader.page.locator(f'section.mlnews-paper[data-arxiv="{CONTRASTIVE_PAPER}"]')
    card.locator("a.mlnews-tag-link", has_text="データ拡張").click()
    reader.page.wait_for_load_state("load")
    assert reader.docname() == "tags/データ拡張"
    entry = reader.page.locator(".mlnews-tag-entries a.mlnews-tag-entry-link", has_text="手作りのデータ拡張")
    assert entry.count() == 1
    entry.click()
    reader.page.wait_for_load_state("load")
    assert reader.docname() == WEEK
    assert urlsplit(reader.page.url).fragment == "arxiv-2010-07432"
    reader.open("tags/index.html")
    assert reader.page.locator(".mlnews-tag-list li").count() >= 5
    _screenshot(reader.page, "tags-index")
    assert reader.errors == []


def test_pages_link_their_feed(reader):
    import feedparser

    reader.open(f"{WEEK}.html")
    href = reader.page.locator('link[rel="alternate"][type="application/atom+xml"]').first.get_attribute("href")
    assert href.endswith("/feed.xml")
    body = reader.page.request.get(reader.base_url + "feed.xml").text()
    feed = feedparser.parse(body)
    assert not feed.bozo
    assert feed.entries[0].link.endswith(_week_docnames()[-1] + ".html")  # the newest week first


def _week_docnames() -> list[str]:
    """The weeks of the site, oldest first, by the start date in their front matter."""
    dated = []
    for path in REPO.glob("issues/*/*/w*.md"):
        match = re.search(r"^date:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        dated.append((match.group(1) if match else "", path.relative_to(REPO).with_suffix("").as_posix()))
    return [docname for _, docname in sorted(dated)]


def test_week_navigation_bar_goes_to_the_previous_and_next_week(reader):
    reader.open(f"{WEEK}.html")
    assert reader.page.locator("nav.mlnews-weeknav").count() == 2, "a bar at the top and at the bottom of the week"
    weeks = _week_docnames()
    here = weeks.index(WEEK)
    assert here > 0, "the test needs a week before week 45"
    reader.page.locator("nav.mlnews-weeknav a[rel=prev]").first.click()
    reader.page.wait_for_load_state("load")
    assert reader.docname() == weeks[here - 1]
    reader.page.locator("nav.mlnews-weeknav a[rel=next]").first.click()
    reader.page.wait_for_load_state("load")
    assert reader.docname() == WEEK
    # At phone width the bar stays inside the screen.
    reader.page.set_viewport_size(PHONE)
    bar = reader.page.locator("nav.mlnews-weeknav").first
    box = bar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    assert _no_horizontal_scroll(reader.page)
    _screenshot(reader.page, "weeknav-phone")
    assert reader.errors == []


def _sidebar_link(reader: Reader, docname: str):
    """The primary sidebar's link to *docname*, wherever the theme nests it."""
    for link in reader.page.locator(".bd-sidebar-primary nav a.reference").all():
        href = link.get_attribute("href") or ""
        if href.startswith(("http:", "https:", "#")):
            continue
        target = urlsplit(reader.page.url)._replace(query="", fragment="").geturl()
        resolved = unquote(urlsplit(urljoin(target, href)).path).lstrip("/")
        if re.sub(r"\.html$", "", resolved) == docname:
            return link
    return None


def test_sidebar_goes_from_year_to_month_to_week(reader):
    reader.open("index.html")
    for docname in ("summaries/2020/index", "summaries/2020/11", WEEK):
        link = _sidebar_link(reader, docname)
        assert link is not None, f"no sidebar link to {docname} on {reader.docname()}"
        if not link.is_visible():
            # A collapsed branch: open it with its toggle, as a reader would.
            link.locator("xpath=ancestor::li[1]/details/summary | ancestor::details[1]/summary").first.click()
        link.click()
        reader.page.wait_for_load_state("load")
        assert reader.docname() == docname
    assert reader.errors == []


def test_bibtex_copy_button_puts_the_entry_on_the_clipboard(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP", permissions=["clipboard-read", "clipboard-write"])
    reader = Reader(context.new_page(), base_url)
    reader.open(f"{WEEK}.html")
    card = reader.page.locator(f'section.mlnews-paper[data-arxiv="{CONTRASTIVE_PAPER}"]')
    button = card.locator("details.mlnews-bibtex button.mlnews-bibtex-copy")
    assert button.count() == 1, "the card's BibTeX block has its copy button"
    button.first.click()
    copied = ""
    for _ in range(50):  # the copy is asynchronous
        copied = reader.page.evaluate("() => navigator.clipboard.readText()")
        if copied:
            break
        reader.page.wait_for_timeout(100)
    entry = card.locator("details.mlnews-bibtex pre").first.text_content()
    assert copied == entry
    assert copied.lstrip().startswith("@") and CONTRASTIVE_PAPER in copied
    assert reader.errors == []
    context.close()


def test_no_console_errors_on_every_kind_of_page(reader):
    for path in ("index.html", f"{WEEK}.html", "bibliography.html", "tags/index.html", "search.html?q=GAN"):
        reader.open(path)
        reader.page.wait_for_timeout(200)
    assert reader.errors == []

