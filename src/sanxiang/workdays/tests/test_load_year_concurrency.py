"""Two administrators loading the same year at once: one wins, the other is told why."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from sanxiang.accounts.models import User
from sanxiang.workdays import services
from sanxiang.workdays.models import HolidayDay, HolidayYear
from sanxiang.workdays.table import HolidayDataError
from sanxiang.workdays.tests.helpers import example_2027


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("already_loaded", [False, True])
def test_concurrent_loads_of_the_same_year(platform_admin: User, already_loaded: bool) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")
    if already_loaded:
        # Then the loads queue on the last year's row lock rather than on the unique index.
        services.load_year(actor=platform_admin, data=example_2027())
    data = example_2027()
    data["year"] = 2028 if already_loaded else 2027
    data["off"] = {f"{data['year']}-10-01": "国庆节"}
    data["work"] = {}
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def load() -> None:
        try:
            barrier.wait(timeout=30)
            services.load_year(actor=platform_admin, data=data)
            outcomes.append("loaded")
        except HolidayDataError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2 and outcomes.count("loaded") == 1, outcomes
    refused = next(o for o in outcomes if o != "loaded")
    # Behind the row lock the loser sees the winner's year. With no row to lock yet, the
    # unique index stops it — unless the winner had committed before the loser looked.
    expected = ("已在节假日安排表",) if already_loaded else ("已被他人载入", "已在节假日安排表")
    assert any(text in refused for text in expected), refused
    assert HolidayYear.objects.filter(year=data["year"]).count() == 1
    assert HolidayDay.objects.filter(holiday_year__year=data["year"]).count() == 1
