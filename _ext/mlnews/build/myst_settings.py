"""Parse with myst-parser's default document settings made once, not on every parse.

myst-parser builds docutils' default settings for a throwaway document on
every parse (:func:`~mlnews.build.compat.reuse_myst_default_settings`); in a
translated edition Sphinx parses each translated message on its own, so the
English build paid that hundreds of times (bench/RESULTS.md).
``mlnews_myst_settings_cache = False`` leaves myst-parser as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compat import reuse_myst_default_settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["setup_myst_settings"]


def _apply(app: Sphinx, config: Config) -> None:
    reuse_myst_default_settings(bool(config.mlnews_myst_settings_cache))


def setup_myst_settings(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("mlnews_myst_settings_cache", True, "", types=[bool])
    app.connect("config-inited", _apply)
    return {}
