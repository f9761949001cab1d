"""Paper metadata read from the BibTeX database that sphinxcontrib-bibtex parses.

sphinxcontrib-bibtex parses the ``bibtex_bibfiles`` once per build (and only
when they changed). :class:`PaperIndex` is built once from that parse and
finds an entry by arXiv ID or by key; pages never retype a title or author.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

from .arxiv_id import ArxivId, parse_arxiv_id

if TYPE_CHECKING:
    from pybtex.database import BibliographyData, Entry, Person

__all__ = ["PaperMeta", "PaperIndex", "latex_to_text"]

MAX_AUTHORS = 3
"""Authors shown on a card before "et al."."""


# What latexcodec leaves behind or turns into spacing accents, as a reader expects it.
_TEXT_FIXES = str.maketrans({"\u02dc": "~", "\u02c6": "^", "\ue000": "$"})


_PLAIN_TEXT = PlainTextBackend()


def latex_to_text(value: str) -> str:
    """Plain text of a BibTeX field: braces, escapes and accents resolved."""
    if "\\" not in value and "~" not in value:
        # Most titles and names: only case-protecting braces to drop.
        return value.replace("{", "").replace("}", "")
    # latexcodec keeps "\$" as it is: carry it through as a private-use character.
    value = value.replace("\\$", "\ue000")
    try:
        # render() with a backend object, not render_as("text"): that looks the
        # backend up among the installed plugins' entry points on every call (~12 ms).
        text = Text.from_latex(value).render(_PLAIN_TEXT)
    except Exception:  # pybtex raises several types on unbalanced input
        text = value.replace("{", "").replace("}", "")
    return text.translate(_TEXT_FIXES)


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


def _meta(key: str, entry: Entry) -> PaperMeta:
    fields = entry.fields
    eprint = fields.get("eprint", "")
    digest = hashlib.sha1(
        repr((entry.type, sorted(fields.items()), sorted(
            (role, tuple(str(p) for p in people)) for role, people in entry.persons.items()
        ))).encode("utf-8")
    ).hexdigest()
    return PaperMeta(
        key=key,
        title=latex_to_text(fields.get("title", "")),
        authors=tuple(_person_name(p) for p in entry.persons.get("author", ())),
        year=fields.get("year", ""),
        arxiv=parse_arxiv_id(eprint) if eprint else None,
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
            meta = self.by_arxiv(parsed) if parsed else None
        else:
            meta = self.by_key(value)
        return meta.fingerprint if meta else None
