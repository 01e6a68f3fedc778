"""How long a stored object must be kept, from the agency's ``[records]`` rules. No Django.

AV records: at least the pack's ``av_retention`` (3 months; 市人社局 第二十七条第一款,
硚口 第二十六条第一款). AV used as evidence: burnt to disc and kept with the case file for the
file's retention (市人社局 第二十七条第二款, 硚口 第二十六条第二款): the store keeps it
permanently until the archive disposes of the whole file. Packs without a retention rule fall
back to the same three months, marked as the platform's default rather than cited to a rule
that does not exist.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

DEFAULT_MONTHS = 3


@dataclass(frozen=True)
class Retention:
    until: dt.date | None  # None: permanent (kept with the case file)
    rule_id: str
    cite: str
    label: str


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _rule(records: Any, rule_id: str, table: str) -> Any:
    for item in getattr(records, table, None) or []:
        if item.id == rule_id:
            return item
    return None


def retention_for(records: Any, *, recorded_on: dt.date, as_evidence: bool) -> Retention:
    """``records`` is the pack's ``[records]`` model (or None)."""
    if as_evidence:
        disc = _rule(records, "av_evidence_disc", "rules")
        return Retention(
            until=None,
            rule_id=disc.id if disc else "evidence_with_case_file",
            cite=disc.cite if disc else "",
            label=disc.label if disc else "作为证据使用，随案卷保存",
        )
    rule = _rule(records, "av_retention", "retention")
    if rule is not None and rule.permanent:
        return Retention(until=None, rule_id=rule.id, cite=rule.cite, label=rule.label)
    if rule is not None:
        months = rule.months or (rule.years or 0) * 12
        return Retention(
            until=add_months(recorded_on, months), rule_id=rule.id, cite=rule.cite,
            label=rule.label,
        )  # fmt: skip
    return Retention(
        until=add_months(recorded_on, DEFAULT_MONTHS),
        rule_id="platform_default",
        cite="",
        label="规则包未规定保存期限，平台默认不少于3个月",
    )
