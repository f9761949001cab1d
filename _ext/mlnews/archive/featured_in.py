""""Featured in": every paper card ends with the other pages that feature or cite its paper.

A page features a paper with a ``paper`` card (a week's new item, or a
summary's comment on it) or a curated ``paperlist`` that shows it (the rule is
:func:`mlnews.archive.index.is_curated`), and cites it with ``{cite:p}`` /
``{cite:t}``. A paper is a new item of one week only: a second week's card of
it is a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.cardrules import Feature, paper_ident, repeated_papers
from ..messages import warn
from ..cards.nodes import paper_card
from ..i18n import _, list_separator
from .placeholders import backlinks_node, link, new_placeholder, placeholder

from .index import ArchiveIndex
from .registry import Placeholder, register

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["setup_featured_in"]

def insert_placeholders(doctree: nodes.document, docname: str, period: object) -> None:
    """A "featured in" placeholder at the end of every paper card of the page."""
    for card in doctree.findall(paper_card):
        ident = paper_ident({"key": card.get("bibkey"), "arxiv": card.get("arxiv")})
        if ident:
            card += new_placeholder(backlinks_node, "backlinks", "mlnews-card-featured-in", searchable=False, paper=ident)


def backlinks_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Any:
    ident = spec["paper"]
    pages = index.featured_pages(ident)
    for page in index.citers.get(ident, ()):
        pages.setdefault(page, "")
    pages.pop(docname, None)
    return [(page, pages[page], index.title(page)) for page in sorted(pages, key=index.order)]


def render_backlinks(builder: Builder, fromdoc: str, node: placeholder, model: Any) -> list[nodes.Node]:
    if not model:
        return []
    para = nodes.paragraph(classes=["mlnews-card-featured-in-list"])
    label = _("Featured in: ")
    para += nodes.inline(label, label, classes=["mlnews-card-featured-in-label"])
    for number, (page, anchor, title) in enumerate(model):
        if number:
            para += nodes.Text(list_separator())
        para += link(builder, fromdoc, page, anchor, title)
    return [para]


def warn_repeated_papers(index: ArchiveIndex) -> None:
    """Warn at every week's card of a paper that an earlier week already brought as new."""
    features = [
        Feature(ident, page, index.weeks[index.position[page]]["date"], line)
        for ident, cards in index.features.items()
        for page, _anchor, line in cards
        if index.is_week(page)
    ]
    for page, line, report in repeated_papers(features):
        warn(report, (page, line))


def setup_featured_in(app: Sphinx) -> None:
    register(
        app,
        Placeholder(
            "backlinks",
            model=backlinks_model,
            render=render_backlinks,
            insert=insert_placeholders,
            check=warn_repeated_papers,
        ),
    )
