"""The one owner of the newsletter's data: :class:`NewsDomain`, read through :class:`NewsData`.

Everything mlnews knows about the site is kept in the ``mlnews`` domain's
tables, pickled with the environment:

* **per page** (:data:`PER_DOC_TABLES`), collected from a page's doctree after
  it is read, dropped in :meth:`NewsDomain.clear_doc` when it is read again,
  and merged back from parallel readers in :meth:`NewsDomain.merge_domaindata`:
  its week (``weeks``), its cards (``items``), the papers it cites outside its
  cards (``cites``), what its cards and citations looked up in the
  bibliography and what they found (``lookups``, the staleness record that
  :mod:`mlnews.build.staleness` checks), a summary's period (``summaries``)
  and its archive placeholders (``slots``);
* **derived after every read** (``models``: what each placeholder shows;
  ``shown``: the digest of what each page shows of each derived view);
* **the bibliography** (``catalog``: :class:`~mlnews.bib.catalog.BibCatalog`,
  made once per parse of the bib files, and ``bib_checked``: the catalog the
  pages' lookups were last checked against).

Each table's rows are a ``TypedDict`` here, and :class:`NewsData` has a
method for every read and write: no other module indexes the domain's data.
Views derived from the tables (the cards of each paper, the pages citing
each paper, the archive's index) are cached for one build and dropped
whenever a page's data changes. What a build knows in passing (those caches,
the entries formatted this build, whether any page's data changed) is kept
off the pickled domain, in a :class:`BuildState` per environment.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .bib.catalog import BibCatalog, Found
from .cards.nodes import card, paper_card
from .core.frontmatter import front_matter_line
from .core.weeks import check_week_page, is_week_docname
from .messages import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

__all__ = [
    "DATA_VERSION",
    "NewsDomain",
    "NewsData",
    "BuildState",
    "WeekRecord",
    "ItemRecord",
    "SummaryRecord",
    "NewsTables",
]

DATA_VERSION = 7
"""Bump when the shape of the stored data changes (it is the ``env_version``)."""


class WeekRecord(TypedDict):
    """A week's page (table ``weeks``, by docname)."""

    docname: str
    date: str
    """The start date, ISO format."""
    year: int
    week: int
    title: str


class ItemRecord(TypedDict):
    """One card of a page (table ``items``: a list per docname, in page order)."""

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


class SummaryRecord(TypedDict):
    """A summary page (table ``summaries``, by docname)."""

    period: str
    """Its period as written canonically: ``2020``, ``2020-H2``, ``2020-Q4`` or ``2020-11``."""


class NewsTables(TypedDict):
    """The domain's data: every table and its shape."""

    weeks: dict[str, WeekRecord]
    items: dict[str, list[ItemRecord]]
    cites: dict[str, list[str]]
    """docname -> the BibTeX keys it cites outside its cards' own labels, sorted."""
    lookups: dict[str, dict[str, Found]]
    """docname -> {``arxiv:<ID>`` | ``key:<key>``: (key found or '', its stamp or None)}."""
    summaries: dict[str, SummaryRecord]
    slots: dict[str, list[dict[str, Any]]]
    """docname -> the spec of each archive placeholder, in page order."""
    models: dict[str, list[Any]]
    """docname -> what each placeholder shows; recomputed after every read."""
    shown: dict[str, dict[str, str]]
    """derived view -> docname -> digest of what the page shows of it (mlnews.build.staleness)."""
    catalog: BibCatalog | None
    bib_checked: str
    """The stamp of the catalog every page's lookups are current with."""


PER_DOC_TABLES = ("weeks", "items", "cites", "lookups", "summaries", "slots")
"""The tables kept per page: cleared when it is read again, merged from parallel readers."""

_T = TypeVar("_T")


@dataclass
class BuildState:
    """What one build knows in passing: never pickled, made anew for every build."""

    data_changed: bool = False
    """Whether any page's data changed (was read, re-read or removed) in this build."""
    derived: dict[str, Any] = field(default_factory=dict)
    """Views derived from the tables, by name; dropped whenever a page's data changes."""
    formatted: dict[str, Any] = field(default_factory=dict)
    """Bibliography entries formatted this build (pybtex ``FormattedEntry``), by key."""
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Where each entry stands in a ``{bibliography}``: (docname, citation id)."""
    format_cache: Any = None
    """The formatted entries kept between builds (:class:`mlnews.bib.format_cache.FormatCache`), or ``None``."""


_STATES: weakref.WeakKeyDictionary[Any, BuildState] = weakref.WeakKeyDictionary()

_EMPTY_CATALOG: list[BibCatalog] = []


def _state(env: BuildEnvironment) -> BuildState:
    state = _STATES.get(env)
    if state is None:
        state = _STATES[env] = BuildState()
    return state


def _docinfo_field(doctree: nodes.document, name: str) -> str | None:
    """A front-matter field's text, from the docinfo that MyST makes of it.

    docutils turns a field whose name is one of its language's bibliographic
    fields into an element of its own: in an English build (``language = "en"``)
    ``date:`` becomes ``<date>``, in a Japanese one it stays a field.
    """
    for docinfo in doctree.findall(nodes.docinfo):
        for child in docinfo.children:
            if isinstance(child, nodes.field):
                if child[0].astext().strip() == name:
                    return child[1].astext().strip()
            elif child.tagname == name:
                return child.astext().strip()
    return None


def _section_title(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None and not (isinstance(parent, nodes.section) and not isinstance(parent, card)):
        parent = parent.parent
    if parent is None or not isinstance(parent[0], nodes.title):
        return ""
    return parent[0].astext()


def _on_card_label(xref: nodes.Node) -> bool:
    """Whether a citation is a card's own label (``span.mlnews-cite``): the card features the paper."""
    parent = xref.parent
    while parent is not None and not isinstance(parent, nodes.document):
        if "mlnews-cite" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


class NewsDomain(Domain):
    """Weeks, cards, citations and the archive of the newsletter (read through :class:`NewsData`)."""

    name = "mlnews"
    label = "Akira's ML news"
    data_version = DATA_VERSION
    object_types = {"paper": ObjType("paper"), "item": ObjType("item")}
    initial_data: dict[str, Any] = {
        "weeks": {},
        "items": {},
        "cites": {},
        "lookups": {},
        "summaries": {},
        "slots": {},
        "models": {},
        "shown": {},
        "catalog": None,
        "bib_checked": "",
    }

    @property
    def tables(self) -> NewsTables:
        return cast(NewsTables, self.data)

    def clear_doc(self, docname: str) -> None:
        for name in PER_DOC_TABLES:
            self.data[name].pop(docname, None)
        _data_changed(self.env)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in PER_DOC_TABLES:
            for docname, value in otherdata[name].items():
                if docname in docnames:
                    self.data[name][docname] = value
        _data_changed(self.env)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        tables = self.tables
        if is_week_docname(docname):
            self._process_week(docname, document)
        catalog = NewsData(env).catalog()
        records: list[ItemRecord] = []
        lookups: dict[str, Found] = {}
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
                lookups[node["lookup"]] = catalog.resolve(node["lookup"])
        cites: set[str] = set()
        for xref in document.findall(addnodes.pending_xref):
            if xref.get("refdomain") != "cite" or _on_card_label(xref):
                continue  # a card's own label: the card's lookup covers it
            for target in parse_citation_targets(xref["reftarget"]):
                cites.add(target.key)
                lookups[f"key:{target.key}"] = catalog.resolve(f"key:{target.key}")
        if records:
            tables["items"][docname] = records
        if cites:
            tables["cites"][docname] = sorted(cites)
        if lookups:
            tables["lookups"][docname] = lookups
        _data_changed(env)

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
        self.tables["weeks"][docname] = WeekRecord(
            docname=docname,
            date=week.start.isoformat(),
            year=week.year,
            week=week.number,
            title=title.astext() if title is not None else "",
        )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for record in NewsData(self.env).all_cards():
            name = record["arxiv"] or record["key"] or record["anchor"]
            yield name, record["headline"], record["kind"], record["docname"], record["anchor"], 1


def _data_changed(env: BuildEnvironment) -> None:
    state = _state(env)
    state.data_changed = True
    state.derived.clear()


class NewsData:
    """Every read and write of the newsletter's data, for one environment.

    As sphinx-needs' ``SphinxNeedsData``: the only code that knows where the
    data lives. Cheap to make; make one where it is needed.
    """

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self._tables = cast(NewsDomain, env.get_domain("mlnews")).tables

    # --- the build --------------------------------------------------------------

    @property
    def build(self) -> BuildState:
        """This build's transient state (never pickled)."""
        return _state(self.env)

    def begin_build(self) -> None:
        """A build starts (``env-get-outdated``): forget what the last one knew in passing."""
        _STATES[self.env] = BuildState()

    def derived(self, name: str, make: Callable[[], _T]) -> _T:
        """The view *name* derived from the tables, made once until a page's data changes."""
        cache = self.build.derived
        if name not in cache:
            cache[name] = make()
        return cast(_T, cache[name])

    # --- weeks --------------------------------------------------------------------

    def weeks(self) -> Mapping[str, WeekRecord]:
        """Week pages by docname."""
        return self._tables["weeks"]

    def week(self, docname: str) -> WeekRecord | None:
        """The week of *docname*, or ``None`` when it is no (valid) week page."""
        return self._tables["weeks"].get(docname)

    def page_title(self, docname: str) -> str:
        """A page's title as links to it name it: a week's own title, else Sphinx's."""
        week = self.week(docname)
        if week is not None and week["title"]:
            return week["title"]
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def sorted_weeks(self) -> list[WeekRecord]:
        """All weeks, oldest first."""
        return self.derived(
            "sorted_weeks", lambda: sorted(self._tables["weeks"].values(), key=lambda w: (w["date"], w["docname"]))
        )

    # --- cards ----------------------------------------------------------------------

    def cards(self, docname: str) -> list[ItemRecord]:
        """The cards of *docname*, in page order."""
        return self._tables["items"].get(docname, [])

    def cards_by_page(self) -> Mapping[str, list[ItemRecord]]:
        """Every page's cards."""
        return self._tables["items"]

    def all_cards(self) -> Iterator[ItemRecord]:
        """Every card of the site, pages in name order."""
        items = self._tables["items"]
        for docname in sorted(items):
            yield from items[docname]

    # --- citations and the bibliography ---------------------------------------------

    def cites(self, docname: str) -> list[str]:
        """The keys *docname* cites outside its cards' own labels, sorted."""
        return self._tables["cites"].get(docname, [])

    def cites_by_page(self) -> Mapping[str, list[str]]:
        """Every page's citations (outside its cards' own labels)."""
        return self._tables["cites"]

    def cited_by(self, key: str) -> list[str]:
        """The pages that cite *key* outside its cards' own labels, sorted."""
        return self.citers_by_key().get(key, [])

    def citers_by_key(self) -> Mapping[str, list[str]]:
        """The pages citing each key (outside cards' own labels), sorted."""

        def make() -> dict[str, list[str]]:
            citers: dict[str, list[str]] = {}
            cites = self._tables["cites"]
            for docname in sorted(cites):
                for key in cites[docname]:
                    citers.setdefault(key, []).append(docname)
            return citers

        return self.derived("citers_by_key", make)

    def lookups(self) -> Mapping[str, Mapping[str, Found]]:
        """What each page looked up in the bibliography, with what it found."""
        return self._tables["lookups"]

    def catalog(self) -> BibCatalog:
        """The bibliography (an empty one before the bib files are read)."""
        catalog = self._tables["catalog"]
        if catalog is not None:
            return catalog
        if not _EMPTY_CATALOG:
            _EMPTY_CATALOG.append(BibCatalog([]))
        return _EMPTY_CATALOG[0]

    def set_catalog(self, catalog: BibCatalog) -> None:
        """Keep *catalog* (made from the bib files as they are now) with the environment."""
        self._tables["catalog"] = catalog

    def bib_checked(self) -> str:
        """The stamp of the catalog every page's lookups are current with ('' before any)."""
        return self._tables["bib_checked"]

    def set_bib_checked(self, stamp: str) -> None:
        self._tables["bib_checked"] = stamp

    # --- summaries and the archive --------------------------------------------------

    def summaries(self) -> Mapping[str, SummaryRecord]:
        """Summary pages by docname."""
        return self._tables["summaries"]

    def summary_period(self, docname: str) -> str | None:
        """The period of summary page *docname* (``2020-Q4``), ``None`` for other pages."""
        record = self._tables["summaries"].get(docname)
        return record["period"] if record is not None else None

    def set_summary(self, docname: str, period: str) -> None:
        self._tables["summaries"][docname] = SummaryRecord(period=period)
        _data_changed(self.env)

    def slots(self) -> Mapping[str, list[dict[str, Any]]]:
        """Each page's archive placeholders (their specs), in page order."""
        return self._tables["slots"]

    def set_slots(self, docname: str, specs: list[dict[str, Any]]) -> None:
        self._tables["slots"][docname] = specs
        _data_changed(self.env)

    def models(self, docname: str) -> list[Any]:
        """What each placeholder of *docname* shows (as of the last read)."""
        return self._tables["models"].get(docname, [])

    def set_models(self, models: dict[str, list[Any]]) -> None:
        self._tables["models"] = models

    # --- what pages showed ------------------------------------------------------

    def shown(self, view: str) -> Mapping[str, str]:
        """The digest of what each page showed of derived view *view* when last written."""
        return self._tables["shown"].get(view, {})

    def set_shown(self, view: str, digests: dict[str, str]) -> None:
        self._tables["shown"][view] = digests
