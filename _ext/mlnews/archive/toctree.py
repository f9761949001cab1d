"""The ``toctree`` directive, letting a month's glob of weeks match none yet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils.statemachine import StringList
from sphinx.directives.other import TocTree
from sphinx.util import docname_join
from sphinx.util.matching import patfilter

from ..core.weeks import is_week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["ArchiveTocTree", "setup_toctree"]


class ArchiveTocTree(TocTree):
    """Sphinx's toctree, except that a glob of weeks matching none is not an error.

    A month's page holds its weeks by glob (``/issues/2020/11/*``); until the
    month's first week is written, the month shows a short note instead. Every
    other glob that matches nothing is still a warning.
    """

    def parse_content(self, toctree: Any) -> None:
        if toctree["glob"]:
            current = self.env.current_document.docname
            kept = StringList()
            for offset, entry in enumerate(self.content):
                pattern = docname_join(current, entry.strip())
                if is_week_docname(pattern) and "*" in pattern and not patfilter(self.env.found_docs, pattern):
                    continue  # a month without weeks yet: its page says so
                kept.append(entry, *self.content.info(offset))
            self.content = kept
        super().parse_content(toctree)


def setup_toctree(app: Sphinx) -> None:
    app.add_directive("toctree", ArchiveTocTree, override=True)
