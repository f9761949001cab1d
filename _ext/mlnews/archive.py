"""The archive: weeks stitched into months, quarters, halves and years.

How it stays correct however the site is rebuilt:

1. **Read** (any process): a page's placeholders are put into its doctree
   (navigation bars and picks on weeks, "featured in" on paper cards, the
   period's tree on summaries, plus the ``paperlist`` and ``latest-issue``
   directives) and their specs recorded in the domain (``slots``), with the
   page's ``period`` and the papers it cites. The domain clears and merges
   these per page like the rest of its data.
2. **env-updated** (main process, after every read): :class:`ArchiveIndex` is
   built once from the domain and every placeholder's *model* (the plain data
   it will show) is computed, each at the cost of what it shows. The models
   are stored in the domain with a digest per page; every page whose digest
   changed is returned to Sphinx to be written again, though its source did
   not change. When the toctree or any page title changes, the theme's sidebar
   and Sphinx's prev/next change on every page, so every page is rewritten.
3. **doctree-resolved** (any writer process): each placeholder is filled from
   its stored model with ordinary nodes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.directives.other import TocTree
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import patfilter

from . import backlinks, navigation, paperlist
from .backlinks import paper_ident
from .domain import WeekRecord, news_domain
from .frontmatter import front_matter_line
from .sidebar import follows_navigation
from .messages import Subtype, warn
from .periods import Period, parse_period
from .placeholders import archive_tree, latest_issue, link, new_placeholder, placeholder, setup_placeholders
from .weeks import is_week_docname, week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["ArchiveIndex", "setup_archive"]

Model = Any
ModelFn = Callable[["ArchiveIndex", str, dict[str, Any]], Model]
RenderFn = Callable[["Builder", str, placeholder, Model], list[nodes.Node]]


class ArchiveIndex:
    """The site's weeks, summaries, features and citations, indexed once per build."""

    def __init__(self, env: BuildEnvironment) -> None:
        domain = news_domain(env)
        self.env = env
        self.weeks: list[WeekRecord] = domain.sorted_weeks()
        self.dates = [week["date"] for week in self.weeks]
        self.position = {week["docname"]: i for i, week in enumerate(self.weeks)}
        self.by_number: dict[tuple[int, int], list[WeekRecord]] = defaultdict(list)
        for week in self.weeks:
            self.by_number[week["year"], week["week"]].append(week)
        self.items = domain.items
        self.summaries: dict[str, str] = {}
        for docname in sorted(domain.data["summaries"]):
            self.summaries.setdefault(domain.data["summaries"][docname]["period"], docname)
        self.features: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for docname in sorted(domain.items):
            for record in domain.items[docname]:
                ident = paper_ident(record) if record["kind"] == "paper" else ""
                if ident:
                    self.features[ident].append((docname, record["anchor"], record["lineno"]))
        self.citers: dict[str, set[str]] = defaultdict(set)
        for docname, keys in domain.data["cites"].items():
            for key in keys:
                self.citers[key].add(docname)

    def title(self, docname: str) -> str:
        """A page's title as the reader sees it."""
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def is_week(self, docname: str) -> bool:
        return docname in self.position

    def order(self, docname: str) -> tuple[int, str, str]:
        """Sort key of pages: weeks by date first, then every other page by name."""
        if docname in self.position:
            return (0, self.weeks[self.position[docname]]["date"], docname)
        return (1, "", docname)

    def weeks_in(self, period: Period) -> list[WeekRecord]:
        """The weeks of *period*, oldest first; costs what it returns."""
        if period.kind == "week":
            return list(self.by_number.get((period.year, period.number), ()))
        start, end = period.date_range()
        return self.weeks[bisect.bisect_left(self.dates, start) : bisect.bisect_left(self.dates, end)]

    def summary_of(self, period: Period) -> str:
        """The docname of *period*'s summary page, or ''."""
        return self.summaries.get(str(period), "")


# --- the period tree of a summary page, and the landing page's latest issue ---------------


def _tree_model(index: ArchiveIndex, docname: str, period: Period) -> dict[str, Any] | None:
    weeks = index.weeks_in(period)
    children = [m for child in period.children() if (m := _tree_model(index, docname, child))]
    page = index.summary_of(period)
    if not weeks and not page:
        return None
    return {
        "label": period.label,
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
        result.append(nodes.rubric("この期間の号", "この期間の号"))
        result.append(_tree_list(builder, fromdoc, model["children"]))
    if model["empty"]:
        note = "この月の号はまだありません。" if model.get("month") else "この期間の号はまだありません。"
        result.append(nodes.paragraph(note, note, classes=["mlnews-empty"]))
    return result


def latest_model(index: ArchiveIndex, docname: str, spec: dict[str, Any]) -> Model:
    if not index.weeks:
        return None
    week = index.weeks[-1]
    picks = [(r["anchor"], r["headline"]) for r in index.items.get(week["docname"], ()) if r["pick"]]
    return {"docname": week["docname"], "title": index.title(week["docname"]), "picks": picks}


def render_latest(builder: Builder, fromdoc: str, node: placeholder, model: Model) -> list[nodes.Node]:
    if model is None:
        text = "最初の号を準備中です。"
        return [nodes.paragraph(text, text, classes=["mlnews-empty"])]
    head = nodes.paragraph(classes=["mlnews-latest-title"])
    head += nodes.Text("最新号: ")
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


# --- the engine ------------------------------------------------------------------------------

MODELS: dict[str, ModelFn] = {
    "archive": archive_model,
    "latest": latest_model,
    **navigation.MODELS,
    **paperlist.MODELS,
    **backlinks.MODELS,
}
RENDERERS: dict[str, RenderFn] = {
    "archive": render_archive,
    "latest": render_latest,
    **navigation.RENDERERS,
    **paperlist.RENDERERS,
    **backlinks.RENDERERS,
}


def _cited_keys(doctree: nodes.document) -> list[str]:
    from sphinx.addnodes import pending_xref
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets


    keys: set[str] = set()
    for ref in doctree.findall(pending_xref):
        if ref.get("refdomain") != "cite":
            continue
        parent = ref.parent
        while parent is not None and "mlnews-cite" not in parent.get("classes", ()):
            parent = parent.parent if not isinstance(parent, nodes.document) else None
        if parent is not None:
            continue  # a card's own citation label: the card is already a feature
        keys.update(target.key for target in parse_citation_targets(ref["reftarget"]))
    return sorted(keys)


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """Put the page's placeholders in and record what they stand for."""
    env = app.env
    docname = env.current_document.docname
    data = news_domain(env).data
    period = _page_period(env, docname)
    if period is not None:
        data["summaries"][docname] = {"period": str(period)}
        doctree += new_placeholder(archive_tree, "archive", "mlnews-archive", period=str(period))
    if is_week_docname(docname):
        navigation.insert_week_placeholders(doctree)
    backlinks.insert_placeholders(doctree)
    specs = []
    for number, node in enumerate(doctree.findall(placeholder)):
        node["slot"] = number
        node["docname"] = docname
        spec = dict(node["spec"])
        if spec["kind"] == "paperlist" and spec.get("period") is None:
            spec["period"] = str(period) if period is not None else ""
            if period is None:
                warn("paperlist needs :period: on a page without 'period:' in its front matter", (docname, node.line or 1), Subtype.period)
        specs.append(spec)
    if specs:
        data["slots"][docname] = specs
    cites = _cited_keys(doctree)
    if cites:
        data["cites"][docname] = cites


def _page_period(env: BuildEnvironment, docname: str) -> Period | None:
    text = str(env.metadata.get(docname, {}).get("period", "")).strip()
    if not text:
        return None
    period = parse_period(text)
    if period is None or period.kind == "week":
        location = (docname, front_matter_line(str(env.doc2path(docname)), "period"))
        warn(
            f"period {text!r} is not a summary's period (e.g. 2020, 2020-H2, 2020-Q4 or 2020-11)",
            location,
            Subtype.period,
        )
        return None
    return period


def _digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _nav_fingerprint(env: BuildEnvironment) -> str:
    """What the sidebar and Sphinx's prev/next of every page are made of: toctrees and titles."""
    digest = hashlib.sha1()
    for parent in sorted(env.toctree_includes):
        digest.update(repr((parent, env.toctree_includes[parent])).encode("utf-8"))
    for docname in sorted(env.titles):
        digest.update(repr((docname, env.titles[docname].astext())).encode("utf-8"))
    return digest.hexdigest()


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Compute every placeholder's model; name the pages that show something new."""
    data = news_domain(env).data
    index = ArchiveIndex(env)
    models = {
        docname: [MODELS[spec["kind"]](index, docname, spec) for spec in specs]
        for docname, specs in data["slots"].items()
    }
    digests = {docname: _digest(model) for docname, model in models.items()}
    stale = {docname for docname, digest in digests.items() if data["digests"].get(docname) != digest}
    nav = _nav_fingerprint(env)
    if data["nav"] and data["nav"] != nav and not follows_navigation(env.config):
        # The theme's sidebar shows the whole tree on every page. mlnews' sidebar
        # shows a page's path only, and names the pages it makes stale itself.
        stale |= env.found_docs
    data["models"], data["digests"], data["nav"] = models, digests, nav
    _warn_duplicates(env, index)
    return sorted(stale & env.found_docs)


def _warn_duplicates(env: BuildEnvironment, index: ArchiveIndex) -> None:
    """The same week twice, and the same paper as a new item of two weeks (every build, so incremental = clean)."""
    for (year, number), same in sorted(index.by_number.items()):
        # The page filed where its date says comes first; the others are the duplicates.
        weeks = sorted(same, key=lambda w: (w["docname"] != _expected_docname(w), w["docname"]))
        for week in weeks[1:]:
            warn(
                f"week {number} of {year} already has a page, {weeks[0]['docname']}",
                (week["docname"], front_matter_line(str(env.doc2path(week["docname"])), "date")),
                Subtype.duplicate,
            )
    backlinks.warn_repeated_papers(index)


def _expected_docname(week: WeekRecord) -> str:
    return week_docname(dt.date.fromisoformat(week["date"]), week["week"])


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill every placeholder of the page (or of the assembled book, for LaTeX)."""
    models = news_domain(app.env).data["models"]
    for node in list(doctree.findall(placeholder)):
        page_models = models.get(node.get("docname", ""), [])
        slot = node.get("slot", -1)
        model = page_models[slot] if 0 <= slot < len(page_models) else None
        content = RENDERERS[node["spec"]["kind"]](app.builder, docname, node, model)
        if not content:
            node.parent.remove(node)
            continue
        node[:] = content
        if node.get("last"):
            parent = node.parent
            parent.remove(node)
            parent.append(node)


def setup_archive(app: Sphinx) -> None:
    """Register the archive's directives, placeholders and events."""
    setup_placeholders(app)
    app.add_directive("toctree", ArchiveTocTree, override=True)
    app.add_directive("latest-issue", LatestIssueDirective)
    paperlist.setup_paperlist(app)
    # After the metadata collector (priority 500), which gives the page's front matter.
    app.connect("doctree-read", _collect, priority=600)
    app.connect("env-updated", _env_updated)
    app.connect("doctree-resolved", _fill)
