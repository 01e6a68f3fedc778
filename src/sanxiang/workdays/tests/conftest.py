"""Fixtures for the workdays tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import make_user

from sanxiang.accounts.models import User
from sanxiang.workdays import calendar


@pytest.fixture(autouse=True)
def _fresh_default_calendar() -> Iterator[None]:
    # A test that loads a year rolls it back; the cached table must not outlive it.
    calendar.invalidate_default_calendar()
    yield
    calendar.invalidate_default_calendar()


@pytest.fixture
def platform_admin(db: None) -> User:
    user = make_user("platform_admin", None)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user
