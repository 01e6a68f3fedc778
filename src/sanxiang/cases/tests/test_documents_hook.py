"""The workflow issues a record's documents once the record is committed (STYLE.md §5): a
recorded 行政处罚决定书 becomes a numbered, sealed Document; a failed render is logged and never
undoes the record (which documents the app auto-issues is the documents app's decision)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.cases import services
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.documents import render
from sanxiang.documents.models import Document
from sanxiang.ledger.verification import verify_agency

pytestmark = pytest.mark.django_db

PATH = ("filing", "investigation", "notice", "legal_review", "decision")


def _at_decision() -> tuple[Case, Any, list[Any]]:
    agency = f.agency("wuhan-rsj")
    f.agency("liuzhou-kjj")
    team = f.officers(agency, 2)
    officer = f.staff(agency, "officer", Role.OFFICER)
    start = f.at(2026, 3, 2, 9)
    case = f.open_case(
        actor=officer,
        agency=agency,
        kind="penalty",
        procedure="general",
        team=team,
        when=start,
        facts=PENALTY,
    )
    f.walk(case, PATH, actor=officer, team=team, start=start)
    return case, officer, team


def _decide(case: Case, officer: Any, team: list[Any]) -> CaseRecord:
    return services.record(
        actor=officer,
        case=case,
        record_type="penalty_decision_document",
        payload=f.payload_for("penalty_decision_document"),
        officers=team,
        at=f.at(2026, 3, 8, 10),
    )


def test_a_recorded_decision_is_issued_after_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    case, officer, team = _at_decision()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record = _decide(case, officer, team)
        # Nothing is rendered inside the record's transaction.
        assert not Document.objects.filter(record=record).exists()
    assert callbacks
    documents = Document.objects.filter(case=case, record=record)
    assert "penalty_decision" in {d.doc_type for d in documents}
    decision = documents.get(doc_type="penalty_decision")
    assert decision.number and decision.sha256 and decision.issued_by == officer
    assert verify_agency(case.agency).ok


@pytest.fixture
def fonts_missing(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The machine lost its CJK fonts: Typst cannot render (an environment fault)."""
    render._compiler.cache_clear()
    monkeypatch.setattr(render, "FONT_DIRS", [Path("/nonexistent/fonts")])
    yield
    render._compiler.cache_clear()


def test_a_failed_render_leaves_the_record_intact(
    django_capture_on_commit_callbacks: Callable[..., Any],
    fonts_missing: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case, officer, team = _at_decision()
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        record = _decide(case, officer, team)
    record = CaseRecord.objects.get(pk=record.pk)
    assert record.record_type == "penalty_decision_document"
    assert "decision_made" in record.events
    assert case.deadlines.get(rule_id="penalty_decision").status == "met"
    # No sealed document came of it; the failure is in the documents app's keeping.
    assert not any(d.sha256 for d in Document.objects.filter(record=record))
    assert verify_agency(case.agency).ok
