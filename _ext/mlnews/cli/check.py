"""``mlnews check``: what the build would warn about, found without building.

It reads every page and the bibliography once, line by line, and reports each
problem as ``file:line: message [mlnews.subtype]`` (the subtypes of the
build's own warnings: ``mlnews.*``, and ``image.not_readable`` and
``bibtex.*`` for what Sphinx and sphinxcontrib-bibtex report in a build).

Besides problems it takes notes, ``file:line: note: message [mlnews.subtype]``,
of what is worth knowing but is no fault: an arXiv entry that records no
version was never fetched from arXiv (``mlnews.unfetched``), and ``mlnews add``
with its ID refreshes it; an item card has no link yet (``mlnews.no_link``,
a post's link card that an import could not recover). Notes do not make the
check fail.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from docutils.nodes import make_id
from sphinx.util.matching import Matcher

from ..core.arxiv_id import ArxivId, looks_like_arxiv_id, parse_arxiv_id
from ..bib.source import scan_bibtex
from ..core.cardrules import PICK_VALUES, safe_url, split_tags
from ..core.weeks import check_week_page, is_week_docname
from .pages import Directive, directives, front_matter
from .errors import CliError
from .project import Project, read_text

__all__ = ["Problem", "Note", "check_project", "NO_LINK"]

NO_LINK = "mlnews.no_link"
"""The note of an item card without a link."""

_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]+)`")


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing the build would warn about."""

    path: str
    line: int
    message: str
    subtype: str

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
class _Bibliography:
    keys: set[str]
    eprints: dict[str, tuple[str, int | None]]
    """arXiv ID without version → (key, the version the entry describes)."""
    arxiv_of: dict[str, ArxivId]
    """Key → the entry's arXiv ID (the card of a paper given by key takes its anchor)."""
    unfetched: list[Note]
    """Notes of the arXiv entries that record no version (never fetched from arXiv)."""


def _recorded_version(eprint: ArxivId, version: str) -> int | None:
    """The arXiv version an entry describes: its ``version`` field, else a version in ``eprint``."""
    version = version.strip()
    return int(version) if version.isdigit() and int(version) > 0 else eprint.version


def _bibliography(project: Project, problems: list[Problem]) -> _Bibliography:
    bib = _Bibliography(set(), {}, {}, [])
    first_key: dict[str, tuple[str, int]] = {}
    first_eprint: dict[str, tuple[str, int]] = {}
    for path in project.bibfiles:
        name = project.relative(path)
        try:
            text = read_text(path)
        except CliError as error:
            problems.append(Problem(name, 1, error.message, "bibtex.syntax"))
            continue
        entries, scan_problems = scan_bibtex(text)
        problems += [Problem(name, p.line, p.message, "bibtex.syntax") for p in scan_problems]
        for entry in entries:
            if entry.key in first_key:
                where = first_key[entry.key]
                problems.append(
                    Problem(name, entry.line, f"key {entry.key!r} is used twice (first at {where[0]}:{where[1]})", "mlnews.duplicate")
                )
                continue
            first_key[entry.key] = (name, entry.line)
            bib.keys.add(entry.key)
            if not entry.eprint:
                continue
            parsed = parse_arxiv_id(entry.eprint)
            if parsed is None:
                problems.append(Problem(name, entry.line, f"eprint {entry.eprint!r} of {entry.key!r} is not an arXiv ID", "mlnews.arxiv_id"))
            elif parsed.base in first_eprint:
                other = first_eprint[parsed.base]
                problems.append(
                    Problem(name, entry.line, f"arXiv:{parsed.base} has two entries: {other[0]!r} and {entry.key!r}", "mlnews.duplicate")
                )
            else:
                bib.arxiv_of[entry.key] = parsed
                first_eprint[parsed.base] = (entry.key, entry.line)
                recorded = _recorded_version(parsed, entry.version)
                bib.eprints[parsed.base] = (entry.key, recorded)
                if recorded is None:
                    bib.unfetched.append(
                        Note(
                            name,
                            entry.line,
                            f"entry {entry.key!r} has no version (never fetched from arXiv); "
                            f"refresh it with 'mlnews add {parsed.base}'",
                            "mlnews.unfetched",
                            parsed.base,
                        )
                    )
    return bib


def _card_problems(
    directive: Directive, page: Path, project: Project, bib: _Bibliography, anchors: dict[str, int]
) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    line = directive.line
    options = directive.options
    if directive.name == "paper":
        argument = directive.argument
        arxiv = parse_arxiv_id(argument) if argument else None
        # The card's HTML id, as the build makes it: two cards with one id are one paper twice.
        shown = arxiv or bib.arxiv_of.get(argument)
        anchor = shown.anchor if shown else make_id(f"paper-{argument}")
        if not argument:
            found.append((line, "paper needs an arXiv ID or a BibTeX key", "mlnews.option"))
        elif arxiv is not None:
            entry = bib.eprints.get(arxiv.base)
            if entry is None:
                found.append((line, f"no entry in the bibliography has eprint = {{{arxiv.base}}}; add it with 'mlnews add {arxiv}'", "mlnews.unknown_paper"))
            elif arxiv.version and entry[1] and arxiv.version != entry[1]:
                found.append((line, f"arXiv:{arxiv} names version {arxiv.version} but entry '{entry[0]}' has version {entry[1]}", "mlnews.version"))
        elif looks_like_arxiv_id(argument):
            found.append((line, f"{argument!r} is not a valid arXiv ID (expected e.g. 2010.15639, 2010.15639v2 or hep-th/9901001)", "mlnews.arxiv_id"))
        elif argument not in bib.keys:
            found.append((line, f"no entry with key {argument!r} in the bibliography", "mlnews.unknown_paper"))
    else:
        url = directive.argument
        if url and not safe_url(url):
            found.append((line, f"link {url!r} is not an http(s) URL; it is not linked", "mlnews.url"))
            url = ""
        name = options.get("name", ("", 0))[0]
        seed = url or options.get("title", ("", 0))[0] or options.get("headline", ("", 0))[0]
        anchor = make_id(f"item-{name}") if name else "item-" + hashlib.sha1(seed.encode()).hexdigest()[:8]
        if not directive.argument:
            # Valid (the build does not warn), but the card waits for its link.
            found.append((line, "item has no link yet: give its URL as the argument, and its :title:", NO_LINK))
        elif url and not options.get("title", ("", 0))[0]:
            found.append((line, "item needs a :title: (the article's own title)", "mlnews.option"))
    if anchor in anchors:
        found.append(
            (line, f"this page already has a card with anchor #{anchor} (line {anchors[anchor]}); the same item twice?", "mlnews.duplicate")
        )
    else:
        anchors[anchor] = line
    pick = options.get("pick")
    if pick is not None and pick[0].strip().lower() not in PICK_VALUES:
        found.append((line, f":pick: takes no value (or yes/no), not {pick[0]!r}", "mlnews.option"))
    if not options.get("headline", ("", 0))[0]:
        found.append((line, f"{directive.name} needs a :headline: (a one-line catch)", "mlnews.option"))
    if not directive.content:
        found.append((line, f"{directive.name} has no summary: write what it does and why it matters", "mlnews.option"))
    # Tags and images are reported at the card's line, as the build does.
    tags = options.get("tags", ("", line))[0]
    vocabulary = project.tags
    for tag in split_tags(tags) if vocabulary else []:
        if tag not in vocabulary:
            found.append((line, f"tag {tag!r} is not in mlnews_tags", "mlnews.tag"))
    image = options.get("image", ("", line))[0]
    if image:
        target = project.root / image.lstrip("/") if image.startswith("/") else page.parent / image
        if not target.is_file():
            found.append((line, f"image {image!r} does not exist", "image.not_readable"))
    return found


def _paper_ident(argument: str, bib: _Bibliography) -> str:
    """The paper a card shows, as the archive names it: BibTeX key, else arXiv ID (see mlnews.archive.featured_in)."""
    arxiv = parse_arxiv_id(argument) if argument else None
    if arxiv is not None:
        entry = bib.eprints.get(arxiv.base)
        return entry[0] if entry else f"arxiv:{arxiv.base}"
    return argument if argument in bib.keys else ""


def _repeated_papers(features: dict[str, dict[str, tuple[str, int]]]) -> list[Problem]:
    """A paper brought as new by a week, and again by later weeks: at each later week's first card."""
    problems = []
    for ident, pages in sorted(features.items()):
        # By the week's start date, then by page: the build's order of weeks.
        order = sorted(pages, key=lambda name: (pages[name][0], name))
        for name in order[1:]:
            problems.append(
                Problem(
                    name,
                    pages[name][1],
                    f"paper {ident.removeprefix('arxiv:')} is already a new item of {order[0].removesuffix('.md')}; "
                    "a later week should cite it ({cite:p}) instead of featuring it again",
                    "mlnews.duplicate",
                )
            )
    return problems


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


def check_project(project: Project, notes: list[Note] | None = None) -> tuple[list[Problem], int]:
    """Every problem of *project*, sorted by file and line, and the number of pages read.

    The notes (see the module's docstring) are appended to *notes*, when given.
    """
    problems: list[Problem] = []
    bib = _bibliography(project, problems)
    if notes is not None:
        notes += bib.unfetched
    weeks: dict[str, list[tuple[bool, str, int]]] = {}  # start date -> (misfiled?, page, line of date)
    features: dict[str, dict[str, tuple[str, int]]] = {}  # paper -> week page -> (start date, first card's line)
    pages = _pages(project)
    for page in pages:
        name = project.relative(page)
        found: list[tuple[int, str, str]] = []
        try:
            data = page.read_bytes()
        except OSError as error:
            problems.append(Problem(name, 1, f"cannot read the page ({error.strerror})", "mlnews.encoding"))
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # The build reads such a page with U+FFFD for the bad bytes; so does the check.
            bad = data.count(b"\n", 0, error.start) + 1
            found.append((bad, f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8", "mlnews.encoding"))
            text = data.decode("utf-8-sig", errors="replace")
        lines = text.splitlines()
        matter = front_matter(lines)
        docname = name.removesuffix(".md")
        week = None
        if is_week_docname(docname):
            date = matter.fields.get("date")
            week, week_problems = check_week_page(docname, date[0] if date else None)
            found += [(date[1] if date else 1, message, f"mlnews.{subtype}") for subtype, message in week_problems]
            if week is not None:
                filed_right = not any(subtype == "week_path" for subtype, _ in week_problems)
                weeks.setdefault(week.start.isoformat(), []).append((not filed_right, name, date[1]))
        anchors: dict[str, int] = {}
        for directive in directives(lines, matter.end):
            if directive.name in ("paper", "item"):
                found += _card_problems(directive, page, project, bib, anchors)
            ident = _paper_ident(directive.argument, bib) if directive.name == "paper" and week is not None else ""
            if ident:
                features.setdefault(ident, {}).setdefault(name, (week.start.isoformat(), directive.line))
        for number, line in enumerate(lines, start=1):
            for cite in _CITE.finditer(line):
                for key in (k.strip() for k in cite["keys"].split(",")):
                    if key and key not in bib.keys:
                        found.append((number, f"citation key {key!r} not found in the bibliography", "bibtex.key_not_found"))
        problems += [Problem(name, line, message, subtype) for line, message, subtype in found if subtype != NO_LINK]
        if notes is not None:
            notes += [Note(name, line, message, subtype) for line, message, subtype in found if subtype == NO_LINK]
    for key, same in sorted(weeks.items()):
        # As the build does: the page filed where its date says is the week; the others are duplicates.
        first, *others = sorted(same)
        problems += [
            Problem(name, line, f"the week of {key} has another page: {first[1]}:{first[2]}", "mlnews.duplicate")
            for _misfiled, name, line in others
        ]
    problems += _repeated_papers(features)
    return sorted(problems), len(pages)
