"""Text of BibTeX fields: LaTeX resolved to plain text, ``$...$`` kept as math.

One rule for the whole extension and the command line: a title or a name
in ``refs.bib`` is shown as :func:`latex_to_text` makes it, and math in a
title becomes a math node (:func:`title_nodes`, :func:`math_in_titles`).
"""

from __future__ import annotations

import re

from docutils import nodes
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

__all__ = ["latex_to_text", "title_nodes", "math_in_titles"]

_MATH = re.compile(r"(?<!\\)\$(?P<math>[^$]+?)(?<!\\)\$")


# What latexcodec leaves behind or turns into spacing accents, as a reader expects it.
_TEXT_FIXES = str.maketrans({"\u02dc": "~", "\u02c6": "^", "\ue000": "$"})


_PLAIN_TEXT = PlainTextBackend()



def latex_to_text(value: str) -> str:
    """Plain text of a BibTeX field: braces, escapes and accents resolved."""
    if "\\" not in value and "~" not in value:
        # Most titles and names: only case-protecting braces to drop.
        return value.replace("{", "").replace("}", "")
    # latexcodec keeps "\$" as it is: carry it through as a private-use character.
    value = value.replace("\\$", "\ue000")
    try:
        # render() with a backend object, not render_as("text"): that looks the
        # backend up among the installed plugins' entry points on every call (~12 ms).
        text = Text.from_latex(value).render(_PLAIN_TEXT)
    except Exception:  # pybtex raises several types on unbalanced input
        text = value.replace("{", "").replace("}", "")
    return text.translate(_TEXT_FIXES)


def math_in_titles(node: nodes.Element) -> None:
    """Turn ``$...$`` in formatted entries into math nodes (MathJax in HTML, math in LaTeX)."""
    for text in list(node.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.math)):
            continue
        value = str(text)
        if "$" not in value or not _MATH.search(value):
            continue
        parts: list[nodes.Node] = []
        position = 0
        for match in _MATH.finditer(value):
            if match.start() > position:
                parts.append(nodes.Text(value[position : match.start()]))
            parts.append(nodes.math(match["math"], match["math"]))
            position = match.end()
        if position < len(value):
            parts.append(nodes.Text(value[position:]))
        index = parent.index(text)
        parent[index : index + 1] = parts


def _spaced_text(raw: str) -> str:
    """Plain text of a piece of a title, keeping the spaces around it (next to math)."""
    text = latex_to_text(raw).strip()
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return f"{lead}{text}{trail}" if text else lead or trail


def title_nodes(raw: str) -> list[nodes.Node]:
    """A BibTeX title as nodes: text resolved from LaTeX, ``$...$`` as math."""
    parts: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(raw):
        if match.start() > position:
            parts.append(nodes.Text(_spaced_text(raw[position : match.start()])))
        parts.append(nodes.math(match["math"], match["math"]))
        position = match.end()
    if position < len(raw) or not parts:
        parts.append(nodes.Text(_spaced_text(raw[position:])))
    return parts
