"""The card nodes and their visitors for every builder.

A card is a section: its headline is the section title, so it shows in the
page's table of contents and gets a stable anchor, and every builder that
knows sections (LaTeX, text, man, Texinfo) renders it without special
support. The HTML visitor adds the contract's hooks: the root ``<section>``
has class ``mlnews-paper`` (or ``mlnews-item``) and, for arXiv papers, a
``data-arxiv`` attribute with the ID without version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["card", "paper_card", "item_card", "setup_nodes"]


class card(nodes.section):
    """A newsletter item: a section whose title is the item's headline."""


class paper_card(card):
    """A paper, with metadata from the bibliography."""


class item_card(card):
    """A technical article, an application or a news item, given by URL."""


def visit_card_html(self: Any, node: card) -> None:
    self.section_level += 1
    attributes = {"data-arxiv": node["arxiv"]} if node.get("arxiv") else {}
    self.body.append(self.starttag(node, "section", **attributes))


def depart_card_html(self: Any, node: card) -> None:
    self.depart_section(node)


def visit_card_as_section(self: Any, node: card) -> None:
    self.visit_section(node)


def depart_card_as_section(self: Any, node: card) -> None:
    self.depart_section(node)


def setup_nodes(app: Sphinx) -> None:
    """Register the card nodes with a visitor for each builder."""
    from .latex import depart_card_latex, visit_card_latex  # latex imports this module

    as_section = (visit_card_as_section, depart_card_as_section)
    for node_class in (paper_card, item_card):
        app.add_node(
            node_class,
            html=(visit_card_html, depart_card_html),
            latex=(visit_card_latex, depart_card_latex),
            text=as_section,
            man=as_section,
            texinfo=as_section,
        )
