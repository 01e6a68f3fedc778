"""Shared set-up for review tests: an agency's case walked to its legal-review stage, the
people who act on it, and a snapshot of every table that a refused step must leave alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import RuleViolation
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.review import models, rules, services

START = f.at(2026, 3, 2, 9)  # a Monday

SETUPS: dict[str, dict[str, Any]] = {
    "wuhan-rsj": {
        "kind": "penalty",
        "procedure": "general",
        "stages": ("filing", "investigation", "notice", "legal_review"),
        "facts": {
            "case_accepted": True,
            "on_site_enforcement": True,
            "party_kind": "organization",
            "fine_amount": 60000.0,
            "service_method": "direct",
        },
        "change": {"fine_amount": 80000.0},
    },
    "liuzhou-kjj": {
        "kind": "penalty",
        "procedure": "general",
        "stages": ("investigation", "notice", "legal_review"),
        "facts": {"major_social_impact": True, "on_site_enforcement": True},
        "change": {"major_rights_affected": True},
    },
    "wuhan-kjj": {
        "kind": "permit",
        "procedure": "revocation",
        "stages": ("filing", "investigation", "notice", "legal_review"),
        "facts": {"case_accepted": True, "permit_decision": "revoke"},
        "change": {"permit_decision": "withdraw"},
    },
    "dongxihu-sfj": {
        "kind": "benefit",
        "procedure": "general",
        "stages": ("investigation", "legal_review"),
        "facts": {"complex_case": True},
        "change": {"major_social_impact": True},
    },
}

# 硚口 has no review 办法 of its own: only 处罚法 第五十八条's criteria (and hand-marking). Kept out
# of SETUPS, which the scenario tests run for every agency with its own review rules.
HAND_MARK_ONLY_SETUPS: dict[str, dict[str, Any]] = {
    "qiaokou-rzj": {
        "kind": "penalty",
        "procedure": "general",
        "stages": ("filing", "investigation", "notice", "legal_review"),
        "facts": {
            "case_accepted": True,
            "on_site_enforcement": True,
            "party_kind": "organization",
            "fine_amount": 3000.0,
            "service_method": "direct",
        },
        "change": {"fine_amount": 4000.0},
    },
}


class World:
    def __init__(self, slug: str = "wuhan-rsj", other: str = "qiaokou-rzj") -> None:
        self.slug = slug
        self.setup = SETUPS.get(slug) or HAND_MARK_ONLY_SETUPS[slug]
        self.agency = f.agency(slug)
        self.other = f.agency(other)
        self.team = f.officers(self.agency, 2)
        self.officer = f.staff(self.agency, "officer", Role.OFFICER, Role.SECTION_HEAD)
        self.reviewer = f.staff(self.agency, "reviewer", Role.LEGAL_REVIEWER)
        self.leader = f.staff(self.agency, "leader", Role.LEADER)
        self.head = f.staff(self.agency, "head", Role.HEAD)
        self.other_officer = f.staff(self.other, "officer", Role.OFFICER)
        self.pack = pack_for_agency(self.agency)

    def case(self, facts: dict[str, Any] | None = None) -> tuple[Case, dt.datetime]:
        case = f.open_case(
            actor=self.officer,
            agency=self.agency,
            kind=self.setup["kind"],
            procedure=self.setup["procedure"],
            team=self.team,
            when=START,
            facts={**self.setup["facts"], **(facts or {})},
        )
        moment = f.walk(case, self.setup["stages"], actor=self.officer, team=self.team, start=START)
        f.fill_stage(case, actor=self.officer, team=self.team, when=moment)
        return case, moment

    def materials(self) -> dict[str, str]:
        return {m.id: f"{m.label}（附后）" for m in rules.materials(self.pack)}

    def submit(
        self, case: Case, at: dt.datetime, proposal: str = "拟作出行政处罚决定"
    ) -> models.Submission:
        return services.submit(
            actor=self.officer,
            case=case,
            proposal=proposal,
            reasons="违法事实清楚，证据确凿",
            legal_basis="依据有关法律第X条",
            materials=self.materials(),
            at=at,
        )

    def check_all(self, submission: models.Submission, at: dt.datetime) -> None:
        for item in rules.checklist(self.pack):
            services.record_finding(
                actor=self.reviewer, submission=submission, item_id=item.id, passed=True, at=at
            )

    def approve_id(self) -> str:
        return next(o.id for o in rules.outcomes(self.pack) if o.allows_decision)

    def refuse_id(self) -> str:
        return next(o.id for o in rules.outcomes(self.pack) if not o.allows_decision)

    def approve(self, case: Case, at: dt.datetime) -> models.Opinion:
        submission = self.submit(case, at)
        self.check_all(submission, at)
        return services.issue_opinion(
            actor=self.reviewer,
            submission=submission,
            outcome_id=self.approve_id(),
            reasons="同意",
            at=at,
        )

    def snapshot(self, case: Case | None = None) -> dict[str, Any]:
        tables = [
            models.Submission,
            models.ChecklistFinding,
            models.Consultation,
            models.Opinion,
            models.LegalityIssue,
            models.ReRequest,
            models.Escalation,
            models.MajorMark,
            models.EmergencyDecision,
            models.Catalogue,
        ]
        state: dict[str, Any] = {}
        for agency in (self.agency, self.other):
            counts = f.counts(agency)
            counts.update({t.__name__: t.objects.filter(agency=agency).count() for t in tables})
            state[agency.slug] = counts
        if case is not None:
            fresh = Case.objects.get(pk=case.pk)
            state["case"] = (fresh.stage, fresh.status, fresh.facts, fresh.closed_at)
            state["statuses"] = list(
                models.Submission.objects.filter(case=case).values_list("status", flat=True)
            )
        return state


def refused(world: World, case: Case | None, action: Callable[[], object], rule_id: str) -> str:
    """``action`` raises a RuleViolation naming ``rule_id`` and writes nothing anywhere."""
    before = world.snapshot(case)
    with pytest.raises(RuleViolation) as caught:
        action()
    assert caught.value.rule_id == rule_id, (caught.value.rule_id, caught.value.message)
    assert caught.value.cite
    assert world.snapshot(case) == before
    return caught.value.message
