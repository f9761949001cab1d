"""Transforms that make hand-written Japanese pages read well.

* Line breaks inside a Japanese paragraph of the source are not spaces:
  browsers render a newline between two CJK characters as a visible gap, so
  the newline is dropped there (between Latin words it stays a space).
* The four sections of a week page get stable ASCII anchors
  (``#papers``, ``#articles``, ``#applications``, ``#other``), so links to a
  section survive any change of the heading's wording around it, and a
  translated page has the same anchors as its source.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.weeks import SECTIONS, is_week_docname

__all__ = ["JoinJapaneseLines", "WeekSectionAnchors"]


_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_NEWLINE = re.compile(rf"(?<=[{_CJK}])\n(?=[{_CJK}])")


class JoinJapaneseLines(SphinxTransform):
    """Drop source line breaks that fall between two Japanese characters."""

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if "\n" not in text or parent is None or isinstance(parent, nodes.FixedTextElement):
                continue
            # MyST makes a soft line break a Text node of its own: look at the
            # characters on both sides, which may sit in the neighbouring nodes.
            # Text is a str: find it by identity, not by equality with another "\n".
            index = next(i for i, child in enumerate(parent.children) if child is text)
            before = parent[index - 1].astext()[-1:] if index > 0 else ""
            after = parent[index + 1].astext()[:1] if index + 1 < len(parent) else ""
            joined = _CJK_NEWLINE.sub("", f"{before}{text}{after}")
            joined = joined[len(before) : len(joined) - len(after)]
            if joined != str(text):
                parent[index] = nodes.Text(joined)


class WeekSectionAnchors(SphinxTransform):
    """Give the four sections of a week page their stable anchors."""

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        if not is_week_docname(self.env.docname):
            return
        for section in self.document.findall(nodes.section):
            # A translated build (the English edition) has replaced the heading by
            # then; Sphinx keeps the source's name beside the new one in "names".
            titles = [section[0].astext().strip()] if len(section) else []
            anchor = next((SECTIONS[t] for t in titles + section["names"] if t in SECTIONS), None)
            if anchor and anchor not in self.document.ids:
                section["ids"].insert(0, anchor)
                self.document.set_id(section)
