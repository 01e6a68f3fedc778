"""Table tests around every 2026 holiday (国办发明电〔2025〕7号), on the repository table.

元旦 1/1–1/3 (1/4 Sun worked); 春节 2/15–2/23 (2/14 Sat, 2/28 Sat worked); 清明 4/4–4/6;
劳动节 5/1–5/5 (5/9 Sat worked); 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7 (9/20 Sun,
10/10 Sat worked).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sanxiang.workdays import calendar
from sanxiang.workdays.calendar import Skipped, Unit
from sanxiang.workdays.table import repository_table

D = dt.date
TABLE = repository_table()

CASES = [
    # 元旦
    pytest.param(D(2025, 12, 31), 1, Unit.WORKDAY, D(2026, 1, 4), id="new-year-to-worked-sunday"),
    pytest.param(D(2026, 1, 1), 1, Unit.WORKDAY, D(2026, 1, 4), id="new-year-start-on-holiday"),
    pytest.param(D(2026, 1, 4), 1, Unit.WORKDAY, D(2026, 1, 5), id="new-year-start-on-worked-day"),
    pytest.param(D(2025, 12, 29), 3, Unit.DAY, D(2026, 1, 4), id="new-year-days-end-on-holiday"),
    # 春节
    pytest.param(D(2026, 2, 13), 1, Unit.WORKDAY, D(2026, 2, 14), id="spring-worked-saturday"),
    pytest.param(D(2026, 2, 13), 2, Unit.WORKDAY, D(2026, 2, 24), id="spring-across-holiday"),
    pytest.param(D(2026, 2, 16), 1, Unit.WORKDAY, D(2026, 2, 24), id="spring-start-on-holiday"),
    pytest.param(D(2026, 2, 24), 4, Unit.WORKDAY, D(2026, 2, 28), id="spring-second-worked-sat"),
    pytest.param(D(2026, 2, 10), 7, Unit.DAY, D(2026, 2, 24), id="spring-days-end-on-holiday"),
    pytest.param(D(2026, 2, 10), 4, Unit.DAY, D(2026, 2, 14), id="spring-days-end-worked-sat"),
    # 清明
    pytest.param(D(2026, 4, 3), 1, Unit.WORKDAY, D(2026, 4, 7), id="qingming"),
    pytest.param(D(2026, 4, 4), 1, Unit.WORKDAY, D(2026, 4, 7), id="qingming-start-on-holiday"),
    pytest.param(D(2026, 3, 28), 7, Unit.DAY, D(2026, 4, 7), id="qingming-days"),
    pytest.param(D(2026, 4, 1), 5, Unit.DAY, D(2026, 4, 7), id="qingming-days-monday"),
    # 劳动节
    pytest.param(D(2026, 4, 30), 1, Unit.WORKDAY, D(2026, 5, 6), id="labour"),
    pytest.param(D(2026, 5, 6), 3, Unit.WORKDAY, D(2026, 5, 9), id="labour-worked-saturday"),
    pytest.param(D(2026, 5, 1), 5, Unit.WORKDAY, D(2026, 5, 11), id="labour-start-on-holiday"),
    pytest.param(D(2026, 4, 24), 7, Unit.DAY, D(2026, 5, 6), id="labour-days"),
    # 端午
    pytest.param(D(2026, 6, 18), 1, Unit.WORKDAY, D(2026, 6, 22), id="dragon-boat"),
    pytest.param(D(2026, 6, 19), 1, Unit.WORKDAY, D(2026, 6, 22), id="dragon-boat-start-holiday"),
    pytest.param(D(2026, 6, 12), 7, Unit.DAY, D(2026, 6, 22), id="dragon-boat-days"),
    # 中秋 / 国庆
    pytest.param(D(2026, 9, 18), 1, Unit.WORKDAY, D(2026, 9, 20), id="mid-autumn-worked-sunday"),
    pytest.param(D(2026, 9, 24), 1, Unit.WORKDAY, D(2026, 9, 28), id="mid-autumn"),
    pytest.param(D(2026, 9, 29), 7, Unit.WORKDAY, D(2026, 10, 14), id="national-day-brief-example"),
    pytest.param(D(2026, 10, 1), 1, Unit.WORKDAY, D(2026, 10, 8), id="national-start-on-holiday"),
    pytest.param(D(2026, 10, 7), 3, Unit.WORKDAY, D(2026, 10, 10), id="national-worked-saturday"),
    pytest.param(D(2026, 9, 24), 7, Unit.DAY, D(2026, 10, 8), id="national-days"),
    pytest.param(D(2026, 9, 13), 7, Unit.DAY, D(2026, 9, 20), id="days-end-on-worked-sunday"),
    pytest.param(D(2026, 9, 19), 7, Unit.DAY, D(2026, 9, 28), id="days-end-in-mid-autumn"),
    # months
    pytest.param(D(2026, 9, 1), 1, Unit.MONTH, D(2026, 10, 8), id="month-into-national-day"),
    pytest.param(D(2026, 8, 31), 1, Unit.MONTH, D(2026, 9, 30), id="month-end-clamped"),
    pytest.param(D(2026, 1, 31), 1, Unit.MONTH, D(2026, 2, 28), id="month-clamped-worked-sat"),
    pytest.param(D(2025, 12, 31), 2, Unit.MONTH, D(2026, 2, 28), id="month-across-year"),
    pytest.param(D(2026, 3, 31), 1, Unit.MONTH, D(2026, 4, 30), id="month-to-30th"),
    pytest.param(D(2025, 10, 1), 12, Unit.MONTH, D(2026, 10, 8), id="twelve-months"),
]


@pytest.mark.parametrize(("start", "amount", "unit", "due"), CASES)
def test_2026_due_dates(start: dt.date, amount: int, unit: Unit, due: dt.date) -> None:
    result = calendar.compute(start, amount, unit, table=TABLE)
    assert result.due == due
    assert result.provisional is False
    assert "2026年部分节假日安排" in result.basis


def test_brief_example_explains_the_holiday_and_the_worked_saturday() -> None:
    result = calendar.add_workdays(D(2026, 9, 29), 7, table=TABLE)
    assert result.skipped == [
        *(Skipped(D(2026, 10, d), "国庆节放假") for d in range(1, 8)),
        Skipped(D(2026, 10, 11), "周日"),
    ]
    assert result.adjusted == [Skipped(D(2026, 10, 10), "周六，国庆节调休上班")]
    text = result.explain()
    assert "届满日 2026-10-14（周三）" in text
    assert "跳过 2026-10-01：国庆节放假" in text
    assert "计入 2026-10-10：周六，国庆节调休上班" in text
    assert "国办发明电〔2025〕7号" in text
    assert "第八十五条" in text


def test_start_day_is_not_counted_even_when_it_is_a_holiday() -> None:
    # chinese_calendar.find_workday(1, 2026-10-01) would count 10-01 as day zero and land on
    # 10-09; the start day is simply excluded (民事诉讼法 第八十五条第二款).
    assert calendar.add_workdays(D(2026, 10, 1), 1, table=TABLE).due == D(2026, 10, 8)
    assert calendar.add_workdays(D(2026, 10, 1), 2, table=TABLE).due == D(2026, 10, 9)


def test_days_rule_cites_civil_procedure_through_administrative_penalty_law() -> None:
    result = calendar.add_days(D(2026, 9, 24), 7, table=TABLE)
    assert result.skipped == [Skipped(D(2026, 10, d), "国庆节放假") for d in range(1, 8)]
    assert "期间届满的最后一日是法定休假日的" in result.basis
    assert "行政处罚法》第六十一条" in result.basis
    assert "顺延至 2026-10-08" in result.basis


def test_days_ending_on_a_working_day_skip_nothing() -> None:
    result = calendar.add_days(D(2026, 9, 1), 7, table=TABLE)
    assert (result.due, result.skipped) == (D(2026, 9, 8), [])


def test_month_clamp_is_explained() -> None:
    result = calendar.add_months(D(2026, 1, 31), 1, table=TABLE)
    assert "没有对应日，取月末日" in result.basis
    assert "民法典》第二百零二条" in result.basis


def test_zero_amount_is_the_same_day() -> None:
    for unit in Unit:
        result = calendar.compute(D(2026, 10, 1), 0, unit, table=TABLE)
        assert (result.due, result.skipped, result.provisional) == (D(2026, 10, 1), [], False)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due", "provisional"),
    [
        (D(2026, 12, 30), 1, Unit.WORKDAY, D(2026, 12, 31), False),
        (D(2026, 12, 31), 1, Unit.WORKDAY, D(2027, 1, 1), True),
        (D(2026, 12, 26), 5, Unit.DAY, D(2026, 12, 31), False),
        (D(2026, 12, 26), 7, Unit.DAY, D(2027, 1, 4), True),
        (D(2026, 11, 30), 1, Unit.MONTH, D(2026, 12, 30), False),
        (D(2026, 12, 1), 1, Unit.MONTH, D(2027, 1, 1), True),
        (D(2003, 12, 30), 1, Unit.WORKDAY, D(2003, 12, 31), True),
    ],
)
def test_provisional_past_the_table(
    start: dt.date, amount: int, unit: Unit, due: dt.date, provisional: bool
) -> None:
    result = calendar.compute(start, amount, unit, table=TABLE)
    assert (result.due, result.provisional) == (due, provisional)
    assert ("暂定" in result.basis) is provisional
    assert ("【暂定】" in result.explain()) is provisional


def test_workdays_between() -> None:
    count = calendar.workdays_between(D(2026, 9, 29), D(2026, 10, 14), table=TABLE)
    assert count.count == 7 and not count.provisional
    assert len(count.skipped) == 8
    back = calendar.workdays_between(D(2026, 10, 14), D(2026, 9, 29), table=TABLE)
    assert back.count == -7
    assert calendar.workdays_between(D(2026, 12, 30), D(2027, 1, 2), table=TABLE).provisional


def test_is_workday_and_day_status() -> None:
    assert calendar.is_workday(D(2026, 10, 10), table=TABLE)
    assert not calendar.is_workday(D(2026, 10, 1), table=TABLE)
    assert calendar.day_status(D(2026, 2, 15), table=TABLE).reason == "春节放假"


def test_aware_datetime_counts_by_its_shanghai_date() -> None:
    # 2026-09-29 17:00 UTC is already 09-30 01:00 in Shanghai.
    late = dt.datetime(2026, 9, 29, 17, 0, tzinfo=dt.UTC)
    assert calendar.add_workdays(late, 1, table=TABLE).start == D(2026, 9, 30)
    with pytest.raises(ValueError, match="时区"):
        calendar.add_workdays(dt.datetime(2026, 9, 29, 9, 0), 1, table=TABLE)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [(-1, "workday", "负数"), (1, "week", "未知的期限单位"), (10**6, "day", "过长")],
)
def test_bad_arguments_are_refused(amount: int, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        calendar.compute(D(2026, 1, 1), amount, unit, table=TABLE)


def test_json_shape() -> None:
    data = calendar.compute(D(2026, 9, 29), 7, "workday", table=TABLE).as_json()
    assert set(data) == {"due", "provisional", "skipped", "basis"}
    assert data["due"] == "2026-10-14"
    assert data["skipped"][0] == {"date": "2026-10-01", "reason": "国庆节放假"}


def test_workdays_between_explains_itself() -> None:
    count = calendar.workdays_between(D(2026, 9, 30), D(2026, 10, 9), table=TABLE)
    assert count.count == 2
    text = count.explain()
    assert "2 个工作日" in text and "不计 2026-10-01：国庆节放假" in text
    assert calendar.workdays_between(D(2026, 10, 9), D(2026, 9, 30), table=TABLE).first == D(
        2026, 10, 9
    )


def test_explanation_lists_days_in_date_order() -> None:
    text = calendar.add_workdays(D(2026, 9, 29), 7, table=TABLE).explain()
    listed = re.findall(r"^  \S+ (\d{4}-\d\d-\d\d)：", text, flags=re.MULTILINE)
    assert len(listed) == 9
    assert listed == sorted(listed)
    assert "  计入 2026-10-10：周六，国庆节调休上班" in text.splitlines()
    run_past = calendar.add_days(D(2026, 9, 24), 7, table=TABLE).explain()
    assert "顺延经过 2026-10-01：国庆节放假" in run_past
