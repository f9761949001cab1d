"""Shared fixtures: Sphinx's testing fixtures, our test roots, parsed HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return Path(__file__).parent / "roots"


def parse_html(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def page(app):
    """``page("issues/2020/11/w45")``: that page of the built test root, parsed."""

    def load(docname: str) -> BeautifulSoup:
        return parse_html(Path(app.outdir) / f"{docname}.html")

    return load


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
