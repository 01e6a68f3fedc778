"""The scoping rules with two agencies: nobody reads or writes another agency's rows."""

from __future__ import annotations

import pytest
from conftest import make_user
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope, can_write_in, role_required
from sanxiang.registry.models import Agency


def test_agency_scope_is_own_agency_only(officer_a: User, officer_b: User) -> None:
    assert agency_scope(officer_a) == [officer_a.agency_id]
    assert agency_scope(officer_b) == [officer_b.agency_id]
    assert officer_a.agency_id != officer_b.agency_id


def test_scope_filters_rows_of_the_other_agency(
    officer_a: User, agency_a: Agency, agency_b: Agency
) -> None:
    scope = agency_scope(officer_a)
    visible = set(Agency.objects.filter(pk__in=scope or []).values_list("slug", flat=True))
    assert visible == {agency_a.slug}


def test_supervisor_reads_every_agency(supervisor: User) -> None:
    assert agency_scope(supervisor) is None


def test_anonymous_and_agencyless_staff_see_nothing(db: None) -> None:
    assert agency_scope(AnonymousUser()) == []  # type: ignore[arg-type]
    assert agency_scope(make_user("loose", None, Role.OFFICER)) == []


def test_supervisor_role_outranks_an_agency(agency_a: Agency) -> None:
    # Someone who is both agency staff and supervisor reads across agencies (read-only).
    both = make_user("both", agency_a, Role.OFFICER, Role.SUPERVISOR)
    assert agency_scope(both) is None


def test_can_write_only_in_own_agency(officer_a: User, agency_a: Agency, agency_b: Agency) -> None:
    assert can_write_in(officer_a, agency_a)
    assert can_write_in(officer_a, agency_a, Role.OFFICER)
    assert not can_write_in(officer_a, agency_a, Role.LEADER)
    assert not can_write_in(officer_a, agency_b)
    assert not can_write_in(officer_a, agency_b, Role.OFFICER)


def test_supervisor_writes_nowhere(supervisor: User, agency_a: Agency, agency_b: Agency) -> None:
    assert not can_write_in(supervisor, agency_a)
    assert not can_write_in(supervisor, agency_b, Role.SUPERVISOR)


def test_anonymous_writes_nowhere(agency_a: Agency) -> None:
    assert not can_write_in(AnonymousUser(), agency_a)  # type: ignore[arg-type]


@role_required(Role.LEADER, Role.LEGAL_REVIEWER)
def _guarded(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _request(user: object) -> HttpRequest:
    request = RequestFactory().get("/guarded/?x=1")
    request.user = user  # type: ignore[assignment]
    return request


def test_role_required_redirects_anonymous_to_login(db: None) -> None:
    response = _guarded(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/guarded/%3Fx%3D1"


def test_role_required_refuses_other_roles_in_chinese(officer_a: User, supervisor: User) -> None:
    for user in (officer_a, supervisor):
        with pytest.raises(PermissionDenied, match="您的角色无权访问"):
            _guarded(_request(user))


@pytest.mark.parametrize("role", [Role.LEADER, Role.LEGAL_REVIEWER])
def test_role_required_admits_each_listed_role(
    agency_a: Agency, agency_b: Agency, role: Role
) -> None:
    for agency in (agency_a, agency_b):
        user = make_user(f"{role}-{agency.slug}", agency, role)
        assert _guarded(_request(user)).content == b"ok"


def test_role_required_without_roles_only_needs_login(officer_b: User) -> None:
    @role_required()
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    assert view(_request(officer_b)).status_code == 200
    assert view(_request(AnonymousUser())).status_code == 302
