"""The YAML front matter at the top of a page, read line by line.

MyST turns front matter into docinfo fields but keeps no line numbers for
them, and the CLI reads pages without Sphinx at all. Both read the block
here: the fields' values and the lines they stand on, for located messages.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FrontMatter", "front_matter", "front_matter_line"]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """``name: value`` pairs of the YAML block at the top of a page, with their lines."""

    fields: dict[str, tuple[str, int]]
    end: int
    """Index (0-based) of the first line after the block; 0 when there is none."""


def front_matter(lines: list[str]) -> FrontMatter:
    """The front matter of a page given as lines (without line ends)."""
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, 0)
    fields: dict[str, tuple[str, int]] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return FrontMatter(fields, index + 1)
        name, colon, value = line.partition(":")
        if colon and name.strip() and not line.startswith((" ", "\t")):
            fields[name.strip()] = (value.strip().strip("'\""), index + 1)
    return FrontMatter({}, 0)


def front_matter_line(path: str, name: str) -> int | None:
    """The 1-based line of field *name* in the front matter of the page at *path*."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().splitlines()
    except OSError:
        return None
    found = front_matter(lines).fields.get(name)
    return found[1] if found else None
