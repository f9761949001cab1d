"""References at the end of each week, and the bibliography's configuration.

A week's references are *not* a second ``{bibliography}`` directive (each one
walks the whole ``.bib`` and is formatted again on every build, which makes
the archive quadratic). A week page gets a :class:`week_references` section
at read time, empty, naming nothing; at resolve time it is filled with the
entries the page features (cards) and cites (``{cite:p}``), in page order.
Each entry is formatted at most once per build and process
(:func:`formatted_entry`): sphinxcontrib-bibtex's formatting for the global
page is reused (:mod:`mlnews.bib.bibliography_page`), and an entry no
``{bibliography}`` lists is formatted with the site's style and the
catalog's label. The section is HTML (and text) only: in LaTeX the one
bibliography at the end of the PDF lists every entry.

A page that shows an entry is read again when the entry, its key or its
label changed: its cards and citations are in the page's lookups
(:mod:`mlnews.build.staleness`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from ..build.compat import builder_of
from ..cards.nodes import paper_card
from ..core.weeks import is_week_docname
from ..data import NewsData
from ..i18n import _
from .format_cache import format_with_cache
from .text import math_in_titles

if TYPE_CHECKING:
    from pybtex.style import FormattedEntry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["week_references", "keys_of", "formatted_entry", "setup_references"]

def _references_title() -> str:
    return _("References")
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
        title = _references_title()
        section += nodes.title(title, title)
        top += section
        self.document.set_id(section)


def formatted_entry(env: BuildEnvironment, key: str) -> FormattedEntry | None:
    """The entry *key* formatted with the site's style and its label, once per build and process
    (``None`` for an unknown key)."""
    news = NewsData(env)
    cache = news.build.formatted
    if key not in cache:
        catalog = news.catalog()
        entry = catalog.entry(key)
        if entry is None:
            return None
        name = catalog.style or "mlnews"
        style = news.derived("formatting_style", lambda: find_plugin("pybtex.style.formatting", name)())
        cache[key] = format_with_cache(env, style, name, catalog.label(key), entry)
    return cache[key]


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
        html = self._builder.format == "html"
        for section in list(self.document.findall(week_references)):
            if self._builder.format in ("html", "text"):
                self._fill(section, html)
            else:
                # The PDF lists every entry once, in its bibliography at the end.
                section.parent.remove(section)

    def _fill(self, section: week_references, html: bool) -> None:
        fromdoc = self.env.docname
        targets = NewsData(self.env).build.targets
        listing = nodes.bullet_list(classes=["mlnews-reference-list"])
        for key in keys_of(self.document):
            formatted = formatted_entry(self.env, key)
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
