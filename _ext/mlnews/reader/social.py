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

from ..build.compat import OPENGRAPH_CONTEXT_PRIORITY
from ..build.staleness import View, register_view
from ..data import NewsData
from .site import is_site_builder, page_description

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["DESCRIPTION_LENGTH", "summary_descriptions", "setup_social"]

DESCRIPTION_LENGTH = 200
"""Characters of a description; previews cut longer ones anyway."""

_BEFORE_OPENGRAPH = OPENGRAPH_CONTEXT_PRIORITY - 100


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
    if NewsData(app.env).week(pagename) is not None:
        meta.setdefault("og:type", "article")
    context["meta"] = meta
    tag = f'\n<meta name="description" content="{escape(description, quote=True)}" />'
    context["metatags"] = context.get("metatags", "") + tag


def summary_descriptions(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """What each summary page says it holds (its period's picks): a derived view, so that a summary
    is written again when its description changed. Only the description counts: editing a week's
    text writes no summary, while moving a pick writes the summaries of its period."""
    return {docname: page_description(env, docname) for docname in sorted(NewsData(env).summaries())}


def setup_social(app: Sphinx) -> None:
    """Describe week and summary pages by their picks for social cards."""
    app.connect("html-page-context", _describe_page, priority=_BEFORE_OPENGRAPH)
    register_view(app, View("descriptions", summary_descriptions))
