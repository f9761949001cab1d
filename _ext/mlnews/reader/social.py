"""Social cards: a week's (or summary's) editor's picks as its description, its share image.

sphinxext-opengraph writes the OpenGraph tags (title, url, image, description)
from the page; by default its description is the page's first paragraph, which
on a week page is a headline's catch at best. This handler runs just before it
and hands it the picks (a summary's: its period's) as ``og:description`` (per-page fields override the
parsed description), plus a ``<meta name="description">`` for search engines
and for previews that read only that. A week or summary also gets its share
image (:mod:`.share_image`, drawn here when it changed) as ``og:image`` with
its size and its text as ``og:image:alt``; ``twitter:card`` is
``summary_large_image`` on those pages and ``summary`` elsewhere.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..build.compat import OPENGRAPH_CONTEXT_PRIORITY
from ..build.staleness import View, register_view
from ..data import NewsData
from .share_image import HEIGHT, OPENGRAPH, WIDTH, draw_if_changed, image_url, share_image
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
    # context["meta"] is the page's stored metadata: give the page a copy, never edit it.
    meta = dict(context.get("meta") or {})
    tags = []
    description = page_description(app.env, pagename)
    if description and "og:description" not in meta:  # an author's own description wins
        description = _shorten(description)
        meta["og:description"] = description
        tags.append(f'<meta name="description" content="{escape(description, quote=True)}" />')
    if NewsData(app.env).week(pagename) is not None:
        meta.setdefault("og:type", "article")
    image = share_image(app, pagename) if "og:image" not in meta else None
    if image is not None:
        # Drawn by the process that writes the page (each of a -j build's writers).
        draw_if_changed(app.outdir, image)
        meta["og:image"] = image_url(app, pagename)
        meta["og:image:alt"] = image.alt
        meta["og:image:width"] = str(WIDTH)
        meta["og:image:height"] = str(HEIGHT)
    if OPENGRAPH in app.extensions:  # with the OpenGraph tags it reads
        card = "summary_large_image" if image is not None else "summary"
        tags.append(f'<meta name="twitter:card" content="{card}" />')
    context["meta"] = meta
    context["metatags"] = context.get("metatags", "") + "".join(f"\n{tag}" for tag in tags)


def _announcement(app: Sphinx, docname: str) -> list[str]:
    """What a summary page shows of its period's picks: its description and its share image's text."""
    image = share_image(app, docname)
    return [page_description(app.env, docname), image.alt if image is not None else ""]


def summary_descriptions(app: Sphinx, env: BuildEnvironment) -> dict[str, list[str]]:
    """What each summary page shows of its period's picks (its description and its share
    image's text): a derived view, so that a summary is written again when that changed. Only
    this counts: editing a week's text writes no summary, while moving a pick writes the
    summaries of its period."""
    return {docname: _announcement(app, docname) for docname in sorted(NewsData(env).summaries())}


def setup_social(app: Sphinx) -> None:
    """Describe week and summary pages by their picks for social cards."""
    app.connect("html-page-context", _describe_page, priority=_BEFORE_OPENGRAPH)
    register_view(app, View("descriptions", summary_descriptions))
