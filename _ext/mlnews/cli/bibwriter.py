"""BibTeX entries written from arXiv metadata, and ``refs.bib`` edited in place.

The key rule (README, "BibTeX keys"): ``<first author's last name><year><first
word of the title that is not an article>``, lower-case ASCII. When another
paper holds the key already, the new paper gets the first free of ``b``,
``c``, ... appended (the paper that came first keeps the plain key, its "a").

An entry is written in the layout of the entries already in ``refs.bib``::

    @misc{asokan2020teaching,
      title         = {Teaching a {GAN} What Not to Learn},
      author        = {Asokan, Siddarth and Seelamantula, Chandra Sekhar},
      year          = {2020},
      eprint        = {2010.15639},
      archivePrefix = {arXiv},
      primaryClass  = {stat.ML},
      version       = {1},
      url           = {https://arxiv.org/abs/2010.15639},
    }

``version`` records which arXiv version the fields describe, so that a later
``mlnews add`` can tell a newer version from an entry already up to date;
``eprint`` keeps no version (a card that needs one names it). A paper with a
journal reference on arXiv becomes ``@article`` with ``journal``. An entry
with ``pinned = {yes}`` stays at its version whatever arXiv has (README,
"Versions and pins").

New entries are appended at the end of the file; an updated entry is replaced
where it stands. Every other byte of the file stays as it was.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pybtex.errors
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from ..core.arxiv_id import parse_arxiv_id
from ..core.cardrules import recorded_version
from ..bib.text import latex_to_text
from ..bib.source import BibEntrySource
from .arxiv_client import ArxivPaper

__all__ = [
    "PaperFields",
    "paper_fields",
    "bib_key",
    "unique_key",
    "render_entry",
    "normalise_title",
    "bibtex_name",
    "UpdatePlan",
    "plan_update",
    "parse_entry",
]

ARTICLES = frozenset({"a", "an", "the"})
LINEAGE = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
VON = frozenset({"van", "von", "de", "der", "den", "di", "da", "del", "della", "la", "le", "du", "dos", "ter"})
GROUP_WORDS = ("collaboration", "consortium", "team", "group", "project")

_SPECIAL = re.compile(r"(?<!\\)([&%#])")
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class PaperFields:
    """An entry's type and fields in BibTeX syntax (values without the outer braces)."""

    entry_type: str
    fields: dict[str, str]
    """In the order they are written; ``author`` is joined with ``and``."""
    version: int


def balance_braces(text: str) -> str:
    """*text* with every brace that has no partner dropped, so it is a valid BibTeX value."""
    keep = [True] * len(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                keep[index] = False
    for index in opened:
        keep[index] = False
    value = "".join(char for char, kept in zip(text, keep) if kept)
    # A final backslash would escape the closing brace of the field in LaTeX.
    return value[:-1] if value.endswith("\\") and not value.endswith("\\\\") else value


def _protect_text(segment: str) -> str:
    """Escape LaTeX specials and brace words with inner capitals (GAN, ResNet, 3D).

    Braced words keep their case in styles that lower-case titles. Text already
    in braces, and LaTeX commands, are left as arXiv gives them.
    """
    segment = _SPECIAL.sub(r"\\\1", segment)
    out: list[str] = []
    depth = 0
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and char.isalnum() and char.isascii():
            match = _WORD.match(segment, index)
            assert match is not None
            word = match.group()
            after_command = index > 0 and (segment[index - 1] == "\\" or _in_command(segment, index))
            if not after_command and any(c.isupper() for c in word[1:]):
                out.append("{" + word + "}")
            else:
                out.append(word)
            index = match.end()
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _in_command(segment: str, index: int) -> bool:
    """Whether the word at *index* continues a LaTeX command name (``\\ell``)."""
    start = index
    while start > 0 and segment[start - 1].isalpha():
        start -= 1
    return start > 0 and segment[start - 1] == "\\"


def normalise_title(title: str) -> str:
    """arXiv's title as a BibTeX value: one line, math kept, specials escaped, acronyms braced."""
    text = " ".join(title.split())
    # Split at unescaped dollar signs: odd parts are math and stay as they are.
    parts = re.split(r"(?<!\\)(\$\$?)", text)
    out: list[str] = []
    in_math = False
    for part in parts:
        if part in ("$", "$$"):
            in_math = not in_math
            out.append(part)
        elif in_math:
            out.append(part)
        else:
            out.append(_protect_text(part))
    if in_math:  # an unclosed '$' would swallow the rest of the entry in LaTeX
        out = [_SPECIAL.sub(r"\\\1", "".join(out)).replace("$", "\\$")]
    return " ".join(balance_braces("".join(out)).split())


def bibtex_name(name: str) -> str:
    """An author as arXiv writes them ("Ke Alexander Wang") in BibTeX's "Last, First" form."""
    name = balance_braces(" ".join(name.split()))
    if not name:
        return "{Anonymous}"
    lowered = name.lower()
    # Braced, a name is one person whatever it holds: "and", commas, a group's name.
    if " and " in f" {lowered} " or "," in name or any(word in lowered.split() for word in GROUP_WORDS):
        return "{" + name + "}"
    tokens = name.split()
    lineage = []
    if len(tokens) > 2 and tokens[-1].lower() in LINEAGE:
        lineage = [tokens.pop()]
    if len(tokens) == 1:
        return tokens[0]
    last = [tokens.pop()]
    while len(tokens) > 1 and tokens[-1].lower() in VON:
        last.insert(0, tokens.pop())
    parts = [" ".join(last)]
    if lineage:
        parts.append(lineage[0])
    parts.append(" ".join(tokens))
    return ", ".join(parts)


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of plain *text* (accents folded: Über → uber)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c in string.ascii_lowercase + string.digits)


def bib_key(paper: ArxivPaper) -> str:
    """The key rule applied to *paper*, before any collision suffix."""
    last = ""
    if paper.authors:
        person = Person(bibtex_name(paper.authors[0]))
        last = _ascii_word(latex_to_text(" ".join(person.last_names) or str(person)))
    # latex_to_text is slow (pybtex renders rich text): once per title, not per word.
    words = [_ascii_word(w) for w in latex_to_text(paper.title).split()]
    word = next((w for w in words if w and w not in ARTICLES), "")
    return f"{last or 'anonymous'}{paper.year}{word}"


def unique_key(key: str, taken: set[str]) -> str:
    """*key*, or *key* with the first free suffix of ``b``, ``c``, ... (``ba``, ... after ``z``)."""
    if key not in taken:
        return key
    suffixes = list(string.ascii_lowercase[1:])
    while True:
        for suffix in suffixes:
            if key + suffix not in taken:
                return key + suffix
        suffixes = [a + b for a in suffixes for b in string.ascii_lowercase]


def paper_fields(paper: ArxivPaper) -> PaperFields:
    """The fields of *paper*'s entry, in the order the file shows them."""
    fields = {
        "title": normalise_title(paper.title),
        "author": " and ".join(bibtex_name(a) for a in paper.authors) or "{Anonymous}",
        "year": str(paper.year),
    }
    journal = " ".join(paper.journal.split())
    if journal:
        fields["journal"] = " ".join(balance_braces(_SPECIAL.sub(r"\\\1", journal)).split())
    if paper.doi:
        fields["doi"] = balance_braces(paper.doi)
    fields["eprint"] = paper.arxiv.base
    fields["archivePrefix"] = "arXiv"
    if paper.primary_class:
        fields["primaryClass"] = balance_braces(paper.primary_class)
    fields["version"] = str(paper.arxiv.version or 1)
    fields["url"] = f"https://arxiv.org/abs/{paper.arxiv.base}"
    return PaperFields("article" if journal else "misc", fields, paper.arxiv.version or 1)


def render_entry(entry_type: str, key: str, fields: dict[str, str]) -> str:
    """One entry in the file's layout: two-space indent, aligned ``=``, a comma after every field."""
    width = max((len(name) for name in fields), default=0)
    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields.items()]
    lines.append("}")
    return "\n".join(lines)


def parse_entry(text: str) -> Entry | None:
    """An entry's text parsed by pybtex (``None`` when pybtex cannot read it)."""
    try:
        # Errors such as an undefined @string macro are captured, not raised.
        with pybtex.errors.capture():
            data = Parser().parse_string(text)
    except PybtexError:
        return None
    entries = list(data.entries.values())
    return entries[0] if len(entries) == 1 else None


def _plain(value: str) -> str:
    return " ".join(latex_to_text(value).split())


def _persons(value: str) -> list[tuple[str, str]]:
    people = [Person(part) for part in re.split(r"\s+and\s+", value.strip()) if part]
    return [
        (_plain(" ".join(p.prelast_names + p.last_names)), _plain(" ".join(p.first_names + p.middle_names)))
        for p in people
    ]


def _same(name: str, current: str, new: str) -> bool:
    if name == "author":
        return _persons(current) == _persons(new)
    if name in ("doi", "eprint", "archivePrefix", "primaryClass"):
        return current.strip().lower() == new.strip().lower()
    return _plain(current) == _plain(new)


@dataclass(slots=True)
class UpdatePlan:
    """What ``mlnews add`` does with a paper that ``refs.bib`` has already."""

    key: str
    recorded: int | None
    """The arXiv version the entry describes, when it says (its ``version``)."""
    fetched: int
    changed: list[str] = field(default_factory=list)
    """Names of the fields that change (``type`` for the entry type)."""
    text: str | None = None
    """The new text of the entry, or ``None`` when the entry stays as it is."""
    pinned: bool = False
    """The entry is pinned (``pinned = {yes}``): a newer version on arXiv does not replace it."""


UNPINNED = frozenset({"no", "false", "0"})
"""Values of ``pinned`` that do not pin; any other value does (``pinned = {yes}``)."""


def _is_pinned(fields: dict[str, str]) -> bool:
    value = next((v for name, v in fields.items() if name.lower() == "pinned"), None)
    return value is not None and value.strip().lower() not in UNPINNED


def _entry_fields(entry: Entry) -> dict[str, str]:
    fields = {name: str(value) for name, value in entry.fields.items()}
    for role, people in entry.persons.items():
        fields[role] = " and ".join(str(p) for p in people)
    return fields


def plan_update(source: BibEntrySource, fresh: PaperFields) -> UpdatePlan:
    """Compare *source* with what arXiv says now.

    The entry changes only when arXiv has a newer version than the one it
    records, or when it records none (it was never fetched): then it gets the
    version, and the fields whose meaning differs. A pinned entry never
    changes. Fields whose meaning is the same keep the author's spelling
    (``{H}amiltonian``); fields arXiv does not give are kept, after arXiv's; a
    version written in ``eprint`` moves to ``version`` (``eprint`` is the ID alone).
    """
    entry = parse_entry(source.text)
    if entry is None:
        return UpdatePlan(source.key, None, fresh.version)
    current = _entry_fields(entry)
    recorded = recorded_version(current.get("version"))
    plan = UpdatePlan(source.key, recorded, fresh.version, pinned=_is_pinned(current))
    if plan.pinned or (recorded is not None and recorded >= fresh.version):
        return plan
    names = {name.lower(): name for name in current}
    merged = dict(current)
    for name, value in fresh.fields.items():
        if name in ("version", "url"):
            continue
        existing = names.get(name.lower())
        if name == "eprint" and existing:
            written = parse_arxiv_id(current[existing])
            if written is not None and written.version is not None:
                merged[existing] = value
                plan.changed.append(existing)
            continue
        if existing is None:
            merged[name] = value
            plan.changed.append(name)
        elif not _same(name, current[existing], value):
            merged[existing] = value
            plan.changed.append(existing)
    entry_type = entry.original_type.lower()
    new_type = entry_type
    if entry_type == "misc" and fresh.entry_type == "article":
        new_type = "article"
        plan.changed.insert(0, "type")
    merged[names.get("version", "version")] = str(fresh.version)
    if "url" not in names:
        merged["url"] = fresh.fields["url"]
    # In the order of a new entry (pybtex puts the authors last), then the author's own fields.
    order = [names.get(name.lower(), name) for name in fresh.fields]
    ordered = {name: merged[name] for name in order if name in merged}
    ordered.update((name, value) for name, value in merged.items() if name not in ordered)
    plan.text = render_entry(new_type, source.key, ordered)
    return plan


def append_entries(text: str, entries: Iterable[str]) -> str:
    """*text* with *entries* after its last byte, each after one blank line."""
    new = "\n\n".join(entries)
    if not new:
        return text
    if not text:
        return new + "\n"
    separator = "" if text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
    return text + separator + new + "\n"


def replace_entry(text: str, source: BibEntrySource, new_text: str) -> str:
    """*text* with the entry at *source*'s span replaced by *new_text*."""
    return text[: source.start] + new_text + text[source.end :]
