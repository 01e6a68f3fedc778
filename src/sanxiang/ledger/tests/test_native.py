"""The compiled scan (``_native.c``) against the Python path it stands in for.

The scan reads a SQLite *file* on a connection of its own, so these tests copy the test
database's ledger rows into a file and run both readers on the same rows: wherever the scan
answers, its answer must be the Python path's (same rows accepted, same leaf hashes, same stored
hashes, same seals); wherever the Python path finds a row that does not match its bytes, the scan
must decline. The whole ``verify`` with the scan in use, and a fork (in a process with no other
threads), are in ``test_native_verify.py``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from sanxiang.accounts.models import User
from sanxiang.ledger import services, verification
from sanxiang.ledger.records import RECORD_VERSION, json_string
from sanxiang.ledger.tests.helpers import fill
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

native = verification._native
if native is None:  # pragma: no cover - CI builds it; a machine without a compiler may not
    if os.environ.get("CI"):
        raise RuntimeError("sanxiang.ledger._native is not built (make install builds it)")
    pytest.skip("the compiled scan is not built here", allow_module_level=True)

PYTHON_SQL = verification._ROW_SQL.format(
    table='"ledger_ledgerentry"', **verification._SQLITE_COLUMNS
).replace("%s", "?")


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[Any]:
    """``copy()`` writes the test database's ledger entries into a SQLite file (WAL, as
    deployed) and returns its path and an open connection to it (no triggers: the attacker's)."""
    opened: list[sqlite3.Connection] = []

    def make() -> tuple[str, sqlite3.Connection]:
        if connection.vendor != "sqlite":
            pytest.skip("the compiled scan reads SQLite files")
        path = str(tmp_path / f"ledger-{len(opened)}.sqlite3")
        target = sqlite3.connect(path, isolation_level=None)
        opened.append(target)
        target.execute("PRAGMA journal_mode = WAL")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'ledger_ledgerentry' "
                "AND type IN ('table', 'index') AND sql IS NOT NULL"
            )
            for (statement,) in cursor.fetchall():
                target.execute(statement)
            cursor.execute("SELECT * FROM ledger_ledgerentry ORDER BY id")
            columns = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        marks = ", ".join("?" * len(columns))
        names = ", ".join(f'"{c}"' for c in columns)
        target.executemany(f"INSERT INTO ledger_ledgerentry ({names}) VALUES ({marks})", rows)
        return path, target

    yield make
    native.close()
    for target in opened:
        target.close()


def _scan(path: str, agency: Agency, start: int, stop: int) -> Any:
    return native.scan(
        path,
        verification._native_sql(),
        agency.pk,
        start,
        stop,
        json_string(agency.slug).encode(),
        RECORD_VERSION,
    )


def _python(db: sqlite3.Connection, agency: Agency, start: int, stop: int) -> dict[str, Any]:
    """What the Python path reads and accepts for the same rows."""
    rows = db.execute(PYTHON_SQL, (agency.pk, start, stop)).fetchall()
    good, finding = verification._check_rows(agency.slug, start, rows)
    accepted = rows[:good]
    return {
        "fetched": len(rows),
        "all_good": good == len(rows) and finding is None,
        "leaves": b"".join(hashlib.sha256(b"\x00" + row[6]).digest() for row in accepted),
        "stored": b"".join(row[7] for row in accepted),
        "seals": [(row[0], row[8]) for row in accepted if row[8] is not None],
    }


def _agrees(path: str, db: sqlite3.Connection, agency: Agency, start: int, stop: int) -> bool:
    """True when the scan answered (and then it must equal the Python path); False when it
    declined."""
    scanned = _scan(path, agency, start, stop)
    expected = _python(db, agency, start, stop)
    if scanned is None:
        return False
    fetched, leaves, stored, seals = scanned
    assert expected["all_good"], "the scan accepted rows the Python path rejects"
    assert (fetched, leaves, stored, seals) == (
        expected["fetched"],
        expected["leaves"],
        expected["stored"],
        expected["seals"],
    )
    return True


@pytest.fixture
def logs(agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User) -> Agency:
    fill(agency_a, officer_a, 5)
    services.append_batch(
        agency=agency_a,
        actor=None,
        events=[
            services.Event("case.record.added", f"cases.Record:{i}", {"i": i}) for i in range(4)
        ],
    )
    fill(agency_a, officer_a, 3, start=9)
    fill(agency_b, officer_b, 6)
    return agency_a


def test_an_intact_log_gives_the_python_paths_hashes_and_seals(
    copy: Any, logs: Agency, agency_b: Agency
) -> None:
    path, db = copy()
    assert _agrees(path, db, logs, 0, 12)
    assert _agrees(path, db, logs, 3, 7)  # a chunk may start anywhere
    assert _agrees(path, db, agency_b, 0, 12)  # each agency its own log
    assert _agrees(path, db, logs, 100, 200)  # past the end: nothing, not a refusal
    assert _scan(path, logs, 100, 200)[0] == 0
    scanned = _scan(path, logs, 0, 12)
    assert scanned[0] == 12 and len(scanned[1]) == 12 * 32
    # One seal per append: after 5 single appends, one batch of 4 and 3 singles.
    assert [index for index, _ in scanned[3]] == [0, 1, 2, 3, 4, 8, 9, 10, 11]


@pytest.mark.parametrize(
    ("change", "params"),
    [
        ("UPDATE ledger_ledgerentry SET kind = 'case.record.deleted' WHERE \"index\" = ?", [6]),
        ("UPDATE ledger_ledgerentry SET subject = 'cases.Record:99' WHERE \"index\" = ?", [6]),
        ("UPDATE ledger_ledgerentry SET actor_username = 'someone' WHERE \"index\" = ?", [6]),
        ("UPDATE ledger_ledgerentry SET actor_username = 'someone' WHERE \"index\" = ?", [2]),
        ('UPDATE ledger_ledgerentry SET actor_id = actor_id + 1 WHERE "index" = ?', [2]),
        ('UPDATE ledger_ledgerentry SET actor_id = NULL WHERE "index" = ?', [2]),
        (
            "UPDATE ledger_ledgerentry SET recorded_at = "
            "strftime('%Y-%m-%d %H:%M:%f000', recorded_at, '+1 seconds') WHERE \"index\" = ?",
            [6],
        ),
        (
            "UPDATE ledger_ledgerentry SET recorded_at = '2026-01-01 00:00:00' WHERE \"index\" = ?",
            [6],
        ),
        ('UPDATE ledger_ledgerentry SET "index" = 50 WHERE "index" = ?', [6]),
        ('DELETE FROM ledger_ledgerentry WHERE "index" = ?', [6]),
        (
            'UPDATE ledger_ledgerentry SET leaf_data = substr(leaf_data, 1, 20) WHERE "index" = ?',
            [6],
        ),
        ("UPDATE ledger_ledgerentry SET leaf_hash = x'00' WHERE \"index\" = ?", [6]),
        ("UPDATE ledger_ledgerentry SET actor_id = 'x' WHERE \"index\" = ?", [6]),
        ("UPDATE ledger_ledgerentry SET recorded_at = 'soon' WHERE \"index\" = ?", [6]),
    ],
)
def test_a_row_that_does_not_match_its_bytes_is_declined(
    copy: Any, logs: Agency, agency_b: Agency, change: str, params: list[Any]
) -> None:
    path, db = copy()
    assert _agrees(path, db, logs, 0, 12)
    db.execute(change.replace("WHERE", f"WHERE agency_id = {logs.pk} AND"), params)
    assert not _agrees(path, db, logs, 0, 12)
    # Chunks without the row, and the other agency's log, are still answered.
    assert _agrees(path, db, logs, 0, 2)
    assert _agrees(path, db, agency_b, 0, 12)


def test_a_changed_record_is_hashed_not_declined(copy: Any, logs: Agency) -> None:
    """A payload edit keeps the columns right: the scan answers with the edited bytes' hash, and
    the mismatch with the stored leaf hash is what verify then reports (as in Python)."""
    path, db = copy()
    db.execute(
        "UPDATE ledger_ledgerentry SET leaf_data = "
        "CAST(replace(leaf_data, '询问', '改过') AS BLOB) "
        'WHERE agency_id = ? AND "index" = 3',
        [logs.pk],
    )
    assert _agrees(path, db, logs, 0, 12)
    _, leaves, stored, _ = _scan(path, logs, 0, 12)
    differs = [i for i in range(12) if leaves[i * 32 : i * 32 + 32] != stored[i * 32 : i * 32 + 32]]
    assert differs == [3]


@pytest.mark.parametrize("subject", ['cases.Case:"12"', "cases\\Case", "cases\tCase"])
def test_columns_json_would_escape_go_to_python(
    copy: Any, agency_a: Agency, agency_b: Agency, officer_a: User, subject: str
) -> None:
    """Genuine records: the Python path accepts them; the scan leaves them to it."""
    services.append(
        agency=agency_a, kind="case.record.added", subject=subject, actor=officer_a, payload={}
    )
    path, db = copy()
    assert _python(db, agency_a, 0, 1)["all_good"]
    assert _scan(path, agency_a, 0, 1) is None


@pytest.mark.parametrize(
    ("subject", "username"),
    [
        ("case:wuhan-rsj:市人社局〔2026〕10号", "officer_a"),
        ("cases.Case:1", "张三"),
        ("表情😀", "ü"),
    ],
)
def test_non_ascii_columns_are_read_by_the_scan(
    copy: Any, agency_a: Agency, agency_b: Agency, subject: str, username: str
) -> None:
    """Case numbers (文号) are Chinese: most real subjects are not ASCII."""
    actor = User.objects.create_user(username=username, password="x", agency=agency_a)
    services.append(
        agency=agency_a, kind="case.record.added", subject=subject, actor=actor, payload={"a": 1}
    )
    path, db = copy()
    assert _agrees(path, db, agency_a, 0, 1)


@pytest.mark.parametrize(
    "raw", [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe6\xa1", b"\xf4\x90\x80\x80"]
)
def test_a_column_that_is_not_utf8_is_declined(
    copy: Any, logs: Agency, agency_b: Agency, raw: bytes
) -> None:
    path, db = copy()
    db.execute(
        "UPDATE ledger_ledgerentry SET subject = CAST(? AS TEXT) "
        'WHERE agency_id = ? AND "index" = 6',
        [raw, logs.pk],
    )
    assert _scan(path, logs, 0, 12) is None
    assert not _python(db, logs, 0, 12)["all_good"]


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=12) | st.text(max_size=8).map(str.encode))
def test_the_scans_column_rule_is_pythons(data: bytes) -> None:
    """What the scan takes as a column JSON writes unchanged is exactly that: bytes Python's
    strict UTF-8 decoder accepts and ``json`` (ensure_ascii=False) writes without an escape."""
    try:
        text = data.decode()
    except UnicodeDecodeError:
        assert not native.json_plain(data)
        return
    unchanged = json_string(text).encode() == b'"' + data + b'"'
    assert native.json_plain(data) == unchanged


def test_a_time_without_microseconds_is_converted_as_python_does(
    copy: Any, agency_a: Agency, agency_b: Agency, officer_a: User
) -> None:
    """Django writes no fraction when the microseconds are 0; 23:30 UTC is the next day in
    Shanghai, and the last day of the year rolls over to the next."""
    import time_machine

    with time_machine.travel("2025-12-31 23:30:00+00:00", tick=False):
        services.append(
            agency=agency_a, kind="case.record.added", subject="s:1", actor=officer_a, payload={}
        )
    with time_machine.travel("2024-02-28 16:00:00.000001+00:00", tick=False):
        services.append(
            agency=agency_a, kind="case.record.added", subject="s:2", actor=officer_a, payload={}
        )
    path, db = copy()
    times = [t for (t,) in db.execute("SELECT recorded_at FROM ledger_ledgerentry ORDER BY id")]
    assert times == ["2025-12-31 23:30:00", "2024-02-28 16:00:00.000001"]
    assert _agrees(path, db, agency_a, 0, 2)


def test_a_missing_file_or_table_is_declined_not_raised(tmp_path: Path, agency_a: Agency) -> None:
    assert _scan(str(tmp_path / "absent.sqlite3"), agency_a, 0, 10) is None
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert _scan(str(empty), agency_a, 0, 10) is None
    native.close()
