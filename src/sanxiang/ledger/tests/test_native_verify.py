"""The whole ``verify`` with the compiled scan gives the Python path's verdicts.

The scan needs a SQLite file outside a transaction, which the in-memory test database is not, so
``native_e2e`` builds the logs, plays the attacker and runs ``verify`` in a process of its own on a
file database: with the scan and without, in one process and in two.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from sanxiang.ledger import verification

# (first bad index, problem) the Python path names for each scenario; None = intact.
EXPECTED = {
    "intact": None,
    "payload": (20, "changed_record"),
    "subject": (33, "changed_record"),
    "kind": (5, "changed_record"),
    "time": (40, "changed_record"),
    "deleted": (18, "missing_entry"),
    "swapped": (21, "reordered"),
    "truncated": (47, "missing_entry"),
    "leaf_hash": (25, "tree_mismatch"),
    "seal": (32, "forged"),
    "non_ascii_subject": None,
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if connection.vendor != "sqlite":
        pytest.skip("runs once, in the SQLite suite (its own SQLite file either way)")
    if verification._native is None:
        if os.environ.get("CI"):
            raise RuntimeError("sanxiang.ledger._native is not built (make install builds it)")
        pytest.skip("the compiled scan is not built here")
    var = tmp_path_factory.mktemp("native-e2e")
    env = {k: v for k, v in os.environ.items() if k != "SANXIANG_DATABASE_URL"}
    env.update(SANXIANG_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="sanxiang.settings")
    done = subprocess.run(
        [sys.executable, "-m", "sanxiang.ledger.tests.native_e2e"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).resolve().parents[4],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _first(report: dict[str, Any]) -> tuple[int, str] | None:
    if report["ok"]:
        return None
    return report["problems"][0]["index"], report["problems"][0]["problem"]


@pytest.mark.parametrize("scenario", list(EXPECTED))
def test_the_compiled_scan_gives_the_python_verdict(reports: dict[str, Any], scenario: str) -> None:
    result = reports[scenario]
    assert _first(result["python"]) == EXPECTED[scenario]
    assert result["native"] == result["python"]
    assert result["parallel_native"] == result["python"]


def test_a_connection_is_not_carried_across_fork(reports: dict[str, Any]) -> None:
    assert reports["fork"] == {"answered": True, "child": [0], "parent_after": True}


def test_the_scan_answers_every_chunk_it_can(reports: dict[str, Any]) -> None:
    """Four chunks of 16: an intact log is read by the scan alone, Chinese subjects too; a
    tampered chunk is declined (then Python names it)."""
    assert reports["intact"]["native_chunks"] == 4
    assert reports["non_ascii_subject"]["native_chunks"] == 4
    assert reports["subject"]["native_chunks"] == 2  # stops at the chunk that holds index 33
