"""Issuing enforcement documents (执法文书): number, render, seal, store, ledger — one transaction.

The 文号 counter stays locked while the PDF is rendered and signed (about a tenth of a second):
the number is printed inside the signed PDF, so it must be taken before rendering, and taking it
in the same transaction is what makes the series gapless — a failed render gives it back. The
lock is per agency, document type and year, so other documents and cases do not wait.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.documents import context, render, signing, store
from sanxiang.documents.counters import next_number
from sanxiang.documents.doctypes import (
    DECISION_SECTIONS,
    DOC_TYPES,
    DocType,
    doc_types_for_record,
)
from sanxiang.documents.models import Document
from sanxiang.documents.seal import seal_svg
from sanxiang.ledger.services import append

SHANGHAI = ZoneInfo("Asia/Shanghai")
DECISION_CITE = "市人社局执法全过程记录办法 第二十一条"
# Crockford base32 without look-alikes: read off paper and typed by hand.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _verify_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


def verify_url(code: str) -> str:
    base = str(getattr(settings, "PUBLIC_BASE_URL", "") or "http://localhost:8000").rstrip("/")
    return f"{base}{reverse('documents:verify')}?code={code}"


def _check_record(doc_type: DocType, case: Case, record: CaseRecord | None) -> None:
    if doc_type.layout == "case":
        return
    if record is None or record.case_id != case.pk or record.agency_id != case.agency_id:
        raise RuleViolation(
            f"{doc_type.title}须依据本案的执法记录制作。",
            rule_id="documents.record_required",
            cite="行政机关执法全过程记录办法（文字记录）",
        )
    if record.record_type not in doc_type.records:
        raise RuleViolation(
            f"“{record.label}”不能制作为{doc_type.title}。",
            rule_id="documents.record_type",
            cite="行政机关执法全过程记录办法（文字记录）",
        )
    if doc_type.id == "penalty_decision":
        missing = [label for key, label in DECISION_SECTIONS if not record.payload.get(key)]
        if missing:
            raise RuleViolation(
                f"行政处罚决定书缺少应当载明的内容：{'、'.join(missing)}。",
                rule_id="documents.decision_contents",
                cite=DECISION_CITE,
            )


def issue_document(
    *,
    actor: User,
    case: Case,
    doc_type: str,
    record: CaseRecord | None = None,
    at: dt.datetime | None = None,
) -> Document:
    """Render, seal and store ``doc_type`` for ``case`` (from ``record``), and ledger its digest.

    Refused (nothing written, no number used) when the actor may not write in the case's
    agency, the record does not belong to the case or to the document type, or a decision
    lacks a required content.
    """
    if not can_write_in(actor, case.agency):
        raise NotInScope("无权为该案件制作文书。", log_message=f"{actor} not in {case.agency_id}")
    spec = DOC_TYPES.get(doc_type)
    if spec is None:
        raise RuleViolation(
            f"未知的文书类型：{doc_type}", rule_id="documents.doc_type", cite="执法文书目录"
        )
    _check_record(spec, case, record)
    moment = at or timezone.now()
    issued_on = moment.astimezone(SHANGHAI).date()
    code = _verify_code()
    with transaction.atomic():
        number = next_number(agency=case.agency, doc_type=spec.id, year=issued_on.year)
        data = context.build(
            doc_type=spec,
            case=case,
            record=record,
            number=number.text,
            issued_on=issued_on,
            verify_code=code,
        )
        pdf = render.render_pdf(
            data,
            seal_svg=seal_svg(case.agency.name),
            verify_url=verify_url(code),
            at=moment,
            template=render.template_for(case.agency.slug),
        )
        signed = signing.sign_pdf(
            pdf,
            slug=case.agency.slug,
            name=case.agency.name,
            reason=f"{spec.title} {number.text}".strip(),
        )
        digest = store.put(signed)
        index = append(
            agency=case.agency,
            kind="documents.issued",
            subject=subject_of(case),
            actor=actor,
            payload={
                "case_id": case.pk,
                "case_number": case.number,
                "doc_type": spec.id,
                "title": spec.title,
                "number": number.text,
                "sha256": digest,
                "size": len(signed),
                "verify_code": code,
                "record_id": record.pk if record else None,
                "record_ledger_index": record.ledger_index if record else None,
                "issued_at": when(moment),
            },
        ).index
        return Document.objects.create(
            agency=case.agency,
            case=case,
            record=record,
            doc_type=spec.id,
            title=spec.title,
            number=number.text,
            year=number.year,
            sequence=number.sequence,
            sha256=digest,
            verify_code=code,
            size=len(signed),
            pages=render.page_count(signed),
            signed=True,
            issued_by=actor,
            issued_at=moment,
            ledger_index=index,
        )


# The documents the workflow issues by itself when a record is made: the decision when it is
# recorded (处罚法 第五十九条: 行政处罚决定书 in writing) and the notices the party receives.
AUTO_ISSUE: frozenset[str] = frozenset(
    {
        "penalty_decision",
        "permit_decision",
        "seizure_decision",
        "penalty_notice",
        "hearing_rights_notice",
        "hearing_notification",
        "supplement_notice",
        "acceptance_notice",
        "non_acceptance_notice",
        "demand_notice",
    }
)


def issue_for_record(
    *, actor: User, record: CaseRecord, at: dt.datetime | None = None
) -> list[Document]:
    """Issue every document of ``AUTO_ISSUE`` that ``record`` is made into.

    Meant to run after the record's transaction commits (``transaction.on_commit`` or a worker,
    STYLE.md §5): a failed render must not undo the record. A 许可 decision becomes 准予 or
    不予 by its own ``decision`` field.
    """
    documents = []
    for spec in doc_types_for_record(record.record_type):
        if spec.id not in AUTO_ISSUE:
            continue
        if spec.id == "permit_decision" and _refuses(record):
            spec = DOC_TYPES["permit_refusal"]
        documents.append(
            issue_document(actor=actor, case=record.case, doc_type=spec.id, record=record, at=at)
        )
    return documents


def _refuses(record: CaseRecord) -> bool:
    return "不予" in str(record.payload.get("decision", ""))
