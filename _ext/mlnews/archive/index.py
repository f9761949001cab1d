"""The archive's index: weeks, summaries, features and citations, built once per build.

A derived view of :mod:`mlnews.data`, built on ``env-updated`` by the engine
and handed to every placeholder's model (:mod:`mlnews.archive.registry`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import TYPE_CHECKING

from ..core.cardrules import paper_ident
from ..data import WeekRecord, news_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..core.periods import Period

__all__ = ["ArchiveIndex"]


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
