"""The global bibliography's extras: backlinks to the pages that feature or cite
each entry, and the entry's BibTeX.

``bibliography.md`` holds the site's one ``{bibliography}`` (``:all:``), which
sphinxcontrib-bibtex formats once per build. Its formatting is reused by the
week references (:meth:`~mlnews.bib.catalog.BibCatalog.seed`). The page is as
large as the archive, so it is written again only when its backlinks changed.

Its entries are an ARIA list of list items (:func:`_visit_citation_html`):
docutils gives each entry the DPUB role ``doc-biblioentry``, which DPUB-ARIA
1.1 deprecates, inside a ``role="list"`` that then has no list item, and
screen readers announce neither the list nor its length (axe's
``aria-required-children``, ``aria-deprecated-role``, ``aria-allowed-role``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..build.compat import builder_of
from ..data import news_domain
from .bibtex_block import make_bibtex_block
from .text import math_in_titles

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..data import ItemRecord, NewsDomain
    from .catalog import BibCatalog

__all__ = ["BibliographyExtras", "setup_bibliography_page"]


def _global_bibliographies(env: BuildEnvironment) -> set[str]:
    cite = env.get_domain("cite")
    return {key.docname for key in cite.bibliographies}  # type: ignore[attr-defined]


def _backlinks_digest(env: BuildEnvironment, domain: NewsDomain) -> str:
    """A digest of what the global bibliography shows beside its entries: which pages
    feature or cite each paper (with their titles and anchors) and every entry's stamp."""
    digest = hashlib.sha1()
    pages: set[str] = set()
    for key, records in sorted(domain.features_by_key().items()):
        for record in records:
            digest.update(repr((key, record["docname"], record["anchor"])).encode())
            pages.add(record["docname"])
    for page, stamps in sorted(domain.refstamps.items()):
        digest.update(repr((page, sorted(stamps.items()))).encode())
        pages.add(page)
    for page in sorted(pages):
        title = env.titles.get(page)
        digest.update(repr((page, title.astext() if title is not None else "")).encode())
    return digest.hexdigest()


def _updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Reuse the global bibliography's formatting; rewrite it when its backlinks changed.

    The page is as large as the archive: rewriting it after every edit would make a
    one-week edit cost as much as the whole bibliography."""
    domain = news_domain(env)
    catalog = domain.bib_catalog()
    cite = env.get_domain("cite")
    for citation in cite.citations:  # type: ignore[attr-defined]
        catalog.seed(citation.key, citation.formatted_entry)
        catalog.targets.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    if not domain.pages_changed:
        return []
    digest = _backlinks_digest(env, domain)
    if digest == domain.data["bibdigest"]:
        return []
    domain.data["bibdigest"] = digest
    return sorted(_global_bibliographies(env) & set(env.all_docs))


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
            domain = news_domain(self.env)
            self._extend_bibliography(domain, domain.bib_catalog())
        for citation in self.document.findall(nodes.citation):
            math_in_titles(citation)

    def _extend_bibliography(self, domain: NewsDomain, catalog: BibCatalog) -> None:
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
        features = domain.features_by_key()
        mentions: dict[str, list[str]] = defaultdict(list)
        for page, stamps in sorted(domain.refstamps.items()):
            for key in stamps:
                mentions[key].append(page)
        for node in self.document.findall(nodes.citation):
            key = ids.get(node["ids"][0]) if node["ids"] else None
            if key is None:
                continue
            node += self._backlinks(docname, features.get(key, []), mentions.get(key, []))
            node += make_bibtex_block(catalog, key)

    def _page_title(self, docname: str) -> str:
        week = news_domain(self.env).weeks.get(docname)
        if week is not None and week["title"]:
            return week["title"]
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def _backlinks(self, fromdoc: str, features: list[ItemRecord], mentions: list[str]) -> list[nodes.Node]:
        featured_pages = {record["docname"] for record in features}
        cited = [page for page in mentions if page not in featured_pages and page != fromdoc]
        if not features and not cited:
            return []
        # no-search: links to other pages, whose own text is indexed there.
        para = nodes.paragraph(classes=["mlnews-backlinks", "no-search"])
        builder = self._builder
        groups = (
            ("紹介", [(r["docname"], r["anchor"], "mlnews-featured-in") for r in features]),
            ("言及", [(page, "", "mlnews-cited-in") for page in cited]),
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
                    para += nodes.Text("、")
                uri = builder.get_relative_uri(fromdoc, page) + (f"#{anchor}" if anchor else "")
                title = self._page_title(page)
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
    """Register the bibliography's extras, its entries' HTML and the pass that reuses its formatting."""
    app.add_post_transform(BibliographyExtras)
    app.add_node(nodes.citation, override=True, html=(_visit_citation_html, _depart_citation_html))
    # After sphinxcontrib-bibtex's own env-updated handler, which formats the entries.
    app.connect("env-updated", _updated, priority=600)
