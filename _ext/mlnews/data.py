"""The one owner of the newsletter's data: :class:`NewsDomain`.

Everything mlnews knows about the site (each week's date and number, each
item of each page) is collected per document from the doctree after it is
read, dropped in :meth:`NewsDomain.clear_doc` when the document is read
again, and merged back from parallel readers in
:meth:`NewsDomain.merge_domaindata`. Nothing lives in module or class state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, TypedDict, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType

from .bib.catalog import BibCatalog
from .bib.cite_domain import bib_files_stamp
from .bib.paper_index import PaperIndex
from .core.frontmatter import front_matter_line
from .messages import warn
from .cards.nodes import card, paper_card
from .core.weeks import check_week_page, is_week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["NewsDomain", "WeekRecord", "ItemRecord", "news_domain"]

DATA_VERSION = 7
"""Bump when the shape of the stored data changes (it is the ``env_version``)."""


PER_DOC_TABLES = ("weeks", "items", "lookups", "refstamps", "summaries", "slots", "cites")
"""The tables kept per page: cleared when it is read again, merged from parallel readers."""


class WeekRecord(TypedDict):
    """A week's page."""

    docname: str
    date: str
    """The start date, ISO format."""
    year: int
    week: int
    title: str


class ItemRecord(TypedDict):
    """One card of a page."""

    docname: str
    lineno: int
    anchor: str
    kind: str
    """``paper`` or ``item``."""
    key: str
    """BibTeX key of a paper ('' for items and for unresolved papers)."""
    arxiv: str
    """arXiv ID without version ('' when none)."""
    url: str
    title: str
    headline: str
    pick: bool
    tags: list[str]
    section: str
    """Title of the page section that holds the card (論文, 技術的な記事, ...)."""


def _docinfo_field(doctree: nodes.document, name: str) -> str | None:
    """A front-matter field's text, from the docinfo that MyST makes of it."""
    for docinfo in doctree.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            if field[0].astext().strip() == name:
                return field[1].astext().strip()
    return None


def _section_title(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None and not (
        isinstance(parent, nodes.section) and not isinstance(parent, card)
    ):
        parent = parent.parent
    if parent is None or not isinstance(parent[0], nodes.title):
        return ""
    return parent[0].astext()


class NewsDomain(Domain):
    """Weeks and items of the newsletter."""

    name = "mlnews"
    label = "Akira's ML news"
    data_version = DATA_VERSION
    object_types = {"paper": ObjType("paper"), "item": ObjType("item")}
    initial_data: dict[str, Any] = {
        "weeks": {},  # docname -> WeekRecord
        "items": {},  # docname -> [ItemRecord]
        "lookups": {},  # docname -> {"arxiv:<id>"|"key:<key>": fingerprint or None}
        # The archive (mlnews.archive.engine): per page, then derived from all pages after each read.
        "summaries": {},  # docname -> {"period": "2020-Q4"} of a summary page
        "slots": {},  # docname -> [placeholder spec], in page order
        "cites": {},  # docname -> [BibTeX keys the page cites outside its cards]
        "models": {},  # docname -> [what each placeholder shows]; recomputed on env-updated
        "digests": {},  # docname -> digest of its models, to find the pages to rewrite
        "nav": "",  # digest of the toctrees and titles every page's sidebar shows
        "refstamps": {},  # docname -> {bibtex key: stamp or None}, every entry the page shows
        "bibdigest": "",  # digest of the global bibliography's backlinks (bibrefs.py)
        "bibfiles": "",  # the bib files (paths, mtimes) the pages were last checked against
        "descriptions": {},  # summary docname -> its social-card description; recomputed on env-updated
        # Transient, main process only: the navigation (title, toctree entries) of the
        # pages about to be re-read, as it was before; emptied when compared (sidebar.py).
        "nav_before": {},
    }

    _index: PaperIndex | None = None
    _index_source: object = None
    _catalog: BibCatalog | None = None
    _catalog_source: object = None
    pybtex_capture: Any = None
    """pybtex's error capture while sphinxcontrib-bibtex parses (see bibrefs; not stored)."""
    pages_changed: bool = False
    """Whether this build reads any page (set on env-get-outdated; not stored)."""

    @property
    def weeks(self) -> dict[str, WeekRecord]:
        """Week pages by docname."""
        return self.data["weeks"]

    @property
    def items(self) -> dict[str, list[ItemRecord]]:
        """Cards by docname, in page order."""
        return self.data["items"]

    @property
    def lookups(self) -> dict[str, dict[str, str | None]]:
        """What each page looked up in the bibliography, with what it found."""
        return self.data["lookups"]

    @property
    def nav_before(self) -> dict[str, Any]:
        """Navigation of the pages being re-read, as before the read (see ``sidebar.py``)."""
        return self.data["nav_before"]

    def bib_files_unchanged(self) -> bool:
        """Whether the bib files are the ones every page was last checked against:
        then no page can show a stale entry, and the checks need not run."""
        return self.data.get("bibfiles") == _bib_files_stamp(self.env)

    def paper_index(self) -> PaperIndex:
        """The bibliography by key and arXiv ID, rebuilt when the bib files are re-parsed."""
        bibdata = self.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
        if self._index is None or self._index_source is not bibdata:
            self._index = PaperIndex(bibdata.data)
            self._index_source = bibdata
        return self._index

    @property
    def refstamps(self) -> dict[str, dict[str, str | None]]:
        """The bibliography entries each page shows (cards and citations), with their stamps."""
        return self.data["refstamps"]

    def bib_catalog(self) -> BibCatalog:
        """Sources, labels and stamps of the bibliography, rebuilt when the bib files are re-parsed."""
        bibdata = self.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
        if self._catalog is None or self._catalog_source is not bibdata:
            self._catalog = BibCatalog(bibdata)
            self._catalog_source = bibdata
        return self._catalog

    def sorted_weeks(self) -> list[WeekRecord]:
        """All weeks, oldest first."""
        return sorted(self.weeks.values(), key=lambda w: (w["date"], w["docname"]))

    def iter_items(self) -> Iterator[ItemRecord]:
        """Every card of the site."""
        for docname in sorted(self.items):
            yield from self.items[docname]

    def features_by_key(self) -> dict[str, list[ItemRecord]]:
        """The cards of each paper, by BibTeX key, in page order."""
        features: dict[str, list[ItemRecord]] = {}
        for record in self.iter_items():
            if record["kind"] == "paper" and record["key"]:
                features.setdefault(record["key"], []).append(record)
        return features

    def clear_doc(self, docname: str) -> None:
        for name in PER_DOC_TABLES:
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in PER_DOC_TABLES:
            for docname, value in otherdata[name].items():
                if docname in docnames:
                    self.data[name][docname] = value

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        if is_week_docname(docname):
            self._process_week(docname, document)
        records: list[ItemRecord] = []
        lookups: dict[str, str | None] = {}
        for node in document.findall(card):
            records.append(
                ItemRecord(
                    docname=docname,
                    lineno=node.line or 0,
                    anchor=node["ids"][0] if node["ids"] else "",
                    kind="paper" if isinstance(node, paper_card) else "item",
                    key=node.get("bibkey", ""),
                    arxiv=node.get("arxiv", ""),
                    url=node.get("url", ""),
                    title=node.get("papertitle", ""),
                    headline=node[0].astext() if len(node) else "",
                    pick=bool(node.get("pick")),
                    tags=list(node.get("tags", [])),
                    section=_section_title(node),
                )
            )
            if isinstance(node, paper_card) and node.get("lookup"):
                lookups[node["lookup"]] = node.get("fingerprint")
        if records:
            self.items[docname] = records
        if lookups:
            self.lookups[docname] = lookups

    def _process_week(self, docname: str, document: nodes.document) -> None:
        text = _docinfo_field(document, "date")
        line = front_matter_line(document["source"], "date")
        if text is None and line is not None:
            # The page has a date line but MyST could not read its front matter
            # as YAML: MyST has said so (myst.topmatter); one warning is enough.
            return
        week, problems = check_week_page(docname, text)
        for report in problems:
            warn(report, (docname, line or 1))
        if week is None:
            return
        title = next(iter(document.findall(nodes.title)), None)
        self.weeks[docname] = WeekRecord(
            docname=docname,
            date=week.start.isoformat(),
            year=week.year,
            week=week.number,
            title=title.astext() if title is not None else "",
        )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for record in self.iter_items():
            name = record["arxiv"] or record["key"] or record["anchor"]
            yield name, record["headline"], record["kind"], record["docname"], record["anchor"], 1


def news_domain(env: BuildEnvironment) -> NewsDomain:
    """The newsletter domain of *env*."""
    return cast(NewsDomain, env.get_domain("mlnews"))


def _bib_files_stamp(env: BuildEnvironment) -> str:
    return bib_files_stamp(env.get_domain("cite").bibdata)  # type: ignore[attr-defined]


def remember_bib_files(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading, every page is current with these bib files (``env-updated``)."""
    news_domain(env).data["bibfiles"] = _bib_files_stamp(env)
    return []


def outdated_by_bibliography(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages that show a paper whose BibTeX entry changed (or now exists) since they were read."""
    domain = news_domain(env)
    if domain.bib_files_unchanged():
        return []
    index = domain.paper_index()
    return [
        docname
        for docname, lookups in domain.lookups.items()
        if docname not in changed | removed
        and any(index.fingerprint(lookup) != found for lookup, found in lookups.items())
    ]
