"""Shared fixtures: every test that touches data sees two agencies, so scoping is always tested."""

from __future__ import annotations

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import RoleGrant, User
from sanxiang.ledger.testing import ledger_flushable  # noqa: F401 - fixture used by name below
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


@pytest.fixture(autouse=True)
def _ledger_flush_for_transactional_tests(request: pytest.FixtureRequest) -> None:
    """Let the flush after a ``transaction=True`` test empty the append-only ledger tables.

    On SQLite Django's flush is a DELETE per table, which the ledger's triggers refuse.
    (Browser tests use live_server and have their own hook in tests/browser/conftest.py.)
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("ledger_flushable")


FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest) -> None:
    """Argon2 at production strength costs ~0.1 s and 100 MB a hash; thousands of test users
    would spend minutes on it. Tests about hashing itself opt out with
    ``@pytest.mark.real_password_hashing``. (Browser tests use a live server in this process,
    so the override reaches them too.)"""
    if request.node.get_closest_marker("real_password_hashing"):
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = FAST_HASHERS
