"""Placeholder nodes that the archive fills from the domain at resolve time.

A placeholder is put into a page's doctree when the page is read and holds
nothing but what it stands for (its ``spec``). After every read, the archive
computes what each placeholder shows from all pages' data (see
:mod:`mlnews.archive.engine`); when the page is written, its placeholders are filled
with ordinary docutils nodes (paragraphs, bullet lists, references), so every
builder can render them. Navigation bars and picks boxes are decoration for
the web: they skip themselves in every builder but HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = [
    "placeholder",
    "weeknav",
    "navlink",
    "picks_box",
    "paperlist_node",
    "backlinks_node",
    "archive_tree",
    "latest_issue",
    "new_placeholder",
    "link",
    "setup_placeholders",
]


class placeholder(nodes.General, nodes.Element):
    """Stands for content computed from other pages; ``node["spec"]`` says which."""

    tagname_html = "div"


class weeknav(placeholder):
    """A week's navigation bar: previous week, its month, next week."""

    tagname_html = "nav"


class picks_box(placeholder):
    """A week's editor's picks."""

    tagname_html = "aside"


class paperlist_node(placeholder):
    """The ``paperlist`` directive's list."""


class backlinks_node(placeholder):
    """The pages that feature or cite a card's paper."""


class archive_tree(placeholder):
    """A summary page's periods and weeks."""


class latest_issue(placeholder):
    """The landing page's latest issue."""


class navlink(nodes.Inline, nodes.TextElement):
    """A link of a navigation bar, with its ``rel`` (prev, next, up)."""


def new_placeholder(
    node_class: type[placeholder], kind: str, css: str, *, searchable: bool = True, **spec: Any
) -> placeholder:
    """A placeholder of *node_class* whose spec is *kind* plus *spec*.

    Not *searchable*: navigation that repeats other pages' titles (or this
    page's own) stays out of the search index (Sphinx's ``no-search`` class).
    """
    node = node_class(classes=[css] if searchable else [css, "no-search"])
    node["spec"] = {"kind": kind, **spec}
    return node


def link(builder: Builder, fromdoc: str, todoc: str, anchor: str, text: str, classes: list[str] | None = None) -> nodes.reference:
    """A reference from *fromdoc* to *anchor* in *todoc* (the page itself when empty), for any builder."""
    node = make_refnode(builder, fromdoc, todoc, anchor or None, nodes.Text(text))
    node["classes"].extend(classes or [])
    return node


LISTING_WEIGHT = "0.2"
"""Pagefind's weight of a ``paperlist``'s words: the week that features a card ranks above a
summary that lists it (``mlnews.reader.pagefind.LISTING_WEIGHT``, the same on tag pages)."""


def _visit_html(self: Any, node: placeholder) -> None:
    attributes = {"aria-label": node["label"]} if node.get("label") else {}
    # Pagefind: navigation is not indexed (its ``exclude_selectors`` also skip ``no-search``).
    if "no-search" in node["classes"]:
        attributes["data-pagefind-ignore"] = ""
    elif isinstance(node, paperlist_node):
        attributes["data-pagefind-weight"] = LISTING_WEIGHT
    self.body.append(self.starttag(node, node.tagname_html, **attributes))


def _depart_html(self: Any, node: placeholder) -> None:
    self.body.append(f"</{node.tagname_html}>\n")


def _visit_navlink_html(self: Any, node: navlink) -> None:
    self.body.append(self.starttag(node, "a", "", href=node["refuri"], rel=node["rel"]))


def _depart_navlink_html(self: Any, node: navlink) -> None:
    self.body.append("</a>")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Element) -> None:
    """Render only the children: the plain lists and paragraphs inside."""


NON_HTML_BUILDERS = ("latex", "text", "man", "texinfo")
"""The other writers a placeholder needs visitors for."""


def setup_placeholders(app: Sphinx) -> None:
    """Register the placeholders with a visitor for each builder."""
    html = (_visit_html, _depart_html)
    for decoration in (weeknav, picks_box):
        app.add_node(decoration, html=html, **dict.fromkeys(NON_HTML_BUILDERS, (_skip, None)))
    app.add_node(navlink, html=(_visit_navlink_html, _depart_navlink_html), **dict.fromkeys(NON_HTML_BUILDERS, (_skip, None)))
    for listing in (paperlist_node, backlinks_node, archive_tree, latest_issue):
        app.add_node(listing, html=html, **dict.fromkeys(NON_HTML_BUILDERS, (_pass, _pass)))
