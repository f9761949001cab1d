"""Reading MyST pages the way the CLI needs: front matter, headings and card directives.

Not a Markdown parser: line-based, fast, and exact about line numbers, which
is what ``mlnews check`` reports and where ``mlnews add --week`` inserts.
Fenced code blocks are skipped, so examples in a page are not taken for cards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.frontmatter import FrontMatter, front_matter

__all__ = ["FrontMatter", "front_matter", "Directive", "directives", "headings", "markup_lines"]

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,}|`{3,}|~{3,})\s*(?P<info>.*?)\s*$")
_NAMED = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")


@dataclass(slots=True)
class Directive:
    """A fenced directive (``:::{paper} ...`` or a backtick fence)."""

    name: str
    argument: str
    line: int
    """1-based line of the opening fence."""
    end: int
    """0-based index of the line after the closing fence."""
    options: dict[str, tuple[str, int]] = field(default_factory=dict)
    content: list[str] = field(default_factory=list)


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line that closes a fence opened with *fence* (or ``len(lines)``)."""
    char = fence[0]
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped and set(stripped) == {char} and len(stripped) >= len(fence):
            return index
    return len(lines)


def directives(lines: list[str], start: int = 0) -> Iterator[Directive]:
    """Every directive of the page, nested ones too, in order; code blocks are skipped."""
    index = start
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        fence, info = match["fence"], match["info"]
        close = _closing(lines, index + 1, fence)
        named = _NAMED.match(info)
        if named is None:  # a code block: nothing inside is a directive
            index = close + 1
            continue
        directive = Directive(named["name"], named["arg"].strip(), index + 1, close + 1)
        body = index + 1
        while body < close and (option := _OPTION.match(lines[body])):
            directive.options[option["name"]] = ((option["value"] or "").strip(), body + 1)
            body += 1
        directive.content = [line for line in lines[body:close] if line.strip()]
        yield directive
        if named["name"] not in ("paper", "item"):
            # Containers (notes, tabs, ...) may hold cards.
            yield from directives(lines[: close], body)
        index = close + 1


def headings(lines: list[str], start: int = 0) -> Iterator[tuple[int, int, str]]:
    """``(index, level, title)`` of every ATX heading outside code blocks and directives."""
    index = start
    while index < len(lines):
        opening = _OPEN.match(lines[index])
        if opening:
            index = _closing(lines, index + 1, opening["fence"]) + 1
            continue
        heading = _HEADING.match(lines[index])
        if heading:
            yield index, len(heading["marks"]), heading["title"]
        index += 1


def markup_lines(lines: list[str], start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """``(index, line)`` of every line that MyST reads as markup: all but the insides of code blocks.

    Directives (cards, notes, ...) are markup, and so is what they hold; a code
    block is text, and a role written in it (an example ``{cite:p}``) is not one.
    """
    index, end = start, len(lines) if end is None else end
    while index < end:
        opening = _OPEN.match(lines[index])
        if opening is None:
            yield index, lines[index]
            index += 1
            continue
        close = min(_closing(lines, index + 1, opening["fence"]), end)
        if _NAMED.match(opening["info"]):
            yield index, lines[index]
            yield from markup_lines(lines, index + 1, close)
        index = close + 1
