"""Ledger test fixtures (the same hook belongs in the root conftest for every app's tests)."""

from __future__ import annotations

import pytest

from sanxiang.ledger.testing import ledger_flushable  # noqa: F401 - fixture used by name below


@pytest.fixture(autouse=True)
def _ledger_flush_for_transactional_tests(request: pytest.FixtureRequest) -> None:
    """Let the flush after a ``transaction=True`` test empty the append-only ledger tables."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("ledger_flushable")
