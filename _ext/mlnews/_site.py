"""What the reader features share: which builders make the public site, its
absolute addresses, and a page's one-line description (its editor's picks)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from .domain import NewsDomain

__all__ = ["is_site_builder", "site_url", "absolute_url", "tag_pagename", "picks_description"]

TAGS_DIR = "tags"
"""Where the tag pages and tag feeds live in the output."""

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
    url = base + builder.get_target_uri(pagename)  # already percent-encoded
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
