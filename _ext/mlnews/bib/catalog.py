"""Everything the site derives from the bibliography once per build.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` (once per build, and only when
they changed). :class:`BibCatalog` adds, once per build, what pybtex forgets
or what depends on the whole file rather than one entry:

* each entry's exact text and line (:func:`~mlnews.bib.source.scan_bibtex`),
  for the BibTeX readers copy and for warnings that name a line;
* the problems of the file (malformed entry, duplicate key, two entries for
  one arXiv ID, an ``eprint`` that is no arXiv ID, an entry without title or
  authors);
* every entry's author-year label: a suffix (``2020a``) depends on the other
  entries, so labels are computed over the whole file, in bibliography order;
* a *stamp* per entry (its text and label): a page that shows an entry is
  stale exactly when the stamp of one of its entries changed;
* formatted entries, each formatted at most once per build and process.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.arxiv_id import parse_arxiv_id
from ..core.warnings import Message, Report
from .source import BibEntrySource, scan_bibtex
from .styles import ArxivStyle, entry_arxiv

if TYPE_CHECKING:
    from pybtex.database import Entry
    from pybtex.style import FormattedEntry

__all__ = ["BibCatalog", "BibIssue"]


@dataclass(frozen=True, slots=True)
class BibIssue:
    """A problem of a bibliography file, at a line."""

    path: str
    line: int
    report: Report
    """What is wrong: text and subtype from :mod:`mlnews.core.warnings`, as ``mlnews check`` says it."""


class BibCatalog:
    """The bibliography's sources, labels, stamps and formatted entries."""

    def __init__(self, bibdata: Any) -> None:
        """*bibdata* is sphinxcontrib-bibtex's ``BibData`` (files and parsed entries)."""
        self.entries: dict[str, Entry] = dict(bibdata.data.entries)
        self.sources: dict[str, tuple[str, BibEntrySource]] = {}
        self.issues: list[BibIssue] = []
        for path in bibdata.bibfiles:
            self._scan(Path(path), bibdata.encoding or "utf-8-sig")
        self._check_entries()
        self.style = ArxivStyle()
        ordered = self.style.sort(self.entries.values())
        self.order: list[str] = [entry.key for entry in ordered]
        self.labels: dict[str, str] = dict(
            zip(self.order, self.style.format_labels(ordered), strict=True)
        )
        self._formatted: dict[str, FormattedEntry] = {}
        self.targets: dict[str, tuple[str, str]] = {}
        """Where each entry stands in a ``{bibliography}``: (docname, citation id); set on env-updated."""

    def _scan(self, path: Path, encoding: str) -> None:
        try:
            text = path.read_text(encoding=encoding)
        except (OSError, UnicodeDecodeError) as error:
            self.issues.append(BibIssue(str(path), 1, Message.bib_unreadable(error=error)))
            return
        found, problems = scan_bibtex(text)
        for problem in problems:
            self.issues.append(BibIssue(str(path), problem.line, problem.report))
        for source in found:
            key = source.key
            previous = self.sources.get(key)
            if previous is not None:
                self.issues.append(
                    BibIssue(
                        str(path),
                        source.line,
                        Message.bib_key_twice(key=key, first=f"{Path(previous[0]).name}:{previous[1].line}"),
                    )
                )
                continue
            self.sources[key] = (str(path), source)

    def _check_entries(self) -> None:
        # Same arXiv ID twice: the parsed eprint decides, whatever the spelling.
        arxiv_first: dict[str, tuple[str, int]] = {}
        for key, (where, source) in self.sources.items():
            entry = self.entries.get(key)
            arxiv = entry_arxiv(entry) if entry is not None else None
            if arxiv is None:
                # An eprint meant as arXiv's (entry_arxiv's prefix rule) that is no arXiv ID.
                fields = entry.fields if entry is not None else {}
                eprint = fields.get("eprint", "")
                if eprint and fields.get("archivePrefix", "arXiv").lower() == "arxiv" and parse_arxiv_id(eprint) is None:
                    self.issues.append(BibIssue(where, source.line, Message.bib_bad_eprint(eprint=eprint, key=key)))
                continue
            first = arxiv_first.setdefault(arxiv.base, (key, source.line))
            if first[0] != key:
                self.issues.append(
                    BibIssue(
                        where,
                        source.line,
                        Message.bib_arxiv_twice(key=key, base=arxiv.base, first=first[0], line=first[1]),
                    )
                )
        for key, (path, source) in self.sources.items():
            entry = self.entries.get(key)
            if entry is None:
                continue
            missing = [
                name
                for name, present in (
                    ("title", bool(entry.fields.get("title", "").strip())),
                    ("author", bool(entry.persons.get("author") or entry.persons.get("editor"))),
                )
                if not present
            ]
            if missing:
                self.issues.append(
                    BibIssue(path, source.line, Message.bib_missing(key=key, missing=" and no ".join(missing)))
                )

    def source(self, key: str) -> BibEntrySource | None:
        """The entry as written in its file."""
        found = self.sources.get(key)
        return found[1] if found else None

    def label(self, key: str) -> str:
        """The entry's author-year label (``''`` for an unknown key)."""
        return self.labels.get(key, "")

    def stamp(self, key: str) -> str | None:
        """What a page showing *key* depends on; ``None`` for an unknown key."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        source = self.source(key)
        text = source.text if source else repr(sorted(entry.fields.items()))
        return hashlib.sha1(f"{self.label(key)}\0{text}".encode()).hexdigest()

    def seed(self, key: str, formatted: FormattedEntry) -> None:
        """Reuse an entry that sphinxcontrib-bibtex already formatted with the same label."""
        if formatted.label == self.label(key):
            self._formatted.setdefault(key, formatted)

    def formatted(self, key: str) -> FormattedEntry | None:
        """The entry formatted with the newsletter's style, once per build."""
        if key not in self._formatted:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self._formatted[key] = self.style.format_entry(self.label(key), entry)
        return self._formatted[key]
