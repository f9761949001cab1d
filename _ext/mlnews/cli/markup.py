"""Author text written into MyST pages so that a reader sees it verbatim.

An imported post's sentences are the author's own: they must reach the page
exactly as written, whatever characters they hold. MyST would read ``*``,
``_``, backticks, ``{...}``, ``$``, ``<``, ``[...]`` and ``&`` as markup
anywhere in a line, and ``#``, ``1.``, ``-``, ``>``, ``:``, ``%``, ``(`` and
friends as markup at the start of one. CommonMark lets a backslash escape any
ASCII punctuation, so :func:`text` escapes exactly the characters that could
mean something, and nothing else (the page stays readable to edit).

Directive options (``:headline:``, ``:title:``) are not Markdown but a YAML
subset: :func:`option_value` quotes a value when YAML would read it as
anything but the plain string.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["text", "inline", "linked_text", "option_value", "link", "url", "heading", "fenced"]

# Markup anywhere in a line (inline syntax, HTML, entities, MyST roles, math, tables).
_INLINE = re.compile(r"([\\`*_\[\]<>&{}$|~^])")
# Markup at the start of a line: headings, lists, quotes, fences, thematic breaks,
# definition lists, MyST comments, targets and block breaks.
_LINE_START = frozenset("#-+=:%(>|~!")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def text(line: str) -> str:
    """One line of the author's prose as MyST that renders as exactly that line.

    Blanks at the ends of a line carry no meaning in a paragraph (Markdown
    drops them, and four leading spaces would make a code block), so they
    are dropped; everything else is kept.
    """
    line = line.replace("\r", " ").replace("\n", " ").strip()
    escaped = _INLINE.sub(r"\\\1", line)
    ordered = _ORDERED.match(escaped)
    if ordered:
        return f"{ordered[1]}\\{ordered[2]}{escaped[ordered.end():]}"
    if escaped[:1] in _LINE_START:
        return "\\" + escaped
    return escaped


def url(address: str) -> str:
    """*address* with the characters Markdown or a directive argument would break on percent-encoded."""
    return quote(address.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def link(label: str, address: str) -> str:
    """A Markdown link: the label escaped like prose, the address in angle brackets."""
    return f"[{text(label)}](<{url(address)}>)"


def heading(level: int, title: str) -> str:
    """An ATX heading whose text is *title* verbatim."""
    shown = text(title)
    # A run of '#' at the end would be read as the heading's closing sequence.
    shown = re.sub(r"(#+)$", r"\\\1", shown)
    return f"{'#' * level} {shown}"


def fenced(lines: list[str], info: str = "text") -> str:
    """A code block holding *lines* verbatim (a fence longer than any backtick run inside)."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{info}", *lines, fence])


_PLAIN = re.compile(r"^[^\s\"'#&*!|>%@`{}\[\],?:\-][^\n]*$")


def option_value(value: str) -> str:
    """*value* as a directive option's value: plain when YAML reads it so, else double-quoted."""
    value = " ".join(value.split())
    if _PLAIN.match(value) and ": " not in value and " #" not in value and not value.endswith(":"):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def inline(segment: str) -> str:
    """Part of a line (not its start) as MyST that renders verbatim."""
    return _INLINE.sub(r"\\\1", segment.replace("\r", " ").replace("\n", " "))


def linked_text(line: str, links: list[tuple[int, int, str]]) -> str:
    """A line of prose whose spans ``line[start:end]`` link to web addresses, as MyST.

    Like :func:`text`, the line renders verbatim (links aside), and blanks at
    its ends are dropped.
    """
    lead = len(line) - len(line.lstrip())
    stripped = line.strip()
    spans = sorted((max(s - lead, 0), min(e - lead, len(stripped)), href) for s, e, href in links)
    out: list[str] = []
    position = 0
    for start, end, href in spans:
        if start < position or start >= end:
            continue
        out.append(inline(stripped[position:start]))
        out.append(f"[{inline(stripped[start:end])}](<{url(href)}>)")
        position = end
    rest = inline(stripped[position:])
    if not out:
        return text(stripped)
    first = out[0]
    if first:
        ordered = _ORDERED.match(first)
        if ordered:
            out[0] = f"{ordered[1]}\\{ordered[2]}{first[ordered.end():]}"
        elif first[:1] in _LINE_START:
            out[0] = "\\" + first
    return "".join(out) + rest
