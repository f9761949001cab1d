"""Pages made from the domain's data (``html-collect-pages``), written again only when they change.

Tag pages are not documents, so Sphinx has no outdated check for them: a
handler of ``html-collect-pages`` that yields every page rewrites them all on
every build, and on a one-week edit they were most of the pages written
(``bench/RESULTS.md``). :class:`GeneratedPages` yields a page only when what it
shows may differ from the file already in the output folder:

* the page's *digest* changed: its template, its context, the sidebar it
  shows, the toctrees and titles behind other sidebars (the domain's ``nav``
  digest) and Sphinx's own hash of the HTML configuration and tags;
* or its file is missing, or older than the newest template (Sphinx's own
  rule for documents).

The digests of the pages written are kept beside ``.buildinfo`` in the output
folder, in :data:`STATE_FILE`, written atomically once the build has finished
without an error: a build that fails half way leaves the old digests, so the
pages it did not write are written by the next build. ``-E`` or a changed
configuration writes them all again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ._site import is_site_builder
from .domain import news_domain
from .sidebar import sidebar_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["STATE_FILE", "GeneratedPages", "setup_generated"]

logger = logging.getLogger(__name__)

STATE_FILE = ".mlnews-pages.json"
"""Digest of each generated page as last written, in the HTML output folder."""

STATE_VERSION = 1
"""Bumped when what a digest covers changes, so that every page is written again."""

Page = tuple[str, dict[str, Any], str]
"""What ``html-collect-pages`` yields: page name, template context, template."""


def _state_path(app: Sphinx) -> Path:
    return Path(app.outdir, STATE_FILE)


def _load(app: Sphinx) -> dict[str, str]:
    try:
        state = json.loads(_state_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return {}
    pages = state.get("pages")
    return {str(k): str(v) for k, v in pages.items()} if isinstance(pages, dict) else {}


def _save(app: Sphinx, pages: dict[str, str]) -> None:
    path = _state_path(app)
    text = json.dumps({"version": STATE_VERSION, "pages": pages}, ensure_ascii=False, sort_keys=True, indent=0)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{STATE_FILE}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class GeneratedPages:
    """The generated pages of one build, and which of them need writing."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.before = _load(app)
        self.after: dict[str, str] = {}

    def digest(self, pagename: str, context: dict[str, Any], template: str) -> str:
        app = self.app
        builder: Any = app.builder
        build_info = getattr(builder, "build_info", None)
        try:
            depth = int(builder.globalcontext.get("theme_max_navbar_depth", 4))
        except (AttributeError, TypeError, ValueError):
            depth = 4
        inputs = [
            template,
            context,
            sidebar_html(app, pagename, depth),
            news_domain(app.env).data.get("nav", ""),
            getattr(build_info, "config_hash", ""),
            getattr(build_info, "tags_hash", ""),
        ]
        blob = json.dumps(inputs, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _file_is_current(self, pagename: str) -> bool:
        builder: Any = self.app.builder
        try:
            written = os.stat(builder.get_outfilename(pagename)).st_mtime
        except OSError:
            return False
        templates = getattr(builder, "templates", None)
        newest = templates.newest_template_mtime() if templates is not None else 0
        return written >= newest

    def changed(self, pages: Iterable[Page]) -> Iterator[Page]:
        """The *pages* whose output is missing or may differ from what they would show now."""
        for pagename, context, template in pages:
            digest = self.after[pagename] = self.digest(pagename, context, template)
            if self.before.get(pagename) == digest and self._file_is_current(pagename):
                continue
            yield pagename, context, template

    def save(self) -> None:
        """Record the digests of this build's pages (after it finished without an error)."""
        if self.after != self.before or not _state_path(self.app).exists():
            _save(self.app, self.after)


def _save_after_build(app: Sphinx, exception: Exception | None) -> None:
    pages: GeneratedPages | None = getattr(app.builder, "_mlnews_generated", None)
    if pages is None:
        return
    app.builder._mlnews_generated = None  # type: ignore[attr-defined]
    if exception is None:
        pages.save()


def generated_pages(app: Sphinx) -> GeneratedPages | None:
    """This build's :class:`GeneratedPages` (None on builders that do not make the site)."""
    if not is_site_builder(app.builder):
        return None
    pages = getattr(app.builder, "_mlnews_generated", None)
    if pages is None:
        pages = app.builder._mlnews_generated = GeneratedPages(app)  # type: ignore[attr-defined]
    return pages


def setup_generated(app: Sphinx) -> None:
    """Keep the digests of generated pages once a build has finished."""
    # Last: the sitemap reads which pages there are first.
    app.connect("build-finished", _save_after_build, priority=950)
