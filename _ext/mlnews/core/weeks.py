"""The newsletter's own week numbering and where a week's page lives.

Weeks start on Sunday. Week 1 of a year is the week that holds 1 January, so
the week starting on Sunday 2020-12-27 is week 1 of 2021, and the week
starting 2020-11-01 is week 45 of 2020. This is not ISO 8601 numbering.

A week's page is ``issues/<YYYY>/<MM>/w<WW>.md`` where ``YYYY`` and ``MM`` are
the year and month of the week's start date and ``WW`` its week number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .warnings import Message, Report

__all__ = [
    "SECTIONS",
    "NewsWeek",
    "week_of",
    "week_start",
    "parse_week_docname",
    "week_docname",
    "check_week_page",
    "is_week_docname",
    "WeekPage",
    "duplicate_weeks",
]

SECTIONS: dict[str, str] = {
    "論文": "papers",
    "技術的な記事": "articles",
    "実社会における機械学習適用例": "applications",
    "その他話題": "other",
}
"""The newsletter's four sections of a week, in order, with their anchors."""

_WEEK_DOC = re.compile(r"^issues/(?P<year>\d{4})/(?P<month>\d{2})/w(?P<week>\d{2})$")


@dataclass(frozen=True, slots=True)
class NewsWeek:
    """A week of the newsletter: its year and number, and its start date."""

    year: int
    number: int
    start: dt.date

    @property
    def end(self) -> dt.date:
        """The Saturday that closes the week."""
        return self.start + dt.timedelta(days=6)


def _sunday_on_or_before(day: dt.date) -> dt.date:
    # date.weekday(): Monday is 0, Sunday is 6.
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def week_of(day: dt.date) -> NewsWeek:
    """The newsletter week that holds *day*."""
    start = _sunday_on_or_before(day)
    # The week belongs to the year of its last day: a week that holds
    # 1 January is week 1 of the new year even though it starts in December.
    year = (start + dt.timedelta(days=6)).year
    first = _sunday_on_or_before(dt.date(year, 1, 1))
    return NewsWeek(year=year, number=(start - first).days // 7 + 1, start=start)


def week_start(year: int, number: int) -> dt.date | None:
    """The Sunday that starts week *number* of *year*, or ``None`` when the year has no such week."""
    if number < 1:
        return None
    start = week_of(dt.date(year, 1, 1)).start + dt.timedelta(weeks=number - 1)
    week = week_of(start)
    return start if (week.year, week.number) == (year, number) else None


def week_docname(start: dt.date, number: int) -> str:
    """The docname of the page for the week starting on *start*."""
    return f"issues/{start.year:04d}/{start.month:02d}/w{number:02d}"


def parse_week_docname(docname: str) -> tuple[int, int, int] | None:
    """``(year, month, week)`` from a week page's docname, or ``None``."""
    match = _WEEK_DOC.match(docname)
    if not match:
        return None
    return int(match["year"]), int(match["month"]), int(match["week"])


def is_week_docname(docname: str) -> bool:
    """Whether *docname* is under ``issues/`` and so meant as a week's page."""
    return docname.startswith("issues/")


def check_week_page(docname: str, date_text: str | None) -> tuple[NewsWeek | None, list[Report]]:
    """The week that a week page's ``date:`` names, and what is wrong with the page.

    Problems are reports of subtype ``week_date`` or ``week_path``; the Sphinx
    build and ``mlnews check`` report the same ones, at the ``date:`` line (the
    first line when there is none). The week is ``None`` when the date is
    missing or not a date.
    """
    if date_text is None:
        return None, [Message.week_no_date()]
    try:
        start = dt.date.fromisoformat(date_text)
    except ValueError:
        return None, [Message.week_bad_date(date=date_text)]
    problems: list[Report] = []
    week = week_of(start)
    if week.start != start:
        problems.append(Message.week_not_sunday(date=date_text, weekday=f"{start:%A}", sunday=week.start.isoformat()))
    expected = week_docname(week.start, week.number)
    if parse_week_docname(docname) is None or docname != expected:
        problems.append(
            Message.week_path(start=week.start.isoformat(), number=week.number, year=week.year, expected=expected)
        )
    return week, problems


@dataclass(frozen=True, slots=True)
class WeekPage:
    """A week page whose ``date:`` names a week: the page, the week, and the line of the date."""

    docname: str
    week: NewsWeek
    line: int


def duplicate_weeks(pages: Iterable[WeekPage]) -> list[tuple[str, int, Report]]:
    """Every page of a week that has another: ``(docname, line of its date, report)``.

    The page filed where its date says is the week's page (among several, the
    first by name); the others are the duplicates.
    """
    by_week: dict[tuple[int, int], list[WeekPage]] = {}
    for page in pages:
        by_week.setdefault((page.week.year, page.week.number), []).append(page)
    found = []
    for (year, number), same in sorted(by_week.items()):
        ordered = sorted(same, key=lambda p: (p.docname != week_docname(p.week.start, p.week.number), p.docname))
        for page in ordered[1:]:
            found.append((page.docname, page.line, Message.week_twice(number=number, year=year, first=ordered[0].docname)))
    return found
