"""Write each page from its pickled doctree instead of holding every page's doctree in memory.

In a serial build Sphinx keeps every doctree it reads in memory until the page
is written (:func:`~mlnews.build.compat.doctree_write_cache`), so the build's peak memory holds
the doctrees of the whole archive at once: at 260 weeks, 83 MB for the site's
pages against 48 MB for the same pages as plain MyST (cards are richer trees).
The doctree of each page is pickled as it is read anyway, and a parallel build
always writes from those pickles; the site does the same in serial builds: the
cache is emptied as reading goes on, and each page is loaded back when it is
written, about a millisecond a page (``bench/RESULTS.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compat import dismantle, doctree_write_cache

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["setup_doctree_cache"]


def _drop(env: BuildEnvironment) -> None:
    if not env.config.mlnews_doctree_cache:
        return
    cache = doctree_write_cache(env)
    while cache:
        _, doctree = cache.popitem()
        dismantle(doctree)


def _before_next_page(app: Sphinx, docname: str, source: list[str]) -> None:
    # The page read before this one has been pickled by now.
    _drop(app.env)


def _after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    _drop(env)
    return []


def setup_doctree_cache(app: Sphinx) -> dict[str, Any]:
    """Empty Sphinx's in-memory doctree cache while reading (``mlnews_doctree_cache = False``: keep it)."""
    app.add_config_value("mlnews_doctree_cache", True, "", types=[bool])
    app.connect("source-read", _before_next_page)
    app.connect("env-updated", _after_reading)
    return {}
