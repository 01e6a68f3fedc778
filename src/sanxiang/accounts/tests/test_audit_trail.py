"""The login audit trail: append-only, and readable by the supervisor (all agencies) and an
agency's administrator (own agency only)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import make_user
from django.test import Client

from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.accounts.models import AppendOnlyError, AuthEvent, User
from sanxiang.accounts.services import record_auth_event
from sanxiang.registry.models import Agency

SHANGHAI = ZoneInfo("Asia/Shanghai")
AUDIT = "/accounts/audit/"


@pytest.fixture
def events(officer_a: User, officer_b: User, supervisor: User) -> list[AuthEvent]:
    return [
        record_auth_event(
            kind=AuthEventKind.LOGIN,
            username="officer_a",
            user=officer_a,
            ip_address="10.0.0.1",
            at=datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI),
        ),
        record_auth_event(
            kind=AuthEventKind.LOGIN_FAILED,
            username="officer_b",
            ip_address="10.0.0.2",
            at=datetime(2026, 11, 11, 23, 30, tzinfo=SHANGHAI),
        ),
        record_auth_event(
            kind=AuthEventKind.LOGIN_FAILED,
            username="nobody-at-all",
            ip_address="10.0.0.3",
            at=datetime(2026, 11, 12, 0, 30, tzinfo=SHANGHAI),
        ),
    ]


def test_events_cannot_be_changed_or_deleted(events: list[AuthEvent]) -> None:
    event = events[0]
    event.username = "someone-else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuthEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(AppendOnlyError):
        AuthEvent.objects.all().delete()
    assert AuthEvent.objects.get(pk=event.pk).username == "officer_a"
    assert AuthEvent.objects.count() == 3


def test_supervisor_reads_every_agency(client: Client, supervisor: User, events: object) -> None:
    client.force_login(supervisor)
    response = client.get(AUDIT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "登录审计" in body
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert ip in body


def test_agency_admin_reads_only_own_agency(
    client: Client, agency_a: Agency, events: object
) -> None:
    admin_a = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    client.force_login(admin_a)
    body = client.get(AUDIT).content.decode()
    assert "10.0.0.1" in body
    assert "10.0.0.2" not in body  # agency B's officer
    assert "10.0.0.3" not in body  # unknown name: supervisor only
    # Asking for the other agency by filter does not widen the scope.
    other = Agency.objects.get(slug="liuzhou-kjj")
    body = client.get(AUDIT, {"agency": other.pk}).content.decode()
    assert "10.0.0.2" not in body


def test_officer_is_refused_and_anonymous_sent_to_login(
    client: Client, officer_a: User, events: object
) -> None:
    assert client.get(AUDIT).status_code == 302
    client.force_login(officer_a)
    assert client.get(AUDIT).status_code == 403


def test_filters_by_kind_agency_and_beijing_date(
    client: Client, supervisor: User, agency_b: Agency, events: object
) -> None:
    client.force_login(supervisor)
    body = client.get(AUDIT, {"kind": "login_failed"}).content.decode()
    assert "10.0.0.1" not in body and "10.0.0.2" in body and "10.0.0.3" in body
    body = client.get(AUDIT, {"agency": agency_b.pk}).content.decode()
    assert "10.0.0.2" in body and "10.0.0.1" not in body and "10.0.0.3" not in body
    # 23:30 on 11 Nov in Beijing is 15:30 UTC; a day filter means the Beijing day.
    body = client.get(AUDIT, {"date_from": "2026-11-11", "date_to": "2026-11-11"}).content.decode()
    assert "10.0.0.2" in body and "10.0.0.1" not in body and "10.0.0.3" not in body


def test_reversed_dates_give_a_chinese_error(
    client: Client, supervisor: User, events: object
) -> None:
    client.force_login(supervisor)
    body = client.get(AUDIT, {"date_from": "2026-11-12", "date_to": "2026-11-01"}).content.decode()
    assert "起始日期不能晚于截止日期" in body


def test_pages_of_fifty(client: Client, supervisor: User, officer_a: User) -> None:
    for i in range(51):
        record_auth_event(
            kind=AuthEventKind.LOGIN, username="officer_a", user=officer_a, detail=f"#{i}"
        )
    client.force_login(supervisor)  # adds the 52nd event
    first = client.get(AUDIT)
    assert first.context["page"].paginator.num_pages == 2
    assert len(first.context["page"].object_list) == 50
    second = client.get(AUDIT, {"page": 2})
    assert len(second.context["page"].object_list) == 2
    assert "下一页" in first.content.decode()
