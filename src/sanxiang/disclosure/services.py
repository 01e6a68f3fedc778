"""Writes of the disclosure app: one function per use case, one transaction, one ledger entry.

States and transitions (``TRANSITIONS``): a decision that a pack item requires to be published
creates a DRAFT due within the item's limit (7 working days for 许可/处罚, 20 for other results —
the packs' ``[disclosure.items] deadline``). The publisher reviews the automatic redaction (adds
or undoes spans), picks summary or full text, and submits; 分管领导 approves (主要负责人 for a
major decision); the publisher publishes. An exclusion of the pack (国家秘密、商业秘密、个人隐私 …)
ends the task with its ground recorded. A changed or annulled decision starts a withdrawal due
within the pack's ``[disclosure.withdrawal]`` limit (处罚法 第四十八条: 3 working days); the
withdrawn item stays as a public notice with the reason. Corrections keep the previous version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.cases.gates import facts_of
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure import publishing, search
from sanxiang.disclosure.choices import (
    FeedbackKind,
    FeedbackStatus,
    PublicationMode,
    PublicationStatus,
    SpanAction,
)
from sanxiang.disclosure.models import (
    Feedback,
    Publication,
    PublicationRevision,
    PublicationTransition,
    RedactionChange,
)
from sanxiang.disclosure.redaction import KIND_LABELS, Kind
from sanxiang.ledger.records import shanghai_iso
from sanxiang.ledger.services import append
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency
from sanxiang.workdays.calendar import compute

log = logging.getLogger(__name__)

# The national rule behind every refusal here; pack rules name their own article where they apply.
_CITE = "国办发〔2018〕118号 行政执法公示制度"

S = PublicationStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.AWAITING_APPROVAL, S.EXCLUDED}),
    S.AWAITING_APPROVAL: frozenset({S.APPROVED, S.DRAFT, S.EXCLUDED}),
    S.APPROVED: frozenset({S.PUBLISHED, S.DRAFT}),
    S.PUBLISHED: frozenset({S.WITHDRAWAL_DUE, S.PUBLISHED}),
    S.WITHDRAWAL_DUE: frozenset({S.WITHDRAWN}),
    S.EXCLUDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
DECISION_EVENT = "decision_made"
# Fallback when a pack names no withdrawal limit: 行政处罚法 第四十八条 (三个工作日).
DEFAULT_WITHDRAWAL = (3, "workday", "中华人民共和国行政处罚法 第四十八条")
# Feedback answered within this limit when the pack sets none (政府信息公开条例 第三十三条).
DEFAULT_FEEDBACK = (20, "workday", "中华人民共和国政府信息公开条例 第三十三条")
FEEDBACK_PER_HOUR = 3
# The whole city, per hour: a flood of anonymous requests cannot fill the database.
FEEDBACK_GLOBAL_PER_HOUR = 500


def _today(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


def _subject(publication: Publication) -> str:
    return f"publication:{publication.agency.slug}:{publication.pk}"


def _ledger(publication: Publication, event: str, actor: User | None, **payload: Any) -> int:
    entry = append(
        agency=publication.agency,
        kind=f"disclosure.{event}",
        subject=_subject(publication),
        actor=actor,
        payload={
            "publication_id": publication.pk,
            "case_number": publication.case.number,
            **payload,
        },
    )
    return int(entry.index)


def _move(
    publication: Publication, to: str, *, actor: User | None, now: dt.datetime, note: str = ""
) -> None:
    old = publication.status
    if to not in TRANSITIONS[old]:
        raise RuleViolation(
            f"公示信息当前状态为“{S(old).label}”，不能变更为“{S(to).label}”",
            rule_id="publication_transition",
            cite=_CITE,
        )
    publication.status = to
    index = _ledger(publication, "status", actor, old=old, new=to, note=note, at=shanghai_iso(now))
    PublicationTransition.objects.create(
        agency=publication.agency,
        publication=publication,
        from_status=old,
        to_status=to,
        actor=actor,
        at=now,
        note=note,
        ledger_index=index,
    )


def _require(actor: User, agency: Agency, *roles: Role) -> None:
    if not can_write_in(actor, agency, *roles):
        labels = "、".join(Role(r).label for r in roles)
        raise RuleViolation(f"此操作需要本机关的{labels}角色", rule_id="role_required", cite=_CITE)


def _lock(publication: Publication) -> Publication:
    return (
        Publication.objects.select_for_update()
        .select_related("agency", "case")
        .get(pk=publication.pk)
    )


# --------------------------------------------------------------------- creating the tasks


def _result_items(case: Case) -> list[Any]:
    """The pack's after-the-fact items a decision of this case must be published under."""
    pack = pack_for_agency(case.agency)
    disclosure = pack.model.disclosure
    if disclosure is None:
        return []
    facts = facts_of(case)
    items = []
    for item in disclosure.items:
        if (
            item.phase != "after"
            or item.deadline is None
            or item.deadline.trigger != DECISION_EVENT
        ):
            continue
        try:
            applies = pack.applies(item, facts)
        except Exception:
            log.info("disclosure item %s: condition not decidable for case %s", item.id, case.pk)
            applies = True
        if applies:
            items.append(item)
    return items


def on_decision_recorded(case: Case, record: CaseRecord) -> list[Publication]:
    """Create the publication tasks a decision record calls for (idempotent).

    The cases app calls this after recording a record that raises ``decision_made``; ``sanxiang
    disclosure sync`` calls it for decided cases that have none. Returns the tasks created.
    """
    if DECISION_EVENT not in (record.events or []):
        return []
    created: list[Publication] = []
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        existing = set(Publication.objects.filter(case=case).values_list("item_id", flat=True))
        items = [i for i in _result_items(case) if i.id not in existing]
        if not items:
            return []
        pack = pack_for_agency(case.agency)
        facts = facts_of(case)
        try:
            major = bool(pack.major_criteria_met(facts))
        except Exception:
            major = True
        decided_on = _today(record.recorded_at)
        known = publishing.known_of(case)
        text = publishing.decision_text(record)
        spans = publishing.spans_for(text, known)
        now = timezone.now()
        for item in items:
            assert item.deadline is not None
            due = compute(decided_on, item.deadline.amount, item.deadline.unit)
            publication = Publication(
                agency=case.agency,
                case=case,
                record=record,
                item_id=item.id,
                item_label=item.label,
                cite=item.deadline.cite or item.cite,
                fields=list(item.fields),
                approver_role=Role.HEAD if major else Role.LEADER,
                major=major,
                decided_on=decided_on,
                due_on=due.due,
                due_basis=f"{item.deadline.label or item.label}：{due.basis}".strip("："),
                title=f"{case.agency.name}{item.label}（{case.number}）",
                summary=publishing.summary_values(
                    case=case,
                    record=record,
                    fields=list(item.fields),
                    decided_on=decided_on,
                    known=known,
                ),
                public_text=publishing.apply_stored(text, spans),
                spans=spans,
                created_at=now,
                ledger_index=0,
            )
            publication.save()
            publication.ledger_index = _ledger(
                publication,
                "created",
                record.recorded_by,
                item=item.id,
                due_on=due.due.isoformat(),
                record_id=record.pk,
            )
            publication.save(update_fields=["ledger_index"])
            created.append(publication)
    return created


def sync(*, agency: Agency) -> list[Publication]:
    """Create missing tasks for every decided case of ``agency`` (the command's work)."""
    created: list[Publication] = []
    records = CaseRecord.objects.filter(agency=agency).select_related("case", "case__agency")
    for record in records.order_by("recorded_at", "id"):
        if DECISION_EVENT in (record.events or []):
            created.extend(on_decision_recorded(record.case, record))
    return created


# --------------------------------------------------------------------- review by the publisher

_EDITORS = (Role.PUBLICITY, Role.LEGAL_REVIEWER)


def _refresh_public_text(publication: Publication) -> None:
    text = publishing.decision_text(publication.record)
    publication.public_text = publishing.apply_stored(text, publication.spans)


def add_span(
    *,
    actor: User,
    publication: Publication,
    start: int,
    end: int,
    reason: str,
    kind: str = Kind.MANUAL,
) -> Publication:
    """隐去 one more span of the original text (the publisher's review)."""
    _require(actor, publication.agency, *_EDITORS)
    with transaction.atomic():
        publication = _lock(publication)
        if publication.status not in (S.DRAFT,):
            raise RuleViolation(
                "只有待公示的信息可以调整隐去范围", rule_id="redaction_review", cite=_CITE
            )
        text = publishing.decision_text(publication.record)
        if not (0 <= start < end <= len(text)) or not reason.strip():
            raise RuleViolation("隐去范围或理由无效", rule_id="redaction_review", cite=_CITE)
        if kind not in set(Kind):
            raise RuleViolation("隐去类型无效", rule_id="redaction_review", cite=_CITE)
        span = {
            "start": start,
            "end": end,
            "kind": kind,
            "reason": reason.strip(),
            "by": actor.username,
        }
        publication.spans = sorted([*publication.spans, span], key=lambda s: (s["start"], s["end"]))
        _refresh_public_text(publication)
        _record_change(publication, actor, SpanAction.ADD, span)
        publication.save(update_fields=["spans", "public_text", "updated_at"])
    return publication


def undo_span(
    *, actor: User, publication: Publication, start: int, end: int, reason: str
) -> Publication:
    """撤销 one span (the text there was not personal data); recorded with the reason."""
    _require(actor, publication.agency, *_EDITORS)
    with transaction.atomic():
        publication = _lock(publication)
        if publication.status not in (S.DRAFT,):
            raise RuleViolation(
                "只有待公示的信息可以调整隐去范围", rule_id="redaction_review", cite=_CITE
            )
        match = [s for s in publication.spans if s["start"] == start and s["end"] == end]
        if not match or not reason.strip():
            raise RuleViolation(
                "没有这个隐去范围，或未说明理由", rule_id="redaction_review", cite=_CITE
            )
        publication.spans = [s for s in publication.spans if s is not match[0]]
        _refresh_public_text(publication)
        _record_change(publication, actor, SpanAction.UNDO, {**match[0], "reason": reason.strip()})
        publication.save(update_fields=["spans", "public_text", "updated_at"])
    return publication


def _record_change(
    publication: Publication, actor: User, action: str, span: dict[str, Any]
) -> None:
    now = timezone.now()
    index = _ledger(
        publication,
        f"span_{action}",
        actor,
        start=span["start"],
        end=span["end"],
        span_kind=span["kind"],
        reason=span["reason"],
    )
    RedactionChange.objects.create(
        agency=publication.agency,
        publication=publication,
        action=action,
        start=span["start"],
        end=span["end"],
        kind=span["kind"],
        reason=span["reason"],
        actor=actor,
        at=now,
        ledger_index=index,
    )


def set_mode(*, actor: User, publication: Publication, mode: str) -> Publication:
    """摘要 or 全文 — a full text is always the redacted derivative."""
    _require(actor, publication.agency, *_EDITORS)
    with transaction.atomic():
        publication = _lock(publication)
        if publication.status != S.DRAFT or mode not in PublicationMode.values:
            raise RuleViolation(
                "只有待公示的信息可以选择公开方式", rule_id="publication_mode", cite=_CITE
            )
        publication.mode = mode
        _ledger(publication, "mode", actor, mode=mode)
        publication.save(update_fields=["mode", "updated_at"])
    return publication


def exclude(
    *, actor: User, publication: Publication, exclusion_id: str, ground: str
) -> Publication:
    """不予公开: an exclusion of the pack applies; the ground is recorded, nothing is published."""
    _require(actor, publication.agency, *_EDITORS)
    disclosure = pack_for_agency(publication.agency).model.disclosure
    rules = {e.id: e for e in (disclosure.exclusions if disclosure else [])}
    if exclusion_id not in rules or not ground.strip():
        raise RuleViolation(
            "请选择规则包中的不予公开情形并说明理由", rule_id="publication_exclusion", cite=_CITE
        )
    with transaction.atomic():
        publication = _lock(publication)
        now = timezone.now()
        publication.exclusion_id = exclusion_id
        publication.exclusion_ground = ground.strip()
        _move(
            publication,
            S.EXCLUDED,
            actor=actor,
            now=now,
            note=f"{rules[exclusion_id].label}（{rules[exclusion_id].cite}）：{ground.strip()}",
        )
        publication.save(update_fields=["status", "exclusion_id", "exclusion_ground", "updated_at"])
    return publication


def submit(*, actor: User, publication: Publication) -> Publication:
    """提交审批 after the redaction review."""
    _require(actor, publication.agency, *_EDITORS)
    with transaction.atomic():
        publication = _lock(publication)
        _move(publication, S.AWAITING_APPROVAL, actor=actor, now=timezone.now())
        publication.save(update_fields=["status", "updated_at"])
    return publication


def approve(*, actor: User, publication: Publication) -> Publication:
    """审批: 分管领导; 主要负责人 for a major decision (重大执法决定)."""
    roles = (Role.HEAD,) if publication.major else (Role.LEADER, Role.HEAD)
    _require(actor, publication.agency, *roles)
    with transaction.atomic():
        publication = _lock(publication)
        now = timezone.now()
        _move(publication, S.APPROVED, actor=actor, now=now)
        publication.approved_by = actor
        publication.approved_at = now
        publication.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return publication


def send_back(*, actor: User, publication: Publication, reason: str) -> Publication:
    """退回修改 from approval to the publisher."""
    roles = (Role.HEAD,) if publication.major else (Role.LEADER, Role.HEAD)
    _require(actor, publication.agency, *roles)
    with transaction.atomic():
        publication = _lock(publication)
        _move(publication, S.DRAFT, actor=actor, now=timezone.now(), note=reason)
        publication.save(update_fields=["status", "updated_at"])
    return publication


def _search_text(publication: Publication) -> str:
    parts = [publication.title, publication.item_label, publication.agency.name]
    parts.extend(publication.summary.values())
    if publication.mode == PublicationMode.FULL:
        parts.append(publication.public_text)
    return "\n".join(parts)


def publish(*, actor: User, publication: Publication) -> Publication:
    """公示: only the redacted derivative becomes public."""
    _require(actor, publication.agency, Role.PUBLICITY)
    with transaction.atomic():
        publication = _lock(publication)
        now = timezone.now()
        _move(publication, S.PUBLISHED, actor=actor, now=now)
        publication.published_at = now
        publication.search_text = _search_text(publication)
        publication.save(update_fields=["status", "published_at", "search_text", "updated_at"])
        # Indexed in the same transaction: a rolled-back publication is never findable.
        search.add(publication)
    return publication


# --------------------------------------------------------------------- after publication


def _withdrawal_limit(agency: Agency, trigger: str) -> tuple[int, str, str, str]:
    disclosure = pack_for_agency(agency).model.disclosure
    rules = list(disclosure.withdrawal) if disclosure else []
    matching = [r for r in rules if r.trigger == trigger] or rules
    if not matching:
        amount, unit, cite = DEFAULT_WITHDRAWAL
        return amount, unit, cite, "statutory_default"
    # Several rules (东西湖: the same day, at most 5 working days): the strictest one binds.
    today = timezone.localdate()
    best = min(matching, key=lambda r: compute(today, r.amount, r.unit).due)
    return best.amount, str(best.unit), best.cite, best.id


def start_withdrawal(
    *, actor: User, publication: Publication, trigger: str, reason: str
) -> Publication:
    """The decision was changed, revoked, confirmed illegal or void: a withdrawal falls due."""
    _require(actor, publication.agency, *_EDITORS, Role.LEADER, Role.HEAD)
    if not reason.strip():
        raise RuleViolation("请填写撤回原因（将公开）", rule_id="withdrawal_reason", cite=_CITE)
    with transaction.atomic():
        publication = _lock(publication)
        amount, unit, cite, rule_id = _withdrawal_limit(publication.agency, trigger)
        now = timezone.now()
        due = compute(_today(now), amount, unit)
        publication.withdrawal_due_on = due.due
        publication.withdrawal_rule = rule_id
        publication.withdrawal_reason = reason.strip()
        _move(publication, S.WITHDRAWAL_DUE, actor=actor, now=now, note=f"{trigger}：{cite}")
        publication.save(
            update_fields=[
                "status",
                "withdrawal_due_on",
                "withdrawal_rule",
                "withdrawal_reason",
                "updated_at",
            ]
        )
    return publication


def withdraw(*, actor: User, publication: Publication) -> Publication:
    """撤回: the item leaves the results and a notice with the reason takes its place."""
    _require(actor, publication.agency, Role.PUBLICITY)
    with transaction.atomic():
        publication = _lock(publication)
        now = timezone.now()
        _move(publication, S.WITHDRAWN, actor=actor, now=now, note=publication.withdrawal_reason)
        publication.withdrawn_at = now
        publication.save(update_fields=["status", "withdrawn_at", "updated_at"])
        search.remove(publication)
    return publication


def correct(
    *,
    actor: User,
    publication: Publication,
    reason: str,
    summary: dict[str, str] | None = None,
    public_text: str | None = None,
) -> Publication:
    """更正 a published item: the previous version is kept and shown as history."""
    _require(actor, publication.agency, Role.PUBLICITY)
    if not reason.strip():
        raise RuleViolation("请填写更正原因（将公开）", rule_id="correction_reason", cite=_CITE)
    with transaction.atomic():
        publication = _lock(publication)
        if publication.status != S.PUBLISHED:
            raise RuleViolation("只有已公示的信息可以更正", rule_id="correction_state", cite=_CITE)
        known = publishing.known_of(publication.case)
        now = timezone.now()
        index = _ledger(
            publication, "corrected", actor, version=publication.version, reason=reason.strip()
        )
        PublicationRevision.objects.create(
            agency=publication.agency,
            publication=publication,
            version=publication.version,
            title=publication.title,
            summary=publication.summary,
            public_text=publication.public_text,
            correction_reason=reason.strip(),
            corrected_by=actor,
            corrected_at=now,
            ledger_index=index,
        )
        # A correction is redacted like the original: staff text may name people too.
        if summary is not None:
            publication.summary = {
                k: publishing.redact_with(v, known)
                for k, v in summary.items()
                if k in publication.fields
            }
        if public_text is not None:
            publication.public_text = publishing.redact_with(public_text, known)
        publication.version += 1
        indexed_text = publication.search_text
        publication.search_text = _search_text(publication)
        publication.save(
            update_fields=["summary", "public_text", "version", "search_text", "updated_at"]
        )
        search.replace(publication, old_text=indexed_text)
    return publication


# --------------------------------------------------------------------- public feedback


def client_key(address: str) -> str:
    """A keyed hash of the client address: rate limiting without storing the address."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def submit_feedback(
    *,
    publication: Publication,
    kind: str,
    message: str,
    contact: str,
    client: str,
    now: dt.datetime | None = None,
) -> Feedback:
    """公众申请更正或者提出意见 (市人社局 第十二条, 柳州 第十一条): anonymous, rate limited."""
    now = now or timezone.now()
    message = message.strip()
    if kind not in FeedbackKind.values or not (5 <= len(message) <= 2000) or len(contact) > 100:
        raise RuleViolation("请填写 5 至 2000 字的意见内容", rule_id="feedback_invalid", cite=_CITE)
    if not publication.is_public:
        raise RuleViolation("该信息未公示", rule_id="feedback_invalid", cite=_CITE)
    hour_ago = now - dt.timedelta(hours=1)
    recent = Feedback.objects.filter(created_at__gte=hour_ago)
    if (
        recent.filter(client_key=client).count() >= FEEDBACK_PER_HOUR
        or recent.count() >= FEEDBACK_GLOBAL_PER_HOUR
    ):
        raise RuleViolation("提交过于频繁，请稍后再试", rule_id="feedback_rate_limit", cite=_CITE)
    with transaction.atomic():
        amount, unit, cite = DEFAULT_FEEDBACK
        disclosure = pack_for_agency(publication.agency).model.disclosure
        if disclosure and disclosure.correction:
            amount, unit, cite = (
                disclosure.correction.amount,
                str(disclosure.correction.unit),
                disclosure.correction.cite,
            )
        due = compute(_today(now), amount, unit)
        feedback = Feedback(
            agency=publication.agency,
            publication=publication,
            kind=kind,
            message=message,
            contact=contact.strip(),
            client_key=client,
            due_on=due.due,
            created_at=now,
            ledger_index=0,
        )
        feedback.save()
        # The ledger keeps that a request came and when, not its text or contact.
        feedback.ledger_index = _ledger(
            publication,
            "feedback",
            None,
            feedback_id=feedback.pk,
            feedback_kind=kind,
            due_on=due.due.isoformat(),
            cite=cite,
        )
        feedback.save(update_fields=["ledger_index"])
    return feedback


def answer_feedback(*, actor: User, feedback: Feedback, outcome: str, answer: str) -> Feedback:
    """处理: corrected, or explained why not, or answered; the answer is shown with the item."""
    _require(actor, feedback.agency, *_EDITORS)
    if (
        outcome not in (FeedbackStatus.CORRECTED, FeedbackStatus.EXPLAINED, FeedbackStatus.ANSWERED)
        or not answer.strip()
    ):
        raise RuleViolation("请选择处理结果并填写答复", rule_id="feedback_answer", cite=_CITE)
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update()
            .select_related("publication", "publication__agency", "publication__case")
            .get(pk=feedback.pk)
        )
        if feedback.status != FeedbackStatus.OPEN:
            raise RuleViolation("该意见已处理", rule_id="feedback_answer", cite=_CITE)
        feedback.status = outcome
        feedback.answer = publishing.redact_with(
            answer.strip(), publishing.known_of(feedback.publication.case)
        )
        feedback.answered_by = actor
        feedback.answered_at = timezone.now()
        _ledger(
            feedback.publication,
            "feedback_answered",
            actor,
            feedback_id=feedback.pk,
            outcome=outcome,
        )
        feedback.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    return feedback


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(Kind(kind), kind) if kind in set(Kind) else kind
