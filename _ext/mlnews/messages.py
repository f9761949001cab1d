"""Every warning mlnews emits, by subtype, and the one helper that emits them.

Each warning carries ``type="mlnews"`` and one of the subtypes below, so a
site can silence a kind of warning with ``suppress_warnings = ["mlnews.<subtype>"]``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

__all__ = ["Subtype", "warn", "logger"]

logger = logging.getLogger("mlnews")


class Subtype(str, Enum):
    """Warning subtypes of mlnews."""

    arxiv_id = "arxiv_id"
    """An argument that looks like an arXiv ID but is malformed."""
    unknown_paper = "unknown_paper"
    """A paper whose arXiv ID or BibTeX key has no entry in the bibliography."""
    version = "version"
    """The version in a paper's argument disagrees with its BibTeX entry."""
    option = "option"
    """A directive option with a bad or empty value."""
    tag = "tag"
    """A tag that is not in the site's vocabulary (``mlnews_tags``)."""
    url = "url"
    """A link that is not http(s) or relative."""
    week_date = "week_date"
    """A week page without a valid ``date:`` in its front matter."""
    week_path = "week_path"
    """A week page whose file name or folder disagrees with its date."""
    encoding = "encoding"
    """A page that is not valid UTF-8."""
    duplicate = "duplicate"
    """The same week or the same item twice, or a paper brought as new by two weeks."""
    period = "period"
    """A summary's ``period:`` or a ``paperlist`` ``:period:`` that names no period."""
    bibtex = "bibtex"
    """A bibliography entry that is malformed or lacks title or authors."""
    search = "search"
    """The search index could not be written (Pagefind failed or found no page)."""


def warn(message: str, location: Any, subtype: Subtype) -> None:
    """Emit a located warning of mlnews."""
    logger.warning(message, location=location, type="mlnews", subtype=subtype.value)
