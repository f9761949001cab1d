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

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..build.compat import toctree_includes
from ..core.frontmatter import front_matter_line
from ..core.periods import Period, parse_period
from ..core.weeks import NewsWeek, WeekPage, duplicate_weeks
from ..data import news_domain
from ..messages import Message, warn
from ..reader.sidebar import follows_navigation
from .index import ArchiveIndex
from .placeholders import placeholder
from .registry import registered

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["setup_engine"]


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
        warn(Message.summary_period(period=text), location)
        return None
    return period


def _digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _nav_fingerprint(env: BuildEnvironment) -> str:
    """What the sidebar and Sphinx's prev/next of every page are made of: toctrees and titles."""
    digest = hashlib.sha1()
    includes = toctree_includes(env)
    for parent in sorted(includes):
        digest.update(repr((parent, includes[parent])).encode("utf-8"))
    for docname in sorted(env.titles):
        digest.update(repr((docname, env.titles[docname].astext())).encode("utf-8"))
    return digest.hexdigest()


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Compute every placeholder's model; name the pages that show something new."""
    data = news_domain(env).data
    index = ArchiveIndex(env)
    kinds = registered(app)
    models = {
        docname: [kinds[spec["kind"]].model(index, docname, spec) for spec in specs]
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
    _warn_duplicate_weeks(env, index)
    for kind in kinds.values():
        if kind.check is not None:
            kind.check(index)
    return sorted(stale & env.found_docs)


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
    models = news_domain(app.env).data["models"]
    for node in list(doctree.findall(placeholder)):
        page_models = models.get(node.get("docname", ""), [])
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
    app.connect("env-updated", _env_updated)
    app.connect("doctree-resolved", _fill)
