"""The card nodes (their visitors are in :mod:`mlnews.cards.html` and :mod:`mlnews.cards.latex`).

A card is a section: its headline is the section title, so it shows in the
page's table of contents and gets a stable anchor, and every builder that
knows sections (LaTeX, text, man, Texinfo) renders it without special
support. The HTML visitor adds the contract's hooks: the root ``<section>``
has class ``mlnews-paper`` (or ``mlnews-item``) and, for arXiv papers, a
``data-arxiv`` attribute with the ID without version.
"""

from __future__ import annotations

from docutils import nodes

__all__ = ["card", "paper_card", "item_card"]


class card(nodes.section):
    """A newsletter item: a section whose title is the item's headline."""


class paper_card(card):
    """A paper, with metadata from the bibliography."""


class item_card(card):
    """A technical article, an application or a news item, given by URL."""
