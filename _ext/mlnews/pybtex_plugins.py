"""Look pybtex's plugins up once per build instead of once per citation.

``pybtex.plugin.find_plugin`` scans every installed distribution's entry
points on each call (``importlib.metadata.entry_points``), and pybtex,
sphinxcontrib-bibtex and pybtex-docutils call it for every formatted
entry, every resolved ``{cite}`` and every ``render_as``: a few
milliseconds each, times thousands of papers, was the largest cost of the
site over plain MyST (see ``bench/RESULTS.md``). pybtex's own
``register_plugin`` puts a class in the table ``find_plugin`` reads first,
so registering the installed plugins of the groups a build uses, once,
turns every later lookup into a dictionary hit and changes nothing else:
the classes registered are the ones the entry points name.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from pybtex.plugin import register_plugin

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["GROUPS", "register_pybtex_plugins", "setup_pybtex_plugins"]

GROUPS = (
    "pybtex.backends",
    "pybtex.backends.aliases",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)
"""The plugin groups looked up while citations and bibliographies are formatted."""


def register_pybtex_plugins() -> int:
    """Register every installed plugin of :data:`GROUPS`; return how many."""
    installed = entry_points()
    count = 0
    for group in GROUPS:
        for entry_point in installed.select(group=group):
            # force: the entry point exists, which is why register_plugin would
            # otherwise decline; the class is the very one it names.
            klass = entry_point.load()
            register_plugin(group, entry_point.name, klass, force=True)
            count += 1
            if group.endswith(".aliases"):
                # find_plugin tries the main group before the aliases, and a miss
                # there is a scan: file the alias (``text``) under the main group too.
                register_plugin(group.removesuffix(".aliases"), entry_point.name, klass, force=True)
    return count


def _register(app: Sphinx) -> None:
    register_pybtex_plugins()


def setup_pybtex_plugins(app: Sphinx) -> None:
    """Register pybtex's plugins when the builder starts (before any reading or writing)."""
    app.connect("builder-inited", _register)
