"""HTML (and plain section) visitors of the cards.

The HTML visitor adds the contract's hooks: the root ``<section>`` has class
``mlnews-paper`` (or ``mlnews-item``) and, for arXiv papers, a ``data-arxiv``
attribute with the ID without version.
"""

from __future__ import annotations

from typing import Any

from .nodes import card

__all__ = ["visit_card_html", "depart_card_html", "visit_card_as_section", "depart_card_as_section"]


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
