"""The repository holiday table and the year format: what the data says and what is refused."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sanxiang.workdays.table import (
    STATUTORY_HOLIDAYS,
    HolidayDataError,
    HolidayTable,
    loads,
    parse_document,
    parse_year,
    repository_table,
)
from sanxiang.workdays.tests.helpers import DATA, example_2027

D = dt.date


def test_repository_table_covers_2004_to_2026() -> None:
    table = repository_table()
    assert (table.first_year, table.last_year) == (2004, 2026)
    assert [y.year for y in table.years] == list(range(2004, 2027))


def test_every_adjusted_working_day_is_a_weekend_day() -> None:
    for year in repository_table().years:
        assert all(day.weekday() >= 5 for day in year.work), year.year


def test_every_year_since_2008_names_all_seven_holidays() -> None:
    # 清明, 端午 and 中秋 became public holidays with the 2007 revision of the 放假办法.
    # In 2020 中秋 fell on 10-01, inside the span the table names 国庆节.
    old = {"元旦", "春节", "劳动节", "国庆节"}
    for year in repository_table().years:
        names = set(year.off.values())
        expected = set(STATUTORY_HOLIDAYS) if year.year >= 2008 else old
        if year.year == 2020:
            expected = expected - {"中秋节"}
        assert expected <= names, (year.year, expected - names)


def test_2026_national_day_as_published() -> None:
    """国办发明电〔2025〕7号: 10-01…10-07 off, 09-20 (Sunday) and 10-10 (Saturday) worked."""
    year = repository_table().years[-1]
    assert year.year == 2026
    assert "国办发明电〔2025〕7号" in year.notices[0]
    national = sorted(d for d, name in year.off.items() if name == "国庆节")
    assert national == [D(2026, 10, d) for d in range(1, 8)]
    assert sorted(d for d, n in year.work.items() if n == "国庆节") == [
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]


def test_december_new_year_days_are_filed_under_the_next_notice() -> None:
    table = repository_table()
    y2008 = next(y for y in table.years if y.year == 2008)
    assert y2008.work[D(2007, 12, 29)] == "元旦"
    assert y2008.off[D(2007, 12, 31)] == "元旦"
    assert table.status(D(2007, 12, 31)).reason == "元旦放假"
    assert any("2008年" in n for n in table.notices_for(D(2007, 12, 28), D(2007, 12, 31)))


def test_2020_spring_festival_extension_is_in_the_table() -> None:
    table = repository_table()
    # 2020-02-01 was a working Saturday until 国办发明电〔2020〕1号 extended the holiday.
    assert not table.is_workday(D(2020, 2, 1))
    assert not table.is_workday(D(2020, 1, 31))
    assert table.is_workday(D(2020, 2, 3))
    assert any("〔2020〕1号" in n for n in table.notices_for(D(2020, 1, 30), D(2020, 2, 3)))


def test_status_reasons() -> None:
    table = repository_table()
    assert table.status(D(2026, 10, 1)).reason == "国庆节放假"
    adjusted = table.status(D(2026, 10, 10))
    assert adjusted.workday and adjusted.adjusted and adjusted.reason == "周六，国庆节调休上班"
    assert table.status(D(2026, 10, 11)).reason == "周日"
    assert table.status(D(2026, 10, 12)).workday
    outside = table.status(D(2027, 1, 1))
    assert outside.workday and not outside.known
    assert not table.status(D(2003, 12, 31)).known


def test_generated_file_is_up_to_date() -> None:
    pytest.importorskip("chinese_calendar")
    script = DATA / "generate.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_runtime_does_not_import_chinese_calendar() -> None:
    code = (
        "import sys, datetime\n"
        "from sanxiang.workdays import calendar\n"
        "calendar.compute(datetime.date(2026, 9, 29), 7, 'workday')\n"
        "assert 'chinese_calendar' not in sys.modules, 'imported at run time'\n"
        "assert 'django' not in sys.modules, 'pure core imports django'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_example_file_is_valid_but_marked_as_example() -> None:
    raw = json.loads((DATA / "example-2027.json").read_text(encoding="utf-8"))
    assert parse_year(raw, allow_example=True).year == 2027
    with pytest.raises(HolidayDataError, match="示例"):
        parse_year(raw)


def _year(**changes: Any) -> dict[str, Any]:
    data = example_2027()
    data.update(changes)
    return data


MALFORMED = [
    pytest.param({"year": "2027"}, "year 应为", id="year-not-int"),
    pytest.param({"year": True}, "year 应为", id="year-bool"),
    pytest.param({"notices": []}, "notices", id="no-notice"),
    pytest.param({"notices": [""]}, "notices", id="blank-notice"),
    pytest.param({"off": []}, "off 应为", id="off-not-object"),
    pytest.param({"off": {}}, "off has no days", id="off-empty"),
    pytest.param({"work": None}, "work 应为", id="work-missing"),
    pytest.param({"off": {"2027-02-30": "春节"}}, "不是 YYYY-MM-DD", id="bad-date"),
    pytest.param({"off": {"20271001": "国庆节"}}, "不是 YYYY-MM-DD", id="compact-date"),
    pytest.param({"remark": "x", "off": {}}, "off has no days", id="off-empty-and-more"),
    pytest.param({"off": {"2027-10-01": ""}}, "未写节日名称", id="unnamed"),
    pytest.param({"off": {"2027-10-01": "国庆"}}, "不是法定节日", id="unknown-name"),
    pytest.param({"off": {"2028-01-01": "元旦"}}, "不在 2027 年内", id="next-year"),
    pytest.param({"off": {"2026-12-30": "春节"}}, "不在 2027 年内", id="prev-dec-not-new-year"),
    pytest.param({"work": {"2027-10-08": "国庆节"}}, "必须是周六或周日", id="weekday-work"),
    pytest.param(
        {"off": {"2027-10-09": "国庆节"}, "work": {"2027-10-09": "国庆节"}},
        "同时列为放假和上班",
        id="off-and-work",
    ),
    pytest.param({"remark": "x"}, "未知的键", id="unknown-key"),
    pytest.param({"example": True}, "示例", id="example"),
]


@pytest.mark.parametrize(("changes", "message"), MALFORMED)
def test_malformed_year_is_refused_with_its_reason(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(HolidayDataError) as info:
        parse_year(_year(**changes))
    assert message in str(info.value)
    # Every problem carries both languages.
    assert all(" / " in problem for problem in info.value.problems)


def test_special_holiday_names_are_accepted_when_declared() -> None:
    name = "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
    data = _year(off={**example_2027()["off"], "2027-09-03": name}, special=[name])
    assert parse_year(data).off[D(2027, 9, 3)] == name


def test_previous_december_new_year_days_are_accepted() -> None:
    data = _year(off={**example_2027()["off"], "2026-12-31": "元旦"})
    assert parse_year(data).off[D(2026, 12, 31)] == "元旦"


def test_duplicate_json_keys_are_refused() -> None:
    text = '{"year": 2027, "off": {"2027-10-01": "国庆节", "2027-10-01": "中秋节"}}'
    with pytest.raises(HolidayDataError, match="重复"):
        loads(text)


def test_invalid_json_is_refused() -> None:
    with pytest.raises(HolidayDataError, match="不是有效的 JSON"):
        loads(b"{not json")


def test_table_refuses_gaps_and_repeated_days() -> None:
    table = repository_table()
    y2025, y2026 = table.years[-2], table.years[-1]
    with pytest.raises(HolidayDataError, match="不连续"):
        HolidayTable([y2025, parse_year(_year(year=2027)), table.years[0]])
    repeated = parse_year(_year(off={**example_2027()["off"], "2026-12-31": "元旦"}))
    clash = type(y2026)(
        year=2026,
        notices=y2026.notices,
        off={**y2026.off, D(2026, 12, 31): "元旦"},
        work=y2026.work,
    )
    with pytest.raises(HolidayDataError, match="两个年度"):
        HolidayTable([y2025, clash, repeated])


def test_document_format_is_checked() -> None:
    with pytest.raises(HolidayDataError, match="format"):
        parse_document('{"format": "other", "years": []}')
    text = Path(DATA / "holidays.json").read_text(encoding="utf-8")
    assert parse_document(text).last_year == 2026
