"""sphinxcontrib-bibtex's citation domain, without its scans of every citation.

sphinxcontrib-bibtex 2.7 was written for documents with tens of citations.
With a bibliography of every paper of the archive, four of its steps grow
with the square of the archive or cost a full pass on every build:

* ``get_filtered_entries`` asks, for each entry of the ``.bib`` file, which
  pages cite it by scanning every citation reference of the site;
* ``resolve_xref`` finds the entry of each ``{cite}`` by scanning every
  formatted citation of the site;
* ``get_all_cited_keys`` orders citations with a list scan per citation;
* ``env_updated`` formats every entry of every bibliography again on every
  build, even when one week's text was edited and nothing in the
  bibliography changed, and twice (once more as its own tooltip).

When nothing the citations are made from changed since the last build (the
``.bib`` files, every bibliography directive, which keys each page cites, the
page order, the configuration), ``env_updated`` keeps the last build's
citations as they are: a signature of those inputs
(:func:`~mlnews.build.digest.digest`) is kept in the domain's data.

Labels are computed once: a bibliography that lists the catalog's entries
in the catalog's order with the catalog's style takes the catalog's labels
(:class:`~mlnews.bib.catalog.BibCatalog`, which labels every entry when the
bib files are read) instead of labelling them again.

:class:`IndexedBibtexDomain` replaces the domain with a subclass that keeps
its data and behaviour and answers those questions from indexes built once
per build, and reuses an entry's formatted text from the previous build when
the bibliography, the entry, its label and the configuration are all
unchanged (pybtex formats an entry from its fields and label alone), and
makes an entry's tooltip the entry's own formatted text when no tooltip style
is set, as sphinxcontrib-bibtex would format it, instead of a second copy.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import pybtex.plugin
from pybtex.richtext import Tag
from pybtex.style import FormattedEntry
from pybtex.style.template import FieldIsMissing
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..build.compat import bibtex_docnames, bibtex_logger, config_unchanged, filter_visitor
from ..build.digest import digest
from ..data import NewsData
from .format_cache import format_with_cache

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import Citation

__all__ = ["IndexedBibtexDomain", "setup_bibtex_index"]


def _bib_files(bibdata: Any) -> list[Any]:
    """The bib files as parsed (sphinxcontrib-bibtex's ``BibData``): encoding, paths and
    modification times. They are parsed again exactly when this changes."""
    return [bibdata.encoding, [(str(path), bibfile.mtime) for path, bibfile in bibdata.bibfiles.items()]]


class IndexedBibtexDomain(BibtexDomain):
    """The ``cite`` domain of sphinxcontrib-bibtex, with indexes instead of scans."""

    # Transient, rebuilt in every env_updated (never pickled state of their own:
    # the domain's data is sphinxcontrib-bibtex's, unchanged).
    _cited_docnames: dict[str, set[str]] | None = None
    _previous: dict[tuple[Any, str], tuple[Citation, str]] | None = None
    _cleared: dict[tuple[Any, str], tuple[Citation, str]] | None = None
    _by_key: dict[str, list[tuple[int, Citation]]] | None = None
    _by_key_source: object = None

    SIGNATURE = "mlnews_signature"
    """Key of the inputs' signature in the domain's data (pickled with it)."""

    def _signature(self) -> str:
        """A digest of everything ``env_updated`` makes the citations from."""
        bibliographies = []
        for key, value in sorted(self.bibliographies.items(), key=lambda item: (item[0].docname, item[0].id_)):
            nodes_ids = [(k, list(node["ids"])) for k, node in value.citation_nodes.items()]
            fields = (value.bibfiles, value.style, value.list_, value.enumtype, value.start, value.labelprefix)
            bibliographies.append((key, fields, value.keyprefix, ast.dump(value.filter_), value.keys, nodes_ids))
        # Which pages cite which keys, in page order (a stable sort keeps each page's own order).
        refs = sorted(self.citation_refs, key=lambda ref: ref.docname)
        config = self.env.config
        return digest(
            [
                _bib_files(self.bibdata),
                bibliographies,
                [(ref.docname, [t.key for t in ref.targets]) for ref in refs],
                list(bibtex_docnames(self.env)),
                (config.bibtex_tooltips, config.bibtex_tooltips_style),
            ]
        )

    def env_updated(self) -> Iterable[str]:
        signature = self._signature()
        unchanged = (
            config_unchanged(self.env)
            and not self._cleared
            and self.data.get(self.SIGNATURE) == signature
            and bool(self.citations)
        )
        if unchanged:
            # The citations restored from the last build are what formatting would make.
            self._citations_of(())
            return []
        updated = self._format_citations()
        self.data[self.SIGNATURE] = signature
        return updated

    def _format_citations(self) -> Iterable[str]:
        cited: dict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited[target.key].add(citation_ref.docname)
        self._cited_docnames = cited
        # What the last build formatted, with the style it was formatted in: the
        # citations of pages read again were set aside in clear_doc. A changed
        # configuration may format differently: then nothing is reused.
        previous = dict(self._cleared or {})
        self._cleared = None
        for citation in self.citations:
            bibliography = self.bibliographies.get(citation.bibliography_key)
            if bibliography is not None:
                previous[(citation.bibliography_key, citation.key)] = (citation, bibliography.style)
        self._previous = previous if config_unchanged(self.env) else {}
        try:
            updated = super().env_updated()
        finally:
            self._cited_docnames = None
            self._previous = None
        # Index the new citations here, in the main process, so that parallel
        # writers inherit the index instead of each building its own.
        self._citations_of(())
        return updated

    def clear_doc(self, docname: str) -> None:
        # Keep what this page's bibliographies formatted until env_updated, where an
        # entry that did not change need not be formatted again.
        if self._cleared is None:
            self._cleared = {}
        for citation in self.citations:
            if citation.bibliography_key.docname == docname:
                bibliography = self.bibliographies.get(citation.bibliography_key)
                if bibliography is not None:
                    self._cleared[(citation.bibliography_key, citation.key)] = (citation, bibliography.style)
        super().clear_doc(docname)

    def get_filtered_entries(self, bibliography_key: Any) -> Iterable[tuple[str, Any]]:
        if self._cited_docnames is None:
            yield from super().get_filtered_entries(bibliography_key)
            return
        # sphinxcontrib-bibtex's own loop, with the cited pages looked up.
        bibliography = self.bibliographies[bibliography_key]
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = self._cited_docnames.get(key, set())
            visitor = filter_visitor(
                entry=entry,
                docname=bibliography_key.docname,
                cited_docnames=cited_docnames,
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                bibtex_logger().warning(
                    "syntax error in :filter: expression; %s" % err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_all_cited_keys(self, docnames: list[str]) -> Iterable[str]:
        # The parent sorts with docnames.index() per citation: a scan of every page each.
        position = {docname: number for number, docname in enumerate(docnames)}
        for citation_ref in sorted(self.citation_refs, key=lambda c: position[c.docname]):
            for target in citation_ref.targets:
                yield target.key

    def get_formatted_entries(
        self, bibliography_key: Any, docnames: list[str], tooltips: bool, tooltips_style: str
    ) -> Iterable[tuple[Any, Any, Any]]:
        previous = self._previous or {}
        bibliography = self.bibliographies[bibliography_key]
        # sphinxcontrib-bibtex's own loop, taking an entry's old text when nothing
        # it depends on changed.
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", bibliography.style)()
        style2 = (
            (pybtex.plugin.find_plugin("pybtex.style.formatting", tooltips_style)() if tooltips_style else style)
            if tooltips
            else None
        )
        sorted_entries = list(style.sort(entries.values()))
        for style_label, entry in zip(self._labels(bibliography.style, style, sorted_entries), sorted_entries):
            label = bibliography.labelprefix + style_label
            old, old_style = previous.get((bibliography_key, bibliography.keyprefix + entry.key), (None, None))
            if (
                old is not None
                and old_style == bibliography.style
                and old.formatted_entry.label == label
                and (old.tooltip_entry is not None) == (style2 is not None)
                and "crossref" not in entry.fields
                and old.entry == entry
            ):
                yield entry, old.formatted_entry, old.tooltip_entry
                continue
            try:
                formatted = format_with_cache(self.env, style, bibliography.style, label, entry)
                # Without a tooltip style the tooltip is the entry itself: one object
                # for both, formatted once and pickled once.
                if style2 is style:
                    tooltip = formatted
                else:
                    tooltip = format_with_cache(self.env, style2, tooltips_style, label, entry) if style2 else None
                yield entry, formatted, tooltip
            except FieldIsMissing as exc:
                bibtex_logger().warning(
                    str(exc),
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="missing_field",
                )
                yield entry, FormattedEntry(entry.key, Tag("b", str(exc)), label), None

    def _labels(self, style_name: str, style: Any, sorted_entries: list[Any]) -> Iterable[str]:
        """The labels of *sorted_entries*: the catalog's when they are the catalog's entries in
        its order and style (a label style labels a sorted list, so the labels are the same)."""
        catalog = NewsData(self.env).catalog()
        if (
            catalog.style == style_name
            and len(sorted_entries) == len(catalog.order)
            and all(entry.key == key for entry, key in zip(sorted_entries, catalog.order))
            and all(entry is catalog.entry(entry.key) for entry in sorted_entries)
        ):
            return [catalog.label(entry.key) for entry in sorted_entries]
        return style.format_labels(sorted_entries)

    def _citations_of(self, keys: Iterable[str]) -> list[Citation]:
        """The citations with these keys, in the domain's order."""
        citations = self.data["citations"]
        if self._by_key is None or self._by_key_source is not citations:
            index: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
            for position, citation in enumerate(citations):
                index[citation.key].append((position, citation))
            self._by_key, self._by_key_source = index, citations
        found = sorted(item for key in set(keys) for item in self._by_key.get(key, ()))
        return [citation for _, citation in found]

    def resolve_xref(self, env: Any, fromdocname: str, builder: Any, typ: str, target: str, node: Any, contnode: Any) -> Any:
        # The parent scans self.citations for the target's keys: hand it only those.
        keys = [t.key for t in parse_citation_targets(target)]
        everything = self.data["citations"]
        self.data["citations"] = self._citations_of(keys)
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = everything


def _choose_domain(app: Sphinx, config: Any) -> None:
    if config.mlnews_indexed_cite_domain:
        # Before the environment is made (or loaded): it makes its domains from the registry.
        app.add_domain(IndexedBibtexDomain, override=True)


def setup_bibtex_index(app: Sphinx) -> None:
    """Put the indexed domain in place of sphinxcontrib-bibtex's (same name, same data).

    ``mlnews_indexed_cite_domain = False`` keeps sphinxcontrib-bibtex's own domain."""
    app.add_config_value("mlnews_indexed_cite_domain", True, "", types=[bool])
    app.connect("config-inited", _choose_domain)
