"""Issuing enforcement documents (执法文书): number, then render, seal, store and ledger.

Two steps, so that the 文号 counter is never locked while Typst renders:

1. ``_allocate`` — one short transaction: take the 文号 (the counter row stays locked only until
   it commits) and create the ``Document`` row, status ``pending``. A number therefore always
   belongs to a Document row, and a rollback here gives it back: the series is gapless.
2. ``render_document`` — build the data, render (Typst), sign (PAdES), store the PDF, then one
   short transaction ledgers the digest and marks the row ``issued``. If anything in it fails
   the row becomes ``render_failed`` with its 文号 kept (it is never reused: a number once taken
   is accounted for), and ``retry_render`` / ``sanxiang documents retry`` finishes it later.

Measured on the shared 2-core machine, the old one-transaction design kept the counter (and on
SQLite the whole database) write-locked ≈ 0.1 s per document; now the allocation transaction
holds it for a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.documents import context, render, signing, store
from sanxiang.documents.choices import DocumentStatus
from sanxiang.documents.counters import next_number
from sanxiang.documents.doctypes import (
    DECISION_SECTIONS,
    DOC_TYPES,
    DocType,
    doc_types_for_record,
)
from sanxiang.documents.models import Document
from sanxiang.documents.patterns import template_fragment
from sanxiang.documents.seal import seal_svg
from sanxiang.ledger.services import append

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DECISION_CITE = "市人社局执法全过程记录办法 第二十一条"
RECEIPT_CITE = "柳州市科技局行政执法全过程记录制度 第十一条"
# Crockford base32 without look-alikes: read off paper and typed by hand.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# A ``pending`` row older than this was left by a process that died while rendering: it may be
# retried. Rendering takes well under a second; ten minutes leaves room for a loaded machine.
STALE_PENDING = dt.timedelta(minutes=10)


class RenderFailed(SanxiangError):
    """The document has its 文号 but no PDF yet (status ``render_failed``); retry it."""

    code = "render_failed"


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
    """Number, render, seal and store ``doc_type`` for ``case`` (from ``record``), and ledger
    its digest.

    Refused (nothing written, no number used) when the actor may not write in the case's
    agency, the record does not belong to the case or to the document type, or a decision
    lacks a required content. Raises ``RenderFailed`` when the PDF could not be made: the
    document then exists with its 文号, status ``render_failed``, to be retried.
    """
    spec = _checked(actor=actor, case=case, doc_type=doc_type, record=record)
    document = _allocate(actor=actor, case=case, spec=spec, record=record, at=at)
    return render_document(actor=actor, document=document)


def _checked(*, actor: User, case: Case, doc_type: str, record: CaseRecord | None) -> DocType:
    if not can_write_in(actor, case.agency):
        raise NotInScope("无权为该案件制作文书。", log_message=f"{actor} not in {case.agency_id}")
    spec = DOC_TYPES.get(doc_type)
    if spec is None:
        raise RuleViolation(
            f"未知的文书类型：{doc_type}", rule_id="documents.doc_type", cite="执法文书目录"
        )
    _check_record(spec, case, record)
    return spec


def _allocate(
    *,
    actor: User,
    case: Case,
    spec: DocType,
    record: CaseRecord | None,
    at: dt.datetime | None,
    auto: bool = False,
    serves: Document | None = None,
) -> Document:
    """The 文号 and the Document row, in one short transaction (the counter lock ends here)."""
    moment = at or timezone.now()
    issued_on = moment.astimezone(SHANGHAI).date()
    with transaction.atomic():
        number = next_number(agency=case.agency, doc_type=spec.id, year=issued_on.year)
        return Document.objects.create(
            agency=case.agency,
            case=case,
            record=record,
            doc_type=spec.id,
            title=spec.title,
            number=number.text,
            year=number.year,
            sequence=number.sequence,
            verify_code=_verify_code(),
            status=DocumentStatus.PENDING,
            auto=auto,
            serves=serves,
            issued_by=actor,
            issued_at=moment,
        )


def _render_signed(document: Document) -> bytes:
    spec = DOC_TYPES[document.doc_type]
    case = document.case
    data = context.build(
        doc_type=spec,
        case=case,
        record=document.record,
        number=document.number,
        issued_on=document.issued_at.astimezone(SHANGHAI).date(),
        verify_code=document.verify_code,
        serves=document.serves,
    )
    pdf = render.render_pdf(
        data,
        seal_svg=seal_svg(case.agency.name),
        verify_url=verify_url(document.verify_code),
        at=document.issued_at,
        fragment=template_fragment(slug=case.agency.slug, doc_type=spec.id),
    )
    return signing.sign_pdf(
        pdf,
        slug=case.agency.slug,
        name=case.agency.name,
        reason=f"{spec.title} {document.number}".strip(),
    )


def render_document(*, actor: User, document: Document) -> Document:
    """Render, sign and store ``document``'s PDF, ledger its digest, mark it ``issued``.

    Runs outside any lock. On failure the row is marked ``render_failed`` (the 文号 stays with
    it) and ``RenderFailed`` is raised; on success the returned row is ``issued``.
    """
    try:
        signed = _render_signed(document)
        digest = store.put(signed)
    except Exception as exc:
        # Whatever broke (Typst, fonts, the signing key, the disk), the number is already
        # taken and must stay accounted for: record the failure so it can be retried.
        logger.exception("document %s (%s) failed to render", document.pk, document.number)
        _mark_failed(document, f"{type(exc).__name__}: {exc}")
        raise RenderFailed(
            f"{document.title}{document.number}已编号，但生成 PDF 失败，请稍后重试。",
            log_message=f"document {document.pk} render failed: {exc}",
        ) from exc
    return _finish(actor=actor, document=document, signed=signed, digest=digest)


def _mark_failed(document: Document, error: str) -> None:
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status == DocumentStatus.ISSUED:
            return
        locked.status = DocumentStatus.RENDER_FAILED
        locked.render_error = error[:2000]
        locked.render_attempts += 1
        locked.save(update_fields=["status", "render_error", "render_attempts"])
    document.status = locked.status
    document.render_error = locked.render_error
    document.render_attempts = locked.render_attempts


def _finish(*, actor: User, document: Document, signed: bytes, digest: str) -> Document:
    case = document.case
    record = document.record
    serves = document.serves
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status == DocumentStatus.ISSUED:
            # Another worker finished it first; its PDF is the document, ours is discarded.
            return locked
        index = append(
            agency=case.agency,
            kind="documents.issued",
            subject=subject_of(case),
            actor=actor,
            payload={
                "case_id": case.pk,
                "case_number": case.number,
                "document_id": locked.pk,
                "doc_type": locked.doc_type,
                "title": locked.title,
                "number": locked.number,
                "sha256": digest,
                "size": len(signed),
                "verify_code": locked.verify_code,
                "record_id": record.pk if record else None,
                "record_ledger_index": record.ledger_index if record else None,
                "serves_document_id": serves.pk if serves else None,
                "serves_number": serves.number if serves else None,
                "auto": locked.auto,
                "issued_at": when(locked.issued_at),
            },
        ).index
        locked.status = DocumentStatus.ISSUED
        locked.sha256 = digest
        locked.size = len(signed)
        locked.pages = render.page_count(signed)
        locked.signed = True
        locked.ledger_index = index
        locked.render_error = ""
        locked.render_attempts += 1
        locked.save(
            update_fields=[
                "status",
                "sha256",
                "size",
                "pages",
                "signed",
                "ledger_index",
                "render_error",
                "render_attempts",
            ]
        )
    return locked


def retry_render(*, actor: User, document: Document, now: dt.datetime | None = None) -> Document:
    """Render again a document whose render failed (or whose renderer died: ``pending`` for
    longer than ``STALE_PENDING``). Its 文号 and 核验码 are unchanged."""
    if not can_write_in(actor, document.agency):
        raise NotInScope("未找到该文书。", log_message=f"{actor} not in {document.agency_id}")
    current = Document.objects.get(pk=document.pk)
    if current.status == DocumentStatus.ISSUED:
        raise RuleViolation(
            f"{current}已签发，无需重新生成。",
            rule_id="documents.already_issued",
            cite="执法文书制作规范",
        )
    moment = now or timezone.now()
    if current.status == DocumentStatus.PENDING and moment - current.issued_at < STALE_PENDING:
        raise RuleViolation(
            f"{current}正在生成，请稍后再试。",
            rule_id="documents.render_in_progress",
            cite="执法文书制作规范",
        )
    return render_document(actor=actor, document=current)


def retryable(*, now: dt.datetime | None = None) -> list[Document]:
    """Every document to render again: ``render_failed``, or ``pending`` and stale."""
    moment = now or timezone.now()
    failed = Document.objects.filter(status=DocumentStatus.RENDER_FAILED)
    stale = Document.objects.filter(
        status=DocumentStatus.PENDING, issued_at__lt=moment - STALE_PENDING
    )
    return list((failed | stale).select_related("agency", "case").order_by("id"))


# The documents the workflow issues by itself when a record is made: the decision when it is
# recorded (处罚法 第五十九条: 行政处罚决定书 in writing) and the notices the party receives —
# each with its 送达回证, since every document served on the party needs one (柳州市科技局行政
# 执法全过程记录制度 第十一条; 民事诉讼法 第八十七条 as 处罚法 第六十一条 applies it).
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
RECEIPT_TYPE = "service_receipt"


def issue_for_record(
    *, actor: User, record: CaseRecord, at: dt.datetime | None = None
) -> list[Document]:
    """Issue every document of ``AUTO_ISSUE`` that ``record`` is made into, each followed by
    its 送达回证; returns them in that order.

    Idempotent: a record's automatic documents are numbered once (a unique constraint backs
    it), so a hook that runs twice returns the documents issued the first time. Meant to run
    after the record's transaction commits (``transaction.on_commit`` or a worker, STYLE.md
    §5): a failed render must not undo the record, and it does not stop the other documents —
    it is logged and left ``render_failed`` for ``sanxiang documents retry``. A 许可 decision
    becomes 准予 or 不予 by its own ``decision`` field.
    """
    documents: list[Document] = []
    for spec in doc_types_for_record(record.record_type):
        if spec.id not in AUTO_ISSUE:
            continue
        if spec.id == "permit_decision" and _refuses(record):
            spec = DOC_TYPES["permit_refusal"]
        main = _auto_document(actor=actor, record=record, spec=spec, serves=None, at=at)
        receipt = _auto_document(
            actor=actor, record=record, spec=DOC_TYPES[RECEIPT_TYPE], serves=main, at=at
        )
        documents += [main, receipt]
    return documents


def _auto_document(
    *,
    actor: User,
    record: CaseRecord,
    spec: DocType,
    serves: Document | None,
    at: dt.datetime | None,
) -> Document:
    case = record.case
    existing = _auto_existing(record, spec, serves)
    if existing is None:
        if serves is None:
            _checked(actor=actor, case=case, doc_type=spec.id, record=record)
        elif not can_write_in(actor, case.agency):
            raise NotInScope(
                "无权为该案件制作文书。", log_message=f"{actor} not in {case.agency_id}"
            )
        try:
            existing = _allocate(
                actor=actor, case=case, spec=spec, record=record, at=at, auto=True, serves=serves
            )
        except IntegrityError:
            # A concurrent run of the same hook numbered it first: use that one.
            existing = _auto_existing(record, spec, serves)
            if existing is None:
                raise
    if existing.status != DocumentStatus.PENDING:
        return existing
    try:
        return render_document(actor=actor, document=existing)
    except RenderFailed:
        existing.refresh_from_db()
        return existing


def _auto_existing(record: CaseRecord, spec: DocType, serves: Document | None) -> Document | None:
    found = Document.objects.filter(agency=record.agency, record=record, auto=True)
    if serves is not None:
        return found.filter(serves=serves).first()
    return found.filter(doc_type=spec.id, serves__isnull=True).first()


def _refuses(record: CaseRecord) -> bool:
    return "不予" in str(record.payload.get("decision", ""))
