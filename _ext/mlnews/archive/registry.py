"""The registry of placeholder kinds: what each kind puts in a page, computes and shows.

A placeholder is an empty node put into a doctree at read time (by a
directive, or by the kind's ``insert``); the engine (:mod:`.engine`) computes
its *model* from the :class:`~.index.ArchiveIndex` after every read and fills it
with ordinary nodes when the page is written. A feature registers its kinds in
its own ``setup_<feature>``; the engine imports no feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.periods import Period
    from .index import ArchiveIndex
    from .placeholders import placeholder

__all__ = ["Model", "Placeholder", "register", "registered"]

Model = Any
"""The plain data a placeholder shows: computed once per build, compared to find stale pages."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One kind of placeholder."""

    kind: str
    model: Callable[[ArchiveIndex, str, dict[str, Any]], Model]
    """``model(index, docname, spec)``: what the placeholder of *spec* on *docname* shows."""
    render: Callable[[Builder, str, placeholder, Model], list[nodes.Node]]
    """``render(builder, fromdoc, node, model)``: the nodes that replace the placeholder ([] drops it)."""
    insert: Callable[[nodes.document, str, Period | None], None] | None = None
    """``insert(doctree, docname, period)``: put this kind's placeholders into a page that was read."""
    check: Callable[[ArchiveIndex], None] | None = None
    """``check(index)``: warnings about the whole archive, after every read."""


_REGISTRIES: WeakKeyDictionary[Sphinx, dict[str, Placeholder]] = WeakKeyDictionary()


def register(app: Sphinx, kind: Placeholder) -> None:
    """Add a placeholder kind to *app* (at setup, in every process)."""
    _REGISTRIES.setdefault(app, {})[kind.kind] = kind


def registered(app: Sphinx) -> dict[str, Placeholder]:
    """The kinds of *app*, in the order they were registered."""
    return _REGISTRIES.get(app, {})
