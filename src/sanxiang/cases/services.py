"""Writes to the case aggregate (执法全过程记录): every step is a service here.

Each service takes keyword-only arguments and the acting user, runs in one transaction, locks
the case row (``select_for_update``), asks the agency's policy pack and :mod:`.gates` whether
the step is allowed, writes the step, appends its ledger entry, and creates or ends the
deadlines the step starts or meets. A refused step raises ``RuleViolation`` (rule id, cite,
Chinese message) and writes nothing. See docs/cases.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.cases import deadlines, gates
from sanxiang.cases.choices import SUSPENSION, CaseSource, CaseStatus, DeadlineStatus, PartyKind
from sanxiang.cases.gates import InvalidInput
from sanxiang.cases.ledgering import append_for, when
from sanxiang.cases.models import (
    Case,
    CaseNumberCounter,
    CaseOfficer,
    CaseRecord,
    ClockStop,
    Deadline,
    Extension,
    Party,
    StageChange,
)
from sanxiang.cases.records import (
    AV_EVENT,
    CLOSURE_EVENT,
    DEEMED_SERVICE_CITE,
    HEARING_HELD_FOR,
    NOTED_EVENT_FACTS,
    NOTED_EVENTS,
    RECORD_EVENTS,
    STAGE_EVENTS,
    TRANSITION_EVENTS,
    announcement_day,
    deemed_served_on,
)
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.policy.resolved import ResolvedPack, UnknownRule
from sanxiang.policy.schema import Transition
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency, Officer

logger = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Who may approve a clock stop (中止): the head of the handling section or above.
CLOCK_STOP_APPROVERS = gates.approvers_for(Role.SECTION_HEAD)


@dataclass(frozen=True)
class PartyData:
    """当事人 as given to :func:`open_case` (kind: ``individual`` | ``organization``)."""

    kind: str
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""


# ------------------------------------------------------------------------------ helpers


def _now(at: dt.datetime | None) -> dt.datetime:
    moment = at or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("at must be timezone-aware")
    return moment


def _authorise(actor: User, agency: Agency) -> None:
    """Writes happen only inside the actor's own agency (supervisors read, never write)."""
    if not can_write_in(actor, agency):
        raise NotInScope("无权在该执法主体办理案件。", log_message=f"{actor} not in {agency.slug}")


def _locked(case: Case) -> Case:
    """The case row, locked for this transaction, with fresh state."""
    return Case.objects.select_for_update().select_related("agency").get(pk=case.pk)


def _sync(target: Case, source: Case) -> None:
    """Let the caller's instance see what was written (services return fresh objects too)."""
    for name in ("stage", "status", "facts", "closed_at", "updated_at"):
        setattr(target, name, getattr(source, name))


def _officer_snapshot(officers: Sequence[Officer], day: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "id": o.pk,
            "name": o.name,
            "cert_no": o.cert_no,
            "cert_valid_until": o.cert_valid_until.isoformat(),
            "certificate": str(o.certificate_check_on(day)),
        }
        for o in officers
    ]


def _stage_events(case: Case, pack: ResolvedPack, stage_id: str) -> list[str]:
    """Events of entering ``stage_id``: its ``kind.procedure.stage`` key, and the stage's own
    event (立案 → ``case_filed``) unless one of its records raises that event instead."""
    events = [f"{case.kind}.{case.procedure}.{stage_id}"]
    event = STAGE_EVENTS.get(stage_id)
    if event:
        stage = pack.stage(case.kind, case.procedure, stage_id)
        if not any(event in RECORD_EVENTS.get(r.id, ()) for r in stage.records):
            events.append(event)
    return events


def _party(data: PartyData | Mapping[str, str]) -> PartyData:
    try:
        party = data if isinstance(data, PartyData) else PartyData(**dict(data))
    except TypeError:
        raise InvalidInput("当事人信息字段不正确。", log_message="bad party keys") from None
    if party.kind not in PartyKind.values or not party.name.strip():
        raise InvalidInput("当事人类型或者姓名（名称）不正确。", log_message="bad party")
    return party


def _derived_facts(pack: ResolvedPack, parties: Sequence[PartyData]) -> dict[str, Any]:
    declared = pack.model.facts
    derived: dict[str, Any] = {}
    if "party_count" in declared:
        derived["party_count"] = len(parties)
    if "party_kind" in declared and parties:
        derived["party_kind"] = parties[0].kind
    return derived


# ------------------------------------------------------------------------------ open


def _locked_counter(agency: Agency, year: int) -> CaseNumberCounter:
    """The agency-year 案号 counter, locked. Two first cases of a year may race to create it:
    the loser's insert fails inside its savepoint and it locks the winner's row instead."""
    counters = CaseNumberCounter.objects.select_for_update()
    found = counters.filter(agency=agency, year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return CaseNumberCounter.objects.create(agency=agency, year=year)
    except IntegrityError:
        return counters.get(agency=agency, year=year)


def open_case(
    *,
    actor: User,
    agency: Agency,
    kind: str,
    procedure: str,
    source: str,
    title: str,
    parties: Sequence[PartyData | Mapping[str, str]],
    facts: Mapping[str, Any],
    officers: Sequence[Officer],
    at: dt.datetime | None = None,
) -> Case:
    """Open a case in the procedure's initial stage and give it the next 案号 of the year.

    ``facts`` are checked against the pack's ``[facts]`` (unknown names and wrong types are
    refused); facts not given take a neutral default (false, 0, "") so that conditions can be
    evaluated. ``officers`` (承办人, the first is the lead) must belong to ``agency`` and hold a
    certificate valid on the opening day. Entering the initial stage raises its events
    (``kind.procedure.stage``; ``case_filed`` for a 立案 stage without an approval record,
    ``application_received`` for an application stage without a register record).
    """
    _authorise(actor, agency)
    moment = _now(at)
    day = deadlines.local_day(moment)
    pack = pack_for_agency(agency)
    try:
        proc = pack.procedure(kind, procedure)
    except UnknownRule:
        raise InvalidInput(
            "本机关的规则包未启用该案件类型或者程序。", log_message=f"no {kind}.{procedure}"
        ) from None
    if source not in CaseSource.values:
        raise InvalidInput("案件来源不正确。", log_message=f"bad source {source!r}")
    if not title.strip():
        raise InvalidInput("请填写案由。", log_message="empty title")
    people = [_party(p) for p in parties]
    if not people:
        raise InvalidInput("请填写当事人。", log_message="no party")
    if not officers:
        raise InvalidInput("请指定承办人。", log_message="no officer")
    gates.check_officers_of_agency(agency, officers)
    gates.check_certificates(officers, day)
    merged = {
        **gates.default_facts(pack),
        **_derived_facts(pack, people),
        **gates.checked_facts(pack, facts),
    }
    facts_now = {**merged, "case_kind": kind, "procedure": procedure}
    if proc.applies_when is not None:
        applies = gates.evaluating(
            f"{kind}.{procedure}", proc.cite, pack.evaluate, proc.applies_when, facts_now
        )
        if not applies:
            raise RuleViolation(
                f"本案不符合适用“{proc.label}”的条件",
                rule_id=f"{kind}.{procedure}",
                cite=proc.cite,
                log_message=f"{kind}.{procedure} applies_when is false",
            )
    with transaction.atomic():
        counter = _locked_counter(agency, day.year)
        counter.last += 1
        counter.save(update_fields=["last"])
        short = (pack.model.agency.short_name if pack.model.agency else None) or agency.name
        case = Case.objects.create(
            agency=agency,
            number=f"{short}〔{day.year}〕{counter.last}号",
            year=day.year,
            sequence=counter.last,
            kind=kind,
            procedure=procedure,
            stage=proc.initial,
            source=source,
            title=title.strip(),
            facts=merged,
            pack_version=pack.version,
            opened_by=actor,
            opened_at=moment,
            ledger_index=0,
        )
        events = _stage_events(case, pack, proc.initial)
        case.ledger_index = append_for(
            case,
            kind="case.opened",
            actor=actor,
            payload={
                "kind": kind,
                "procedure": procedure,
                "stage": proc.initial,
                "source": source,
                "title": case.title,
                "facts": merged,
                "pack": f"{pack.slug}@{pack.version}",
                "officers": _officer_snapshot(officers, day),
                # Names only: identity numbers and contacts stay out of the immutable log.
                "parties": [{"kind": p.kind, "name": p.name} for p in people],
                "opened_at": when(moment),
                "events": events,
            },
        )
        case.save(update_fields=["ledger_index"])
        for i, officer in enumerate(officers):
            CaseOfficer.objects.create(
                agency=agency, case=case, officer=officer, is_lead=(i == 0), assigned_at=moment
            )
        Party.objects.bulk_create(Party(agency=agency, case=case, **asdict(p)) for p in people)
        StageChange.objects.create(
            agency=agency,
            case=case,
            from_stage="",
            to_stage=proc.initial,
            transition="",
            cite=proc.cite,
            actor=actor,
            at=moment,
            ledger_index=case.ledger_index,
        )
        deadlines.start(case=case, pack=pack, events=events, at=moment, actor=actor)
    return case


# ------------------------------------------------------------------------------ record


def record(
    *,
    actor: User,
    case: Case,
    record_type: str,
    payload: Mapping[str, Any],
    officers: Sequence[Officer] = (),
    av: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> CaseRecord:
    """Record one step (笔录, 告知书, 决定书, 送达回证 …) of the current stage.

    ``record_type`` is a record id the pack lists for the current stage, or an event id of
    :data:`sanxiang.cases.records.NOTED_EVENTS` (a party's request, e.g.
    ``hearing_request_received``). Refused when the case is closed, the record is not one of the
    stage, the payload lacks what the record type requires, the stage requires certified
    officers and fewer than that many present officers hold a certificate valid on ``at``'s day
    (行政处罚法 第四十二条), an officer is of another agency, audio/video is mandatory and ``av``
    is missing or incomplete, or the record raises an event a waiting period does not yet allow
    (听证通知七日后, 催告十日后). Starts and meets deadlines by the events it raises.
    """
    _authorise(actor, case.agency)
    moment = _now(at)
    day = deadlines.local_day(moment)
    pack = pack_for_agency(case.agency)
    with transaction.atomic():
        locked = _locked(case)
        _apply_due_effects(locked, pack, until=moment)
        gates.ensure_open(locked, pack)
        gates.check_chronology(locked, pack, moment)
        rule = gates.record_rule(locked, pack, record_type)
        if rule is None:
            gates.check_officers_of_agency(locked.agency, officers)
            deadlines.check_party_request_in_time(locked, record_type, moment)
            label, cite = NOTED_EVENTS[record_type], str(pack.model.events[record_type].cite or "")
        else:
            gates.check_officers(locked, pack, officers, day)
            gates.check_payload(locked, rule, payload)
            gates.check_av(locked, pack, rule, av)
            label, cite = rule.label, rule.cite
        events = gates.record_events(locked, record_type, av)
        effective_at, deferred = _deferred(record_type, payload, events, moment)
        now_events = [e for e in events if e not in deferred]
        deadlines.check_waiting_periods(locked, now_events, moment)
        deadlines.check_scheduled_dates(locked, pack, events, payload, moment)
        changed = _facts_raised(pack, locked, record_type, events, av)
        payload_data = dict(payload)
        av_data = dict(av) if av else None
        snapshot = _officer_snapshot(officers, day)
        scheduled = deadlines.awaiting(locked, deferred)
        index = append_for(
            locked,
            kind="record.added",
            actor=actor,
            payload={
                "record_type": record_type,
                "stage": locked.stage,
                "payload": payload_data,
                "officers": snapshot,
                "av": av_data,
                "events": events,
                "recorded_at": when(moment),
                "facts_changed": changed,
                # 公告送达: these events take effect when the party is deemed served.
                "effective_at": when(effective_at) if deferred and effective_at else None,
                "deferred_events": deferred,
                "scheduled_deadlines": [d.rule_id for d in scheduled],
            },
        )
        if changed:
            locked.facts = {**locked.facts, **changed}
            locked.save(update_fields=["facts", "updated_at"])
        entry = CaseRecord.objects.create(
            agency=locked.agency,
            case=locked,
            record_type=record_type,
            label=label,
            cite=cite,
            stage=locked.stage,
            payload=payload_data,
            officers=snapshot,
            av=av_data,
            events=events,
            recorded_by=actor,
            recorded_at=moment,
            effective_at=effective_at,
            effect_ledger_index=None if deferred else (index if effective_at else None),
            ledger_index=index,
        )
        acted_on = announcement_day(record_type, payload)
        deadlines.end(case=locked, events=now_events, at=moment, actor=actor, acted_on=acted_on)
        deadlines.start(case=locked, pack=pack, events=now_events, at=moment, actor=actor)
        if effective_at is not None and deferred:
            deadlines.schedule_end(scheduled, on=deadlines.local_day(effective_at), by=entry.pk)
        # The record's documents (决定书, 告知书 …; the documents app says which) are rendered
        # after commit: PDF rendering is slow and a failure must not undo the record (STYLE.md
        # §5); the documents app keeps a failed render for `sanxiang documents retry`.
        transaction.on_commit(partial(_issue_documents, entry.pk, actor.pk))
        if DECISION_MADE in events:
            # Publication tasks (公示) follow the decision once it is committed: a failure there
            # must not undo the enforcement record, and `sanxiang disclosure sync` repairs a miss.
            transaction.on_commit(partial(_open_publication_tasks, entry.pk))
    _sync(case, locked)
    return entry


DECISION_MADE = "decision_made"


def _deferred(
    record_type: str, payload: Mapping[str, Any], events: Sequence[str], moment: dt.datetime
) -> tuple[dt.datetime | None, list[str]]:
    """When a record's service takes effect and which of its events wait for it.

    公告送达 serves the party thirty days after the announcement starts (民事诉讼法 第九十五条):
    the served events (``decision_served`` and what goes with it) take effect at the start of
    that day; audio/video is stored now. An announcement that has already run its thirty days
    serves at once.
    """
    served_on = deemed_served_on(record_type, payload)
    if served_on is None:
        return None, []
    effective_at = dt.datetime.combine(served_on, dt.time(0), tzinfo=SHANGHAI)
    if effective_at <= moment:
        return effective_at, []
    return effective_at, [e for e in events if e != AV_EVENT]


def _apply_due_effects(
    case: Case, pack: ResolvedPack, *, until: dt.datetime, actor: User | None = None
) -> list[CaseRecord]:
    """Let the records whose effect was deferred and is now due take effect (the case row is
    locked by the caller): ledgered as ``cases.record.took_effect``; the deadlines their events
    meet end on the effective day (judged on time by the day the announcement started: the
    agency served when it announced, 处罚法 第六十一条), those they start start from it."""
    due = list(
        case.records.filter(effect_ledger_index__isnull=True, effective_at__lte=until)
        .exclude(effective_at=None)
        .order_by("effective_at", "id")
    )
    for entry in due:
        assert entry.effective_at is not None
        deferred = [e for e in entry.events if e != AV_EVENT]
        entry.effect_ledger_index = append_for(
            case,
            kind="record.took_effect",
            actor=actor,
            payload={
                "record_id": entry.pk,
                "record_type": entry.record_type,
                "record_ledger_index": entry.ledger_index,
                "events": deferred,
                "effective_at": when(entry.effective_at),
                "cite": DEEMED_SERVICE_CITE,
            },
        )
        entry.save(update_fields=["effect_ledger_index"])
        acted_on = announcement_day(entry.record_type, entry.payload)
        deadlines.end(
            case=case, events=deferred, at=entry.effective_at, actor=actor, acted_on=acted_on
        )
        if case.status != CaseStatus.CLOSED:
            deadlines.start(
                case=case, pack=pack, events=deferred, at=entry.effective_at, actor=actor
            )
    return due


def _issue_documents(record_pk: int, actor_pk: int) -> None:
    from sanxiang.documents.services import issue_for_record

    record = CaseRecord.objects.select_related("case", "case__agency").filter(pk=record_pk).first()
    actor = User.objects.filter(pk=actor_pk).first()
    if record is None or actor is None:
        return
    try:
        issue_for_record(actor=actor, record=record)
    except Exception:
        logger.exception(
            "documents for case record %s failed; `sanxiang documents issue` makes them",
            record_pk,
        )


def _open_publication_tasks(record_pk: int) -> None:
    from sanxiang.disclosure.services import on_decision_recorded

    record = CaseRecord.objects.select_related("case").filter(pk=record_pk).first()
    if record is None:
        return
    try:
        on_decision_recorded(record.case, record)
    except Exception:
        logger.exception(
            "publication tasks for case record %s failed; run disclosure sync", record_pk
        )


def _facts_raised(
    pack: ResolvedPack,
    case: Case,
    record_type: str,
    events: Sequence[str],
    av: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """Facts a record establishes, where the pack declares them: the party asked for a hearing,
    a hearing was held (处罚法 第五十八条 makes that a ground of review), AV exists."""
    declared = pack.model.facts
    raised: dict[str, Any] = {}
    fact = NOTED_EVENT_FACTS.get(record_type)
    if fact:
        raised[fact] = True
    if any(e in HEARING_HELD_FOR.values() for e in events):
        raised["hearing_held"] = True
    if av:
        raised["has_av_records"] = True
    return {k: v for k, v in raised.items() if k in declared and case.facts.get(k) != v}


# ------------------------------------------------------------------------------ stages


def advance(
    *, actor: User, case: Case, to_stage: str, at: dt.datetime | None = None
) -> StageChange:
    """Move the case to ``to_stage`` along a transition the pack allows.

    Refused when the case is closed or suspended, the pack has no such transition or its
    condition fails, a record the current stage requires is missing, a rights window is still
    open (陈述申辩 / 听证 request), a record of the stage has not taken effect yet (公告送达),
    ``to_stage`` is a review-gated stage and the facts make the decision major while
    :func:`sanxiang.cases.gates.review_allows` says no, or the move needs an approval the actor
    cannot give (:func:`sanxiang.cases.gates.approval_for`: 立案 by the section head, 决定 by a
    leader); the approver is recorded on the stage change and in its ledger entry. Entering a
    terminal stage closes the case (status ``closed``, open deadlines void).
    """
    _authorise(actor, case.agency)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    with transaction.atomic():
        locked = _locked(case)
        _apply_due_effects(locked, pack, until=moment)
        transition, approval = gates.check_advance(locked, pack, to_stage, moment, actor)
        change = _move(locked, pack, transition, to_stage, moment, actor, approval)
    _sync(case, locked)
    return change


def _move(
    case: Case,
    pack: ResolvedPack,
    transition: Transition,
    to_stage: str,
    moment: dt.datetime,
    actor: User,
    approval: gates.Approval | None,
) -> StageChange:
    proc = pack.procedure(case.kind, case.procedure)
    terminal = to_stage in proc.terminal
    events = [*TRANSITION_EVENTS.get(transition.id, ()), *_stage_events(case, pack, to_stage)]
    if terminal:
        events.append(CLOSURE_EVENT)
    deadlines.check_waiting_periods(case, events, moment)
    from_stage = case.stage
    index = append_for(
        case,
        kind="stage.changed",
        actor=actor,
        payload={
            "from": from_stage,
            "to": to_stage,
            "transition": transition.id,
            "cite": transition.cite,
            "at": when(moment),
            "events": events,
            "closes_case": terminal,
            # The actor gave the approval the pack asks for (立案 by the section head …).
            "approval": (
                {"role": approval.role, "rule_id": approval.rule_id, "by": actor.get_username()}
                if approval
                else None
            ),
        },
    )
    case.stage = to_stage
    fields = ["stage", "updated_at"]
    if terminal:
        case.status = CaseStatus.CLOSED
        case.closed_at = moment
        fields += ["status", "closed_at"]
    case.save(update_fields=fields)
    change = StageChange.objects.create(
        agency=case.agency,
        case=case,
        from_stage=from_stage,
        to_stage=to_stage,
        transition=transition.id,
        cite=transition.cite,
        actor=actor,
        at=moment,
        approved_by=actor if approval else None,
        approval_role=approval.role if approval else "",
        ledger_index=index,
    )
    deadlines.end(case=case, events=events, at=moment, actor=actor)
    if gates.is_decision_stage(pack.stage(case.kind, case.procedure, to_stage)):
        deadlines.close_expired_windows(case=case, at=moment, actor=actor)
    if terminal:
        deadlines.void_all(case=case, at=moment, actor=actor)
    else:
        deadlines.start(case=case, pack=pack, events=events, at=moment, actor=actor)
    return change


def close_case(
    *, actor: User, case: Case, to_stage: str | None = None, at: dt.datetime | None = None
) -> StageChange:
    """结案: advance into a terminal stage (``to_stage``, or the only terminal stage reachable
    from the current one) with the same gates as :func:`advance`, the approver's included."""
    pack = pack_for_agency(case.agency)
    proc = pack.procedure(case.kind, case.procedure)
    if to_stage is None:
        reachable = sorted(
            {t.to for t in pack.transitions_from(case.kind, case.procedure, case.stage)}
            & set(proc.terminal)
        )
        if len(reachable) != 1:
            gates.ensure_open(case, pack)
            raise RuleViolation(
                "当前环节不能直接结案" if not reachable else "请选择结案方式",
                rule_id=f"{case.kind}.{case.procedure}",
                cite=proc.cite,
                log_message=f"close from {case.stage}: terminal stages reachable {reachable}",
            )
        to_stage = reachable[0]
    elif to_stage not in proc.terminal:
        raise RuleViolation(
            "所选环节不是结案环节",
            rule_id=f"{case.kind}.{case.procedure}",
            cite=proc.cite,
            log_message=f"{to_stage} is not terminal",
        )
    return advance(actor=actor, case=case, to_stage=to_stage, at=at)


# ------------------------------------------------------------------------------ facts


def update_facts(
    *, actor: User, case: Case, facts: Mapping[str, Any], at: dt.datetime | None = None
) -> Case:
    """Change some facts (e.g. ``hearing_requested``, ``service_method``); checked against the
    pack's ``[facts]``; ledgered with the old and new values. Refused on a closed case."""
    _authorise(actor, case.agency)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    new = gates.checked_facts(pack, facts)
    with transaction.atomic():
        locked = _locked(case)
        gates.ensure_open(locked, pack)
        changed = {k: v for k, v in new.items() if locked.facts.get(k) != v}
        if changed:
            append_for(
                locked,
                kind="facts.updated",
                actor=actor,
                payload={
                    "old": {k: locked.facts.get(k) for k in changed},
                    "new": changed,
                    "at": when(moment),
                },
            )
            locked.facts = {**locked.facts, **changed}
            locked.save(update_fields=["facts", "updated_at"])
    _sync(case, locked)
    return locked


# ------------------------------------------------------------------------------ 中止, 延期


def suspend(
    *,
    actor: User,
    case: Case,
    reason: str,
    approved_by: User,
    approval_ref: str = "",
    reason_id: str = SUSPENSION,
    at: dt.datetime | None = None,
) -> ClockStop:
    """Stop the clock. ``reason_id`` ``suspension`` (中止): the case is suspended and every
    running deadline stops; a pack ``[clock_stops]`` id (``testing`` 鉴定, ``hearing`` …): only
    the deadlines whose rule lists it stop and the case goes on. A deadline another stop
    already holds is held by this one too, its pause still counted from when it first stopped.
    ``approved_by`` must be of the case's agency and hold the section-head role or above."""
    _authorise(actor, case.agency)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    if not reason.strip():
        raise InvalidInput("请填写中止（停止计时）的理由。", log_message="empty reason")
    with transaction.atomic():
        locked = _locked(case)
        gates.ensure_open(locked, pack)
        cite = _clock_stop_cite(locked, pack, reason_id)
        if reason_id == SUSPENSION:
            gates.ensure_not_suspended(locked)
        gates.check_approver(
            locked,
            approved_by,
            CLOCK_STOP_APPROVERS,
            "clock_stop_approval",
            cite,
            "中止（停止计时）",
        )
        stopped = deadlines.stoppable(locked, reason_id)
        index = append_for(
            locked,
            kind="clock.stopped",
            actor=actor,
            payload={
                "reason_id": reason_id,
                "reason": reason,
                "approved_by": approved_by.get_username(),
                "approval_ref": approval_ref,
                "at": when(moment),
                "deadlines": [d.rule_id for d in stopped],
                "already_stopped": [
                    d.rule_id for d in stopped if d.status == DeadlineStatus.STOPPED
                ],
            },
        )
        stop = ClockStop.objects.create(
            agency=locked.agency,
            case=locked,
            reason_id=reason_id,
            reason=reason,
            cite=cite,
            approved_by=approved_by,
            approval_ref=approval_ref,
            started_at=moment,
            started_by=actor,
            ledger_index=index,
        )
        stop.deadlines.set(stopped)
        for deadline in stopped:
            deadlines.stop(deadline, at=moment, clock_stop_id=stop.pk)
        if reason_id == SUSPENSION:
            locked.status = CaseStatus.SUSPENDED
            locked.save(update_fields=["status", "updated_at"])
    _sync(case, locked)
    return stop


def _clock_stop_cite(case: Case, pack: ResolvedPack, reason_id: str) -> str:
    if reason_id == SUSPENSION:
        # A procedure with its own 中止 stage cites it; otherwise the procedure itself.
        try:
            return pack.stage(case.kind, case.procedure, "suspended").cite
        except UnknownRule:
            return pack.procedure(case.kind, case.procedure).cite
    stop = pack.model.clock_stops.get(reason_id)
    if stop is None:
        raise InvalidInput("规则包中没有该不计入期限的情形。", log_message=f"no {reason_id}")
    return stop.cite


def resume(
    *, actor: User, clock_stop: ClockStop, reason: str = "", at: dt.datetime | None = None
) -> ClockStop:
    """End a clock stop: the deadlines it held run again, their due dates moved by how long
    each stood still, counted in the deadline's own unit (working days for working-day limits)
    — except those another running stop still holds, which stay stopped until it ends."""
    case = clock_stop.case
    _authorise(actor, case.agency)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    with transaction.atomic():
        locked = _locked(case)
        gates.ensure_open(locked, pack)
        stop = ClockStop.objects.select_for_update().get(pk=clock_stop.pk)
        if stop.ended_at is not None:
            raise RuleViolation(
                "该中止（停止计时）已经结束",
                rule_id="clock_stop_ended",
                cite=stop.cite,
                log_message=f"clock stop {stop.pk} already ended",
            )
        if moment < stop.started_at:
            raise InvalidInput("恢复时间早于中止时间。", log_message="resume before stop")
        held = list(stop.deadlines.filter(status=DeadlineStatus.STOPPED).order_by("id"))
        # A deadline runs again only when the last stop holding it ends (中止 over a 鉴定
        # period, or two stops its rule both lists): ending one stop never restarts a clock
        # another stop still holds, and the pause is counted once, from when it first stopped.
        others = ClockStop.objects.filter(case=locked, ended_at__isnull=True).exclude(pk=stop.pk)
        stopped, kept = [], []
        for deadline in held:
            if others.filter(deadlines=deadline).exists():
                deadlines.still_held(deadline, at=moment, clock_stop_id=stop.pk)
                kept.append(deadline)
            else:
                deadlines.resume(deadline, at=moment, clock_stop_id=stop.pk)
                stopped.append(deadline)
        stop.end_ledger_index = append_for(
            locked,
            kind="clock.resumed",
            actor=actor,
            payload={
                "clock_stop_id": stop.pk,
                "reason_id": stop.reason_id,
                "reason": reason,
                "at": when(moment),
                "deadlines": {d.rule_id: d.due.isoformat() for d in stopped},
                "still_stopped": [d.rule_id for d in kept],
            },
        )
        stop.ended_at = moment
        stop.end_reason = reason
        stop.save(update_fields=["ended_at", "end_reason", "end_ledger_index"])
        if stop.reason_id == SUSPENSION and locked.status == CaseStatus.SUSPENDED:
            locked.status = CaseStatus.OPEN
            locked.save(update_fields=["status", "updated_at"])
    _sync(case, locked)
    return stop


def extend(
    *,
    actor: User,
    deadline: Deadline,
    reason: str,
    approved_by: User,
    approval_ref: str = "",
    at: dt.datetime | None = None,
) -> Extension:
    """延期: move ``deadline`` by its rule's ``extension`` (许可 20+10 个工作日, 查封 30+30 日).
    Refused when the rule has no extension, its ``times`` are used up, the deadline is not
    running, or ``approved_by`` lacks the extension's ``approver_role`` in the case's agency."""
    case = deadline.case
    _authorise(actor, case.agency)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    if not reason.strip():
        raise InvalidInput("请填写延期理由。", log_message="empty reason")
    with transaction.atomic():
        locked = _locked(case)
        gates.ensure_open(locked, pack)
        current = Deadline.objects.select_for_update().get(pk=deadline.pk)
        try:
            rule = pack.deadline(current.rule_id).extension
        except UnknownRule:
            rule = None
        if rule is None:
            raise RuleViolation(
                f"“{current.label}”依法不能延长",
                rule_id=current.rule_id,
                cite=current.cite,
                log_message=f"{current.rule_id} has no extension",
            )
        if current.status != DeadlineStatus.OPEN:
            raise RuleViolation(
                f"“{current.label}”当前不在计时中，不能延期",
                rule_id=current.rule_id,
                cite=rule.cite,
                log_message=f"extend {current.rule_id} in status {current.status}",
            )
        if current.extensions_used >= rule.times:
            raise RuleViolation(
                f"“{current.label}”已延期 {current.extensions_used} 次，不能再延长",
                rule_id=current.rule_id,
                cite=rule.cite,
                log_message=f"{current.rule_id} extension times used up",
            )
        gates.check_approver(
            locked,
            approved_by,
            gates.approvers_for(rule.approver_role),
            f"{current.rule_id}.extension",
            rule.cite,
            f"“{current.label}”延期",
        )
        previous = current.due
        result = deadlines.extend(
            current, amount=rule.amount, unit=rule.unit, at=moment, reason=reason
        )
        index = append_for(
            locked,
            kind="deadline.extended",
            actor=actor,
            payload={
                "deadline_id": current.pk,
                "rule_id": current.rule_id,
                "amount": rule.amount,
                "unit": rule.unit,
                "previous_due": previous.isoformat(),
                "due": result.due.isoformat(),
                "reason": reason,
                "approved_by": approved_by.get_username(),
                "approval_ref": approval_ref,
                "at": when(moment),
            },
        )
        extension = Extension.objects.create(
            agency=locked.agency,
            case=locked,
            deadline=current,
            amount=rule.amount,
            unit=rule.unit,
            reason=reason,
            cite=rule.cite,
            approved_by=approved_by,
            approval_ref=approval_ref,
            previous_due=previous,
            new_due=result.due,
            explanation=result.explain(),
            actor=actor,
            at=moment,
            ledger_index=index,
        )
    deadline.refresh_from_db()
    return extension


def sweep_deadlines(*, agency: Agency, today: dt.date | None = None) -> list[Deadline]:
    """Make what ``today`` brings permanent (ledgered, no actor): records whose effect was
    deferred and is due take effect (公告送达 deemed served, 民事诉讼法 第九十五条), then open
    ``within`` deadlines whose due date has passed are marked missed; returns those marked. Run
    daily by ``sanxiang cases sweep``; selectors also compute overdue-ness on read."""
    day = today or deadlines.local_day(timezone.now())
    end_of_day = dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI)
    marked: list[Deadline] = []
    late = Deadline.objects.filter(agency=agency, status=DeadlineStatus.OPEN, due__lt=day)
    taking_effect = CaseRecord.objects.filter(
        agency=agency, effect_ledger_index__isnull=True, effective_at__lte=end_of_day
    )
    case_ids = set(late.values_list("case_id", flat=True))
    case_ids |= set(taking_effect.values_list("case_id", flat=True))
    pack = pack_for_agency(agency)
    for case_id in sorted(case_ids):
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("agency").get(pk=case_id)
            _apply_due_effects(case, pack, until=end_of_day)
            for deadline in case.deadlines.filter(status=DeadlineStatus.OPEN, due__lt=day):
                deadline.case = case
                if deadlines.mark_missed(deadline, today=day):
                    marked.append(deadline)
    return marked
