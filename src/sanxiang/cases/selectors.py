"""Reads of the case aggregate, always scoped to the user's agencies (supervisors read all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope, can_write_in
from sanxiang.cases import deadlines, gates
from sanxiang.cases.choices import CaseStatus, DeadlineMode, DeadlineStatus, Urgency
from sanxiang.cases.models import (
    Case,
    CaseOfficer,
    CaseRecord,
    ClockStop,
    Deadline,
    Extension,
    Party,
    StageChange,
)
from sanxiang.cases.records import NOTED_EVENTS, PARTY_REQUEST_EVENTS
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.policy.cel import MissingFact
from sanxiang.policy.resolved import ResolvedPack, UnknownRule
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency, Officer


def _closed_last() -> models.Case:
    """0 for open and suspended cases, 1 for closed ones: open work first."""
    return models.Case(
        models.When(status=CaseStatus.CLOSED, then=models.Value(1)),
        default=models.Value(0),
        output_field=models.IntegerField(),
    )


@dataclass(frozen=True)
class CaseFilters:
    """Filters of the case list; every field optional. ``overdue``: only cases with a running
    ``within`` deadline past its due date."""

    kind: str | None = None
    procedure: str | None = None
    stage: str | None = None
    status: str | None = None
    officer: int | None = None  # registry Officer pk
    overdue: bool | None = None
    query: str | None = None  # 案号 or 案由 contains


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's timeline. ``kind``: ``record`` | ``stage`` | ``deadline`` |
    ``clock_stop`` | ``extension`` | ``document``; ``obj`` is the model instance."""

    at: dt.datetime
    kind: Literal["record", "stage", "deadline", "clock_stop", "extension", "document"]
    title: str
    obj: Any
    ledger_index: int | None


@dataclass(frozen=True)
class Blocker:
    """Why an action is not allowed now: the rule, its citation and the Chinese message."""

    rule_id: str
    cite: str
    message: str


@dataclass(frozen=True)
class Action:
    """An action the pack offers in the case's current stage.

    ``kind`` ``advance``: ``id`` is the target stage; ``kind`` ``record``: ``id`` is the record
    type. ``blocked`` is None when it can be done now. ``required``: a record the stage requires
    before the case may leave it; ``av_required``: the record needs ``av`` metadata;
    ``min_officers``: present officers with valid certificates the record needs.
    """

    kind: Literal["advance", "record"]
    id: str
    label: str
    cite: str
    blocked: Blocker | None = None
    transition: str = ""
    required: bool = False
    done: bool = False
    av_required: bool = False
    min_officers: int = 0
    terminal: bool = False
    # The role whose approval the move is (立案 by the section head, 决定 by a leader): only a
    # user holding it (or a higher one) may make it.
    approver_role: str = ""

    @property
    def approver_label(self) -> str:
        return Role(self.approver_role).label if self.approver_role else ""


@dataclass(frozen=True)
class AllowedActions:
    advances: Sequence[Action] = ()
    records: Sequence[Action] = ()
    blocked_case: Blocker | None = None  # the whole case accepts nothing (closed) or no moves


@dataclass(frozen=True)
class DeadlineView:
    """A deadline with how it stands on ``today``: ``urgency`` overdue | due_soon | open,
    ``days_left`` in calendar days (negative when overdue)."""

    deadline: Deadline
    urgency: str
    days_left: int
    extra: dict[str, Any] = field(default_factory=dict)


def cases_for(user: User, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Cases the user may read (own agency; all for supervisors), filtered, newest first."""
    qs = Case.objects.select_related("agency")
    scope = agency_scope(user)
    if not (user.is_superuser or scope is None):
        qs = qs.filter(agency_id__in=scope)
    f = filters or CaseFilters()
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.procedure:
        qs = qs.filter(procedure=f.procedure)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.officer:
        qs = qs.filter(assignments__officer_id=f.officer)
    if f.query:
        qs = qs.filter(Q(number__contains=f.query) | Q(title__contains=f.query))
    if f.overdue is not None:
        late = overdue_deadlines(_today()).filter(case_id=OuterRef("pk"))
        qs = qs.filter(Exists(late)) if f.overdue else qs.exclude(Exists(late))
    return qs.distinct().order_by("-opened_at", "-id")


def overdue_deadlines(today: dt.date) -> QuerySet[Deadline]:
    """Deadlines the agency owes and has not met by ``today`` in cases still being handled:
    running past their due date, or already marked missed by the sweep and still not done
    (a missed deadline met late has ``ended_at``). One done and taking effect later
    (公告送达, ``scheduled_end``) is not overdue; party windows never are."""
    running_late = Q(status=DeadlineStatus.OPEN, due__lt=today, scheduled_end__isnull=True)
    swept = Q(status=DeadlineStatus.MISSED, ended_at__isnull=True)
    return (
        Deadline.objects.filter(running_late | swept, mode=DeadlineMode.WITHIN)
        .exclude(until__in=PARTY_REQUEST_EVENTS)
        .exclude(case__status=CaseStatus.CLOSED)
    )


def case_for(user: User, pk: int) -> Case:
    """One case the user may read; another agency's case raises ``NotInScope`` (a 404)."""
    try:
        return cases_for(user).get(pk=pk)
    except Case.DoesNotExist:
        raise NotInScope("未找到该案件。", log_message=f"case {pk} not in scope") from None


def records_of(case: Case) -> QuerySet[CaseRecord]:
    return CaseRecord.objects.filter(agency=case.agency, case=case).order_by("recorded_at", "id")


def stage_changes_of(case: Case) -> QuerySet[StageChange]:
    return (
        StageChange.objects.filter(agency=case.agency, case=case)
        .select_related("actor", "approved_by")
        .order_by("at", "id")
    )


def parties_of(case: Case) -> QuerySet[Party]:
    return Party.objects.filter(agency=case.agency, case=case).order_by("id")


def officers_of(case: Case) -> QuerySet[CaseOfficer]:
    return (
        CaseOfficer.objects.filter(agency=case.agency, case=case)
        .select_related("officer")
        .order_by("-is_lead", "id")
    )


def deadlines_of(case: Case) -> QuerySet[Deadline]:
    return Deadline.objects.filter(agency=case.agency, case=case).order_by("triggered_at", "id")


def timeline(case: Case) -> list[TimelineEntry]:
    """Records, stage changes, deadlines (by trigger time), clock stops and extensions of the
    case, in the order they happened (ties: ledger order)."""
    pack = pack_for_agency(case.agency)
    entries: list[TimelineEntry] = []
    for change in stage_changes_of(case):
        title = _stage_label(pack, case, change.to_stage)
        if change.from_stage:
            title = f"{_stage_label(pack, case, change.from_stage)} → {title}"
        else:
            title = f"登记立案（{title}）"
        entries.append(TimelineEntry(change.at, "stage", title, change, change.ledger_index))
    for rec in records_of(case):
        entries.append(TimelineEntry(rec.recorded_at, "record", rec.label, rec, rec.ledger_index))
    for deadline in deadlines_of(case):
        title = f"期限起算：{deadline.label}（届满 {deadline.due.isoformat()}）"
        entries.append(
            TimelineEntry(deadline.triggered_at, "deadline", title, deadline, deadline.ledger_index)
        )
    for stop in ClockStop.objects.filter(agency=case.agency, case=case):
        entries.append(
            TimelineEntry(
                stop.started_at, "clock_stop", f"中止计时：{stop.reason}", stop, stop.ledger_index
            )
        )
    for ext in Extension.objects.filter(agency=case.agency, case=case).select_related("deadline"):
        title = f"延期：{ext.deadline.label}（{ext.previous_due} → {ext.new_due}）"
        entries.append(TimelineEntry(ext.at, "extension", title, ext, ext.ledger_index))
    # 执法文书 made from the case (the decision and its 送达回证 …), once sealed and ledgered.
    from sanxiang.documents.selectors import issued_of  # documents imports cases

    for document in issued_of(case):
        title = f"制作文书：{document}"
        entries.append(
            TimelineEntry(document.issued_at, "document", title, document, document.ledger_index)
        )
    entries.sort(key=lambda e: (e.at, e.ledger_index if e.ledger_index is not None else -1))
    return entries


def _stage_label(pack: ResolvedPack, case: Case, stage_id: str) -> str:
    try:
        return pack.stage(case.kind, case.procedure, stage_id).label
    except UnknownRule:
        return stage_id


def _blocker(exc: SanxiangError) -> Blocker:
    rule_id = getattr(exc, "rule_id", exc.code)
    cite = getattr(exc, "cite", "")
    return Blocker(rule_id=str(rule_id), cite=str(cite), message=exc.message)


def allowed_actions(case: Case, user: User) -> AllowedActions:
    """What the pack offers now in the case's stage, each with whether it is blocked and why.

    The same gates as the services, evaluated without writing: a blocked action carries the
    rule id, citation and message the service would raise. A user who may not write in the
    case's agency sees every action blocked (rule ``scope``).
    """
    pack = pack_for_agency(case.agency)
    now = timezone.now()
    whole: Blocker | None = None
    if not can_write_in(user, case.agency):
        whole = Blocker("scope", "", "只能在本机关的案件中办理")
    else:
        try:
            gates.ensure_open(case, pack)
        except RuleViolation as exc:
            whole = _blocker(exc)
    proc = pack.procedure(case.kind, case.procedure)
    stage = pack.stage(case.kind, case.procedure, case.stage)
    advances: list[Action] = []
    seen: set[str] = set()
    for transition in pack.transitions_from(case.kind, case.procedure, case.stage):
        if transition.to in seen:
            continue
        seen.add(transition.to)
        blocked = whole
        if blocked is None:
            try:
                gates.check_advance(case, pack, transition.to, now, user)
            except SanxiangError as exc:
                blocked = _blocker(exc)
        try:
            approval = gates.approval_for(case, pack, transition, transition.to)
        except UnknownRule:
            approval = None
        advances.append(
            Action(
                kind="advance",
                id=transition.to,
                label=transition.label or _stage_label(pack, case, transition.to),
                cite=transition.cite,
                blocked=blocked,
                transition=transition.id,
                terminal=transition.to in proc.terminal,
                approver_role=approval.role if approval else "",
            )
        )
    facts = gates.facts_of(case)
    done = set(records_of(case).filter(stage=case.stage).values_list("record_type", flat=True))
    records: list[Action] = []
    for rule in stage.records:
        try:
            required = pack.evaluate(rule.required, facts)
            av_required = pack.av_required(rule, facts)
        except MissingFact:
            required, av_required = True, False
        blocked = whole
        if blocked is None:
            # A waiting period (听证通知七日后, 催告十日后) blocks the record that would end it.
            try:
                deadlines.check_waiting_periods(case, gates.record_events(case, rule.id, None), now)
            except RuleViolation as exc:
                blocked = _blocker(exc)
        records.append(
            Action(
                kind="record",
                id=rule.id,
                label=rule.label,
                cite=rule.cite,
                blocked=blocked,
                required=bool(required),
                done=rule.id in done,
                av_required=bool(av_required),
                min_officers=stage.requires_certified_officers or 0,
            )
        )
    # A party's request is offered while the window for it runs.
    for deadline in deadlines_of(case).filter(status=DeadlineStatus.OPEN):
        if deadline.until in NOTED_EVENTS and deadline.until in pack.model.events:
            records.append(
                Action(
                    kind="record",
                    id=deadline.until,
                    label=NOTED_EVENTS[deadline.until],
                    cite=deadline.cite,
                    blocked=whole,
                )
            )
    return AllowedActions(advances=advances, records=records, blocked_case=whole)


# ------------------------------------------------------------------------------ deadlines

DUE_SOON_DAYS = 3


def _today() -> dt.date:
    return timezone.localdate()


def _views(qs: QuerySet[Deadline], today: dt.date | None) -> list[DeadlineView]:
    day = today or _today()
    views: list[DeadlineView] = []
    for deadline in qs.select_related("case", "case__agency").order_by("due", "id"):
        days_left = (deadline.due - day).days
        owed = deadline.status in (DeadlineStatus.OPEN, DeadlineStatus.MISSED)
        late = owed and deadline.scheduled_end is None and deadlines.owed_by_agency(deadline)
        if late and days_left < 0:
            urgency = Urgency.OVERDUE
        elif days_left <= DUE_SOON_DAYS:
            urgency = Urgency.DUE_SOON
        else:
            urgency = Urgency.OPEN
        views.append(DeadlineView(deadline=deadline, urgency=str(urgency), days_left=days_left))
    return views


def deadlines_for_agency(
    agency: Agency, *, today: dt.date | None = None, include_closed: bool = False
) -> list[DeadlineView]:
    """Running deadlines (open or stopped, and missed ones still not done) of the agency's
    cases, soonest due first, with overdue/due-soon/provisional flags. ``include_closed`` adds
    met, void and missed-then-done ones."""
    qs = Deadline.objects.filter(agency=agency)
    if not include_closed:
        qs = qs.filter(_still_owed())
    return _views(qs, today)


def _still_owed() -> Q:
    """Running deadlines, and those the sweep marked missed that are still not done in a case
    still being handled: the officer still owes them (they stay on the list, overdue)."""
    return Q(status__in=(DeadlineStatus.OPEN, DeadlineStatus.STOPPED)) | (
        Q(status=DeadlineStatus.MISSED, ended_at__isnull=True) & ~Q(case__status=CaseStatus.CLOSED)
    )


def deadlines_for_officer(officer: Officer, *, today: dt.date | None = None) -> list[DeadlineView]:
    """Running deadlines of the cases ``officer`` handles (承办人), soonest due first."""
    qs = Deadline.objects.filter(
        _still_owed(), agency_id=officer.agency_id, case__assignments__officer=officer
    ).distinct()
    return _views(qs, today)


def deadlines_for_user(user: User, *, today: dt.date | None = None) -> list[DeadlineView]:
    """The officer home page: deadlines of the cases the user's officer handles; empty when the
    user has no officer profile."""
    if user.agency_id is None:
        return []
    officer = Officer.objects.filter(user=user, agency_id=user.agency_id).first()
    if officer is None:
        return []
    return deadlines_for_officer(officer, today=today)


def cases_of_officer(officer: Officer) -> QuerySet[Case]:
    """Cases the officer handles, open ones first."""
    return (
        Case.objects.filter(agency_id=officer.agency_id, assignments__officer=officer)
        .annotate(closed_last=_closed_last())
        .order_by("closed_last", "-opened_at", "-id")
        .distinct()
    )
