"""The newsletter's week rule, and the warnings for week pages that break it."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import warnings_of
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


@pytest.mark.sphinx("html", testroot="weeks", freshenv=True)
def test_week_pages_are_checked(app):
    app.build()
    domain = app.env.get_domain("mlnews")
    weeks = {d: (w["year"], w["week"], w["date"]) for d, w in domain.weeks.items()}
    assert weeks["issues/2020/10/w44"] == (2020, 44, "2020-10-25")
    assert weeks["issues/2020/11/w45"] == (2020, 45, "2020-11-01")
    assert weeks["issues/2020/12/w01"] == (2021, 1, "2020-12-27")
    assert weeks["issues/2021/01/w02"] == (2021, 2, "2021-01-03")
    warnings = warnings_of(app)
    assert len(warnings) == 5, warnings

    def one(fragment):
        found = [w for w in warnings if fragment in w]
        assert len(found) == 1, (fragment, warnings)
        return found[0]

    # w46.md's Tuesday and w47.md's Sunday are both in week 46: the archive has it twice.
    duplicate = one("[mlnews.duplicate]")
    assert "issues/2020/11/w47.md:2:" in duplicate and "week 46 of 2020 already has a page" in duplicate
    misnamed = one("[mlnews.week_path]")
    assert "week 46 of 2020" in misnamed and "issues/2020/11/w46.md" in misnamed
    assert "[mlnews.week_path]" in misnamed
    not_sunday = one("issues/2020/11/w46.md:2:")
    assert "is a Tuesday" in not_sunday and "2020-11-08" in not_sunday
    bad = one("issues/2020/12/w50.md:2:")
    assert "'December 6' is not a date" in bad and "[mlnews.week_date]" in bad
    missing = one("issues/2020/12/w52.md:1:")
    assert "needs 'date: YYYY-MM-DD'" in missing
