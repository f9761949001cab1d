"""The ``paperlist`` directive: papers (or items) of any weeks, each linking to its card.

::

    :::{paperlist}
    :period: 2020-Q4
    :tags: 生成モデル
    :picks:
    :::

``:period:`` defaults to the page's own ``period:``; ``:kind:`` is ``paper``
(the default), ``item`` or ``all``. ``:papers:`` names the papers instead
(arXiv IDs or BibTeX keys, comma-separated): exactly those, in that order, each
linking to the week that brought it. The list is filled when the page is
written, from the weeks that exist then, so it is never stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.cardrules import PAPERLIST_KINDS, PAPERLIST_OPTIONS, split_tags
from ..messages import Message, warn
from ..core.periods import parse_period
from ..i18n import _, week_label
from .index import ArchiveIndex
from .placeholders import link, new_placeholder, paperlist_node, placeholder
from .registry import Placeholder, register

if TYPE_CHECKING:
    from docutils.parsers.rst.directives import OptionSpec
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


__all__ = ["PaperListDirective", "setup_paperlist"]


class PaperListDirective(SphinxDirective):
    """A list of the cards of a period, filtered by tags, picks and kind."""

    # The names are core's (mlnews check reports an unknown option as MyST does).
    option_spec: ClassVar[OptionSpec] = {
        name: directives.flag if name == "picks" else directives.unchanged for name in PAPERLIST_OPTIONS
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        period: str | None = None
        if "period" in self.options:
            text = (self.options["period"] or "").strip()
            parsed = parse_period(text)
            if parsed is None:
                warn(Message.paperlist_period(period=text), location)
                period = ""
            else:
                period = str(parsed)
        tags = split_tags(self.options.get("tags"))
        vocabulary = self.config.mlnews_tags
        for tag in tags:
            if vocabulary and tag not in vocabulary:
                warn(Message.paperlist_tag(tag=tag), location)
        kind = (self.options.get("kind") or "paper").strip()
        if kind not in PAPERLIST_KINDS:
            warn(Message.paperlist_kind(kind=kind), location)
            kind = "paper"
        papers = split_tags(self.options.get("papers"))
        if "papers" in self.options and not papers:
            warn(Message.paperlist_no_papers(), location)
        node = new_placeholder(
            paperlist_node, "paperlist", "mlnews-paperlist", period=period, tags=tags, picks="picks" in self.options, items=kind
        )
        if papers:
            # Only a curated list has these: the spec of every other list stays as it was.
            node["spec"].update(papers=papers, line=self.lineno)
        self.set_source_info(node)
        return [node]


def paperlist_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Any:
    """What the list shows (:meth:`ArchiveIndex.select`, the rule "featured in" uses too)."""
    selection = index.select(spec)
    for name in selection.unknown:
        warn(Message.paperlist_unknown_paper(name=name), (docname, spec.get("line") or 1))
    entries = []
    for week_doc, record in selection.entries:
        week = index.weeks[index.position[week_doc]]
        label = week_label(week["year"], week["week"])
        entries.append((week_doc, record["anchor"], record["headline"], record["title"], label))
    return entries


def render_paperlist(builder: Builder, fromdoc: str, node: placeholder, model: Any) -> list[nodes.Node]:
    if not model:
        text = _("No papers here yet.") if node["spec"]["items"] == "paper" else _("No articles here yet.")
        return [nodes.paragraph(text, text, classes=["mlnews-empty"])]
    bullets = nodes.bullet_list()
    for week, anchor, headline, title, label in model:
        para = nodes.paragraph()
        para += link(builder, fromdoc, week, anchor, headline)
        if title and title != headline:
            para += nodes.Text(" ")
            para += nodes.inline(title, title, classes=["mlnews-paperlist-title"])
        para += nodes.Text(" ")
        para += nodes.inline(label, f"（{label}）", classes=["mlnews-paperlist-week"])
        bullets += nodes.list_item("", para)
    return [bullets]


def setup_paperlist(app: Sphinx) -> None:
    """Register the ``paperlist`` directive."""
    app.add_directive("paperlist", PaperListDirective)
    register(app, Placeholder("paperlist", model=paperlist_model, render=render_paperlist))
