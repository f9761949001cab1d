"""How the build runs: what is stale, memory, garbage collection, lenient decoding.

Owns the one staleness mechanism (:mod:`.staleness`: the bibliography check
on ``env-get-outdated``, the derived views' pass on ``env-updated``) and the
one digest (:mod:`.digest`), the garbage-collector policy (:mod:`.gc_policy`,
also an extension of its own), writing each page from its pickled doctree
(:mod:`.doctree_cache`), reading a page with a bad byte instead of
stopping (:mod:`.lenient_utf8`), and myst-parser's default settings made
once (:mod:`.myst_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_build"]


def setup_build(app: Sphinx) -> None:
    """Register the build's policies."""
    from .doctree_cache import setup_doctree_cache
    from .gc_policy import setup_gc_policy
    from .lenient_utf8 import setup_encoding
    from .myst_settings import setup_myst_settings
    from .staleness import setup_staleness

    setup_staleness(app)
    setup_encoding(app)
    setup_gc_policy(app)
    setup_doctree_cache(app)
    setup_myst_settings(app)
