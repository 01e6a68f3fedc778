"""PostgreSQL's mid-dense search path (``search._Postgres``, ``_PG_REACH``): a query with too few
matches among the newest rows to be dense but enough further back takes its first page from a
walk over the newest rows and counts in budgeted steps ("N 条以上"). Checked against the
``icontains`` scan: the page is exactly the newest matches, a count never exceeds the truth and
``more`` is set whenever it is not exact; the agency filter holds. On SQLite the same assertions
run against FTS5 (whose behaviour these knobs do not touch).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanxiang.cases.models import Case
from sanxiang.disclosure import search, selectors
from sanxiang.disclosure.tests.test_search import (
    ALPHABET,
    _cases,
    _ids,
    _like,
    _load_random,
    _put,
    _text,
)
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

PG = connection.vendor == "postgresql"


@contextmanager
def _knobs(**values: float) -> Iterator[None]:
    saved = {name: getattr(search, name) for name in values}
    for name, value in values.items():
        setattr(search, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(search, name, value)


# Every query with 2 or more matches takes the mid-dense path: nothing is dense (an empty
# window), the walk's page is 2 matches.
MID_FORCED = {"_PG_DENSE": 2, "_PG_WINDOW": 0, "_PG_MID": 0}


@pytest.fixture
def two_cases() -> tuple[Case, Case]:
    return _cases()


def _path(results: search.Results) -> str:
    engine = results._engine
    assert isinstance(engine, search._Postgres)
    key = (tuple(results.terms), results.agency_id)
    if key in engine._mid:
        return "mid"
    return "dense" if engine._sparse[key] is None else "sparse"


def _check(query: str, agency: Agency | None) -> search.Results:
    """Page, count and ``more`` against LIKE, on a generous and on no time budget."""
    expected = _ids(_like(query, agency)) if search.query_terms(query) else []
    results = selectors.search(query=query, agency=agency)
    assert _ids(results[:2]) == expected[:2], (query, agency)
    assert results.count() == len(expected) or results.more
    assert results.count() <= len(expected)
    assert _ids(results) == expected, (query, agency)
    with _knobs(COUNT_BUDGET=10.0):
        roomy = search.search(query=query, agency=agency)
        assert roomy.count() == len(expected) and not roomy.more, (query, agency)
        assert _ids(roomy[:2]) == expected[:2]
    with _knobs(COUNT_BUDGET=0.0):
        hurried = search.search(query=query, agency=agency)
        shown = hurried.count()
        assert shown <= len(expected), (query, agency)
        assert hurried.more or shown == len(expected), (query, agency)
        assert _ids(hurried[:2]) == expected[:2]
    return roomy


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(_text, min_size=1, max_size=25),
    picks=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 4)), min_size=1, max_size=5),
    extra=st.text(alphabet=ALPHABET, min_size=1, max_size=2),
)
def test_mid_dense_path_matches_the_like_scan_on_random_data(
    two_cases: tuple[Case, Case], texts: list[str], picks: list[tuple[int, int]], extra: str
) -> None:
    a, b = two_cases
    queries = _load_random(two_cases, texts, picks, extra)
    with _knobs(**MID_FORCED):
        for query in queries:
            for agency in (None, a.agency, b.agency):
                roomy = _check(query, agency)
                if PG and len(_ids(_like(query, agency))) >= 2:
                    assert _path(roomy) == "mid", (query, agency)


def test_mid_dense_with_two_agencies_and_the_three_paths() -> None:
    """120 items published one a minute, 聂某 in every 7th (both agencies), 罕见 in the oldest
    only, 罚款 in all: with a window of 10 rows, a reach of 100 and pages of 5, 聂 is mid-dense
    (with or without an agency), 罕见 sparse, 罚款 dense; the agency filter holds on each."""
    a, b = _cases()
    made = {}
    for n in range(120):
        case = a if n % 2 else b
        who = "聂某" if n % 7 == 3 else "王某"
        extra = " 罕见" if n == 0 else ""
        made[n] = _put(case, n, f"{who} 罚款{n}元{extra}")
    # One a minute, oldest first (``_put`` spreads them over a few minutes out of order).
    for n, p in made.items():
        p.published_at = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
        p.save(update_fields=["published_at"])
    search.rebuild()
    with _knobs(_PG_WINDOW=10, _PG_REACH=100, _PG_DENSE=5, _PG_MID=1):
        for query, agency, path in [
            ("聂", None, "mid"),
            ("聂某", a.agency, "mid"),
            ("聂 罚款", b.agency, "mid"),
            ("罕见", None, "sparse"),
            ("罚款", a.agency, "dense"),
            ("罚款", None, "dense"),
        ]:
            roomy = _check(query, agency)
            # The whole first page of the walk (5): the window's matches, then those below it.
            want = _ids(_like(query, agency))
            assert _ids(search.search(query=query, agency=agency)[:5]) == want[:5], query
            if agency is not None:
                assert {p.agency_id for p in roomy} == {agency.pk}
            if PG:
                assert _path(roomy) == path, query
