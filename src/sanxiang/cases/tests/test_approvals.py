"""Approvals the packs give to a role: 立案 by the section head (处罚法 第五十四条, national) or a
leader (市人社局 第十二条), 决定 by a leader (处罚法 第五十七条), 强制 实施前 经负责人批准 (强制法
第十八条). The officer is refused with the rule and its article and nothing is written; the
approver's move records who approved in which role, on the stage change and in the ledger."""

from __future__ import annotations

import datetime as dt

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.cases import gates, selectors, services
from sanxiang.cases.models import Case, StageChange
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

START = f.at(2026, 3, 2, 9)


class Agencies:
    def __init__(self, slug: str, bystander: str) -> None:
        self.agency = f.agency(slug)
        self.other = f.agency(bystander)
        self.team = f.officers(self.agency, 2)
        self.officer = f.staff(self.agency, "officer", Role.OFFICER)
        self.section_head = f.staff(self.agency, "section-head", Role.SECTION_HEAD)
        self.leader = f.staff(self.agency, "leader", Role.LEADER)
        self.head = f.staff(self.agency, "head", Role.HEAD)
        self.other_leader = f.staff(self.other, "leader", Role.LEADER)

    def case(self, kind: str, procedure: str, facts: dict[str, object]) -> Case:
        return f.open_case(
            actor=self.officer,
            agency=self.agency,
            kind=kind,
            procedure=procedure,
            team=self.team,
            when=START,
            facts=facts,
        )

    def state(self, case: Case) -> tuple[object, ...]:
        fresh = Case.objects.get(pk=case.pk)
        return fresh.stage, fresh.status, f.counts(self.agency), f.counts(self.other)


def _refused(world: Agencies, case: Case, actor: object, to_stage: str, at: dt.datetime) -> str:
    before = world.state(case)
    with pytest.raises(RuleViolation) as caught:
        services.advance(actor=actor, case=case, to_stage=to_stage, at=at)  # type: ignore[arg-type]
    assert world.state(case) == before
    assert caught.value.cite
    return str(caught.value.rule_id)


def test_national_filing_is_the_section_heads_and_a_leader_may_give_it() -> None:
    """柳州 keeps the national 立案 stage (处罚法 第五十四条: 负责人批准立案): the case opens in it,
    and leaving it is the approval."""
    world = Agencies("liuzhou-kjj", "wuhan-rsj")
    case = world.case("penalty", "general", {"on_site_enforcement": True})
    f.fill_stage(case, actor=world.officer, team=world.team, when=START)
    moment = START + dt.timedelta(hours=1)
    rule = _refused(world, case, world.officer, "investigation", moment)
    assert rule == "penalty.general.filing.approval"
    services.advance(actor=world.leader, case=case, to_stage="investigation", at=moment)
    change = StageChange.objects.get(case=case, to_stage="investigation")
    assert change.approved_by == world.leader and change.approval_role == Role.SECTION_HEAD
    entry = LedgerEntry.objects.get(agency=world.agency, index=change.ledger_index)
    assert entry.payload["approval"] == {
        "role": "section_head",
        "rule_id": "penalty.general.filing.approval",
        "by": world.leader.get_username(),
    }


def test_decision_is_a_leaders_and_neither_officer_nor_section_head_may_make_it() -> None:
    world = Agencies("wuhan-rsj", "liuzhou-kjj")
    case = world.case("penalty", "general", PENALTY)
    moment = f.walk(
        case,
        ("filing", "investigation", "notice", "legal_review"),
        actor=world.officer,
        team=world.team,
        start=START,
        step=dt.timedelta(days=3),
    )
    f.fill_stage(case, actor=world.officer, team=world.team, when=moment)
    moment += dt.timedelta(days=10)
    for who in (world.officer, world.section_head):
        assert _refused(world, case, who, "decision", moment) == "penalty.general.decision.approval"
    offered = {a.id: a for a in selectors.allowed_actions(case, world.section_head).advances}
    assert offered["decision"].approver_role == Role.LEADER
    assert offered["decision"].blocked is not None
    assert offered["decision"].blocked.rule_id == "penalty.general.decision.approval"
    assert "第二十条" in offered["decision"].blocked.cite
    # The head (主要负责人) is a 行政机关负责人 too.
    services.advance(actor=world.head, case=case, to_stage="decision", at=moment)
    change = StageChange.objects.get(case=case, to_stage="decision")
    assert change.approved_by == world.head and change.approval_role == Role.LEADER
    # The officer records the decision and moves on to 送达, which needs no approval.
    f.fill_stage(case, actor=world.officer, team=world.team, when=moment)
    services.advance(actor=world.officer, case=case, to_stage="service", at=moment)
    change = StageChange.objects.get(case=case, to_stage="service")
    assert change.approved_by is None and change.approval_role == ""


def test_another_agencys_leader_cannot_approve() -> None:
    world = Agencies("wuhan-rsj", "liuzhou-kjj")
    case = world.case("penalty", "general", PENALTY)
    f.fill_stage(case, actor=world.officer, team=world.team, when=START)
    before = world.state(case)
    with pytest.raises(Exception) as caught:
        services.advance(actor=world.other_leader, case=case, to_stage="filing", at=START)
    assert isinstance(caught.value, NotInScope)
    assert world.state(case) == before


def test_seizure_is_implemented_only_once_a_leader_approved_it() -> None:
    """强制法 第十八条: 实施前须向行政机关负责人报告并经批准 — the 呈批 stage the case opens in."""
    world = Agencies("qiaokou-rzj", "dongxihu-sfj")
    case = world.case("coercion", "seizure", {"coercive_measure": True, "party_present": False})
    f.fill_stage(case, actor=world.officer, team=world.team, when=START)
    rule = _refused(world, case, world.section_head, "implementation", START)
    assert rule == "coercion.seizure.approval.approval"
    services.advance(actor=world.leader, case=case, to_stage="implementation", at=START)
    assert case.stage == "implementation"


def test_approval_rules_of_every_pack_name_a_known_role() -> None:
    """Every approval a pack asks for is one the approver table answers (no silent pass)."""
    from sanxiang.policy.loader import load_pack

    for slug in ("wuhan-kjj", "wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "dongxihu-sfj"):
        pack = load_pack(slug)
        for kind in pack.model.case_kinds.values():
            for proc in kind.procedures.values():
                for stage in proc.stages:
                    if stage.approver_role:
                        assert stage.approver_role in gates.approvers_for(stage.approver_role)
                        assert Role.OFFICER not in gates.approvers_for(stage.approver_role)


def test_a_transitions_own_approver_binds_closing_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pack may give one transition its own approver (no pack does today): here 撤案 (``drop``,
    处罚法 第五十七条: 不予行政处罚) is made a leader's decision; ``close_case`` obeys it."""
    from sanxiang.policy.resolved import ResolvedPack

    original = ResolvedPack.check_transition

    def with_approver(self: ResolvedPack, *args: object, **kwargs: object) -> object:
        transition = original(self, *args, **kwargs)  # type: ignore[arg-type]
        if transition.id == "drop":
            return transition.model_copy(update={"approver_role": Role.LEADER})
        return transition

    monkeypatch.setattr(ResolvedPack, "check_transition", with_approver)
    world = Agencies("wuhan-rsj", "liuzhou-kjj")
    case = world.case("penalty", "general", PENALTY)
    moment = f.walk(
        case, ("filing", "investigation"), actor=world.officer, team=world.team, start=START
    )
    f.fill_stage(case, actor=world.officer, team=world.team, when=moment)
    before = world.state(case)
    with pytest.raises(RuleViolation) as caught:
        services.close_case(actor=world.section_head, case=case, to_stage="closed", at=moment)
    assert caught.value.rule_id == "penalty.general.drop.approval"
    assert caught.value.cite == "中华人民共和国行政处罚法 第五十七条"
    assert world.state(case) == before
    services.close_case(actor=world.leader, case=case, to_stage="closed", at=moment)
    change = StageChange.objects.get(case=case, to_stage="closed")
    assert change.transition == "drop" and change.approval_role == Role.LEADER
    assert change.approved_by == world.leader
