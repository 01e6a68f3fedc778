"""Loading a newly published year: who may, what is refused, and that a refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import make_user
from django.core.exceptions import PermissionDenied

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.registry.models import Agency
from sanxiang.workdays import calendar, selectors, services
from sanxiang.workdays.models import HolidayDay, HolidayYear
from sanxiang.workdays.table import HolidayDataError
from sanxiang.workdays.tests.helpers import example_2027

D = dt.date


def assert_nothing_written() -> None:
    assert HolidayYear.objects.count() == 0
    assert HolidayDay.objects.count() == 0
    assert calendar.default_calendar().last_year == 2026


def test_valid_year_is_loaded_and_used_at_once(platform_admin: User) -> None:
    assert calendar.compute(D(2026, 12, 31), 1, "workday").provisional  # before: Mon–Fri guess
    row = services.load_year(actor=platform_admin, data=example_2027())
    assert row.year == 2027 and row.loaded_by == platform_admin
    assert row.days.filter(kind="off").count() == 28
    assert row.days.filter(kind="work").count() == 4
    result = calendar.compute(D(2026, 12, 31), 1, "workday")
    # 2027-01-01…03 are rest days now, and the result is no longer provisional.
    assert result.due == D(2027, 1, 4)
    assert not result.provisional
    assert "2027年部分节假日安排" in result.basis
    assert calendar.is_workday(D(2027, 10, 9))  # an adjusted working Saturday of the file
    assert selectors.table_summary().last_year == 2027


def test_loaded_year_survives_a_fresh_cache(platform_admin: User) -> None:
    services.load_year(actor=platform_admin, data=example_2027())
    calendar.invalidate_default_calendar()
    table = calendar.default_calendar()
    assert table.last_year == 2027
    assert table.status(D(2027, 2, 5)).reason == "春节放假"


def test_the_year_after_a_loaded_year_can_be_loaded(platform_admin: User) -> None:
    services.load_year(actor=platform_admin, data=example_2027())
    data = example_2027()
    data.update(year=2028, off={"2028-01-01": "元旦"}, work={})
    services.load_year(actor=platform_admin, data=data)
    assert [row.year for row in selectors.loaded_years()] == [2027, 2028]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2028, "年份不连续"),
        (2030, "只能载入 2027 年"),
        (2026, "已在节假日安排表"),
        (2004, "重复载入"),
    ],
)
def test_gaps_and_overlaps_are_refused(platform_admin: User, year: int, message: str) -> None:
    data = example_2027()
    data["year"] = year
    data["off"] = {f"{year}-10-01": "国庆节"}
    data["work"] = {}
    with pytest.raises(HolidayDataError) as info:
        services.load_year(actor=platform_admin, data=data)
    assert message in info.value.message
    assert "/" in info.value.message  # English follows the Chinese
    assert_nothing_written()


def test_loading_the_same_year_twice_is_refused(platform_admin: User) -> None:
    services.load_year(actor=platform_admin, data=example_2027())
    with pytest.raises(HolidayDataError, match="已在节假日安排表"):
        services.load_year(actor=platform_admin, data=example_2027())
    assert HolidayYear.objects.count() == 1
    assert HolidayDay.objects.count() == 32


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"work": {"2027-10-08": "国庆节"}}, "必须是周六或周日"),
        ({"off": {"2027-10-09": "国庆节"}, "work": {"2027-10-09": "国庆节"}}, "同时列为"),
        ({"off": {"2027-10-01": "国庆"}}, "不是法定节日"),
        ({"off": {"2027-10-01": ""}}, "未写节日名称"),
        ({"off": {"2028-10-01": "国庆节"}}, "不在 2027 年内"),
        ({"notices": []}, "notices"),
        ({"example": True}, "示例"),
    ],
)
def test_malformed_year_is_refused_and_nothing_written(
    platform_admin: User, changes: dict[str, Any], message: str
) -> None:
    data = example_2027()
    data.update(changes)
    with pytest.raises(HolidayDataError, match=message):
        services.load_year(actor=platform_admin, data=data)
    assert_nothing_written()


def test_previous_december_new_year_day_is_loaded(platform_admin: User) -> None:
    assert calendar.is_workday(D(2026, 12, 31))
    data = example_2027()
    data["off"]["2026-12-31"] = "元旦"
    services.load_year(actor=platform_admin, data=data)
    status = calendar.day_status(D(2026, 12, 31))
    assert not status.workday and status.reason == "元旦放假"


@pytest.fixture
def agency_admin_a(agency_a: Agency, agency_b: Agency) -> User:
    return make_user("admin_a", agency_a, Role.AGENCY_ADMIN, Role.LEADER)


@pytest.mark.parametrize("who", ["agency_admin_a", "supervisor", "officer_b"])
def test_only_a_platform_administrator_may_load(request: pytest.FixtureRequest, who: str) -> None:
    # The table binds every agency, so no agency's own administrator (nor the supervisor,
    # who only reads) may change it.
    user: User = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.load_year(actor=user, data=example_2027())
    assert_nothing_written()


def test_an_inactive_superuser_may_not_load(platform_admin: User) -> None:
    platform_admin.is_active = False
    platform_admin.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        services.load_year(actor=platform_admin, data=example_2027())
    assert_nothing_written()


def test_every_agency_sees_the_same_loaded_year(
    platform_admin: User, officer_a: User, officer_b: User
) -> None:
    # National data: no agency scoping, one calendar for all (DESIGN.md "Time").
    services.load_year(actor=platform_admin, data=example_2027())
    assert officer_a.agency_id != officer_b.agency_id
    assert calendar.default_calendar().last_year == 2027
