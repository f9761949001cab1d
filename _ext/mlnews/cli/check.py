"""``mlnews check``: what the build would warn about, found without building.

It reads every page and the bibliography once, line by line, and reports each
problem as ``file:line: message [mlnews.subtype]``. The rules and the texts are
the build's own (:mod:`mlnews.core`: the card rules, the week rules and the
table of messages in :mod:`mlnews.core.warnings`), and the bib files go through
the build's own index of them (:class:`~mlnews.bib.catalog.BibCatalog`); what Sphinx, docutils, MyST
or sphinxcontrib-bibtex report in a build (a missing image, an unknown option,
an unknown citation key, ...) is printed in their words, with their types.
``tests/test_bad_input.py`` runs one corpus of broken input through both.

Besides problems it takes notes, ``file:line: note: message [mlnews.subtype]``,
of what is worth knowing but is no fault: an arXiv entry that records no
version was never fetched from arXiv (``mlnews.unfetched``), and ``mlnews add``
with its ID refreshes it; an item card has no link yet (``mlnews.no_link``,
a post's link card that an import could not recover). Notes do not make the
check fail, and the build does not warn about them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sphinx.util.matching import Matcher

from ..bib.catalog import BibCatalog
from ..core.arxiv_id import ArxivId, looks_like_arxiv_id, parse_arxiv_id
from ..core.cardrules import (
    CARD_OPTIONS,
    PAPERLIST_KINDS,
    PAPERLIST_OPTIONS,
    PICK_VALUES,
    Feature,
    item_anchor,
    paper_anchor,
    paper_ident,
    repeated_papers,
    safe_url,
    split_tags,
    version_disagrees,
)
from ..core.periods import parse_period
from ..core.warnings import Message, Report
from ..core.weeks import WeekPage, check_week_page, duplicate_weeks, is_week_docname
from .pages import Directive, directives, front_matter, markup_lines
from .project import Project

__all__ = ["Problem", "Note", "check_project", "NO_LINK"]

NO_LINK = Message.item_no_link.kind
"""The note of an item card without a link."""

_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]+)`")
_DIRECTIVE_OPTIONS = {**CARD_OPTIONS, "paperlist": PAPERLIST_OPTIONS}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""MyST reads front matter with ``yaml.safe_load``; the C loader reads alike, faster."""


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing the build would warn about."""

    path: str
    line: int
    message: str
    subtype: str
    """``mlnews.<subtype>``, or the type of the tool that reports it in a build."""

    @classmethod
    def of(cls, path: str, line: int, report: Report) -> Problem:
        """The problem *report* at ``path:line``."""
        return cls(path, line, report.text, report.kind)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.subtype}]"


@dataclass(frozen=True, order=True, slots=True)
class Note(Problem):
    """Something worth a look that is no fault: the check still passes."""

    arxiv: str = ""
    """The arXiv ID that ``mlnews add`` takes to refresh the entry."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: note: {self.message} [{self.subtype}]"


@dataclass(slots=True)
class _Entry:
    key: str
    arxiv: ArxivId | None
    """The entry's arXiv ID (without version), by the build's one rule (``entry_arxiv``)."""
    version: int | None
    """The arXiv version the entry describes (its ``version`` field)."""


@dataclass(slots=True)
class _Bibliography:
    entries: dict[str, _Entry] = field(default_factory=dict)
    """The entries the build knows (pybtex's parse: the first of a repeated key), by key."""
    by_arxiv: dict[str, _Entry] = field(default_factory=dict)
    """The entry a card finds by arXiv ID (without version): the first one."""
    unfetched: list[Note] = field(default_factory=list)
    """Notes of the arXiv entries that record no version (never fetched from arXiv)."""


def _decode(path: Path) -> str:
    """A bib file's text, decoded as the build decodes it (``OSError``, ``UnicodeDecodeError``)."""
    return path.read_bytes().decode("utf-8-sig")


def _bibliography(project: Project, problems: list[Problem]) -> _Bibliography:
    """The entries of every bib file, and their problems: the build's own catalog of them
    (:class:`~mlnews.bib.catalog.BibCatalog`, the same rules and the same texts)."""
    texts: list[tuple[str, str]] = []
    for path in project.bibfiles:
        name = project.relative(path)
        try:
            texts.append((name, _decode(path)))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem.of(name, 1, Message.bib_unreadable(error=error)))
    catalog = BibCatalog.from_texts(texts)
    problems += [Problem.of(issue.path, issue.line, issue.report) for issue in catalog.issues]
    bib = _Bibliography()
    for key in catalog.keys():
        arxiv = catalog.arxiv_of(key)
        bib.entries[key] = _Entry(key, ArxivId(arxiv.base) if arxiv else None, arxiv.version if arxiv else None)
    for arxiv, key in catalog.arxiv_keys():
        known = bib.by_arxiv[arxiv.base] = bib.entries[key]
        where = catalog.where(key)
        if known.version is None and where is not None:
            # The entry cards find by this ID records no version: it was never fetched.
            note = Message.entry_unfetched(key=key, arxiv=arxiv.base)
            bib.unfetched.append(Note(where[0], where[1], note.text, note.kind, arxiv.base))
    return bib


@dataclass(slots=True)
class _Page:
    """What one page's checks need from the rest of the project."""

    name: str
    """The page's path, relative to the root."""
    path: Path
    project: Project
    bib: _Bibliography
    found: list[tuple[int, Report]] = field(default_factory=list)
    """Problems and notes, with their lines."""
    anchors: set[str] = field(default_factory=set)

    def report(self, line: int, report: Report) -> None:
        self.found.append((line, report))


def _arguments(page: _Page, directive: Directive, required: bool) -> bool:
    """Whether the directive has the one argument it may take; reported as docutils reports it."""
    count = len(directive.argument.split())
    if count > 1:
        page.report(directive.line, Message.arguments_extra(directive=directive.name, count=count))
        return False
    if required and count == 0:
        page.report(directive.line, Message.argument_missing(directive=directive.name))
        return False
    return True


def _options(page: _Page, directive: Directive) -> None:
    """Options the directive does not take: MyST reports each at its line and ignores it."""
    allowed = _DIRECTIVE_OPTIONS[directive.name]
    for option, (_value, line) in directive.options.items():
        if option not in allowed:
            page.report(line, Message.option_unknown(directive=directive.name, option=option, allowed=sorted(allowed)))


def _paper(page: _Page, directive: Directive) -> str:
    """The checks of a paper card's argument; its anchor."""
    argument, line = directive.argument, directive.line
    arxiv = parse_arxiv_id(argument)
    if arxiv is not None:
        entry = page.bib.by_arxiv.get(arxiv.base)
        if entry is None:
            page.report(line, Message.paper_no_entry(base=arxiv.base, arxiv=arxiv))
        elif version_disagrees(arxiv, entry.version):
            report = Message.paper_version(arxiv=arxiv, version=arxiv.version, key=entry.key, base=arxiv.base, recorded=entry.version)
            page.report(line, report)
        return paper_anchor(argument, arxiv, None)
    entry = page.bib.entries.get(argument)
    if entry is None:
        page.report(line, Message.paper_bad_id(argument=argument) if looks_like_arxiv_id(argument) else Message.paper_no_key(key=argument))
    return paper_anchor(argument, None, entry.arxiv if entry is not None else None)


def _item(page: _Page, directive: Directive) -> str:
    """The checks of an item card's link and title; its anchor."""
    url, line = directive.argument, directive.line
    if url and not safe_url(url):
        page.report(line, Message.item_url(url=url))
        url = ""
    title = directive.options.get("title", ("", 0))[0]
    if not directive.argument:
        # Valid (the build does not warn), but the card waits for its link.
        page.report(line, Message.item_no_link())
    elif url and not title:
        page.report(line, Message.item_title())
    return item_anchor(directive.options.get("name", ("", 0))[0], url, title, directive.options.get("headline", ("", 0))[0])


def _card(page: _Page, directive: Directive) -> bool:
    """Every check of one card, in the build's order; whether the card is made at all."""
    if not _arguments(page, directive, required=directive.name == "paper"):
        return False  # docutils drops the directive: nothing else of it is checked
    _options(page, directive)
    line, options = directive.line, directive.options
    headline = options.get("headline", ("", 0))[0]
    if not headline:
        page.report(line, Message.card_headline(directive=directive.name))
    anchor = _paper(page, directive) if directive.name == "paper" else _item(page, directive)
    if anchor in page.anchors:
        page.report(line, Message.card_twice(anchor=anchor))
    page.anchors.add(anchor)
    pick = options.get("pick")
    if pick is not None and pick[0].strip().lower() not in PICK_VALUES:
        page.report(line, Message.card_pick(value=pick[0]))
    vocabulary = page.project.tags
    for tag in split_tags(options.get("tags", ("", 0))[0]) if vocabulary else []:
        if tag not in vocabulary:
            page.report(line, Message.card_tag(tag=tag, vocabulary=", ".join(vocabulary)))
    image = options.get("image", ("", 0))[0]
    if image:
        root = page.project.root
        target = root / image.lstrip("/") if image.startswith("/") else page.path.parent / image
        if not target.is_file():
            # Sphinx names the image relative to the source folder (and reports it at the card).
            shown = Path(os.path.relpath(os.path.normpath(target), root)).as_posix()
            page.report(line, Message.image_missing(path=shown))
    if not directive.content:
        page.report(line, Message.card_summary(directive=directive.name))
    return True


@dataclass(slots=True)
class _Site:
    """What the checks across pages collect, page by page."""

    weeks: list[WeekPage] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    """Every week's paper cards, for papers brought as new twice."""
    week_papers: set[str] = field(default_factory=set)
    """The key and the arXiv ID of every week's paper card: what a ``:papers:`` list may name."""
    curated: list[tuple[str, int, list[str]]] = field(default_factory=list)
    """``(page, line, papers)`` of every ``paperlist`` with ``:papers:``."""


def _paperlist(page: _Page, directive: Directive, page_period: bool, site: _Site) -> None:
    """The checks of a paper list's filters (mlnews.archive.paperlist, mlnews.archive.engine)."""
    _options(page, directive)
    line, options = directive.line, directive.options
    if "period" in options:
        if parse_period(options["period"][0]) is None:
            page.report(line, Message.paperlist_period(period=options["period"][0]))
    elif not page_period:
        page.report(line, Message.paperlist_no_period())
    vocabulary = page.project.tags
    for tag in split_tags(options.get("tags", ("", 0))[0]):
        if vocabulary and tag not in vocabulary:
            page.report(line, Message.paperlist_tag(tag=tag))
    kind = options.get("kind", ("paper", 0))[0] or "paper"
    if kind not in PAPERLIST_KINDS:
        page.report(line, Message.paperlist_kind(kind=kind))
    papers = split_tags(options.get("papers", ("", 0))[0])
    if "papers" in options and not papers:
        page.report(line, Message.paperlist_no_papers())
    if papers:
        site.curated.append((page.name, line, papers))


def _yaml_ok(lines: list[str], end: int) -> bool:
    """Whether the front matter reads as YAML, as MyST reads it (a bad date is a malformed timestamp)."""
    try:
        yaml.load("\n".join(lines[1 : end - 1]), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return False
    except ValueError:  # PyYAML's timestamps: 2020-02-30 matches, then is no date
        return False
    return True


def _pages(project: Project) -> list[Path]:
    matcher = Matcher(project.exclude_patterns)
    pages = []
    for path in sorted(project.root.rglob("*.md")):
        name = project.relative(path)
        parts = Path(name).parts
        # Sphinx leaves out a folder that a pattern matches, with everything in it.
        if any(matcher("/".join(parts[: n + 1])) for n in range(len(parts))):
            continue
        pages.append(path)
    return pages


def _read(page: _Page) -> str | None:
    """The page's text as the build reads it: bad bytes reported, then read as U+FFFD."""
    try:
        data = page.path.read_bytes()
    except OSError as error:
        page.report(1, Message.unreadable_page(reason=error.strerror))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        page.report(line, Message.not_utf8(byte=data[error.start], line=line))
        return data.decode("utf-8-sig", errors="replace")


def check_project(project: Project, notes: list[Note] | None = None) -> tuple[list[Problem], int]:
    """Every problem of *project*, sorted by file and line, and the number of pages read.

    The notes (see the module's docstring) are appended to *notes*, when given.
    """
    problems: list[Problem] = []
    bib = _bibliography(project, problems)
    if notes is not None:
        notes += bib.unfetched
    site = _Site()
    pages = _pages(project)
    for path in pages:
        page = _Page(project.relative(path), path, project, bib)
        text = _read(page)
        if text is not None:
            _check_page(page, page.name.removesuffix(".md"), text.splitlines(), site)
        problems += [Problem.of(page.name, line, report) for line, report in page.found if not report.message.note]
        if notes is not None:
            notes += [Note(page.name, line, report.text, report.kind) for line, report in page.found if report.message.note]
    for docname, line, report in duplicate_weeks(site.weeks):
        problems.append(Problem.of(f"{docname}.md", line, report))
    for docname, line, report in repeated_papers(site.features):
        problems.append(Problem.of(f"{docname}.md", line, report))
    for name, line, papers in site.curated:
        for paper in papers:
            parsed = parse_arxiv_id(paper)
            if (parsed.base if parsed else paper) not in site.week_papers:
                problems.append(Problem.of(name, line, Message.paperlist_unknown_paper(name=paper)))
    return sorted(problems), len(pages)


def _check_page(page: _Page, docname: str, lines: list[str], site: _Site) -> None:
    """One page's checks; its week and its papers go to *site*, for the checks across pages."""
    matter = front_matter(lines)
    fields: dict[str, Any] = matter.fields
    yaml_ok = matter.end == 0 or _yaml_ok(lines, matter.end)
    if not yaml_ok:
        # MyST reports it and reads no field: no date, no period.
        page.report(1, Message.front_matter_yaml())
        fields = {}
    week = None
    if is_week_docname(docname) and (yaml_ok or "date" not in matter.fields):
        date = fields.get("date")
        week, week_problems = check_week_page(docname, date[0] if date else None)
        page.found += [(date[1] if date else 1, report) for report in week_problems]
        if week is not None:
            site.weeks.append(WeekPage(docname, week, date[1]))
    period = fields.get("period")
    page_period = False
    if period is not None and period[0]:
        parsed = parse_period(period[0])
        page_period = parsed is not None and parsed.kind != "week"
        if not page_period:
            page.report(period[1], Message.summary_period(period=period[0]))
    for directive in directives(lines, matter.end):
        if directive.name in CARD_OPTIONS:
            card = _card(page, directive)
            if card and directive.name == "paper" and week is not None:
                key, arxiv = _paper_names(directive.argument, page.bib)
                site.week_papers.update(name for name in (key, arxiv) if name)
                ident = paper_ident({"key": key, "arxiv": arxiv})
                if ident:
                    site.features.append(Feature(ident, docname, week.start.isoformat(), directive.line))
        elif directive.name == "paperlist":
            _paperlist(page, directive, page_period, site)
    for index, line in markup_lines(lines, matter.end):
        for cite in _CITE.finditer(line):
            for key in (k.strip() for k in cite["keys"].split(",")):
                if key and key not in page.bib.entries:
                    page.report(index + 1, Message.cite_unknown(key=key))


def _paper_names(argument: str, bib: _Bibliography) -> tuple[str, str]:
    """The BibTeX key and arXiv ID (without version) a paper card shows, as the build records them ('' for none)."""
    arxiv = parse_arxiv_id(argument)
    if arxiv is not None:
        entry = bib.by_arxiv.get(arxiv.base)
        return (entry.key if entry else "", arxiv.base)
    entry = bib.entries.get(argument)
    if entry is None:
        return "", ""
    return entry.key, entry.arxiv.base if entry.arxiv else ""
