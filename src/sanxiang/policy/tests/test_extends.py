"""Override semantics: replace by id, append, remove, scalar override, chains, provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanxiang.policy.loader import load_file
from sanxiang.policy.resolved import ResolvedPack, UnknownRule

from .packs import agency


def load(packs_dir: Path, body: str, **kw: str) -> ResolvedPack:
    return load_file(agency(packs_dir, body, **kw), packs_dir=packs_dir)


CITY = """
[[deadlines]]
id = "decision"
label = "作出决定（本局）"
trigger = "case_filed"
amount = 60
unit = "day"
cite = "某局办法 第二十条"

[[deadlines]]
id = "av_ingest"
label = "音像资料存储"
trigger = "case_filed"
amount = 2
unit = "workday"
cite = "某局记录办法 第十二条"

[review]
office = "法规处"

[review.time_limit]
amount = 5
cite = "某局审核办法 第十四条"
"""


def test_same_id_replaces_the_parent_rule_wholesale(packs_dir: Path) -> None:
    pack = load(packs_dir, CITY)
    decision = pack.deadline("decision")
    assert (decision.amount, decision.unit, decision.cite) == (60, "day", "某局办法 第二十条")
    assert decision.label == "作出决定（本局）"
    assert [d.id for d in pack.model.deadlines] == ["decision", "av_ingest"]
    info = pack.rules["decision"]
    assert (info.status, info.origin, info.replaced) == ("overridden", "agency", ("national",))


def test_new_ids_append_and_are_the_packs_own(packs_dir: Path) -> None:
    pack = load(packs_dir, CITY)
    assert pack.deadline("av_ingest").amount == 2
    assert pack.rules["av_ingest"].status == "own"
    assert pack.rules["basis"].status == "inherited"
    assert pack.rules["basis"].origin == "national"


def test_tables_deep_merge_and_scalars_replace(packs_dir: Path) -> None:
    pack = load(packs_dir, CITY)
    review = pack.model.review
    assert review is not None
    assert review.office == "法规处"
    assert review.cite == "处罚法 第五十八条"  # inherited key of the same table
    assert (review.time_limit.amount, review.time_limit.unit) == (5, "workday")
    assert review.time_limit.cite == "某局审核办法 第十四条"
    assert [item.id for item in review.checklist] == ["basis", "procedure_legal"]
    assert pack.table_origins["review.time_limit"] == "agency"
    assert pack.table_origins["review"] == "national"


def test_remove_drops_inherited_rules_and_tables(packs_dir: Path) -> None:
    body = """
    [case_kinds.permit]
    label = "行政许可"
    cite = "许可法 第二条"

    [case_kinds.permit.procedures.standard]
    label = "一般程序"
    cite = "许可法 第四章"
    initial = "accepted"
    terminal = ["accepted"]
    stages = [{ id = "accepted", label = "受理", cite = "许可法 第三十二条" }]
    """
    city = load(packs_dir, body, slug="city")
    assert "permit" in city.model.case_kinds
    district = load(
        packs_dir,
        "",
        slug="district",
        extends="city",
    )
    assert set(district.model.case_kinds) == {"penalty", "permit"}
    path = packs_dir / "district.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "effective = 2026-01-01",
            'effective = 2026-01-01\nremove = ["case_kinds.penalty", "basis", "decision"]',
        ),
        encoding="utf-8",
    )
    district = load_file(path, packs_dir=packs_dir)
    assert set(district.model.case_kinds) == {"permit"}
    assert district.model.deadlines == []
    review = district.model.review
    assert review is not None
    assert [item.id for item in review.checklist] == ["procedure_legal"]
    with pytest.raises(UnknownRule):
        district.rule("basis")
    assert district.chain == ("district", "city", "national")
    assert district.rules["permit.standard.accepted"].origin == "city"


def test_replacing_a_stage_by_id_keeps_the_others(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    [[case_kinds.penalty.procedures.general.stages]]
    id = "hearing"
    label = "听证（本局）"
    cite = "某局听证规则 第三条"
    approver_role = "leader"
    """
    pack = load(packs_dir, body)
    stages = pack.procedure("penalty", "general").stages
    assert [s.id for s in stages] == ["filing", "hearing", "closed"]
    hearing = pack.stage("penalty", "general", "hearing")
    assert (hearing.label, hearing.approver_role) == ("听证（本局）", "leader")
    assert pack.rules["penalty.general.hearing"].status == "overridden"
    assert pack.rules["penalty.general.filing"].status == "inherited"
    assert pack.rule("penalty.general.hearing").cite == "某局听证规则 第三条"


def test_lists_of_strings_replace(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    terminal = ["closed", "hearing"]
    """
    pack = load(packs_dir, body)
    assert pack.procedure("penalty", "general").terminal == ["closed", "hearing"]


def test_the_childs_pack_table_is_its_own(packs_dir: Path) -> None:
    pack = load(packs_dir, "")
    assert (pack.slug, pack.name, pack.extends) == ("agency", "某局", "national")
    assert pack.model.pack.sources == []


def test_lookups_raise_for_unknown_rules(packs_dir: Path) -> None:
    pack = load(packs_dir, "")
    with pytest.raises(UnknownRule):
        pack.deadline("nope")
    with pytest.raises(UnknownRule):
        pack.procedure("penalty", "simple")
    with pytest.raises(UnknownRule):
        pack.stage("penalty", "general", "nope")
    assert [t.id for t in pack.transitions_from("penalty", "general", "filing")] == [
        "hold_hearing",
        "close",
    ]
    assert [d.id for d in pack.deadlines_for("penalty")] == ["decision"]


def test_conditions_evaluate_with_the_packs_fact_types(packs_dir: Path) -> None:
    pack = load(packs_dir, "")
    transition = pack.rule("penalty.general.hold_hearing")
    assert pack.applies(transition, {"hearing_requested": True}) is True
    assert pack.applies(transition, {"hearing_requested": False}) is False
    assert pack.applies(pack.deadline("decision"), {}) is True


def test_removing_a_case_kind_drops_the_rules_that_only_serve_it(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "hearing_request"
    label = "要求听证"
    trigger = "penalty.general.hearing"
    amount = 5
    unit = "workday"
    cite = "处罚法 第六十四条"

    [[deadlines]]
    id = "penalty_only"
    label = "处罚案件"
    trigger = "case_filed"
    amount = 5
    unit = "workday"
    case_kinds = ["penalty"]
    cite = "某办法 第二条"

    [[deadlines]]
    id = "any_kind"
    label = "任何案件"
    trigger = "case_filed"
    amount = 5
    unit = "workday"
    cite = "某办法 第一条"
    """
    agency(packs_dir, body, slug="city")
    path = packs_dir / "district.toml"
    path.write_text(
        """
[pack]
slug = "district"
name = "区局"
extends = "city"
version = "1"
effective = 2026-01-01
remove = ["case_kinds.penalty", "hearing_request"]
""",
        encoding="utf-8",
    )
    district = load_file(path, packs_dir=packs_dir)
    assert district.model.case_kinds == {}
    # "decision" is restricted to no kind, so it stays; the hearing deadline named a penalty stage.
    assert [d.id for d in district.model.deadlines] == ["decision", "any_kind"]


def test_check_transition_allows_an_edge_and_cites_a_refusal(packs_dir: Path) -> None:
    from sanxiang.core.errors import RuleViolation

    pack = load(packs_dir, "")
    allowed = pack.check_transition(
        "penalty", "general", "filing", "hearing", {"hearing_requested": True}
    )
    assert allowed.id == "hold_hearing"
    with pytest.raises(RuleViolation) as refused:
        pack.check_transition(
            "penalty", "general", "filing", "hearing", {"hearing_requested": False}
        )
    assert (refused.value.rule_id, refused.value.cite) == (
        "penalty.general.hold_hearing",
        "处罚法 第六十三条",
    )
    with pytest.raises(RuleViolation) as no_edge:
        pack.check_transition("penalty", "general", "closed", "filing", {})
    assert (no_edge.value.rule_id, no_edge.value.cite) == ("penalty.general", "处罚法 第五十四条")
    assert "不允许从“结案”进入“立案”" in no_edge.value.message


def test_required_records_and_deadlines_follow_the_facts(packs_dir: Path) -> None:
    body = """
    [[case_kinds.penalty.procedures.general.stages]]
    id = "filing"
    label = "立案"
    cite = "处罚法 第五十四条"

    [[case_kinds.penalty.procedures.general.stages.records]]
    id = "filing_form"
    label = "立案审批表"
    cite = "某办法 第三条"

    [[case_kinds.penalty.procedures.general.stages.records]]
    id = "site_av"
    label = "现场音像"
    cite = "某办法 第四条"
    required = "hearing_requested"
    av_required = true

    [[deadlines]]
    id = "hearing_prep"
    label = "听证准备"
    trigger = "penalty.general.hearing"
    amount = 7
    unit = "day"
    case_kinds = ["penalty"]
    applies_when = "hearing_requested"
    cite = "处罚法 第六十四条"
    """
    pack = load(packs_dir, body)
    ids = [
        r.id
        for r in pack.required_records("penalty", "general", "filing", {"hearing_requested": False})
    ]
    assert ids == ["filing_form"]
    records = pack.required_records("penalty", "general", "filing", {"hearing_requested": True})
    assert [r.id for r in records] == ["filing_form", "site_av"]
    assert [pack.av_required(r, {}) for r in records] == [False, True]
    started = pack.deadlines_started_by(
        "penalty.general.hearing", kind="penalty", facts={"hearing_requested": True}
    )
    assert [d.id for d in started] == ["hearing_prep"]
    assert (
        pack.deadlines_started_by(
            "penalty.general.hearing", kind="penalty", facts={"hearing_requested": False}
        )
        == []
    )
    assert pack.deadlines_started_by("case_filed", kind="permit", facts={}) == [
        pack.deadline("decision")
    ]


def test_sources_of_the_whole_chain_are_listed_own_first(packs_dir: Path) -> None:
    national = packs_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8").replace(
            "effective = 2026-01-01",
            'effective = 2026-01-01\nsources = [{ id = "chufa", title = "行政处罚法" }]',
            1,
        ),
        encoding="utf-8",
    )
    path = agency(packs_dir, "")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "effective = 2026-01-01",
            'effective = 2026-01-01\nsources = [{ id = "own", title = "某局办法" }]',
            1,
        ),
        encoding="utf-8",
    )
    pack = load_file(path, packs_dir=packs_dir)
    assert [s.id for s in pack.sources] == ["own", "chufa"]
    assert [s.id for s in pack.model.pack.sources] == ["own"]


def test_show_text_marks_inherited_overridden_and_own_rules(packs_dir: Path) -> None:
    from sanxiang.policy.render import render_text

    text = render_text(load(packs_dir, CITY))
    lines = text.splitlines()
    assert lines[1] == "继承链 extends: agency → national"
    decision = next(line for line in lines if "（decision）" in line)
    assert decision.endswith("— 依据 某局办法 第二十条  [覆盖 national]")
    basis = next(line for line in lines if "（basis）" in line)
    assert basis.endswith("— 依据 示例办法 第九条  [继承自 national]")
    own = next(line for line in lines if "（av_ingest）" in line)
    assert own.endswith("— 依据 某局记录办法 第十二条")
    limit = next(line for line in lines if line.startswith("审核期限"))
    assert limit == "审核期限 5个工作日 — 依据 某局审核办法 第十四条"


def test_gap_fields_load_and_act(packs_dir: Path) -> None:
    body = """
    [events.materials_complete]
    label = "送审材料齐全"

    [review.time_limit]
    amount = 5
    unit = "workday"
    trigger = "materials_complete"
    cite = "某办法 第十一条"

    [review.rereview]
    cite = "某办法 第十条"
    times = 1

    [major_decision]
    cite = "某办法 第三条"
    exempt_when = "hearing_requested"
    exempt_cite = "某办法 第四条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = "fine_amount >= 50000.0"
    cite = "某办法 第三条"

    [[disclosure.items]]
    id = "inspection_results"
    label = "行政检查信息"
    phase = "after"
    period = "quarter"
    cite = "某办法 第八条"

    [[disclosure.items]]
    id = "hearing_list"
    label = "听证名单"
    phase = "during"
    before_stage = "penalty.general.closed"
    cite = "某办法 第七条"

    [[disclosure.reports]]
    id = "statistics_report"
    label = "统计年报"
    due_month = 1
    due_day = 15
    cite = "某办法 第九条"

    [[records.retention]]
    id = "av_keep"
    label = "音像资料"
    months = 3
    cite = "某办法 第二十六条"

    [[records.access]]
    id = "access_copy"
    who = "当事人"
    fields = ["调阅人", "审批人", "时间", "事由"]
    cite = "某办法 第二十七条"
    """
    pack = load(packs_dir, body)
    assert pack.model.review is not None and pack.model.review.time_limit is not None
    assert pack.model.review.time_limit.trigger == "materials_complete"
    large = {"fine_amount": 60000.0, "hearing_requested": False}
    assert [c.id for c in pack.review_required(large)] == ["large_fine"]
    assert pack.review_required({**large, "hearing_requested": True}) == []
    assert [c.id for c in pack.major_criteria_met({**large, "hearing_requested": True})] == [
        "large_fine"
    ]
    assert pack.rule("statistics_report").due_day == 15
    assert pack.rule("av_keep").months == 3
    assert pack.rule("inspection_results").period == "quarter"
    assert pack.rule("hearing_list").before_stage == "penalty.general.closed"
