"""The text of a BibTeX file, entry by entry, with line numbers.

pybtex parses a ``.bib`` file into fields but forgets where each entry stood
and what it looked like. Authors and readers need both: a warning names the
line of a broken entry, a card shows its entry exactly as written in
``refs.bib``, and the CLI rewrites one entry while keeping the rest of the
file (comments, order, formatting) byte for byte. :func:`scan_bibtex` finds
each entry's span without interpreting its fields; pybtex reads the fields
(:class:`mlnews.bib.catalog.BibCatalog` does both, from the same text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.warnings import Message, Report

__all__ = ["BibEntrySource", "BibProblem", "scan_bibtex"]

_ENTRY_START = re.compile(r"@[ \t]*(?P<type>[A-Za-z]+)[ \t\r\n]*(?P<open>[{(])")
_KEY = re.compile(r"[ \t\r\n]*(?P<key>[^,\s{}()\"#%'=]+)[ \t\r\n]*,")
_EPRINT = re.compile(r"(?i)[,{\s]eprint\s*=\s*[{\"]\s*(?P<value>[^}\"]*?)\s*[}\"]")
_NON_ENTRIES = {"comment", "preamble", "string"}


@dataclass(frozen=True, slots=True)
class BibEntrySource:
    """One entry as it stands in the file."""

    key: str
    entry_type: str
    """Lower-case entry type: ``misc``, ``article``, ..."""
    line: int
    """1-based line of the ``@``."""
    end_line: int
    start: int
    """Offset of the ``@`` in the text."""
    end: int
    """Offset just after the closing brace."""
    text: str
    """The entry exactly as written, from ``@`` to its closing brace."""

    @property
    def eprint(self) -> str:
        """The ``eprint`` field as written, or ``''`` (for :mod:`mlnews.cli.importer`). Whether an
        entry names an arXiv paper, and which version, is the one rule of
        :func:`mlnews.core.cardrules.entry_arxiv`, on the fields pybtex reads."""
        match = _EPRINT.search(self.text)
        return match["value"] if match else ""


@dataclass(frozen=True, slots=True)
class BibProblem:
    """Something in the file that is not a well-formed entry."""

    line: int
    report: Report
    """What is wrong (``mlnews.bibtex``), worded as the build and ``mlnews check`` say it."""

    @property
    def message(self) -> str:
        """The report's text."""
        return self.report.text


_DELIMITERS = re.compile(r"[{})]|(?<=\n)@")


def _closing(text: str, start: int, opener: str) -> int | None:
    """Offset just after the delimiter that closes the entry opened at *start*.

    BibTeX itself counts every brace (quoted values and backslashes included),
    so this does too. ``None`` when the entry never closes, or when an ``@``
    at the start of a line shows that a new entry began before it did.
    """
    closer = "}" if opener == "{" else ")"
    depth = 0
    # Jump from delimiter to delimiter: a character loop is too slow for a
    # bibliography of thousands of entries.
    for match in _DELIMITERS.finditer(text, start + 1):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return match.end() if closer == "}" else None
            depth -= 1
        elif char == ")":
            if closer == ")" and depth == 0:
                return match.end()
        else:  # '@' at the start of a line
            return None
    return None


def scan_bibtex(text: str) -> tuple[list[BibEntrySource], list[BibProblem]]:
    """Every entry of a BibTeX text in file order, and the problems met on the way.

    Scanning goes on after a problem, from the next ``@`` at the start of a
    line, so one broken entry costs only itself.
    """
    entries: list[BibEntrySource] = []
    problems: list[BibProblem] = []
    position = 0
    # Offsets only grow during the scan, so lines are counted once, not from
    # the top of the file for every entry (which is quadratic).
    counted = [0, 1]  # offset counted up to, line number there

    def line_of(offset: int) -> int:
        counted[1] += text.count("\n", counted[0], offset)
        counted[0] = offset
        return counted[1]

    while True:
        at = text.find("@", position)
        if at < 0:
            break
        line = line_of(at)
        match = _ENTRY_START.match(text, at)
        if not match:
            # '@' inside a comment between entries is allowed by BibTeX.
            position = at + 1
            continue
        entry_type = match["type"].lower()
        end = _closing(text, match.start("open"), match["open"])
        if end is None:
            problems.append(BibProblem(line, Message.bib_unclosed(type=match["type"])))
            next_at = re.compile(r"^@", re.M).search(text, match.end())
            position = next_at.start() if next_at else len(text)
            continue
        position = end
        if entry_type in _NON_ENTRIES:
            continue
        key = _KEY.match(text, match.end())
        if not key or key.end() > end:
            problems.append(BibProblem(line, Message.bib_no_key(type=match["type"])))
            continue
        entries.append(
            BibEntrySource(
                key=key["key"],
                entry_type=entry_type,
                line=line,
                end_line=line_of(end),
                start=at,
                end=end,
                text=text[at:end],
            )
        )
    return entries, problems
