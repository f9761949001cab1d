"""The archive: weeks stitched into months, quarters, halves and years.

How it stays correct however the site is rebuilt:

1. **Read** (any process): a page's placeholders are put into its doctree
   (navigation bars and picks on weeks, "featured in" on paper cards, the
   period's tree on summaries, plus the ``paperlist`` and ``latest-issue``
   directives) and their specs recorded (:meth:`mlnews.data.NewsData.set_slots`),
   with the page's ``period``. The domain clears and merges these per page
   like the rest of its data.
2. **env-updated** (main process, after every read that changed a page's
   data): the archive is a derived view of :mod:`mlnews.build.staleness`.
   :class:`ArchiveIndex` is built once from the data and every placeholder's
   *model* (the plain data it will show) is computed, each at the cost of
   what it shows, and stored; every page whose models changed is written
   again, though its source did not change. The archive's own warnings
   (a week with two pages, a paper brought as new twice) are given on every
   build, so that an incremental build warns as a clean one does.
3. **doctree-resolved** (any writer process): each placeholder is filled from
   its stored model with ordinary nodes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.frontmatter import front_matter_line
from ..core.periods import Period, parse_period
from ..build.staleness import View, register_view
from ..core.weeks import NewsWeek, WeekPage, duplicate_weeks
from ..data import NewsData
from ..messages import Message, warn
from .index import ArchiveIndex, archive_index
from .placeholders import placeholder
from .registry import registered

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["setup_engine"]


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """Put the page's placeholders in and record what they stand for."""
    env = app.env
    docname = env.current_document.docname
    news = NewsData(env)
    period = _page_period(env, docname)
    if period is not None:
        news.set_summary(docname, str(period))
    for kind in registered(app).values():
        if kind.insert is not None:
            kind.insert(doctree, docname, period)
    specs = []
    for number, node in enumerate(doctree.findall(placeholder)):
        node["slot"] = number
        node["docname"] = docname
        spec = dict(node["spec"])
        if spec["kind"] == "paperlist" and spec.get("period") is None:
            spec["period"] = str(period) if period is not None else ""
            if period is None:
                warn(Message.paperlist_no_period(), (docname, node.line or 1))
        specs.append(spec)
    if specs:
        news.set_slots(docname, specs)


def _page_period(env: BuildEnvironment, docname: str) -> Period | None:
    text = str(env.metadata.get(docname, {}).get("period", "")).strip()
    if not text:
        return None
    period = parse_period(text)
    if period is None or period.kind == "week":
        location = (docname, front_matter_line(str(env.doc2path(docname)), "period"))
        warn(Message.summary_period(period=text), location)
        return None
    return period


def _models(app: Sphinx, env: BuildEnvironment) -> dict[str, list[Any]]:
    """Every placeholder's model, by page (the archive's derived view); stored for the writers."""
    news = NewsData(env)
    index = archive_index(env)
    kinds = registered(app)
    models = {
        docname: [kinds[spec["kind"]].model(index, docname, spec) for spec in specs]
        for docname, specs in news.slots().items()
    }
    news.set_models(models)
    return models


def _check(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The archive's warnings, on every build."""
    index = archive_index(env)
    _warn_duplicate_weeks(env, index)
    for kind in registered(app).values():
        if kind.check is not None:
            kind.check(index)
    return []


def _warn_duplicate_weeks(env: BuildEnvironment, index: ArchiveIndex) -> None:
    """The same week twice (every build, so incremental = clean; repeated papers are featured_in's check)."""
    # Only the weeks with a second page: their date lines are read from disk.
    pages = [
        WeekPage(
            week["docname"],
            NewsWeek(week["year"], week["week"], dt.date.fromisoformat(week["date"])),
            front_matter_line(str(env.doc2path(week["docname"])), "date") or 1,
        )
        for same in index.by_number.values()
        if len(same) > 1
        for week in same
    ]
    for docname, line, report in duplicate_weeks(pages):
        warn(report, (docname, line))


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill every placeholder of the page (or of the assembled book, for LaTeX)."""
    news = NewsData(app.env)
    for node in list(doctree.findall(placeholder)):
        page_models = news.models(node.get("docname", ""))
        slot = node.get("slot", -1)
        model = page_models[slot] if 0 <= slot < len(page_models) else None
        content = registered(app)[node["spec"]["kind"]].render(app.builder, docname, node, model)
        if not content:
            node.parent.remove(node)
            continue
        node[:] = content
        if node.get("last"):
            parent = node.parent
            parent.remove(node)
            parent.append(node)


def setup_engine(app: Sphinx) -> None:
    """Collect placeholders after each read, compute their models, fill them when written."""
    # After the metadata collector (priority 500), which gives the page's front matter.
    app.connect("doctree-read", _collect, priority=600)
    register_view(app, View("archive", _models))
    app.connect("env-updated", _check)
    app.connect("doctree-resolved", _fill)
