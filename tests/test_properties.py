"""Property-based tests (Hypothesis) for the arXiv ID parser and the week rule."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from mlnews.core.arxiv_id import parse_arxiv_id
from mlnews.core.weeks import parse_week_docname, week_docname, week_of

yymm_new = st.builds(lambda y, m: f"{y:02d}{m:02d}", st.integers(7, 99), st.integers(1, 12)).filter(
    lambda yymm: int(yymm) >= 704
)
versions = st.one_of(st.none(), st.integers(1, 99))


@st.composite
def new_style_ids(draw):
    yymm = draw(yymm_new)
    digits = 5 if int(yymm) >= 1501 else 4
    number = draw(st.integers(0, 10**digits - 1))
    return f"{yymm}.{number:0{digits}d}", draw(versions)


@st.composite
def old_style_ids(draw):
    archive = draw(st.sampled_from(["cs", "hep-th", "hep-ph", "math", "astro-ph", "cond-mat", "quant-ph", "physics"]))
    subject = draw(st.sampled_from(["", ".GT", ".AG", ".LG"])) if archive in {"math", "cs"} else ""
    year = draw(st.sampled_from([*range(91, 100), *range(0, 8)]))
    month = draw(st.integers(1, 12))
    number = draw(st.integers(0, 999))
    return f"{archive}{subject}/{year:02d}{month:02d}{number:03d}", draw(versions)


@given(st.one_of(new_style_ids(), old_style_ids()))
def test_every_valid_id_parses_back_to_itself(case):
    base, version = case
    text = base if version is None else f"{base}v{version}"
    parsed = parse_arxiv_id(text)
    assert parsed is not None
    assert (parsed.base, parsed.version, str(parsed)) == (base, version, text)
    assert parse_arxiv_id(f"arXiv:{text}") == parsed
    # The anchor is a valid, stable HTML id that does not depend on the version.
    assert re.fullmatch(r"arxiv-[0-9a-z]+(-[0-9a-z]+)*", parsed.anchor)
    assert parse_arxiv_id(base).anchor == parsed.anchor


@given(st.text(max_size=30))
def test_parser_never_crashes_and_accepts_only_canonical_forms(text):
    parsed = parse_arxiv_id(text)
    if parsed is not None:
        stripped = text.strip()
        stripped = stripped[6:] if stripped[:6].lower() == "arxiv:" else stripped
        assert str(parsed) == stripped


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_week_rule(day):
    week = week_of(day)
    # The week starts on the Sunday on or before the day and holds it.
    assert week.start.weekday() == 6 and week.start <= day <= week.end
    # Week 1 is the week that holds 1 January of the week's year.
    first = week_of(dt.date(week.year, 1, 1))
    assert first.number == 1 and first.year == week.year
    assert week.number == (week.start - first.start).days // 7 + 1
    # Consecutive weeks are numbered consecutively, or restart at 1 in January.
    following = week_of(week.end + dt.timedelta(days=1))
    assert following.number == week.number + 1 or (following.number == 1 and following.year == week.year + 1)
    assert 1 <= week.number <= 53
    # The page's name round-trips.
    assert parse_week_docname(week_docname(week.start, week.number)) == (week.start.year, week.start.month, week.number)
