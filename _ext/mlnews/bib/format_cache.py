"""Each bibliography entry formatted once per text and style, kept between builds.

Formatting an entry with pybtex's templates is the costly part of the
bibliography (the week references and the bibliography page format every
entry they show). The formatted entries are kept in a file
(``mlnews_format_cache``, relative to the source folder; by default beside
the doctrees): the next build, incremental or clean (``-E``, ``make publish``
from an empty output folder) takes an entry from there when nothing it is
made of changed. The key holds all of that: the entry's type, fields and
people as pybtex parsed them, its label, the style's name, the source code of
the style's module (an edited style formats anew), and the versions of
pybtex and mlnews. The file is read once when the build starts, written
atomically at its end and only when it gained entries; a file that cannot be
read is rebuilt. ``mlnews_format_cache = ""`` formats every entry every
build, as sphinxcontrib-bibtex does.

Parallel writers (``-j``) read the entries the main process loaded; what a
worker formats is not carried back, the next serial build keeps it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.files import write_atomically
from ..data import NewsData

if TYPE_CHECKING:
    from pybtex.database import Entry
    from pybtex.style import FormattedEntry
    from sphinx.application import Sphinx

__all__ = ["FormatCache", "format_with_cache", "setup_format_cache"]

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
"""The file's layout; a file of another version is not read."""


@functools.cache
def _style_code(style_class: type) -> str:
    """A digest of the style's module: an edited style formats every entry anew."""
    try:
        source = inspect.getsource(inspect.getmodule(style_class) or style_class)
    except (OSError, TypeError):
        source = ""
    return hashlib.sha256(f"{style_class.__module__}.{style_class.__qualname__}\n{source}".encode()).hexdigest()


@functools.cache
def _versions() -> str:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    return f"{CACHE_VERSION}/{version('mlnews')}/{version('pybtex')}"


def entry_key(style: Any, style_name: str, label: str, entry: Entry) -> str:
    """What an entry's formatting depends on, as one digest."""
    persons = [(role, [str(person) for person in people]) for role, people in sorted(entry.persons.items())]
    fields = sorted((name.lower(), str(value)) for name, value in entry.fields.items())
    text = repr((_versions(), style_name, _style_code(type(style)), label, entry.type, entry.key, fields, persons))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FormatCache:
    """The formatted entries of earlier builds, and those of this one."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, FormattedEntry] = {}
        self.used: set[str] = set()
        self.added = 0
        if path is not None:
            self._load()

    def _load(self) -> None:
        assert self.path is not None
        try:
            with self.path.open("rb") as handle:
                version, entries = pickle.load(handle)
        except FileNotFoundError:
            return
        except Exception as error:  # noqa: BLE001 - any unreadable file: start afresh
            logger.info("mlnews: the formatted entries in %s could not be read (%s); formatting anew", self.path, error)
            return
        if version == _versions() and isinstance(entries, dict):
            self.entries = entries

    def get(self, key: str) -> FormattedEntry | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, formatted: FormattedEntry) -> None:
        self.entries[key] = formatted
        self.used.add(key)
        self.added += 1

    def save(self) -> None:
        """Write the file if this build formatted anything (the entries it used, and the
        earlier ones while they are fewer than twice those)."""
        if self.path is None or not self.added:
            return
        kept = self.entries
        if len(kept) > 2 * max(len(self.used), 1):
            kept = {key: value for key, value in kept.items() if key in self.used}
        write_atomically(self.path, pickle.dumps((_versions(), kept), protocol=pickle.HIGHEST_PROTOCOL))


def _cache_of(env: Any) -> FormatCache:
    """This build's cache, read from its file on first use (the build's state starts anew
    when the build finds what is outdated, before anything is formatted)."""
    state = NewsData(env).build
    if state.format_cache is None:
        state.format_cache = FormatCache(_cache_path(env.config, Path(env.srcdir), Path(env.doctreedir)))
    return state.format_cache


def format_with_cache(env: Any, style: Any, style_name: str, label: str, entry: Entry) -> FormattedEntry:
    """``style.format_entry(label, entry)``, from the cache when nothing it depends on changed."""
    if "crossref" in entry.fields:  # its text depends on another entry
        return style.format_entry(label, entry)
    cache = _cache_of(env)
    key = entry_key(style, style_name, label, entry)
    found = cache.get(key)
    if found is None:
        found = style.format_entry(label, entry)
        cache.put(key, found)
    return found


def _cache_path(config: Any, srcdir: Path, doctreedir: Path) -> Path | None:
    setting = config.mlnews_format_cache
    if not setting:
        return None  # formatted anew every build (kept for this build only)
    if setting is True or setting == "doctrees":
        return doctreedir / "mlnews-formatted-entries.pickle"
    return srcdir / str(setting)


def _save(app: Sphinx, exception: Exception | None) -> None:
    cache = NewsData(app.env).build.format_cache
    if exception is None and cache is not None:
        cache.save()


def setup_format_cache(app: Sphinx) -> None:
    # "doctrees": a file beside the environment; a path: relative to the source folder
    # (conf.py puts it under _build/, which `make publish` keeps); "": no file.
    app.add_config_value("mlnews_format_cache", "doctrees", "", types=[str, bool])
    app.connect("build-finished", _save)
