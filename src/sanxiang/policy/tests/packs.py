"""Tiny packs for the tests: a minimal national pack and helpers to write agency packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

MINI_NATIONAL = """
[pack]
slug = "national"
name = "国家"
version = "1"
effective = 2026-01-01

[facts.fine_amount]
type = "double"
label = "罚款金额"

[facts.party_kind]
type = "string"
label = "当事人类型"
values = ["individual", "organization"]

[facts.hearing_requested]
type = "bool"
label = "要求听证"

[events.case_filed]
label = "立案"

[clock_stops.hearing]
label = "听证"
cite = "许可法 第四十五条"

[case_kinds.penalty]
label = "行政处罚"
cite = "处罚法 第二条"

[case_kinds.penalty.procedures.general]
label = "普通程序"
cite = "处罚法 第五十四条"
initial = "filing"
terminal = ["closed"]
stages = [
  { id = "filing", label = "立案", cite = "处罚法 第五十四条" },
  { id = "hearing", label = "听证", cite = "处罚法 第六十四条" },
  { id = "closed", label = "结案", cite = "处罚法 第四十七条" },
]

[[case_kinds.penalty.procedures.general.transitions]]
id = "hold_hearing"
from = "filing"
to = "hearing"
when = "hearing_requested"
cite = "处罚法 第六十三条"

[[case_kinds.penalty.procedures.general.transitions]]
id = "close"
from = ["filing", "hearing"]
to = "closed"
cite = "处罚法 第五十七条"

[[deadlines]]
id = "decision"
label = "作出决定"
trigger = "case_filed"
amount = 90
unit = "day"
cite = "处罚法 第六十条"

[review]
office = "法制机构"
cite = "处罚法 第五十八条"
time_limit = { amount = 10, unit = "workday", cite = "示例办法 第十条" }
checklist = [
  { id = "basis", label = "法律依据", cite = "示例办法 第九条" },
  { id = "procedure_legal", label = "程序合法", cite = "示例办法 第九条" },
]
"""

AGENCY_HEADER = """
[pack]
slug = "{slug}"
name = "某局"
extends = "{extends}"
version = "1"
effective = 2026-01-01
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def agency(directory: Path, body: str, *, slug: str = "agency", extends: str = "national") -> Path:
    header = AGENCY_HEADER.format(slug=slug, extends=extends)
    return write(directory, slug, header + textwrap.dedent(body))
