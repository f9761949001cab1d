"""The archive's index: weeks, summaries, features and citations, built once per build.

A derived view of :mod:`mlnews.data` (:func:`archive_index`, cached until a
page's data changes), built on ``env-updated`` by the engine and handed to
every placeholder's model (:mod:`mlnews.archive.registry`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.cardrules import paper_ident
from ..data import NewsData, WeekRecord

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..core.periods import Period

__all__ = ["ArchiveIndex", "archive_index"]


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


def archive_index(env: BuildEnvironment) -> ArchiveIndex:
    """The archive's index of *env*, made once until a page's data changes."""
    return NewsData(env).derived("archive_index", lambda: ArchiveIndex(env))
