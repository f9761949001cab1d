"""Tag pages: one page per tag listing its cards newest first, and a tag index.

The pages are not documents: they are generated from the domain's data on
``html-collect-pages`` (as ablog does), and written again whenever what they
show changed (:mod:`mlnews.reader.output_state`), so they never go stale when a week
changes and an edit that does not touch them does not rewrite them. Their templates are namespaced under
``templates/mlnews/`` so that a site can override them. On the week pages a
card's tags become links to their tag page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypedDict

from docutils import nodes
from markupsafe import Markup

from .site import TAGS_DIR, is_site_builder, tag_pagename
from ..data import NewsData
from ..i18n import _, tag_label
from .output_state import Page, generated_pages
from .pagefind import LISTING_WEIGHT, tag_page_marks
from ..cards.nodes import card

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["TagEntry", "tag_entries", "tag_pages", "link_card_tags", "setup_tags"]

TAG_INDEX = f"{TAGS_DIR}/index"


class TagEntry(TypedDict):
    """A card as its tag page lists it."""

    docname: str
    anchor: str
    kind: str
    headline: str
    title: str
    pick: bool
    date: str
    week_title: str


def tag_entries(news: NewsData) -> dict[str, list[TagEntry]]:
    """Each tag's cards from the week pages, newest week first, in page order within a week.

    Cards on summary pages are features of a paper already listed in its week,
    so they are left out.
    """
    by_tag: dict[str, list[TagEntry]] = {}
    for week in reversed(news.sorted_weeks()):
        for record in news.cards(week["docname"]):
            for tag in record["tags"]:
                by_tag.setdefault(tag, []).append(
                    TagEntry(
                        docname=record["docname"],
                        anchor=record["anchor"],
                        kind=record["kind"],
                        headline=record["headline"],
                        title=record["title"],
                        pick=record["pick"],
                        date=week["date"],
                        week_title=week["title"],
                    )
                )
    return by_tag


def _ordered_tags(by_tag: dict[str, list[TagEntry]], vocabulary: list[str]) -> list[str]:
    """Most used first; ties in the order of ``mlnews_tags``, then by name."""
    rank = {tag: i for i, tag in enumerate(vocabulary)}
    return sorted(by_tag, key=lambda t: (-len(by_tag[t]), rank.get(t, len(rank)), t))


def tag_pages(app: Sphinx) -> Iterator[Page]:
    """The tag index and every tag's page, as ``html-collect-pages`` yields them."""
    by_tag = tag_entries(NewsData(app.env))
    if not by_tag:
        return
    tags = _ordered_tags(by_tag, list(app.config.mlnews_tags))
    index = [
        {"name": t, "label": tag_label(app.config, t), "pagename": tag_pagename(t), "count": len(by_tag[t])}
        for t in tags
    ]
    yield TAG_INDEX, {"title": _("Tags"), "mlnews_tags": index}, "mlnews/tags.html"
    for tag in tags:
        context = {
            "title": _("Tag: {tag}").format(tag=tag_label(app.config, tag)),
            "mlnews_tag": tag,
            "mlnews_tag_label": tag_label(app.config, tag),
            "mlnews_entries": by_tag[tag],
            "mlnews_tag_index": TAG_INDEX,
            # Pagefind: the tag, years and newest date as filters and sort key; its list ranks low.
            "mlnews_search_marks": Markup(tag_page_marks(tag_label(app.config, tag), by_tag[tag])),
            "mlnews_listing_weight": LISTING_WEIGHT,
        }
        yield tag_pagename(tag), context, "mlnews/tag.html"


def _collect_tag_pages(app: Sphinx) -> Iterator[Page]:
    pages = generated_pages(app)
    if pages is None:
        return
    yield from pages.changed(tag_pages(app))


def link_card_tags(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each tag of a card a link to its tag page (on the browsable site only)."""
    if not is_site_builder(app.builder):
        return
    for tag_node in list(doctree.findall(nodes.inline)):
        if "mlnews-tag" not in tag_node["classes"] or not _in_card(tag_node):
            continue
        tag = tag_node.get("tag") or tag_node.astext()
        uri = app.builder.get_relative_uri(docname, tag_pagename(tag))
        link = nodes.reference("", "", internal=True, refuri=uri, classes=["mlnews-tag-link"])
        link["reftitle"] = _("Everything tagged “{tag}”").format(tag=tag_node.astext())
        # Not replace_self(): it would copy the span's classes onto the link.
        parent = tag_node.parent
        parent[parent.index(tag_node)] = link
        link += tag_node


def _in_card(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, card):
        parent = parent.parent
    return parent is not None


def setup_tags(app: Sphinx) -> None:
    """Tag pages, the tag index, and tag links on cards."""
    app.connect("html-collect-pages", _collect_tag_pages)
    app.connect("doctree-resolved", link_card_tags)
