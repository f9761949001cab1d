"""The cards: ``paper`` and ``item`` directives, their nodes and a visitor per builder.

Owns the card nodes (:mod:`.nodes`), the directives that make them
(:mod:`.directives`), their HTML and LaTeX rendering (:mod:`.html`,
:mod:`.latex`) and the read transforms of a page's text (:mod:`.japanese`:
Japanese line joins, the week sections' anchors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_cards"]


def setup_cards(app: Sphinx) -> None:
    """Register the card nodes (a visitor per builder), directives and page transforms."""
    from .directives import ItemDirective, PaperDirective
    from .html import depart_card_as_section, depart_card_html, visit_card_as_section, visit_card_html
    from .japanese import JoinJapaneseLines, WeekSectionAnchors
    from .latex import depart_card_latex, visit_card_latex
    from .nodes import item_card, paper_card

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
    app.add_directive("paper", PaperDirective)
    app.add_directive("item", ItemDirective)
    app.add_transform(JoinJapaneseLines)
    app.add_transform(WeekSectionAnchors)
