"""Property tests of the arithmetic against an oracle read straight from the JSON file.

The oracle (``conftest.Oracle``) shares no code with ``HolidayTable``; where the dev dependency
``chinesecalendar`` is installed its ``is_workday`` is a second, independent oracle.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanxiang.workdays import calendar
from sanxiang.workdays.table import parse_year, repository_table
from sanxiang.workdays.tests.helpers import ORACLE, example_2027

TABLE = repository_table()
ONE = dt.timedelta(days=1)

# Mostly inside the table, with a margin on both sides to exercise the provisional fallback.
starts = st.dates(min_value=dt.date(2003, 10, 1), max_value=dt.date(2027, 6, 30))
inside = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 10, 31))


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from ``first`` to ``last`` inclusive."""
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_add_workdays_lands_on_the_nth_working_day(start: dt.date, n: int) -> None:
    result = calendar.add_workdays(start, n, table=TABLE)
    assert result.due > start
    assert ORACLE.is_workday(result.due)
    examined = days(start + ONE, result.due)
    assert sum(ORACLE.is_workday(d) for d in examined) == n
    assert [s.day for s in result.skipped] == [d for d in examined if not ORACLE.is_workday(d)]
    assert result.provisional == (not all(ORACLE.known(d) for d in examined))


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_add_workdays_is_strictly_increasing_in_n(start: dt.date, n: int) -> None:
    assert (
        calendar.add_workdays(start, n + 1, table=TABLE).due
        > calendar.add_workdays(start, n, table=TABLE).due
    )


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_workdays_between_inverts_add_workdays(start: dt.date, n: int) -> None:
    due = calendar.add_workdays(start, n, table=TABLE).due
    assert calendar.workdays_between(start, due, table=TABLE).count == n
    assert calendar.workdays_between(due, start, table=TABLE).count == -n


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=400))
def test_add_days_runs_only_past_rest_days(start: dt.date, n: int) -> None:
    result = calendar.add_days(start, n, table=TABLE)
    nominal = start + dt.timedelta(days=n)
    assert result.due >= nominal
    assert ORACLE.is_workday(result.due)
    run_past = days(nominal, result.due - ONE) if result.due > nominal else []
    assert all(not ORACLE.is_workday(d) for d in run_past)
    assert [s.day for s in result.skipped] == run_past
    examined = days(nominal, result.due)
    assert result.provisional == (not all(ORACLE.known(d) for d in examined))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=36))
def test_add_months_keeps_the_day_of_month_then_runs_past_rest_days(start: dt.date, n: int) -> None:
    result = calendar.add_months(start, n, table=TABLE)
    months = start.month - 1 + n
    year, month = start.year + months // 12, months % 12 + 1
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    nominal = dt.date(year, month, min(start.day, (first_of_next - ONE).day))
    assert result.due >= nominal
    assert ORACLE.is_workday(result.due)
    assert all(not ORACLE.is_workday(d) for d in days(nominal, result.due - ONE))


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2028, 12, 31)))
def test_is_workday_matches_the_file_and_knows_its_range(day: dt.date) -> None:
    status = calendar.day_status(day, table=TABLE)
    assert status.workday == ORACLE.is_workday(day)
    assert status.known == ORACLE.known(day)
    if not status.known:
        assert status.workday == (day.weekday() < 5)


@settings(max_examples=300, deadline=None)
@given(day=inside)
def test_table_agrees_with_chinesecalendar(day: dt.date) -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    assert TABLE.is_workday(day) == chinese_calendar.is_workday(day)


@settings(max_examples=100, deadline=None)
@given(start=inside, n=st.integers(min_value=1, max_value=30))
def test_add_workdays_agrees_with_a_chinesecalendar_count(start: dt.date, n: int) -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    due = calendar.add_workdays(start, n, table=TABLE).due
    if due.year > 2026:
        return
    counted = chinese_calendar.get_workdays(start + ONE, due)
    assert len(counted) == n and counted[-1] == due


@settings(max_examples=100, deadline=None)
@given(
    start=starts,
    n=st.integers(min_value=0, max_value=90),
    unit=st.sampled_from(["workday", "day", "month"]),
)
def test_every_result_explains_itself(start: dt.date, n: int, unit: str) -> None:
    result = calendar.compute(start, n % 13 if unit == "month" else n, unit, table=TABLE)
    text = result.explain()
    assert result.due.isoformat() in text
    assert result.basis in text
    assert all(s.day.isoformat() in text for s in result.skipped)
    assert ("【暂定】" in text) == result.provisional


TABLE_2027 = TABLE.with_year(parse_year(example_2027()))


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2026, 11, 1), max_value=dt.date(2028, 3, 1)),
    n=st.integers(min_value=1, max_value=40),
    unit=st.sampled_from(["workday", "day", "month"]),
)
def test_a_loaded_year_moves_the_provisional_boundary(start: dt.date, n: int, unit: str) -> None:
    result = calendar.compute(start, n % 4 + 1 if unit == "month" else n, unit, table=TABLE_2027)
    # Every day examined lies after the start of the table, so only the far end matters.
    assert result.provisional == (result.due.year > 2027)
    if not result.provisional:
        assert "2027年部分节假日安排" in result.basis or result.due.year == 2026
