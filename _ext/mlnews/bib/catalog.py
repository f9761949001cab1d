"""The one index of the bibliography: what the bib files say, built once per parse.

Each bib file is read once (:func:`read_bib_file`); its text is scanned for
the entries' spans and lines (:func:`~mlnews.bib.source.scan_bibtex`) and
parsed by pybtex from that same text. :class:`BibCatalog` holds the result:

* every entry by key (pybtex's), with its exact text and line, for the
  BibTeX readers copy and for warnings that name a line (a repeated key:
  the first entry counts, as in pybtex);
* the entries by arXiv ID, by the one rule of
  :func:`~mlnews.core.cardrules.entry_arxiv` (two entries for one ID: the
  first counts), with the version each entry describes;
* the problems of the files (unreadable file, malformed entry, repeated
  key, two entries for one arXiv ID, an ``eprint`` that is no arXiv ID, an
  entry without title or authors), worded by :mod:`mlnews.core.warnings`;
* every entry's label by the site's style (``bibtex_default_style``),
  computed over the whole bibliography in its sorted order, as a
  ``{bibliography}`` with ``:all:`` labels it: a suffix (``2020a``) depends
  on the other entries;
* a *stamp* per entry, the digest of its key, label and text: a page that
  showed an entry is stale exactly when the stamp it saw differs from the
  stamp now, and a *lookup* (``arxiv:<ID>`` or ``key:<key>``, what a card
  or citation asked for) resolves to ``(key, stamp)``, so a key renamed, an
  entry that appears and a label that moves are all a different answer.

This is the catalog's core: pybtex only, no Sphinx, so the command line
(:mod:`mlnews.cli`) builds the same catalog from the same text with the
same rules. The build wraps it in :mod:`mlnews.bib.parse`, which reads the
files when they changed, hands the parse to sphinxcontrib-bibtex and keeps
the catalog with the environment until the files change again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from ..build.digest import digest
from ..core.arxiv_id import ArxivId, parse_arxiv_id
from ..core.cardrules import arxiv_eprint, entry_arxiv
from ..core.warnings import Message, Report
from .source import BibEntrySource, scan_bibtex
from .text import latex_to_text

if TYPE_CHECKING:
    from pybtex.database import Entry, Person

__all__ = ["BibCatalog", "BibFileText", "BibIssue", "Found", "PaperMeta", "file_mtime", "read_bib_file", "MAX_AUTHORS"]

MAX_AUTHORS = 3
"""Authors shown on a card before "et al."."""

Found = tuple[str, "str | None"]
"""What a lookup finds: the entry's key ('' for none) and its stamp (``None`` for none)."""


@dataclass(frozen=True, slots=True)
class BibFileText:
    """A bib file as read once: its text (``None`` when it could not be read) and modification time."""

    path: str
    text: str | None
    mtime: float
    error: str = ""
    """Why the file could not be read ('' when it was)."""


def file_mtime(path: Path) -> float:
    """A bib file's modification time, as sphinxcontrib-bibtex records it (``-inf`` when missing)."""
    try:
        return path.lstat().st_mtime
    except OSError:
        return -math.inf


def read_bib_file(path: Path, encoding: str = "utf-8-sig") -> BibFileText:
    """Read a bib file once; its modification time is taken first, so a change made while it
    is read is a change the next build sees."""
    mtime = file_mtime(path)
    try:
        # Text mode, as pybtex itself opens a file: line ends are read as "\n".
        return BibFileText(str(path), path.read_text(encoding=encoding), mtime)
    except (OSError, UnicodeDecodeError, LookupError) as error:
        return BibFileText(str(path), None, mtime, str(error))


@dataclass(frozen=True, slots=True)
class BibIssue:
    """A problem of a bibliography file, at a line."""

    path: str
    line: int
    report: Report
    """What is wrong: text and subtype from :mod:`mlnews.core.warnings`, as ``mlnews check`` says it."""


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
    """Plain text (LaTeX resolved)."""
    raw_title: str
    """As written in the bib file (``$...$`` kept, for math in the card's title)."""
    authors: tuple[str, ...]
    year: str
    arxiv: ArxivId | None
    primary_class: str
    doi: str
    url: str

    @property
    def short_authors(self) -> str:
        """The first authors, then "et al." when there are more."""
        if len(self.authors) > MAX_AUTHORS:
            return ", ".join(self.authors[:MAX_AUTHORS]) + " et al."
        return ", ".join(self.authors)


_Span = tuple[str, str, int, int, int, int]
"""Where an entry stands: path, lower-case type, line, end line, start and end offsets."""


class BibCatalog:
    """The bibliography's entries by key and arXiv ID, with their text, labels, stamps and problems.

    Built from the files' text with pybtex alone; picklable (the build keeps it
    with the environment, next to sphinxcontrib-bibtex's parse, which is the
    same :attr:`data`).
    """

    def __init__(self, files: Sequence[BibFileText], encoding: str = "utf-8-sig", style: str | None = None) -> None:
        self.encoding = encoding
        self.files: list[tuple[str, float]] = [(file.path, file.mtime) for file in files]
        """The files read, with their modification times, in ``bibtex_bibfiles`` order."""
        self.file_keys: dict[str, list[str]] = {}
        """The keys each file brought, in file order (the first file of a repeated key has it)."""
        self.issues: list[BibIssue] = []
        self._texts: dict[str, str] = {}
        self._spans: dict[str, _Span] = {}
        self.data = self._parse(files)
        """pybtex's parse of every file, the one sphinxcontrib-bibtex is given too."""
        self._by_arxiv: dict[str, str] = {}
        self._check_entries()
        self.style: str | None = None
        self.order: list[str] = []
        """The keys in the style's sorted order (empty without a style)."""
        self.labels: dict[str, str] = {}
        self._stamps: dict[str, str] = {}
        if style is not None:
            self.relabel(style)

    @classmethod
    def from_texts(cls, texts: Iterable[tuple[str, str]], style: str | None = None) -> BibCatalog:
        """A catalog of texts already read (``(path, text)`` pairs): what the command line uses."""
        return cls([BibFileText(path, text, 0.0) for path, text in texts], style=style)

    # --- building --------------------------------------------------------------

    def _parse(self, files: Sequence[BibFileText]) -> BibliographyData:
        parser = Parser(self.encoding)
        keys: dict[str, None] = {}
        for file in files:
            if file.text is None:
                self.issues.append(BibIssue(file.path, 1, Message.bib_unreadable(error=file.error)))
                self.file_keys[file.path] = []
                continue
            self._texts[file.path] = file.text
            self._scan(file.path, file.text)
            parser.filename = file.path
            try:
                # pybtex's strict mode would stop at the first repeated key and lose every
                # later entry; captured, it skips the repeat (reported by _scan, with its line).
                with pybtex.errors.capture():
                    parser.parse_string(file.text)
            except PybtexError:
                pass  # what could not be parsed is a problem _scan reports
            keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
            self.file_keys[file.path] = [key for key in keys if key not in old_keys]
        return parser.data

    def _scan(self, path: str, text: str) -> None:
        found, problems = scan_bibtex(text)
        for problem in problems:
            self.issues.append(BibIssue(path, problem.line, problem.report))
        for source in found:
            key = source.key
            previous = self._spans.get(key)
            if previous is not None:
                first = f"{Path(previous[0]).name}:{previous[2]}"
                self.issues.append(BibIssue(path, source.line, Message.bib_key_twice(key=key, first=first)))
                continue
            self._spans[key] = (path, source.entry_type, source.line, source.end_line, source.start, source.end)

    def _check_entries(self) -> None:
        # Same arXiv ID twice: the parsed eprint decides, whatever the spelling.
        first_of: dict[str, tuple[str, int]] = {}
        for key, entry in self.data.entries.items():
            span = self._spans.get(key)
            path, line = (span[0], span[2]) if span else ("", 0)
            arxiv = entry_arxiv(entry.fields)
            eprint = arxiv_eprint(entry.fields)
            if arxiv is None and eprint and span is not None:
                # An eprint meant as arXiv's (no other archivePrefix) that is no arXiv ID.
                self.issues.append(BibIssue(path, line, Message.bib_bad_eprint(eprint=eprint, key=key)))
            elif arxiv is not None:
                first = first_of.setdefault(arxiv.base, (key, line))
                if first[0] == key:
                    self._by_arxiv[arxiv.base] = key
                else:
                    report = Message.bib_arxiv_twice(key=key, base=arxiv.base, first=first[0], line=first[1])
                    self.issues.append(BibIssue(path, line, report))
            if span is None:
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
                self.issues.append(BibIssue(path, line, Message.bib_missing(key=key, missing=" and no ".join(missing))))
        # In file order, as a reader of the file meets them.
        self.issues.sort(key=lambda issue: (self._file_rank(issue.path), issue.line))

    def _file_rank(self, path: str) -> int:
        paths = [name for name, _ in self.files]
        return paths.index(path) if path in paths else len(paths)

    def relabel(self, style: str) -> None:
        """Label every entry with the pybtex formatting style *style* (the site's
        ``bibtex_default_style``), over the whole bibliography in the style's order, and stamp it."""
        from pybtex.plugin import find_plugin

        formatter = find_plugin("pybtex.style.formatting", style)()
        ordered = list(formatter.sort(list(self.data.entries.values())))
        self.style = style
        self.order = [entry.key for entry in ordered]
        self.labels = dict(zip(self.order, formatter.format_labels(ordered), strict=True))
        self._stamps = {key: self._stamp(key) for key in self.data.entries.keys()}

    def _stamp(self, key: str) -> str:
        entry = self.data.entries[key]
        source = self.source(key)
        text = source.text if source else repr(sorted(entry.fields.items()))
        return digest([key, self.label(key), text])

    # --- what the build and the command line ask ------------------------------

    @property
    def files_stamp(self) -> list[object]:
        """The files as read: encoding, paths and modification times (JSON-able)."""
        return [self.encoding, [[path, mtime] for path, mtime in self.files]]

    @property
    def stamp(self) -> str:
        """A digest of the files as read and the style their labels are in: pages checked against
        one catalog are current with every catalog of the same stamp."""
        return digest([self.files_stamp, self.style])

    def keys(self) -> Iterator[str]:
        """Every entry's key, in file order."""
        return iter(self.data.entries.keys())

    def __contains__(self, key: object) -> bool:
        return key in self.data.entries

    def entry(self, key: str) -> Entry | None:
        """pybtex's entry *key*."""
        return self.data.entries.get(key)

    def sources(self) -> Iterator[tuple[str, BibEntrySource]]:
        """Every entry as written (the first of a repeated key), with its file, in file order;
        also those pybtex could not read."""
        for key in self._spans:
            source = self.source(key)
            assert source is not None
            yield self._spans[key][0], source

    def fields(self, key: str) -> Mapping[str, str]:
        """The fields of entry *key*: pybtex's, or for an entry as written that pybtex's parse of
        the whole file lost (after a malformed entry), its text parsed alone; {} when none."""
        entry = self.data.entries.get(key)
        if entry is not None:
            return entry.fields
        source = self.source(key)
        if source is None:
            return {}
        try:
            with pybtex.errors.capture():
                alone = Parser(self.encoding).parse_string(source.text)
        except PybtexError:
            return {}
        entries = list(alone.entries.values())
        return entries[0].fields if len(entries) == 1 else {}

    def source(self, key: str) -> BibEntrySource | None:
        """The entry as written in its file."""
        span = self._spans.get(key)
        if span is None:
            return None
        path, entry_type, line, end_line, start, end = span
        return BibEntrySource(key, entry_type, line, end_line, start, end, self._texts[path][start:end])

    def where(self, key: str) -> tuple[str, int] | None:
        """The file and line of the entry *key*."""
        span = self._spans.get(key)
        return (span[0], span[2]) if span else None

    def label(self, key: str) -> str:
        """The entry's label in the catalog's style (``''`` for an unknown key or without a style)."""
        return self.labels.get(key, "")

    def stamp_of(self, key: str) -> str | None:
        """What a page showing *key* depends on: a digest of its key, label and text (made once
        per parse and labelling); ``None`` for an unknown key."""
        stamp = self._stamps.get(key)
        if stamp is None and key in self.data.entries:
            stamp = self._stamp(key)  # a catalog without a style (the command line's)
        return stamp

    def arxiv_of(self, key: str) -> ArxivId | None:
        """The entry's arXiv ID, with the version it describes (:func:`~mlnews.core.cardrules.entry_arxiv`)."""
        entry = self.data.entries.get(key)
        return entry_arxiv(entry.fields) if entry is not None else None

    def key_of_arxiv(self, arxiv: ArxivId) -> str | None:
        """The key of the entry of arXiv paper *arxiv* (any version): the first such entry."""
        return self._by_arxiv.get(arxiv.base)

    def arxiv_keys(self) -> Iterator[tuple[ArxivId, str]]:
        """Every arXiv ID with its entry's key, in file order."""
        for key in self._by_arxiv.values():
            arxiv = self.arxiv_of(key)
            if arxiv is not None:
                yield arxiv, key

    def by_key(self, key: str) -> PaperMeta | None:
        """What a card shows of the entry *key*."""
        entry = self.data.entries.get(key)
        if entry is None:
            return None
        fields = entry.fields
        raw_title = fields.get("title", "")
        return PaperMeta(
            key=key,
            title=latex_to_text(raw_title),
            raw_title=raw_title,
            authors=tuple(_person_name(p) for p in entry.persons.get("author", ())),
            year=fields.get("year", ""),
            arxiv=entry_arxiv(fields),
            primary_class=fields.get("primaryClass", ""),
            doi=fields.get("doi", ""),
            url=fields.get("url", ""),
        )

    def by_arxiv(self, arxiv: ArxivId) -> PaperMeta | None:
        """What a card shows of the entry of arXiv paper *arxiv*."""
        key = self.key_of_arxiv(arxiv)
        return self.by_key(key) if key is not None else None

    def resolve(self, lookup: str) -> Found:
        """What a lookup (``arxiv:<ID>`` or ``key:<key>``) finds now: ``(key, stamp)``,
        ``('', None)`` for nothing."""
        kind, _, value = lookup.partition(":")
        if kind == "arxiv":
            parsed = parse_arxiv_id(value)
            key = self._by_arxiv.get(parsed.base, "") if parsed is not None else ""
        else:
            key = value if value in self.data.entries else ""
        return (key, self.stamp_of(key)) if key else ("", None)
