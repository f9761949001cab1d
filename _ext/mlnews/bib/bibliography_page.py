"""The global bibliography's extras: backlinks to the pages that feature or cite
each entry, and the entry's BibTeX.

``bibliography.md`` holds the site's one ``{bibliography}`` (``:all:``), which
sphinxcontrib-bibtex formats once per build. Its formatting is reused by the
week references (:func:`~mlnews.bib.references.formatted_entry`). The page is
as large as the archive, so it is written again only when its backlinks
changed: they are a derived view of :mod:`mlnews.build.staleness`.

Its entries are an ARIA list of list items (:func:`_visit_citation_html`):
docutils gives each entry the DPUB role ``doc-biblioentry``, which DPUB-ARIA
1.1 deprecates, inside a ``role="list"`` that then has no list item, and
screen readers announce neither the list nor its length (axe's
``aria-required-children``, ``aria-deprecated-role``, ``aria-allowed-role``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..archive.index import archive_index
from ..build.compat import builder_of
from ..build.staleness import View, register_view
from ..data import NewsData
from ..i18n import _, list_separator
from .bibtex_block import make_bibtex_block
from .text import math_in_titles

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["BibliographyExtras", "backlinks_views", "page_title", "setup_bibliography_page"]


def _global_bibliographies(env: BuildEnvironment) -> set[str]:
    cite = env.get_domain("cite")
    return {key.docname for key in cite.bibliographies}  # type: ignore[attr-defined]


def page_title(env: BuildEnvironment, docname: str) -> str:
    """A page's title as its backlinks name it (:meth:`mlnews.data.NewsData.page_title`)."""
    return NewsData(env).page_title(docname)


def _featured(env: BuildEnvironment, key: str) -> list[tuple[str, str]]:
    """The pages that feature *key* with their anchors, as the cards' "featured in" gives them
    (:meth:`mlnews.archive.index.ArchiveIndex.featured_pages`: cards and curated lists)."""
    index = archive_index(env)
    return sorted(index.featured_pages(key).items(), key=lambda pair: index.order(pair[0]))


def backlinks_views(app: Sphinx, env: BuildEnvironment) -> dict[str, Any]:
    """What a global bibliography shows beside its entries: the pages that feature each paper
    (with the cards' anchors), the pages that cite it, and those pages' titles."""
    pages = _global_bibliographies(env) & set(env.all_docs)
    if not pages:
        return {}
    news = NewsData(env)
    index = archive_index(env)
    keys = sorted({key for key in (*index.features, *index.listings) if not key.startswith("arxiv:")})
    features = {key: [list(pair) for pair in _featured(env, key)] for key in keys}
    citers = news.citers_by_key()
    named = {page for links in features.values() for page, _ in links} | {p for cited in citers.values() for p in cited}
    shown = [features, citers, {page: page_title(env, page) for page in sorted(named)}]
    return {docname: shown for docname in pages}


def _reuse_formatting(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The global bibliography's formatting and anchors, for the week references of this build."""
    news = NewsData(env)
    formatted, targets = news.build.formatted, news.build.targets
    cite = env.get_domain("cite")
    for citation in cite.citations:  # type: ignore[attr-defined]
        # The bibliography's own text and label: a week's references read as the bibliography does.
        formatted.setdefault(citation.key, citation.formatted_entry)
        targets.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return []


class BibliographyExtras(SphinxPostTransform):
    """Backlinks and BibTeX beside each entry of the global bibliography; math in every citation."""

    # After sphinxcontrib-bibtex's BibliographyTransform (5), before references resolve (10).
    default_priority = 6

    @property
    def _builder(self) -> Any:
        # Sphinx 9 deprecates SphinxTransform.app; its own post-transforms read the same.
        return builder_of(self.env)

    def run(self, **kwargs: Any) -> None:
        if self._builder.format == "html":
            self._extend_bibliography(NewsData(self.env))
        for citation in self.document.findall(nodes.citation):
            math_in_titles(citation)

    def _extend_bibliography(self, news: NewsData) -> None:
        cite = self.env.get_domain("cite")
        docname = self.env.docname
        if docname not in _global_bibliographies(self.env):
            return
        ids = {
            citation.citation_id: citation.key
            for citation in cite.citations  # type: ignore[attr-defined]
            if citation.bibliography_key.docname == docname
        }
        if not ids:
            return
        catalog = news.catalog()
        for node in self.document.findall(nodes.citation):
            key = ids.get(node["ids"][0]) if node["ids"] else None
            if key is None:
                continue
            node += self._backlinks(docname, _featured(self.env, key), news.cited_by(key))
            node += make_bibtex_block(catalog, key)

    def _backlinks(self, fromdoc: str, features: list[tuple[str, str]], citers: list[str]) -> list[nodes.Node]:
        featured_pages = {page for page, _anchor in features}
        cited = [page for page in citers if page not in featured_pages and page != fromdoc]
        if not features and not cited:
            return []
        # no-search: links to other pages, whose own text is indexed there.
        para = nodes.paragraph(classes=["mlnews-backlinks", "no-search"])
        builder = self._builder
        groups = (
            (_("Featured"), [(page, anchor, "mlnews-featured-in") for page, anchor in features]),
            (_("Mentioned"), [(page, "", "mlnews-cited-in") for page in cited]),
        )
        for caption, links in groups:
            if not links:
                continue
            if len(para):
                para += nodes.Text(" / ")
            para += nodes.inline(caption, caption, classes=["mlnews-backlinks-caption"])
            para += nodes.Text(": ")
            for index, (page, anchor, css) in enumerate(links):
                if index:
                    para += nodes.Text(list_separator())
                uri = builder.get_relative_uri(fromdoc, page) + (f"#{anchor}" if anchor else "")
                title = page_title(self.env, page)
                para += nodes.reference(title, title, refuri=uri, internal=True, classes=[css])
        return [para]


def _visit_citation_html(self: Any, node: nodes.citation) -> None:
    # docutils' own markup (a list around a run of citations), with role="listitem".
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _depart_citation_html(self: Any, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def setup_bibliography_page(app: Sphinx) -> None:
    """Register the bibliography's extras, its entries' HTML, their derived view and the reuse of its formatting."""
    app.add_post_transform(BibliographyExtras)
    app.add_node(nodes.citation, override=True, html=(_visit_citation_html, _depart_citation_html))
    register_view(app, View("backlinks", backlinks_views))
    # After sphinxcontrib-bibtex's own env-updated handler, which formats the entries.
    app.connect("env-updated", _reuse_formatting, priority=600)
