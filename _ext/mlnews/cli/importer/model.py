"""What every input format is read into, and what the newsletter's shape is recognised from.

A post, however it arrived (pasted text, a saved page, an export's item), is
a :class:`RawPost`: its title and a flat list of :class:`Block` objects, one
per line of text (an HTML paragraph split at ``<br>`` gives several lines of
one *group*), image, code block or separator, each with the line of the
source file it came from. Everything the readers had to drop or could not use
is a :class:`Note` with its line, so the report can say where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Link", "Block", "Note", "Asset", "AssetLookup", "RawPost", "PostError", "no_assets"]


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a line of text: the span ``text[start:end]`` points at *href* (as written)."""

    start: int
    end: int
    href: str


@dataclass(slots=True)
class Block:
    """One line of a post, an image, a code block or a separator line."""

    kind: str
    """``text``, ``image``, ``code`` or ``rule``."""
    line: int
    """1-based line of the source file (the export's XML, the HTML file, the text file)."""
    text: str = ""
    links: list[Link] = field(default_factory=list)
    heading: int = 0
    """The HTML heading level (``<h2>`` → 2); 0 for other lines."""
    group: int = 0
    """Lines of one paragraph share a group (a ``<p>`` broken with ``<br>``)."""
    bullet: bool = False
    """A list item."""
    src: str = ""
    """An image's address as the post gives it (empty for a pasted text's ``画像2``)."""
    code: list[str] = field(default_factory=list)
    """A code block's lines, verbatim."""
    caption: str = ""
    """An image's caption (``<figcaption>``), the author's text."""


@dataclass(frozen=True, slots=True)
class Note:
    """Something the report names with its place: what needs the author, or what was dropped."""

    line: int
    message: str
    needs_author: bool = True
    """False for what was dropped on purpose and needs nothing (a script, an iframe)."""


@dataclass(frozen=True, slots=True)
class Asset:
    """An image file found for a post: its file name and its bytes."""

    name: str
    data: bytes


AssetLookup = Callable[[str], "Asset | None"]
"""Finds the file of an image by the address a post gives (``None``: no such file)."""


def no_assets(src: str) -> Asset | None:
    """The lookup of a source that has no images (pasted text)."""
    return None


@dataclass(slots=True)
class RawPost:
    """One post as read from its source, before the newsletter's shape is recognised."""

    source: str
    """The file the post is in, as the report names it (``export.zip/notes.xml``, ``w45.txt``)."""
    title: str
    line: int
    """Where the post starts in its file."""
    blocks: list[Block]
    assets: AssetLookup = no_assets
    published: dt.date | None = None
    status: str = "publish"
    """``publish``, or what the export says (``draft``, ...)."""
    post_type: str = "post"
    link: str = ""
    """The post's own address (note.com), when known."""
    notes: list[Note] = field(default_factory=list)
    chrome: dict[int, str] = field(default_factory=dict)
    """Lines of the page around the post that were left out on purpose (line → what they were)."""


class PostError(Exception):
    """A post whose shape cannot be recognised: the whole import stops, naming the post and the place."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
