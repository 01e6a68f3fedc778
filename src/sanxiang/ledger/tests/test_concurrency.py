"""Concurrent appends from several real processes on PostgreSQL stay gapless and ordered."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from urllib.parse import quote

import pytest
from django.db import connection

from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.tests.helpers import run_json
from sanxiang.registry.models import Agency

WORKER = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.db import transaction
    from sanxiang.ledger import services
    from sanxiang.registry.models import Agency

    worker, count = int(sys.argv[1]), int(sys.argv[2])
    agencies = list(Agency.objects.order_by("slug"))
    for n in range(count):
        agency = agencies[n % len(agencies)]
        with transaction.atomic():
            services.append(
                agency=agency, kind="test.concurrent.append", subject=f"w{worker}:{n}",
                actor=None, payload={"worker": worker, "n": n},
            )
    """
)

PROCESSES = 6
PER_PROCESS = 40


def _database_url() -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    host = settings["HOST"] or ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    if host.startswith("/"):
        return f"postgresql://{user}@{port}/{settings['NAME']}?host={quote(host)}"
    return f"postgresql://{user}@{host}{port}/{settings['NAME']}"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_processes_append_gapless_ordered_sequences(
    agency_a: Agency, agency_b: Agency
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers at BEGIN IMMEDIATE")
    env = {**os.environ, "SANXIANG_DATABASE_URL": _database_url()}
    env.setdefault("DJANGO_SETTINGS_MODULE", "sanxiang.settings")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(w), str(PER_PROCESS)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    errors = [w.communicate(timeout=180)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * PROCESSES, errors

    for agency in (agency_a, agency_b):
        rows = list(
            LedgerEntry.objects.filter(agency=agency)
            .order_by("index")
            .values_list("index", "subject", "recorded_at")
        )
        total = PROCESSES * PER_PROCESS // 2
        assert [index for index, _, _ in rows] == list(range(total))
        # Each worker's own entries keep the order it appended them in.
        for w in range(PROCESSES):
            mine = [int(s.split(":")[1]) for _, s, _ in rows if s.startswith(f"w{w}:")]
            assert mine == sorted(mine) and len(mine) == PER_PROCESS // 2
        # The lock is taken before the clock is read: time never runs backwards along the log.
        times = [t for _, _, t in rows]
        assert times == sorted(times)
    code, report = run_json("verify", "--json")
    assert code == 0, report
