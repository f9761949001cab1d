"""Search with Pagefind: the built site is indexed in chunks a query loads a few of.

Sphinx's search makes every query download the whole ``searchindex.js`` (658 KB
at 520 weeks, growing with every week) and cuts a Japanese query unlike the
index (Sphinx issue 13395). Pagefind (``pagefind[extended]``: a Rust indexer
with Japanese segmentation, and a WebAssembly client) indexes the written HTML
into ``pagefind/`` on ``build-finished``; a query fetches the index chunks of
its words and the fragments of the results it shows.

What is indexed is decided in the pages (Pagefind's ``data-pagefind-*``):

- the main content of week, summary and bibliography pages (here, wrapping the
  page body on ``html-page-context``) and of tag pages (``mlnews/tag.html``) is
  ``data-pagefind-body``; other pages (the landing page, the tag index,
  ``genindex``, the search page) are left out;
- navigation that repeats other pages' titles carries ``no-search`` (week bars,
  picks box, featured-in, archive lists, a week's references, BibTeX blocks,
  the bibliography's backlinks): Pagefind skips it (``exclude_selectors``); the
  sidebar is outside the body;
- the lists of cards on summaries (``paperlist``) and tag pages weigh
  :data:`LISTING_WEIGHT`, so the week that features a card ranks first;
- an HTML build that wrote no indexed page (nothing changed) keeps the index;
  any other indexes the whole site again (Pagefind has no incremental mode,
  and its indexer costs about 1.5 s even on a handful of pages: it loads its
  Japanese dictionary). ``mlnews_search_index = False`` writes no index, for
  drafts (``make live`` rebuilds on every save) and for builds that only need
  the pages; the search page then says that this build has no search;
- filters ``tag``, ``year``, ``section`` (the card's section) and ``type``
  (週, まとめ, タグ, 文献), and on week pages a ``date`` sort key (the week's first
  day), by which ``search.html?q=…&sort=date`` lists the newest weeks first.

Sphinx's own indexing is switched off on the site builders
(:func:`mlnews.build.compat.disable_sphinx_search`), and ``search.html`` is
written from :data:`SEARCH_TEMPLATE`: a form, filters and a result list that
``_static/mlnews-pagefind.js`` fills in on ``?q=`` through Pagefind's client
(``pagefind.js``: a query fetches its worker, its WebAssembly, the entry and meta
files, the chunks of its words and the fragments of the results shown).
Pagefind's own UI (``pagefind-ui.js`` and its CSS, 134 KB) is not loaded: it was
half of a query's download at 520 weeks.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Iterator

from ..archive.placeholders import LISTING_WEIGHT as PAPERLIST_WEIGHT
from ..build.compat import disable_sphinx_search
from ..data import NewsData
from ..i18n import _, tag_label
from ..messages import Message, warn
from .editions import nested_editions
from .site import is_site_builder, summary_weeks

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["INDEX_DIR", "LISTING_WEIGHT", "page_marks", "index_site", "index_is_current", "setup_pagefind"]

INDEX_DIR = "pagefind"
"""The index's folder in the output (Pagefind's default: its client finds its files beside itself)."""

LISTING_WEIGHT = PAPERLIST_WEIGHT
"""Weight of the words of a list of other pages' cards (Pagefind's default is 1; h1 is 7)."""

SEARCH_TEMPLATE = "mlnews/search.html"
"""The search page's template (run by ``_static/mlnews-pagefind.js``); a site overrides it in its ``templates_path``."""

SEARCH_ENGINES = ("pagefind", "sphinx")
"""``mlnews_search``: Pagefind (the default), or Sphinx's own search as it comes (for comparison:
``bench/search_bytes.py``; its Japanese query splitting does not match its index, Sphinx issue 13395)."""

EXCLUDE_SELECTORS = [".no-search", "a.headerlink"]
"""What Pagefind skips: the class Sphinx's own search skipped too, and the headings' "#" links
(which would read as "…適用例# 航空写真…" in the excerpts)."""


def _hidden(kind: str, name: str, value: str) -> str:
    return f'<span data-pagefind-{kind}="{html.escape(name)}" hidden>{html.escape(value)}</span>'


def page_marks(filters: dict[str, list[str]], sort_date: str, meta: dict[str, str] | None = None) -> str:
    """Hidden elements that give the page its filters, sort key and metadata."""
    parts = [_hidden("filter", name, value) for name, values in filters.items() for value in dict.fromkeys(values)]
    if sort_date:
        parts.append(_hidden("sort", "date", sort_date))
    for name, value in (meta or {}).items():
        parts.append(_hidden("meta", name, value))
    # data-pagefind-ignore: their text is not a word of the page; filters, sort and meta still count.
    return f'<div class="mlnews-search-marks" data-pagefind-ignore hidden>{"".join(parts)}</div>'


def _body_marks(app: Sphinx, pagename: str) -> str | None:
    """The marks of a document page that is indexed, or ``None`` for a page that is not."""
    news = NewsData(app.env)
    week = news.week(pagename)
    if week is not None:
        records = news.cards(pagename)
        filters = {
            "tag": [tag_label(app.config, t) for r in records for t in r["tags"]],
            "year": [str(week["year"])],
            "section": [r["section"] for r in records if r["section"]],
            "type": [_("Week")],
        }
        return page_marks(filters, week["date"], {"date": week["date"]})
    weeks = summary_weeks(app.env, pagename)
    if weeks is not None:
        records = [r for w in weeks for r in news.cards(w["docname"])]
        filters = {
            "year": [str(w["year"]) for w in weeks],
            "type": [_("Summary")],
        }
        # No sort key: newest-first lists weeks (a summary's date would tie with its last week).
        return page_marks(filters, "", {"date": weeks[-1]["date"]} if weeks else None)
    if pagename == "bibliography":
        return page_marks({"type": [_("Bibliography")]}, "")
    return None


def _mark_body(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    context["mlnews_search"] = app.config.mlnews_search  # layout.html: Sphinx's scripts or none
    if doctree is None or "body" not in context or not _uses_pagefind(app):
        return
    marks = _body_marks(app, pagename)
    if marks is not None:
        context["body"] = f'<div class="mlnews-search-body" data-pagefind-body>{marks}{context["body"]}</div>'


def tag_page_marks(tag: str, entries: list[dict[str, Any]]) -> str:
    """The marks of a tag page (``mlnews/tag.html`` shows them)."""
    dates = [e["date"] for e in entries]
    filters = {"tag": [tag], "year": sorted({d[:4] for d in dates}), "type": [_("Tag page")]}
    return page_marks(filters, "")


def _pages_glob(site: Path, skip: Sequence[str]) -> str:
    """Pagefind's ``--glob`` for the HTML under *site* outside the folders *skip* (other editions)."""
    parts = []
    for entry in sorted(site.iterdir()):
        if entry.name.startswith(".") or entry.name == INDEX_DIR or entry.name in skip:
            continue
        if entry.is_dir():
            parts.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            parts.append(entry.name)
    return "{" + ",".join(parts) + "}" if len(parts) > 1 else (parts[0] if parts else "*.html")


def _write_index(site: Path, output: Path, skip: Sequence[str] = ()) -> int:
    """Run Pagefind's indexer (the binary in ``pagefind_bin_extended``) over *site* into *output*.

    Its command line, not its Python service (``pagefind.index``): the service
    answers "files written" and is then terminated while the binary may still be
    writing (a 68 KB ``wasm.unknown.pagefind`` cut at 64 KB in a test run);
    the command line exits when everything is on disk.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent"]
    if skip:
        command += ["--glob", _pages_glob(site, skip)]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def index_site(site: Path, skip: Sequence[str] = ()) -> int:
    """Index the HTML under *site* (outside the folders *skip*) into ``site/pagefind``: written
    into a temporary folder beside it, then swapped in, so a reader never meets half an index.
    Returns the page count."""
    target = site / INDEX_DIR
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))
    fresh.chmod(0o755)  # mkdtemp's 0700 would hide the index from a web server's user
    try:
        pages = _write_index(site, fresh, skip)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".pagefind-old-", dir=site))
            target.rename(old / INDEX_DIR)
        fresh.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    return pages


def _uses_pagefind(app: Sphinx) -> bool:
    return is_site_builder(app.builder) and app.config.mlnews_search == "pagefind"


ALWAYS_WRITTEN = ("search.html", "genindex.html")
"""Pages Sphinx writes on every build, which the index does not hold."""


def index_is_current(site: Path, skip: Sequence[str] = ()) -> bool:
    """Whether the index is newer than every HTML page it may hold (a build that wrote none)."""
    entry = site / INDEX_DIR / "pagefind-entry.json"
    if not entry.is_file():
        return False
    built = entry.stat().st_mtime_ns
    for page in site.rglob("*.html"):
        if page.name in ALWAYS_WRITTEN and page.parent == site:
            continue
        if page.relative_to(site).parts[0] in skip:
            continue
        if page.stat().st_mtime_ns > built:
            return False
    return True


def _index_on_finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _uses_pagefind(app) or not app.config.mlnews_search_index:
        return
    skip = nested_editions(app.config)
    if index_is_current(Path(app.outdir), skip):
        return
    from sphinx.util import logging

    logging.getLogger(__name__).info("mlnews: indexing the site with Pagefind")
    try:
        # Pagefind reads each page's language from <html lang> (ja: its Japanese segmenter).
        pages = index_site(Path(app.outdir), skip)
    except Exception as error:  # noqa: BLE001 - the indexer's own errors, reported as a warning
        warn(Message.search_failed(error=error), None)
        return
    if pages == 0:
        warn(Message.search_empty(), None)


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    # Sphinx writes search.html only with its own search on; the header box and old links use it.
    if _uses_pagefind(app):
        yield "search", {"mlnews_search_index": bool(app.config.mlnews_search_index)}, SEARCH_TEMPLATE


def _builder_inited(app: Sphinx) -> None:
    if app.config.mlnews_search not in SEARCH_ENGINES:
        warn(Message.search_engine(engines=", ".join(SEARCH_ENGINES)), None)
        app.config.mlnews_search = "pagefind"
    if _uses_pagefind(app):
        disable_sphinx_search(app.builder)


def setup_pagefind(app: Sphinx) -> None:
    """Index the HTML site with Pagefind instead of Sphinx's search (``mlnews_search``)."""
    app.add_config_value("mlnews_search", "pagefind", "html", types=[str])
    # Not "html": turning the index off or on rewrites only search.html (its own context), no page.
    app.add_config_value("mlnews_search_index", True, "", types=[bool])
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _mark_body)
    app.connect("html-collect-pages", _search_page)
    app.connect("build-finished", _index_on_finish)
