"""The newsletter's week rule (the week records of a built site: test_archive; week pages that break it: test_bad_input)."""

from __future__ import annotations

import datetime as dt

import pytest

from mlnews.core.weeks import parse_week_docname, week_docname, week_of


@pytest.mark.parametrize(
    ("day", "year", "number", "start"),
    [
        ("2020-10-25", 2020, 44, "2020-10-25"),
        ("2020-11-01", 2020, 45, "2020-11-01"),
        ("2020-11-04", 2020, 45, "2020-11-01"),
        ("2020-12-26", 2020, 52, "2020-12-20"),
        # The week that holds 1 January is week 1 of the new year, though it starts in December.
        ("2020-12-27", 2021, 1, "2020-12-27"),
        ("2021-01-01", 2021, 1, "2020-12-27"),
        ("2021-01-03", 2021, 2, "2021-01-03"),
        # A year that starts on Sunday.
        ("2023-01-01", 2023, 1, "2023-01-01"),
        ("2022-12-31", 2022, 53, "2022-12-25"),
        ("2020-01-01", 2020, 1, "2019-12-29"),
    ],
)
def test_week_of(day, year, number, start):
    week = week_of(dt.date.fromisoformat(day))
    assert (week.year, week.number, week.start.isoformat()) == (year, number, start)
    assert week.end - week.start == dt.timedelta(days=6)


def test_week_docname_uses_start_date_folder():
    assert week_docname(dt.date(2020, 12, 27), 1) == "issues/2020/12/w01"
    assert parse_week_docname("issues/2020/12/w01") == (2020, 12, 1)
    assert parse_week_docname("issues/2020/12/notes") is None
