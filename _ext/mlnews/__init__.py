"""mlnews: publish a weekly machine-learning newsletter with Sphinx.

Add ``"mlnews"`` to ``extensions`` in ``conf.py``; it brings MyST and
sphinxcontrib-bibtex along. See the project's README for the authoring contract.

The extension is imported when Sphinx asks for ``setup``: the command line
(``mlnews.cli``) and ``mlnews.build.gc_policy`` alone do not load it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["setup", "__version__"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import extension

        return extension.setup if name == "setup" else extension.VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
