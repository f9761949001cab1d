"""A week's navigation bar and its editor's picks.

Every week page gets, right under its title, a navigation bar
(``nav.mlnews-weeknav``: the previous week, the week's month, the next week, by
date across month and year boundaries) and a box of the week's editor's picks
(``aside.mlnews-picks``); the same bar closes the page. Both are decoration for
the web and vanish in other builders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.periods import Period
from .placeholders import link, navlink, new_placeholder, picks_box, placeholder, weeknav

from ..core.weeks import is_week_docname
from ..i18n import _
from .index import ArchiveIndex
from .registry import Placeholder, register

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["setup_navigation"]



def _picks_title() -> str:
    return _("This week's picks")


def _kind_label(kind: str) -> str:
    return _("Paper") if kind == "paper" else _("Article")


def _bar_label(where: str) -> str:
    """Each bar's name: two navigation landmarks of one name cannot be told apart."""
    return _("Week navigation (top of the page)") if where == "top" else _("Week navigation (bottom of the page)")


def _bar(where: str) -> placeholder:
    node = new_placeholder(weeknav, "weeknav", "mlnews-weeknav", searchable=False)
    node["classes"].append(f"mlnews-weeknav-{where}")
    node["label"] = _bar_label(where)
    return node


def insert_week_placeholders(doctree: nodes.document) -> None:
    """A bar under the page title, the picks below it, and a bar at the end of the page."""
    top = next((child for child in doctree.children if isinstance(child, nodes.section)), None)
    if top is None or not len(top) or not isinstance(top[0], nodes.title):
        return
    top.insert(1, _bar("top"))
    picks = new_placeholder(picks_box, "picks", "mlnews-picks", searchable=False)
    picks["label"] = _picks_title()
    top.insert(2, picks)
    bottom = _bar("bottom")
    # Other features append to the page too (the week's references): the bar closes it when filled.
    bottom["last"] = True
    top.append(bottom)


def weeknav_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Any:
    position = index.position.get(docname)
    if position is None:
        return None
    week = index.weeks[position]
    neighbours = {}
    if position > 0:
        neighbours["prev"] = index.weeks[position - 1]["docname"]
    if position + 1 < len(index.weeks):
        neighbours["next"] = index.weeks[position + 1]["docname"]
    month = index.summary_of(Period("month", int(week["date"][:4]), int(week["date"][5:7])))
    if month:
        neighbours["up"] = month
    return [(rel, target, index.title(target)) for rel, target in sorted(neighbours.items(), key=lambda kv: _ORDER[kv[0]])]


_ORDER = {"prev": 0, "up": 1, "next": 2}
_LABELS = {"prev": "← {}", "up": "{}", "next": "{} →"}


def render_weeknav(builder: Builder, fromdoc: str, node: placeholder, model: Any) -> list[nodes.Node]:
    if builder.format != "html" or not model:
        return []
    result: list[nodes.Node] = []
    for rel, target, title in model:
        text = _LABELS[rel].format(title)
        anchor = navlink(text, text, classes=[f"mlnews-weeknav-{rel}"])
        anchor["refuri"] = builder.get_relative_uri(fromdoc, target)
        anchor["rel"] = rel
        result.append(anchor)
    return result


def picks_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Any:
    return [(r["anchor"], r["headline"], r["kind"]) for r in index.items.get(docname, ()) if r["pick"]]


def render_picks(builder: Builder, fromdoc: str, node: placeholder, model: Any) -> list[nodes.Node]:
    if builder.format != "html" or not model:
        return []
    text = _picks_title()
    title = nodes.paragraph(text, text, classes=["mlnews-picks-title"])
    bullets = nodes.bullet_list()
    for anchor, headline, kind in model:
        para = nodes.paragraph()
        label = _kind_label(kind)
        para += nodes.inline(label, label, classes=["mlnews-picks-kind"])
        para += nodes.Text(" ")
        para += link(builder, fromdoc, node["docname"], anchor, headline)
        bullets += nodes.list_item("", para)
    return [title, bullets]


def _insert(doctree: nodes.document, docname: str, period: object) -> None:
    if is_week_docname(docname):
        insert_week_placeholders(doctree)


def setup_navigation(app: Sphinx) -> None:
    # One insert for both kinds: the bars and the picks go in together.
    register(app, Placeholder("weeknav", model=weeknav_model, render=render_weeknav, insert=_insert))
    register(app, Placeholder("picks", model=picks_model, render=render_picks))
