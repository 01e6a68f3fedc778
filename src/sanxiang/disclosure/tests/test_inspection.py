"""年度执法检查计划 (due 31 March, shown due/overdue) and 行政检查信息 per period, computed from
the period's 行政检查 cases; plan execution for the annual report. Two agencies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import services as case_services
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as cf
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure import inspection, notices
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.inspection_models import InspectionInfo, InspectionPlan
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency, Officer

pytestmark = pytest.mark.django_db

LINES = [
    inspection.PlanLineInput(
        matter="劳动保障书面审查",
        method="documents",
        targets="辖区用人单位",
        target_base=1200,
        ratio_percent=Decimal("5"),
        frequency="每年一次",
    ),
    inspection.PlanLineInput(
        matter="人力资源市场双随机抽查",
        method="random",
        targets="人力资源服务机构",
        target_base=87,
        ratio_percent=Decimal("10.5"),
        frequency="每半年一次",
        times=2,
    ),
]


def _user(agency: Agency, name: str, role: Role) -> User:
    found = User.objects.filter(username=f"{name}-{agency.slug}").first()
    return found or cf.staff(agency, name, role)


def _team(agency: Agency) -> tuple[User, User]:
    return _user(agency, "pub", Role.PUBLICITY), _user(agency, "leader", Role.LEADER)


def _published_plan(agency: Agency, year: int = 2026) -> InspectionPlan:
    pub, leader = _team(agency)
    plan = inspection.create_plan(actor=pub, agency=agency, year=year, lines=LINES)
    notices.submit(actor=pub, notice=plan)
    notices.approve(actor=leader, notice=plan)
    return notices.publish(actor=pub, notice=plan)


def _inspections(agency: Agency, n: int, *, when: dt.datetime) -> list[Case]:
    team = list(Officer.objects.filter(agency=agency)[:2]) or cf.officers(agency, 2)
    officer = _user(agency, "officer", Role.OFFICER)
    pack_kinds = {"wuhan-rsj": "general", "dongxihu-sfj": "general", "wuhan-kjj": "general"}
    cases = []
    for i in range(n):
        cases.append(
            case_services.open_case(
                actor=officer,
                agency=agency,
                kind="inspection",
                procedure=pack_kinds[agency.slug],
                source="ex_officio",
                title=f"王小明经营场所劳动保障检查{i}",
                parties=[
                    {"kind": "individual", "name": "王小明", "id_number": "11010519491231002X"}
                ],
                facts={},
                officers=team,
                at=when + dt.timedelta(days=i),
            )
        )
    return cases


def test_planned_count_rounds_up_and_multiplies_by_frequency() -> None:
    assert inspection.planned_count(1200, Decimal("5"), 1) == 60
    assert inspection.planned_count(87, Decimal("10.5"), 2) == 20  # ceil(9.135) × 2


def test_plan_is_due_by_31_march_and_shown_overdue_after(client: Client, agency_a: Agency) -> None:
    due_on, basis = inspection.plan_due(agency_a, 2026)
    assert due_on == dt.date(2026, 3, 31) and "第八条第一款" in basis
    assert inspection.plan_status(agency_a, 2026, dt.date(2026, 3, 31))["overdue"] is False
    status = inspection.plan_status(agency_a, 2026, dt.date(2026, 4, 1))
    assert status["overdue"] is True and status["required"] is True
    with time_machine.travel(cf.at(2026, 4, 1, 9), tick=False):
        page = client.get(reverse("disclosure:inspection", kwargs={"slug": agency_a.slug}))
    assert "已逾期未公示" in page.content.decode()


def test_published_plan_on_the_portal(client: Client, agency_a: Agency, agency_b: Agency) -> None:
    with time_machine.travel(cf.at(2026, 2, 10, 9), tick=False):
        plan = _published_plan(agency_a)
        page = client.get(reverse("disclosure:inspection", kwargs={"slug": agency_a.slug}))
        other = client.get(reverse("disclosure:inspection", kwargs={"slug": agency_b.slug}))
    assert plan.planned_total == 80
    assert inspection.plan_status(agency_a, 2026, dt.date(2026, 4, 1))["overdue"] is False
    detail_url = reverse("disclosure:plan_detail", kwargs={"pk": plan.pk})
    assert detail_url in page.content.decode() and detail_url not in other.content.decode()
    detail = client.get(detail_url).content.decode()
    for text in (
        "人力资源市场双随机抽查",
        "双随机抽查",
        "10.50%",
        "每半年一次",
        "1200",
        "检查主体",
    ):
        assert text in detail
    kinds = list(
        LedgerEntry.objects.filter(agency=agency_a).values_list("kind", flat=True).order_by("index")
    )
    assert (
        kinds == ["disclosure.inspection_plan.created"] + ["disclosure.inspection_plan.status"] * 3
    )


def test_agency_without_a_plan_rule_is_refused_and_nothing_written(agency_b: Agency) -> None:
    pub, _ = _team(agency_b)
    before = (InspectionPlan.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(RuleViolation):
        inspection.create_plan(actor=pub, agency=agency_b, year=2026, lines=LINES)
    assert (InspectionPlan.objects.count(), LedgerEntry.objects.count()) == before
    assert inspection.plan_status(agency_b, 2026, dt.date(2026, 4, 1))["overdue"] is False


def test_other_agency_and_bad_lines_write_nothing(agency_a: Agency, agency_b: Agency) -> None:
    pub_b, _ = _team(agency_b)
    pub_a, _ = _team(agency_a)
    before = (InspectionPlan.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(RuleViolation):
        inspection.create_plan(actor=pub_b, agency=agency_a, year=2026, lines=LINES)
    bad = [LINES[0].__class__(**{**LINES[0].__dict__, "ratio_percent": Decimal("120")})]
    with pytest.raises(RuleViolation):
        inspection.create_plan(actor=pub_a, agency=agency_a, year=2026, lines=bad)
    assert (InspectionPlan.objects.count(), LedgerEntry.objects.count()) == before
    inspection.create_plan(actor=pub_a, agency=agency_a, year=2026, lines=LINES)
    before = (InspectionPlan.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(RuleViolation):
        inspection.create_plan(actor=pub_a, agency=agency_a, year=2026, lines=LINES)
    assert (InspectionPlan.objects.count(), LedgerEntry.objects.count()) == before


def test_plan_correction_keeps_the_published_lines(client: Client, agency_a: Agency) -> None:
    plan = _published_plan(agency_a)
    pub, _ = _team(agency_a)
    plan = inspection.replace_plan_lines(
        actor=pub, plan=plan, lines=LINES[:1], reason="人力资源市场抽查并入专项检查"
    )
    assert plan.version == 2 and plan.planned_total == 60
    assert plan.history[0]["content"]["lines"][1]["检查事项"] == "人力资源市场双随机抽查"
    html = client.get(reverse("disclosure:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert "人力资源市场抽查并入专项检查" in html


def test_plan_execution_counts_the_agency_inspections_of_the_year(agency_a: Agency) -> None:
    dongxihu = cf.agency("dongxihu-sfj")
    _published_plan(agency_a)
    with time_machine.travel(cf.at(2026, 2, 2, 9), tick=False):
        _inspections(agency_a, 3, when=cf.at(2026, 2, 2, 9))
        _inspections(dongxihu, 2, when=cf.at(2026, 2, 2, 9))
    with time_machine.travel(cf.at(2025, 12, 1, 9), tick=False):
        # Last year's cases are not this year's execution.
        _inspections(agency_a, 1, when=cf.at(2025, 12, 1, 9))
    execution = inspection.plan_execution(agency=agency_a, year=2026)
    assert (execution.planned, execution.inspected, execution.concluded) == (80, 3, 0)
    assert execution.rate == Decimal("0.0375") and execution.officers == 2
    assert execution.per_officer == Decimal("1.50") and execution.pass_rate is None
    other = inspection.plan_execution(agency=dongxihu, year=2026)
    assert (other.planned, other.inspected, other.rate) == (0, 2, None)


def test_quarterly_information_from_the_cases_of_the_quarter(
    client: Client, agency_a: Agency
) -> None:
    pub, leader = _team(agency_a)
    with time_machine.travel(cf.at(2026, 2, 2, 9), tick=False):
        _inspections(agency_a, 2, when=cf.at(2026, 2, 2, 9))
    with time_machine.travel(cf.at(2026, 4, 2, 9), tick=False):
        _inspections(agency_a, 1, when=cf.at(2026, 4, 2, 9))  # next quarter: not counted
        periods = inspection.due_periods(agency=agency_a, today=dt.date(2026, 4, 2), count=1)
        assert [(p.start, p.end, p.due_on) for p in periods] == [
            (dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 6, 30))
        ]
        info = inspection.open_info(
            actor=pub, agency=agency_a, item_id="inspection_results", day=dt.date(2026, 2, 1)
        )
        assert info.figures["inspected"] == 2 and len(info.rows) == 2
        assert {r["target"] for r in info.rows} == {"王某"}
        assert all("王小明" not in r["matter"] for r in info.rows)
        notices.submit(actor=pub, notice=info)
        notices.approve(actor=leader, notice=info)
        notices.publish(actor=pub, notice=info)
        page = client.get(reverse("disclosure:info_detail", kwargs={"pk": info.pk}))
        listing = client.get(reverse("disclosure:inspection", kwargs={"slug": agency_a.slug}))
    html = page.content.decode()
    assert page.status_code == 200 and "王某" in html
    assert "王小明" not in html and "11010519491231002X" not in html
    assert reverse("disclosure:info_detail", kwargs={"pk": info.pk}) in listing.content.decode()
    # Published information cannot be silently recomputed.
    before = LedgerEntry.objects.count()
    with pytest.raises(RuleViolation):
        inspection.open_info(
            actor=pub, agency=agency_a, item_id="inspection_results", day=dt.date(2026, 3, 1)
        )
    assert LedgerEntry.objects.count() == before


def test_agency_without_periodic_information_is_refused(agency_b: Agency) -> None:
    pub, _ = _team(agency_b)
    before = (InspectionInfo.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(RuleViolation):
        inspection.open_info(
            actor=pub, agency=agency_b, item_id="inspection_results", day=dt.date(2026, 2, 1)
        )
    assert (InspectionInfo.objects.count(), LedgerEntry.objects.count()) == before
    assert inspection.due_periods(agency=agency_b, today=dt.date(2026, 4, 2)) == []


def test_unpublished_plan_is_not_public(client: Client, agency_a: Agency) -> None:
    pub, _ = _team(agency_a)
    plan = inspection.create_plan(actor=pub, agency=agency_a, year=2026, lines=LINES)
    assert client.get(reverse("disclosure:plan_detail", kwargs={"pk": plan.pk})).status_code == 404
    assert plan.status == NoticeStatus.DRAFT
    assert inspection.plan_execution(agency=agency_a, year=2026).planned == 0


@pytest.mark.parametrize(
    ("slug", "due", "periodic"),
    [
        ("wuhan-rsj", dt.date(2026, 3, 31), True),
        ("wuhan-kjj", dt.date(2026, 3, 31), False),
        ("dongxihu-sfj", None, True),  # 明确执法检查计划信息, no day set: due by year end
        ("liuzhou-kjj", None, False),
        ("qiaokou-rzj", None, False),
    ],
)
def test_each_agency_plan_and_information_rules(
    slug: str, due: dt.date | None, periodic: bool
) -> None:
    agency = cf.agency(slug)
    assert inspection.plan_due(agency, 2026)[0] == due
    required = inspection.plan_item(agency) is not None
    assert required == (slug in ("wuhan-rsj", "wuhan-kjj", "dongxihu-sfj"))
    periods = inspection.due_periods(agency=agency, today=dt.date(2026, 7, 15), count=2)
    assert bool(periods) == periodic
    if periodic:
        assert [(p.start, p.due_on) for p in periods] == [
            (dt.date(2026, 4, 1), dt.date(2026, 9, 30)),
            (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ]
