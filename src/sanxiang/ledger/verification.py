"""``sanxiang ledger verify``: recompute an agency's log from its stored records.

Trusts nothing in the database. One pass per agency, in index order and in chunks aligned on
``CHUNK`` entries:

1. every row's query columns (kind, subject, actor, time, index, agency) must equal the fields of
   its stored leaf bytes — the bytes are the record; the columns are copies for queries;
2. every leaf hash is recomputed from the stored bytes, and the tree from those leaf hashes,
   level by level (list comprehensions over a chunk, not per-entry Python bookkeeping);
3. the recomputed tree head is checked against every append's seal (an HMAC over the head,
   platform key) and every checkpoint's root; every checkpoint signature is checked against the
   platform's keys, retired ones included, each within its period (see ``keyring``);
4. the stored leaf hashes and subtree hashes — what proofs are served from — are compared with
   the recomputed ones. A difference is held until the next seal or checkpoint says which side
   is wrong: if the records still give the sealed head, the stored hash is (``tree_mismatch``);
   if not, a record was changed (``changed_record``), and the stored hashes name which one.

It stops an agency's walk at the first problem (the tree past a broken leaf proves nothing more)
and names that index and what is wrong with it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import operator
import os
import pickle
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from itertools import repeat
from types import ModuleType
from typing import Any

from django.db import connection, connections

from sanxiang.ledger import keyring, merkle, signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.models import (
    NODE_MIN_LEVEL,
    Checkpoint,
    LedgerEntry,
    LedgerHead,
    LedgerNode,
)
from sanxiang.ledger.records import RECORD_VERSION, json_string, shanghai_iso
from sanxiang.registry.models import Agency

_native: ModuleType | None
try:  # the compiled scan, built by `pip install` where a C compiler is at hand (setup.py)
    from sanxiang.ledger import _native
except ImportError:  # pragma: no cover - the Python path does the same, slower
    _native = None

# 2 048 entries per chunk: fine enough to split a 20 000-entry log evenly between two processes,
# coarse enough that the two queries per chunk stay negligible.
CHUNK_LEVEL = 11
CHUNK = 1 << CHUNK_LEVEL  # entries per read; every subtree below this level lies in one chunk
MMAP_BYTES = 1 << 30
# A forked child (no pool) and its new connection cost a few milliseconds, about as much as a
# thousand entries' checks: worth it from two chunks on, when another core is free.
MIN_PARALLEL_CHUNKS = 2


class Problem(StrEnum):
    CHANGED_RECORD = "changed_record"
    MISSING_ENTRY = "missing_entry"
    REORDERED = "reordered"
    FORGED = "forged"
    BAD_SIGNATURE = "bad_signature"
    ROOT_MISMATCH = "root_mismatch"
    TREE_MISMATCH = "tree_mismatch"


@dataclass(frozen=True)
class Finding:
    index: int
    problem: Problem
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "problem": str(self.problem), "detail": self.detail}


@dataclass
class AgencyReport:
    agency: str
    entries: int = 0
    checkpoints: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first(self) -> Finding | None:
        return min(self.findings, key=lambda f: f.index) if self.findings else None

    def as_json(self) -> dict[str, Any]:
        first = self.first
        return {
            "agency": self.agency,
            "ok": self.ok,
            "entries": self.entries,
            "checkpoints": self.checkpoints,
            "first_bad_index": first.index if first else None,
            "problems": [f.as_json() for f in sorted(self.findings, key=lambda f: f.index)],
        }


# index, kind, subject, actor_id, actor_username, time, data, leaf, seal — the three text
# columns as UTF-8 bytes: they are compared with the record's bytes, never shown.
Row = tuple[Any, ...]

_ROW_SQL = (
    'SELECT "index", {kind}, {subject}, actor_id, {username}, {time}, {data}, {leaf}, {seal} '
    'FROM {table} WHERE agency_id = %s AND "index" >= %s AND "index" < %s ORDER BY "index"'
)
# SQLite hands the text columns out as bytes when cast to BLOB: no UTF-8 decoding into str
# objects only to encode them again for the comparison (with the time, a third of the read
# cost). The time is the stored text as is: Django's converter for a DATETIME column would parse
# every row's time into a datetime only for `_time` to format it back. SQLite also keeps any
# type an attacker writes into a column: the byte columns are cast so they are bytes (or NULL)
# whatever was written; a wrong actor id or time is caught where it is formatted.
_SQLITE_COLUMNS = {
    "kind": "CAST(kind AS BLOB)",
    "subject": "CAST(subject AS BLOB)",
    "username": "CAST(actor_username AS BLOB)",
    "time": "CAST(recorded_at AS TEXT)",
    "data": "CAST(leaf_data AS BLOB)",
    "leaf": "CAST(leaf_hash AS BLOB)",
    "seal": "CAST(seal AS BLOB)",
}
_PG_COLUMNS = {
    "kind": "kind",
    "subject": "subject",
    "username": "actor_username",
    "time": "recorded_at",
    "data": "leaf_data",
    "leaf": "leaf_hash",
    "seal": "seal",
}


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run one read on the DB-API cursor (only the needed columns; no model instances)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _rows(agency_id: int, start: int, stop: int) -> list[Row]:
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    sqlite = connection.vendor == "sqlite"
    columns = _SQLITE_COLUMNS if sqlite else _PG_COLUMNS
    rows = _fetch(_ROW_SQL.format(table=table, **columns), [agency_id, start, stop])
    if rows and not sqlite:
        # psycopg hands text out as str and may hand bytea out as memoryview; the checks
        # below want bytes.
        rows = [
            (
                row[0],
                row[1].encode(),
                row[2].encode(),
                row[3],
                row[4].encode(),
                row[5],
                bytes(row[6]),
                bytes(row[7]),
                _opt_bytes(row[8]),
            )
            for row in rows
        ]
    return rows


def _opt_bytes(value: Any) -> bytes | None:
    return None if value is None else bytes(value)


def _last_index(agency_id: int) -> int | None:
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    rows = _fetch(
        f'SELECT MAX("index") FROM {table} WHERE agency_id = %s',  # noqa: S608
        [agency_id],
    )
    return None if not rows or rows[0][0] is None else int(rows[0][0])


def _stored_levels(agency_id: int, start: int, stop: int) -> dict[int, list[tuple[int, bytes]]]:
    """Stored subtrees of levels 1..CHUNK_LEVEL inside [start, stop), by level, in order."""
    table = connection.ops.quote_name(LedgerNode._meta.db_table)
    terms, params = [], []
    for level in range(1, CHUNK_LEVEL + 1):
        terms.append("(agency_id = %s AND level = %s AND position >= %s AND position < %s)")
        params += [agency_id, level, start >> level, stop >> level]
    rows = _fetch(
        f"SELECT level, position, hash FROM {table} WHERE {' OR '.join(terms)} "  # noqa: S608
        "ORDER BY level, position",
        params,
    )
    levels: dict[int, list[tuple[int, bytes]]] = {}
    for level, position, value in rows:
        levels.setdefault(level, []).append((position, bytes(value)))
    return levels


def _stored_upper(agency: Agency) -> dict[merkle.NodeKey, bytes]:
    table = connection.ops.quote_name(LedgerNode._meta.db_table)
    rows = _fetch(
        f"SELECT level, position, hash FROM {table} WHERE agency_id = %s AND level > %s",  # noqa: S608
        [agency.pk, CHUNK_LEVEL],
    )
    return {(level, position): bytes(value) for level, position, value in rows}


_time_memo: dict[Any, str] = {}


def _time(raw: Any) -> str:
    """The record's time text from a stored value (SQLite: UTC text; PostgreSQL: datetime).

    Memoised because a batch of appends shares one timestamp.
    """
    text = _time_memo.get(raw)
    if text is None:
        moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(raw)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        text = shanghai_iso(moment)
        if len(_time_memo) > 4096:
            _time_memo.clear()
        _time_memo[raw] = text
    return text


@dataclass(order=True)
class _Pending:
    """A stored hash that differs from the recomputed one, until a seal or checkpoint judges."""

    last: int  # the last leaf it covers: a head of size > last judges it
    first: int
    what: str  # "leaf" or "node"
    detail: str


@dataclass
class _Head:
    """A tree head the chunk must answer for: an append's seal, a checkpoint, or both."""

    size: int
    seal: bytes | None
    leaf: bytes  # the leaf at size - 1 (entries before migration 0003 seal their own leaf)
    inner: list[bytes]  # the root's subtrees below CHUNK_LEVEL (all inside the chunk)


@dataclass
class _Local:
    """What one chunk says on its own: the part of the pass that can run in another process."""

    start: int
    fetched: int  # rows read in [start, start + CHUNK)
    good: int  # rows in order from start whose columns match their bytes
    row_finding: Finding | None
    pending: list[_Pending]
    heads: list[_Head]
    chunk_root: bytes | None  # the perfect subtree (CHUNK_LEVEL, start / CHUNK) if complete


_DIGEST = operator.methodcaller("digest")
_DATA = operator.itemgetter(6)
_LEAF_PREFIX = b"\x00"


@dataclass
class _Read:
    """A chunk as read and checked: what the tree and the seals are rebuilt from."""

    fetched: int  # rows read in [start, start + CHUNK)
    good: int  # rows in order from start whose columns match their bytes
    row_finding: Finding | None
    leaves: list[bytes]  # recomputed leaf hashes of the good rows
    stored: list[bytes] | None  # their stored leaf hashes; None when all equal the recomputed
    seals: dict[int, bytes]  # tree size -> the seal on the entry at size - 1


def _read_python(agency_id: int, slug: str, start: int) -> _Read:
    rows = _rows(agency_id, start, start + CHUNK)
    good, row_finding = _check_rows(slug, start, rows)
    checked = rows[:good]
    sha256 = hashlib.sha256
    # map over C callables: no Python frame per hash (a third faster than a comprehension).
    leaves = list(map(_DIGEST, map(sha256, map(_LEAF_PREFIX.__add__, map(_DATA, checked)))))
    stored = [row[7] for row in checked]
    return _Read(
        fetched=len(rows),
        good=good,
        row_finding=row_finding,
        leaves=leaves,
        stored=None if stored == leaves else stored,
        seals={row[0] + 1: row[8] for row in checked if row[8] is not None},
    )


def _read_native(agency_id: int, slug: str, start: int) -> _Read | None:
    """The same read through the compiled scan (``_native.c``), or None where it does not apply
    or declines: then the Python path reads the chunk and says what is wrong with it."""
    if _native is None or not _native_applies():
        return None
    scanned = _native.scan(
        os.fspath(connection.settings_dict["NAME"]),
        _native_sql(),
        agency_id,
        start,
        start + CHUNK,
        json_string(slug).encode(),
        RECORD_VERSION,
    )
    if scanned is None:
        return None
    fetched, leaf_hashes, stored_hashes, seals = scanned
    bounds = range(0, len(leaf_hashes), merkle.HASH_SIZE)
    leaves = [leaf_hashes[i : i + merkle.HASH_SIZE] for i in bounds]
    stored = None
    if stored_hashes != leaf_hashes:
        stored = [stored_hashes[i : i + merkle.HASH_SIZE] for i in bounds]
    return _Read(
        fetched=fetched,
        good=fetched,
        row_finding=None,
        leaves=leaves,
        stored=stored,
        seals={index + 1: seal for index, seal in seals},
    )


def _native_applies() -> bool:
    """The compiled scan reads the database file on a connection of its own: only for a SQLite
    file, outside a transaction (it could not see rows this connection has not committed), and
    unless ``SANXIANG_LEDGER_NATIVE=0``."""
    return (
        connection.vendor == "sqlite"
        and os.environ.get("SANXIANG_LEDGER_NATIVE", "").strip() != "0"
        and not connection.in_atomic_block
        and not connection.is_in_memory_db()  # type: ignore[attr-defined]
    )


@cache
def _native_sql() -> str:
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    return _ROW_SQL.format(table=table, **_SQLITE_COLUMNS).replace("%s", "?")


def _scan(agency_id: int, slug: str, start: int, due: tuple[int, ...]) -> _Local:
    read = _read_native(agency_id, slug, start) or _read_python(agency_id, slug, start)
    good, leaves = read.good, read.leaves
    sha256 = hashlib.sha256
    pending: list[_Pending] = []
    if read.stored is not None:
        for offset, (leaf, stored_leaf) in enumerate(zip(leaves, read.stored, strict=True)):
            if leaf != stored_leaf:
                index = start + offset
                pending.append(
                    _Pending(index, index, "leaf", "stored leaf hash differs from the record's")
                )
    levels = [leaves]
    stored = _stored_levels(agency_id, start, start + len(leaves)) if leaves else {}
    for level in range(1, CHUNK_LEVEL + 1):
        below = levels[-1]
        pairs = zip(repeat(b"\x01"), below[0 : len(below) - 1 : 2], below[1::2])
        current = list(map(_DIGEST, map(sha256, map(b"".join, pairs))))
        levels.append(current)
        _compare_level(level, start >> level, current, stored.get(level, []), pending)
    sizes: dict[int, bytes | None] = dict(read.seals)
    for size in due:
        if start < size <= start + good:
            sizes.setdefault(size, None)
    heads = [
        _Head(
            size=size,
            seal=sizes[size],
            leaf=leaves[size - 1 - start],
            inner=[
                levels[level][position - (start >> level)]
                for level, position in merkle.root_keys(size)
                if level < CHUNK_LEVEL
            ],
        )
        for size in sorted(sizes)
    ]
    return _Local(
        start=start,
        fetched=read.fetched,
        good=good,
        row_finding=read.row_finding,
        pending=pending,
        heads=heads,
        chunk_root=levels[CHUNK_LEVEL][0] if good == CHUNK else None,
    )


_HEAD = b'{"actor":%b,"agency":%b,"index":%d,"kind":%b,"payload":'
_TAIL = b',"subject":%b,"time":%b,"v":' + str(RECORD_VERSION).encode() + b"}"
_TAIL_PLAIN = b',"subject":"%b","time":%b,"v":' + str(RECORD_VERSION).encode() + b"}"


def _check_rows(slug: str, start: int, rows: list[Row]) -> tuple[int, Finding | None]:
    """How many rows in a row are well-formed, and what is wrong with the next one.

    Each row's columns must be the fields of its bytes: ``bytes`` = head ‖ payload ‖ tail,
    where head and tail are rebuilt from the columns exactly as ``records.record_bytes``.
    The whole chunk is checked with comprehensions and C-level ``map`` first (one per step
    rather than one Python loop body per row: this is most of verify's own cost); only a chunk
    that fails goes through the row-by-row loop that names the first bad row.
    """
    try:
        if _rows_match(slug, start, rows):
            return len(rows), None
    except (TypeError, ValueError):  # a value of a type or form the platform never writes
        pass
    return _first_bad_row(slug, start, rows)


# Bytes that JSON writes escaped inside a string: a column without any is its own JSON text.
_ESCAPED = re.compile(rb'["\\\x00-\x1f]')


def _actor_json(actor_id: int | None, username: str) -> bytes:
    """The record's actor as the columns give it. No actor is ``null`` in the record and an
    empty username column; a username beside no actor id was written by someone else: NUL never
    starts a JSON value, so that row never matches its bytes."""
    if actor_id is None:
        return b"null" if not username else b"\x00"
    return b'{"id":%d,"username":%b}' % (actor_id, json_string(username).encode())


def _json_bytes(value: bytes) -> bytes:
    return json_string(value.decode()).encode()


def _rows_match(slug: str, start: int, rows: list[Row]) -> bool:
    if [row[0] for row in rows] != list(range(start, start + len(rows))):
        return False
    agency = json_string(slug).encode()
    actors = {
        key: _actor_json(key[0], key[1].decode()) for key in {(row[3], row[4]) for row in rows}
    }
    kinds = {kind: _json_bytes(kind) for kind in {row[1] for row in rows}}
    times = {at: json_string(_time(at)).encode() for at in {row[5] for row in rows}}
    heads = [_HEAD % (actors[(row[3], row[4])], agency, row[0], kinds[row[1]]) for row in rows]
    subjects = [row[2] for row in rows]
    if _ESCAPED.search(b"".join(subjects)):
        tails = [_TAIL % (_json_bytes(row[2]), times[row[5]]) for row in rows]
    else:  # one search for the chunk instead of encoding every subject as JSON
        tails = [_TAIL_PLAIN % (row[2], times[row[5]]) for row in rows]
    datas = [row[6] for row in rows]
    # No length check: head and tail could only overlap in bytes far shorter than a record, and
    # bytes that are not a genuine record fail the leaf hash and seal checks anyway.
    return all(map(bytes.startswith, datas, heads)) and all(map(bytes.endswith, datas, tails))


def _first_bad_row(slug: str, start: int, rows: list[Row]) -> tuple[int, Finding | None]:
    expected = start
    agency = json_string(slug).encode()
    actor_memo: dict[tuple[Any, str], bytes] = {}
    kind_memo: dict[str, bytes] = {}
    time_memo: dict[Any, bytes] = {}
    for count, row in enumerate(rows):
        index, kind_raw, subject_raw, actor_id, username_raw, at, data = row[:7]
        kind, subject, username = (
            raw.decode(errors="replace") for raw in (kind_raw, subject_raw, username_raw)
        )
        if index != expected:
            return count, _gap(index, expected)
        try:
            actor = actor_memo.get((actor_id, username))
            if actor is None:
                actor = actor_memo[(actor_id, username)] = _actor_json(actor_id, username)
            time_json = time_memo.get(at)
            if time_json is None:
                time_json = time_memo[at] = json_string(_time(at)).encode()
        except (TypeError, ValueError):  # SQLite keeps whatever type or text was written
            return count, Finding(
                index,
                Problem.CHANGED_RECORD,
                "stored actor or time is not a value the platform writes",
            )
        kind_json = kind_memo.get(kind)
        if kind_json is None:
            kind_json = kind_memo[kind] = json_string(kind).encode()
        head = b'{"actor":%b,"agency":%b,"index":%d,"kind":%b,"payload":' % (
            actor, agency, index, kind_json,
        )  # fmt: skip
        tail = b',"subject":%b,"time":%b,"v":%d}' % (
            json_string(subject).encode(), time_json, RECORD_VERSION,
        )  # fmt: skip
        if not (
            data.startswith(head) and data.endswith(tail) and len(data) > len(head) + len(tail)
        ):
            return count, _misfit(index, data)
        expected += 1
    return len(rows), None


def _compare_level(
    level: int,
    first: int,
    computed: list[bytes],
    stored: list[tuple[int, bytes]],
    pending: list[_Pending],
) -> None:
    if not stored and level < NODE_MIN_LEVEL:
        return  # not stored since migration 0003 (older entries have them: checked)
    if [p for p, _ in stored] == list(range(first, first + len(computed))) and [
        h for _, h in stored
    ] == computed:
        return
    by_position = dict(stored)
    for offset, value in enumerate(computed):
        position = first + offset
        stored_value = by_position.get(position)
        if stored_value is None and level < NODE_MIN_LEVEL:
            continue
        if stored_value != value:
            what = "missing" if stored_value is None else "differs from the recomputed one"
            pending.append(
                _Pending(
                    ((position + 1) << level) - 1,
                    position << level,
                    "node",
                    f"stored subtree hash ({level}, {position}) {what}",
                )
            )


def _gap(index: int, expected: int) -> Finding:
    if index < expected:
        return Finding(index, Problem.FORGED, f"a second entry claims index {index}")
    return Finding(expected, Problem.MISSING_ENTRY, f"no entry at index {expected}")


def _misfit(index: int, data: bytes) -> Finding:
    """A row whose columns are not its bytes' fields: moved, copied, or edited."""
    origin = _claimed_index(data)
    if origin is not None and origin != index:
        if origin < index:
            # The entry at `origin` already verified: this one is a copy of it.
            return Finding(index, Problem.FORGED, f"copy of the entry at index {origin}")
        return Finding(index, Problem.REORDERED, f"entry content was appended at index {origin}")
    return Finding(index, Problem.CHANGED_RECORD, "stored columns differ from the hashed record")


def _workers(chunks: int) -> int:
    """Processes for one agency's pass: one per core, when it can run outside this process.

    Not inside a transaction (other processes would not see its rows), nor on an in-memory
    SQLite database (tests), nor when other threads run; ``SANXIANG_LEDGER_VERIFY_WORKERS=1``
    turns it off.
    """
    configured = os.environ.get("SANXIANG_LEDGER_VERIFY_WORKERS", "").strip()
    workers = int(configured) if configured.isdigit() else (os.cpu_count() or 1)
    if chunks < MIN_PARALLEL_CHUNKS or workers < 2 or connection.in_atomic_block:
        return 1
    # A fork copies only the calling thread: a lock another thread held at that moment (logging,
    # a connection pool, the import lock) stays locked in the child forever. The CLI is single-
    # threaded; called from a threaded server, verify runs in this process alone.
    if threading.active_count() > 1:
        return 1
    if connection.vendor == "sqlite" and connection.is_in_memory_db():  # type: ignore[attr-defined]
        return 1
    return min(workers, chunks)


def _worker_init() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


ScanArgs = tuple[int, str, int, tuple[int, ...]]


def _split(args: list[ScanArgs], workers: int, last: int) -> list[list[ScanArgs]]:
    """Contiguous runs of chunks, one per process, with about the same number of entries each
    (the last chunk may be short)."""
    total = last + 1
    parts: list[list[ScanArgs]] = [[] for _ in range(workers)]
    for item in args:
        middle = min(item[2] + CHUNK, total) + item[2]  # twice the chunk's midpoint
        parts[min(middle * workers // (2 * total), workers - 1)].append(item)
    return [part for part in parts if part]


def _child(args: list[ScanArgs], write_fd: int) -> None:
    """A forked worker: scan its chunks on its own connection, pickle them to the parent, and
    leave through ``os._exit`` (no atexit or finalisers: the parent's objects are not ours)."""
    code = 1
    try:
        _worker_init()
        results = [_scan(*item) for item in args]
        with os.fdopen(write_fd, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


def _received(pid: int, read_fd: int) -> list[_Local]:
    with os.fdopen(read_fd, "rb", closefd=False) as source:
        try:
            results: list[_Local] = pickle.load(source)  # noqa: S301 - our own child, private pipe
        except EOFError:
            raise RuntimeError(f"verify worker {pid} failed (see its stderr)") from None
    return results


@contextmanager
def _chunk_results(args: list[ScanArgs], last: int) -> Iterator[Iterator[_Local]]:
    """The chunks' local results in order: this process scans the first run of chunks while
    forked children scan the others (one child per extra core; no pool to start or tear down),
    or all lazily in this process."""
    workers = _workers(len(args))
    if workers == 1:
        yield (_scan(*a) for a in args)
        return
    parts = _split(args, workers, last)
    # Children must not share this process's database connections: close them before forking
    # (Django's and the compiled scan's); each side opens its own on next use.
    connections.close_all()
    if _native is not None:
        _native.close()
    children: list[tuple[int, int]] = []
    try:
        for part in parts[1:]:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child leaves through os._exit
                os.close(read_fd)
                for _, earlier in children:
                    os.close(earlier)
                _child(part, write_fd)
            os.close(write_fd)
            children.append((pid, read_fd))
        _worker_init()

        received: set[int] = set()

        def results() -> Iterator[_Local]:
            yield from (_scan(*a) for a in parts[0])
            for pid, read_fd in children:
                locals_ = _received(pid, read_fd)
                received.add(pid)
                yield from locals_

        yield results()
    finally:
        for pid, read_fd in children:
            os.close(read_fd)
            if pid not in received:  # the walk stopped early: its results are not needed
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


class _Walk:
    """One pass over an agency's entries in index order, rebuilding the tree as it goes."""

    def __init__(self, agency: Agency, checkpoints: list[Checkpoint], seal_key: bytes) -> None:
        self.agency = agency
        self.slug = agency.slug
        self.roots_due = {c.tree_size: bytes(c.root_hash) for c in checkpoints}
        self.seal_key = seal_key
        self.size = 0
        self.upper = merkle.Frontier()  # over chunk roots: the tree above CHUNK_LEVEL
        self.upper_nodes: dict[merkle.NodeKey, bytes] = {}
        self.pending: list[_Pending] = []
        self.sealed_size = 0  # the records up to here reproduce a seal or signed root
        self.last_good_root_size = 0

    def run(self) -> Finding | None:
        last = _last_index(self.agency.pk)
        if last is None:
            return self._tail()
        due = sorted(self.roots_due)
        args = [
            (
                self.agency.pk,
                self.slug,
                start,
                tuple(size for size in due if start < size <= start + CHUNK),
            )
            for start in range(0, last + 1, CHUNK)
        ]
        with _chunk_results(args, last) as results:
            for local in results:
                finding = self._join(local, last)
                if finding is not None:
                    return finding
        return self._tail()

    def _join(self, local: _Local, last: int) -> Finding | None:
        start = local.start
        if local.fetched == 0:
            return Finding(start, Problem.MISSING_ENTRY, f"no entry at index {start}")
        self.pending.extend(local.pending)
        if local.chunk_root is not None:
            completed: list[tuple[int, int, bytes]] = []
            self.upper.append(local.chunk_root, completed)
            self.upper_nodes[(CHUNK_LEVEL, start >> CHUNK_LEVEL)] = local.chunk_root
            for level, position, value in completed:
                self.upper_nodes[(level + CHUNK_LEVEL, position)] = value
        self.size = start + local.good
        for head in local.heads:
            outer = [
                self.upper_nodes[(level, position)]
                for level, position in merkle.root_keys(head.size)
                if level >= CHUNK_LEVEL
            ]
            root = merkle.fold_right(outer + head.inner)
            finding = None
            if head.seal is not None:
                finding = self._judge_seal(head.size, root, head.seal, head.leaf)
            if finding is None and head.size in self.roots_due:
                finding = self._judge_checkpoint(head.size, root)
            if finding is not None:
                return finding
        if local.row_finding is not None:
            return local.row_finding
        if local.good < CHUNK and start + CHUNK <= last:
            missing = start + local.good
            return Finding(missing, Problem.MISSING_ENTRY, f"no entry at index {missing}")
        return None

    def _judge_seal(self, size: int, root: bytes, seal: bytes, leaf: bytes) -> Finding | None:
        key = self.seal_key
        if hmac.compare_digest(signing.seal_head(key, self.slug, size, root), seal):
            return self._settled(size)
        if hmac.compare_digest(signing.seal_leaf(leaf, key), seal):
            # A per-entry seal (entries appended before migration 0003) vouches for its record.
            if self.sealed_size == size - 1:
                return self._settled(size)
            return None
        return self._broken(size, "seal")

    def _judge_checkpoint(self, size: int, root: bytes) -> Finding | None:
        if root == self.roots_due[size]:
            self.last_good_root_size = size
            return self._settled(size)
        if any(p.last < size for p in self.pending):
            return self._broken(size, "checkpoint")
        start = self.last_good_root_size
        return Finding(
            start,
            Problem.ROOT_MISMATCH,
            f"checkpoint of size {size} signs a different root; the change lies in "
            f"indices {start}–{size - 1}",
        )

    def _settled(self, size: int) -> Finding | None:
        """The records up to ``size`` reproduce a sealed or signed head: they are genuine, so any
        stored hash below that differs from them is itself the changed value."""
        judged = sorted(p for p in self.pending if p.last < size)
        if judged:
            first = min(judged, key=lambda p: p.first)
            return Finding(first.first, Problem.TREE_MISMATCH, first.detail)
        self.sealed_size = size
        return None

    def _broken(self, size: int, what: str) -> Finding:
        """The records up to ``size`` do not give the sealed/signed head: something in
        [sealed_size, size) was changed. Stored hashes kept from the append name the entry."""
        low = self.sealed_size
        judged = [p for p in self.pending if p.last < size]
        leaves = sorted(p.first for p in judged if p.what == "leaf" and p.first >= low)
        if leaves:
            return Finding(
                leaves[0], Problem.CHANGED_RECORD, "stored record does not hash to its leaf"
            )
        nodes = sorted(judged, key=lambda p: p.first)
        if nodes:
            index = max(nodes[0].first, low)
            return Finding(
                index,
                Problem.CHANGED_RECORD,
                f"a record in indices {index}–{nodes[0].last} no longer matches the hashes "
                "stored when it was appended (its leaf hash was rewritten to match)",
            )
        if what == "seal":
            where = f"index {low}" if low == size - 1 else f"indices {low}–{size - 1}"
            return Finding(
                low,
                Problem.FORGED,
                f"the platform's seal on index {size - 1} does not match the log: {where} "
                "forged or rewritten with recomputed hashes"
                + (" (or the platform key file was replaced)" if low == 0 else ""),
            )
        start = self.last_good_root_size
        return Finding(start, Problem.ROOT_MISMATCH, f"checkpoint of size {size} disagrees")

    def _tail(self) -> Finding | None:
        if self.sealed_size < self.size:
            # Every append seals its last entry, so unsealed entries at the end were not
            # appended by the platform.
            return Finding(
                self.sealed_size,
                Problem.FORGED,
                f"entries {self.sealed_size}–{self.size - 1} carry no platform seal",
            )
        return None


def _claimed_index(data: bytes) -> int | None:
    try:
        record = json.loads(data)
    except ValueError:
        return None
    index = record.get("index") if isinstance(record, dict) else None
    return index if isinstance(index, int) else None


def _check_signatures(
    checkpoints: list[Checkpoint], ring: keyring.KeyRing, report: AgencyReport
) -> None:
    for checkpoint in checkpoints:
        index = max(checkpoint.tree_size - 1, 0)
        problem = ring.check(
            checkpoint.algorithm,
            checkpoint.key_id,
            checkpoint.created_at,
            signed_message(checkpoint_body(checkpoint)),
            bytes(checkpoint.signature),
        )
        if problem is not None:
            report.findings.append(
                Finding(
                    index,
                    Problem.BAD_SIGNATURE,
                    f"checkpoint of size {checkpoint.tree_size}: {problem}",
                )
            )


def verify_agency(agency: Agency, ring: keyring.KeyRing | None = None) -> AgencyReport:
    ring = ring if ring is not None else keyring.load()
    report = AgencyReport(agency=agency.slug)
    checkpoints = list(
        Checkpoint.objects.filter(agency=agency).select_related("agency").order_by("tree_size")
    )
    report.checkpoints = len(checkpoints)
    _check_signatures(checkpoints, ring, report)
    walk = _Walk(agency, checkpoints, signing.seal_key())
    finding = walk.run()
    report.entries = walk.size
    if finding is not None:
        report.findings.append(finding)
    else:
        _check_stored_upper(agency, walk, report)
        _check_tail(agency, walk.size, checkpoints, report)
    return report


def _check_stored_upper(agency: Agency, walk: _Walk, report: AgencyReport) -> None:
    """Subtrees above a chunk: few; every record under them already matched a seal."""
    stored = _stored_upper(agency)
    for key in sorted(walk.upper_nodes):
        level, position = key
        if level > CHUNK_LEVEL and stored.get(key) != walk.upper_nodes[key]:
            report.findings.append(
                Finding(
                    position << level,
                    Problem.TREE_MISMATCH,
                    f"stored subtree hash ({level}, {position}) differs from the recomputed one",
                )
            )
            return


def _check_tail(
    agency: Agency, size: int, checkpoints: list[Checkpoint], report: AgencyReport
) -> None:
    """Entries cut from the end leave traces: checkpoints, the head or subtrees beyond the end."""
    beyond = [c.tree_size for c in checkpoints if c.tree_size > size]
    head = LedgerHead.objects.filter(agency=agency).first()
    expected_nodes = sum(size >> level for level in range(NODE_MIN_LEVEL, size.bit_length()))
    stored_nodes = LedgerNode.objects.filter(agency=agency, level__gte=NODE_MIN_LEVEL).count()
    if beyond:
        detail = f"checkpoint of size {max(beyond)} but only {size} entries remain"
    elif head is not None and head.size > size:
        detail = f"the log head records {head.size} entries but only {size} remain"
    elif stored_nodes > expected_nodes:
        detail = f"{stored_nodes - expected_nodes} subtree hashes cover entries past the end"
    else:
        return
    report.findings.append(Finding(size, Problem.MISSING_ENTRY, detail))


def verify(agencies: list[Agency]) -> list[AgencyReport]:
    ring = keyring.load()
    with bulk_reads():
        return [verify_agency(agency, ring) for agency in agencies]


@contextmanager
def bulk_reads() -> Iterator[None]:
    """SQLite: read the file through a memory map while verifying (a full scan of large rows;
    through the default 2 MB page cache every page is a read() call). Restored afterwards, and
    the compiled scan's connection closed."""
    try:
        with _mapped():
            yield
    finally:
        if _native is not None:
            _native.close()


@contextmanager
def _mapped() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        row = cursor.fetchone()  # None for an in-memory database (tests): nothing to map
        if row is None:
            yield
            return
        (previous,) = row
        cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {int(previous)}")
