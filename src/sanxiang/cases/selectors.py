"""Reads of the case aggregate, always scoped to the user's agencies (supervisors read all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import QuerySet

from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord, Deadline, StageChange
from sanxiang.registry.models import Agency, Officer


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
    ``clock_stop`` | ``extension``; ``obj`` is the model instance."""

    at: dt.datetime
    kind: Literal["record", "stage", "deadline", "clock_stop", "extension"]
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
    raise NotImplementedError


def case_for(user: User, pk: int) -> Case:
    """One case the user may read; another agency's case raises ``NotInScope`` (a 404)."""
    raise NotImplementedError


def records_of(case: Case) -> QuerySet[CaseRecord]:
    raise NotImplementedError


def stage_changes_of(case: Case) -> QuerySet[StageChange]:
    raise NotImplementedError


def timeline(case: Case) -> list[TimelineEntry]:
    """Records, stage changes, deadlines (by trigger time), clock stops and extensions of the
    case, in the order they happened (ties: ledger order)."""
    raise NotImplementedError


def allowed_actions(case: Case, user: User) -> AllowedActions:
    """What the pack offers now in the case's stage, each with whether it is blocked and why.

    The same gates as the services, evaluated without writing: a blocked action carries the
    rule id, citation and message the service would raise. A user who may not write in the
    case's agency sees every action blocked (rule ``scope``).
    """
    raise NotImplementedError


def deadlines_for_agency(
    agency: Agency, *, today: dt.date | None = None, include_closed: bool = False
) -> list[DeadlineView]:
    """Running deadlines (open or stopped) of the agency's cases, soonest due first, with
    overdue/due-soon/provisional flags."""
    raise NotImplementedError


def deadlines_for_officer(officer: Officer, *, today: dt.date | None = None) -> list[DeadlineView]:
    """Running deadlines of the cases ``officer`` handles (承办人), soonest due first."""
    raise NotImplementedError


def deadlines_for_user(user: User, *, today: dt.date | None = None) -> list[DeadlineView]:
    """The officer home page: deadlines of the cases the user's officer handles; empty when the
    user has no officer profile."""
    raise NotImplementedError


def cases_of_officer(officer: Officer) -> QuerySet[Case]:
    """Cases the officer handles, open ones first."""
    raise NotImplementedError
