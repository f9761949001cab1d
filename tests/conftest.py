"""Shared fixtures and the one build helper: Sphinx's testing fixtures, our test roots, parsed HTML.

A test that needs more than one build of a project, or a copy it may edit,
uses :func:`build` / :func:`build_root`; a test that only reads one build of a
root uses ``@pytest.mark.sphinx(testroot=...)``; the real site of this
repository is built once per session (:func:`real_site`).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


REPOSITORY_BUILDS = {
    "test_browser.py", "test_cli_import_medium.py", "test_content.py", "test_editions.py",
    "test_latex_book.py", "test_site_archive.py",
}  # fmt: skip
"""The test files that build this repository itself (its real site, the English edition, the books)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make test`` runs the tests on every core (pytest-xdist, ``--dist loadgroup``).

    The tests that build the repository itself go to one worker together: they
    share the session's build of the real site, and an English build compiles
    the repository's ``locale/en/**.mo`` in place, which two processes must not
    write at once. Every other test builds a copy in its own temporary folder and
    may run anywhere.
    """
    for item in items:
        if item.path.name in REPOSITORY_BUILDS:
            item.add_marker(pytest.mark.xdist_group("repository"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


def parse_html(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def page(app):
    """``page("issues/2020/11/w45")``: that page of the built test root, parsed."""

    def load(docname: str) -> BeautifulSoup:
        return parse_html(Path(app.outdir) / f"{docname}.html")

    return load


def normalised(path: Path) -> str:
    """A page, parsed and printed the same way whatever wrote it (for whole-page oracles)."""
    return parse_html(path).prettify()


def write(path: Path, text: str) -> None:
    """Write a source file as an editor does, later than anything a build before read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Whatever the file system's clock resolution, the next build sees a change.
    future = time.time() + 5
    os.utime(path, (future, future))


def replace(path: Path, old: str, new: str) -> None:
    """Edit a source file: *old* (which must be there) becomes *new*."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new))


def warnings_of(app) -> list[str]:
    """The build's warning lines, without colour codes."""
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def heading_text(heading) -> str:
    """A heading's text without the theme's permalink sign."""
    return "".join(
        part.get_text() if hasattr(part, "get_text") else str(part)
        for part in heading.children
        if not (getattr(part, "name", None) == "a" and "headerlink" in part.get("class", []))
    ).strip()


# -- The build helper -----------------------------------------------------------


@dataclass
class Built:
    """One build, done: its app (cleaned up), output, warnings and what it read and wrote."""

    app: Any
    srcdir: Path
    outdir: Path
    warnings: list[str]
    docnames: set[str]
    """Every document of the project."""
    read: set[str] = field(default_factory=set)
    """The documents this build read (all of them in a fresh build)."""
    written: set[str] = field(default_factory=set)
    """The documents whose page this build wrote (an HTML file that is new or newer)."""

    @property
    def env(self) -> Any:
        """The build's environment (its domains' data)."""
        return self.app.env

    def page(self, docname: str) -> BeautifulSoup:
        """The built page of *docname* (or of a generated page: ``tags/index``), parsed."""
        return parse_html(self.outdir / f"{docname}.html")


def copy_root(name: str, dest: Path) -> Path:
    """A copy of the test root ``test-<name>`` at *dest*, to edit and build."""
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def build(
    srcdir: Path,
    builddir: Path | None = None,
    *,
    builder: str = "html",
    parallel: int = 0,
    fresh: bool = False,
    confoverrides: dict[str, Any] | None = None,
) -> Built:
    """Build *srcdir* into *builddir* (``srcdir/_build`` by default), then undo the app's global registrations.

    Building again into the same *builddir* is an incremental build. No Pagefind index is
    written (``mlnews_search_index``: the indexer costs 1.5 s a build) unless *confoverrides*
    asks for one: the tests of search do. Formatted bibliography entries are kept beside
    the build's doctrees (``mlnews_format_cache``), not where ``conf.py`` keeps them.
    """
    from sphinx.testing.util import SphinxTestApp

    # Formatted entries are kept beside the build's doctrees, never in a cache another test left.
    confoverrides = {"mlnews_search_index": False, "mlnews_format_cache": "doctrees", **(confoverrides or {})}

    builddir = builddir or srcdir / "_build"
    outdir = builddir / builder
    before = {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")} if outdir.is_dir() else {}
    app = SphinxTestApp(
        builder, srcdir=srcdir, builddir=builddir, parallel=parallel, freshenv=fresh, confoverrides=confoverrides
    )
    read: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
    finally:
        # Several apps in one process: each one's node classes, roles and directives go with it.
        app.cleanup()
    docnames = set(app.env.found_docs)
    written = {
        docname
        for docname in docnames
        if (path := outdir / f"{docname}.html").is_file() and before.get(path) != path.stat().st_mtime_ns
    }
    return Built(app, srcdir, Path(app.outdir), warnings_of(app), docnames, read, written)


def build_root(
    name: str,
    tmp: Path,
    *,
    builder: str = "html",
    parallel: int = 0,
    fresh: bool = False,
    confoverrides: dict[str, Any] | None = None,
) -> Built:
    """Copy the test root ``test-<name>`` into *tmp* (``tmp/src``) and build it there."""
    src = copy_root(name, tmp / "src")
    return build(src, tmp / "build", builder=builder, parallel=parallel, fresh=fresh, confoverrides=confoverrides)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Built:
    """This repository's site, built once (HTML) for every test that reads it; warnings are kept, not raised.

    Its app (and environment) is not kept: held for the whole session, it would
    make the collector's pass of every later build slower.
    """
    # As `make html` builds it: with its search index (the browser tests search it).
    built = build(REPO, tmp_path_factory.mktemp("real-site"), fresh=True, confoverrides={"mlnews_search_index": True})
    return dataclasses.replace(built, app=None)


def build_edition(srcdir: Path, site: Path, language: str, **kwargs: Any) -> Built:
    """Build the *language* edition of *srcdir* into ``site/<language>``, as ``make html`` does
    (its doctrees beside *site*)."""
    builddir = site.parent / f"{site.name}-{language}-build"
    builddir.mkdir(exist_ok=True)
    (site / language).mkdir(parents=True, exist_ok=True)
    link = builddir / "html"  # the build helper writes into <builddir>/html
    if not link.exists():
        link.symlink_to(site / language, target_is_directory=True)
    overrides = {"language": language, **kwargs.pop("confoverrides", {})}
    return build(srcdir, builddir, confoverrides=overrides, **kwargs)


@pytest.fixture(scope="session")
def english(real_site) -> Built:
    """The English edition of this repository, in the session's Japanese site's ``en/`` (with its index)."""
    built = build_edition(REPO, real_site.outdir, "en", fresh=True, confoverrides={"mlnews_search_index": True})
    return dataclasses.replace(built, app=None)
