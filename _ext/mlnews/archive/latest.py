"""The landing page's latest issue: the newest week, with its editor's picks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..i18n import _
from .index import ArchiveIndex
from .placeholders import latest_issue, link, new_placeholder, placeholder
from .registry import Model, Placeholder, register

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["LatestIssueDirective", "setup_latest"]


def latest_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Model:
    if not index.weeks:
        return None
    week = index.weeks[-1]
    picks = [(r["anchor"], r["headline"]) for r in index.items.get(week["docname"], ()) if r["pick"]]
    return {"docname": week["docname"], "title": index.title(week["docname"]), "picks": picks}


def render_latest(builder: Builder, fromdoc: str, node: placeholder, model: Model) -> list[nodes.Node]:
    if model is None:
        text = _("The first issue is on its way.")
        return [nodes.paragraph(text, text, classes=["mlnews-empty"])]
    head = nodes.paragraph(classes=["mlnews-latest-title"])
    head += nodes.Text(_("Latest issue: "))
    head += link(builder, fromdoc, model["docname"], "", model["title"])
    result: list[nodes.Node] = [head]
    if model["picks"]:
        bullets = nodes.bullet_list()
        for anchor, headline in model["picks"]:
            bullets += nodes.list_item("", nodes.paragraph("", "", link(builder, fromdoc, model["docname"], anchor, headline)))
        result.append(bullets)
    return result


class LatestIssueDirective(SphinxDirective):
    """``latest-issue``: the newest week, with its editor's picks (for the landing page)."""

    def run(self) -> list[nodes.Node]:
        node = new_placeholder(latest_issue, "latest", "mlnews-latest")
        self.set_source_info(node)
        return [node]


def setup_latest(app: Sphinx) -> None:
    app.add_directive("latest-issue", LatestIssueDirective)
    register(app, Placeholder("latest", model=latest_model, render=render_latest))
