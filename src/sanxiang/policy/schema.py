"""The shape of a policy pack (制度规则包), as pydantic models.

A pack file is TOML; `loader` merges an agency pack onto the pack it ``extends`` and validates
the *resolved* document against :class:`Pack`. Every model forbids unknown keys, so a typo in a
pack is an error at load instead of a rule that silently does nothing. Cross-references (stages
named by transitions, triggers naming events, CEL naming facts) are checked afterwards in
``sanxiang.policy.validation`` because they need the whole pack.

The format is documented for pack authors in ``docs/policy-pack-format.md``; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PlainValidator,
    PositiveInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

# Roles of accounts.choices.Role, repeated here so that this module stays free of Django; a test
# keeps the two in step.
ROLE_IDS = (
    "officer",
    "section_head",
    "leader",
    "head",
    "legal_reviewer",
    "publicity",
    "archivist",
    "agency_admin",
    "supervisor",
)
RoleId = Literal[
    "officer",
    "section_head",
    "leader",
    "head",
    "legal_reviewer",
    "publicity",
    "archivist",
    "agency_admin",
    "supervisor",
]

# Units the workdays app can count in (DESIGN.md "Time"): years are written as 12×N months.
UNITS = ("workday", "day", "month")
Unit = Literal["workday", "day", "month"]

FACT_TYPES = ("int", "double", "string", "bool", "list<string>", "timestamp", "duration", "object")
FactType = Literal[
    "int", "double", "string", "bool", "list<string>", "timestamp", "duration", "object"
]


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


# The document and article a rule comes from, e.g. "中华人民共和国行政处罚法 第四十八条".
Cite = Annotated[str, AfterValidator(_non_blank)]
Text = Annotated[str, AfterValidator(_non_blank)]
# Ids are stable keys other apps store (stage of a case, deadline id): lowercase ASCII, no dots,
# because a dot separates the parts of a qualified rule key (``penalty.general.filing``).
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A fact name is a CEL identifier.
FactName = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")]
# A CEL expression; parsed and type-checked against [facts] by validation.py.
Cel = Annotated[str, AfterValidator(_non_blank)]


def _bool_or_cel(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        return value
    raise ValueError("must be true, false or a CEL expression string")


# `av_required = true` or `av_required = "coercive_measure == true"`.
BoolOrCel = Annotated[bool | str, PlainValidator(_bool_or_cel)]


def _one_or_many(value: Any) -> list[str]:
    if isinstance(value, str) and value:
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return list(value)
    raise ValueError("must be a stage id or a non-empty list of stage ids")


StageRefs = Annotated[list[str], PlainValidator(_one_or_many)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---------------------------------------------------------------- [pack]


class Source(Strict):
    """A document the pack cites (a law, a 办法, a notice)."""

    id: RuleId
    title: Text
    doc_no: str | None = None  # 文号, e.g. 国办发〔2018〕118号
    issued: dt.date | None = None


class PackMeta(Strict):
    slug: Slug
    name: Text
    extends: Slug | None = None
    version: Text
    effective: dt.date
    sources: list[Source] = []
    # Inherited rules this pack drops: a rule key or a table path such as case_kinds.coercion.
    remove: list[Text] = []


class AgencyInfo(Strict):
    """Public identity; the registry app holds the full basic information."""

    name: Text
    short_name: str | None = None
    region: str | None = None
    level: str | None = None  # 市级 / 区级
    supervisor: str | None = None  # 监督机关
    phone: str | None = None
    supervision_phone: str | None = None
    address: str | None = None
    website: str | None = None
    cite: str | None = None


# ---------------------------------------------------------------- catalogues


class Fact(Strict):
    """A documented case fact that CEL conditions may name."""

    type: FactType
    label: Text
    # For string facts: the only values it takes; CEL comparing it to another literal is an error.
    values: list[str] | None = None
    # For object facts: the fields `fact.field` may name.
    fields: dict[FactName, Fact] | None = None
    unit: str | None = None  # 元, 日 …
    cite: str | None = None


class Event(Strict):
    """Something that happens to a case and starts or ends a clock (e.g. decision_served)."""

    label: Text
    cite: str | None = None


class ClockStop(Strict):
    """A period that does not count towards a time limit (听证, 鉴定, 公告 …)."""

    label: Text
    cite: Cite


# ---------------------------------------------------------------- time


class TimeLimit(Strict):
    amount: NonNegativeInt
    unit: Unit
    cite: Cite
    label: str | None = None
    # Optional here (e.g. a review limit counted from receipt of complete materials).
    trigger: str | None = None


class TriggeredLimit(TimeLimit):
    """A time limit that starts at an event or at entering a stage (`trigger`)."""

    trigger: Text  # required here, optional on TimeLimit


class Extension(Strict):
    amount: PositiveInt
    unit: Unit
    approver_role: RoleId
    cite: Cite
    times: PositiveInt = 1
    label: str | None = None


# ---------------------------------------------------------------- case kinds and procedures


class RecordRule(Strict):
    """A record (文书, 笔录, 音像记录) required at a stage."""

    id: RuleId
    label: Text
    cite: Cite
    required: BoolOrCel = True
    av_required: BoolOrCel = False
    document: str | None = None  # 文书 template name, for the documents app


class Stage(Strict):
    id: RuleId
    label: Text
    cite: Cite
    records: list[RecordRule] = []
    approver_role: RoleId | None = None
    requires_certified_officers: NonNegativeInt | None = None
    # Entering this stage is refused while a major decision (see [major_decision]) lacks review.
    review_gate: bool = False
    collective_discussion: BoolOrCel = False


class Transition(Strict):
    id: RuleId
    from_: StageRefs = Field(alias="from")
    to: RuleId
    cite: Cite
    label: str | None = None
    when: Cel | None = None
    approver_role: RoleId | None = None


class Procedure(Strict):
    label: Text
    cite: Cite
    initial: RuleId
    terminal: list[RuleId] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    transitions: list[Transition] = []
    # When the procedure may be used (e.g. 简易程序: 处罚法 第五十一条 amounts).
    applies_when: Cel | None = None


class CaseKind(Strict):
    label: Text
    cite: Cite
    procedures: dict[RuleId, Procedure] = Field(min_length=1)


# ---------------------------------------------------------------- deadlines


class Deadline(Strict):
    id: RuleId
    label: Text
    cite: Cite
    trigger: Text  # an [events] id or a stage as "kind.procedure.stage"
    amount: NonNegativeInt
    unit: Unit
    until: str | None = None  # the event/stage that meets the deadline
    case_kinds: list[RuleId] = []  # empty: every kind
    applies_when: Cel | None = None
    stops_clock: list[RuleId] = []  # [clock_stops] ids
    on_miss: Literal["alert", "escalate", "block"] = "alert"
    extension: Extension | None = None
    # "within": `until` must happen within the period; "not_before": a waiting period, `until`
    # may only happen once it has run (强制法 第五十四条: 催告书送达十日后 may the court be asked).
    mode: Literal["within", "not_before"] = "within"


# ---------------------------------------------------------------- major decisions and review


class Criterion(Strict):
    id: RuleId
    label: Text
    when: Cel
    cite: Cite


class MajorDecision(Strict):
    cite: Cite
    criteria: list[Criterion] = []
    # Decisions that need no prior review even when a criterion holds (e.g. emergencies).
    exempt_when: Cel | None = None
    exempt_cite: str | None = None


class Item(Strict):
    """A list entry with its citation: a material to submit, a checklist point, …"""

    id: RuleId
    label: Text
    cite: Cite
    required: BoolOrCel = True


class GenericRule(Strict):
    """A rule the platform shows and checks that fits no other table (a duty, a limit, a ban)."""

    id: RuleId
    label: Text
    cite: Cite
    when: Cel | None = None
    trigger: str | None = None
    amount: NonNegativeInt | None = None
    unit: Unit | None = None
    approver_role: RoleId | None = None


class ReReview(Strict):
    cite: Cite
    label: str | None = None
    times: PositiveInt = 1
    request_within: TimeLimit | None = None
    time_limit: TimeLimit | None = None


class Escalation(Strict):
    cite: Cite
    decided_by: RoleId
    label: str | None = None
    when: Cel | None = None


class Outcome(Strict):
    id: RuleId
    label: Text
    cite: Cite
    allows_decision: bool


class Review(Strict):
    office: Text  # 法制审核机构, e.g. 法制处
    cite: Cite
    time_limit: TimeLimit | None = None  # national law sets none; agency 办法 do
    extension: Extension | None = None
    rereview: ReReview | None = None
    escalation: Escalation | None = None
    materials: list[Item] = []
    checklist: list[Item] = []
    outcomes: list[Outcome] = []
    rules: list[GenericRule] = []


# ---------------------------------------------------------------- disclosure


class DisclosureItem(Strict):
    id: RuleId
    label: Text
    phase: Literal["before", "during", "after"]
    cite: Cite
    scope: str | None = None
    applies_when: Cel | None = None
    deadline: TriggeredLimit | None = None
    fields: list[str] = []
    approver_role: RoleId | None = None
    # Published every period (行政检查信息 按月或者按季度) rather than per decision.
    period: Literal["month", "quarter", "year"] | None = None
    # A stage (kind.procedure.stage) the case may not enter before this item is published.
    before_stage: str | None = None
    # 公示期: how long the item stays in the public list once published (then kept, marked 期满).
    display_period: TimeLimit | None = None


class Redaction(Strict):
    id: RuleId
    label: Text
    fields: list[str] = Field(min_length=1)
    cite: Cite
    when: Cel | None = None


class Exclusion(Strict):
    id: RuleId
    label: Text
    cite: Cite
    when: Cel | None = None


class Withdrawal(Strict):
    id: RuleId
    label: Text
    trigger: Text
    amount: NonNegativeInt
    unit: Unit
    cite: Cite
    when: Cel | None = None


class AnnualReport(Strict):
    cite: Cite
    due_month: int = Field(ge=1, le=12)
    due_day: int = Field(ge=1, le=31)
    label: str | None = None


class Report(AnnualReport):
    """A yearly report due on a calendar date (统计年报, 年度报告 to a superior office …)."""

    id: RuleId
    label: Text  # required here


class Disclosure(Strict):
    items: list[DisclosureItem] = []
    redaction: list[Redaction] = []
    exclusions: list[Exclusion] = []
    withdrawal: list[Withdrawal] = []
    display_period: TimeLimit | None = None
    correction: TimeLimit | None = None
    annual_report: AnnualReport | None = None
    reports: list[Report] = []
    rules: list[GenericRule] = []


# ---------------------------------------------------------------- records


class Retention(Strict):
    id: RuleId
    label: Text
    cite: Cite
    # Exactly one of: years, months, permanent = true.
    years: PositiveInt | None = None
    months: PositiveInt | None = None
    permanent: bool = False
    applies_when: Cel | None = None


class Access(Strict):
    id: RuleId
    who: Text  # 当事人, 律师, 司法机关 …
    cite: Cite
    approver_role: RoleId | None = None
    label: str | None = None
    fields: list[str] = []  # what the access register records (调阅人、审批人、时间、事由 …)


class AvRule(Strict):
    id: RuleId
    label: Text
    when: Cel
    cite: Cite


class Records(Strict):
    av_ingest: TimeLimit | None = None
    av_required: list[AvRule] = []
    retention: list[Retention] = []
    case_file: TriggeredLimit | None = None
    archive_transfer: TriggeredLimit | None = None
    access: list[Access] = []
    rules: list[GenericRule] = []


# ---------------------------------------------------------------- documents (执法文书)

# Placeholders a 文号 pattern may name: 机关代字, the document type's 类别字 (罚, 许 …, from the
# documents app's catalogue), the year and the sequence (GB/T 9704-2012 §7.2.4:
# 机关代字 + 年份 + 发文顺序号, the year in 六角括号 〔〕).
NUMBER_FIELDS = ("abbr", "code", "year", "seq")
NUMBER_FIELDS_REQUIRED = ("year", "seq")


def _number_pattern(value: str) -> str:
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid pattern: {exc}") from None
    fields = set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in NUMBER_FIELDS:
            raise ValueError(
                f"{value!r} names unknown placeholder {{{name}}}; known: "
                + ", ".join(f"{{{f}}}" for f in NUMBER_FIELDS)
            )
        if conversion or (spec and not re.fullmatch(r"0?\d", spec) and name == "seq"):
            raise ValueError(f"{value!r}: only {{seq:03}}-style padding is allowed")
        if spec and name != "seq":
            raise ValueError(f"{value!r}: {{{name}}} takes no format")
        fields.add(name)
    missing = [f"{{{f}}}" for f in NUMBER_FIELDS_REQUIRED if f not in fields]
    if missing:
        raise ValueError(f"{value!r} has no {' or '.join(missing)}")
    return value


NumberPatternText = Annotated[str, AfterValidator(_number_pattern)]

# Typst names that reach files or other code: a template fragment may only lay out the data it
# is given. The compiler's root is the documents app's template directory as well, so even a
# fragment that slipped past this list could not read outside it.
_TYPST_FORBIDDEN = re.compile(
    r"\b(read|import|include|image|json|yaml|toml|csv|xml|cbor|plugin|eval|bibliography)\b"
)


def _typst_fragment(value: str) -> str:
    _non_blank(value)
    found = _TYPST_FORBIDDEN.search(value)
    if found:
        raise ValueError(f"template fragment may not use '{found.group(1)}'")
    return value


TypstFragment = Annotated[str, AfterValidator(_typst_fragment)]
# A document type id of the documents app (``penalty_decision``), or ``default``.
DocTypeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Documents(Strict):
    """How the agency's 执法文书 are numbered and laid out (issue 8).

    ``numbering`` maps a document type (or ``default``) to its 文号 pattern, e.g.
    ``"{abbr}罚〔{year}〕{seq}号"``; ``templates`` maps a document type (or ``default``) to a
    Typst markup fragment that replaces the body of the standard layout (it may call
    ``header()``, ``title()``, ``letter()``, ``form()``, ``signoff()`` and read ``data``).
    """

    abbreviation: str | None = None  # 机关代字, e.g. 武人社
    numbering: dict[DocTypeId, NumberPatternText] = {}
    templates: dict[DocTypeId, TypstFragment] = {}

    @field_validator("numbering", "templates")
    @classmethod
    def _known_doc_types(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        # The catalogue is pure data (no Django); a typo'd type would otherwise do nothing.
        from sanxiang.documents.doctypes import DOC_TYPES

        for key in value:
            if key == "default":
                continue
            spec = DOC_TYPES.get(key)
            if spec is None:
                raise ValueError(f"unknown document type '{key}'")
            if info.field_name == "numbering" and spec.code is None:
                raise ValueError(f"'{key}' ({spec.title}) carries no 文号")
        return value


# ---------------------------------------------------------------- the pack


class Pack(Strict):
    pack: PackMeta
    agency: AgencyInfo | None = None
    facts: dict[FactName, Fact] = {}
    events: dict[RuleId, Event] = {}
    clock_stops: dict[RuleId, ClockStop] = {}
    case_kinds: dict[RuleId, CaseKind] = {}
    deadlines: list[Deadline] = []
    major_decision: MajorDecision | None = None
    review: Review | None = None
    disclosure: Disclosure | None = None
    records: Records | None = None
    documents: Documents | None = None
