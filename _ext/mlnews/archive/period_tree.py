"""A summary page's period tree ("この期間の号"): its months and weeks, computed from the weeks that exist."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.periods import Period, parse_period
from ..i18n import _, period_label
from .index import ArchiveIndex
from .placeholders import archive_tree, link, new_placeholder, placeholder
from .registry import Model, Placeholder, register

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["setup_period_tree"]


def _tree_model(index: ArchiveIndex, docname: str, period: Period) -> dict[str, Any] | None:
    weeks = index.weeks_in(period)
    children = [m for child in period.children() if (m := _tree_model(index, docname, child))]
    page = index.summary_of(period)
    if not weeks and not page:
        return None
    return {
        "label": period_label(period),
        "docname": page if page != docname else "",
        "title": index.title(page) if page else "",
        "children": children,
        # A month lists its weeks; the levels above show them through their months.
        "weeks": [(w["docname"], index.title(w["docname"])) for w in weeks] if period.kind == "month" else [],
    }


def archive_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Model:
    period = parse_period(spec.get("period") or "")
    if period is None:
        return None
    if period.kind == "month":
        # The month's toctree lists its weeks; the block only says when there are none yet.
        return {"empty": not index.weeks_in(period), "children": [], "month": True}
    tree = _tree_model(index, docname, period)
    children = tree["children"] if tree else []
    return {"empty": not index.weeks_in(period), "children": children}


def _tree_list(builder: Builder, fromdoc: str, children: list[dict[str, Any]]) -> nodes.bullet_list:
    # no-search: a list of other pages' titles; each page is indexed itself.
    bullets = nodes.bullet_list(classes=["mlnews-archive-list", "no-search"])
    for child in children:
        para = nodes.paragraph()
        if child["docname"]:
            para += link(builder, fromdoc, child["docname"], "", child["title"])
        else:
            para += nodes.Text(child["label"])
        entry = nodes.list_item("", para)
        if child["children"]:
            entry += _tree_list(builder, fromdoc, child["children"])
        if child["weeks"]:
            weeks = nodes.bullet_list()
            for week, title in child["weeks"]:
                weeks += nodes.list_item("", nodes.paragraph("", "", link(builder, fromdoc, week, "", title)))
            entry += weeks
        bullets += entry
    return bullets


def render_archive(builder: Builder, fromdoc: str, node: placeholder, model: Model) -> list[nodes.Node]:
    if model is None:
        return []
    result: list[nodes.Node] = []
    if model["children"]:
        heading = _("Issues of this period")
        result.append(nodes.rubric(heading, heading))
        result.append(_tree_list(builder, fromdoc, model["children"]))
    if model["empty"]:
        note = _("No issues of this month yet.") if model.get("month") else _("No issues of this period yet.")
        result.append(nodes.paragraph(note, note, classes=["mlnews-empty"]))
    return result


def insert_period_tree(doctree: nodes.document, docname: str, period: Period | None) -> None:
    """The period tree at the end of a summary page."""
    if period is not None:
        doctree += new_placeholder(archive_tree, "archive", "mlnews-archive", period=str(period))


def setup_period_tree(app: Sphinx) -> None:
    register(app, Placeholder("archive", model=archive_model, render=render_archive, insert=insert_period_tree))
