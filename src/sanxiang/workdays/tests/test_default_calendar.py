"""The table in force: repository data plus loaded years, cached and refreshed on change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from sanxiang.accounts.models import User
from sanxiang.workdays import calendar, services
from sanxiang.workdays.table import repository_table
from sanxiang.workdays.tests.helpers import example_2027


@pytest.mark.django_db
def test_without_loaded_years_the_repository_table_is_in_force() -> None:
    assert calendar.default_calendar() is repository_table()


@pytest.mark.django_db
def test_the_table_is_cached_between_calls() -> None:
    assert calendar.default_calendar() is calendar.default_calendar()


def test_a_rolled_back_load_is_forgotten(platform_admin: User) -> None:
    # The cache keys on the loaded years' digests, so a load that is rolled back (here a
    # savepoint) stops being in force without anyone invalidating the cache.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.load_year(actor=platform_admin, data=example_2027())
        assert calendar.default_calendar().last_year == 2027
        raise RuntimeError("roll back")
    assert calendar.default_calendar().last_year == 2026
    assert calendar.compute(dt.date(2026, 12, 31), 1, "workday").provisional


def test_compute_uses_the_default_calendar(platform_admin: User) -> None:
    before = calendar.compute(dt.date(2027, 9, 30), 1, "workday")
    assert (before.due, before.provisional) == (dt.date(2027, 10, 1), True)
    services.load_year(actor=platform_admin, data=example_2027())
    after = calendar.compute(dt.date(2027, 9, 30), 1, "workday")
    assert (after.due, after.provisional) == (dt.date(2027, 10, 8), False)
