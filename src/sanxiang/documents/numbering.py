"""文号 and Chinese dates: pure functions, no database (STYLE.md §8).

A 发文字号 is 机关代字 + 类别 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.4: the year in 六角括号
〔〕, the sequence without leading zeros and without 第). Patterns are format strings so that an
agency's own style (``武人社罚〔{year}〕{seq}号``) is data, not code.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

_DIGITS = "〇一二三四五六七八九"
# The placeholders of a pack's pattern (policy/schema.py NUMBER_FIELDS): 机关代字, 类别字, year,
# sequence.
_ALLOWED_FIELDS = frozenset({"abbr", "code", "year", "seq"})
_REQUIRED_FIELDS = ("year", "seq")


class PatternError(ValueError):
    """A numbering pattern that cannot produce a 文号."""


@dataclass(frozen=True)
class NumberPattern:
    """A 文号 pattern with ``{year}`` and ``{seq}`` (``{seq:03}`` pads, if an agency wants it),
    and optionally ``{abbr}`` (机关代字) and ``{code}`` (the document type's 类别字)."""

    template: str
    abbr: str = ""
    code: str = ""

    def __post_init__(self) -> None:
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(self.template) if name}
        except ValueError as exc:
            raise PatternError(f"numbering pattern {self.template!r}: {exc}") from None
        for name in _REQUIRED_FIELDS:
            if name not in fields:
                raise PatternError(f"numbering pattern {self.template!r} has no {{{name}}}")
        if unknown := fields - _ALLOWED_FIELDS:
            raise PatternError(f"numbering pattern {self.template!r} names {sorted(unknown)}")

    def format(self, *, year: int, sequence: int) -> str:
        if sequence < 1:
            raise PatternError("a 文号 sequence starts at 1")
        return self.template.format(year=year, seq=sequence, abbr=self.abbr, code=self.code)

    def blank(self) -> str:
        """The 文号 with year and sequence left blank, for a blank form: 武人社罚〔    〕  号."""
        out = []
        for literal, name, _, _ in string.Formatter().parse(self.template):
            out.append(literal)
            if name in ("year", "seq"):
                out.append("    " if name == "year" else "  ")
            elif name:
                out.append({"abbr": self.abbr, "code": self.code}[name])
        return "".join(out)


def chinese_year(year: int) -> str:
    """二〇二六: the year digit by digit (GB/T 9704-2012 §7.3.5.3 成文日期)."""
    return "".join(_DIGITS[int(d)] for d in str(year))


def chinese_number(n: int) -> str:
    """1–31 in Chinese numerals as written in dates: 十一, 二十三, 三十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"{n} is not a month or day")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")


def chinese_date(day: dt.date) -> str:
    """二〇二六年十一月二十三日 — 成文日期 in full Chinese numerals (GB/T 9704-2012 §7.3.5.3)."""
    return f"{chinese_year(day.year)}年{chinese_number(day.month)}月{chinese_number(day.day)}日"
