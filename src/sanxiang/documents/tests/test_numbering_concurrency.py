"""Parallel processes taking 文号 on PostgreSQL: no gaps, no duplicates, and every number
taken belongs to a Document row (the allocation step of issuing, ``services._allocate``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from urllib.parse import quote

import pytest
from django.db import connection

from sanxiang.documents.models import Document, DocumentCounter
from sanxiang.documents.tests.helpers import walked_case
from sanxiang.registry.models import Agency

WORKER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.db import transaction
    from sanxiang.cases.models import Case
    from sanxiang.documents.doctypes import DOC_TYPES
    from sanxiang.documents.services import _allocate

    worker, count = int(sys.argv[1]), int(sys.argv[2])
    cases = list(Case.objects.select_related("agency", "opened_by").order_by("agency__slug"))
    spec = DOC_TYPES["penalty_decision"]
    taken = []
    for n in range(count):
        case = cases[n % len(cases)]
        actor = case.opened_by
        with transaction.atomic():
            document = _allocate(actor=actor, case=case, spec=spec, record=None, at=None)
            # Every fifth issue fails after taking its number: the number must come back.
            if n % 5 == 4:
                transaction.set_rollback(True)
                continue
        taken.append([case.agency.slug, document.sequence, document.number])
    print(json.dumps(taken))
    """
)

PROCESSES = 6
PER_PROCESS = 30


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
def test_parallel_processes_take_gapless_unique_numbers(agency_a: Agency, agency_b: Agency) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers at BEGIN IMMEDIATE")
    for agency in (agency_a, agency_b):
        walked_case(agency.slug, "inspection", "general", (), {})
    env = {**os.environ, "SANXIANG_DATABASE_URL": _database_url()}
    env.setdefault("DJANGO_SETTINGS_MODULE", "sanxiang.settings")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(w), str(PER_PROCESS)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    outputs = [w.communicate(timeout=180) for w in workers]
    assert [w.returncode for w in workers] == [0] * PROCESSES, [err for _, err in outputs]

    taken = [tuple(row) for out, _ in outputs for row in json.loads(out)]
    committed_per_agency = PROCESSES * (PER_PROCESS - PER_PROCESS // 5) // 2
    for agency, abbreviation in ((agency_a, "武人社"), (agency_b, "柳科")):
        sequences = sorted(seq for slug, seq, _ in taken if slug == agency.slug)
        assert sequences == list(range(1, committed_per_agency + 1))
        texts = {text for slug, _, text in taken if slug == agency.slug}
        assert len(texts) == committed_per_agency
        assert all(t.startswith(f"{abbreviation}罚〔2026〕") for t in texts)
        counter = DocumentCounter.objects.get(agency=agency, doc_type="penalty_decision")
        assert counter.last == committed_per_agency
        # Each number has its Document row, and no row has a number nobody reported.
        rows = Document.objects.filter(agency=agency, doc_type="penalty_decision")
        assert sorted(rows.values_list("sequence", flat=True)) == sequences
        assert set(rows.values_list("number", flat=True)) == texts
