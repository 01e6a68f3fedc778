"""Writes to the case aggregate (执法全过程记录): every step is a service here.

Each service takes keyword-only arguments and the acting user, runs in one transaction, locks
the case row (``select_for_update``), asks the agency's policy pack and :mod:`.gates` whether
the step is allowed, writes the step, appends its ledger entry, and creates or ends the
deadlines the step starts or meets. A refused step raises ``RuleViolation`` (rule id, cite,
Chinese message) and writes nothing. See docs/cases.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sanxiang.accounts.models import User
from sanxiang.cases.choices import SUSPENSION
from sanxiang.cases.models import Case, CaseRecord, ClockStop, Deadline, Extension, StageChange
from sanxiang.registry.models import Agency, Officer


@dataclass(frozen=True)
class PartyData:
    """当事人 as given to :func:`open_case` (kind: ``individual`` | ``organization``)."""

    kind: str
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""


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
    certificate valid on the opening day. Raises the ``open`` event of the kind (``case_filed``
    for cases that start filed, ``application_received`` for applications) where the pack's
    deadlines use it.
    """
    raise NotImplementedError


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
    raise NotImplementedError


def advance(
    *, actor: User, case: Case, to_stage: str, at: dt.datetime | None = None
) -> StageChange:
    """Move the case to ``to_stage`` along a transition the pack allows.

    Refused when the case is closed or suspended, the pack has no such transition or its
    condition fails, a record the current stage requires is missing, a rights window is still
    open (陈述申辩 / 听证 request), or ``to_stage`` is a review-gated stage and the facts make
    the decision major while :func:`sanxiang.cases.gates.review_allows` says no. Entering a
    terminal stage closes the case (status ``closed``, open deadlines void).
    """
    raise NotImplementedError


def close_case(
    *, actor: User, case: Case, to_stage: str | None = None, at: dt.datetime | None = None
) -> StageChange:
    """结案: advance into a terminal stage (``to_stage``, or the only terminal stage reachable
    from the current one) with the same gates as :func:`advance`."""
    raise NotImplementedError


def update_facts(
    *, actor: User, case: Case, facts: Mapping[str, Any], at: dt.datetime | None = None
) -> Case:
    """Change some facts (e.g. ``hearing_requested``, ``service_method``); checked against the
    pack's ``[facts]``; ledgered with the old and new values. Refused on a closed case."""
    raise NotImplementedError


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
    the deadlines whose rule lists it stop and the case goes on. ``approved_by`` must be of the
    case's agency and hold the section-head or leader role."""
    raise NotImplementedError


def resume(
    *, actor: User, clock_stop: ClockStop, reason: str = "", at: dt.datetime | None = None
) -> ClockStop:
    """End a clock stop: the stopped deadlines run again, their due dates moved by the length
    of the stop counted in each deadline's own unit (working days for working-day limits)."""
    raise NotImplementedError


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
    raise NotImplementedError


def sweep_deadlines(*, agency: Agency, today: dt.date | None = None) -> list[Deadline]:
    """Mark open ``within`` deadlines whose due date has passed as missed (ledgered, no actor);
    returns those marked. Run daily by ``sanxiang cases-sweep``; selectors also compute
    overdue-ness on read, so the sweep only makes it permanent."""
    raise NotImplementedError
