"""Periods of the archive: a year, a half year, a quarter, a month or a week.

Written ``2020``, ``2020-H2``, ``2020-Q4``, ``2020-11`` and ``2020-W45``. A week
belongs to a month, quarter, half and year by its start date (the folder its
page lives in), so the week starting 2020-12-27, week 1 of 2021, is part of
2020-12 and of 2020. ``2021-W01`` names it by its number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Period", "parse_period"]

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|W(?P<week>\d{1,2})|(?P<month>\d{2})))?$")

KINDS = ("year", "half", "quarter", "month", "week")


@dataclass(frozen=True, slots=True)
class Period:
    """A period: ``kind`` is one of :data:`KINDS`, ``number`` the half, quarter, month or week."""

    kind: str
    year: int
    number: int = 0

    def __str__(self) -> str:
        if self.kind == "year":
            return f"{self.year:04d}"
        if self.kind == "month":
            return f"{self.year:04d}-{self.number:02d}"
        prefix = {"half": "H", "quarter": "Q", "week": "W"}[self.kind]
        width = 2 if self.kind == "week" else 1
        return f"{self.year:04d}-{prefix}{self.number:0{width}d}"

    @property
    def months(self) -> tuple[int, int]:
        """The first month and the month after the last (the latter may be 13)."""
        if self.kind == "year":
            return 1, 13
        if self.kind == "half":
            return 6 * self.number - 5, 6 * self.number + 1
        if self.kind == "quarter":
            return 3 * self.number - 2, 3 * self.number + 1
        if self.kind == "month":
            return self.number, self.number + 1
        raise ValueError("a week is not a range of months")

    def date_range(self) -> tuple[str, str]:
        """ISO dates ``[start, end)`` of the start dates of the weeks this period holds."""
        first, after = self.months
        start = dt.date(self.year, first, 1)
        end = dt.date(self.year + 1, 1, 1) if after == 13 else dt.date(self.year, after, 1)
        return start.isoformat(), end.isoformat()

    def children(self) -> list[Period]:
        """The periods one level down (a year's halves, a half's quarters, a quarter's months)."""
        if self.kind == "year":
            return [Period("half", self.year, n) for n in (1, 2)]
        if self.kind == "half":
            return [Period("quarter", self.year, 2 * self.number - 1 + i) for i in (0, 1)]
        if self.kind == "quarter":
            return [Period("month", self.year, 3 * self.number - 2 + i) for i in (0, 1, 2)]
        return []

    @property
    def label(self) -> str:
        """The period's name in Japanese."""
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "half":
            return f"{self.year}年 {'上半期' if self.number == 1 else '下半期'}"
        if self.kind == "quarter":
            return f"{self.year}年 第{self.number}四半期"
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        return f"{self.year}年 第{self.number}週"


def parse_period(text: str) -> Period | None:
    """The period *text* names, or ``None`` when it is malformed or out of range."""
    match = _PERIOD.match(text.strip())
    if not match:
        return None
    year = int(match["year"])
    if match["half"]:
        return Period("half", year, int(match["half"]))
    if match["quarter"]:
        return Period("quarter", year, int(match["quarter"]))
    if match["month"]:
        month = int(match["month"])
        return Period("month", year, month) if 1 <= month <= 12 else None
    if match["week"]:
        week = int(match["week"])
        return Period("week", year, week) if 1 <= week <= 53 else None
    return Period("year", year)
