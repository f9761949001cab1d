"""The commands: ``new-week``, ``add``, ``check``, ``init`` and ``import``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from ..bib.catalog import BibCatalog
from ..bib.source import BibEntrySource
from ..core.arxiv_id import ArxivId, parse_arxiv_id
from ..core.cardrules import entry_arxiv
from ..core.weeks import week_of
from .arxiv_client import ArxivPaper, fetch_papers, match_key
from .bibwriter import append_entries, bib_key, paper_fields, plan_update, render_entry, replace_entry, unique_key
from .check import NO_LINK, Note, check_project
from .errors import USAGE, CliError
from .pages import directives, front_matter
from .project import Project, atomic_replace, read_text
from .scaffold import insert_cards, paper_stub, summary_pages, week_page, weeks_by_start

__all__ = ["new_week", "add", "check", "init", "import_archive"]

class Say(Protocol):
    """Where a command reports: stdout for results, stderr (``err=True``) for progress and summaries."""

    def __call__(self, message: str, err: bool = False) -> None: ...


def _today() -> dt.date:
    return dt.date.today()


def new_week(project: Project, date: dt.date | None, say: Say) -> int:
    """Create the page of the week that holds *date* (default: the week after the latest one)."""
    weeks = weeks_by_start(project.root)
    if date is None:
        date = max(weeks) + dt.timedelta(days=7) if weeks else _today()
    week = week_of(date)
    docname, text = week_page(week)
    path = project.inside(f"{docname}.md")
    existing = weeks.get(week.start)
    if path.exists() or existing is not None:
        where = project.relative(existing) if existing is not None else f"{docname}.md"
        raise CliError(f"week {week.number} of {week.year} ({week.start}) exists already: {where}")
    changes = {path: text}
    for summary, summary_text in summary_pages(week.start).items():
        summary_path = project.inside(f"{summary}.md")
        if not summary_path.exists():
            changes[summary_path] = summary_text
    atomic_replace(changes)
    for created in list(changes)[1:]:
        say(f"created {project.relative(created)}", err=True)
    say(project.relative(path))
    return 0


def _parse_ids(raw: list[str]) -> list[ArxivId]:
    ids: list[ArxivId] = []
    seen: set[str] = set()
    for text in raw:
        parsed = parse_arxiv_id(text)
        if parsed is None:
            raise CliError(
                f"{text}: not an arXiv ID (expected e.g. 2010.15639, 2010.15639v2 or hep-th/9901001)", USAGE
            )
        if match_key(parsed) not in seen:
            seen.add(match_key(parsed))
            ids.append(parsed)
    return ids


def _week_target(project: Project, week: str, section: int) -> tuple[Path, str]:
    name = week if week.endswith(".md") else f"{week}.md"
    path = project.inside(name, "--week")
    if not path.is_file():
        raise CliError(f"--week {week}: no such page in {project.root}", USAGE)
    text = read_text(path)
    if insert_cards(text, section, []) is None:
        raise CliError(f"--week {week}: the page has no section {section} (see README, the four sections)", USAGE)
    return path, text


def _arxiv_sources(catalog: BibCatalog) -> list[tuple[ArxivId, BibEntrySource]]:
    """Every entry as written that is an arXiv paper (the build's one rule), in file order: also
    an entry that pybtex lost after a malformed one, so that it is not added a second time."""
    found = []
    for _, source in catalog.sources():
        arxiv = entry_arxiv(catalog.fields(source.key))
        if arxiv is not None:
            found.append((arxiv, source))
    return found


def _bibliography_changes(
    project: Project, ids: list[ArxivId], papers: dict[str, ArxivPaper], text: str, report: list[str]
) -> str:
    """The bibliography's new text: entries of new papers appended, entries of newer versions replaced."""
    bibname = project.relative(project.bibfile)
    catalog = BibCatalog.from_texts([(bibname, text)])
    by_id: dict[str, BibEntrySource] = {}
    for arxiv, source in _arxiv_sources(catalog):
        by_id.setdefault(match_key(arxiv), source)
    taken = {source.key for _, source in catalog.sources()}
    replacements: list[tuple[BibEntrySource, str]] = []
    new_entries: list[str] = []
    for number, arxiv_id in enumerate(ids, start=1):
        prefix = f"[{number}/{len(ids)}] " if len(ids) > 1 else ""
        paper = papers[match_key(arxiv_id)]
        fresh = paper_fields(paper)
        source = by_id.get(match_key(arxiv_id))
        if source is None:
            key = unique_key(bib_key(paper), taken)
            taken.add(key)
            new_entries.append(render_entry(fresh.entry_type, key, fresh.fields))
            report.append(f"{prefix}{arxiv_id}: added to {bibname} as {key} (v{fresh.version})")
            continue
        plan = plan_update(source, fresh)
        recorded = f"v{plan.recorded}" if plan.recorded else "no version recorded"
        if plan.pinned and (plan.recorded is None or plan.recorded < plan.fetched):
            pin = f"pinned to v{plan.recorded}" if plan.recorded else "pinned (no version recorded)"
            report.append(
                f"{prefix}{arxiv_id}: {source.key} in {bibname} is {pin}; arXiv has v{plan.fetched}, "
                "not applied (remove the entry's pinned field to take it)"
            )
            continue
        if plan.pinned:
            recorded += ", pinned"
        if plan.text is None:
            report.append(f"{prefix}{arxiv_id}: already in {bibname} as {source.key} ({recorded}); nothing changed")
            continue
        replacements.append((source, plan.text))
        what = ", ".join(plan.changed) if plan.changed else "no field but the version"
        report.append(f"{prefix}{arxiv_id}: updated {source.key} ({recorded} → v{plan.fetched}): {what} changed")
    # From the end, so that the offsets of the entries still to replace hold.
    for source, entry_text in sorted(replacements, key=lambda item: item[0].start, reverse=True):
        text = replace_entry(text, source, entry_text)
    return append_entries(text, new_entries)


def _card_changes(
    project: Project, path: Path, page: str, section: int, card_ids: list[ArxivId], bibtext: str, report: list[str]
) -> str:
    """The week page's new text: a card for each paper it does not show yet."""
    catalog = BibCatalog.from_texts([(project.relative(project.bibfile), bibtext)])
    keys = {source.key: match_key(arxiv) for arxiv, source in _arxiv_sources(catalog)}
    lines = page.splitlines()
    present: set[str] = set()
    for directive in directives(lines, front_matter(lines).end):
        if directive.name == "paper":
            parsed = parse_arxiv_id(directive.argument)
            present.add(match_key(parsed) if parsed else keys.get(directive.argument, ""))
    stubs = []
    name = project.relative(path)
    for card_id in card_ids:
        if match_key(card_id) in present:
            report.append(f"{name}: has a card for {card_id} already")
        else:
            present.add(match_key(card_id))
            stubs.append(paper_stub(str(card_id)))
            report.append(f"{name}: card for {card_id} added to section {section}")
    updated = insert_cards(page, section, stubs) if stubs else page
    assert updated is not None  # the section was checked before the request
    return updated


def add(project: Project, raw_ids: list[str], week: str | None, section: int, say: Say) -> int:
    """Write or update the entries of *raw_ids* in the bibliography, and cards in *week*.

    Nothing is written before every paper is known; what was done is reported
    once it is written.
    """
    ids = _parse_ids(raw_ids)
    target = _week_target(project, week, section) if week else None
    bibfile = project.bibfile
    text = read_text(bibfile) if bibfile.exists() else ""
    say(f"asking arXiv for {len(ids)} paper{'s' if len(ids) > 1 else ''}", err=True)
    papers = fetch_papers(ids, progress=lambda message: say(message, err=True))
    report: list[str] = []
    changes: dict[Path, str] = {}
    new_text = _bibliography_changes(project, ids, papers, text, report)
    if new_text != text:
        changes[bibfile] = new_text
    if target is not None:
        path, page = target
        # arXiv's spelling of the IDs (old-style IDs lose their subject class), as in eprint.
        card_ids = [ArxivId(papers[match_key(i)].arxiv.base, i.version) for i in ids]
        new_page = _card_changes(project, path, page, section, card_ids, new_text, report)
        if new_page != page:
            changes[path] = new_page
    atomic_replace(changes)
    for line in report:
        say(line)
    return 0


def check(project: Project, say: Say) -> int:
    """Report every problem, then the notes; exit status 1 when there is a problem (notes do not count)."""
    notes: list[Note] = []
    problems, pages = check_project(project, notes)
    for problem in [*problems, *notes]:
        say(str(problem))
    files = len({p.path for p in problems})
    if problems:
        say(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in {files} file{'s' if files > 1 else ''}", err=True)
    else:
        say(f"no problems in {pages} pages and {project.relative(project.bibfile)}", err=True)
    unfetched = [note for note in notes if note.subtype == "mlnews.unfetched"]
    if unfetched:
        ids = " ".join(note.arxiv for note in unfetched)
        count = f"{len(unfetched)} entr{'ies' if len(unfetched) > 1 else 'y'}"
        say(f"{count} without a version (never fetched from arXiv); to refresh them all: mlnews add {ids}", err=True)
    unlinked = sum(note.subtype == NO_LINK for note in notes)
    if unlinked:
        say(f"{unlinked} card{'s' if unlinked > 1 else ''} without a link yet", err=True)
    return 1 if problems else 0


def init(folder: str, title: str | None, author: str, language: str, say: Say) -> int:
    """Start a new project in *folder* (see :mod:`mlnews.cli.init`)."""
    from .init import FILES, init_project

    root = init_project(folder, title, author, language)
    say(f"created {root}: {', '.join(FILES)}", err=True)
    say(str(root))
    return 0


def import_archive(project: Project, paths: list[str], dry_run: bool, force: bool, say: Say) -> int:
    """Bring posts into *project* (see :mod:`mlnews.cli.importer`)."""
    from .importer import run_import

    return run_import(project, paths, dry_run=dry_run, force=force, say=say)
