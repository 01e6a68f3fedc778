"""Deadlines of a case: started and met by events, stopped by 中止, moved by 延期.

Called by the services inside their transaction, with the case row already locked; every change
to a deadline is its own ledger entry. Due dates come from ``workdays`` and keep its explanation
(start, unit, days skipped, basis) so that every deadline shows how it was computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sanxiang.accounts.models import User
from sanxiang.cases.choices import SUSPENSION, DeadlineMode, DeadlineStatus
from sanxiang.cases.ledgering import append_for, when
from sanxiang.cases.models import Case, Deadline
from sanxiang.cases.records import (
    ALSO_ENDS,
    AV_EVENT,
    HEARING_HELD_FOR,
    NOTICE_RECORDS,
    PARTY_REQUEST_EVENTS,
    STATEMENT_CITE,
    STATEMENT_RECORDS,
    hearing_day,
    statement_until,
)
from sanxiang.core.errors import RuleViolation
from sanxiang.policy.resolved import ResolvedPack
from sanxiang.workdays.calendar import DueDate, as_local_date, compute, workdays_between

RUNNING = (DeadlineStatus.OPEN, DeadlineStatus.STOPPED)
AV_INGEST_RULE = "av_ingest"
AV_INGEST_UNTIL = "av_stored"


def local_day(moment: dt.datetime) -> dt.date:
    return as_local_date(moment)


def running(case: Case) -> list[Deadline]:
    return list(case.deadlines.filter(status__in=RUNNING).order_by("id"))


# ------------------------------------------------------------------------------ gates


def check_waiting_periods(case: Case, events: Iterable[str], at: dt.datetime) -> None:
    """A ``not_before`` deadline forbids its end event until it has run (处罚法 第六十四条:
    听证通知 at least seven days before; 强制法 第五十四条: court only after 催告 + 十日)."""
    wanted = set(events)
    for deadline in running(case):
        if deadline.mode != DeadlineMode.NOT_BEFORE or deadline.until not in wanted:
            continue
        if local_day(at) < deadline.due:
            raise RuleViolation(
                f"“{deadline.label}”：最早于 {deadline.due.isoformat()} 方可进行",
                rule_id=deadline.rule_id,
                cite=deadline.cite,
                log_message=f"{deadline.until} before waiting period {deadline.rule_id} ends",
            )


def check_rights_windows(case: Case, at: dt.datetime) -> None:
    """No decision while the party may still state and defend (the notice's own date), nor
    while it may still ask for a hearing, nor after it asked and before the hearing was held
    (处罚法 第四十五、六十二、六十三、六十四条; 许可法 第四十七条)."""
    check_statement_window(case, at)
    for deadline in case.deadlines.filter(until__in=PARTY_REQUEST_EVENTS).order_by("id"):
        if deadline.status in RUNNING and local_day(at) <= deadline.due:
            raise RuleViolation(
                f"当事人提出要求的期限（“{deadline.label}”，至 {deadline.due.isoformat()}）"
                "尚未届满，不得作出决定",
                rule_id=deadline.rule_id,
                cite=deadline.cite,
                log_message=f"decision inside rights window {deadline.rule_id}",
            )
        held = HEARING_HELD_FOR[deadline.until]
        # JSON "contains" is not portable to SQLite; a case has few records.
        held_already = any(
            held in events for events in case.records.values_list("events", flat=True)
        )
        if deadline.status == DeadlineStatus.MET and not held_already:
            raise RuleViolation(
                "当事人已要求听证，听证结束前不得作出决定",
                rule_id=deadline.rule_id,
                cite=deadline.cite,
                log_message=f"decision before the requested hearing ({held}) was held",
            )


def check_party_request_in_time(case: Case, record_type: str, at: dt.datetime) -> None:
    """A party's request comes within its window (处罚法 第六十四条: 告知后五日内提出; 许可法
    第四十七条): once the window has run out, the request is out of time."""
    if record_type not in PARTY_REQUEST_EVENTS:
        return
    window = case.deadlines.filter(until=record_type).order_by("-triggered_at", "-id").first()
    if window is None:
        return
    if window.status not in RUNNING or local_day(at) > window.due:
        raise RuleViolation(
            f"已超过“{window.label}”的期限（至 {window.due.isoformat()}）",
            rule_id=window.rule_id,
            cite=window.cite,
            log_message=f"{record_type} after window {window.rule_id} closed",
        )


def check_statement_window(case: Case, at: dt.datetime) -> None:
    """The last 告知书 that gave a 陈述、申辩 date holds the decision until that day has passed,
    unless the party has been heard since (a statement record after the notice)."""
    notices = case.records.filter(record_type__in=NOTICE_RECORDS).order_by("-recorded_at", "-id")
    notice = notices.first()
    until = statement_until(notice.payload) if notice else None
    if notice is None or until is None or local_day(at) > until:
        return
    heard = case.records.filter(
        record_type__in=STATEMENT_RECORDS, recorded_at__gte=notice.recorded_at
    ).exists()
    if not heard:
        raise RuleViolation(
            f"告知的陈述、申辩期限（至 {until.isoformat()}）尚未届满，且未听取当事人陈述、申辩，"
            "不得作出决定",
            rule_id="statement_window",
            cite=STATEMENT_CITE,
            log_message=f"decision before statement window ends {until}",
        )


def check_scheduled_dates(
    case: Case,
    pack: ResolvedPack,
    events: Iterable[str],
    payload: Mapping[str, Any],
    at: dt.datetime,
) -> None:
    """A hearing notification must schedule the hearing no sooner than the waiting period the
    notification itself starts (处罚法 第六十四条: 七日前通知; 许可法 第四十八条)."""
    day = hearing_day(payload)
    if day is None:
        return
    for event in events:
        for rule in pack.deadlines_started_by(event, kind=case.kind, facts=case.facts):
            if rule.mode != DeadlineMode.NOT_BEFORE:
                continue
            earliest = compute(local_day(at), rule.amount, rule.unit).due
            if day < earliest:
                raise RuleViolation(
                    f"“{rule.label}”：听证日期最早为 {earliest.isoformat()}",
                    rule_id=rule.id,
                    cite=rule.cite,
                    log_message=f"hearing scheduled {day} before {earliest}",
                )


# ------------------------------------------------------------------------------ start / end


def start(
    *, case: Case, pack: ResolvedPack, events: Iterable[str], at: dt.datetime, actor: User | None
) -> list[Deadline]:
    """Create the deadlines the pack starts on ``events`` (one running copy per rule)."""
    created: list[Deadline] = []
    active = set(case.deadlines.filter(status__in=RUNNING).values_list("rule_id", flat=True))
    for event in events:
        for rule in pack.deadlines_started_by(event, kind=case.kind, facts=case.facts):
            if rule.id in active:
                continue
            created.append(
                _create(
                    case=case,
                    rule_id=rule.id,
                    label=rule.label,
                    cite=rule.cite,
                    trigger=event,
                    until=rule.until or "",
                    mode=rule.mode,
                    on_miss=rule.on_miss,
                    amount=rule.amount,
                    unit=rule.unit,
                    stops_clock=list(rule.stops_clock),
                    at=at,
                    actor=actor,
                )
            )
            active.add(rule.id)
        if event == AV_EVENT:
            ingest = pack.model.records.av_ingest if pack.model.records else None
            if ingest is not None and AV_INGEST_RULE not in active:
                created.append(
                    _create(
                        case=case,
                        rule_id=AV_INGEST_RULE,
                        label=ingest.label or "音像记录储存至专用存储设备",
                        cite=ingest.cite,
                        trigger=event,
                        until=AV_INGEST_UNTIL,
                        mode=DeadlineMode.WITHIN,
                        on_miss="alert",
                        amount=ingest.amount,
                        unit=ingest.unit,
                        stops_clock=[],
                        at=at,
                        actor=actor,
                    )
                )
                active.add(AV_INGEST_RULE)
    _hold_under_running_stops(case, created, at)
    return created


def _hold_under_running_stops(case: Case, created: list[Deadline], at: dt.datetime) -> None:
    """A deadline that starts while a stop covering it runs (a step recorded during 中止) does
    not count until that stop ends: it starts stopped, held by the stop."""
    if not created:
        return
    for clock_stop in case.clock_stops.filter(ended_at__isnull=True).order_by("started_at", "id"):
        for deadline in created:
            if covers(deadline, clock_stop.reason_id):
                append_for(
                    case,
                    kind="deadline.held",
                    actor=None,
                    payload={
                        "deadline_id": deadline.pk,
                        "rule_id": deadline.rule_id,
                        "clock_stop_id": clock_stop.pk,
                        "at": when(at),
                    },
                )
                stop(deadline, at=at, clock_stop_id=clock_stop.pk)
                clock_stop.deadlines.add(deadline)


def _create(
    *,
    case: Case,
    rule_id: str,
    label: str,
    cite: str,
    trigger: str,
    until: str,
    mode: str,
    on_miss: str,
    amount: int,
    unit: str,
    stops_clock: list[str],
    at: dt.datetime,
    actor: User | None,
) -> Deadline:
    result = compute(local_day(at), amount, unit)
    index = append_for(
        case,
        kind="deadline.started",
        actor=actor,
        payload={
            "rule_id": rule_id,
            "trigger": trigger,
            "until": until,
            "mode": mode,
            "triggered_at": when(at),
            "amount": amount,
            "unit": unit,
            "due": result.due.isoformat(),
            "provisional": result.provisional,
            "cite": cite,
        },
    )
    return Deadline.objects.create(
        agency=case.agency,
        case=case,
        rule_id=rule_id,
        label=label,
        cite=cite,
        trigger=trigger,
        until=until,
        mode=mode,
        on_miss=on_miss,
        triggered_at=at,
        amount=amount,
        unit=unit,
        due=result.due,
        original_due=result.due,
        provisional=result.provisional,
        explanation=result.explain(),
        computation=_computation(result),
        stops_clock=stops_clock,
        ledger_index=index,
    )


def _computation(result: DueDate) -> dict[str, Any]:
    return {
        "start": result.start.isoformat(),
        "amount": result.amount,
        "unit": str(result.unit),
        **result.as_json(),
    }


def _ended_by(events: Iterable[str]) -> set[str]:
    wanted = set(events)
    for event in list(wanted):
        wanted.update(ALSO_ENDS.get(event, ()))
    return wanted


def awaiting(case: Case, events: Iterable[str]) -> list[Deadline]:
    """The running deadlines ``events`` will meet when they take effect."""
    wanted = _ended_by(events)
    return [d for d in running(case) if d.until in wanted] if wanted else []


def schedule_end(deadlines: Iterable[Deadline], *, on: dt.date, by: int) -> None:
    """The end event of these deadlines is recorded and takes effect on ``on`` (公告送达 deemed
    served): until then they are not overdue, and the sweep leaves them alone."""
    for deadline in deadlines:
        deadline.scheduled_end = on
        deadline.history = [
            *deadline.history,
            {"type": "scheduled", "on": on.isoformat(), "record": by},
        ]
        deadline.save(update_fields=["scheduled_end", "history"])


def end(
    *,
    case: Case,
    events: Iterable[str],
    at: dt.datetime,
    actor: User | None,
    acted_on: dt.date | None = None,
) -> list[Deadline]:
    """Meet the running deadlines whose end event happened; one met late is recorded missed.

    ``acted_on``: the day the agency did what the deadline asks when that is earlier than the
    day it takes effect (公告送达 announced on ``acted_on``, deemed served at ``at``)."""
    wanted = _ended_by(events)
    ended: list[Deadline] = []
    # A deadline the sweep already marked missed is still done at last: keep when.
    late_ones = case.deadlines.filter(status=DeadlineStatus.MISSED, ended_at__isnull=True)
    for deadline in [*running(case), *late_ones.order_by("id")]:
        if deadline.until not in wanted:
            continue
        day = min(acted_on, local_day(at)) if acted_on else local_day(at)
        late = deadline.mode == DeadlineMode.WITHIN and day > deadline.due
        status = DeadlineStatus.MISSED if late else DeadlineStatus.MET
        _finish(deadline, status=status, at=at, actor=actor, note=deadline.until)
        ended.append(deadline)
    return ended


def void_all(*, case: Case, at: dt.datetime, actor: User | None) -> list[Deadline]:
    """The case is closed: what still runs no longer applies."""
    voided = running(case)
    for deadline in voided:
        _finish(deadline, status=DeadlineStatus.VOID, at=at, actor=actor, note="case_closed")
    return voided


def _finish(
    deadline: Deadline, *, status: str, at: dt.datetime, actor: User | None, note: str
) -> None:
    append_for(
        deadline.case,
        kind="deadline.ended",
        actor=actor,
        payload={
            "deadline_id": deadline.pk,
            "rule_id": deadline.rule_id,
            "status": status,
            "due": deadline.due.isoformat(),
            "at": when(at),
            "by": note,
        },
    )
    deadline.status = status
    deadline.ended_at = at
    deadline.history = [*deadline.history, {"type": status, "at": when(at), "by": note}]
    deadline.save(update_fields=["status", "ended_at", "history"])


def close_expired_windows(*, case: Case, at: dt.datetime, actor: User | None) -> list[Deadline]:
    """A party's window that ran out without a request is over, not missed: the officer owed
    nothing (处罚法 第六十四条: 当事人要求听证的，应当在告知后五日内提出)."""
    day = local_day(at)
    expired = [d for d in running(case) if d.until in PARTY_REQUEST_EVENTS and d.due < day]
    for deadline in expired:
        _finish(deadline, status=DeadlineStatus.VOID, at=at, actor=actor, note="window_expired")
    return expired


def owed_by_agency(deadline: Deadline) -> bool:
    """Whether missing the deadline is the agency's failure (not a party's window or a wait)."""
    return deadline.mode == DeadlineMode.WITHIN and deadline.until not in PARTY_REQUEST_EVENTS


def mark_missed(deadline: Deadline, *, today: dt.date) -> bool:
    """A running ``within`` deadline past its due date becomes missed (ledgered, no actor)."""
    if not owed_by_agency(deadline) or deadline.status != DeadlineStatus.OPEN:
        return False
    if deadline.scheduled_end is not None:
        return False  # done, taking effect later (公告送达); its end judges it
    if today <= deadline.due:
        return False
    append_for(
        deadline.case,
        kind="deadline.missed",
        actor=None,
        payload={"deadline_id": deadline.pk, "rule_id": deadline.rule_id, "due": str(deadline.due)},
    )
    deadline.status = DeadlineStatus.MISSED
    deadline.history = [*deadline.history, {"type": "missed", "on": today.isoformat()}]
    deadline.save(update_fields=["status", "history"])
    return True


# ------------------------------------------------------------------------------ 中止 and 延期


def covers(deadline: Deadline, reason_id: str) -> bool:
    """Whether a clock stop of ``reason_id`` stops ``deadline``: 中止 stops every ``within``
    limit; a ``[clock_stops]`` id only the rules listing it (许可法 第四十五条)."""
    if deadline.mode != DeadlineMode.WITHIN:
        return False
    return reason_id == SUSPENSION or reason_id in deadline.stops_clock


def stoppable(case: Case, reason_id: str) -> list[Deadline]:
    """Running deadlines a clock stop of ``reason_id`` covers: those still counting, which it
    stops, and those another stop already holds, which it holds too (so that ending the other
    stop does not let them run while this one lasts)."""
    return [d for d in running(case) if covers(d, reason_id)]


def stop(deadline: Deadline, *, at: dt.datetime, clock_stop_id: int) -> None:
    """Hold ``deadline`` under a clock stop. One already stopped keeps its clock stopped from
    when it first stopped: overlapping stops are one pause, never counted twice."""
    if deadline.status == DeadlineStatus.STOPPED:
        deadline.history = [
            *deadline.history,
            {"type": "also_stopped", "at": when(at), "clock_stop": clock_stop_id},
        ]
        deadline.save(update_fields=["history"])
        return
    deadline.status = DeadlineStatus.STOPPED
    deadline.stopped_at = at
    deadline.history = [
        *deadline.history,
        {"type": "stopped", "at": when(at), "clock_stop": clock_stop_id, "due": str(deadline.due)},
    ]
    deadline.save(update_fields=["status", "stopped_at", "history"])


def still_held(deadline: Deadline, *, at: dt.datetime, clock_stop_id: int) -> None:
    """A stop that held ``deadline`` ended while another still holds it: it stays stopped."""
    deadline.history = [
        *deadline.history,
        {"type": "still_stopped", "at": when(at), "ended_clock_stop": clock_stop_id},
    ]
    deadline.save(update_fields=["history"])


def resume(deadline: Deadline, *, at: dt.datetime, clock_stop_id: int) -> None:
    """Run the deadline again, its due date moved by how long its clock stood still (from when
    it stopped, under whichever stop, to ``at``) in the deadline's unit: working days for
    working-day limits, calendar days otherwise (the days of the stop do not count, the day it
    began does)."""
    started = deadline.stopped_at
    if started is None:  # stopped before the stop time was kept: its last stop entry says
        stops = [h for h in deadline.history if h.get("type") == "stopped"]
        started = dt.datetime.fromisoformat(stops[-1]["at"]) if stops else at
    first, last = local_day(started), local_day(at)
    if deadline.unit == "workday":
        paused = workdays_between(first, last).count
        unit = "workday"
    else:
        paused = (last - first).days
        unit = "day"
    previous = deadline.due
    if paused > 0:
        result = compute(previous, paused, unit)
        deadline.due = result.due
        deadline.provisional = deadline.provisional or result.provisional
        deadline.explanation = (
            f"{deadline.explanation}\n中止 {first.isoformat()} 至 {last.isoformat()}，"
            f"不计入 {paused} {'个工作日' if unit == 'workday' else '日'}：\n{result.explain()}"
        )
    deadline.status = DeadlineStatus.OPEN
    deadline.stopped_at = None
    deadline.history = [
        *deadline.history,
        {
            "type": "resumed",
            "at": when(at),
            "clock_stop": clock_stop_id,
            "paused": paused,
            "unit": unit,
            "previous_due": previous.isoformat(),
            "due": deadline.due.isoformat(),
        },
    ]
    deadline.save(
        update_fields=["status", "due", "provisional", "explanation", "history", "stopped_at"]
    )


def extend(deadline: Deadline, *, amount: int, unit: str, at: dt.datetime, reason: str) -> DueDate:
    result = compute(deadline.due, amount, unit)
    previous = deadline.due
    deadline.due = result.due
    deadline.provisional = deadline.provisional or result.provisional
    deadline.extensions_used += 1
    deadline.explanation = f"{deadline.explanation}\n延期 {amount}：\n{result.explain()}"
    deadline.history = [
        *deadline.history,
        {
            "type": "extended",
            "at": when(at),
            "reason": reason,
            "previous_due": previous.isoformat(),
            "due": result.due.isoformat(),
        },
    ]
    deadline.save(update_fields=["due", "provisional", "extensions_used", "explanation", "history"])
    return result
