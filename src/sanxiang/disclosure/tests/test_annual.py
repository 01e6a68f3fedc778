"""行政执法统计年报: the figures, computed from a year of cases in two agencies (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from sanxiang.disclosure import annual, annual_charts, annual_render
from sanxiang.disclosure.annual_testing import OFFICER_NAME, PARTY, YEAR, build_a, build_b
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

TODAY = dt.date(YEAR + 1, 1, 10)


@pytest.fixture
def reports(agency_a: Agency, agency_b: Agency) -> dict[str, dict[str, Any]]:
    build_a(agency_a)
    build_b(agency_b)
    return {
        "a": annual.compute(agency_a, YEAR, today=TODAY),
        "b": annual.compute(agency_b, YEAR, today=TODAY),
    }


def _rows(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {r["label"]: r["count"] for r in rows}


def test_subjects_posts_and_officers(reports: dict[str, dict[str, Any]]) -> None:
    a = reports["a"]
    assert a["subjects"]["count"] == 1
    assert a["subjects"]["names"] == ["武汉市人力资源和社会保障局"]
    assert a["subjects"]["department_count"] == 1
    assert a["staffing"]["posts"] == 1
    assert a["staffing"]["post_headcount"] == 3
    # The fourth officer's certificate expired in June: not on duty on 31 December.
    assert a["staffing"]["officers_on_duty"] == 3
    assert a["staffing"]["as_of"] == f"{YEAR}-12-31"
    assert reports["b"]["staffing"]["officers_on_duty"] == 5


def test_permits_and_permits_per_officer(reports: dict[str, dict[str, Any]]) -> None:
    p = reports["a"]["permits"]
    # Four applications in the year; the December one is decided in January: pending, not decided.
    assert p["applications"] == 4
    assert (p["decided"], p["granted"], p["refused"]) == (3, 2, 1)
    assert p["pending_at_year_end"] == 1
    assert p["per_officer"] == "1.00"  # 3 decisions / 3 officers
    assert reports["b"]["permits"]["decided"] == 0


def test_inspections_pass_rate_and_plan(reports: dict[str, dict[str, Any]]) -> None:
    i = reports["a"]["inspections"]
    assert i["opened"] == 4
    assert i["concluded"] == 3
    assert _rows(i["results"]) == {"合格": 2, "不合格（发现问题）": 1, "结论未载明": 0}
    assert i["pass_rate"] == "66.7%"
    assert i["per_officer"] == "1.00"
    assert i["plan"] == {"available": False, "note": "无检查计划数据"}


def test_complaints_by_outcome_and_penalties(reports: dict[str, dict[str, Any]]) -> None:
    a = reports["a"]
    assert a["complaints"]["received"] == 2
    assert _rows(a["complaints"]["by_outcome"]) == {
        "不予立案": 0,
        "作出处理决定": 1,
        "办结（未作出决定）": 0,
        "年末办理中": 1,
    }
    pen = a["penalties"]
    assert pen["decided"] == 2
    assert pen["fine_total_yuan"] == "4000.00"
    assert _rows(pen["by_type"])["罚款"] == 2
    assert _rows(pen["fine_bands"]) == {
        "1千元以下": 1,
        "1千元至1万元": 1,
        "1万元至5万元": 0,
        "5万元以上": 0,
    }
    assert sum(_rows(pen["by_procedure"]).values()) == 2


def test_agency_b_cases_do_not_leak_into_a(reports: dict[str, dict[str, Any]]) -> None:
    """B's two complaint penalties (2500 + 500 yuan) would change every one of these."""
    a, b = reports["a"], reports["b"]
    assert (a["penalties"]["decided"], b["penalties"]["decided"]) == (2, 2)
    assert (a["penalties"]["fine_total_yuan"], b["penalties"]["fine_total_yuan"]) == (
        "4000.00",
        "3000.00",
    )
    assert (a["complaints"]["received"], b["complaints"]["received"]) == (2, 2)
    assert b["inspections"]["concluded"] == 0
    assert b["subjects"]["names"] == ["柳州市科学技术局"]


def test_the_report_names_no_person(reports: dict[str, dict[str, Any]]) -> None:
    for report in reports.values():
        text = json.dumps(report, ensure_ascii=False) + annual_render.to_html(report)
        assert PARTY not in text
        assert OFFICER_NAME not in text


def test_due_by_31_january_with_the_pack_citation(agency_a: Agency) -> None:
    kjj = Agency.objects.create(slug="wuhan-kjj", name="武汉市科学技术局")
    due = annual.due_for(kjj, YEAR)
    assert due.due_on == dt.date(YEAR + 1, 1, 31)
    assert "第九条" in due.cite
    # 市人社局's pack has no 统计年报 of its own: 国办发〔2018〕118号, the same day.
    fallback = annual.due_for(agency_a, YEAR)
    assert fallback.due_on == dt.date(YEAR + 1, 1, 31)
    assert "118号" in fallback.cite
    assert due.state(today=dt.date(YEAR + 1, 1, 31), published_on=None) == "due"
    assert due.state(today=dt.date(YEAR + 1, 2, 1), published_on=None) == "overdue"
    assert due.state(today=dt.date(YEAR + 1, 3, 1), published_on=dt.date(YEAR + 1, 1, 30)) == (
        "published"
    )
    assert due.state(today=dt.date(YEAR + 1, 3, 1), published_on=dt.date(YEAR + 1, 2, 2)) == (
        "published_late"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("经检查，未发现违法违规问题。", "passed"),
        ("检查合格。", "passed"),
        ("存在违法用工行为，责令改正。", "failed"),
        ("不符合规定。", "failed"),
        ("示例内容", "unclear"),
    ],
)
def test_inspection_outcome_from_the_conclusion(text: str, expected: str) -> None:
    from sanxiang.cases.models import CaseRecord

    record = CaseRecord(record_type="inspection_opinion", payload={"opinion": text})
    assert annual.inspection_result(record, frozenset({"inspection_opinion"})) == expected
    assert annual.inspection_result(record, frozenset({"rectification_order"})) == "failed"


def test_chart_is_svg_with_chinese_labels_and_escaped_text() -> None:
    svg = annual_charts.bar_chart(
        "检查<结果>", [annual_charts.Bar("合格", 2), annual_charts.Bar("不合格", 1)]
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "合格" in svg and "检查&lt;结果&gt;" in svg and "<script" not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_plan_execution_against_the_published_plan(agency_a: Agency, agency_b: Agency) -> None:
    from decimal import Decimal

    import time_machine

    from sanxiang.accounts.choices import Role
    from sanxiang.cases.tests import factories as cf
    from sanxiang.disclosure import inspection, notices
    from sanxiang.disclosure.annual_testing import _people, simple_penalty
    from sanxiang.disclosure.annual_testing import inspection as inspect

    w = _people(agency_a, 2)
    inspect(w, opinion="检查合格。", opened=cf.at(YEAR, 4, 1))
    inspect(w, opinion=None, opened=cf.at(YEAR, 5, 1))
    simple_penalty(_people(agency_b, 1), fine=100.0, when=cf.at(YEAR, 5, 1))
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    leader = cf.staff(agency_a, "leader", Role.LEADER)
    with time_machine.travel(cf.at(YEAR, 2, 10), tick=False):
        plan = inspection.create_plan(
            actor=publisher,
            agency=agency_a,
            year=YEAR,
            lines=[
                inspection.PlanLineInput(
                    matter="劳动用工检查",
                    method="random",
                    targets="用人单位",
                    target_base=100,
                    ratio_percent=Decimal("3"),
                    frequency="每年一次",
                )
            ],
        )
        before = annual.compute(agency_a, YEAR, today=TODAY)["inspections"]["plan"]
        plan = notices.submit(actor=publisher, notice=plan)
        plan = notices.approve(actor=leader, notice=plan)
        notices.publish(actor=publisher, notice=plan)
    assert before == {"available": False, "note": "无检查计划数据"}  # a draft plan is no plan
    executed = annual.compute(agency_a, YEAR, today=TODAY)["inspections"]["plan"]
    assert executed["available"] is True
    assert (executed["planned"], executed["executed"]) == (3, 2)
    assert executed["execution_rate"] == "66.7%"
    assert executed["lines"][0]["matter"] == "劳动用工检查"
    assert annual.compute(agency_b, YEAR, today=TODAY)["inspections"]["plan"]["available"] is False
