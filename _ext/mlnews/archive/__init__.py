"""The archive: weeks stitched into months, quarters, halves and years.

Owns the placeholders a page gets (:mod:`.placeholders` nodes, the kinds in
:mod:`.registry`), the engine that collects them after a read, computes their
models as a derived view of :mod:`mlnews.build.staleness` (``env-updated``),
warns about the whole archive on every build and fills the placeholders on
``doctree-resolved`` (:mod:`.engine`, over the :class:`~.index.ArchiveIndex`), and the kinds
themselves: week navigation and picks (:mod:`.navigation`), "featured in"
(:mod:`.featured_in`), ``paperlist`` (:mod:`.paperlist`), a summary's period
tree (:mod:`.period_tree`), the latest issue (:mod:`.latest`); plus the
``toctree`` that lets a month's glob match no week yet (:mod:`.toctree`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_archive"]


def setup_archive(app: Sphinx) -> None:
    """Register the placeholder nodes and kinds, the archive's directives and its engine."""
    from .engine import setup_engine
    from .featured_in import setup_featured_in
    from .latest import setup_latest
    from .navigation import setup_navigation
    from .paperlist import setup_paperlist
    from .period_tree import setup_period_tree
    from .placeholders import setup_placeholders
    from .toctree import setup_toctree

    setup_placeholders(app)
    setup_toctree(app)
    # The order of the inserts: a summary's tree, a week's bars, every card's "featured in".
    setup_period_tree(app)
    setup_latest(app)
    setup_navigation(app)
    setup_paperlist(app)
    setup_featured_in(app)
    setup_engine(app)
