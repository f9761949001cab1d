"""The bibliography: what ``refs.bib`` says, and how it is cited and shown.

Owns the index of the bib files (:mod:`.catalog`, :mod:`.paper_index`, read
from sphinxcontrib-bibtex's parse; :mod:`.source` gives each entry's text and
line), the pybtex styles (:mod:`.styles`, :mod:`.pybtex_plugins`), the cite
domain with its indexes (:mod:`.cite_domain`), the week references
(:mod:`.references`), the global bibliography's extras
(:mod:`.bibliography_page`), the BibTeX blocks (:mod:`.bibtex_block`), the
text of BibTeX fields (:mod:`.text`) and lenient parsing
(:mod:`.lenient_parse`).
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
    from .lenient_parse import setup_lenient_parse
    from .pybtex_plugins import setup_pybtex_plugins
    from .references import setup_references

    setup_bibtex_block(app)
    setup_references(app)
    setup_bibliography_page(app)
    setup_lenient_parse(app)
    setup_pybtex_plugins(app)
    setup_bibtex_index(app)
