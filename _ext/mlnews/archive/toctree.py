"""A month's glob of weeks, or a new site's glob of years, may match none yet: that toctree warning is left out.

A month's page holds its weeks by glob (``/issues/2020/11/*``); until the
month's first week is written, the month shows a short note instead (its
period tree, :mod:`.period_tree`). A new site's landing page (``mlnews
init``) holds its years by glob (``/summaries/*/index``) before the first is
written. Sphinx warns about every glob that matches nothing (subtype
``empty_glob``); a logging filter drops that warning for globs of week and
summary pages only, so every other glob that matches nothing is still a
warning.
"""

from __future__ import annotations

import logging
import posixpath
from typing import TYPE_CHECKING

from ..build.compat import toctree_logger_name
from ..core.weeks import is_week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["EmptyWeekGlobs", "setup_toctree"]


def _as_docname(entry: str) -> str:
    """A toctree entry as the docname pattern it stands for (absolute or relative)."""
    path = posixpath.normpath(entry.strip())
    while path.startswith(("../", "/")):
        path = path.removeprefix("../").removeprefix("/")
    return path


class EmptyWeekGlobs(logging.Filter):
    """Drops Sphinx's "glob pattern didn't match any documents" for globs of week and summary pages."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "subtype", None) != "empty_glob" or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        pattern = _as_docname(str(args[0]))
        glob = any(char in pattern for char in "*?[")
        return not (glob and (is_week_docname(pattern) or pattern.startswith("summaries/")))


_FILTER = EmptyWeekGlobs()


def setup_toctree(app: Sphinx) -> None:
    """Install the filter (once per process: it holds no state)."""
    logger = logging.getLogger(toctree_logger_name())
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
