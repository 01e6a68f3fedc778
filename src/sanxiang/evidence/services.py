"""Writes of the evidence app: ingest, evidence use, holds, disposal, fixity.

Bytes are streamed into the store *before* the transaction (slow I/O never holds a lock), then
one transaction writes the rows and the ledger entry that carries the digest. A rolled-back
transaction leaves at most an unreferenced object, which fixity reports as "extra".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.archive.models import CaseFile
from sanxiang.cases import services as cases_services
from sanxiang.cases.choices import DeadlineStatus
from sanxiang.cases.deadlines import AV_INGEST_UNTIL
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case, CaseRecord, Deadline
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.evidence.backends import default_store
from sanxiang.evidence.choices import BlobStatus, EvidenceKind
from sanxiang.evidence.models import Blob, Disposal, EvidenceItem, FixityRun, LegalHold
from sanxiang.evidence.retention import Retention, retention_for
from sanxiang.evidence.store import BlobStore, RetentionActive, Staged, Stored
from sanxiang.ledger.services import append
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency

logger = logging.getLogger(__name__)

WRITERS = (Role.OFFICER, Role.SECTION_HEAD, Role.ARCHIVIST)
HOLDERS = (Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.LEGAL_REVIEWER)
DISPOSAL_APPROVERS = (Role.LEADER, Role.HEAD)
# What the 办法 require to be marked on an AV record besides what the case already knows
# (案号, 当事人, 承办人): 市人社局 第七条 opening statement — time, place, step; and the device.
AV_FIELDS = {"device": "记录设备", "place": "地点", "step": "执法环节"}


class EvidenceError(SanxiangError):
    code = "evidence_error"


def _authorise(actor: User, agency: Agency, roles: Iterable[Role]) -> None:
    if not can_write_in(actor, agency, *roles):
        raise NotInScope(
            "没有找到该对象。", log_message=f"user {actor.pk} cannot write in {agency.slug}"
        )


def _records_rules(agency: Agency) -> Any:
    return pack_for_agency(agency).model.records


def _av_metadata(record: CaseRecord, given: Mapping[str, Any]) -> dict[str, Any]:
    """案号、当事人、承办人 from the case (never retyped), the rest from the caller."""
    missing = [label for key, label in AV_FIELDS.items() if not str(given.get(key) or "").strip()]
    if missing:
        raise EvidenceError(
            f"音像记录缺少标注信息：{'、'.join(missing)}。",
            log_message=f"av metadata lacks {missing}",
        )
    case = record.case
    return {
        **{key: str(given[key]) for key in AV_FIELDS},
        "case_number": case.number,
        "parties": [p.name for p in case.parties.order_by("id")],
        "officers": [o.get("name", "") for o in record.officers],
        "record_type": record.record_type,
        "record_ledger_index": record.ledger_index,
    }


def ingest(
    *,
    actor: User,
    record: CaseRecord,
    stream: IO[bytes] | Iterable[bytes],
    filename: str,
    media_type: str,
    kind: str = EvidenceKind.AUDIO_VIDEO,
    metadata: Mapping[str, Any] | None = None,
    recorded_at: dt.datetime | None = None,
    sm3: bool = False,
    store: BlobStore | None = None,
    at: dt.datetime | None = None,
) -> EvidenceItem:
    """入库: store the bytes, attach them to ``record`` and ledger the digest."""
    agency = record.agency
    _authorise(actor, agency, WRITERS)
    moment = at or timezone.now()
    recorded = recorded_at or record.recorded_at
    if kind == EvidenceKind.AUDIO_VIDEO:
        meta = _av_metadata(record, metadata or {})
    else:
        meta = {
            "case_number": record.case.number,
            "record_type": record.record_type,
            **(metadata or {}),
        }
    store = store or default_store()
    keep = retention_for(
        _records_rules(agency),
        recorded_on=recorded.astimezone(timezone.get_current_timezone()).date(),
        as_evidence=False,
    )
    # The bytes are staged first (hashed, invisible to fixity) and become the blob only as the
    # last step of the transaction: a refused ingest leaves nothing in the store.
    staged = store.stage(stream, sm3=sm3)
    promoted: list[Stored] = []
    try:
        item, case = _ingest_row(
            actor=actor, record=record, agency=agency, staged=staged, store=store, keep=keep,
            kind=kind, filename=filename, media_type=media_type, meta=meta, recorded=recorded,
            moment=moment, promoted=promoted,
        )  # fmt: skip
    except BaseException:
        try:
            store.discard(staged)
        except Exception:  # the refusal matters more; a staged file is never a blob
            logger.exception("evidence %s: could not remove the staged bytes", staged.sha256)
        if promoted and promoted[0].created:
            _drop_if_orphaned(store, staged.sha256)
        raise
    logger.info("evidence %s ingested for %s (%d bytes)", staged.sha256, case.number, staged.size)
    return item


def _drop_if_orphaned(store: BlobStore, sha256: str) -> None:
    """After an ingest whose promotion created the blob but whose commit failed: remove the
    blob unless a committed row (any agency) refers to it."""
    try:
        if store.exists(sha256) and not Blob.objects.filter(sha256=sha256).exists():
            store.remove_unreferenced(sha256)
            logger.warning("evidence %s: ingest did not commit; its blob was removed", sha256)
    except Exception:  # the original error matters more; fixity will report the blob
        logger.exception("evidence %s: could not clean up after a failed ingest", sha256)


def _ingest_row(
    *,
    actor: User,
    record: CaseRecord,
    agency: Agency,
    staged: Staged,
    store: BlobStore,
    keep: Retention,
    kind: str,
    filename: str,
    media_type: str,
    meta: dict[str, Any],
    recorded: dt.datetime,
    moment: dt.datetime,
    promoted: list[Stored],
) -> tuple[EvidenceItem, Case]:
    """The rows and ledger entry of one ingest, then the staged bytes promoted to the blob
    (appended to ``promoted`` so the caller knows whether a failed commit left a new blob)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=record.case_id)
        if case.agency_id != agency.pk:
            raise NotInScope("没有找到该案件。")
        if CaseFile.objects.filter(case=case).exists():
            # The file's catalogue and checkpoint are fixed when it is formed; an archived
            # file is read-only.
            raise RuleViolation("该案件已立卷，案卷内容不能再增加。", rule_id="case_file", cite="")
        entry = append(
            agency=agency,
            kind="evidence.ingested",
            subject=subject_of(case),
            actor=actor,
            payload={
                "case_id": case.pk,
                "case_number": case.number,
                "record_ledger_index": record.ledger_index,
                "kind": str(kind),
                "filename": filename,
                "media_type": media_type,
                "sha256": staged.sha256,
                "sm3": staged.sm3,
                "size": staged.size,
                "store": store.name,
                "recorded_at": when(recorded),
                "retain_until": keep.until.isoformat() if keep.until else "permanent",
                "retention_rule": keep.rule_id,
                "metadata": meta,
            },
        )
        blob = Blob.objects.select_for_update().filter(agency=agency, sha256=staged.sha256).first()
        if blob is None:
            blob = Blob.objects.create(
                agency=agency,
                sha256=staged.sha256,
                sm3=staged.sm3,
                size=staged.size,
                store=store.name,
                retain_until=keep.until,
                retain_permanent=keep.until is None,
                retention_rule=keep.rule_id,
                retention_cite=keep.cite,
                created_by=actor,
                created_at=moment,
                ledger_index=entry.index,
            )
        elif blob.status == BlobStatus.DISPOSED:
            raise EvidenceError("该文件已按规定销毁，不能再次入库。")
        elif (
            keep.until
            and not blob.retain_permanent
            and (blob.retain_until is None or keep.until > blob.retain_until)
        ):
            blob.retain_until = keep.until
            blob.save(update_fields=["retain_until"])
        item = EvidenceItem.objects.create(
            agency=agency,
            case=case,
            record=record,
            blob=blob,
            kind=kind,
            filename=filename,
            media_type=media_type,
            metadata=meta,
            recorded_at=recorded,
            added_by=actor,
            added_at=moment,
            ledger_index=entry.index,
        )
        if kind == EvidenceKind.AUDIO_VIDEO:
            _note_av_stored(actor, case, item, moment)
        # Last, once every check has passed: markers only ever add time, then the bytes.
        # (On S3 the promotion is a server-side copy made while the case row is locked.)
        store.retain(staged.sha256, until=keep.until)
        promoted.append(store.promote(staged))
    return item, case


def _note_av_stored(actor: User, case: Case, item: EvidenceItem, moment: dt.datetime) -> None:
    """Meet the case's AV ingest deadline (硚口 第二十五条第三款: 2个工作日内储存) by noting the
    pack's ``av_stored`` event through the cases service, in this transaction. Packs that
    define no such event keep their deadline open for the cases app to close."""
    if case.is_closed or AV_INGEST_UNTIL not in pack_for_agency(case.agency).model.events:
        return
    running = Deadline.objects.filter(
        case=case, until=AV_INGEST_UNTIL, status=DeadlineStatus.OPEN
    ).exists()
    if running:
        cases_services.record(
            actor=actor,
            case=case,
            record_type=AV_INGEST_UNTIL,
            payload={"sha256": item.blob.sha256, "filename": item.filename},
            at=moment,
        )


def use_as_evidence(
    *,
    actor: User,
    item: EvidenceItem,
    produced_by: str,
    extracted_by: str,
    extracted_at: dt.datetime,
    store: BlobStore | None = None,
) -> EvidenceItem:
    """作为证据使用: burn to disc (光盘备份, with 制作人、提取人、提取时间) and keep with the case
    file (市人社局 第二十七条第二款; 硚口 第二十六条第二款)."""
    _authorise(actor, item.agency, WRITERS)
    if not produced_by.strip() or not extracted_by.strip():
        raise EvidenceError("请填写光盘备份的制作人和提取人。")
    keep = retention_for(
        _records_rules(item.agency), recorded_on=extracted_at.date(), as_evidence=True
    )
    (store or default_store()).retain(item.blob.sha256, until=None)
    with transaction.atomic():
        locked = EvidenceItem.objects.select_for_update().get(pk=item.pk)
        blob = Blob.objects.select_for_update().get(pk=locked.blob_id)
        disc = {
            "produced_by": produced_by,
            "extracted_by": extracted_by,
            "extracted_at": when(extracted_at),
        }
        append(
            agency=locked.agency,
            kind="evidence.used_as_evidence",
            subject=subject_of(locked.case),
            actor=actor,
            payload={"sha256": blob.sha256, "disc_copy": disc, "retention_rule": keep.rule_id},
        )
        locked.as_evidence = True
        locked.disc_copy = disc
        locked.save(update_fields=["as_evidence", "disc_copy"])
        blob.retain_permanent = True
        blob.retention_rule = keep.rule_id
        blob.retention_cite = keep.cite
        blob.save(update_fields=["retain_permanent", "retention_rule", "retention_cite"])
    return locked


def place_hold(
    *, actor: User, blob: Blob, reason: str, store: BlobStore | None = None
) -> LegalHold:
    """保全: block disposal until released, whatever the retention date."""
    _authorise(actor, blob.agency, HOLDERS)
    if not reason.strip():
        raise EvidenceError("请填写保全理由。")
    with transaction.atomic():
        locked = Blob.objects.select_for_update().get(pk=blob.pk)
        entry = append(
            agency=locked.agency,
            kind="evidence.hold_placed",
            subject=f"blob:{locked.agency.slug}:{locked.sha256}",
            actor=actor,
            payload={"sha256": locked.sha256, "reason": reason},
        )
        hold = LegalHold.objects.create(
            agency=locked.agency,
            blob=locked,
            reason=reason,
            placed_by=actor,
            placed_at=timezone.now(),
            ledger_index=entry.index,
        )
        # The store's marker is written inside the transaction: if it fails, no row claims a
        # hold that the storage layer does not enforce.
        (store or default_store()).hold(locked.sha256, f"{locked.agency.slug}-{hold.pk}")
    return hold


def release_hold(*, actor: User, hold: LegalHold, store: BlobStore | None = None) -> LegalHold:
    _authorise(actor, hold.agency, HOLDERS)
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update().select_related("blob").get(pk=hold.pk)
        if not locked.is_active:
            raise EvidenceError("该保全已解除。")
        entry = append(
            agency=locked.agency,
            kind="evidence.hold_released",
            subject=f"blob:{locked.agency.slug}:{locked.blob.sha256}",
            actor=actor,
            payload={"sha256": locked.blob.sha256, "hold_id": locked.pk},
        )
        locked.released_by = actor
        locked.released_at = timezone.now()
        locked.release_ledger_index = entry.index
        locked.save(update_fields=["released_by", "released_at", "release_ledger_index"])
    # Released after commit: a failed commit must not leave the store without the marker.
    (store or default_store()).release(locked.blob.sha256, f"{locked.agency.slug}-{locked.pk}")
    return locked


def dispose(
    *,
    actor: User,
    approver: User,
    blob: Blob,
    reason: str,
    store: BlobStore | None = None,
    at: dt.datetime | None = None,
) -> Disposal:
    """销毁 after retention, approved by a leader; leaves a tombstone with the digest.

    Refused inside retention, under a hold, or for evidence kept with the case file — here, and
    again by the store's own markers (two layers; DESIGN.md invariants).
    """
    _authorise(actor, blob.agency, (Role.ARCHIVIST,))
    if approver.pk == actor.pk or not can_write_in(approver, blob.agency, *DISPOSAL_APPROVERS):
        raise RuleViolation(
            "销毁须经本机关负责人批准（批准人不能是经办人本人）。",
            rule_id="disposal_approval",
            cite="",
        )
    moment = at or timezone.now()
    today = moment.astimezone(timezone.get_current_timezone()).date()
    store = store or default_store()
    with transaction.atomic():
        locked = Blob.objects.select_for_update().get(pk=blob.pk)
        _check_disposable(locked, today)
        entry = append(
            agency=locked.agency,
            kind="evidence.disposed",
            subject=f"blob:{locked.agency.slug}:{locked.sha256}",
            actor=actor,
            payload={
                "sha256": locked.sha256,
                "size": locked.size,
                "reason": reason,
                "approved_by": approver.get_username(),
                "retain_until": locked.retain_until.isoformat() if locked.retain_until else "",
            },
        )
        disposal = Disposal.objects.create(
            agency=locked.agency,
            blob=locked,
            sha256=locked.sha256,
            size=locked.size,
            reason=reason,
            requested_by=actor,
            approved_by=approver,
            at=moment,
            ledger_index=entry.index,
        )
        locked.status = BlobStatus.DISPOSED
        locked.save(update_fields=["status"])
        shared = (
            Blob.objects.filter(sha256=locked.sha256, status=BlobStatus.STORED)
            .exclude(pk=locked.pk)
            .exists()
        )
        # The bytes go inside the transaction: a refusal by the store (its own retention or
        # hold marker) must roll back the disposal row and entry. The opposite failure — bytes
        # deleted, then the commit fails — leaves the store's tombstone and a fixity "missing".
        if not shared:
            try:
                store.dispose(
                    locked.sha256,
                    today=today,
                    tombstone={
                        "agency": locked.agency.slug,
                        "ledger_index": entry.index,
                        "approved_by": approver.get_username(),
                        "at": when(moment),
                    },
                )
            except RetentionActive as exc:
                raise RuleViolation(
                    "存储层拒绝删除：该文件仍在保存期限内或处于保全状态。",
                    rule_id=locked.retention_rule or "retention",
                    cite=locked.retention_cite,
                    log_message=str(exc),
                ) from exc
    return disposal


def _check_disposable(blob: Blob, today: dt.date) -> None:
    if blob.status == BlobStatus.DISPOSED:
        raise EvidenceError("该文件已销毁。")
    if blob.retain_permanent:
        raise RuleViolation(
            "该音像记录作为证据使用，随案卷保存，不能单独销毁。",
            rule_id=blob.retention_rule or "evidence_with_case_file",
            cite=blob.retention_cite,
        )
    if blob.retain_until is not None and blob.retain_until >= today:
        raise RuleViolation(
            f"保存期限至 {blob.retain_until.isoformat()}，期限内不得删除。",
            rule_id=blob.retention_rule,
            cite=blob.retention_cite,
        )
    if blob.holds.filter(released_at__isnull=True).exists():
        raise RuleViolation("该文件处于保全状态，不得销毁。", rule_id="legal_hold", cite="")


def delete_blob(*, actor: User, blob: Blob) -> None:
    """A plain delete is never allowed: the only way out is :func:`dispose` with approval."""
    raise RuleViolation(
        "存储的证据材料不得删除；保存期限届满后须经批准销毁并保留摘要。",
        rule_id=blob.retention_rule or "retention",
        cite=blob.retention_cite,
        log_message=f"user {actor.pk} tried to delete blob {blob.sha256}",
    )


def run_fixity(
    *, store: BlobStore | None = None, progress: Callable[[int, int, str], None] | None = None
) -> FixityRun:
    """Re-hash the whole store; record the run and a ledger entry per agency that has blobs."""
    store = store or default_store()
    started = timezone.now()
    rows = list(Blob.objects.filter(status=BlobStatus.STORED).values_list("agency_id", "sha256"))
    report = store.fixity({digest for _, digest in rows}, progress=progress)
    with transaction.atomic():
        run = FixityRun.objects.create(
            store=store.name,
            started_at=started,
            finished_at=timezone.now(),
            checked=report.checked,
            changed=report.changed,
            missing=report.missing,
            extra=report.extra,
        )
        bad = set(report.changed) | set(report.missing)
        by_agency: dict[int, list[str]] = {}
        for agency_id, digest in rows:
            by_agency.setdefault(agency_id, []).append(digest)
        for agency in Agency.objects.filter(pk__in=by_agency).order_by("pk"):
            mine = by_agency[agency.pk]
            append(
                agency=agency,
                kind="evidence.fixity_checked",
                subject=f"fixity:{run.pk}",
                actor=None,
                payload={
                    "store": store.name,
                    "checked": len(mine),
                    "changed": sorted(d for d in mine if d in report.changed),
                    "missing": sorted(d for d in mine if d in report.missing),
                    "ok": not any(d in bad for d in mine),
                },
            )
    if not report.ok:
        logger.error("fixity %s: %s", store.name, report.as_json())
    return run
