"""The PDF book: one for the archive and one per year (``make latexpdf``).

Owns the book's structure (:mod:`.structure`: parts per year, chapters per
month, the bibliography at the end; LaTeX post-transforms), its settings
(``config-inited``) and its LaTeX style (``texinputs/mlnews.sty``). The cards'
LaTeX visitors are :mod:`mlnews.cards.latex`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_book"]


def setup_book(app: Sphinx) -> None:
    """Register the book's structure, defaults and style."""
    from .structure import setup_book as setup_structure

    setup_structure(app)
