"""References at the end of each week, and the bibliography's configuration.

A week's references are *not* a second ``{bibliography}`` directive (each one
walks the whole ``.bib`` and is formatted again on every build, which makes
the archive quadratic). A week page gets a :class:`week_references` section
at read time, empty, naming nothing; at resolve time it is filled with the
entries the page features (cards) and cites (``{cite:p}``), in page order.
Each entry is formatted at most once per build
(:meth:`~mlnews.bib.catalog.BibCatalog.formatted`), reusing what
sphinxcontrib-bibtex already formatted for the global page
(:mod:`mlnews.bib.bibliography_page`). The section is HTML (and text) only:
in LaTeX the one bibliography at the end of the PDF lists every entry.

Each page records a *stamp* of every entry it shows (its text in ``refs.bib``
and its label); a page is read again exactly when one of its stamps changed,
which covers an edited entry and a label that gained a suffix because a new
entry now shares its author and year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .text import math_in_titles
from ..build.compat import builder_of
from ..data import news_domain
from ..messages import warn
from ..cards.nodes import paper_card
from ..core.weeks import is_week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog import BibCatalog

__all__ = ["week_references", "keys_of", "setup_references"]

REFERENCES_TITLE = "参考文献"
REFERENCES_ANCHOR = "references"


class week_references(nodes.section):
    """The references at the end of a week; filled at resolve time (HTML and text only)."""


def _visit_as_section(self: Any, node: nodes.Node) -> None:
    self.visit_section(node)


def _depart_as_section(self: Any, node: nodes.Node) -> None:
    self.depart_section(node)


def keys_of(document: nodes.Node) -> list[str]:
    """Bibliography keys a doctree shows, in page order: cards, then citations not on a card."""
    keys: dict[str, None] = {}
    for card in document.findall(paper_card):
        if card.get("bibkey"):
            keys.setdefault(card["bibkey"], None)
    for xref in document.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "cite":
            for target in parse_citation_targets(xref["reftarget"]):
                keys.setdefault(target.key, None)
    return list(keys)


class AddWeekReferences(SphinxTransform):
    """Give a week page that features or cites papers an empty references section."""

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        if not self.config.mlnews_week_references or not is_week_docname(self.env.docname):
            return
        if not keys_of(self.document):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        section = week_references(ids=[REFERENCES_ANCHOR], classes=["mlnews-references", "no-search"])
        if REFERENCES_ANCHOR in self.document.ids:
            section["ids"] = [nodes.make_id(f"mlnews-{REFERENCES_ANCHOR}")]
        section += nodes.title(REFERENCES_TITLE, REFERENCES_TITLE)
        top += section
        self.document.set_id(section)


def _record_stamps(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the stamp of every entry the page shows, to know when it is stale."""
    domain = news_domain(app.env)
    catalog = domain.bib_catalog()
    keys = keys_of(doctree)
    if keys:
        domain.refstamps[app.env.docname] = {key: catalog.stamp(key) for key in keys}


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Report refs.bib's problems (once per build) and the pages whose entries changed."""
    domain = news_domain(env)
    if domain.bib_files_unchanged():
        # Checked against these very files last time: their problems were reported
        # then (like a page's own warnings), and every stamp still holds.
        domain.pages_changed = bool(added or changed or removed)
        return []
    catalog = domain.bib_catalog()
    for issue in catalog.issues:
        warn(issue.report, f"{issue.path}:{issue.line}")
    stale = [
        docname
        for docname, stamps in domain.refstamps.items()
        if docname not in changed | removed
        and any(catalog.stamp(key) != stamp for key, stamp in stamps.items())
    ]
    domain.pages_changed = bool(added or changed or removed or stale)
    return stale


class FillReferences(SphinxPostTransform):
    """Fill the week references with the entries the page shows."""

    # After sphinxcontrib-bibtex's BibliographyTransform (5), before references resolve (10).
    default_priority = 6
    _backend = find_plugin("pybtex.backends", "docutils")()

    @property
    def _builder(self) -> Any:
        # Sphinx 9 deprecates SphinxTransform.app; its own post-transforms read the same.
        return builder_of(self.env)

    def run(self, **kwargs: Any) -> None:
        domain = news_domain(self.env)
        catalog = domain.bib_catalog()
        html = self._builder.format == "html"
        for section in list(self.document.findall(week_references)):
            if self._builder.format in ("html", "text"):
                self._fill(section, catalog, html)
            else:
                # The PDF lists every entry once, in its bibliography at the end.
                section.parent.remove(section)

    def _fill(self, section: week_references, catalog: BibCatalog, html: bool) -> None:
        fromdoc = self.env.docname
        targets = catalog.targets
        listing = nodes.bullet_list(classes=["mlnews-reference-list"])
        for key in keys_of(self.document):
            formatted = catalog.formatted(key)
            if formatted is None:
                continue  # an unknown key is already a warning where it is used
            item = nodes.list_item(classes=["mlnews-reference"], ids=[nodes.make_id(f"ref-{key}")])
            para = nodes.paragraph()
            label = f"[{formatted.label}]"
            target = targets.get(key)
            if target is not None and html:
                todoc, citation_id = target
                uri = self._builder.get_relative_uri(fromdoc, todoc) + "#" + citation_id
                para += nodes.reference(label, label, refuri=uri, internal=True, classes=["mlnews-reference-label"])
            else:
                para += nodes.inline(label, label, classes=["mlnews-reference-label"])
            para += nodes.Text(" ")
            para += self._backend.paragraph(formatted).children
            math_in_titles(para)
            item += para
            listing += item
        if len(listing):
            section += listing
        else:
            section.parent.remove(section)


def _complete_config(app: Sphinx, config: Any) -> None:
    """The newsletter's styles, unless a site picked others; short tooltips."""
    if config.bibtex_default_style == "alpha":  # sphinxcontrib-bibtex's default
        config.bibtex_default_style = "mlnews"
    if config.bibtex_reference_style == "label":
        config.bibtex_reference_style = "mlnews"
    if not config.bibtex_tooltips_style:
        config.bibtex_tooltips_style = "mlnews_tooltip"
    if not config.bibtex_cite_id:
        # Stable anchors: a card's citation and a week's references link to #cite-<key>.
        config.bibtex_cite_id = "cite-{key}"


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_references(app: Sphinx) -> None:
    """Register the week references and the bibliography's configuration."""
    app.add_config_value("mlnews_week_references", True, "env", types=[bool])
    app.connect("config-inited", _complete_config)
    section_visitors = (_visit_as_section, _depart_as_section)
    skip = (_skip, None)
    app.add_node(
        week_references,
        html=section_visitors,
        text=section_visitors,
        latex=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_transform(AddWeekReferences)
    app.add_post_transform(FillReferences)
    app.connect("doctree-read", _record_stamps)
    app.connect("env-get-outdated", _outdated)
