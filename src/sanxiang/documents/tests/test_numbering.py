"""文号: pattern formatting, Chinese dates, and the gapless counter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from sanxiang.documents.counters import next_number
from sanxiang.documents.models import DocumentCounter
from sanxiang.documents.numbering import NumberPattern, PatternError, chinese_date
from sanxiang.documents.patterns import pattern_for
from sanxiang.registry.models import Agency


def test_pattern_formats_the_agency_style() -> None:
    pattern = pattern_for(
        slug="wuhan-rsj", agency_name="武汉市人力资源和社会保障局", doc_type="penalty_decision"
    )
    assert pattern is not None
    assert pattern.format(year=2026, sequence=12) == "武人社罚〔2026〕12号"


def test_forms_carry_no_number() -> None:
    assert pattern_for(slug="wuhan-rsj", agency_name="x", doc_type="inquiry_transcript") is None


def test_unknown_agency_uses_its_name() -> None:
    pattern = pattern_for(slug="new-agency", agency_name="黄石市司法局", doc_type="demand_notice")
    assert pattern is not None and pattern.format(year=2027, sequence=1) == "黄石催〔2027〕1号"


@pytest.mark.parametrize("template", ["罚〔{year}〕号", "罚{agency}{seq}", "{seq}{x}"])
def test_bad_patterns_are_refused(template: str) -> None:
    with pytest.raises(PatternError):
        NumberPattern(template)


def test_sequence_starts_at_one() -> None:
    with pytest.raises(PatternError):
        NumberPattern("罚{seq}号").format(year=2026, sequence=0)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 11, 23), "二〇二六年十一月二十三日"),
        (dt.date(2026, 1, 1), "二〇二六年一月一日"),
        (dt.date(2030, 10, 10), "二〇三〇年十月十日"),
        (dt.date(2025, 12, 31), "二〇二五年十二月三十一日"),
        (dt.date(2026, 2, 20), "二〇二六年二月二十日"),
    ],
)
def test_chinese_dates(day: dt.date, text: str) -> None:
    assert chinese_date(day) == text


@pytest.mark.django_db
def test_counter_is_per_agency_type_and_year(agency_a: Agency, agency_b: Agency) -> None:
    with transaction.atomic():
        a = [
            next_number(agency=agency_a, doc_type="penalty_decision", year=2026).text
            for _ in range(3)
        ]
        b = next_number(agency=agency_b, doc_type="penalty_decision", year=2026).text
        other_type = next_number(agency=agency_a, doc_type="demand_notice", year=2026).text
        next_year = next_number(agency=agency_a, doc_type="penalty_decision", year=2027).text
    assert a == ["武人社罚〔2026〕1号", "武人社罚〔2026〕2号", "武人社罚〔2026〕3号"]
    assert b == "柳科罚〔2026〕1号"
    assert other_type == "武人社催〔2026〕1号"
    assert next_year == "武人社罚〔2027〕1号"


@pytest.mark.django_db
def test_rolled_back_number_is_reused(agency_a: Agency) -> None:
    with transaction.atomic():
        next_number(agency=agency_a, doc_type="penalty_decision", year=2026)
    with pytest.raises(RuntimeError, match="boom"), transaction.atomic():
        next_number(agency=agency_a, doc_type="penalty_decision", year=2026)
        raise RuntimeError("boom")
    with transaction.atomic():
        again = next_number(agency=agency_a, doc_type="penalty_decision", year=2026)
    assert again.sequence == 2
    assert DocumentCounter.objects.get(agency=agency_a).last == 2
