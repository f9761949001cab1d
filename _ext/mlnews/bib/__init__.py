"""The bibliography: what ``refs.bib`` says, and how it is cited and shown.

Owns the one index of the bib files (:mod:`.catalog`: entries by key and
arXiv ID, their text and line, labels, stamps and problems, built from the
files' text with pybtex alone, so the command line uses it too), reading
and parsing them once per change for itself and sphinxcontrib-bibtex
(:mod:`.parse`, ``builder-inited``; :mod:`.source` finds each entry's text
and line), the pybtex styles (:mod:`.styles`, :mod:`.pybtex_plugins`), the
cite domain with its indexes (:mod:`.cite_domain`), the week references
(:mod:`.references`), the global bibliography's extras and their derived
view (:mod:`.bibliography_page`), the BibTeX blocks (:mod:`.bibtex_block`)
and the text of BibTeX fields (:mod:`.text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_bib"]


def setup_bib(app: Sphinx) -> None:
    """Register references, bibliography extras, BibTeX blocks, styles and the cite domain."""
    from .bibliography_page import setup_bibliography_page
    from .bibtex_block import setup_bibtex_block
    from .cite_domain import setup_bibtex_index
    from .format_cache import setup_format_cache
    from .parse import setup_parse
    from .pybtex_plugins import setup_pybtex_plugins
    from .references import setup_references

    setup_bibtex_block(app)
    setup_references(app)
    setup_bibliography_page(app)
    setup_parse(app)
    setup_pybtex_plugins(app)
    setup_bibtex_index(app)
    setup_format_cache(app)
