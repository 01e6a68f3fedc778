"""Decided cases with personal data in their records, built through the cases services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import gates, services
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.records import fields_for
from sanxiang.cases.tests import factories as f
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency, Officer

PERSON = {
    "name": "王小明",
    "id_number": "11010519491231002X",
    "address": "武汉市江汉区新华路218号3栋501室",
    "phone": "13871234567",
}
WITNESS = "刘德胜"
BANK = "6222021001112345678"
PERSONAL_TEXT = {
    "party_info": (
        f"当事人{PERSON['name']}，男，身份证号码{PERSON['id_number']}，住{PERSON['address']}，"
        f"联系电话{PERSON['phone']}。"
    ),
    "facts_and_evidence": (
        f"经查，{PERSON['name']}于2026年2月在其经营场所违法经营，证人{WITNESS}证实，"
        f"违法所得转入其银行卡{BANK}。武汉市鑫达建筑劳务有限公司未参与。"
    ),
    "legal_basis": "《中华人民共和国行政处罚法》第二十八条",
    "measures": "罚款5000元",
    "reasons": f"申请人{PERSON['name']}符合条件，准予。",
    "conclusion": f"被检查人{PERSON['name']}存在违法行为，责令改正。",
    "decision": "准予许可",
}

# One case kind per agency whose decision must be published (the cases app's own scenarios).
FLOWS: dict[str, tuple[str, str]] = {
    "wuhan-rsj": ("penalty", "general"),
    "liuzhou-kjj": ("penalty", "general"),
    "qiaokou-rzj": ("penalty", "general"),
    "wuhan-kjj": ("inspection", "general"),
    "dongxihu-sfj": ("benefit", "general"),
}


# 硚口 publishes under the national rule: a penalty with social impact (国办发〔2018〕118号).
EXTRA_FACTS: dict[str, dict[str, Any]] = {"qiaokou-rzj": {"social_impact": True}}


def _flow(slug: str) -> tuple[str, str, tuple[str, ...], dict[str, Any]]:
    from sanxiang.cases.tests.test_scenarios import SCENARIOS

    kind, procedure = FLOWS[slug]
    scenario = next(
        s for s in SCENARIOS if (s.slug, s.kind, s.procedure) == (slug, kind, procedure)
    )
    path = scenario.path[: scenario.path.index("decision") + 2]
    return kind, procedure, path, {**scenario.facts, **EXTRA_FACTS.get(slug, {})}


def _payload(record_type: str) -> dict[str, Any]:
    data = f.payload_for(record_type)
    for spec in fields_for(record_type):
        if spec.name in PERSONAL_TEXT and spec.kind == "text":
            data[spec.name] = PERSONAL_TEXT[spec.name]
    return data


def _fill(case: Case, *, actor: User, team: list[Officer], when: dt.datetime) -> None:
    pack = pack_for_agency(case.agency)
    for rule in gates.missing_records(case, pack):
        needs_av = pack.av_required(rule, gates.facts_of(case))
        payload = _payload(rule.id)
        if "witnesses" in payload:
            payload["witnesses"] = [WITNESS]
        services.record(
            actor=actor,
            case=case,
            record_type=rule.id,
            payload=payload,
            officers=team,
            av=f.av() if needs_av else None,
            at=when,
        )


def decided_case(slug: str, *, start: dt.datetime) -> tuple[Agency, Case, CaseRecord, User]:
    """A case of ``slug`` walked past its decision; returns the decision record."""
    agency = f.agency(slug)
    kind, procedure, path, facts = _flow(slug)
    team = f.officers(agency, 2)
    officer = f.staff(agency, "officer", Role.OFFICER)
    case = services.open_case(
        actor=officer,
        agency=agency,
        kind=kind,
        procedure=procedure,
        source="ex_officio",
        title="王小明涉嫌违法经营案",
        parties=[{"kind": "individual", **PERSON}],
        facts=facts,
        officers=team,
        at=start,
    )
    moment = start
    for stage in path:
        _fill(case, actor=officer, team=team, when=moment)
        moment += dt.timedelta(days=1)
        f.advance(case, stage, actor=officer, at=moment)  # 立案, 决定: the pack's approver
    record = next(
        r
        for r in CaseRecord.objects.filter(case=case).order_by("-id")
        if "decision_made" in r.events
    )
    return agency, case, record, officer
