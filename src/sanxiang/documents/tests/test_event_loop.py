"""Issuing and verifying a document must not depend on the caller's event loop: the Playwright
live-server tests and any ASGI caller run our synchronous code while a loop is running, where
pyHanko's synchronous wrappers (``asyncio.run``) would refuse."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from sanxiang.cases.models import CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.documents import store
from sanxiang.documents.choices import DocumentStatus
from sanxiang.documents.models import Document
from sanxiang.documents.pdfcheck import check_seal
from sanxiang.documents.services import issue_document
from sanxiang.documents.tests.helpers import walked_case

# A running loop gets its own database connection (asgiref context), as the live-server
# thread does, so the data must be committed: a transactional test.
pytestmark = pytest.mark.django_db(transaction=True)

PATH = ("filing", "investigation", "notice", "legal_review", "decision", "service")


def test_issue_and_verify_inside_a_running_event_loop(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    case, officer = walked_case("wuhan-rsj", "penalty", "general", PATH, PENALTY)
    record = CaseRecord.objects.get(case=case, record_type="penalty_decision_document")
    # The browser tests allow the ORM under Playwright's loop the same way.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    async def caller() -> tuple[Document, bool]:
        asyncio.get_running_loop()  # the situation under test: a loop is running here
        document = issue_document(
            actor=officer,
            case=case,
            doc_type="penalty_decision",
            record=record,
            at=f.at(2026, 11, 23),
        )
        return document, check_seal(store.get(document.sha256)).ok

    document, sealed_in_loop = asyncio.run(caller())

    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert sealed_in_loop is True
    pdf = store.get(document.sha256)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "issued.pdf"
    path.write_bytes(pdf)
    out = io.StringIO()
    call_command("documents", "verify", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True
