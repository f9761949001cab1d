"""Rules of a card that the build and ``mlnews check`` share (no Sphinx here).

``split_tags``, ``safe_url`` and ``PICK_VALUES`` read a card's options;
:func:`paper_anchor` and :func:`item_anchor` give its HTML id;
:func:`entry_arxiv` is the one rule of "a BibTeX entry's arXiv ID" (its
``eprint`` when ``archivePrefix`` is absent or arXiv) and
:func:`recorded_version` reads what version an entry describes;
:func:`paper_ident` says which paper a card shows, across pages, and
:func:`repeated_papers` finds a paper brought as new by more than one week.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from docutils.nodes import make_id

from .arxiv_id import ArxivId, parse_arxiv_id
from .warnings import Message, Report

__all__ = [
    "SAFE_SCHEMES",
    "PICK_VALUES",
    "CARD_OPTIONS",
    "PAPERLIST_OPTIONS",
    "PAPERLIST_KINDS",
    "split_tags",
    "safe_url",
    "paper_anchor",
    "item_anchor",
    "arxiv_eprint",
    "entry_arxiv",
    "recorded_version",
    "version_disagrees",
    "paper_ident",
    "Feature",
    "repeated_papers",
]

SAFE_SCHEMES = ("http", "https")
PICK_VALUES = {"": True, "yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
"""What ``:pick:`` accepts (lower-cased), and what each value means."""

CARD_OPTIONS: dict[str, tuple[str, ...]] = {
    "paper": ("headline", "pick", "tags", "image"),
    "item": ("headline", "pick", "tags", "image", "title", "name"),
}
"""The options each card directive takes (its ``option_spec``); any other is an error."""

PAPERLIST_OPTIONS = ("period", "tags", "picks", "kind", "papers")
"""The options of the ``paperlist`` directive."""
PAPERLIST_KINDS = ("paper", "item", "all")
"""What a ``paperlist``'s ``:kind:`` selects: papers (the default), items or every card."""


def split_tags(value: str | None) -> list[str]:
    """Tags from a comma-separated option (full-width commas too), without blanks or repeats."""
    if not value:
        return []
    tags = [t.strip() for t in value.replace("、", ",").replace("，", ",").split(",")]
    return list(dict.fromkeys(t for t in tags if t))


def safe_url(url: str) -> bool:
    """Whether *url* is an absolute http(s) URL: the only links a card makes."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


def paper_anchor(argument: str, arxiv: ArxivId | None, entry_arxiv: ArxivId | None) -> str:
    """A paper card's HTML id: from the arXiv ID it names, else its entry's, else its key.

    *arxiv* is the argument parsed as an arXiv ID; *entry_arxiv* the arXiv ID of
    the entry a key argument finds. Two cards of one paper on a page get the
    same id, whichever way they name it: that is how the same paper twice is found.
    """
    if arxiv is not None:
        return arxiv.anchor
    if entry_arxiv is not None:
        return entry_arxiv.anchor
    return make_id(f"paper-{argument}")


def item_anchor(name: str, url: str, title: str, headline: str) -> str:
    """An item card's HTML id: from ``:name:``, else a digest of its link (or title, or headline).

    *url* is the link the card makes ('' when it is not safe), *title* and
    *headline* the options as written ('' when missing).
    """
    if name:
        return make_id(f"item-{name}")
    # A card without headline shows its title (else the directive's name) as the headline.
    seed = url or title or headline or "item"
    return "item-" + hashlib.sha1(seed.encode()).hexdigest()[:8]


def recorded_version(value: str | None) -> int | None:
    """The arXiv version an entry describes: its ``version`` field (``mlnews add`` writes it).

    ``eprint`` holds the ID without version; an entry without ``version`` (or with
    one that is not a positive number) records none.
    """
    text = (value or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _field(fields: Mapping[str, str], name: str) -> str | None:
    """A BibTeX field, whatever the case of its name (pybtex's fields ignore case; a dict may not)."""
    value = fields.get(name)
    if value is not None:
        return value
    lower = name.lower()
    return next((v for k, v in fields.items() if k.lower() == lower), None)


def arxiv_eprint(fields: Mapping[str, str]) -> str:
    """The ``eprint`` of a BibTeX entry when it names an arXiv paper, else ``''``.

    An ``eprint`` is an arXiv ID when the entry's ``archivePrefix`` is absent
    or ``arXiv`` (any case); other archives (``HAL``, ``PubMed``, ...) use
    ``eprint`` too. The value is returned as written: it may still not parse
    (``mlnews.arxiv_id``).
    """
    eprint = (_field(fields, "eprint") or "").strip()
    prefix = (_field(fields, "archivePrefix") or "arXiv").strip()
    return eprint if eprint and prefix.lower() == "arxiv" else ""


def entry_arxiv(fields: Mapping[str, str]) -> ArxivId | None:
    """A BibTeX entry's arXiv ID, with the version the entry describes: the one rule of the
    build (cards, styles, the catalog) and the command line.

    The ID is :func:`arxiv_eprint`, parsed, without version; the version is
    :func:`recorded_version` of the entry's ``version`` field. ``None`` when the
    entry names no arXiv paper.
    """
    eprint = arxiv_eprint(fields)
    arxiv = parse_arxiv_id(eprint) if eprint else None
    return ArxivId(arxiv.base, recorded_version(_field(fields, "version"))) if arxiv is not None else None


def version_disagrees(card: ArxivId, recorded: int | None) -> bool:
    """Whether a card's arXiv ID names a version other than the one its entry describes."""
    return card.version is not None and recorded is not None and card.version != recorded


def paper_ident(record: Mapping[str, Any]) -> str:
    """What identifies a paper across pages: its BibTeX key, else ``arxiv:<ID>`` ('' for neither)."""
    if record.get("key"):
        return record["key"]
    return f"arxiv:{record['arxiv']}" if record.get("arxiv") else ""


@dataclass(frozen=True, slots=True)
class Feature:
    """A week's card of a paper: which paper, on which week page, at which line."""

    paper: str
    """:func:`paper_ident` of the card."""
    page: str
    """The week's docname."""
    date: str
    """The week's start date (ISO): weeks are in this order."""
    line: int


def repeated_papers(features: Iterable[Feature]) -> list[tuple[str, int, Report]]:
    """A paper brought as new by a week, and again by later weeks: ``(page, line, report)`` at each later week.

    The line is that of the later week's first card of the paper; weeks are
    ordered by start date, then by docname.
    """
    by_paper: dict[str, dict[str, Feature]] = {}
    for feature in features:
        pages = by_paper.setdefault(feature.paper, {})
        first = pages.get(feature.page)
        if first is None or feature.line < first.line:
            pages[feature.page] = feature
    found = []
    for paper in sorted(by_paper):
        weeks = sorted(by_paper[paper].values(), key=lambda f: (f.date, f.page))
        for later in weeks[1:]:
            report = Message.paper_repeated(paper=paper.removeprefix("arxiv:"), first=weeks[0].page)
            found.append((later.page, later.line, report))
    return found
