"""What the reader features share: which builders make the public site, its
absolute addresses, and a page's one-line description (its editor's picks)."""

from __future__ import annotations

import re
from urllib.parse import quote
from typing import TYPE_CHECKING, NamedTuple

from ..data import NewsData
from ..core.periods import parse_period

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from sphinx.environment import BuildEnvironment

    from ..data import WeekRecord

__all__ = [
    "is_site_builder",
    "site_url",
    "absolute_url",
    "tag_pagename",
    "picks_description",
    "summary_span",
    "summary_weeks",
    "Highlights",
    "page_highlights",
    "page_description",
]

TAGS_DIR = "tags"
"""Where the tag pages and tag feeds live in the output."""

SUMMARY_PICKS = 10
"""Picks a summary's description names at most."""

_UNSAFE = re.compile(r'[\s/\\:*?"<>|#%&\'.]+')


def is_site_builder(builder: Builder) -> bool:
    """Whether *builder* writes the browsable site (html, dirhtml), where tag pages,
    feeds and the sitemap belong; not singlehtml, epub or htmlhelp, whose output is one
    page or one file."""
    return builder.format == "html" and not getattr(builder, "embedded", False) and builder.name != "singlehtml"


def site_url(config: Config) -> str:
    """``html_baseurl`` with a closing slash, or '' when the site has none."""
    base = (config.html_baseurl or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def absolute_url(config: Config, builder: Builder, pagename: str, anchor: str = "") -> str:
    """The public address of *pagename* (and *anchor* on it), or '' without ``html_baseurl``."""
    base = site_url(config)
    if not base:
        return ""
    # html's target URIs come percent-encoded, dirhtml's do not: encode what is left ('%' kept).
    url = base + quote(builder.get_target_uri(pagename), safe="/%")
    return f"{url}#{anchor}" if anchor else url


def tag_pagename(tag: str) -> str:
    """The page of *tag*: ``tags/<tag>``, the tag itself where it is safe in a path
    (Japanese stays Japanese), characters that a path or URL treats specially as ``-``."""
    slug = _UNSAFE.sub("-", tag.strip()).strip("-") or "tag"
    if slug == "index":  # the tag index's own page
        slug = "index-tag"
    return f"{TAGS_DIR}/{slug}"


def _card_highlights(news: NewsData, docname: str) -> Highlights:
    """A page's editor's picks (all its cards when it has no pick)."""
    records = news.cards(docname)
    picks = [r for r in records if r["pick"]]
    chosen = picks or records
    return Highlights([r["headline"] for r in chosen if r["headline"]], bool(picks))


def picks_description(news: NewsData, docname: str) -> str:
    """A page's editor's picks in one line (all its cards when it has no pick), or ''."""
    return " / ".join(_card_highlights(news, docname).headlines)


def summary_span(env: BuildEnvironment, docname: str) -> tuple[str, str] | None:
    """The ``[start, end)`` week dates of a summary page's period, or ``None`` when
    *docname* is no summary page (the archive records each summary's period)."""
    text = NewsData(env).summary_period(docname)
    period = parse_period(text) if text else None
    return period.date_range() if period is not None and period.kind != "week" else None


def summary_weeks(env: BuildEnvironment, docname: str) -> list[WeekRecord] | None:
    """The weeks of a summary page's period, oldest first; ``None`` when *docname* is no
    summary page."""
    span = summary_span(env, docname)
    if span is None:
        return None
    start, end = span
    return [week for week in NewsData(env).sorted_weeks() if start <= week["date"] < end]


class Highlights(NamedTuple):
    """The headlines a page is announced by (its description, its feed entry, its share image)."""

    headlines: list[str]
    picks: bool
    """Whether they are editor's picks (else they are every card of the page)."""


def page_highlights(env: BuildEnvironment, docname: str) -> Highlights | None:
    """What a reader is told a page holds: a week's picks; a summary's, the picks of its
    period's weeks, newest week first (the summary's own cards when the period has no
    pick); ``None`` for other pages."""
    news = NewsData(env)
    if news.week(docname) is not None:
        return _card_highlights(news, docname)
    weeks = summary_weeks(env, docname)
    if weeks is None:
        return None
    picks = [r["headline"] for w in reversed(weeks) for r in news.cards(w["docname"]) if r["pick"]]
    picks = [headline for headline in picks if headline]
    return Highlights(picks, True) if picks else _card_highlights(news, docname)


def page_description(env: BuildEnvironment, docname: str) -> str:
    """A page's highlights in one line (a summary's: at most :data:`SUMMARY_PICKS`), or ''."""
    highlights = page_highlights(env, docname)
    if highlights is None:
        return ""
    limit = SUMMARY_PICKS if NewsData(env).week(docname) is None else None
    return " / ".join(highlights.headlines[:limit])
