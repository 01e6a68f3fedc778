"""The approval path shared by the 事前/事中 items of this app (检查计划, 检查信息, 事中公示).

The same path as a result publication (``services.TRANSITIONS``): the publisher prepares and
submits; the pack item's approver (分管领导 in 武汉, 法制审核 in 柳州, 办公室 in 东西湖; the head
may always approve) approves; the publisher publishes; a published item may be corrected (the
previous version kept in ``history`` with the public reason) or withdrawn (a notice with the
reason stays, not a 404). Every move is a ledger entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.inspection_models import NoticeFields
from sanxiang.ledger.records import shanghai_iso
from sanxiang.ledger.services import append
from sanxiang.registry.models import Agency

N = NoticeStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    N.DRAFT: frozenset({N.AWAITING_APPROVAL}),
    N.AWAITING_APPROVAL: frozenset({N.APPROVED, N.DRAFT}),
    N.APPROVED: frozenset({N.PUBLISHED, N.DRAFT}),
    N.PUBLISHED: frozenset({N.WITHDRAWN}),
    N.WITHDRAWN: frozenset(),
}
EDITORS = (Role.PUBLICITY, Role.LEGAL_REVIEWER)
CITE = "国办发〔2018〕118号 行政执法公示制度"


def kind_of(notice: NoticeFields) -> str:
    """The ledger name of the notice's model: inspection_plan, inspection_info, process_notice."""
    return {
        "InspectionPlan": "inspection_plan",
        "InspectionInfo": "inspection_info",
        "ProcessNotice": "process_notice",
    }[type(notice).__name__]


def ledger(notice: NoticeFields, verb: str, actor: User | None, **payload: Any) -> int:
    entry = append(
        agency=notice.agency,
        kind=f"disclosure.{kind_of(notice)}.{verb}",
        subject=f"{kind_of(notice)}:{notice.agency.slug}:{notice.pk}",
        actor=actor,
        payload={"id": notice.pk, "item": notice.item_id, **payload},
    )
    return int(entry.index)


def require(actor: User, agency: Agency, *roles: Role) -> None:
    if not can_write_in(actor, agency, *roles):
        labels = "、".join(Role(r).label for r in roles)
        raise RuleViolation(f"此操作需要本机关的{labels}角色", rule_id="role_required", cite=CITE)


def lock[T: NoticeFields](notice: T) -> T:
    manager: Any = type(notice)._default_manager
    locked: T = manager.select_for_update().select_related("agency").get(pk=notice.pk)
    return locked


def _move(notice: NoticeFields, to: str, *, actor: User, now: dt.datetime, note: str = "") -> None:
    old = notice.status
    if to not in TRANSITIONS[old]:
        raise RuleViolation(
            f"公示信息当前状态为“{N(old).label}”，不能变更为“{N(to).label}”",
            rule_id="notice_transition",
            cite=CITE,
        )
    notice.status = to
    ledger(notice, "status", actor, old=old, new=to, note=note, at=shanghai_iso(now))


def submit[T: NoticeFields](*, actor: User, notice: T) -> T:
    require(actor, notice.agency, *EDITORS)
    with transaction.atomic():
        notice = lock(notice)
        _move(notice, N.AWAITING_APPROVAL, actor=actor, now=timezone.now())
        notice.save(update_fields=["status", "updated_at"])
    return notice


def _approvers(notice: NoticeFields) -> tuple[Role, ...]:
    return tuple(dict.fromkeys((Role(notice.approver_role), Role.HEAD)))


def approve[T: NoticeFields](*, actor: User, notice: T) -> T:
    """审批 by the role the pack item names (or the head)."""
    require(actor, notice.agency, *_approvers(notice))
    with transaction.atomic():
        notice = lock(notice)
        now = timezone.now()
        _move(notice, N.APPROVED, actor=actor, now=now)
        notice.approved_by = actor
        notice.approved_at = now
        notice.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return notice


def send_back[T: NoticeFields](*, actor: User, notice: T, reason: str) -> T:
    require(actor, notice.agency, *_approvers(notice), *EDITORS)
    with transaction.atomic():
        notice = lock(notice)
        _move(notice, N.DRAFT, actor=actor, now=timezone.now(), note=reason.strip())
        notice.save(update_fields=["status", "updated_at"])
    return notice


def publish[T: NoticeFields](*, actor: User, notice: T, extra_fields: tuple[str, ...] = ()) -> T:
    """公示. ``extra_fields``: what the caller set on ``notice`` before (display period …)."""
    require(actor, notice.agency, Role.PUBLICITY)
    with transaction.atomic():
        locked = lock(notice)
        for name in extra_fields:
            setattr(locked, name, getattr(notice, name))
        now = timezone.now()
        _move(locked, N.PUBLISHED, actor=actor, now=now)
        locked.published_at = now
        locked.save(update_fields=["status", "published_at", "updated_at", *extra_fields])
    return locked


def withdraw[T: NoticeFields](*, actor: User, notice: T, reason: str) -> T:
    """撤回: the page stays as a notice with the (public) reason."""
    require(actor, notice.agency, Role.PUBLICITY, *_approvers(notice))
    if not reason.strip():
        raise RuleViolation("请填写撤回原因（将公开）", rule_id="withdrawal_reason", cite=CITE)
    with transaction.atomic():
        notice = lock(notice)
        now = timezone.now()
        _move(notice, N.WITHDRAWN, actor=actor, now=now, note=reason.strip())
        notice.withdrawn_at = now
        notice.withdrawal_reason = reason.strip()
        notice.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    return notice


def keep_version(
    notice: NoticeFields, *, actor: User, reason: str, snapshot: dict[str, Any]
) -> None:
    """Inside the caller's transaction, on a locked row: 更正 keeps what was published."""
    if notice.status != N.PUBLISHED:
        raise RuleViolation("只有已公示的信息可以更正", rule_id="correction_state", cite=CITE)
    if not reason.strip():
        raise RuleViolation("请填写更正原因（将公开）", rule_id="correction_reason", cite=CITE)
    now = timezone.now()
    notice.history = [
        *notice.history,
        {
            "version": notice.version,
            "reason": reason.strip(),
            "corrected_at": shanghai_iso(now),
            "content": snapshot,
        },
    ]
    ledger(notice, "corrected", actor, version=notice.version, reason=reason.strip())
    notice.version += 1
