"""``mlnews import PATH...``: an existing archive brought into the project.

Each PATH is read by the reader of its format (:mod:`.wxr` for a note.com
export, :mod:`.html` for a saved page or an item's HTML, :mod:`.text` for a
pasted post, :mod:`.medium` for the English edition's Medium export, whose
posts fill the English catalogs of the weeks instead of writing pages) into
posts of the common model (:mod:`.model`); :mod:`.posts`
recognises the newsletter's weekly and summary posts in them; :mod:`.planner`
decides every file to write, asking arXiv for the papers ``refs.bib`` lacks;
:mod:`.writer` writes the pages' MyST. Nothing is written before everything
is resolved, and then all files at once: a post that cannot be read, or
arXiv being unreachable, leaves the project exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from ..errors import USAGE, CliError
from ..project import Project, atomic_replace
from .html import read_html
from .medium import EnglishPost, Skipped, is_medium_export, plan_translations, read_medium_export
from .model import Asset, PostError, RawPost
from .planner import plan_import
from .posts import read_post
from .text import decode_text, read_text_post
from .wxr import MAX_IMAGE_BYTES, asset_name, is_export, read_export

__all__ = ["run_import", "read_source"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _html_assets(page: Path) -> Callable[[str], Asset | None]:
    """The images of a saved page: in ``assets/`` next to it, or where its relative ``src`` points inside its folder."""
    folder = page.parent.resolve()

    def find(src: str) -> Asset | None:
        candidates = [folder / "assets" / asset_name(src)]
        plain = unquote(src.split("?")[0].split("#")[0])
        if plain and "://" not in plain and not plain.startswith(("/", "\\")) and ":" not in plain[:10]:
            candidates.append(folder / plain)
        for candidate in candidates:
            try:
                resolved = candidate.resolve()
                # Only files inside the page's own folder: a page cannot pull in other files of the machine.
                if resolved.is_relative_to(folder) and resolved.is_file() and resolved.stat().st_size <= MAX_IMAGE_BYTES:
                    return Asset(resolved.name, resolved.read_bytes())
            except OSError:
                continue
        return None

    return find


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<p", b"<h1", b"<h2", b"<div", b"<figure", b"<article"))


def read_source(given: str) -> list[RawPost]:
    """The posts in the file or folder *given* (as the author typed it)."""
    path = Path(given).expanduser()
    if not path.exists():
        raise CliError(f"{given}: no such file or folder", USAGE)
    if is_export(path):
        return read_export(path, given)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CliError(f"{given}: cannot read ({error.strerror})") from None
    if path.suffix.lower() in _HTML_SUFFIXES or _looks_like_html(data):
        title, line, blocks, notes = read_html(data)
        return [RawPost(given, title, line, blocks, assets=_html_assets(path), notes=notes)]
    return [read_text_post(decode_text(data, given), given)]


def run_import(project: Project, paths: list[str], dry_run: bool, force: bool, say: Callable[..., None]) -> int:
    """Import *paths* into *project*; report; exit status 0 (an error is a :class:`CliError`)."""
    raws: list[RawPost] = []
    english: list[EnglishPost | Skipped] = []
    for given in paths:
        try:
            path = Path(given).expanduser()
            if path.exists() and is_medium_export(path):
                english += read_medium_export(path, given)
                continue
            raws += read_source(given)
        except (CliError, OSError, KeyboardInterrupt):
            raise
        except Exception as error:  # a file no reader foresaw: named, never a traceback
            raise CliError(f"{given}: cannot be read ({type(error).__name__}: {error}); nothing was written") from None
    posts = []
    for raw in raws:
        try:
            posts.append(read_post(raw))
        except PostError as error:
            raise CliError(
                f"{raw.source}:{error.line}: {raw.title or 'a post without title'}: {error.message}; nothing was written"
            ) from None
        except Exception as error:  # a post no rule foresaw: named, never a traceback
            raise CliError(
                f"{raw.source}:{raw.line}: {raw.title or 'a post without title'}: cannot be imported "
                f"({type(error).__name__}: {error}); nothing was written"
            ) from None
    try:
        plan = (
            plan_import(project, posts, force=force, dry_run=dry_run, progress=lambda message: say(message, err=True))
            if posts or not english
            else None
        )
        translations = plan_translations(project, english, force=force) if english else None
    except (CliError, OSError, KeyboardInterrupt):
        raise
    except Exception as error:
        raise CliError(f"the import could not be planned ({type(error).__name__}: {error}); nothing was written") from None
    if not dry_run:
        changes = dict(plan.changes) if plan is not None else {}
        if translations is not None:
            changes.update(translations.changes)
        atomic_replace(changes)
    if plan is not None:
        for line in plan.lines(dry_run):
            say(line)
    if translations is not None:
        for line in translations.lines:
            say(line)
        verb = "would write" if dry_run else "wrote"
        say(
            f"{translations.imported} English post{'s' if translations.imported != 1 else ''} imported: "
            f"{verb} {translations.written} catalogs, {translations.unchanged} unchanged; "
            f"{translations.skipped} skipped; {translations.needs} things need you"
        )
    return 0
