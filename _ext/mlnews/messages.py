"""The one helper that emits mlnews's warnings in a build.

The texts and subtypes are in :mod:`mlnews.core.warnings`, which ``mlnews
check`` formats too. Each warning carries ``type="mlnews"`` and its subtype, so
a site can silence a kind of warning with ``suppress_warnings = ["mlnews.<subtype>"]``.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from .core.warnings import Message, Report, Subtype

__all__ = ["Message", "Subtype", "warn", "logger"]

logger = logging.getLogger("mlnews")


def warn(report: Report, location: Any) -> None:
    """Emit *report* (``Message.x(**fields)``) as a located warning of mlnews."""
    logger.warning(report.text, location=location, type="mlnews", subtype=report.message.subtype.value)
