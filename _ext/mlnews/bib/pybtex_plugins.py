"""Scan the installed packages for pybtex's plugins once per process, not once per lookup.

``pybtex.plugin.find_plugin`` looks a plugin up with
``importlib.metadata.entry_points(group=..., name=...)``, which reads the
metadata of every installed distribution on each call, and pybtex,
sphinxcontrib-bibtex and pybtex-docutils call it for every formatted entry,
every resolved ``{cite}`` and every ``render_as``: a few milliseconds each,
times thousands of papers, was once the largest cost of the site over plain
MyST (see ``bench/RESULTS.md``).

:func:`install` gives pybtex's plugin module an ``entry_points`` that answers
from one scan of the installed packages, kept for the life of the process
(packages are not installed while a build runs). pybtex's own order of
lookup is unchanged (plugins registered with ``register_plugin`` first, then
entry points, main group before aliases), and a plugin's class is loaded
only when a build first asks for it.
"""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoint, EntryPoints, entry_points
from typing import TYPE_CHECKING, Any

from ..build.compat import pybtex_entry_points, set_pybtex_entry_points

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["installed_entry_points", "install", "setup_pybtex_plugins"]


@functools.cache
def _all() -> EntryPoints:
    return entry_points()


@functools.cache
def _selected(group: str | None, name: str | None) -> tuple[EntryPoint, ...]:
    criteria = {key: value for key, value in (("group", group), ("name", name)) if value is not None}
    return tuple(_all().select(**criteria))


def installed_entry_points(**criteria: Any) -> EntryPoints:
    """``importlib.metadata.entry_points(group=..., name=...)``, from one scan per process."""
    if set(criteria) - {"group", "name"}:
        return entry_points(**criteria)
    return EntryPoints(_selected(criteria.get("group"), criteria.get("name")))


def install() -> None:
    """Make pybtex look its plugins up in :func:`installed_entry_points`."""
    set_pybtex_entry_points(installed_entry_points)


def _configure(app: Sphinx, config: Any) -> None:
    if config.mlnews_pybtex_plugin_cache:
        install()
    elif pybtex_entry_points() is installed_entry_points:
        set_pybtex_entry_points(None)


def setup_pybtex_plugins(app: Sphinx) -> None:
    """Install the cached lookup before any formatting (``mlnews_pybtex_plugin_cache = False``: pybtex's own)."""
    app.add_config_value("mlnews_pybtex_plugin_cache", True, "", types=[bool])
    # Early: sphinxcontrib-bibtex looks plugins up as soon as the builder starts.
    app.connect("config-inited", _configure, priority=100)
