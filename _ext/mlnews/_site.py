"""What the reader features share: which builders make the public site, its
absolute addresses, and a page's one-line description (its editor's picks)."""

from __future__ import annotations

import re
from urllib.parse import quote
from typing import TYPE_CHECKING

from .domain import news_domain

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from sphinx.environment import BuildEnvironment

    from .domain import NewsDomain, WeekRecord

__all__ = [
    "is_site_builder",
    "site_url",
    "absolute_url",
    "tag_pagename",
    "picks_description",
    "period_span",
    "summary_span",
    "summary_weeks",
    "page_description",
]

TAGS_DIR = "tags"
"""Where the tag pages and tag feeds live in the output."""

SUMMARY_PICKS = 10
"""Picks a summary's description names at most."""

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])))?$")
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


def picks_description(domain: NewsDomain, docname: str) -> str:
    """A page's editor's picks in one line (all its cards when it has no pick), or ''."""
    records = domain.items.get(docname, [])
    picks = [r for r in records if r["pick"]] or records
    return " / ".join(r["headline"] for r in picks if r["headline"])


def period_span(period: str) -> tuple[str, str] | None:
    """ISO dates ``[start, end)`` of the week start dates a summary's period holds
    (``2020``, ``2020-H2``, ``2020-Q4``, ``2020-11``); a week belongs to the month of its start."""
    match = _PERIOD.match(period.strip())
    if not match:
        return None
    year = int(match["year"])
    if match["month"]:
        first, count = int(match["month"]), 1
        if not 1 <= first <= 12:
            return None
    elif match["quarter"]:
        first, count = 3 * int(match["quarter"]) - 2, 3
    elif match["half"]:
        first, count = 6 * int(match["half"]) - 5, 6
    else:
        first, count = 1, 12
    after = first + count
    end = f"{year + 1:04d}-01-01" if after == 13 else f"{year:04d}-{after:02d}-01"
    return f"{year:04d}-{first:02d}-01", end


def summary_span(env: BuildEnvironment, docname: str) -> tuple[str, str] | None:
    """The ``[start, end)`` week dates of a summary page's period (``period:`` in its
    front matter), or ``None`` when *docname* is no summary page."""
    period = (env.metadata.get(docname) or {}).get("period")
    if period is None or not docname.startswith("summaries/"):
        return None
    return period_span(str(period))


def summary_weeks(env: BuildEnvironment, docname: str) -> list[WeekRecord] | None:
    """The weeks of a summary page's period, oldest first; ``None`` when *docname* is no
    summary page."""
    span = summary_span(env, docname)
    if span is None:
        return None
    start, end = span
    return [week for week in news_domain(env).sorted_weeks() if start <= week["date"] < end]


def page_description(env: BuildEnvironment, docname: str) -> str:
    """What a reader is told a page holds: a week's picks; a summary's, the picks of its
    period's weeks (newest week first, at most :data:`SUMMARY_PICKS`); '' for other pages."""
    domain = news_domain(env)
    if docname in domain.weeks:
        return picks_description(domain, docname)
    weeks = summary_weeks(env, docname)
    if weeks is None:
        return ""
    picks = [r["headline"] for w in reversed(weeks) for r in domain.items.get(w["docname"], []) if r["pick"]]
    return " / ".join(picks[:SUMMARY_PICKS]) or picks_description(domain, docname)
