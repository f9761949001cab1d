"""The English edition's archive: a Medium export brought into the English catalogs.

Medium's export is a ZIP with one HTML file per post (``posts/<date>_<slug>.html``,
drafts as ``posts/draft_...``), marked up with the h-entry microformats: the
title in ``h1.p-name``, the date in ``time.dt-published``, the body in
``section[data-field=body]``. A weekly post ("Akira's ML News #Week44, 2020")
is matched to the week page that exists (the Japanese archive comes first:
``mlnews import`` of note.com's export); a post of a week the site does not have
is reported and skipped.

In the body, the headings that name the newsletter's four sections ("Machine
Learning Papers", "Technical Articles", "Examples of Machine Learning use
cases", "Other topics", numbered or not) open them; every other heading in a
section opens an item: its text is the item's English headline, the prose
paragraphs after it its summary, its links what it is about. What mlnews
writes itself ("Weekly Editor's pickup", "Past Articles", contents) is left
out. An item is matched to the week's card by the arXiv ID of one of its links
(a paper card) or by its link (an item card; scheme, ``www.`` and a closing
slash aside).

The messages of a week page are what Sphinx's gettext builder extracts from it
(``make gettext``), so a translation always fits the message Sphinx looks up:
the page's title, its section headings and, for each matched card, its
headline and its summary paragraphs (by the lines they come from in the page).
They are written to ``locale/en/LC_MESSAGES/<page>.po`` (created with every
message of the page when missing). A message already translated is kept
unless ``--force``. Items no card matches, and cards no item matched, are
reported with their place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from lxml import etree

from ...core.arxiv_id import ArxivId, parse_arxiv_id
from ...core.weeks import SECTIONS, week_docname, week_start
from ..errors import CliError
from ..pages import directives, headings
from ..project import Project
from .html import _parse, read_html
from .model import Block, Note
from .posts import arxiv_from_url, classify_title, url_line
from .wxr import MAX_XML_BYTES, _open_zip, _read_entry

__all__ = ["EnglishItem", "EnglishPost", "is_medium_export", "plan_translations", "read_medium_export"]

LANGUAGE = "en"
_SECTION_NAMES = {
    1: ("machine learning papers", "papers", "ml papers"),
    2: ("technical articles", "articles"),
    3: ("examples of machine learning use cases", "machine learning use cases", "use cases", "applications"),
    4: ("other topics", "other", "others"),
}
_LEFT_OUT = re.compile(r"^(weekly\s+)?editor.?s\s+pick|^past\s+articles|^(table\s+of\s+)?contents$|^topics$", re.I)
_NUMBERING = re.compile(r"^\s*\d+\s*[.)．:]?\s*")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(slots=True)
class EnglishItem:
    """One item of an English post: its headline, its summary paragraphs and what it links to."""

    headline: str
    line: int
    section: int
    summary: list[str] = field(default_factory=list)
    arxiv: list[ArxivId] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EnglishPost:
    """A weekly post of the English edition, as read from Medium's export."""

    source: str
    line: int
    title: str
    week: int
    year: int
    published: dt.date | None
    sections: dict[int, str] = field(default_factory=dict)
    """The English heading of each of the four sections the post has."""
    items: list[EnglishItem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(slots=True)
class Skipped:
    source: str
    line: int
    title: str
    reason: str


# --- reading the export ------------------------------------------------------------------


def _post_entries(names: list[str]) -> list[str]:
    return [n for n in names if PurePosixPath(n).parent.name == "posts" and n.lower().endswith((".html", ".htm"))]


def is_medium_export(path: Path) -> bool:
    """Whether *path* is a Medium export: a ZIP (or its unpacked folder) with ``posts/*.html``."""
    if path.is_dir():
        return (path / "posts").is_dir() and any((path / "posts").glob("*.htm*"))
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(_post_entries(archive.namelist()))
    except (zipfile.BadZipFile, OSError):
        return False


def read_medium_export(path: Path, shown: str) -> list[EnglishPost | Skipped]:
    """Every post of the export, in file-name order (Medium names them by date)."""
    posts: list[EnglishPost | Skipped] = []
    if path.is_dir():
        for file in sorted((path / "posts").glob("*.htm*")):
            if file.is_symlink() or not file.resolve().is_relative_to(path.resolve()):
                raise CliError(f"{shown}/posts/{file.name}: refused: a link to a file outside the export")
            posts.append(read_medium_post(file.read_bytes(), f"{shown}/posts/{file.name}", file.name))
        return posts
    archive, entries = _open_zip(path, shown)
    with archive:
        for entry in sorted((e for e in entries if e.filename in _post_entries([e.filename])), key=lambda e: e.filename):
            data = _read_entry(archive, entry, MAX_XML_BYTES, shown)
            posts.append(read_medium_post(data, f"{shown}/{entry.filename}", PurePosixPath(entry.filename).name))
    return posts


def _text(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _first(root: etree._Element, xpath: str) -> etree._Element | None:
    found = root.xpath(xpath)
    return found[0] if found else None


_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"


def read_medium_post(data: bytes, shown: str, name: str) -> EnglishPost | Skipped:
    """One exported post: a weekly post of the newsletter, or why it is skipped."""
    root = _parse(data)
    heading = _first(root, f"//h1[{_CLASS.format('p-name')}]")
    if heading is None:
        raise CliError(f"{shown}:1: not a post of Medium's export (no h1.p-name title); nothing was written")
    title, line = _text(heading), heading.sourceline or 1
    if name.startswith("draft_"):
        return Skipped(shown, line, title, "not published (a draft)")
    kind = classify_title(title)
    if kind is None or not kind.week:
        return Skipped(shown, line, title, "not a weekly post of the newsletter (its title names no week)")
    published = None
    time = _first(root, f"//time[{_CLASS.format('dt-published')}]")
    if time is not None and time.get("datetime"):
        try:
            published = dt.date.fromisoformat(time.get("datetime", "")[:10])
        except ValueError:
            published = None
    year = kind.year or (published.year if published else 0)
    if not year:
        raise CliError(f"{shown}:{line}: {title}: the title gives no year and the post no date; nothing was written")
    body = _first(root, "//section[@data-field='body']")
    if body is None:
        raise CliError(f"{shown}:{line}: {title}: no body (section[data-field=body]); nothing was written")
    source = etree.tostring(body, encoding="unicode")
    # read_html numbers the fragment's lines from 1: shift them to the file's.
    offset = (body.sourceline or 1) - 1
    _title, _line, blocks, notes = read_html(source, line_offset=offset, fragment=True)
    post = EnglishPost(shown, line, title, kind.week, year, published, notes=list(notes))
    _read_items(post, blocks)
    return post


def section_number(text: str) -> int:
    """Which of the four sections an English heading names (0: none)."""
    plain = _NUMBERING.sub("", text).strip().rstrip(":").lower()
    return next((number for number, names in _SECTION_NAMES.items() if plain in names), 0)


def _read_items(post: EnglishPost, blocks: list[Block]) -> None:
    section, item, group, paragraph = 0, None, None, []

    def close_paragraph() -> None:
        nonlocal paragraph
        if item is not None and paragraph:
            item.summary.append(" ".join(paragraph))
        paragraph = []

    for block in blocks:
        if block.kind != "text" or not block.text.strip():
            continue
        text = block.text.strip()
        if block.heading:
            close_paragraph()
            number = section_number(text)
            if number:
                section, item = number, None
                post.sections[number] = _NUMBERING.sub("", text).strip()
            elif _LEFT_OUT.match(_NUMBERING.sub("", text)) or text == post.title:
                section, item = 0, None
            elif section:
                item = EnglishItem(text, block.line, section)
                post.items.append(item)
            continue
        if item is None:
            continue
        for link in block.links:
            arxiv = arxiv_from_url(link.href)
            if arxiv is not None:
                item.arxiv.append(arxiv)
            elif link.href.startswith(("http://", "https://")):
                item.urls.append(link.href)
        if url_line(block) is not None:  # a line that is only a link: the paper's or article's title
            close_paragraph()
            continue
        if block.group != group:
            close_paragraph()
            group = block.group
        paragraph.append(text)
    close_paragraph()


# --- the week pages and their messages ---------------------------------------------------


@dataclass(slots=True)
class _Card:
    kind: str
    argument: str
    line: int
    end: int
    headline: str
    arxiv: str = ""


def _same_link(a: str, b: str) -> bool:
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url.strip())
        host = parts.netloc.lower().removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query

    return key(a) == key(b)


def _cards(lines: list[str], catalog_arxiv: dict[str, str]) -> list[_Card]:
    cards = []
    for directive in directives(lines):
        if directive.name not in ("paper", "item"):
            continue
        headline = directive.options.get("headline", ("", 0))[0]
        card = _Card(directive.name, directive.argument, directive.line, directive.end, headline)
        if directive.name == "paper":
            arxiv = parse_arxiv_id(directive.argument)
            card.arxiv = arxiv.base if arxiv is not None else catalog_arxiv.get(directive.argument, "")
        cards.append(card)
    return cards


def _bib_arxiv(project: Project) -> dict[str, str]:
    """Each refs.bib key's arXiv ID (without version), for cards that name their entry by key."""
    from ...bib.catalog import BibCatalog

    texts = []
    for path in project.bibfiles:
        try:
            texts.append((project.relative(path), path.read_bytes().decode("utf-8-sig")))
        except (OSError, UnicodeDecodeError):
            continue
    catalog = BibCatalog.from_texts(texts)
    return {key: arxiv.base for key in catalog.keys() if (arxiv := catalog.arxiv_of(key)) is not None}


def page_templates(project: Project, docnames: set[str]) -> dict[str, Catalog]:
    """The messages of each page in *docnames*, as Sphinx's gettext builder extracts them."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with tempfile.TemporaryDirectory(prefix="mlnews-gettext-") as tmp:
        out = Path(tmp) / "gettext"
        status, warning = io.StringIO(), io.StringIO()
        # Extensions may print on setup (sphinxext-opengraph does): not into the import's report.
        with patch_docutils(project.root), docutils_namespace(), contextlib.redirect_stdout(status):
            app = Sphinx(
                str(project.root), str(project.root), str(out), str(Path(tmp) / "doctrees"), "gettext",
                # Everything the build keeps goes to the temporary folder, nothing into the project.
                confoverrides={"gettext_compact": False, "mlnews_format_cache": "doctrees"},
                status=status, warning=warning, freshenv=True,
            )  # fmt: skip
            app.build()
        found = {}
        for docname in docnames:
            pot = out / f"{docname}.pot"
            if pot.is_file():
                with pot.open("rb") as handle:
                    found[docname] = read_po(handle)
        return found


def _line_of(message: object, page: str) -> int:
    lines = [int(line) for file, line in getattr(message, "locations", ()) if str(file).endswith(page) and line]
    return min(lines) if lines else 0


def week_title(start: dt.date, week: int, year: int) -> str:
    """The English week title the site's catalogs use: "Week 45, 2020 (from Nov 1)"."""
    return f"Week {week}, {year} (from {_MONTHS[start.month - 1]} {start.day})"


# --- the plan ----------------------------------------------------------------------------


@dataclass(slots=True)
class TranslationPlan:
    changes: dict[Path, bytes] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    imported: int = 0
    written: int = 0
    unchanged: int = 0
    skipped: int = 0
    needs: int = 0


def _locale_dir(project: Project) -> str:
    dirs = project.settings.get("locale_dirs")
    return str(dirs[0]) if isinstance(dirs, list) and dirs else "locale"


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, sort_output=False, omit_header=False)
    return buffer.getvalue()


def _translations(catalog: Catalog) -> dict[str, tuple[str, bool]]:
    return {m.id: (m.string, m.fuzzy) for m in catalog if m.id and isinstance(m.id, str)}


def plan_translations(project: Project, posts: list[EnglishPost | Skipped], force: bool) -> TranslationPlan:
    """What the English posts give each week page's English catalog, and the report."""
    plan = TranslationPlan()
    weekly: dict[str, EnglishPost] = {}
    for post in posts:
        if isinstance(post, Skipped):
            plan.skipped += 1
            plan.lines.append(f"skipped {post.source}:{post.line}: {post.title}: {post.reason}")
            continue
        start = week_start(post.year, post.week)
        if start is None:
            raise CliError(f"{post.source}:{post.line}: {post.title}: week {post.week} of {post.year} does not exist")
        docname = week_docname(start, post.week)
        if docname in weekly:
            plan.skipped += 1
            plan.lines.append(
                f"skipped {post.source}:{post.line}: {post.title}: the same week as {weekly[docname].source}:{weekly[docname].line} (imported once)"
            )
            continue
        if not (project.root / f"{docname}.md").is_file():
            plan.skipped += 1
            plan.needs += 1
            plan.lines.append(
                f"skipped {post.source}:{post.line}: {post.title}: the site has no {docname}.md "
                "(import the Japanese edition first)"
            )
            continue
        weekly[docname] = post
    if not weekly:
        return plan
    templates = page_templates(project, set(weekly))
    arxiv_of_key = _bib_arxiv(project)
    locale = _locale_dir(project)
    for docname, post in weekly.items():
        plan.imported += 1
        plan.lines.append(f"{post.source}:{post.line}: {post.title}")
        page = f"{docname}.md"
        lines = (project.root / page).read_text(encoding="utf-8").splitlines()
        template = templates.get(docname)
        if template is None:
            raise CliError(f"{page}: Sphinx extracted no messages from it; nothing was written")
        cards = _cards(lines, arxiv_of_key)
        wanted, notes = _wanted(post, docname, lines, cards, template, page)
        po_path = project.inside(f"{locale}/{LANGUAGE}/LC_MESSAGES/{docname}.po")
        change, kept = _updated_catalog(po_path, template, wanted, force)
        shown = project.relative(po_path)
        matched = sum(1 for note in notes if note[0] == "matched")
        if change is None:
            plan.unchanged += 1
            plan.lines.append(f"  unchanged: {shown}")
        else:
            plan.written += 1
            plan.changes[po_path] = change
            plan.lines.append(f"  wrote {shown} ({matched} of {len(cards)} cards translated)")
        if kept:
            plan.lines.append(f"  kept {kept} translations already in {shown} (--force replaces them)")
        for what, text in notes:
            if what != "matched":
                plan.needs += 1
                plan.lines.append(f"  needs you: {text}")
        for note in post.notes:
            if note.needs_author:
                plan.needs += 1
                plan.lines.append(f"  needs you: {post.source}:{note.line}: {note.message}")
    return plan


def _wanted(
    post: EnglishPost, docname: str, lines: list[str], cards: list[_Card], template: Catalog, page: str
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The translation of each message of the page the post gives, and what the report says."""
    wanted: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    messages = [(m, _line_of(m, page)) for m in template if m.id and isinstance(m.id, str)]
    start = week_start(post.year, post.week)
    assert start is not None  # plan_translations skipped the posts of no week
    heads = list(headings(lines))
    if heads:
        index, _level, title = heads[0]
        found = next((m for m, line in messages if line == index + 1 and m.id == title), None)
        if found is not None:
            wanted[found.id] = week_title(start, post.week, post.year)
    for index, _level, title in heads[1:]:
        number = list(SECTIONS).index(title) + 1 if title in SECTIONS else 0
        if number and number in post.sections:
            wanted[title] = post.sections[number]
    used: set[int] = set()
    for card in cards:
        item = _match(card, post.items, used)
        label = card.headline or card.argument
        if item is None:
            notes.append(("missing", f"{page}:{card.line}: the card '{label}' has no English item in {post.source}"))
            continue
        used.add(id(item))
        own = [(m, line) for m, line in messages if card.line <= line <= card.end]
        headline = next((m for m, _line in own if m.id == card.headline), None)
        if headline is not None:
            wanted[headline.id] = item.headline
        paragraphs = [m for m, line in own if m is not headline and line > card.line]
        if not item.summary and paragraphs:
            notes.append(("short", f"{post.source}:{item.line}: the item '{item.headline}' has no summary: "
                                   f"the card '{label}' ({page}:{card.line}) keeps its Japanese"))  # fmt: skip
        elif len(item.summary) < len(paragraphs):
            notes.append(("short", f"{post.source}:{item.line}: the item '{item.headline}' has {len(item.summary)} "
                                   f"paragraphs for {len(paragraphs)} of the card ({page}:{card.line}): the rest keep their Japanese"))  # fmt: skip
        texts = list(item.summary)
        if len(texts) > len(paragraphs) and paragraphs:
            texts = [*texts[: len(paragraphs) - 1], " ".join(texts[len(paragraphs) - 1 :])]
        for message, text in zip(paragraphs, texts):
            wanted[message.id] = text
        notes.append(("matched", ""))
    for item in post.items:
        if id(item) not in used:
            what = f"arXiv:{item.arxiv[0].base}" if item.arxiv else (item.urls[0] if item.urls else "no link")
            notes.append(("unmatched", f"{post.source}:{item.line}: the item '{item.headline}' ({what}) matches no card of {page}"))
    return wanted, notes


def _match(card: _Card, items: list[EnglishItem], used: set[int]) -> EnglishItem | None:
    for item in items:
        if id(item) in used:
            continue
        if card.kind == "paper" and card.arxiv and any(a.base == card.arxiv for a in item.arxiv):
            return item
        if card.kind == "item" and card.argument and any(_same_link(card.argument, url) for url in item.urls):
            return item
    return None


def _updated_catalog(path: Path, template: Catalog, wanted: dict[str, str], force: bool) -> tuple[bytes | None, int]:
    """The catalog at *path* with *wanted* filled in (``None``: nothing changes), and how many kept theirs."""
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=LANGUAGE)
        before = _translations(catalog)
    else:
        catalog = Catalog(locale=LANGUAGE, project=template.project, version=template.version, charset="utf-8")
        catalog.creation_date = template.creation_date
        catalog.revision_date = template.creation_date
        before = None
    kept = 0
    for message in template:
        if not message.id or not isinstance(message.id, str):
            continue
        current = catalog.get(message.id)
        if current is None:
            catalog.add(message.id, "", locations=message.locations, flags=message.flags)
            current = catalog.get(message.id)
        text = wanted.get(message.id)
        if text is None:
            continue
        if current.string and not current.fuzzy and current.string != text and not force:
            kept += 1
            continue
        current.string = text
        current.flags.discard("fuzzy")
    if before is not None and _translations(catalog) == before:
        return None, kept
    return _po_bytes(catalog), kept
