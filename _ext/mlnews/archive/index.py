"""The archive's index: weeks, summaries, features and citations, built once per build.

A derived view of :mod:`mlnews.data` (:func:`archive_index`, cached until a
page's data changes), built on ``env-updated`` by the engine and handed to
every placeholder's model (:mod:`mlnews.archive.registry`) and to the
bibliography's backlinks.

**What features a paper.** A page features a paper when it has a ``paper``
card of it, or when one of its *curated* ``paperlist`` lists shows it: a list
filtered by ``:picks:`` or ``:tags:``, or one that names its ``:papers:``.
A period's unfiltered list (every paper of the month, "この月の論文") and the
generated tag pages are navigation: they list every paper and feature none.
:func:`is_curated` is that line, :meth:`ArchiveIndex.select` is what a list
shows, and :meth:`ArchiveIndex.featured_pages` is the one answer the cards'
"featured in" and the bibliography's "紹介" both give.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..core.arxiv_id import parse_arxiv_id
from ..core.cardrules import paper_ident
from ..core.periods import parse_period
from ..data import ItemRecord, NewsData, WeekRecord

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..core.periods import Period

__all__ = ["ArchiveIndex", "Selection", "archive_index", "is_curated"]


def is_curated(spec: Mapping[str, Any]) -> bool:
    """Whether a placeholder's *spec* is a ``paperlist`` the author curated (it features what it shows)."""
    return spec.get("kind") == "paperlist" and bool(spec.get("picks") or spec.get("tags") or spec.get("papers"))


class Selection:
    """What a ``paperlist`` shows: ``(week docname, card)`` pairs in list order, and the names
    of a ``:papers:`` list that no week brought."""

    __slots__ = ("entries", "unknown")

    def __init__(self, entries: list[tuple[str, ItemRecord]], unknown: list[str]) -> None:
        self.entries = entries
        self.unknown = unknown


class ArchiveIndex:
    """The site's weeks, summaries, features and citations, indexed once per build."""

    def __init__(self, env: BuildEnvironment) -> None:
        news = NewsData(env)
        self.env = env
        self.weeks: list[WeekRecord] = news.sorted_weeks()
        self.dates = [week["date"] for week in self.weeks]
        self.position = {week["docname"]: i for i, week in enumerate(self.weeks)}
        self.by_number: dict[tuple[int, int], list[WeekRecord]] = defaultdict(list)
        for week in self.weeks:
            self.by_number[week["year"], week["week"]].append(week)
        self.items = news.cards_by_page()
        self.summaries: dict[str, str] = {}
        summaries = news.summaries()
        for docname in sorted(summaries):
            self.summaries.setdefault(summaries[docname]["period"], docname)
        self.features: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for record in news.all_cards():
            ident = paper_ident(record) if record["kind"] == "paper" else ""
            if ident:
                self.features[ident].append((record["docname"], record["anchor"], record["lineno"]))
        self.citers: Mapping[str, list[str]] = news.citers_by_key()
        self._slots = news.slots()

    def select(self, spec: Mapping[str, Any]) -> Selection:
        """The cards a ``paperlist`` of *spec* shows (its period already the page's, if it named none)."""
        if spec.get("papers"):
            entries, unknown = [], []
            for name in spec["papers"]:
                parsed = parse_arxiv_id(name)
                hit = self._first_weeks.get(parsed.base if parsed else name)
                if hit is None:
                    unknown.append(name)
                else:
                    entries.append(hit)
            return Selection(entries, unknown)
        period = parse_period(spec.get("period") or "")
        if period is None:
            return Selection([], [])
        wanted = set(spec.get("tags") or ())
        kind = spec.get("items") or "paper"
        entries = [
            (week["docname"], record)
            for week in self.weeks_in(period)
            for record in self.items.get(week["docname"], ())
            if (kind == "all" or record["kind"] == kind)
            and (record["pick"] or not spec.get("picks"))
            and (not wanted or not wanted.isdisjoint(record["tags"]))
        ]
        return Selection(entries, [])

    @cached_property
    def _first_weeks(self) -> dict[str, tuple[str, ItemRecord]]:
        """Each paper's first week card, by BibTeX key and by arXiv ID (what ``:papers:`` names)."""
        found: dict[str, tuple[str, ItemRecord]] = {}
        for week in self.weeks:
            for record in self.items.get(week["docname"], ()):
                if record["kind"] != "paper":
                    continue
                for name in (record["key"], record["arxiv"]):
                    if name:
                        found.setdefault(name, (week["docname"], record))
        return found

    @cached_property
    def listings(self) -> Mapping[str, list[str]]:
        """The pages whose curated ``paperlist`` lists show each paper (by :func:`paper_ident`), by name."""
        listings: dict[str, list[str]] = defaultdict(list)
        for docname in sorted(self._slots):
            shown: set[str] = set()
            for spec in self._slots[docname]:
                if not is_curated(spec):
                    continue
                for _week, record in self.select(spec).entries:
                    ident = paper_ident(record) if record["kind"] == "paper" else ""
                    if ident and ident not in shown:
                        shown.add(ident)
                        listings[ident].append(docname)
        return listings

    def featured_pages(self, ident: str) -> dict[str, str]:
        """The pages that feature the paper *ident*, each with its card's anchor ('' for a list), by name."""
        pages: dict[str, str] = {}
        for page, anchor, _line in self.features.get(ident, ()):
            pages.setdefault(page, anchor)
        for page in self.listings.get(ident, ()):
            pages.setdefault(page, "")
        return pages

    def title(self, docname: str) -> str:
        """A page's title as links to it name it (:meth:`NewsData.page_title`)."""
        return NewsData(self.env).page_title(docname)

    def is_week(self, docname: str) -> bool:
        return docname in self.position

    def order(self, docname: str) -> tuple[int, str, int, str]:
        """Sort key of pages: weeks by date first, then summaries by period (the one that ends
        first, of those the shortest: a month, its quarter, its half, its year), then by name."""
        if docname in self.position:
            return (0, self.weeks[self.position[docname]]["date"], 0, docname)
        span = self._summary_spans.get(docname)
        if span is not None:
            start, end = span
            # The later start first, among periods that end together: the shorter one.
            return (1, end, -dt.date.fromisoformat(start).toordinal(), docname)
        return (2, "", 0, docname)

    @cached_property
    def _summary_spans(self) -> dict[str, tuple[str, str]]:
        spans = {}
        for period, docname in self.summaries.items():
            parsed = parse_period(period)
            if parsed is not None:
                spans[docname] = parsed.date_range()
        return spans

    def weeks_in(self, period: Period) -> list[WeekRecord]:
        """The weeks of *period*, oldest first; costs what it returns."""
        if period.kind == "week":
            return list(self.by_number.get((period.year, period.number), ()))
        start, end = period.date_range()
        return self.weeks[bisect.bisect_left(self.dates, start) : bisect.bisect_left(self.dates, end)]

    def summary_of(self, period: Period) -> str:
        """The docname of *period*'s summary page, or ''."""
        return self.summaries.get(str(period), "")


def archive_index(env: BuildEnvironment) -> ArchiveIndex:
    """The archive's index of *env*, made once until a page's data changes."""
    return NewsData(env).derived("archive_index", lambda: ArchiveIndex(env))
