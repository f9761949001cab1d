"""Keep Python's cycle collector off the long-lived objects of a build.

A build holds a large, long-lived heap: the environment loaded from
``environment.pickle`` (every page's data, sphinxcontrib-bibtex's parsed
``refs.bib`` and formatted entries, the search index). CPython's cycle
collector walks all of it again on each full collection, and once more when
the interpreter exits: on a one-week edit of a 260-week archive those walks
were about a third of the rebuild (``bench/RESULTS.md``), and they grow with
the archive. So:

* while the saved environment is unpickled (between ``config-inited`` and
  ``builder-inited``) the collector is off: unpickling makes millions of
  objects and no garbage, and the collector, triggered by every few hundred
  of them, walked the growing heap again and again (three times the cost of
  loading at 520 weeks);
* once a saved environment is loaded (``builder-inited``), the objects alive
  then are moved out of the collector's generations (:func:`gc.freeze`), and
  again once reading is done (``env-updated``, after one collection of what
  reading left behind): the pages are written with only their own objects
  under the collector. Everything is handed back when the build finishes
  (:func:`gc.unfreeze`), so a process that runs several builds (tests, a live
  server) collects it as usual;
* when the interpreter exits, everything still alive is frozen before the
  final collection, which would only free memory the process is about to
  give back anyway.

Nothing else changes: reference counting frees objects as before, and the
collector still runs on everything made during the build.

``mlnews`` sets this up itself; ``mlnews.build.gc_policy`` is also an extension on its
own, for any Sphinx project (the benchmark's plain floor uses it to compare like
with like).
"""

from __future__ import annotations

import atexit
import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_gc_policy", "setup"]

_AT_EXIT = False
_FREEZE_AT_EXIT = False
"""Set once a build of this process ran with the policy on (``mlnews_gc_policy``)."""


def _on(app: Sphinx) -> bool:
    return bool(app.config.mlnews_gc_policy)


def _pause_for_loading(app: Sphinx, config: Any) -> None:
    global _FREEZE_AT_EXIT
    if not config.mlnews_gc_policy:
        return
    _FREEZE_AT_EXIT = True
    gc.disable()


def _resume_after_loading(app: Sphinx) -> None:
    if not _on(app):
        return
    if app.env.all_docs:
        # Everything unpickled sits in the youngest generation: frozen first, or
        # the collector's first pass after enable() would walk all of it.
        gc.freeze()
    gc.enable()


def _freeze_loaded_environment(app: Sphinx) -> None:
    if not _on(app) or not app.env.all_docs:
        return  # a fresh environment: nothing long-lived yet, and garbage would be kept
    gc.freeze()


def _freeze_after_reading(app: Sphinx, env: Any) -> list[str]:
    # What reading left alive (the environment, the search index so far) lives
    # until the end: collect the garbage of reading once, then freeze the rest.
    if not _on(app):
        return []
    gc.collect()
    gc.freeze()
    return []


def _unfreeze(app: Sphinx, exception: Exception | None) -> None:
    if not _on(app):
        return
    gc.unfreeze()
    gc.enable()  # (in case the builder never started)


def _freeze_at_exit() -> None:
    if _FREEZE_AT_EXIT:
        gc.freeze()


def setup_gc_policy(app: Sphinx) -> None:
    """Freeze the loaded environment for the build, and the whole heap at exit.

    ``mlnews_gc_policy = False`` leaves the collector as Python runs it."""
    global _AT_EXIT
    app.add_config_value("mlnews_gc_policy", True, "", types=[bool])
    # Sphinx loads the environment after config-inited and before builder-inited.
    app.connect("config-inited", _pause_for_loading, priority=1000)
    app.connect("builder-inited", _resume_after_loading, priority=0)
    # Late, once the other handlers have loaded what they keep (refs.bib, indexes).
    app.connect("builder-inited", _freeze_loaded_environment, priority=900)
    app.connect("env-updated", _freeze_after_reading, priority=1000)
    # Last, after every other handler has dropped what it held.
    app.connect("build-finished", _unfreeze, priority=1000)
    if not _AT_EXIT:
        atexit.register(_freeze_at_exit)
        _AT_EXIT = True


def setup(app: Sphinx) -> dict[str, Any]:
    """``extensions = ["mlnews.build.gc_policy"]``: the policy alone, without the rest of mlnews."""
    setup_gc_policy(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
