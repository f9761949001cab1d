"""Atom feeds: the site's weekly issues and summaries, and one feed per tag.

Feeds are written with feedgen once the whole site is written
(``build-finished``, in the main process, from the merged domain data), so they
are correct for parallel and incremental builds alike; a feed whose entries did
not change is not written again (:mod:`mlnews.reader.output_state`). Their links are
absolute, from ``html_baseurl``; without it no feed is written (feed readers
cannot follow relative links). Every page of the site links the main feed with
``<link rel="alternate" type="application/atom+xml">``, and a tag page its
tag's feed too.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from urllib.parse import quote
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.util import logging

from ..i18n import tag_label
from .site import absolute_url, is_site_builder, page_description, site_url, summary_span, tag_pagename
from ..data import NewsData
from ..core.files import write_atomically
from .output_state import generated_pages
from .tags import tag_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["FEED_PATH", "FeedEntry", "site_entries", "tag_feed_entries", "setup_feeds"]

logger = logging.getLogger(__name__)

FEED_PATH = "feed.xml"
FEED_TYPE = "application/atom+xml"
JST = dt.timezone(dt.timedelta(hours=9), "JST")
"""The newsletter's dates are Japanese dates."""


class FeedEntry(NamedTuple):
    """One entry of a feed."""

    pagename: str
    anchor: str
    title: str
    date: dt.date
    summary: str


def site_entries(app: Sphinx) -> list[FeedEntry]:
    """The weeks and summaries of the site, newest first.

    A week is dated by its start date. A summary joins the feed once its period
    is over, that is once the site has a week that starts after it, dated by the
    period's last day: a summary still growing week by week would otherwise come
    back to the top of feed readers every week. On one date the shorter period
    comes first (a week, then its month, quarter, half year and year).
    """
    env = app.env
    weeks = NewsData(env).sorted_weeks()
    newest = weeks[-1]["date"] if weeks else ""
    entries = [
        (
            FeedEntry(
                pagename=week["docname"],
                anchor="",
                title=week["title"],
                date=dt.date.fromisoformat(week["date"]),
                summary=page_description(env, week["docname"]),
            ),
            0,
        )
        for week in weeks
    ]
    for docname in sorted(NewsData(env).summaries()):
        span = summary_span(env, docname)
        if span is None or newest < span[1]:
            continue
        start, end = (dt.date.fromisoformat(day) for day in span)
        title = env.titles[docname].astext() if docname in env.titles else docname
        last_day = end - dt.timedelta(days=1)
        entries.append((FeedEntry(docname, "", title, last_day, page_description(env, docname)), (end - start).days))
    entries.sort(key=lambda pair: (-pair[0].date.toordinal(), pair[1], pair[0].pagename))
    return [entry for entry, _ in entries]


def tag_feed_entries(app: Sphinx) -> dict[str, list[FeedEntry]]:
    """Each tag's cards, newest first."""
    return {
        tag: [
            FeedEntry(
                pagename=entry["docname"],
                anchor=entry["anchor"],
                title=entry["headline"],
                date=dt.date.fromisoformat(entry["date"]),
                summary=" — ".join(part for part in (entry["title"], entry["week_title"]) if part),
            )
            for entry in entries
        ]
        for tag, entries in tag_entries(NewsData(app.env)).items()
    }


def _as_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=JST)


def _write_feed(app: Sphinx, path: str, title: str, home: str, entries: list[FeedEntry]) -> None:
    config, builder = app.config, app.builder
    feed_url = site_url(config) + quote(path)
    home_url = absolute_url(config, builder, home)
    entries = entries[: config.mlnews_feed_limit]
    generated = generated_pages(app)
    inputs = [feed_url, title, home_url, config.author, config.language, [list(entry) for entry in entries]]
    if generated is not None and not generated.file_changed(path, inputs):
        return  # the file there was made from the same entries
    # Imported here: feedgen brings lxml, and most rebuilds write no feed.
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.id(feed_url)
    generator.title(title)
    generator.author({"name": config.author})
    generator.link(href=home_url, rel="alternate", type="text/html")
    generator.link(href=feed_url, rel="self", type=FEED_TYPE)
    generator.language(config.language or "ja")
    generator.generator("mlnews (feedgen)")
    # The feed's date is its newest entry's, so an unchanged site writes the same feed.
    newest = entries[0].date if entries else dt.date(1970, 1, 1)
    generator.updated(_as_datetime(newest))
    for entry in entries:
        url = absolute_url(config, builder, entry.pagename, entry.anchor)
        item = generator.add_entry(order="append")
        item.id(url)
        item.title(entry.title or entry.pagename)
        item.link(href=url, rel="alternate", type="text/html")
        item.published(_as_datetime(entry.date))
        item.updated(_as_datetime(entry.date))
        if entry.summary:
            item.summary(entry.summary)
    write_atomically(Path(app.outdir, path), generator.atom_str(pretty=True))


def _feeds_enabled(app: Sphinx) -> bool:
    return is_site_builder(app.builder) and bool(site_url(app.config))


def tag_feed_path(tag: str) -> str:
    """Where a tag's feed is written, beside its page."""
    return f"{tag_pagename(tag)}.xml"


def _write_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_site_builder(app.builder):
        return
    if not site_url(app.config):
        logger.info("mlnews: no feeds written: feeds need absolute links, and html_baseurl is not set")
        return
    title = app.config.html_title or app.config.project
    _write_feed(app, FEED_PATH, title, app.config.root_doc, site_entries(app))
    for tag, entries in tag_feed_entries(app).items():
        _write_feed(app, tag_feed_path(tag), f"{title}: {tag_label(app.config, tag)}", tag_pagename(tag), entries)


def _link_feeds(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not _feeds_enabled(app):
        return
    title = app.config.html_title or app.config.project
    feeds = [(site_url(app.config) + quote(FEED_PATH), title)]
    tag = context.get("mlnews_tag")
    if tag:
        feeds.append((site_url(app.config) + quote(tag_feed_path(tag)), f"{title}: {tag_label(app.config, tag)}"))
    links = "".join(
        f'\n<link rel="alternate" type="{FEED_TYPE}" title="{escape(name, quote=True)}" href="{escape(href, quote=True)}" />'
        for href, name in feeds
    )
    context["metatags"] = context.get("metatags", "") + links


def setup_feeds(app: Sphinx) -> None:
    """The site's Atom feed and one per tag."""
    app.add_config_value("mlnews_feed_limit", 50, "html", types=[int])
    app.connect("html-page-context", _link_feeds)
    app.connect("build-finished", _write_feeds)
