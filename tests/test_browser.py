"""The real site in a real browser: Debian's chromium driven by Playwright.

The site of this repository is built once, served on 127.0.0.1 by an
http.server thread, and read the way a reader does: search, sidebar, week
navigation, tags, the BibTeX copy button, phone width and dark mode.
Screenshots go to ``test-artifacts/`` (gitignored) for a person to look at.

Accessibility: axe-core (axe-playwright-python bundles it) checks every kind of
page at desktop and phone width in light and dark mode, and fails on any
serious or critical violation; the keyboard tests reach the search box, a
sidebar branch and the BibTeX block and its copy button with Tab, use them
with Enter and see a focus ring. (The language switch comes with the English
edition, issue 18: there is none to drive yet.)

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
from urllib.parse import quote, unquote, urljoin, urlsplit

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
from axe_playwright_python.sync_playwright import Axe  # noqa: E402 - after the chromium check

PAGE_KINDS = {
    "home": "index.html",
    "week": f"{WEEK}.html",
    "month": "summaries/2020/11.html",
    "quarter": "summaries/2020/q4.html",
    "half": "summaries/2020/h2.html",
    "year": "summaries/2020/index.html",
    "bibliography": "bibliography.html",
    "tag index": "tags/index.html",
    "tag": "tags/データ拡張.html",
    "search": "search.html?q=対照学習",
}
"""One page of each kind the site has (the search page with results)."""

SERIOUS = {"serious", "critical"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture(scope="module")
def site(real_site, english) -> Path:
    """The repository's site (conftest builds it once per session).

    It is built before Playwright starts (``browser`` needs it): sphinx-sitemap
    starts a multiprocessing manager on each build, and one forked while
    Playwright runs would hold its driver's pipe open forever. Its English
    edition is in ``en/``, as ``make html`` builds it.
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


def _search(reader: Reader, query: str, extra: str = "") -> int:
    """Open ``search.html?q=<query>`` and wait for the search page to show its results; their count."""
    reader.open(f"search.html?q={quote(query)}{extra}")
    return _result_count(reader)


def _result_count(reader: Reader, other_than: int | None = None) -> int:
    """The number of results the page reports, once it has shown them (and, with *other_than*, a new count)."""
    # mlnews-pagefind.js sets data-state="done" and data-count when the message and the first results are in.
    reader.page.wait_for_function(
        """(other) => {
            const box = document.getElementById('mlnews-search');
            if (!box || box.dataset.state !== 'done') return false;
            return other === null || Number(box.dataset.count) !== other;
        }""",
        arg=other_than,
        timeout=15_000,
    )
    count = int(reader.page.locator("#mlnews-search").get_attribute("data-count"))
    # What a reader reads says the same: "「…」の検索結果: N件", or that nothing was found.
    message = reader.page.locator(".mlnews-search-message").inner_text()
    assert (f"{count}件" in message) if count else ("見つかりませんでした" in message), message
    shown = reader.page.locator(".mlnews-search-result").count()
    assert shown == min(count, 5), (shown, count)
    return count


def _result_docnames(reader: Reader) -> list[str]:
    """The pages of the results shown, in rank order."""
    hrefs = reader.page.locator(".mlnews-search-result-title a").evaluate_all("links => links.map((a) => a.href)")
    return [re.sub(r"\.html.*$", "", unquote(urlsplit(href).path).lstrip("/")) for href in hrefs]


@pytest.mark.parametrize(
    ("query", "week"),
    [
        ("咳", WEEK),  # one kanji, a word of its own
        ("機械学習", "issues/2020/11/w48"),  # in seven weeks; week 48 says it most
        ("対照学習", "issues/2020/11/w49"),  # weeks 49 and 45; 49 says it twice
        ("敵対的摂動", WEEK),  # 敵対的 and 摂動 apart, in week 45's text
        ("Viewmaker", WEEK),  # in week 45's card and in two summaries that list it
    ],
)
def test_search_ranks_the_week_first_with_the_query_highlighted(reader, query, week):
    assert _search(reader, query) > 0
    docnames = _result_docnames(reader)
    assert docnames[0] == week, docnames
    # The first result's excerpt highlights (<mark>) what it matched of the query.
    first = reader.page.locator(".mlnews-search-result").first
    marked = first.locator(".mlnews-search-result-excerpt").first.locator("mark").all_inner_texts()
    assert marked and all(text.strip() and text.strip().lower() in query.lower() for text in marked), marked
    # The excerpts are the pages' words, without the headings' "#" permalinks.
    excerpts = reader.page.locator(".mlnews-search-result-excerpt").all_inner_texts()
    assert excerpts and not any("#" in text for text in excerpts), excerpts
    assert reader.errors == []


def test_week_ranks_above_tag_pages_and_summaries_that_list_its_card(reader):
    _search(reader, "Viewmaker")
    docnames = _result_docnames(reader)
    listings = [d for d in docnames if d.startswith(("summaries/", "tags/"))]
    assert listings, docnames  # the summaries and tag pages are found too, below the week
    assert docnames.index(WEEK) < min(docnames.index(d) for d in listings)


def test_tag_filter_narrows_the_results(reader):
    everything = _search(reader, "機械学習")
    assert everything > 1
    tags = reader.page.locator('details.mlnews-search-filter[data-filter="tag"]')
    assert tags.locator("summary").inner_text() == "タグ"
    tags.locator("summary").click()
    medicine = tags.locator('input.mlnews-search-filter-checkbox[name="tag"][value="医療"]')
    medicine.check()
    narrowed = _result_count(reader, other_than=everything)
    assert 0 < narrowed < everything
    # The chosen value's count is the number of results it leaves.
    label = tags.locator("label", has=reader.page.locator('input[name="tag"][value="医療"]')).inner_text()
    assert label.strip() == f"医療 ({narrowed})", label
    assert reader.errors == []


def test_newest_first_lists_the_latest_week_first(reader):
    _search(reader, "機械学習", "&sort=date")
    docnames = _result_docnames(reader)
    assert docnames[0] == "issues/2020/12/w50", docnames
    assert reader.page.locator("#mlnews-search-newest").get_attribute("aria-current") == "true"


def test_header_search_box_leads_to_the_results(reader):
    reader.open(f"{WEEK}.html")
    reader.page.keyboard.press("Control+k")
    box = reader.page.locator("form.bd-search input[name='q']:visible").first
    box.fill("咳")
    box.press("Enter")
    reader.page.wait_for_url(re.compile(r"search\.html\?q="))
    _result_count(reader)
    assert _result_docnames(reader)[0] == WEEK


def test_search_result_at_phone_width(reader):
    reader.page.set_viewport_size(PHONE)
    _search(reader, "対照学習")
    assert WEEK in _result_docnames(reader)
    assert _no_horizontal_scroll(reader.page)
    _screenshot(reader.page, "search-phone")
    assert reader.errors == []


def test_search_for_a_missing_word_finds_nothing(reader):
    assert _search(reader, "量子化学計算") == 0
    assert _result_docnames(reader) == []


def test_a_new_query_from_the_field_and_more_results_by_keyboard(reader):
    assert _search(reader, "咳") > 0
    field = reader.page.locator("#mlnews-search-field")
    assert field.input_value() == "咳"
    field.fill("機械学習")
    field.press("Enter")
    reader.page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '機械学習'")
    count = _result_count(reader)
    assert count > 5  # more than the first five
    assert reader.page.locator("#mlnews-search-newest").get_attribute("href") == "?q=%E6%A9%9F%E6%A2%B0%E5%AD%A6%E7%BF%92&sort=date"
    more = reader.page.locator("button.mlnews-search-more")
    assert more.is_visible()
    _tab_to(reader.page, "button.mlnews-search-more")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_function("(n) => document.querySelectorAll('.mlnews-search-result').length === n", arg=min(count, 10))
    docnames = _result_docnames(reader)
    assert len(set(docnames)) == len(docnames) == min(count, 10)
    assert more.is_visible() == (count > 10)
    assert reader.errors == []


def test_the_english_edition_searches_its_own_index(reader):
    reader.open("en/search.html?q=contrastive")
    reader.page.wait_for_function("() => document.getElementById('mlnews-search').dataset.state === 'done'", timeout=15_000)
    count = int(reader.page.locator("#mlnews-search").get_attribute("data-count"))
    assert count > 0
    assert reader.page.locator(".mlnews-search-message").inner_text() == f"{count} results for “contrastive”"
    hrefs = reader.page.locator(".mlnews-search-result-title a").evaluate_all("links => links.map((a) => a.href)")
    # The English index: every result is a page of the English edition.
    assert hrefs and all(urlsplit(href).path.startswith("/en/") for href in hrefs), hrefs
    assert reader.page.locator('details.mlnews-search-filter[data-filter="tag"] summary').inner_text() == "Tag"
    assert reader.errors == []


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
    button = card.locator(".mlnews-bibtex-block > button.mlnews-bibtex-copy")
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



def _serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}) on {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['target']}: {v['help']}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_accessibility_violation_on_any_kind_of_page(browser, base_url, width, scheme):
    viewport = DESKTOP if width == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, locale="ja-JP", color_scheme=scheme)
    reader = Reader(context.new_page(), base_url)
    found: dict[str, list[str]] = {}
    for kind, path in PAGE_KINDS.items():
        reader.open(path)
        if kind == "search":
            assert _result_count(reader) > 0  # Pagefind's results shown
        found[kind] = _serious_violations(reader.page)
    # The states a reader opens: every BibTeX block (with sphinx-copybutton's buttons) and,
    # at phone width, the sidebar's dialog.
    reader.open(f"{WEEK}.html")
    reader.page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    found["week, BibTeX open"] = _serious_violations(reader.page)
    if width == "phone":
        reader.page.locator("button.primary-toggle:visible").first.click()
        reader.page.locator("#pst-primary-sidebar-modal nav.mlnews-sidebar-nav").wait_for()
        found["week, sidebar open"] = _serious_violations(reader.page)
    _screenshot(reader.page, f"a11y-week-{width}-{scheme}")
    assert {kind: lines for kind, lines in found.items() if lines} == {}
    # No check of reader.errors here: axe-core fetches the page's style sheets to read
    # them, and resolves the theme's `@import "../basic.css"` against the page (a 404).
    context.close()


_FOCUS_RING = r"""() => {
  const element = document.activeElement;
  const ring = (x) => {
    const style = getComputedStyle(x);
    const colour = (text) => (text.match(/rgba?\([^)]*\)/) || ["rgb(0, 0, 0)"])[0];
    const opaque = (text) => !/rgba\([^)]*,\s*0\)/.test(colour(text));
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && opaque(style.outlineColor);
    // A ring drawn as a shadow: not inset, spread of 2 px or more, not transparent.
    const shadow = style.boxShadow !== "none" && style.boxShadow.split(/,(?![^(]*\))/).some((part) => {
      const sizes = part.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).map(parseFloat);
      return !part.includes("inset") && sizes.length >= 4 && sizes[3] >= 2 && opaque(part);
    });
    return outline || shadow;
  };
  // The theme draws a sidebar toggle's ring on its icon.
  return element.matches(":focus-visible") && (ring(element) || [...element.children].some(ring));
}"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("kind", ["week", "search"])
def test_every_control_shows_where_the_focus_is(browser, base_url, kind, width):
    context = browser.new_context(viewport=DESKTOP if width == "desktop" else PHONE, locale="ja-JP")
    reader = Reader(context.new_page(), base_url)
    page = reader.page
    if kind == "week":
        reader.open(f"{WEEK}.html")
        page.evaluate("() => document.querySelectorAll('details.mlnews-bibtex').forEach((d) => { d.open = true; })")
    else:
        assert _search(reader, "対照学習") > 0  # the search field, filters, results and buttons
    without_ring, visited = [], 0
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break  # past the last control
        visited += 1
        if not page.evaluate(_FOCUS_RING):
            without_ring.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"))
    assert visited > (50 if kind == "week" else 10)  # a week: sidebar, week bars, picks, cards, BibTeX
    assert without_ring == []
    context.close()


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches *selector* (or fail after *limit* presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            assert page.evaluate(_FOCUS_RING), f"{selector} has focus but no visible focus ring"
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_keyboard_opens_a_sidebar_branch(reader):
    reader.open(f"{WEEK}.html")
    _tab_to(reader.page, "nav.mlnews-sidebar-nav li.current > details > summary")
    branch = reader.page.evaluate_handle("() => document.activeElement.parentElement")
    assert branch.evaluate("(d) => d.open")
    reader.page.keyboard.press("Enter")
    assert not branch.evaluate("(d) => d.open")
    reader.page.keyboard.press("Enter")
    assert branch.evaluate("(d) => d.open")
    _screenshot(reader.page, "keyboard-sidebar")
    assert reader.errors == []


def test_keyboard_opens_the_navigation_at_phone_width(reader):
    # sphinx-book-theme's button in the article header opens the sidebar's dialog
    # (mlnews-sidebar.js; the theme alone opens it only from its hidden site header).
    reader.page.set_viewport_size(PHONE)
    reader.open(f"{WEEK}.html")
    _tab_to(reader.page, ".bd-header-article button.primary-toggle")
    reader.page.keyboard.press("Enter")
    dialog = reader.page.locator("#pst-primary-sidebar-modal")
    dialog.locator("nav.mlnews-sidebar-nav").wait_for()
    assert dialog.evaluate("(d) => d.open")
    _tab_to(reader.page, "#pst-primary-sidebar-modal nav.mlnews-sidebar-nav li.current > details > summary", limit=40)
    branch = reader.page.evaluate_handle("() => document.activeElement.parentElement")
    reader.page.keyboard.press("Enter")
    assert not branch.evaluate("(d) => d.open")
    _screenshot(reader.page, "keyboard-sidebar-phone")
    reader.page.keyboard.press("Escape")
    assert not dialog.evaluate("(d) => d.open")
    assert reader.errors == []


def test_keyboard_opens_and_copies_a_bibtex_entry(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP", permissions=["clipboard-read", "clipboard-write"])
    reader = Reader(context.new_page(), base_url)
    reader.open(f"{WEEK}.html")
    page = reader.page
    _tab_to(page, "details.mlnews-bibtex > summary")
    block = page.evaluate_handle("() => document.activeElement.parentElement")
    assert not block.evaluate("(d) => d.open")
    page.keyboard.press("Enter")
    assert block.evaluate("(d) => d.open")
    # Past sphinx-copybutton's button inside the open block, to ours after it.
    _tab_to(page, ".mlnews-bibtex-block > button.mlnews-bibtex-copy", limit=5)
    assert page.evaluate("(d) => d.parentElement === document.activeElement.parentElement", block)
    _screenshot(page, "keyboard-bibtex-copy")
    page.keyboard.press("Enter")
    entry = block.evaluate("(d) => d.querySelector('pre').textContent")
    copied = ""
    for _ in range(50):  # the copy is asynchronous
        copied = page.evaluate("() => navigator.clipboard.readText()")
        if copied:
            break
        page.wait_for_timeout(100)
    assert copied == entry and copied.lstrip().startswith("@")
    assert page.locator('[role="status"]').first.text_content().endswith("の BibTeX をコピーしました")
    assert reader.errors == []
    context.close()


def test_keyboard_switches_a_week_to_its_english_twin_and_back(reader):
    reader.open(f"{WEEK}.html#papers")
    _tab_to(reader.page, "nav.mlnews-language-switch a[hreflang=en]")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(re.compile(rf"/en/{WEEK}\.html$"))
    assert reader.page.evaluate("() => document.documentElement.lang") == "en"
    assert reader.page.locator("main h1").first.inner_text().startswith("Week 45, 2020 (from Nov 1)")
    _screenshot(reader.page, "keyboard-language-switch")
    _tab_to(reader.page, "nav.mlnews-language-switch a[hreflang=ja]")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(re.compile(rf"^{re.escape(reader.base_url)}{WEEK}\.html$"))
    assert reader.docname() == WEEK
    assert reader.page.evaluate("() => document.documentElement.lang") == "ja"
    assert reader.errors == []


def test_keyboard_searches_from_the_search_box(reader):
    reader.open(f"{WEEK}.html")
    _tab_to(reader.page, "button.search-button-field")
    reader.page.keyboard.press("Enter")
    field = reader.page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    assert reader.page.evaluate("() => document.activeElement.matches('#pst-search-dialog input[name=q]')")
    reader.page.keyboard.type("対照学習")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(re.compile(r"search\.html\?q="))
    assert _result_count(reader) > 0
    assert WEEK in _result_docnames(reader)
    assert reader.errors == []
