"""Shared fixtures: every test that touches data sees two agencies, so scoping is always tested."""

from __future__ import annotations

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import RoleGrant, User
from sanxiang.registry.models import Agency


@pytest.fixture
def agency_a(db: None) -> Agency:
    return Agency.objects.create(slug="wuhan-rsj", name="武汉市人力资源和社会保障局")


@pytest.fixture
def agency_b(db: None) -> Agency:
    return Agency.objects.create(slug="liuzhou-kjj", name="柳州市科学技术局")


TEST_PASSWORD = "pw-for-tests-只用于测试"  # noqa: S105


def make_user(username: str, agency: Agency | None, *roles: Role) -> User:
    user = User.objects.create_user(username=username, password=TEST_PASSWORD, agency=agency)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


@pytest.fixture
def officer_a(agency_a: Agency) -> User:
    return make_user("officer_a", agency_a, Role.OFFICER)


@pytest.fixture
def officer_b(agency_b: Agency) -> User:
    return make_user("officer_b", agency_b, Role.OFFICER)


@pytest.fixture
def supervisor(agency_a: Agency, agency_b: Agency) -> User:
    return make_user("supervisor", None, Role.SUPERVISOR)
