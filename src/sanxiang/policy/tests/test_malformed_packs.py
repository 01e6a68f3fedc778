"""Each malformed pack fails with its own precise message: FILE: key.path: reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanxiang.policy.loader import PackInvalid, check_file, load_file

from .packs import agency, write


def problems(packs_dir: Path, path: Path) -> list[str]:
    return [str(p).replace(f"{packs_dir}/", "") for p in check_file(path, packs_dir=packs_dir)]


def check_agency(packs_dir: Path, body: str) -> list[str]:
    return problems(packs_dir, agency(packs_dir, body))


def test_the_minimal_packs_are_valid(packs_dir: Path) -> None:
    assert check_agency(packs_dir, "") == []


def test_unknown_key(packs_dir: Path) -> None:
    body = """
    [review]
    ofice = "法制处"
    """
    assert check_agency(packs_dir, body) == ["agency.toml: review.ofice: unknown key"]


def test_unknown_top_level_table(packs_dir: Path) -> None:
    body = """
    [disclosures]
    items = []
    """
    assert check_agency(packs_dir, body) == ["agency.toml: disclosures: unknown key"]


def test_wrong_type(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "filing"
    label = "立案"
    trigger = "case_filed"
    amount = "ten"
    unit = "day"
    cite = "某办法 第五条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].amount: Input should be a valid integer, unable to parse "
        "string as an integer (got str 'ten')"
    ]


def test_table_where_a_value_is_expected(packs_dir: Path) -> None:
    body = """
    [review]
    time_limit = "10个工作日"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.time_limit: Input should be a valid dictionary or instance of "
        "TimeLimit (got str '10个工作日')"
    ]


def test_transition_to_unknown_stage(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    transitions = [
      { id = "close", from = ["filing", "hearing"], to = "closd", cite = "处罚法 第五十七条" },
    ]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.transitions[1].to: "
        "transition to unknown stage 'closd'",
    ]


def test_transition_from_unknown_stage(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    transitions = [
      { id = "reopen", from = ["closed", "archived"], to = "filing", cite = "某办法 第八条" },
    ]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.transitions[2].from[1]: "
        "transition from unknown stage 'archived'",
    ]


def test_unreachable_stage(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    stages = [
      { id = "expert_opinion", label = "专家论证", cite = "某办法 第十一条" },
    ]
    transitions = [
      { id = "ask_experts", from = "expert_opinion", to = "closed", cite = "某办法 第十一条" },
    ]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.stages[3].id: "
        "stage 'expert_opinion' is not reachable from initial stage 'filing'",
    ]


def test_dead_end_stage(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    stages = [
      { id = "suspended", label = "中止", cite = "某办法 第十二条" },
    ]
    transitions = [
      { id = "suspend", from = "filing", to = "suspended", cite = "某办法 第十二条" },
    ]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.stages[3].id: "
        "stage 'suspended' is not terminal and has no transition out of it",
    ]


def test_terminal_stage_unknown(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    terminal = ["closed", "archived"]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.terminal[1]: "
        "terminal stage 'archived' is not a stage of this procedure",
    ]


def test_initial_stage_unknown(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    initial = "registration"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.initial: "
        "initial stage 'registration' is not a stage of this procedure",
    ]


def test_cycle_in_extends(packs_dir: Path) -> None:
    agency(packs_dir, "", slug="city", extends="district")
    path = agency(packs_dir, "", slug="district", extends="city")
    assert problems(packs_dir, path) == [
        "city.toml: pack.extends: extends cycle: district → city → district",
    ]


def test_pack_extending_itself(packs_dir: Path) -> None:
    path = agency(packs_dir, "", slug="loop", extends="loop")
    assert problems(packs_dir, path) == ["loop.toml: pack.extends: extends cycle: loop → loop"]


def test_unknown_extends(packs_dir: Path) -> None:
    path = agency(packs_dir, "", extends="provincial")
    assert problems(packs_dir, path) == [
        f"agency.toml: pack.extends: unknown pack 'provincial' (no provincial.toml in {packs_dir})",
    ]


def test_cel_syntax_error(packs_dir: Path) -> None:
    body = """
    [major_decision]
    cite = "处罚法 第五十八条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = "fine_amount >= "
    cite = "某办法 第三条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: major_decision.criteria[0].when: "
        "CEL syntax error in `fine_amount >= `: unexpected `>` at column 13",
    ]


def test_cel_unknown_fact(packs_dir: Path) -> None:
    body = """
    [major_decision]
    cite = "处罚法 第五十八条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = "fine_amonut >= 50000.0"
    cite = "某办法 第三条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: major_decision.criteria[0].when: unknown fact `fine_amonut`",
    ]


def test_cel_type_error(packs_dir: Path) -> None:
    body = """
    [major_decision]
    cite = "处罚法 第五十八条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = 'fine_amount > "abc"'
    cite = "某办法 第三条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: major_decision.criteria[0].when: cannot compare double with string (>)",
    ]


def test_cel_int_and_double_do_not_mix(packs_dir: Path) -> None:
    body = """
    [major_decision]
    cite = "处罚法 第五十八条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = "fine_amount == 50000"
    cite = "某办法 第三条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: major_decision.criteria[0].when: cannot compare double with int (==)",
    ]


def test_cel_condition_that_is_not_bool(packs_dir: Path) -> None:
    body = """
    [major_decision]
    cite = "处罚法 第五十八条"

    [[major_decision.criteria]]
    id = "large_fine"
    label = "大额罚款"
    when = "fine_amount * 2.0"
    cite = "某办法 第三条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: major_decision.criteria[0].when: condition must be bool, got double",
    ]


def test_cel_value_not_in_fact_values(packs_dir: Path) -> None:
    body = """
    [case_kinds.penalty.procedures.general]
    [[case_kinds.penalty.procedures.general.transitions]]
    id = "close"
    from = ["filing", "hearing"]
    to = "closed"
    when = 'party_kind == "company"'
    cite = "某办法 第五条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: case_kinds.penalty.procedures.general.transitions[1].when: "
        '"company" is not a value of this fact (one of "individual", "organization")',
    ]


def test_unknown_deadline_unit(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "filing"
    label = "立案"
    trigger = "case_filed"
    amount = 2
    unit = "week"
    cite = "某办法 第五条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].unit: 'week' is not one of 'workday', 'day' or 'month'",
    ]


def test_negative_amount(packs_dir: Path) -> None:
    body = """
    [review.time_limit]
    amount = -5
    unit = "workday"
    cite = "某办法 第十四条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.time_limit.amount: must be greater than or equal to 0, got -5",
    ]


def test_missing_cite(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "filing"
    label = "立案"
    trigger = "case_filed"
    amount = 7
    unit = "workday"
    """
    assert check_agency(packs_dir, body) == ["agency.toml: deadlines[1].cite: required key missing"]


def test_blank_cite(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "filing"
    label = "立案"
    trigger = "case_filed"
    amount = 7
    unit = "workday"
    cite = "  "
    """
    assert check_agency(packs_dir, body) == ["agency.toml: deadlines[1].cite: must not be empty"]


def test_duplicate_rule_id_across_sections(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "basis"
    label = "补正"
    trigger = "case_filed"
    amount = 5
    unit = "workday"
    cite = "某办法 第六条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].id: duplicate rule id 'basis' (also at review.checklist[0])",
    ]


def test_duplicate_id_in_one_list(packs_dir: Path) -> None:
    body = """
    [review]
    materials = [
      { id = "draft", label = "决定书代拟稿", cite = "某办法 第八条" },
      { id = "draft", label = "调查报告", cite = "某办法 第八条" },
    ]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.materials[1].id: duplicate id 'draft' in this list",
    ]


def test_deadline_trigger_naming_no_stage_or_event(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "hearing_notice"
    label = "听证通知"
    trigger = "penalty.general.hearng"
    amount = 7
    unit = "day"
    cite = "处罚法 第六十四条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].trigger: 'penalty.general.hearng' names no event in [events] "
        "and no stage (a stage is written kind.procedure.stage)",
    ]


def test_stops_clock_unknown(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "hearing_notice"
    label = "听证通知"
    trigger = "penalty.general.hearing"
    amount = 7
    unit = "day"
    stops_clock = ["expert_review"]
    cite = "处罚法 第六十四条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].stops_clock[0]: 'expert_review' is not defined in [clock_stops]",
    ]


def test_unknown_role(packs_dir: Path) -> None:
    body = """
    [review.extension]
    amount = 5
    unit = "workday"
    approver_role = "director"
    cite = "某办法 第十四条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.extension.approver_role: 'director' is not one of 'officer', "
        "'section_head', 'leader', 'head', 'legal_reviewer', 'publicity', 'archivist', "
        "'agency_admin' or 'supervisor'",
    ]


def test_bad_id(packs_dir: Path) -> None:
    body = """
    [[deadlines]]
    id = "Filing-Deadline"
    label = "立案"
    trigger = "case_filed"
    amount = 7
    unit = "day"
    cite = "某办法 第五条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].id: 'Filing-Deadline' does not match the id pattern "
        "^[a-z][a-z0-9_]*$",
    ]


def test_remove_of_unknown_rule(packs_dir: Path) -> None:
    path = write(
        packs_dir,
        "agency",
        """
        [pack]
        slug = "agency"
        name = "某局"
        extends = "national"
        version = "1"
        effective = 2026-01-01
        remove = ["basis", "penalty.general.apeal"]
        """,
    )
    assert problems(packs_dir, path) == [
        "agency.toml: pack.remove[1]: no inherited rule or table 'penalty.general.apeal' to remove",
    ]


def test_override_without_own_cite(packs_dir: Path) -> None:
    body = """
    [review.time_limit]
    amount = 5
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.time_limit.amount: overrides inherited rule "
        "(cite: 示例办法 第十条) without its own `cite`",
    ]


def test_bad_toml_reports_the_line(packs_dir: Path) -> None:
    path = write(
        packs_dir,
        "agency",
        """
        [pack]
        slug = "agency"
        name = "某局
        """,
    )
    assert problems(packs_dir, path) == [
        "agency.toml: line 4, column 11: TOML syntax error: Illegal character '\\n'",
    ]


def test_error_inside_the_parent_names_the_parent_file(packs_dir: Path) -> None:
    national = packs_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8").replace('unit = "day"', 'unit = "days"'),
        encoding="utf-8",
    )
    path = agency(packs_dir, "")
    assert problems(packs_dir, path) == [
        "national.toml: deadlines[0].unit: 'days' is not one of 'workday', 'day' or 'month'",
    ]


def test_slug_must_match_the_file_name_in_the_packs_dir(packs_dir: Path) -> None:
    header = agency(packs_dir, "", slug="agency").read_text(encoding="utf-8")
    path = write(packs_dir, "other", header)
    assert problems(packs_dir, path) == [
        "other.toml: pack.slug: slug 'agency' does not match file name other.toml",
    ]


def test_every_problem_is_collected_at_once(packs_dir: Path) -> None:
    body = """
    [review]
    ofice = "法制处"

    [[deadlines]]
    id = "filing"
    label = "立案"
    trigger = "case_filed"
    amount = -1
    unit = "week"

    [major_decision]
    cite = "处罚法 第五十八条"
    criteria = [{ id = "x", label = "x", when = "nope", cite = "某办法 第三条" }]
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: deadlines[1].cite: required key missing",
        "agency.toml: deadlines[1].amount: must be greater than or equal to 0, got -1",
        "agency.toml: deadlines[1].unit: 'week' is not one of 'workday', 'day' or 'month'",
        "agency.toml: review.ofice: unknown key",
        "agency.toml: major_decision.criteria[0].when: unknown fact `nope`",
    ]


def test_load_file_raises_with_all_problems(packs_dir: Path) -> None:
    path = agency(packs_dir, '[review]\nofice = "x"\n')
    with pytest.raises(PackInvalid) as caught:
        load_file(path, packs_dir=packs_dir)
    assert [p.reason for p in caught.value.problems] == ["unknown key"]
    assert caught.value.problems[0].loc == ("review", "ofice")


def test_cycle_through_files_whose_slug_differs_from_the_name(packs_dir: Path) -> None:
    write(
        packs_dir,
        "city",
        '[pack]\nslug = "x"\nname = "a"\nextends = "district"\nversion = "1"\n'
        "effective = 2026-01-01\n",
    )
    path = write(
        packs_dir,
        "district",
        '[pack]\nslug = "y"\nname = "b"\nextends = "city"\nversion = "1"\neffective = 2026-01-01\n',
    )
    assert problems(packs_dir, path) == [
        "district.toml: pack.slug: slug 'y' does not match file name district.toml",
        "city.toml: pack.slug: slug 'x' does not match file name city.toml",
        "city.toml: pack.extends: extends cycle: y → x → district",
    ]


def test_retention_needs_years_or_permanent(packs_dir: Path) -> None:
    body = """
    [[records.retention]]
    id = "case_files"
    label = "案卷"
    cite = "某办法 第二十条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: records.retention[0]: give exactly one of `years`, `months` or "
        "`permanent = true`",
    ]


def test_generic_rule_amount_needs_a_unit(packs_dir: Path) -> None:
    body = """
    [[disclosure.rules]]
    id = "plan"
    label = "年度公示计划"
    amount = 10
    cite = "某办法 第六条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: disclosure.rules[0]: `amount` and `unit` go together",
    ]


def test_remove_without_extends(packs_dir: Path) -> None:
    national = packs_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8").replace(
            "effective = 2026-01-01", 'effective = 2026-01-01\nremove = ["basis"]', 1
        ),
        encoding="utf-8",
    )
    assert problems(packs_dir, national) == ["national.toml: pack.remove: `remove` needs `extends`"]


def test_before_stage_must_name_a_stage(packs_dir: Path) -> None:
    body = """
    [[disclosure.items]]
    id = "exam_scores"
    label = "考试成绩"
    phase = "during"
    before_stage = "penalty.general.decision"
    cite = "某办法 第七条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: disclosure.items[0].before_stage: "
        "'penalty.general.decision' is not a stage (write it as kind.procedure.stage)",
    ]


def test_trigger_of_a_review_time_limit_is_checked(packs_dir: Path) -> None:
    body = """
    [review.time_limit]
    amount = 5
    unit = "workday"
    trigger = "materials_complete"
    cite = "某办法 第十一条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: review.time_limit.trigger: 'materials_complete' names no event in [events] "
        "and no stage (a stage is written kind.procedure.stage)",
    ]


def test_unknown_disclosure_period(packs_dir: Path) -> None:
    body = """
    [[disclosure.items]]
    id = "inspection_results"
    label = "行政检查信息"
    phase = "after"
    period = "weekly"
    cite = "某办法 第八条"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: disclosure.items[0].period: 'weekly' is not one of 'month', 'quarter' "
        "or 'year'",
    ]
