"""Ledger benchmark: append and verification throughput, proof latency in a 1,000,000-entry log.

Runs on its own temporary SQLite database (WAL, as in production's default) and writes
``bench/results/ledger.json``. Targets (issue 3): append ≥ 0.5× a plain INSERT of the same rows,
full verification ≥ 0.3× raw SHA-256 over the same leaf bytes, proof p99 < 5 ms at 1M entries.

    .venv/bin/python bench/ledger.py [--entries 20000] [--big 1000000] [--probes 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

from benchsupport import cpu_name, setup_django  # noqa: E402 - a sibling script module

RESULTS = REPO / "bench" / "results" / "ledger.json"
BATCH = 500  # rows per transaction, as an import would write them
VERIFY_ROUNDS = 7  # rounds of the verification measures, taken in turn


def machine() -> dict[str, Any]:
    cpu = cpu_name()
    import django

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "note": "shared 2-core build machine; other jobs ran at the same time (see load average)",
    }


def payload(i: int) -> dict[str, Any]:
    """About 1 KB of JSON, shaped like a case record."""
    return {
        "case": f"武人社监〔2026〕{i}号",
        "step": "调查取证",
        "record": "询问笔录：当事人陈述用人单位未依法签订书面劳动合同。" * 12,
        "officers": ["42010001", "42010002"],
        "n": i,
        "attachments": [{"sha256": hashlib.sha256(str(i).encode()).hexdigest(), "kind": "audio"}],
    }


def subject(i: int) -> str:
    """As the platform names a case: its agency and its case number (文号), which is Chinese."""
    return f"case:bench-append:市人社局〔2026〕{i}号"


def bench_append(entries: int) -> dict[str, Any]:
    from django.db import connection, transaction

    from sanxiang.ledger import services
    from sanxiang.registry.models import Agency

    agency = Agency.objects.create(slug="bench-append", name="基准测试机关甲")
    rows = [payload(i) for i in range(entries)]
    events = [
        services.Event(kind="case.record.added", subject=subject(i), payload=p)
        for i, p in enumerate(rows)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_plain (id INTEGER PRIMARY KEY AUTOINCREMENT, agency_id INTEGER, "
            '"index" INTEGER, kind TEXT, subject TEXT, recorded_at TEXT, payload_json TEXT, '
            'UNIQUE (agency_id, "index"))'
        )

    now = datetime.now(UTC).isoformat()
    # Plain and ledger batches alternate, so both see the same load on a shared machine.
    plain_batches: list[float] = []
    ledger_batches: list[float] = []
    for start in range(0, entries, BATCH):
        stop = min(start + BATCH, entries)
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                'INSERT INTO bench_plain (agency_id, "index", kind, subject, recorded_at, '
                "payload_json) VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        agency.pk,
                        i,
                        "case.record.added",
                        subject(i),
                        now,
                        json.dumps(rows[i], ensure_ascii=False),
                    )
                    for i in range(start, stop)
                ],
            )
        t1 = time.perf_counter()
        with transaction.atomic():
            services.append_batch(agency=agency, actor=None, events=events[start:stop])
        t2 = time.perf_counter()
        plain_batches.append(t1 - t0)
        ledger_batches.append(t2 - t1)
        # Untimed: otherwise a WAL checkpoint copying both sides' pages lands on whichever
        # commit crosses SQLite's threshold (usually the ledger's, which writes more pages).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain, ledger = sum(plain_batches), sum(ledger_batches)

    single_count = min(2000, entries)
    other = Agency.objects.create(slug="bench-single", name="基准测试机关乙")
    started = time.perf_counter()
    for i in range(single_count):
        with transaction.atomic():
            services.append(
                agency=other,
                kind="case.record.added",
                subject=subject(i),
                actor=None,
                payload=rows[i],
            )
    single = time.perf_counter() - started
    return {
        "entries": entries,
        "batch": BATCH,
        "payload_bytes": len(json.dumps(rows[0], ensure_ascii=False).encode()),
        "plain_insert_per_s": round(entries / plain),
        "ledger_append_per_s": round(entries / ledger),
        "ratio": round(plain / ledger, 3),
        # Per-batch medians shrug off WAL checkpoints and preemption landing on one side.
        "median_batch_ratio": round(
            statistics.median(plain_batches) / statistics.median(ledger_batches), 3
        ),
        "target_ratio": 0.5,
        "single_append_per_s_one_transaction_each": round(single_count / single),
    }


def bench_verify() -> dict[str, Any]:
    from sanxiang.ledger import keyring, verification
    from sanxiang.ledger.models import LedgerEntry
    from sanxiang.ledger.records import Record, shanghai_iso
    from sanxiang.registry.models import Agency

    agency = Agency.objects.get(slug="bench-append")
    ring = keyring.load()  # the key files, read once per `verify` run, not per agency

    # The leaf bytes rebuilt from the entries' fields (not read from the stored copy), and
    # checked equal to the stored bytes: the baseline hashes exactly what verify hashes.
    entries = list(LedgerEntry.objects.filter(agency=agency).order_by("index"))
    leaves = [
        Record(
            index=e.index,
            agency=agency.slug,
            kind=e.kind,
            subject=e.subject,
            actor_id=e.actor_id,
            actor_username=e.actor_username,
            time=shanghai_iso(e.recorded_at),
            payload_json=e.payload_json,
        ).to_bytes()
        for e in entries
    ]
    assert leaves == [bytes(e.leaf_data) for e in entries]
    del entries

    def full_verify() -> int:
        with verification.bulk_reads():  # as `sanxiang ledger verify` reads
            report = verification.verify_agency(agency, ring)
        assert report.ok, report.as_json()
        return report.entries

    def with_env(**values: str) -> int:
        previous = {name: os.environ.get(name) for name in values}
        os.environ.update(values)
        try:
            return full_verify()
        finally:
            for name, value in previous.items():
                if value is None:
                    del os.environ[name]
                else:
                    os.environ[name] = value

    def one_process_verify() -> int:
        # The same pass in this process alone (no forked children).
        return with_env(SANXIANG_LEDGER_VERIFY_WORKERS="1")

    def python_verify() -> int:
        # Without the compiled scan (what a machine without a C compiler runs), one process.
        return with_env(SANXIANG_LEDGER_VERIFY_WORKERS="1", SANXIANG_LEDGER_NATIVE="0")

    def raw_hashing() -> int:
        sha256 = hashlib.sha256
        for data in leaves:
            sha256(b"\x00" + data).digest()
        return len(leaves)

    def read_rows() -> int:
        # How long merely reading the rows takes, read as verify reads them (through the memory
        # map): a floor under any verifier that reads the database.
        with verification.bulk_reads():
            return sum(
                len(verification._rows(agency.pk, start, start + verification.CHUNK))
                for start in range(0, len(leaves), verification.CHUNK)
            )

    # The four measures take turns, round after round, so a slow spell of this shared host
    # lands on all of them alike instead of on whichever ran during it; each keeps its best
    # round, and the ratio of each round's pair is kept too (its median is the steadier figure).
    measures = {
        "verify": full_verify,
        "single": one_process_verify,
        "python": python_verify,
        "raw": raw_hashing,
        "read": read_rows,
    }
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(VERIFY_ROUNDS):
        for name, measure in measures.items():
            if name == "raw":
                # Untimed first pass: after a fork (verify's second process) every page this
                # process then writes takes a fault, and raw hashing writes the reference count
                # of each of the 20 000 leaves: 6 000 faults that are not hashing.
                raw_hashing()
            started = time.perf_counter()
            counted = measure()
            times[name].append(time.perf_counter() - started)
            assert counted == len(leaves), (name, counted)
    verify_s, single_s, python_s, raw_s, read_s = (min(times[name]) for name in measures)
    count = len(leaves)

    def median_ratio(name: str) -> float:
        return round(
            statistics.median(r / v for r, v in zip(times["raw"], times[name], strict=True)), 3
        )

    return {
        "entries": count,
        "rounds": VERIFY_ROUNDS,
        "leaf_bytes_mean": round(sum(map(len, leaves)) / count),
        "verify_per_s": round(count / verify_s),
        "verify_runs_s": [round(x, 3) for x in times["verify"]],
        "verify_workers": verification._workers(-(-count // verification.CHUNK)),
        "raw_sha256_per_s": round(count / raw_s),
        "raw_runs_s": [round(x, 4) for x in times["raw"]],
        "ratio": round(raw_s / verify_s, 3),
        "median_round_ratio": median_ratio("verify"),
        "target_ratio": 0.3,
        "read_rows_only_per_s": round(count / read_s),
        "read_rows_only_ratio": round(raw_s / read_s, 3),
        "verify_processes_note": "verify_workers processes (this one plus forked children) "
        "against a single-process raw SHA-256 baseline; machine cores in machine.cores",
        "single_process_verify_per_s": round(count / single_s),
        "single_process_verify_runs_s": [round(x, 3) for x in times["single"]],
        "single_process_ratio": round(raw_s / single_s, 3),
        "single_process_median_round_ratio": median_ratio("single"),
        "compiled_scan": verification._native is not None,
        "python_path_verify_per_s": round(count / python_s),
        "python_path_verify_runs_s": [round(x, 3) for x in times["python"]],
        "python_path_ratio": round(raw_s / python_s, 3),
        "python_path_median_round_ratio": median_ratio("python"),
    }


def build_big_log(size: int) -> Any:
    """A 1M-entry log written as append() would, but computed in memory and bulk-inserted."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sanxiang.ledger import merkle, signing
    from sanxiang.ledger.models import NODE_MIN_LEVEL, LedgerHead
    from sanxiang.ledger.records import Record, shanghai_iso
    from sanxiang.registry.models import Agency

    agency = Agency.objects.create(slug="bench-big", name="基准测试机关丙")
    key = signing.seal_key()
    now = timezone.now()
    stamp = shanghai_iso(now)
    db_time = connection.ops.adapt_datetimefield_value(now)
    frontier = merkle.Frontier()
    chunk = 50_000
    for start in range(0, size, chunk):
        entries = []
        completed: list[tuple[int, int, bytes]] = []
        for i in range(start, min(start + chunk, size)):
            payload_json = f'{{"n":{i}}}'
            record = Record(
                i, agency.slug, "bench.entry", f"bench:{i}", None, "", stamp, payload_json
            )
            data = record.to_bytes()
            leaf = merkle.leaf_hash(data)
            frontier.append(leaf, completed)
            entries.append(
                [agency.pk, i, "bench.entry", f"bench:{i}", "", db_time, data, leaf, None]
            )
        # As append_batch does: the batch's last entry seals the tree head it leaves.
        entries[-1][-1] = signing.seal_head(key, agency.slug, frontier.size, frontier.root())
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                'INSERT INTO ledger_ledgerentry (agency_id, "index", kind, subject, '
                "actor_username, recorded_at, leaf_data, leaf_hash, seal) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                entries,
            )
            cursor.executemany(
                "INSERT INTO ledger_ledgernode (agency_id, level, position, hash) "
                "VALUES (%s, %s, %s, %s)",
                [(agency.pk, lv, pos, h) for lv, pos, h in completed if lv >= NODE_MIN_LEVEL],
            )
    LedgerHead.objects.create(agency=agency, size=frontier.size, frontier=frontier.to_bytes())
    return agency, frontier.root()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_proofs(size: int, probes: int) -> dict[str, Any]:
    from sanxiang.ledger import merkle, selectors, services

    started = time.perf_counter()
    agency, root = build_big_log(size)
    build_s = time.perf_counter() - started
    checkpoint = services.create_checkpoint(agency=agency)
    assert checkpoint is not None and bytes(checkpoint.root_hash) == root

    rng = random.Random(9162)
    # Wall time is what a caller waits; CPU time (thread_time) is the proof's own cost, which
    # stays readable when other jobs on a shared machine preempt the process.
    inclusion: list[float] = []
    inclusion_cpu: list[float] = []
    for _ in range(probes):
        index = rng.randrange(size)
        t0, c0 = time.perf_counter(), time.thread_time()
        proof = selectors.inclusion_proof(agency=agency, index=index)
        inclusion_cpu.append((time.thread_time() - c0) * 1000)
        inclusion.append((time.perf_counter() - t0) * 1000)
        merkle.verify_inclusion(index, size, proof.leaf_hash, proof.audit_path, root)
    consistency: list[float] = []
    consistency_cpu: list[float] = []
    for _ in range(probes):
        old = rng.randrange(1, size)
        t0, c0 = time.perf_counter(), time.thread_time()
        cproof = selectors.consistency_proof(agency=agency, from_size=old, to_size=size)
        consistency_cpu.append((time.thread_time() - c0) * 1000)
        consistency.append((time.perf_counter() - t0) * 1000)
        merkle.verify_consistency(old, size, cproof.from_root, root, cproof.consistency_path)

    def summary(values: list[float], cpu: list[float]) -> dict[str, float]:
        return {
            "p50_ms": round(statistics.median(values), 3),
            "p99_ms": round(percentile(values, 99), 3),
            "max_ms": round(max(values), 3),
            "cpu_p50_ms": round(statistics.median(cpu), 3),
            "cpu_p99_ms": round(percentile(cpu, 99), 3),
        }

    return {
        "log_size": size,
        "probes": probes,
        "build_seconds": round(build_s, 1),
        "inclusion": summary(inclusion, inclusion_cpu),
        "consistency": summary(consistency, consistency_cpu),
        "target_p99_ms": 5.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="sanxiang-bench-") as var_dir:
        setup_django(var_dir)
        started = time.perf_counter()
        append = bench_append(args.entries)
        print("append", json.dumps(append, ensure_ascii=False), flush=True)
        verify = bench_verify()
        print("verify", json.dumps(verify, ensure_ascii=False), flush=True)
        proofs = bench_proofs(args.big, args.probes)
        print("proofs", json.dumps(proofs, ensure_ascii=False), flush=True)
        result = {
            "benchmark": "ledger",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {**machine(), "load_average_at_start": load_at_start},
            "database": "SQLite (WAL, synchronous=NORMAL), temporary file",
            "append": append,
            "verify": verify,
            "proofs": proofs,
            "targets_met": {
                "append": append["ratio"] >= append["target_ratio"],
                "verify": verify["ratio"] >= verify["target_ratio"],
                "proof_p99": max(proofs["inclusion"]["p99_ms"], proofs["consistency"]["p99_ms"])
                < proofs["target_p99_ms"],
            },
            "total_seconds": round(time.perf_counter() - started, 1),
        }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
