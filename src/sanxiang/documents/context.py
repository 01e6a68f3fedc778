"""What goes on a document: the data the Typst template reads, built from the case file.

Reads only (no writes): the case, its parties and officers, the record the document renders
and, for the case-level forms (案卷封面, 卷内目录 …), the timeline. Field labels come from
``cases.records`` so the document says exactly what the record form asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sanxiang.cases import selectors as case_selectors
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.records import fields_for
from sanxiang.documents.doctypes import DECISION_SECTIONS, DocType
from sanxiang.documents.models import Document
from sanxiang.documents.numbering import chinese_date

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Table:
    columns: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    paragraphs: list[str]


@dataclass
class DocumentData:
    """The JSON the template reads (``sys.inputs.data``)."""

    agency: str
    title: str
    layout: str
    number: str
    case_number: str
    date: str
    verify_code: str
    addressee: str = ""
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    table: Table = field(default_factory=Table)
    signatures: list[str] = field(default_factory=list)


def text_of(value: Any) -> str:
    """A payload value as document text: lists numbered, yes/no in Chinese, dates in Chinese."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if len(value) == 1:
            return text_of(value[0])
        return "；".join(f"{n}. {text_of(v)}" for n, v in enumerate(value, 1))
    if isinstance(value, str):
        return _date_text(value) or value
    if value is None:
        return ""
    return str(value)


def _date_text(value: str) -> str | None:
    """ISO dates and datetimes as written on a document (二〇二六年三月二日 / … 10时00分)."""
    if len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        if len(value) == 10:
            return chinese_date(dt.date.fromisoformat(value))
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(SHANGHAI)
    return f"{chinese_date(moment.date())}{moment.hour}时{moment.minute:02d}分"


def _party_lines(case: Case) -> list[str]:
    lines = []
    for party in case_selectors.parties_of(case):
        parts = [f"{party.get_kind_display()}：{party.name}"]
        if party.id_number:
            parts.append(f"证件号码：{party.id_number}")
        if party.legal_representative:
            parts.append(f"法定代表人（负责人）：{party.legal_representative}")
        if party.address:
            parts.append(f"住所（地址）：{party.address}")
        lines.append("，".join(parts) + "。")
    return lines


def _addressee(case: Case) -> str:
    return "、".join(p.name for p in case_selectors.parties_of(case))


def _officer_text(record: CaseRecord | None, case: Case) -> str:
    if record is not None and record.officers:
        return "、".join(f"{o['name']}（执法证号 {o['cert_no']}）" for o in record.officers)
    return "、".join(
        f"{a.officer.name}（执法证号 {a.officer.cert_no}）"
        for a in case_selectors.officers_of(case)
    )


def _payload_rows(record: CaseRecord) -> list[dict[str, str]]:
    specs = fields_for(record.record_type)
    named = {spec.name for spec in specs}
    rows = [
        {"label": spec.label, "value": text_of(record.payload.get(spec.name, ""))} for spec in specs
    ]
    # Optional fields the record carried (陈述申辩期限 …) are printed too, never dropped.
    rows += [
        {"label": key, "value": text_of(value)}
        for key, value in record.payload.items()
        if key not in named and key != "summary"
    ]
    return rows


def _case_rows(case: Case) -> list[dict[str, str]]:
    return [
        {"label": "案由", "value": case.title},
        {"label": "案号", "value": case.number},
        {"label": "当事人", "value": "\n".join(_party_lines(case))},
    ]


def _decision_sections(record: CaseRecord, case: Case) -> list[Section]:
    """行政处罚决定书: the six contents every 办法 requires, numbered 一、二、… in order."""
    numerals = "一二三四五六七八九十"
    sections = []
    for n, (key, heading) in enumerate(DECISION_SECTIONS):
        paragraphs = [text_of(record.payload.get(key, ""))]
        if key == "party_info":
            paragraphs = _party_lines(case) + paragraphs
        sections.append(Section(f"{numerals[n]}、{heading}", [p for p in paragraphs if p]))
    return sections


def _letter_sections(record: CaseRecord) -> list[Section]:
    return [Section(row["label"], [row["value"]]) for row in _payload_rows(record) if row["value"]]


def _timeline_table(case: Case) -> Table:
    """卷内目录: every record and stage of the case in order, with its date and ledger index."""
    rows = []
    for n, entry in enumerate(case_selectors.timeline(case), 1):
        if entry.kind not in ("record", "stage"):
            continue
        at = entry.at.astimezone(SHANGHAI).date()
        index = "" if entry.ledger_index is None else str(entry.ledger_index)
        rows.append([str(n), entry.title, chinese_date(at), index])
    return Table(columns=["序号", "文件名称", "日期", "账本序号"], widths=[1, 6, 3, 2], rows=rows)


def _case_form(doc_type: DocType, case: Case, data: DocumentData) -> None:
    data.rows = _case_rows(case)
    opened = case.opened_at.astimezone(SHANGHAI).date()
    closed = case.closed_at.astimezone(SHANGHAI).date() if case.closed_at else None
    data.rows.append({"label": "立案日期", "value": chinese_date(opened)})
    data.rows.append({"label": "承办人", "value": _officer_text(None, case)})
    if doc_type.id == "closing_approval":
        data.rows.append({"label": "案件状态", "value": case.get_status_display()})
        data.rows.append(
            {"label": "结案日期", "value": chinese_date(closed) if closed else "尚未结案"}
        )
        data.table = _timeline_table(case)
        data.signatures = ["承办人意见", "承办机构负责人", "行政机关负责人"]
    elif doc_type.id == "file_cover":
        data.rows.append({"label": "执法主体", "value": case.agency.name})
        data.rows.append(
            {"label": "结案日期", "value": chinese_date(closed) if closed else "尚未结案"}
        )
    elif doc_type.id == "file_index":
        data.table = _timeline_table(case)
    else:  # 备考表
        data.rows.append(
            {
                "label": "本卷情况说明",
                "value": f"本卷共收录记录 {len(_timeline_table(case).rows)} 项。",
            }
        )
        data.signatures = ["立卷人", "检查人"]


def _receipt_form(serves: Document, case: Case, data: DocumentData) -> None:
    """送达回证 of ``serves``: what is served on whom, with the lines the server and the person
    served fill in by hand (收到日期, 签名或者盖章 — 柳州市科技局行政执法全过程记录制度
    第十一条、第十二条; 处罚法 第六十一条)."""
    data.rows = [
        *_case_rows(case),
        {"label": "送达文书名称及文号", "value": f"{serves.title} {serves.number}".strip()},
        {"label": "受送达人", "value": _addressee(case)},
        {"label": "送达地点", "value": ""},
        {"label": "送达方式", "value": ""},
        {"label": "收到日期", "value": "年    月    日"},
        {"label": "备注", "value": ""},
    ]
    data.signatures = ["受送达人（签名或盖章）", "送达人", "见证人"]


def blank(*, doc_type: DocType, agency_name: str) -> DocumentData:
    """The document with every field empty: the blank form the portal offers (issue 6, 事前)."""
    data = DocumentData(
        agency=agency_name,
        title=doc_type.title,
        layout="letter" if doc_type.layout == "letter" else "form",
        number="",
        case_number="",
        date="年    月    日",
        verify_code="",
    )
    if data.layout == "letter":
        data.addressee = "                    "
        data.intro = ["                    "]
        if doc_type.id == "penalty_decision":
            data.sections = [
                Section(f"{'一二三四五六'[n]}、{heading}", [""])
                for n, (_, heading) in enumerate(DECISION_SECTIONS)
            ]
        elif doc_type.records:
            data.sections = [Section(spec.label, [""]) for spec in fields_for(doc_type.records[0])]
        data.closing = [doc_type.closing] if doc_type.closing else []
        return data
    labels = ["案由", "案号", "当事人"]
    if doc_type.layout == "case":
        labels += ["立案日期", "承办人"]
    else:
        labels += ["时间", "执法人员"]
        if doc_type.records:
            labels += [spec.label for spec in fields_for(doc_type.records[0])]
    data.rows = [{"label": label, "value": ""} for label in labels]
    data.signatures = ["当事人（签名）", "执法人员（签名）"]
    return data


def build(
    *,
    doc_type: DocType,
    case: Case,
    record: CaseRecord | None,
    number: str,
    issued_on: dt.date,
    verify_code: str,
    serves: Document | None = None,
) -> DocumentData:
    data = DocumentData(
        agency=case.agency.name,
        title=doc_type.title,
        layout="letter" if doc_type.layout == "letter" else "form",
        number=number,
        case_number=case.number,
        date=chinese_date(issued_on),
        verify_code=verify_code,
    )
    if serves is not None:
        _receipt_form(serves, case, data)
        return data
    if doc_type.layout == "case" or record is None:
        _case_form(doc_type, case, data)
        return data
    if doc_type.layout == "form":
        data.rows = [
            *_case_rows(case),
            {
                "label": "时间",
                "value": text_of(record.recorded_at.astimezone(SHANGHAI).isoformat()),
            },
            {"label": "执法人员", "value": _officer_text(record, case)},
            *_payload_rows(record),
        ]
        data.signatures = ["当事人（签名）", "执法人员（签名）"]
        return data
    data.addressee = _addressee(case)
    data.intro = [f"{case.title}（案号：{case.number}）一案，现将有关事项告知如下："]
    if doc_type.id == "penalty_decision":
        data.intro = [f"本机关对{case.title}（案号：{case.number}）一案依法作出如下决定："]
        data.sections = _decision_sections(record, case)
    else:
        data.sections = _letter_sections(record)
    data.closing = [doc_type.closing] if doc_type.closing else []
    return data
