"""Social cards: a week's (or summary's) editor's picks as its description.

sphinxext-opengraph writes the OpenGraph tags (title, url, image, description)
from the page; by default its description is the page's first paragraph, which
on a week page is a headline's catch at best. This handler runs just before it
and hands it the picks (a summary's: its period's) as ``og:description`` (per-page fields override the
parsed description), plus a ``<meta name="description">`` for search engines
and for previews that read only that.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ._site import is_site_builder, page_description, summary_span
from .domain import news_domain
from .weeks import parse_week_docname

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["DESCRIPTION_LENGTH", "summaries_outdated_by_weeks", "setup_social"]

DESCRIPTION_LENGTH = 200
"""Characters of a description; previews cut longer ones anyway."""

_BEFORE_OPENGRAPH = 400
"""sphinxext-opengraph reads the page's fields at the default priority (500)."""


def _shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _describe_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if doctree is None or not is_site_builder(app.builder):
        return
    meta = dict(context.get("meta") or {})
    description = page_description(app.env, pagename)
    if not description or "og:description" in meta:  # an author's own description wins
        return
    description = _shorten(description)
    # context["meta"] is the page's stored metadata: give the page a copy, never edit it.
    meta["og:description"] = description
    if pagename in news_domain(app.env).weeks:
        meta.setdefault("og:type", "article")
    context["meta"] = meta
    tag = f'\n<meta name="description" content="{escape(description, quote=True)}" />'
    context["metatags"] = context.get("metatags", "") + tag


def summaries_outdated_by_weeks(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The summary pages whose period holds a week that was added, changed or removed:
    their description is the picks of their period's weeks, so they are read again."""
    months = set()
    for docname in added | changed | removed:
        parsed = parse_week_docname(docname)
        if parsed is not None:
            year, month, _ = parsed
            months.add(f"{year:04d}-{month:02d}-01")  # a week belongs to its folder's month
    if not months:
        return []
    outdated = []
    for docname in sorted(news_domain(env).data["summaries"].keys() - changed):
        span = summary_span(env, docname)
        if span is not None and any(span[0] <= month < span[1] for month in months):
            outdated.append(docname)
    return outdated


def setup_social(app: Sphinx) -> None:
    """Describe week and summary pages by their picks for social cards."""
    app.connect("html-page-context", _describe_page, priority=_BEFORE_OPENGRAPH)
    app.connect("env-get-outdated", summaries_outdated_by_weeks)
