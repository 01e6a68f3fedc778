"""What a publication says: the decision text, the case's personal data, the summary fields.

Pure helpers over the case objects (no writes). ``services`` stores only their redacted output.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Protocol

from sanxiang.cases.choices import PartyKind
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.disclosure.redaction import Known, Span, apply_spans, find_spans, mask
from sanxiang.registry.selectors import officers_of

# Payload keys that hold a person (witnesses, recipients, informants …) in any record type.
_PERSON_KEYS = ("witness", "recipient", "informant", "complainant", "interviewee", "person")
# A person key's strings are names, but a record may hold a person's address or a remark beside
# them: a string counts as a name when it is 2–6 characters long, or shaped like a longer name —
# a ·-joined minority or transliterated name (艾克拜尔·吐尔逊) or a Latin-script one
# (Jonathan Miller, MÜLLER THOMAS).
_LONG_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,10}(?:[·•．][\u4e00-\u9fff]{1,10}){1,3}"
    r"|[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.\-]*(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.\-]*){1,3}"
)


def _is_name(value: str) -> bool:
    return 2 <= len(value) <= 6 or (len(value) <= 40 and bool(_LONG_NAME.fullmatch(value)))


def decision_text(record: CaseRecord | None) -> str:
    """The decision record as one text: each payload field as ``label：value``."""
    if record is None:
        return ""
    from sanxiang.cases.records import PAYLOAD_FIELDS

    labels = {f.name: f.label for f in PAYLOAD_FIELDS.get(record.record_type, ())}
    lines = []
    for key, value in record.payload.items():
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        if value in (None, ""):
            continue
        lines.append(f"{labels.get(key, key)}：{value}")
    return "\n".join(lines)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


class PartyData(Protocol):
    """What redaction needs of a party (a ``cases.Party`` or the evaluation set's record)."""

    kind: str
    name: str
    id_number: str
    address: str
    phone: str
    legal_representative: str


def known_of(case: Case) -> Known:
    """Personal data the case holds (parties, witnesses, informants), and officers to keep."""
    return known_from(
        parties=case.parties.all(),
        payloads=(record.payload for record in case.records.all()),
        keep=officers_of(agency=case.agency, active_only=False).values_list("name", flat=True),
    )


def known_from(
    *, parties: Iterable[PartyData], payloads: Iterable[dict[str, Any]], keep: Iterable[str]
) -> Known:
    """The parties' names, numbers and addresses (an organisation's: only its representative
    and phone), and every person a record names under a person key (witness, interviewee …)."""
    names: list[str] = []
    numbers: list[str] = []
    addresses: list[str] = []
    for party in parties:
        if party.kind == PartyKind.INDIVIDUAL:
            names.append(party.name)
            addresses.append(party.address)
        if party.legal_representative:
            names.append(party.legal_representative)
        if party.kind == PartyKind.INDIVIDUAL and party.id_number:
            numbers.append(party.id_number)
        if party.phone:
            numbers.append(party.phone)
    for payload in payloads:
        for key, value in payload.items():
            if any(k in key for k in _PERSON_KEYS):
                names.extend(s for s in _strings(value) if _is_name(s))
    return Known(
        names=tuple(n for n in dict.fromkeys(names) if n),
        numbers=tuple(n for n in dict.fromkeys(numbers) if n),
        addresses=tuple(a for a in dict.fromkeys(addresses) if a),
        keep=tuple(keep),
    )


def party_display(case: Case) -> str:
    """对象: an organisation's name; an individual's name hidden (市人社局 第九条)."""
    shown = []
    for party in case.parties.all():
        if party.kind == PartyKind.ORGANIZATION:
            shown.append(party.name)
        else:
            shown.append(mask(party.name, "name"))
    return "、".join(shown)


def redact_with(text: str, known: Known) -> str:
    return apply_spans(text, find_spans(text, known))


def summary_values(
    *, case: Case, record: CaseRecord | None, fields: list[str], decided_on: dt.date, known: Known
) -> dict[str, str]:
    """The pack's summary fields filled from the case, every value redacted."""
    payload = record.payload if record else {}

    def text_of(*keys: str) -> str:
        for key in keys:
            value = payload.get(key)
            if value:
                return "、".join(map(str, value)) if isinstance(value, list) else str(value)
        return ""

    values: dict[str, str] = {}
    for label in fields:
        low = label.lower()
        if "文号" in label or low in ("case_no",):
            value = case.number
        elif any(w in label for w in ("对象", "相对人", "申请人")) or low in (
            "party_name",
            "applicant",
        ):
            value = party_display(case)
            values[label] = value
            continue
        elif "机关" in label or "主体" in label or low == "agency":
            value = case.agency.name
        elif "日期" in label or low == "date":
            value = decided_on.isoformat()
        elif "事项" in label or "类别" in label or low in ("item",):
            value = case.title
        elif "事实" in label or low in ("facts", "violation"):
            value = text_of("facts_and_evidence", "reasons", "conclusion", "facts")
        elif "依据" in label or low == "basis":
            value = text_of("legal_basis", "basis")
        else:  # 决定、结论、penalty、decision …
            value = text_of("measures", "decision", "conclusion", "opinion")
        values[label] = redact_with(value, known)
    return values


def spans_for(text: str, known: Known) -> list[dict[str, Any]]:
    return [{**s.as_dict(), "kind": str(s.kind), "by": "auto"} for s in find_spans(text, known)]


def apply_stored(text: str, spans: list[dict[str, Any]]) -> str:
    return apply_spans(
        text,
        [Span(int(s["start"]), int(s["end"]), str(s["kind"]), str(s["reason"])) for s in spans],
    )
