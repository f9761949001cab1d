"""Paper metadata read from the BibTeX database that sphinxcontrib-bibtex parses.

sphinxcontrib-bibtex parses the ``bibtex_bibfiles`` once per build (and only
when they changed). :class:`PaperIndex` is built once from that parse and
finds an entry by arXiv ID or by key; pages never retype a title or author.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING


from ..core.arxiv_id import ArxivId, parse_arxiv_id
from ..core.cardrules import recorded_version
from .text import latex_to_text

if TYPE_CHECKING:
    from pybtex.database import BibliographyData, Entry, Person

__all__ = ["PaperMeta", "PaperIndex", "described_arxiv"]

MAX_AUTHORS = 3
"""Authors shown on a card before "et al."."""


def described_arxiv(fields: Mapping[str, str]) -> ArxivId | None:
    """The arXiv ID of an entry's ``eprint``, with the version the entry describes.

    ``eprint`` holds the ID without version and ``version`` the arXiv version
    the fields describe (``mlnews add`` writes both; the one meaning of an
    entry's version, :func:`mlnews.core.cardrules.recorded_version`): an entry
    without ``version`` describes none. ``None`` when ``eprint`` is not an arXiv ID.
    """
    eprint = fields.get("eprint", "")
    arxiv = parse_arxiv_id(eprint) if eprint else None
    return ArxivId(arxiv.base, recorded_version(fields.get("version"))) if arxiv is not None else None


def _person_name(person: Person) -> str:
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    name = " ".join(parts)
    if person.lineage_names:
        name += ", " + " ".join(person.lineage_names)
    return latex_to_text(name)


@dataclass(frozen=True, slots=True)
class PaperMeta:
    """What a card shows of a paper, taken from its BibTeX entry."""

    key: str
    title: str
    authors: tuple[str, ...]
    year: str
    arxiv: ArxivId | None
    primary_class: str
    doi: str
    url: str
    fingerprint: str
    """A digest of the entry's fields: a change means pages showing it are stale."""

    @property
    def short_authors(self) -> str:
        """The first authors, then "et al." when there are more."""
        if len(self.authors) > MAX_AUTHORS:
            return ", ".join(self.authors[:MAX_AUTHORS]) + " et al."
        return ", ".join(self.authors)


def _digest(entry: Entry) -> str:
    return hashlib.sha1(
        repr((entry.type, sorted(entry.fields.items()), sorted(
            (role, tuple(str(p) for p in people)) for role, people in entry.persons.items()
        ))).encode("utf-8")
    ).hexdigest()


def _meta(key: str, entry: Entry) -> PaperMeta:
    fields = entry.fields
    digest = _digest(entry)
    return PaperMeta(
        key=key,
        title=latex_to_text(fields.get("title", "")),
        authors=tuple(_person_name(p) for p in entry.persons.get("author", ())),
        year=fields.get("year", ""),
        arxiv=described_arxiv(fields),
        primary_class=fields.get("primaryClass", fields.get("primaryclass", "")),
        doi=fields.get("doi", ""),
        url=fields.get("url", ""),
        fingerprint=digest,
    )


class PaperIndex:
    """Entries of the bibliography by key and by arXiv ID (without version)."""

    def __init__(self, data: BibliographyData) -> None:
        self._entries = data.entries
        self._cache: dict[str, PaperMeta] = {}
        self._by_arxiv: dict[str, str] = {}
        for key, entry in data.entries.items():
            eprint = entry.fields.get("eprint", "")
            parsed = parse_arxiv_id(eprint) if eprint else None
            if parsed is not None:
                # The first entry wins; duplicates are reported by the bibliography checks.
                self._by_arxiv.setdefault(parsed.base, key)

    def by_key(self, key: str) -> PaperMeta | None:
        """The paper with BibTeX key *key*."""
        if key not in self._cache:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._cache[key] = _meta(key, entry)
        return self._cache[key]

    def by_arxiv(self, arxiv: ArxivId) -> PaperMeta | None:
        """The paper whose ``eprint`` is *arxiv* (any version)."""
        key = self._by_arxiv.get(arxiv.base)
        return self.by_key(key) if key is not None else None

    def fingerprint(self, lookup: str) -> str | None:
        """The fingerprint of what a lookup (``key:...`` or ``arxiv:...``) finds now."""
        kind, _, value = lookup.partition(":")
        if kind == "arxiv":
            parsed = parse_arxiv_id(value)
            key = self._by_arxiv.get(parsed.base) if parsed else None
        else:
            key = value
        if key in self._cache:
            return self._cache[key].fingerprint
        # Every page's lookups are checked on every build: digest the entry, without
        # rendering its title and names as by_key() does.
        entry = self._entries.get(key) if key is not None else None
        return _digest(entry) if entry is not None else None
