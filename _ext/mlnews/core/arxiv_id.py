"""arXiv identifiers: parsing, normalising and the anchors derived from them.

Both of arXiv's identifier schemes are accepted:

* new style (April 2007 on): ``YYMM.NNNN`` up to 2014 and ``YYMM.NNNNN`` from
  2015 (``2010.15639``), optionally followed by a version (``2010.15639v2``);
* old style: ``archive[.SUBJECT]/YYMMNNN`` (``cs/0112017``,
  ``hep-th/9901001``, ``math.GT/0309136``), optionally versioned.

An ``arXiv:`` prefix is tolerated, because authors paste IDs that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ArxivId", "parse_arxiv_id", "looks_like_arxiv_id"]

_NEW = re.compile(r"^(?P<yymm>\d{4})\.(?P<num>\d{4,5})(?:v(?P<version>[1-9]\d*))?$")
_OLD = re.compile(
    r"^(?P<archive>[a-z]+(?:-[a-z]+)*)(?:\.(?P<subject>[A-Z]{2}))?/"
    r"(?P<yymm>\d{4})(?P<num>\d{3})(?:v(?P<version>[1-9]\d*))?$"
)
# Anything an author plausibly meant as an arXiv ID rather than a BibTeX key:
# it starts with digits and a dot, or it has an archive-like prefix and a slash.
_ID_LIKE = re.compile(r"^(arxiv:|\d{2,}[.\d]*|[a-z-]+(\.[A-Za-z]+)?/\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArxivId:
    """A parsed arXiv identifier."""

    base: str
    """The identifier without version, e.g. ``2010.15639`` or ``hep-th/9901001``."""
    version: int | None = None
    """The version number, or ``None`` when the identifier names no version."""

    def __str__(self) -> str:
        return self.base if self.version is None else f"{self.base}v{self.version}"

    @property
    def anchor(self) -> str:
        """The HTML id of the paper's card: ``arxiv-2010-15639``."""
        return "arxiv-" + re.sub(r"[^0-9a-z]+", "-", self.base.lower()).strip("-")

    @property
    def abs_url(self) -> str:
        """The abstract page on arXiv (for the version named, if any)."""
        return f"https://arxiv.org/abs/{self}"

    @property
    def pdf_url(self) -> str:
        """The PDF on arXiv (for the version named, if any)."""
        return f"https://arxiv.org/pdf/{self}"


def _month_ok(yymm: str) -> bool:
    return 1 <= int(yymm[2:]) <= 12


def parse_arxiv_id(text: str) -> ArxivId | None:
    """Parse *text* as an arXiv identifier; return ``None`` if it is not one."""
    text = text.strip()
    if text[:6].lower() == "arxiv:":
        text = text[6:]
    match = _NEW.match(text)
    if match:
        yymm, num = match["yymm"], match["num"]
        # Five-digit sequence numbers started with 1501; before that, four.
        if not _month_ok(yymm) or (len(num) == 5) != (int(yymm) >= 1501):
            return None
        version = int(match["version"]) if match["version"] else None
        return ArxivId(f"{yymm}.{num}", version)
    match = _OLD.match(text)
    if match:
        yymm = match["yymm"]
        # Old-style identifiers ran from 1991-08 to 2007-03.
        year = int(yymm[:2])
        if not _month_ok(yymm) or not (year >= 91 or year <= 7):
            return None
        subject = f".{match['subject']}" if match["subject"] else ""
        version = int(match["version"]) if match["version"] else None
        return ArxivId(f"{match['archive']}{subject}/{yymm}{match['num']}", version)
    return None


def looks_like_arxiv_id(text: str) -> bool:
    """Whether *text* looks meant as an arXiv ID (valid or not) rather than a key."""
    return bool(_ID_LIKE.match(text.strip()))
