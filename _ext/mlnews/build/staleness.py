"""Which pages a build reads again and writes again beyond Sphinx's own rules: one record, one check, one pass.

Sphinx reads a page again when its source changed and writes the pages it
read. A page of the newsletter also shows what other files and pages say,
and this module is the one place that decides when that makes it stale:

1. **The bibliography** (``env-get-outdated``, :func:`_outdated`). Every
   page records what its cards and citations looked up in the bibliography
   and what they found (:meth:`mlnews.data.NewsData.lookups`:
   ``{"arxiv:<ID>" | "key:<key>": (key, stamp)}``, the stamp being the
   digest of the entry's key, label and text). When the bib files or the
   labels' style changed since the pages were last checked, each lookup is
   asked again of the new :class:`~mlnews.bib.catalog.BibCatalog`; a page
   whose answer differs is read again. One record catches an edited entry,
   a renamed key, an entry that appears or goes, and a label that gains or
   moves a suffix because of another entry.
2. **Derived views** (``env-updated``, :func:`_what_changed`). A feature that
   shows on a page something derived from other pages (the archive's
   placeholders, the global bibliography's backlinks, a summary's
   description, the sidebar and the theme's navigation) registers a
   :class:`View`: for each page, the plain data it shows. After every read
   each view is computed, each page's share digested
   (:func:`~mlnews.build.digest.digest`) and compared with the digest of
   what the page showed when last written (:meth:`mlnews.data.NewsData.shown`);
   the union of the pages whose digest changed is written again, though
   their sources did not change. A build that changed no page's data (read,
   re-read or removed none) changes no view, and skips the pass.

Generated pages that are no documents (tag pages, feeds) keep digests of
their own beside the output (:mod:`mlnews.reader.output_state`), made with
the same digest function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..data import NewsData
from .digest import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["View", "register_view", "registered_views", "setup_staleness"]


@dataclass(frozen=True, slots=True)
class View:
    """Something pages show that is derived from other pages or files."""

    name: str
    shows: Callable[[Sphinx, BuildEnvironment], Mapping[str, Any]]
    """``shows(app, env)``: by docname, what the page shows of this view (JSON-able data).
    Computed after every read that changed some page's data, in the main process."""


_VIEWS: WeakKeyDictionary[Sphinx, dict[str, View]] = WeakKeyDictionary()


def register_view(app: Sphinx, view: View) -> None:
    """Add a derived view to *app* (at setup): its pages are written again when what they show changes."""
    _VIEWS.setdefault(app, {})[view.name] = view


def registered_views(app: Sphinx) -> dict[str, View]:
    """The views of *app*, in the order they were registered."""
    return _VIEWS.get(app, {})


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages not otherwise read again whose lookups find something else in the bibliography now."""
    news = NewsData(env)
    news.begin_build()
    catalog = news.catalog()
    if news.bib_checked() == catalog.stamp:
        return []  # the same files and style every page was checked against
    skip = changed | removed
    return sorted(
        docname
        for docname, lookups in news.lookups().items()
        if docname not in skip and any(catalog.resolve(lookup) != found for lookup, found in lookups.items())
    )


def _what_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose share of some derived view changed: to be written again."""
    news = NewsData(env)
    # Every page read now looked up this catalog; every other page was checked against it.
    news.set_bib_checked(news.catalog().stamp)
    if not news.build.data_changed:
        return []
    stale: set[str] = set()
    for view in registered_views(app).values():
        after = {docname: digest(value) for docname, value in view.shows(app, env).items()}
        before = news.shown(view.name)
        stale.update(docname for docname, value in after.items() if before.get(docname) != value)
        stale.update(before.keys() - after.keys())  # shows nothing of it now
        news.set_shown(view.name, after)
    return sorted(stale & env.found_docs)


def setup_staleness(app: Sphinx) -> None:
    """The one bibliography check and the one derived-views pass."""
    app.connect("env-get-outdated", _outdated)
    app.connect("env-updated", _what_changed)
