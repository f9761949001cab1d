"""From recognised posts to every file an import writes, decided before anything is written.

The planner resolves everything first: which posts are imported (drafts,
other articles and duplicates are skipped), what each page's text is, which
papers ``refs.bib`` lacks (asked from arXiv in one batched run, as ``mlnews
add`` does), which images are copied and under which names, which summary
pages a new week needs, and what an existing page's fate is (unchanged, left
alone because it differs, replaced with ``--force``). Only then are the files
written, all together (:func:`mlnews.cli.project.atomic_replace`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ...core.arxiv_id import ArxivId, parse_arxiv_id
from ...bib.source import BibEntrySource, scan_bibtex
from ...core.weeks import NewsWeek, week_docname
from .. import markup
from ..arxiv_client import ArxivPaper, fetch_papers, match_key
from ..bibwriter import append_entries, bib_key, paper_fields, parse_entry, render_entry, unique_key
from ..pages import directives, front_matter
from ..project import Project, read_text
from ..scaffold import summary_pages, week_page, weeks_by_start
from .model import Asset, Block, RawPost
from .posts import Card, Piece, Skipped, SummaryPost, WeekPost
from .writer import CardOut, paragraphs, render_summary, render_week, summary_docname
from .wxr import image_kind

__all__ = ["Plan", "plan_import"]

_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class PostReport:
    """What the report says about one post."""

    where: str
    title: str
    outcome: str = ""
    needs: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    placeholders: list[tuple[int, str]] = field(default_factory=list)
    """Images of a pasted post (line, placeholder such as 画像2): reported together."""

    def add_placeholders(self, source: str) -> None:
        """One line for the pasted post's images, at the first of them."""
        if not self.placeholders:
            return
        lines = ", ".join(str(line) for line, _ in self.placeholders)
        count = len(self.placeholders)
        which = f"the image {self.placeholders[0][1]!r} has" if count == 1 else f"{count} images ({lines}) have"
        self.needs.append(
            f"{source}:{self.placeholders[0][0]}: {which} no file (pasted text keeps no images): "
            f"add {'it as its' if count == 1 else 'each as its'} card's :image:"
        )
        self.placeholders = []


@dataclass(slots=True)
class Plan:
    """Every file to write, and the report."""

    changes: dict[Path, str | bytes] = field(default_factory=dict)
    posts: list[PostReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"written": 0, "unchanged": 0, "left alone": 0})

    @property
    def needs(self) -> int:
        return sum(len(post.needs) for post in self.posts)

    def lines(self, dry_run: bool) -> list[str]:
        """The report, line by line."""
        out: list[str] = []
        for post in self.posts:
            out.append(f"{post.where}: {post.title}")
            if post.outcome:
                outcome = post.outcome
                if dry_run:
                    outcome = re.sub(r"^(wrote|replaced) ", lambda m: {"wrote": "would write ", "replaced": "would replace "}[m[1]], outcome)
                out.append(f"  {outcome}")
            out += [f"  needs you: {line}" for line in post.needs]
            out += [f"  dropped: {line}" for line in post.dropped]
        out += self.skipped
        out += self.bibliography
        verb = "would create" if dry_run else "created"
        out += [f"{verb} {name}" for name in self.created]
        done = self.counts
        written = "would be written" if dry_run else "written"
        summary = (
            f"{len(self.posts)} post{'s' if len(self.posts) != 1 else ''} imported: {done['written']} "
            f"page{'s' if done['written'] != 1 else ''} {written}, {done['unchanged']} unchanged, "
            f"{done['left alone']} left alone; {len(self.skipped)} skipped; {self.needs} "
            f"thing{'s' if self.needs != 1 else ''} need{'s' if self.needs == 1 else ''} you"
        )
        out.append(summary + ("; dry run: nothing was written" if dry_run else ""))
        return out


def _where(raw: RawPost, line: int) -> str:
    return f"{raw.source}:{line}"


def _host(address: str) -> str:
    return urlsplit(address).netloc.removeprefix("www.")


def _web(address: str) -> bool:
    parts = urlsplit(address.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _title_key(title: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"[{}\\]", "", title).lower())


@dataclass(slots=True)
class _Bibliography:
    path: Path
    text: str
    entries: list[BibEntrySource]
    by_id: dict[str, BibEntrySource]


def _bibliography(project: Project) -> _Bibliography:
    path = project.bibfile
    text = read_text(path) if path.exists() else ""
    entries, _ = scan_bibtex(text)
    by_id: dict[str, BibEntrySource] = {}
    for entry in entries:
        parsed = parse_arxiv_id(entry.eprint) if entry.eprint else None
        if parsed is not None:
            by_id.setdefault(match_key(parsed), entry)
    return _Bibliography(path, text, entries, by_id)


class _Images:
    """Image files to copy, named so that no two differ under one name."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.planned: dict[Path, bytes] = {}
        self.folders: dict[Path, Path] = {}

    def place(self, folder: Path, asset: Asset) -> Path:
        """Where *asset* goes in ``img/`` next to the pages of *folder*: its own name, or the first free variant."""
        if folder not in self.folders:
            self.folders[folder] = self.project.inside(Path(folder, "img").as_posix(), "image folder")
        images = self.folders[folder]
        stem, dot, suffix = _FILE_NAME.sub("-", asset.name).strip("-.").rpartition(".")
        kind = image_kind(asset.data)
        stem = stem if dot else suffix
        stem = stem or "image"
        suffix = "jpg" if kind == "jpg" and suffix.lower() in ("jpg", "jpeg") else kind
        number = 1
        while True:
            name = f"{stem}.{suffix}" if number == 1 else f"{stem}-{number}.{suffix}"
            # The name holds no '/' and starts with no '.': it stays in the checked folder.
            target = images / name
            have = self.planned.get(target)
            if have is None and target.is_file():
                have = target.read_bytes()
            if have is None or have == asset.data:
                self.planned[target] = asset.data
                return target
            number += 1


@dataclass(slots=True)
class _WeekPlan:
    post: WeekPost
    path: Path
    fate: str = ""
    """``new``, ``unchanged``, ``differs``, ``force``, ``elsewhere``."""
    text: str = ""
    images: dict[Path, bytes] = field(default_factory=dict)
    report: PostReport | None = None


def plan_import(
    project: Project,
    posts: list[WeekPost | SummaryPost | Skipped],
    force: bool,
    dry_run: bool,
    progress: Callable[[str], None],
) -> Plan:
    """Resolve every post into the files to write and the report (nothing is written here)."""
    plan = Plan()
    weeks: list[WeekPost] = []
    summaries: list[SummaryPost] = []
    first_of: dict[str, RawPost] = {}
    for post in posts:
        if isinstance(post, Skipped):
            plan.skipped.append(f"skipped {_where(post.raw, post.raw.line)}: {post.raw.title or '(no title)'}: {post.reason}")
            continue
        if isinstance(post, WeekPost):
            target = week_docname(post.start, post.number)
        else:
            target = summary_docname(post.period)
        earlier = first_of.get(target)
        if earlier is not None:
            plan.skipped.append(
                f"skipped {_where(post.raw, post.raw.line)}: {post.raw.title}: the same "
                f"{'week' if isinstance(post, WeekPost) else 'period'} as {_where(earlier, earlier.line)} (imported once)"
            )
            continue
        first_of[target] = post.raw
        (weeks if isinstance(post, WeekPost) else summaries).append(post)
    bib = _bibliography(project)
    existing_weeks = weeks_by_start(project.root)
    week_plans = [_first_pass(project, week, existing_weeks, force, bib) for week in weeks]
    # The papers refs.bib lacks, for the pages this import writes (or finds written already).
    wanted: list[ArxivId] = []
    seen: set[str] = set()
    for week_plan in week_plans:
        if week_plan.fate in ("differs", "elsewhere"):
            continue
        for card in week_plan.post.cards:
            if card.arxiv is not None:
                key = match_key(card.arxiv)
                if key not in bib.by_id and key not in seen:
                    seen.add(key)
                    wanted.append(ArxivId(card.arxiv.base))
    papers: dict[str, ArxivPaper] = {}
    if wanted and dry_run:
        plan.bibliography.append(
            f"{project.relative(bib.path)}: would ask arXiv for {len(wanted)} paper{'s' if len(wanted) != 1 else ''} it lacks"
        )
    elif wanted:
        requests = (len(wanted) + 99) // 100
        progress(f"asking arXiv for {len(wanted)} paper{'s' if len(wanted) != 1 else ''} ({requests} request{'s' if requests != 1 else ''})")
        papers = fetch_papers(wanted, progress=progress, allow_missing=True)
    missing = {match_key(i) for i in wanted if match_key(i) not in papers} if not dry_run else set()
    images = _Images(project)
    for week_plan in week_plans:
        _finish_week(project, week_plan, bib, papers, missing, force, images, plan)
    # refs.bib: the new entries, in the order of the weeks.
    new_entries: list[str] = []
    taken = {entry.key for entry in bib.entries}
    added: set[str] = set()
    for week_plan in week_plans:
        if week_plan.fate not in ("new", "force", "unchanged"):
            continue
        for card in week_plan.post.cards:
            if card.arxiv is None:
                continue
            key = match_key(card.arxiv)
            paper = papers.get(key)
            if paper is None or key in added:
                continue
            added.add(key)
            fields = paper_fields(paper)
            entry_key = unique_key(bib_key(paper), taken)
            taken.add(entry_key)
            new_entries.append(render_entry(fields.entry_type, entry_key, fields.fields))
    bibname = project.relative(bib.path)
    reused = len({match_key(c.arxiv) for w in week_plans for c in w.post.cards if c.arxiv is not None} & set(bib.by_id))
    if new_entries:
        plan.changes[bib.path] = append_entries(bib.text, new_entries)
        plan.bibliography.append(
            f"{bibname}: {len(new_entries)} entr{'ies' if len(new_entries) != 1 else 'y'} added, {reused} already there"
        )
    elif not dry_run and reused:
        plan.bibliography.append(f"{bibname}: every paper already there ({reused})")
    # Summaries, then the summary pages a new week needs.
    known = _known_papers(project, bib, week_plans, papers)
    planned_docs = {project.relative(path).removesuffix(".md") for path in plan.changes if path.suffix == ".md"}
    summary_docs: set[str] = set()
    for summary in summaries:
        summary_docs.add(_plan_summary(project, summary, known, force, images, plan))
    scaffolds: dict[str, str] = {}
    for week_plan in week_plans:
        if week_plan.fate in ("differs", "elsewhere"):
            continue
        scaffolds.update({name: text for name, text in summary_pages(week_plan.post.start).items() if name not in scaffolds})
    for summary in summaries:
        # A summary's page hangs in its year's page (the landing page lists the years); the
        # year's globs of months, quarters and halves may match nothing yet.
        year = f"summaries/{summary.period.year}/index"
        scaffolds.setdefault(year, summary_pages(dt.date(summary.period.year, 1, 1))[year])
    for name in sorted(scaffolds, key=_summary_order):
        path = project.inside(f"{name}.md")
        if name in summary_docs or name in planned_docs or path.exists():
            continue
        plan.changes[path] = scaffolds[name]
        plan.created.append(f"{name}.md")
    return plan


def _summary_order(name: str) -> tuple[str, int, str]:
    year, _, page = name.removeprefix("summaries/").partition("/")
    return (year, {"q": 1, "h": 2, "i": 3}.get(page[:1], 0), page)


# --- weeks ----------------------------------------------------------------------------------


def _card_text(post: WeekPost, card: Card, papers: dict[str, ArxivPaper], bib: _Bibliography, missing: set[str],
               image: str, more: list[tuple[str, str]], report: PostReport) -> CardOut:
    raw = post.raw
    if card.arxiv is not None and match_key(card.arxiv) not in missing:
        paper = papers.get(match_key(card.arxiv))
        entry = bib.by_id.get(match_key(card.arxiv))
        # The card names the paper as its entry does (arXiv drops an old ID's subject class), with the version linked.
        base = paper.arxiv.base if paper else (parse_arxiv_id(entry.eprint).base if entry else card.arxiv.base)
        argument = str(ArxivId(base, card.arxiv.version))
        return CardOut("paper", argument, card.headline, card.summary, pick=card.pick, image=image, more_images=more)
    url = card.url if _web(card.url) else ""
    if card.url and not url:
        report.dropped.append(f"{_where(raw, card.line)}: the link {card.url[:40]!r} is not a web address")
    title = card.title or (card.url_label if card.url_label and card.url_label != card.url and card.url_label != card.headline else "")
    if card.arxiv is not None:
        report.needs.append(
            f"{_where(raw, card.line)}: arXiv has no paper {card.arxiv}: the item {card.headline!r} is a link card until you correct its address"
        )
    if url and not title:
        title = _host(url)
        shows = "shows only its address" if card.url_label in ("", card.url) else "is on its headline"
        report.needs.append(
            f"{_where(raw, card.line)}: the link of {card.headline!r} {shows}: its :title: is '{title}' until you write the article's title"
        )
    if not url:
        report.needs.append(
            f"{_where(raw, card.line)}: the item {card.headline or card.title!r} has no link: `mlnews check` notes it until you add one"
        )
    return CardOut("item", url, card.headline, card.summary, title=title, pick=card.pick, image=image, more_images=more)


def _first_pass(project: Project, post: WeekPost, existing: dict[dt.date, Path], force: bool, bib: _Bibliography) -> _WeekPlan:
    """The page's place and fate, from its text with every paper assumed known."""
    path = project.inside(f"{week_docname(post.start, post.number)}.md")
    plan = _WeekPlan(post, path)
    other = existing.get(post.start)
    if other is not None and other != path:
        plan.fate = "elsewhere"
    elif path.exists():
        text, _ = _week_text(project, post, {}, bib, set(), _Images(project), PostReport("", ""), dry=True)
        current = path.read_bytes()
        if current == text.encode("utf-8"):
            plan.fate = "unchanged"
        else:
            plan.fate = "force" if force or _untouched_week(post, current) else "differs"
    else:
        plan.fate = "new"
    return plan


def _week_text(project: Project, post: WeekPost, papers: dict[str, ArxivPaper], bib: _Bibliography, missing: set[str],
               images: _Images, report: PostReport, dry: bool) -> tuple[str, dict[Path, bytes]]:
    raw = post.raw
    page = project.inside(f"{week_docname(post.start, post.number)}.md")
    copies: dict[Path, bytes] = {}
    sections: dict[int, list[CardOut]] = {}
    for card in post.cards:
        shown: list[tuple[str, str]] = []
        for block in card.images:
            found = _image(raw, block, report if not dry else PostReport("", ""))
            if found is None:
                continue
            target = images.place(page.parent, found)
            copies[target] = found.data
            shown.append((target.relative_to(page.parent).as_posix(), block.caption or block.text or found.name))
        image = shown[0][0] if shown else ""
        out = _card_text(post, card, papers, bib, missing, image, shown[1:], report if not dry else PostReport("", ""))
        # A caption is the author's text: it follows the summary.
        out.summary = out.summary + [[Block("text", b.line, text=b.caption)] for b in card.images if b.caption]
        sections.setdefault(card.section, []).append(out)
    week = NewsWeek(post.year, post.number, post.start)
    text = render_week(week, post.intro, [text for text, _ in post.unmatched], sections)
    return text, copies


def _image(raw: RawPost, block: Block, report: PostReport) -> Asset | None:
    where = _where(raw, block.line)
    if not block.src:
        report.placeholders.append((block.line, block.text or "(no name)"))
        return None
    if block.src.lower().startswith(("javascript:", "data:", "vbscript:", "file:")):
        report.dropped.append(f"{where}: an image with the address {block.src[:30]!r}")
        return None
    found = raw.assets(block.src)
    if found is None:
        report.needs.append(f"{where}: the image {block.src!r} has no file in the export: add it and set :image:")
        return None
    if not image_kind(found.data):
        report.needs.append(f"{where}: the file {found.name!r} is not a PNG, JPEG, GIF or WebP image: not imported")
        return None
    return found


def _finish_week(project: Project, week_plan: _WeekPlan, bib: _Bibliography, papers: dict[str, ArxivPaper],
                 missing: set[str], force: bool, images: _Images, plan: Plan) -> None:
    post = week_plan.post
    raw = post.raw
    report = PostReport(_where(raw, raw.line), raw.title)
    plan.posts.append(report)
    name = project.relative(week_plan.path)
    counts = f"{sum(c.kind == 'paper' for c in post.cards)} papers, {sum(c.kind == 'item' for c in post.cards)} items, " \
             f"{sum(c.pick for c in post.cards)} picks"
    if week_plan.fate == "elsewhere":
        other = weeks_by_start(project.root)[post.start]
        report.outcome = f"left alone: week {post.number} of {post.year} has a page already, {project.relative(other)}"
        plan.counts["left alone"] += 1
        return
    if week_plan.fate == "differs":
        report.outcome = f"left alone: {name} exists and differs from the import (--force replaces it)"
        plan.counts["left alone"] += 1
        return
    text, copies = _week_text(project, post, papers, bib, missing, images, report, dry=False)
    report.needs += [f"{_where(raw, note.line)}: {note.message}" for note in post.notes if note.needs_author]
    report.dropped += [f"{_where(raw, note.line)}: {note.message}" for note in raw.notes + post.notes if not note.needs_author]
    report.add_placeholders(raw.source)
    report.needs.sort(key=_line_order)
    report.dropped.sort(key=_line_order)
    exists = week_plan.path.exists()
    if exists and week_plan.path.read_bytes() == text.encode("utf-8"):
        week_plan.fate = "unchanged"
        report.outcome = f"unchanged: {name}"
        plan.counts["unchanged"] += 1
        return
    if exists and not force and not _untouched_week(post, week_plan.path.read_bytes()):
        week_plan.fate = "differs"
        report.outcome = f"left alone: {name} exists and differs from the import (--force replaces it)"
        plan.counts["left alone"] += 1
        return
    plan.changes[week_plan.path] = text
    for target, data in copies.items():
        if not (target.is_file() and target.read_bytes() == data):
            plan.changes[target] = data
    images = f", {len(copies)} image{'s' if len(copies) != 1 else ''}" if copies else ""
    verb = "replaced" if exists else "wrote"
    report.outcome = f"{verb} {name} ({counts}{images})"
    plan.counts["written"] += 1


def _untouched_week(post: WeekPost, current: bytes) -> bool:
    """Whether a week's page is still the empty page ``mlnews new-week`` wrote: nothing of the author's to keep."""
    return current == week_page(NewsWeek(post.year, post.number, post.start))[1].encode("utf-8")


def _line_order(text: str) -> tuple[int, str]:
    match = re.search(r":(\d+): ", text)
    return (int(match[1]) if match else 0, text)


# --- summaries ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Known:
    """The papers that have a card in some week: by arXiv ID, by BibTeX key and by title."""

    ids: dict[str, str] = field(default_factory=dict)
    """match key → the name the curated list uses (the arXiv ID)."""
    keys: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def _known_papers(project: Project, bib: _Bibliography, week_plans: list[_WeekPlan], papers: dict[str, ArxivPaper]) -> _Known:
    known = _Known()
    by_key = {entry.key: entry for entry in bib.entries}
    for path in sorted((project.root / "issues").glob("*/*/*.md")):
        lines = read_text(path, strict=False).splitlines()
        for directive in directives(lines, front_matter(lines).end):
            if directive.name != "paper" or not directive.argument:
                continue
            parsed = parse_arxiv_id(directive.argument)
            entry = by_key.get(directive.argument)
            if parsed is None and entry is not None and entry.eprint:
                parsed = parse_arxiv_id(entry.eprint)
            if parsed is not None:
                known.ids.setdefault(match_key(parsed), parsed.base)
                source = bib.by_id.get(match_key(parsed))
                if source is not None:
                    known.keys.setdefault(source.key, parsed.base)
            elif entry is not None:
                known.keys.setdefault(entry.key, entry.key)
    for week_plan in week_plans:
        if week_plan.fate in ("differs", "elsewhere"):
            continue
        for card in week_plan.post.cards:
            if card.arxiv is None:
                continue
            key = match_key(card.arxiv)
            paper = papers.get(key)
            name = paper.arxiv.base if paper else card.arxiv.base
            known.ids.setdefault(key, name)
            if card.title:
                known.titles.setdefault(_title_key(card.title), name)
            if paper is not None:
                known.titles.setdefault(_title_key(paper.title), name)
    return known


def _bib_titles(bib: _Bibliography, known: _Known) -> None:
    """Titles of the entries of known papers (read only when a summary names a paper by its title)."""
    for key, source in bib.by_id.items():
        if key in known.ids:
            entry = parse_entry(source.text)
            if entry is not None and "title" in entry.fields:
                known.titles.setdefault(_title_key(str(entry.fields["title"])), known.ids[key])


def _plan_summary(project: Project, summary: SummaryPost, known: _Known, force: bool, images: _Images, plan: Plan) -> str:
    raw = summary.raw
    report = PostReport(_where(raw, raw.line), raw.title)
    plan.posts.append(report)
    docname = summary_docname(summary.period)
    path = project.inside(f"{docname}.md")
    if any(piece.kind == "title" for piece in summary.body):
        _bib_titles(_bibliography(project), known)
    body: list[str] = []
    run: list[str] = []
    listed = 0
    copies: dict[Path, bytes] = {}

    def close_run() -> None:
        nonlocal run
        if run:
            body.append(":::{paperlist}\n:papers: " + ", ".join(run) + "\n:::")
            run = []

    for piece in summary.body:
        name = _resolve(piece, known)
        if name:
            if name not in run:
                run.append(name)
                listed += 1
            continue
        close_run()
        if piece.kind == "paper":
            report.needs.append(
                f"{_where(raw, piece.blocks[-1].line)}: arXiv:{piece.arxiv} is not an item of any week: kept as a link "
                "(a curated list shows the papers of the weeks)"
            )
            body += paragraphs([[block] for block in piece.blocks])
        elif piece.kind == "heading":
            level = min(max(piece.blocks[0].heading, 2), 4)
            body.append(markup.heading(level, piece.blocks[0].text))
        elif piece.kind == "image":
            block = piece.blocks[0]
            found = _image(raw, block, report)
            if found is not None:
                target = images.place(path.parent, found)
                copies[target] = found.data
                body.append(f"![{markup.inline(block.caption or block.text or found.name)}]({target.relative_to(path.parent).as_posix()})")
                if block.caption:
                    body += paragraphs([[Block("text", block.line, text=block.caption)]])
        else:
            body += paragraphs([piece.blocks])
    close_run()
    text = render_summary(summary.period, raw.title, body)
    report.add_placeholders(raw.source)
    report.needs += [f"{_where(raw, note.line)}: {note.message}" for note in summary.notes if note.needs_author]
    report.dropped += [f"{_where(raw, note.line)}: {note.message}" for note in raw.notes + summary.notes if not note.needs_author]
    name = project.relative(path)
    if path.exists():
        current = path.read_bytes()
        if current == text.encode("utf-8"):
            report.outcome = f"unchanged: {name}"
            plan.counts["unchanged"] += 1
            return docname
        # The page mlnews made for the period (for a week, or by new-week) holds nothing of the author's.
        first = dt.date(summary.period.year, summary.period.months[0], 1)
        untouched = current == summary_pages(first)[docname].encode("utf-8")
        if not force and not untouched:
            report.outcome = f"left alone: {name} exists and differs from the import (--force replaces it)"
            plan.counts["left alone"] += 1
            return docname
    verb = "replaced" if path.exists() else "wrote"
    plan.changes[path] = text
    for target, data in copies.items():
        if not (target.is_file() and target.read_bytes() == data):
            plan.changes[target] = data
    report.outcome = f"{verb} {name} ({listed} paper{'s' if listed != 1 else ''} listed)"
    plan.counts["written"] += 1
    return docname


def _resolve(piece: Piece, known: _Known) -> str:
    """The name a curated list gives the paper a piece names, or '' when no week has it."""
    if piece.kind == "paper" and piece.arxiv is not None:
        return known.ids.get(match_key(piece.arxiv), "")
    if piece.kind in ("title", "paper") and piece.title:
        return known.titles.get(_title_key(piece.title), "")
    return ""
