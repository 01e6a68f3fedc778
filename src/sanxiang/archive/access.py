"""Access to records (查阅、复制): requests, their approval, and the access register.

Records are internal (市人社局 第二十九条第一款): reading a case file or AV outside the handling
department needs an approved request under one of the pack's ``[[records.access]]`` rules,
approved by the role the rule names. Every view, copy and export is registered with 调阅人,
复制人, 审批人, 时间, 事由 (第二十七条第三款) and each registration is a ledger entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.archive.bag import write_bag
from sanxiang.archive.choices import AccessAction, RequesterKind, RequestScope, RequestStatus
from sanxiang.archive.models import AccessEvent, AccessRequest, CaseFile
from sanxiang.archive.redaction import redact, third_party_names
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case, CaseRecord, Party
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.evidence.models import EvidenceItem
from sanxiang.evidence.store import BlobStore
from sanxiang.ledger.services import append
from sanxiang.policy.selectors import pack_for_agency

REGISTRARS = (Role.ARCHIVIST, Role.OFFICER, Role.SECTION_HEAD)
# Pack rule ids per requester kind, in order of preference (a pack may name only a copy rule).
# Last comes ``access_publish``: where a 办法 says no more than "内部资料，未经行政执法机关负责人
# 批准不得公开" (硚口 第二十九条), any release outside the department is that approval.
RULES_FOR = {
    RequesterKind.PARTY: ("access_party", "access_party_copy", "access_publish"),
    RequesterKind.AUTHORITY: ("access_authority", "access_publish"),
    RequesterKind.LAWYER: ("access_lawyer", "access_publish"),
    RequesterKind.OTHER_UNIT: ("access_other_unit", "access_authority", "access_publish"),
    RequesterKind.INTERNAL: ("access_av_copy",),
}
# Requesters who must show a document: a letter (函告) or a court's investigation order.
NEEDS_LETTER = {RequesterKind.AUTHORITY: "依法函告的函件", RequesterKind.LAWYER: "律师调查令"}
# When a rule names no approver, the agency's responsible leader approves (第二十九条第一款:
# 未经行政执法机关负责人批准不得公开).
DEFAULT_APPROVER = Role.LEADER


def _rule_for(case: Case, kind: RequesterKind) -> Any:
    records = pack_for_agency(case.agency).model.records
    rules = {rule.id: rule for rule in (records.access if records else [])}
    for rule_id in RULES_FOR[kind]:
        if rule_id in rules:
            return rules[rule_id]
    raise RuleViolation(
        f"本机关规则未规定{kind.label}调阅、复制执法记录的程序。",
        rule_id="records.access",
        cite="",
        log_message=f"{case.agency.slug} has no access rule for {kind}",
    )


def _check_what(
    *,
    case: Case,
    kind: RequesterKind,
    action: AccessAction,
    item: EvidenceItem | None,
    party: Party | None,
    rule: Any,
) -> None:
    """What may be asked for: an export is a whole case file (formed, so that the package is
    the file as bound) and never a party's, whose copy must have third parties removed; a party
    may ask for a recording only where no third party is named in the case (a recording cannot
    be redacted automatically; 市人社局 第二十九条第四款)."""
    if action == AccessAction.EXPORT:
        if item is not None:
            raise RuleViolation(
                "音像记录请申请复制；导出适用于整本案卷。", rule_id=rule.id, cite=rule.cite
            )
        if kind == RequesterKind.PARTY:
            raise RuleViolation(
                "当事人可申请查阅、复制（已隐去第三人信息），不能导出完整案卷。",
                rule_id=rule.id,
                cite=rule.cite,
            )
        if not CaseFile.objects.filter(case=case).exists():
            raise RuleViolation("该案件尚未立卷，不能导出案卷。", rule_id=rule.id, cite=rule.cite)
    if item is not None and kind == RequesterKind.PARTY:
        own = {party.name} if party else set()
        payloads = CaseRecord.objects.filter(case=case).values_list("payload", flat=True)
        if third_party_names(list(payloads), party_names=own):
            raise RuleViolation(
                "本案记录涉及举报人、投诉人或其他第三人，音像记录无法自动隐去其信息，"
                "请申请查阅、复制文字记录。",
                rule_id=rule.id,
                cite=rule.cite,
            )


def request_access(
    *,
    actor: User,
    case: Case,
    requester_kind: RequesterKind,
    requester_name: str,
    reason: str,
    party: Party | None = None,
    letter_ref: str = "",
    wants_copy: bool = False,
    wanted: AccessAction | None = None,
    item: EvidenceItem | None = None,
    at: dt.datetime | None = None,
) -> AccessRequest:
    """登记查阅申请 (registered by staff on the requester's behalf): 查阅, 复制 or 导出 of the case
    file, or of one recording (``item``). ``wants_copy`` is the older spelling of
    ``wanted=AccessAction.COPY``."""
    if not can_write_in(actor, case.agency, *REGISTRARS):
        raise NotInScope("没有找到该案件。")
    kind = RequesterKind(requester_kind)
    action = (
        AccessAction(wanted) if wanted else (AccessAction.COPY if wants_copy else AccessAction.VIEW)
    )
    rule = _rule_for(case, kind)
    if not reason.strip() or not requester_name.strip():
        raise RuleViolation("请填写申请人和事由。", rule_id=rule.id, cite=rule.cite)
    if kind in NEEDS_LETTER and not letter_ref.strip():
        raise RuleViolation(f"须提供{NEEDS_LETTER[kind]}。", rule_id=rule.id, cite=rule.cite)
    if kind == RequesterKind.PARTY and (party is None or party.case_id != case.pk):
        raise RuleViolation("当事人只能查阅与其相关的执法记录。", rule_id=rule.id, cite=rule.cite)
    if item is not None and item.case_id != case.pk:
        raise NotInScope("没有找到该音像记录。")
    _check_what(case=case, kind=kind, action=action, item=item, party=party, rule=rule)
    moment = at or timezone.now()
    approver_role = rule.approver_role or DEFAULT_APPROVER
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
        entry = append(
            agency=locked.agency,
            kind="archive.access_requested",
            subject=subject_of(locked),
            actor=actor,
            payload={
                "requester_kind": str(kind),
                "requester": requester_name,
                "letter_ref": letter_ref,
                "reason": reason,
                "copy": action != AccessAction.VIEW,
                "wanted": str(action),
                "scope": str(RequestScope.AV if item else RequestScope.CASE_FILE),
                "item_sha256": item.blob.sha256 if item else None,
                "rule": rule.id,
                "approver_role": str(approver_role),
            },
        )
        return AccessRequest.objects.create(
            agency=locked.agency,
            case=locked,
            requester_kind=kind,
            requester_name=requester_name,
            party=party,
            letter_ref=letter_ref,
            reason=reason,
            wants_copy=action != AccessAction.VIEW,
            wanted=action,
            scope=RequestScope.AV if item else RequestScope.CASE_FILE,
            item=item,
            rule_id=rule.id,
            rule_cite=rule.cite,
            approver_role=str(approver_role),
            registered_by=actor,
            registered_at=moment,
            ledger_index=entry.index,
        )


def decide(*, actor: User, request: AccessRequest, approve: bool) -> AccessRequest:
    """审批 by the role the pack's rule names."""
    if not can_write_in(actor, request.agency):
        raise NotInScope("没有找到该申请。")
    if not actor.has_role(Role(request.approver_role)):
        raise RuleViolation(
            f"该申请须由{Role(request.approver_role).label}审批。",
            rule_id=request.rule_id,
            cite=request.rule_cite,
        )
    with transaction.atomic():
        locked = AccessRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
        if locked.status != RequestStatus.PENDING:
            raise RuleViolation("该申请已审批。", rule_id=locked.rule_id, cite=locked.rule_cite)
        entry = append(
            agency=locked.agency,
            kind="archive.access_decided",
            subject=subject_of(locked.case),
            actor=actor,
            payload={"request_ledger_index": locked.ledger_index, "approved": approve},
        )
        locked.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_ledger_index = entry.index
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_ledger_index"])
    return locked


def _register(
    *,
    actor: User,
    case: Case,
    action: AccessAction,
    viewer: str,
    reason: str,
    request: AccessRequest | None = None,
    copier: str = "",
    approver: str = "",
    redacted: bool = False,
) -> AccessEvent:
    """One row of the register and its ledger entry, inside the caller's transaction."""
    moment = timezone.now()
    entry = append(
        agency=case.agency,
        kind="archive.access_registered",
        subject=subject_of(case),
        actor=actor,
        payload={
            "action": str(action),
            "viewer": viewer,
            "copier": copier,
            "approver": approver,
            "time": when(moment),
            "reason": reason,
            "request_ledger_index": request.ledger_index if request else None,
            "redacted": redacted,
        },
    )
    return AccessEvent.objects.create(
        agency=case.agency,
        case=case,
        request=request,
        action=action,
        viewer=viewer,
        copier=copier,
        approver=approver,
        at=moment,
        reason=reason,
        handled_by=actor,
        redacted=redacted,
        ledger_index=entry.index,
    )


def _approver_name(request: AccessRequest) -> str:
    user = request.decided_by
    return (user.get_full_name() or user.get_username()) if user else ""


def records_for_request(
    *, actor: User, request: AccessRequest, copy: bool = False
) -> list[dict[str, Any]]:
    """The records an approved request may see — a party's with third parties removed — and
    the register row that says who saw them."""
    if not can_write_in(actor, request.agency, *REGISTRARS):
        raise NotInScope("没有找到该申请。")
    if request.status != RequestStatus.APPROVED:
        raise RuleViolation(
            "申请未经批准，不能调阅。", rule_id=request.rule_id, cite=request.rule_cite
        )
    if copy and request.wanted == AccessAction.VIEW:
        raise RuleViolation("该申请未申请复制。", rule_id=request.rule_id, cite=request.rule_cite)
    case = request.case
    records = list(CaseRecord.objects.filter(case=case).order_by("recorded_at", "id"))
    shown = records
    if request.scope == RequestScope.AV and request.item is not None:
        # A recording's request shows the record it belongs to, not the whole file.
        shown = [r for r in records if r.pk == request.item.record_id]
    rows = [
        {
            "label": r.label,
            "record_type": r.record_type,
            "stage": r.stage,
            "recorded_at": when(r.recorded_at),
            "payload": r.payload,
            "ledger_index": r.ledger_index,
        }
        for r in shown
    ]
    is_party = request.requester_kind == RequesterKind.PARTY
    if is_party:
        own = {request.party.name} if request.party else set()
        names = third_party_names([r.payload for r in records], party_names=own)
        rows = [{**row, "payload": redact(row["payload"], names)} for row in rows]
    with transaction.atomic():
        _register(
            actor=actor,
            case=case,
            action=AccessAction.COPY if copy else AccessAction.VIEW,
            viewer=request.requester_name,
            copier=(actor.get_full_name() or actor.get_username()) if copy else "",
            approver=_approver_name(request),
            reason=request.reason,
            request=request,
            redacted=is_party,
        )
    return rows


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def export_case_file(
    *,
    actor: User,
    case_file: CaseFile,
    target: Path,
    reason: str,
    store: BlobStore,
    approver: User | None = None,
) -> Path:
    """导出 a case file as a BagIt package; registered like any copy."""
    if not can_write_in(actor, case_file.agency, Role.ARCHIVIST):
        raise NotInScope("没有找到该案卷。")
    if not reason.strip():
        raise RuleViolation("请填写导出事由。", rule_id="records.access", cite="")
    path = write_bag(case_file, target, store=store)
    with transaction.atomic():
        _register(
            actor=actor,
            case=case_file.case,
            action=AccessAction.EXPORT,
            viewer=_name(actor),
            copier=_name(actor),
            approver=_name(approver) if approver else "",
            reason=reason,
        )
    return path


def _approved(request: AccessRequest, wanted: tuple[AccessAction, ...]) -> None:
    if request.status != RequestStatus.APPROVED:
        raise RuleViolation(
            "申请未经批准，不能调阅。", rule_id=request.rule_id, cite=request.rule_cite
        )
    if request.wanted not in wanted:
        raise RuleViolation(
            f"该申请为{request.get_wanted_display()}，不含此项。",
            rule_id=request.rule_id,
            cite=request.rule_cite,
        )


def recording_for_request(*, actor: User, request: AccessRequest) -> EvidenceItem:
    """The recording an approved AV request names, registered as a view (played) or a copy
    (downloaded) with the requester as 调阅人 and the approver; the caller streams the bytes."""
    if not can_write_in(actor, request.agency, *REGISTRARS):
        raise NotInScope("没有找到该申请。")
    _approved(request, (AccessAction.VIEW, AccessAction.COPY))
    item = request.item
    if request.scope != RequestScope.AV or item is None:
        raise RuleViolation(
            "该申请不是音像记录的申请。", rule_id=request.rule_id, cite=request.rule_cite
        )
    copy = request.wanted == AccessAction.COPY
    with transaction.atomic():
        _register(
            actor=actor,
            case=request.case,
            action=AccessAction.COPY if copy else AccessAction.VIEW,
            viewer=request.requester_name,
            copier=_name(actor) if copy else "",
            approver=_approver_name(request),
            reason=f"{request.reason}：{item.filename}",
            request=request,
        )
    return item


def export_for_request(
    *, actor: User, request: AccessRequest, target: Path, store: BlobStore
) -> Path:
    """导出 the case file for an approved export request (an organ's or a lawyer's): the BagIt
    package, registered with the requester as 调阅人, the archivist as 复制人 and the approver."""
    if not can_write_in(actor, request.agency):
        raise NotInScope("没有找到该申请。")
    if not actor.has_role(Role.ARCHIVIST):
        raise RuleViolation(
            "导出案卷由档案管理员办理。", rule_id=request.rule_id, cite=request.rule_cite
        )
    _approved(request, (AccessAction.EXPORT,))
    case_file = CaseFile.objects.filter(case=request.case).first()
    if case_file is None:
        raise RuleViolation("该案件尚未立卷。", rule_id=request.rule_id, cite=request.rule_cite)
    path = write_bag(case_file, target, store=store)
    with transaction.atomic():
        _register(
            actor=actor,
            case=request.case,
            action=AccessAction.EXPORT,
            viewer=request.requester_name,
            copier=_name(actor),
            approver=_approver_name(request),
            reason=request.reason,
            request=request,
        )
    return path


def register_view(*, actor: User, case: Case, reason: str) -> AccessEvent:
    """A staff member (or a supervisor) reads a case file: registered like any other view."""
    if not (can_write_in(actor, case.agency) or actor.has_role(Role.SUPERVISOR)):
        raise NotInScope("没有找到该案件。")
    with transaction.atomic():
        return _register(
            actor=actor,
            case=case,
            action=AccessAction.VIEW,
            viewer=actor.get_full_name() or actor.get_username(),
            reason=reason or "查看案卷",
        )


def register_av_copy(*, actor: User, case: Case, filename: str, reason: str) -> AccessEvent:
    """A staff member plays or downloads an AV record or attachment: registered as a copy with
    the user as 调阅人 and 复制人 (市人社局 第二十七条第三款)."""
    if not (can_write_in(actor, case.agency) or actor.has_role(Role.SUPERVISOR)):
        raise NotInScope("没有找到该文件。")
    name = actor.get_full_name() or actor.get_username()
    with transaction.atomic():
        return _register(
            actor=actor,
            case=case,
            action=AccessAction.COPY,
            viewer=name,
            copier=name,
            reason=f"{reason}：{filename}",
        )
