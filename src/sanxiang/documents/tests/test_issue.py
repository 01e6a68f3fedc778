"""Issuing documents: 文号, PDF contents, storage, ledger; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sanxiang.accounts.choices import Role
from sanxiang.cases.models import CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.documents import render, store
from sanxiang.documents.choices import DocumentStatus
from sanxiang.documents.doctypes import DOC_TYPES
from sanxiang.documents.models import Document, DocumentCounter
from sanxiang.documents.selectors import file_attachments, issued_of
from sanxiang.documents.services import (
    STALE_PENDING,
    RenderFailed,
    _allocate,
    issue_document,
    issue_for_record,
    retry_render,
    retryable,
)
from sanxiang.documents.tests.helpers import pdf_text, walked_case
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.verification import verify_agency

pytestmark = pytest.mark.django_db

RSJ_PENALTY = (
    "filing",
    "investigation",
    "notice",
    "legal_review",
    "decision",
    "service",
)
ISSUED_AT = f.at(2026, 11, 23, 15)


def _decision_case() -> tuple[object, object, CaseRecord]:
    case, officer = walked_case("wuhan-rsj", "penalty", "general", RSJ_PENALTY, PENALTY)
    record = CaseRecord.objects.filter(
        case=case, record_type__in=["penalty_decision_document", "decision_document"]
    ).first()
    assert record is not None
    return case, officer, record


def test_decision_has_number_contents_and_chinese_date() -> None:
    case, officer, record = _decision_case()
    other, _ = walked_case("liuzhou-kjj", "penalty", "general", ("investigation",), {})

    document = issue_document(
        actor=officer, case=case, doc_type="penalty_decision", record=record, at=ISSUED_AT
    )

    assert document.number == "武人社罚〔2026〕1号"
    pdf = store.get(document.sha256)
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    text = pdf_text(pdf)
    for expected in (
        "武汉市人力资源和社会保障局",
        "行政处罚决定书",
        "武人社罚〔2026〕1号",
        "二〇二六年十一月二十三日",
        "某某有限公司",
        "当事人基本情况",
        "违法事实和证据",
        "从重、从轻、减轻或者不予处罚情形",
        "法律依据（含自由裁量基准）",
        "行政处理决定、履行期限和方式",
        "救济途径和期限",
        document.verify_code,
    ):
        assert expected in text, expected
    # The digest is ledgered with the record it was made from.
    entry = LedgerEntry.objects.get(agency=case.agency, index=document.ledger_index)
    payload = json.loads(entry.payload_json)
    assert entry.kind == "documents.issued"
    assert payload["sha256"] == document.sha256
    assert payload["record_ledger_index"] == record.ledger_index
    assert verify_agency(case.agency).ok
    # The other agency's ledger and counters are untouched.
    assert not DocumentCounter.objects.filter(agency=other.agency).exists()
    assert not LedgerEntry.objects.filter(agency=other.agency, kind="documents.issued").exists()


def test_numbers_follow_each_other() -> None:
    case, officer, record = _decision_case()
    first = issue_document(actor=officer, case=case, doc_type="penalty_decision", record=record)
    second = issue_document(actor=officer, case=case, doc_type="penalty_decision", record=record)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.number.endswith("〕2号")
    assert first.sha256 != second.sha256


def _nothing_written(agency: object) -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "counters": sum(DocumentCounter.objects.values_list("last", flat=True)),
        "ledger": LedgerEntry.objects.filter(kind="documents.issued").count(),
    }


def test_decision_missing_a_content_is_refused() -> None:
    case, officer, record = _decision_case()
    record.payload = {**record.payload, "remedies": ""}
    before = _nothing_written(case.agency)
    with pytest.raises(RuleViolation) as refused:
        issue_document(actor=officer, case=case, doc_type="penalty_decision", record=record)
    assert "救济途径和期限" in refused.value.message
    assert refused.value.rule_id == "documents.decision_contents"
    assert _nothing_written(case.agency) == before


def test_wrong_record_type_is_refused() -> None:
    case, officer, record = _decision_case()
    before = _nothing_written(case.agency)
    with pytest.raises(RuleViolation):
        issue_document(actor=officer, case=case, doc_type="demand_notice", record=record)
    assert _nothing_written(case.agency) == before


def test_another_agency_cannot_issue() -> None:
    case, _, record = _decision_case()
    outsider = f.staff(f.agency("liuzhou-kjj"), "outsider", Role.OFFICER)
    before = _nothing_written(case.agency)
    with pytest.raises(NotInScope):
        issue_document(actor=outsider, case=case, doc_type="penalty_decision", record=record)
    assert _nothing_written(case.agency) == before


def test_record_of_another_case_is_refused() -> None:
    case, officer, _ = _decision_case()
    other, _ = walked_case("wuhan-rsj", "penalty", "general", RSJ_PENALTY, PENALTY)
    foreign = CaseRecord.objects.filter(case=other, record_type="penalty_decision_document").first()
    before = _nothing_written(case.agency)
    with pytest.raises(RuleViolation):
        issue_document(actor=officer, case=case, doc_type="penalty_decision", record=foreign)
    assert _nothing_written(case.agency) == before


def test_issued_at_is_aware_shanghai_day() -> None:
    case, officer, record = _decision_case()
    # 23:30 UTC on 22 Nov is 07:30 on 23 Nov in Shanghai: the document is dated the 23rd.
    late = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
    document = issue_document(
        actor=officer, case=case, doc_type="penalty_decision", record=record, at=late
    )
    assert "二〇二六年十一月二十三日" in pdf_text(store.get(document.sha256))


def test_issue_for_record_issues_the_decision_with_its_receipt() -> None:
    case, officer, record = _decision_case()
    documents = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    assert [d.doc_type for d in documents] == ["penalty_decision", "service_receipt"]
    decision, receipt = documents
    assert decision.status == receipt.status == DocumentStatus.ISSUED
    assert receipt.serves == decision and receipt.auto and decision.auto
    text = pdf_text(store.get(receipt.sha256))
    # The receipt names what it serves, on whom, and leaves the signatures to be made by hand.
    for expected in ("送达回证", "行政处罚决定书武人社罚〔2026〕1号", "某某有限公司", "受送达人"):
        assert expected in text, expected
    entry = LedgerEntry.objects.get(agency=case.agency, index=receipt.ledger_index)
    assert entry.kind == "documents.issued"
    # A record that no document is issued from automatically issues nothing.
    transcript = CaseRecord.objects.filter(case=case, record_type="inquiry_record").first()
    if transcript is not None:
        assert issue_for_record(actor=officer, record=transcript) == []


def test_issue_for_record_twice_does_not_number_twice() -> None:
    case, officer, record = _decision_case()
    first = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    before = _nothing_written(case.agency)
    again = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    assert [d.pk for d in again] == [d.pk for d in first]
    assert _nothing_written(case.agency) == before
    assert DocumentCounter.objects.get(agency=case.agency, doc_type="penalty_decision").last == 1


@pytest.fixture
def fonts_missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine lost its CJK fonts: Typst cannot render (an environment fault, not a mock)."""
    render._compiler.cache_clear()
    monkeypatch.setattr(render, "FONT_DIRS", [Path("/nonexistent/fonts")])
    yield
    render._compiler.cache_clear()


def test_failed_render_keeps_the_number_and_is_retried(fonts_missing: None) -> None:
    case, officer, record = _decision_case()
    with pytest.raises(RenderFailed):
        issue_document(
            actor=officer, case=case, doc_type="penalty_decision", record=record, at=ISSUED_AT
        )
    failed = Document.objects.get(case=case, doc_type="penalty_decision")
    assert failed.status == DocumentStatus.RENDER_FAILED
    assert failed.number == "武人社罚〔2026〕1号" and failed.sha256 is None
    assert "fonts missing" in failed.render_error
    # Nothing ledgered, and the number is not handed out again.
    assert not LedgerEntry.objects.filter(agency=case.agency, kind="documents.issued").exists()
    assert retryable() == [failed]

    render._compiler.cache_clear()
    with pytest.MonkeyPatch.context() as fonts_back:
        fonts_back.setattr(render, "FONT_DIRS", [Path("/usr/share/fonts/opentype/noto")])
        out = io.StringIO()
        call_command("documents", "retry", stdout=out)
    done = Document.objects.get(pk=failed.pk)
    assert done.status == DocumentStatus.ISSUED and done.number == failed.number
    assert done.verify_code == failed.verify_code
    assert "武人社罚〔2026〕1号" in pdf_text(store.get(done.sha256))
    assert "1 rendered" in out.getvalue()
    assert retryable() == []
    with pytest.raises(RuleViolation):
        retry_render(actor=officer, document=done)


def test_auto_issue_with_failed_render_does_not_raise(fonts_missing: None) -> None:
    case, officer, record = _decision_case()
    documents = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    assert [d.status for d in documents] == [DocumentStatus.RENDER_FAILED] * 2
    # Running the hook again numbers nothing new.
    again = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    assert [d.pk for d in again] == [d.pk for d in documents]
    assert Document.objects.filter(case=case).count() == 2


def test_pending_is_retried_only_once_stale() -> None:
    case, officer, record = _decision_case()
    pending = _allocate(
        actor=officer,
        case=case,
        spec=DOC_TYPES["penalty_decision"],
        record=record,
        at=ISSUED_AT,
    )
    assert pending.status == DocumentStatus.PENDING and pending.number
    with pytest.raises(RuleViolation):
        retry_render(actor=officer, document=pending, now=ISSUED_AT + dt.timedelta(minutes=1))
    assert retryable(now=ISSUED_AT + dt.timedelta(minutes=1)) == []
    later = ISSUED_AT + STALE_PENDING + dt.timedelta(minutes=1)
    assert retryable(now=later) == [pending]
    done = retry_render(actor=officer, document=pending, now=later)
    assert done.status == DocumentStatus.ISSUED


def test_pack_template_override_changes_only_its_agency() -> None:
    """柳州's pack lays its 送达回证 out with the 第十一条、第十二条 note; 武汉人社's does not."""
    note = "柳州市科技局行政执法全过程记录制度第十一条、第十二条"
    texts = {}
    for slug in ("liuzhou-kjj", "wuhan-rsj"):
        case, officer = walked_case(slug, "inspection", "general", (), {})
        record = CaseRecord.objects.create(
            agency=case.agency,
            case=case,
            record_type="service_receipt",
            label="送达回证",
            stage=case.stage,
            payload=f.payload_for("service_receipt"),
            officers=[{"name": "执法员甲", "cert_no": "42000001"}],
            recorded_by=officer,
            recorded_at=f.at(2026, 3, 2, 10),
            ledger_index=0,
        )
        document = issue_document(
            actor=officer, case=case, doc_type="service_receipt", record=record, at=ISSUED_AT
        )
        texts[slug] = pdf_text(store.get(document.sha256))
        # Either way it is the standard form underneath, with its QR 核验码.
        assert "送达回证" in texts[slug] and document.verify_code in texts[slug]
    assert note in texts["liuzhou-kjj"]
    assert note not in texts["wuhan-rsj"]


def test_issue_command(tmp_path: Path) -> None:
    case, officer, _ = _decision_case()
    out = io.StringIO()
    call_command(
        "documents",
        "issue",
        "--agency=wuhan-rsj",
        f"--case={case.number}",
        "--type=file_cover",
        f"--actor={officer.username}",
        stdout=out,
    )
    assert "案卷封面" in out.getvalue()
    assert Document.objects.filter(case=case, doc_type="file_cover").count() == 1
    with pytest.raises(CommandError):
        call_command(
            "documents",
            "issue",
            "--agency=liuzhou-kjj",
            f"--case={case.number}",
            "--type=file_cover",
            f"--actor={officer.username}",
        )
    assert Document.objects.filter(case=case, doc_type="file_cover").count() == 1


def test_issued_documents_for_timeline_and_case_file() -> None:
    case, officer, record = _decision_case()
    decision, receipt = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    cover = issue_document(actor=officer, case=case, doc_type="file_cover", at=ISSUED_AT)
    assert list(issued_of(case)) == [decision, receipt, cover]
    attachments = file_attachments(case)
    assert [a["number"] for a in attachments[record.pk]] == [decision.number, ""]
    assert attachments[record.pk][0]["sha256"] == decision.sha256
    assert attachments[None][0]["filename"] == cover.filename
    # Another agency's case has none of them.
    other, _ = walked_case("liuzhou-kjj", "inspection", "general", (), {})
    assert file_attachments(other) == {}


def test_issued_documents_are_on_the_case_timeline_page_and_api(client: object) -> None:
    from django.test import Client
    from django.urls import reverse

    from sanxiang.cases.selectors import timeline

    assert isinstance(client, Client)
    case, officer, record = _decision_case()
    assert not [e for e in timeline(case) if e.kind == "document"]
    decision, receipt = issue_for_record(actor=officer, record=record, at=ISSUED_AT)
    entries = [e for e in timeline(case) if e.kind == "document"]
    assert [e.obj.pk for e in entries] == [decision.pk, receipt.pk]
    assert entries[0].ledger_index == decision.ledger_index
    client.force_login(officer)  # type: ignore[arg-type]
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert decision.number in page and reverse("documents:download", args=[decision.pk]) in page
    data = client.get(f"/api/v1/cases/{case.pk}").json()
    documents = [e for e in data["timeline"] if e["kind"] == "document"]
    assert [d["data"]["number"] for d in documents] == [decision.number, receipt.number]
