"""Pages and files made from the domain's data, written again only when they change.

Tag pages are not documents, so Sphinx has no outdated check for them: a
handler of ``html-collect-pages`` that yields every page rewrites them all on
every build, and on a one-week edit they were most of the pages written
(``bench/RESULTS.md``). :class:`GeneratedPages` yields a page only when what it
shows may differ from the file already in the output folder:

* the page's *digest* changed: its template, its context, the sidebar it
  shows, the toctrees and titles behind other sidebars
  (:func:`~mlnews.reader.sidebar.navigation_digest`), the HTML
  configuration (every value whose change makes Sphinx write its pages
  again) and the tags;
* or its file is missing, or older than the newest template (Sphinx's own
  rule for documents).

Files written at the end of the build (the Atom feeds) follow the same rule
through :meth:`GeneratedPages.file_changed`, with :func:`mlnews.core.files.write_atomically`.

The digests of the pages and files written are kept beside ``.buildinfo`` in the output
folder, in :data:`STATE_FILE` (made with :func:`mlnews.build.digest.digest`, the
extension's one digest), written atomically once the build has finished
without an error: a build that fails half way leaves the old digests, so the
pages it did not write are written by the next build. ``-E`` or a changed
configuration writes them all again.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weakref import WeakKeyDictionary

from sphinx.util import logging

from ..build.compat import newest_template_mtime, output_filename
from ..build.digest import digest
from ..core.files import write_atomically
from .site import is_site_builder
from .sidebar import navigation_digest, sidebar_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["STATE_FILE", "GeneratedPages", "generated_pages", "setup_generated"]

logger = logging.getLogger(__name__)

STATE_FILE = ".mlnews-pages.json"
"""Digest of each generated page as last written, in the HTML output folder."""

STATE_VERSION = 4
"""Bumped when what a digest covers changes, so that every page is written again."""

Page = tuple[str, dict[str, Any], str]
"""What ``html-collect-pages`` yields: page name, template context, template."""


def _state_path(app: Sphinx) -> Path:
    return Path(app.outdir, STATE_FILE)


def _load(app: Sphinx) -> tuple[dict[str, str], dict[str, str]]:
    """The digests of the last build's pages and files."""
    try:
        state = json.loads(_state_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return {}, {}

    def table(name: str) -> dict[str, str]:
        found = state.get(name)
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    return table("pages"), table("files")




def _stable(value: Any) -> Any:
    """*value* as JSON-able data that is the same from build to build (no object addresses)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(key): _stable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def config_digest(app: Sphinx) -> str:
    """A digest of the configuration values that change written pages, and of the tags."""
    values = {option.name: _stable(option.value) for option in app.config if option.rebuild in ("html", "env")}
    return digest([values, sorted(app.tags)])


_PAGES: WeakKeyDictionary[Any, GeneratedPages] = WeakKeyDictionary()
"""This build's :class:`GeneratedPages`, by builder."""


class GeneratedPages:
    """The generated pages of one build, and which of them need writing."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.before, self.files_before = _load(app)
        self.after: dict[str, str] = {}
        """Digest of each generated page of this build, by page name."""
        self.files_after: dict[str, str] = {}

    def digest(self, pagename: str, context: dict[str, Any], template: str) -> str:
        app = self.app
        inputs = [
            template,
            context,
            sidebar_html(app, pagename, self._navbar_depth),
            navigation_digest(app.env),
            self._config_digest,
        ]
        return digest(inputs)

    @functools.cached_property
    def _config_digest(self) -> str:
        return config_digest(self.app)

    @functools.cached_property
    def _navbar_depth(self) -> int:
        # The theme's own default (pydata-sphinx-theme's max_navbar_depth).
        try:
            return int(self.app.config.html_theme_options.get("max_navbar_depth", 4))
        except (AttributeError, TypeError, ValueError):
            return 4

    @functools.cached_property
    def _newest_template(self) -> float:
        # Walks every template folder: once per build, not once per page.
        return newest_template_mtime(self.app.builder)

    def _file_is_current(self, pagename: str) -> bool:
        try:
            written = os.stat(output_filename(self.app.builder, pagename)).st_mtime
        except OSError:
            return False
        return written >= self._newest_template

    def changed(self, pages: Iterable[Page]) -> Iterator[Page]:
        """The *pages* whose output is missing or may differ from what they would show now."""
        for pagename, context, template in pages:
            shown = self.after[pagename] = self.digest(pagename, context, template)
            if self.before.get(pagename) == shown and self._file_is_current(pagename):
                continue
            yield pagename, context, template

    def file_changed(self, path: str, inputs: Any) -> bool:
        """Whether the file at *path* (relative to the output folder), made from *inputs*
        (JSON-able), is missing or was made from other inputs."""
        made = self.files_after[path] = digest([inputs, self._config_digest])
        return self.files_before.get(path) != made or not Path(self.app.outdir, path).is_file()

    def save(self) -> None:
        """Record the digests of this build's pages and files (after it finished without an error)."""
        path = _state_path(self.app)
        if (self.after, self.files_after) != (self.before, self.files_before) or not path.exists():
            state = {"version": STATE_VERSION, "pages": self.after, "files": self.files_after}
            text = json.dumps(state, ensure_ascii=False, sort_keys=True, indent=0)
            write_atomically(path, text.encode("utf-8"))


def _save_after_build(app: Sphinx, exception: Exception | None) -> None:
    pages = _PAGES.pop(app.builder, None)
    if pages is None:
        return
    if exception is None:
        pages.save()


def generated_pages(app: Sphinx) -> GeneratedPages | None:
    """This build's :class:`GeneratedPages` (None on builders that do not make the site)."""
    if not is_site_builder(app.builder):
        return None
    pages = _PAGES.get(app.builder)
    if pages is None:
        pages = _PAGES[app.builder] = GeneratedPages(app)
    return pages


def setup_generated(app: Sphinx) -> None:
    """Keep the digests of generated pages once a build has finished."""
    # Last: the sitemap reads which pages there are first.
    app.connect("build-finished", _save_after_build, priority=950)
