"""Writes of the archive app: form a case file, transfer it, accept it into the archive.

Access requests and the register are in :mod:`sanxiang.archive.access`; the BagIt export in
:mod:`sanxiang.archive.bag`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.archive.catalogue import Item, catalogue
from sanxiang.archive.choices import CaseFileStatus
from sanxiang.archive.models import CaseFile
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.documents.selectors import file_attachments
from sanxiang.evidence.models import EvidenceItem
from sanxiang.evidence.store import blob_key
from sanxiang.ledger.models import Checkpoint
from sanxiang.ledger.services import append, create_checkpoint
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.workdays.calendar import compute

FORMERS = (Role.OFFICER, Role.SECTION_HEAD, Role.ARCHIVIST)


def canonical_bytes(value: Any) -> bytes:
    """The bytes whose SHA-256 the ledger keeps (same form as tools/verify_ledger.py)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_of(case_file: CaseFile) -> dict[str, Any]:
    return {
        "cover": case_file.cover,
        "catalogue": case_file.catalogue,
        "av_locations": case_file.av_locations,
    }


def _local(value: dt.datetime) -> dt.date:
    return value.astimezone(timezone.get_current_timezone()).date()


def _due(rule: Any, closed: dt.datetime) -> tuple[dt.date | None, str]:
    if rule is None:
        return None, ""
    start = _local(closed)
    if rule.trigger == "year_ended":
        start = dt.date(start.year, 12, 31)  # 次年3月底前: 12-31 + 3 months (第二十六条第四款)
    return compute(start, rule.amount, rule.unit).due, rule.cite


def _attachments(record: CaseRecord, items: list[EvidenceItem]) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "filename": item.filename,
            "kind": item.kind,
            "sha256": item.blob.sha256,
            "size": item.blob.size,
            "store": item.blob.store,
            "location": f"{item.blob.store}:{blob_key(item.blob.sha256)}",
            "ledger_index": item.ledger_index,
            "as_evidence": item.as_evidence,
            "disc_copy": item.disc_copy,
        }
        for item in items
        if item.record_id == record.pk
    )


def form_case_file(*, actor: User, case: Case, at: dt.datetime | None = None) -> CaseFile:
    """立卷: assemble cover, 卷内目录, page numbers, attachments and AV storage locations, ledger
    the file's digest and sign a checkpoint that covers every entry of the case."""
    if not can_write_in(actor, case.agency, *FORMERS):
        raise NotInScope("没有找到该案件。")
    pack = pack_for_agency(case.agency)
    rules = pack.model.records
    rule = rules.case_file if rules else None
    moment = at or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
        if not locked.is_closed or locked.closed_at is None:
            raise RuleViolation(
                "案件尚未办结，不能立卷。",
                rule_id="case_file",
                cite=rule.cite if rule else "",
            )
        if CaseFile.objects.filter(case=locked).exists():
            raise RuleViolation("该案件已立卷，案卷不能重新形成。", rule_id="case_file", cite="")
        evidence = list(EvidenceItem.objects.filter(case=locked).select_related("blob"))
        records = list(CaseRecord.objects.filter(case=locked))
        documents = file_attachments(locked)
        rows = catalogue(
            Item(
                record_id=r.pk, stage=r.stage, label=r.label, record_type=r.record_type,
                recorded_at=when(r.recorded_at), ledger_index=r.ledger_index,
                attachments=_attachments(r, evidence) + tuple(documents.get(r.pk, ())),
            )
            for r in records
        )  # fmt: skip
        lead = locked.assignments.filter(is_lead=True).select_related("officer__department")
        lead_row = lead.first() or locked.assignments.select_related("officer__department").first()
        department = (
            lead_row.officer.department.name if lead_row and lead_row.officer.department else ""
        )
        cover = {
            "agency": locked.agency.name,
            "case_number": locked.number,
            "title": locked.title,
            "parties": [p.name for p in locked.parties.order_by("id")],
            "officers": [a.officer.name for a in locked.assignments.select_related("officer")],
            "department": department,
            "opened_at": when(locked.opened_at),
            "closed_at": when(locked.closed_at),
            "pages": rows[-1]["pages"][1] if rows else 2,
            "records": len(rows),
        }
        av_locations = [
            {**a, "record_no": row["no"]}
            for row in rows
            for a in row["attachments"]
            if a["kind"] == "av"
        ]
        formation_due, formation_cite = _due(rule, locked.closed_at)
        transfer_due, transfer_cite = _due(
            rules.archive_transfer if rules else None, locked.closed_at
        )
        content = {"cover": cover, "catalogue": rows, "av_locations": av_locations}
        digest = hashlib.sha256(canonical_bytes(content)).hexdigest()
        late = formation_due is not None and _local(moment) > formation_due
        entry = append(
            agency=locked.agency,
            kind="archive.case_file_formed",
            subject=subject_of(locked),
            actor=actor,
            payload={
                "case_id": locked.pk,
                "case_number": locked.number,
                "content_sha256": digest,
                "records": len(rows),
                "pages": cover["pages"],
                "formation_due": formation_due.isoformat() if formation_due else "",
                "late": late,
            },
        )
        checkpoint = create_checkpoint(agency=locked.agency)
        if checkpoint is None:  # pragma: no cover - the append above grew the log
            checkpoint = Checkpoint.objects.filter(agency=locked.agency).order_by("-tree_size")[0]
        return CaseFile.objects.create(
            agency=locked.agency,
            case=locked,
            department=department,
            cover=cover,
            catalogue=rows,
            av_locations=av_locations,
            content_sha256=digest,
            formation_due=formation_due,
            formation_cite=formation_cite,
            formed_late=late,
            formed_by=actor,
            formed_at=moment,
            checkpoint=checkpoint,
            transfer_due=transfer_due,
            transfer_cite=transfer_cite,
            ledger_index=entry.index,
        )


def _locked_file(case_file: CaseFile) -> CaseFile:
    return (
        CaseFile.objects.select_for_update().select_related("case", "agency").get(pk=case_file.pk)
    )


def transfer(*, actor: User, case_file: CaseFile, at: dt.datetime | None = None) -> CaseFile:
    """移交: the department hands the file to the archive (市人社局 第二十六条第四款)."""
    if not can_write_in(actor, case_file.agency, Role.OFFICER, Role.SECTION_HEAD):
        raise NotInScope("没有找到该案卷。")
    moment = at or timezone.now()
    with transaction.atomic():
        locked = _locked_file(case_file)
        if locked.status != CaseFileStatus.FORMED:
            raise RuleViolation(
                "该案卷已移交。", rule_id="archive_transfer", cite=locked.transfer_cite
            )
        late = locked.transfer_due is not None and _local(moment) > locked.transfer_due
        append(
            agency=locked.agency,
            kind="archive.case_file_transferred",
            subject=subject_of(locked.case),
            actor=actor,
            payload={
                "department": locked.department,
                "transfer_due": locked.transfer_due.isoformat() if locked.transfer_due else "",
                "late": late,
            },
        )
        locked.status = CaseFileStatus.TRANSFERRED
        locked.transferred_by = actor
        locked.transferred_at = moment
        locked.save(update_fields=["status", "transferred_by", "transferred_at"])
    return locked


def accept(*, actor: User, case_file: CaseFile, at: dt.datetime | None = None) -> CaseFile:
    """归档: the archivist accepts the file; from now on it is read-only."""
    if not can_write_in(actor, case_file.agency, Role.ARCHIVIST):
        raise NotInScope("没有找到该案卷。")
    moment = at or timezone.now()
    with transaction.atomic():
        locked = _locked_file(case_file)
        if locked.status != CaseFileStatus.TRANSFERRED:
            raise RuleViolation(
                "案卷须先由承办部门移交，档案员方可接收。" if locked.status == CaseFileStatus.FORMED
                else "该案卷已归档，只读。",
                rule_id="archive_transfer",
                cite=locked.transfer_cite,
            )  # fmt: skip
        append(
            agency=locked.agency,
            kind="archive.case_file_accepted",
            subject=subject_of(locked.case),
            actor=actor,
            payload={"content_sha256": locked.content_sha256},
        )
        locked.status = CaseFileStatus.ACCEPTED
        locked.accepted_by = actor
        locked.accepted_at = moment
        locked.save(update_fields=["status", "accepted_by", "accepted_at"])
    return locked
