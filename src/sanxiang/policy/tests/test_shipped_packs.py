"""Every pack shipped in the packs dir loads clean; the national pack holds what others rest on."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.policy import schema
from sanxiang.policy.loader import PACKS_DIR, check_file, load_pack

SHIPPED = sorted(PACKS_DIR.glob("*.toml"))


def test_the_packs_dir_holds_national() -> None:
    assert PACKS_DIR / "national.toml" in SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_pack_is_valid(path: Path) -> None:
    assert [str(p) for p in check_file(path)] == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_rule_of_a_shipped_pack_has_a_citation(path: Path) -> None:
    pack = load_pack(path.stem)
    assert pack.rules
    for key, info in pack.rules.items():
        assert info.cite.strip(), key


@pytest.mark.parametrize("path", [p for p in SHIPPED if p.stem != "national"], ids=lambda p: p.stem)
def test_agency_packs_extend_national(path: Path) -> None:
    pack = load_pack(path.stem)
    assert pack.chain[-1] == "national"
    assert any(info.status == "inherited" for info in pack.rules.values())


def test_schema_roles_are_the_account_roles() -> None:
    assert set(schema.ROLE_IDS) == set(Role.values)


def test_national_encodes_the_statutory_limits() -> None:
    pack = load_pack("national")
    decision = pack.deadline("penalty_decision")
    assert (decision.amount, decision.unit) == (90, "day")
    assert decision.cite == "中华人民共和国行政处罚法 第六十条"
    withdrawal = (
        {w.id: w for w in pack.model.disclosure.withdrawal} if pack.model.disclosure else {}
    )
    changed = withdrawal["withdraw_changed_decision"]
    assert (changed.amount, changed.unit) == (3, "workday")
    assert "第四十八条" in changed.cite


def test_national_simple_procedure_follows_article_51() -> None:
    pack = load_pack("national")
    simple = pack.procedure("penalty", "simple")
    facts = {"facts_conclusive": True, "party_kind": "individual", "fine_amount": 200}
    assert pack.evaluate(simple.applies_when or "false", facts) is True
    assert pack.evaluate(simple.applies_when or "false", {**facts, "fine_amount": 201}) is False
    organization = {**facts, "party_kind": "organization", "fine_amount": 3000}
    assert pack.evaluate(simple.applies_when or "false", organization) is True


def test_national_major_decision_criteria_follow_article_58() -> None:
    pack = load_pack("national")
    base = {
        "involves_major_public_interest": False,
        "major_rights_affected": True,
        "hearing_held": False,
        "complex_case": False,
        "review_required_by_law": False,
    }
    assert pack.major_criteria_met(base) == []
    met = pack.major_criteria_met({**base, "hearing_held": True})
    assert [c.id for c in met] == ["major_rights_after_hearing"]
    assert met[0].cite.startswith("中华人民共和国行政处罚法 第五十八条")


def test_national_waiting_periods_are_not_before_deadlines() -> None:
    pack = load_pack("national")
    court = pack.deadline("court_enforcement_wait")
    assert (court.mode, court.amount, court.unit) == ("not_before", 10, "workday")
    assert court.cite == "中华人民共和国行政强制法 第五十四条、第六十九条"
    hearing = pack.deadline("penalty_hearing_notice")
    assert (hearing.mode, hearing.amount, hearing.unit) == ("not_before", 7, "workday")
    assert pack.deadline("permit_decision").mode == "within"
