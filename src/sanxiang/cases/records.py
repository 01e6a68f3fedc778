"""What a record must contain, and which pack events a step raises.

Pure data and functions, no database. The packs name record types and events but not what goes
in a record nor which record raises which event: that knowledge is the same for every agency
(the 全过程记录 办法 all follow 武法办发〔2019〕9号), so it lives here, next to the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

FieldKind = Literal["text", "date", "datetime", "list", "bool", "number"]


@dataclass(frozen=True)
class FieldSpec:
    """One required field of a record payload; ``label`` is what the form shows."""

    name: str
    label: str
    kind: FieldKind = "text"


def _f(name: str, label: str, kind: FieldKind = "text") -> FieldSpec:
    return FieldSpec(name, label, kind)


# 市人社局执法全过程记录办法 第十四条: 调查笔录 records the officers, their certificate numbers and
# that the certificates were shown (the officers themselves are snapshotted on the record).
_TRANSCRIPT = (
    _f("place", "地点"),
    _f("content", "笔录内容"),
    _f("certificates_shown", "已出示执法证件", "bool"),
)
# 市人社局执法全过程记录办法 第二十一条 (and the other four 办法): 决定书应当载明的内容.
_DECISION = (
    _f("party_info", "当事人基本情况"),
    _f("facts_and_evidence", "案件基本情况和证据材料"),
    _f("circumstances", "法定从重、从轻、减轻或者不予处罚情形"),
    _f("legal_basis", "法律依据（含自由裁量权细化标准）"),
    _f("measures", "决定采取的行政措施、履行期限、方式"),
    _f("remedies", "法律救济途径和期限"),
)
_OPINION = (_f("opinion", "意见"),)

PAYLOAD_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    # 受理（立案）— 第十二、十三条
    "case_source_register": (_f("clue", "案源线索及发现途径"),),
    "no_filing_notice": (
        _f("reasons", "不予立案的理由"),
        _f("notified", "告知投诉人、举报人或者移送机关的情况"),
    ),
    "filing_approval": (
        _f("start_reason", "启动原因（案件来源）"),
        _f("party_summary", "当事人基本情况"),
        _f("handler_opinion", "承办人意见"),
        _f("section_opinion", "承办机构意见"),
        _f("leader_opinion", "行政机关负责人意见"),
    ),
    # 依申请 — 第十条; 许可法 第三十二条
    "application_register": (
        _f("applicant", "申请人"),
        _f("matter", "申请事项"),
        _f("materials", "申请材料", "list"),
    ),
    "application_form": (
        _f("applicant", "申请人"),
        _f("matter", "申请事项"),
        _f("materials", "申请材料", "list"),
    ),
    # 口头申请: read back to the applicant and signed (许可法 第二十九条; 柳州市科技局记录办法).
    "oral_application_record": (
        _f("applicant", "申请人"),
        _f("matter", "申请事项"),
        _f("read_back_and_signed", "已向申请人宣读并由其签字确认", "bool"),
    ),
    "online_capture": (_f("capture_ref", "网上申请截图、电子数据编号"),),
    "service_centre_record": (_f("centre_ref", "政务服务中心办件记录编号"),),
    "acceptance_decision": (_f("decision", "受理或者不予受理"), _f("reasons", "理由")),
    "acceptance_notice": (_f("receipt_no", "受理凭证（回执）编号"),),
    "supplement_notice": (_f("items", "需要补正的全部内容", "list"),),
    "correction_record": (_f("corrections", "当场更正的错误"),),
    "non_acceptance_decision": (_f("reasons", "不予受理的理由"), _f("remedies", "救济途径")),
    "verification_record": _OPINION,
    "examination_opinion": _OPINION,
    # 调查取证 — 第十四、十五、十六条
    "investigation_transcript": _TRANSCRIPT,
    "investigation_record": _TRANSCRIPT,
    "inquiry_record": (*_TRANSCRIPT, _f("interviewee", "被询问人")),
    "inquiry_transcript": (*_TRANSCRIPT, _f("interviewee", "被询问人")),
    "inspection_record": _TRANSCRIPT,
    "site_inspection_transcript": _TRANSCRIPT,
    "site_check_record": _TRANSCRIPT,
    "survey_transcript": _TRANSCRIPT,
    "site_transcript": _TRANSCRIPT,
    "on_site_record": _TRANSCRIPT,
    "refusal_record": (
        _f("refusal", "拒不接受调查、提供证据的情况"),
        _f("witnesses", "见证人员", "list"),
    ),
    "evidence_preservation_notice": (
        _f("subject", "证据保全的具体标的"),
        _f("grounds", "启动理由及相关依据"),
        _f("form", "证据保全的形式"),
    ),
    "preservation_record": (
        _f("subject", "证据保全的具体标的"),
        _f("grounds", "启动理由及相关依据"),
        _f("form", "证据保全的形式"),
    ),
    "sampling_record": (_f("items", "抽样取证清单", "list"),),
    "sampling_list": (_f("items", "抽样取证清单", "list"),),
    "testing_commission": (_f("item", "委托检验（检测、鉴定）事项"), _f("institution", "受托机构")),
    "witness_signature": (_f("witness", "见证人"),),
    # 告知、陈述申辩 — 第十七条; 处罚法 第四十四、四十五条
    "penalty_notice": (
        _f("proposed_decision", "拟作出的行政处罚内容"),
        _f("facts_and_reasons", "事实、理由及依据"),
        _f("rights", "告知的权利（陈述、申辩、要求听证等）", "list"),
    ),
    "rights_notice": (
        _f("proposed_decision", "拟作出的决定"),
        _f("facts_and_reasons", "事实、理由及依据"),
        _f("rights", "告知的权利（陈述、申辩、回避、听证等）", "list"),
    ),
    "hearing_rights_notice": (_f("request_within", "要求听证的期限"),),
    "permit_hearing_rights_notice": (_f("request_within", "要求听证的期限"),),
    "statement_record": (
        _f("statement", "陈述、申辩的事实、理由和证据"),
        _f("finding", "复核意见"),
    ),
    "defence_review": (_f("statement", "陈述、申辩的事实、理由和证据"), _f("finding", "复核意见")),
    # 听证 — 处罚法 第六十四条
    "hearing_notification": (_f("hearing_at", "听证时间", "datetime"), _f("place", "听证地点")),
    "hearing_notice": (_f("hearing_at", "听证时间", "datetime"), _f("place", "听证地点")),
    "hearing_transcript": (_f("content", "听证笔录"), _f("host", "听证主持人")),
    # 审核、决定 — 第二十、二十一条
    "review_submission": (_f("materials", "送审材料", "list"),),
    "legal_review_opinion": (_f("opinion", "法制审核意见"), _f("reviewer", "审核人")),
    "review_opinion": (_f("opinion", "法制审核意见"), _f("reviewer", "审核人")),
    "review_case_file": (_f("materials", "送审案卷材料", "list"),),
    "collective_discussion_record": (
        _f("participants", "参加人员", "list"),
        _f("conclusion", "讨论结论"),
    ),
    "expert_opinion": (_f("experts", "专家", "list"), _f("opinion", "专家意见")),
    "penalty_decision_document": _DECISION,
    "decision_document": _DECISION,
    "coercion_decision": _DECISION,
    "on_the_spot_decision_document": _DECISION,
    "permit_decision_document": (
        _f("decision", "准予或者不予许可"),
        _f("reasons", "事实和理由"),
        _f("remedies", "法律救济途径和期限"),
    ),
    "inspection_conclusion": (_f("conclusion", "检查结论"),),
    "inspection_opinion": (_f("opinion", "检查意见"),),
    "draft_decision_record": (_f("draft", "拟作出的决定"),),
    # 送达 — 第二十二条
    "service_receipt": (
        _f("document", "送达文书"),
        _f("recipient", "受送达人"),
        _f("served_at", "送达时间", "datetime"),
    ),
    "service_record": (
        _f("document", "送达文书"),
        _f("method", "送达方式"),
        _f("recipient", "受送达人"),
        _f("served_at", "送达时间", "datetime"),
    ),
    "lodged_service_record": (
        _f("document", "送达文书"),
        _f("refusal_reason", "拒收事由"),
        _f("witnesses", "见证人", "list"),
        _f("served_at", "留置时间", "datetime"),
    ),
    "postal_receipt": (_f("document", "送达文书"), _f("tracking_no", "邮寄凭证号")),
    "electronic_service_record": (
        _f("document", "送达文书"),
        _f("channel", "传真或者电子邮件地址、号码"),
        _f("consent", "受送达人同意电子送达的确认"),
        _f("sent_at", "发送时间", "datetime"),
    ),
    "entrusted_service_record": (_f("document", "送达文书"), _f("entrusted_to", "受托送达机关")),
    "public_notice_record": (
        _f("document", "送达文书"),
        _f("reason", "公告送达的原因"),
        _f("method", "公告方式"),
        _f("start_date", "公告开始日期", "date"),
        _f("end_date", "公告结束日期", "date"),
    ),
    # 执行 — 第二十三、二十四、二十五条
    "compliance_check": (_f("result", "履行情况检查结果"),),
    "performance_record": (_f("result", "履行情况"),),
    "rectification_order": (_f("requirements", "责令改正内容"), _f("due", "改正期限", "date")),
    "rectification_check": (_f("result", "改正情况核查结果"),),
    "demand_notice": (_f("obligations", "催告履行的义务"), _f("due", "履行期限", "date")),
    "enforcement_application": (_f("court", "申请执行的人民法院"),),
    "suspension_record": (_f("reason", "中止理由"),),
    "extension_record": (_f("reason", "延期理由"),),
    # 强制 — 强制法 第十八、二十四条
    "seizure_decision_document": (
        _f("items", "查封、扣押的场所、设施或者财物清单", "list"),
        _f("legal_basis", "理由和依据"),
        _f("period", "查封、扣押的期限"),
        _f("remedies", "救济途径和期限"),
    ),
    "seizure_list": (_f("items", "查封、扣押清单", "list"),),
    "approval_form": (_f("reason", "呈批理由"), _f("approver", "批准人")),
}

# Record types whose pack entry is generic enough that a free-text account is all one can ask.
SUMMARY_FIELD = FieldSpec("summary", "记录内容")

# 电子送达 is never used for a decision document (市人社局执法全过程记录办法 第二十二条(四)).
DECISION_DOCUMENT_WORDS = ("决定书",)


# Fields a record may carry and the platform then acts on; checked only when given.
STATEMENT_UNTIL = FieldSpec("statement_until", "陈述、申辩期限（截止日）", "date")
HEARING_AT = "hearing_at"
OPTIONAL_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    # 处罚法 第四十五条: the notice may give the party a date by which to state and defend;
    # the decision then waits for it (第六十二条) unless the party has already been heard.
    "penalty_notice": (STATEMENT_UNTIL,),
    "rights_notice": (STATEMENT_UNTIL,),
}
STATEMENT_RECORDS = frozenset({"statement_record", "defence_review"})
NOTICE_RECORDS = frozenset(OPTIONAL_FIELDS)
STATEMENT_CITE = "中华人民共和国行政处罚法 第四十五条、第六十二条"
# 民事诉讼法 第九十五条: 自发出公告之日起，经过三十日，即视为送达.
PUBLIC_NOTICE_DAYS = 30


DEEMED_SERVICE_CITE = "中华人民共和国民事诉讼法 第九十五条"
DEFERRED_SERVICE_RECORDS = frozenset({"public_notice_record"})


def announcement_day(record_type: str, payload: Mapping[str, Any]) -> dt.date | None:
    """The day a 公告送达 announcement started (None for any other record)."""
    if record_type not in DEFERRED_SERVICE_RECORDS:
        return None
    value = payload.get("start_date")
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def deemed_served_on(record_type: str, payload: Mapping[str, Any]) -> dt.date | None:
    """The day a record's service takes effect when it is not the day it is made: 自发出公告之日
    起，经过三十日，即视为送达 (民事诉讼法 第九十五条; the start day itself is not counted,
    第八十五条), so an announcement starting on 1 March serves on 31 March."""
    start = announcement_day(record_type, payload)
    return start + dt.timedelta(days=PUBLIC_NOTICE_DAYS) if start else None


def optional_fields_for(record_type: str) -> tuple[FieldSpec, ...]:
    return OPTIONAL_FIELDS.get(record_type, ())


def fields_for(record_type: str) -> tuple[FieldSpec, ...]:
    """The fields a record of ``record_type`` must fill (``summary`` for unlisted types)."""
    return PAYLOAD_FIELDS.get(record_type, (SUMMARY_FIELD,))


def payload_problems(record_type: str, payload: Mapping[str, Any]) -> list[str]:
    """What is missing or malformed in ``payload``, as Chinese phrases; empty when it is fine."""
    problems: list[str] = []
    for spec in fields_for(record_type):
        value = payload.get(spec.name)
        problem = _field_problem(spec, value)
        if problem:
            problems.append(f"{spec.label}{problem}")
    for spec in optional_fields_for(record_type):
        value = payload.get(spec.name)
        if value not in (None, ""):
            problem = _field_problem(spec, value)
            if problem:
                problems.append(f"{spec.label}{problem}")
    if record_type == "electronic_service_record":
        document = str(payload.get("document", ""))
        if any(word in document for word in DECISION_DOCUMENT_WORDS):
            problems.append("行政执法决定书不得以传真、电子邮件方式送达")
    if record_type == "public_notice_record" and not problems:
        start = dt.date.fromisoformat(payload["start_date"])
        end = dt.date.fromisoformat(payload["end_date"])
        if (end - start).days < PUBLIC_NOTICE_DAYS:
            problems.append(
                f"公告期应自发出公告之日起不少于{PUBLIC_NOTICE_DAYS}日（经过三十日即视为送达）"
            )
    return problems


def statement_until(payload: Mapping[str, Any]) -> dt.date | None:
    value = payload.get(STATEMENT_UNTIL.name)
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def hearing_day(payload: Mapping[str, Any]) -> dt.date | None:
    """The day a hearing notification schedules (``hearing_at``, ISO date or datetime)."""
    value = payload.get(HEARING_AT)
    if not isinstance(value, str) or not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment.date()


def _field_problem(spec: FieldSpec, value: Any) -> str:
    if spec.kind == "bool":
        # A transcript must say the certificates were shown; false is a problem, not a value.
        return "" if value is True else "未确认"
    if value is None or (isinstance(value, str) and not value.strip()):
        return "未填写"
    if spec.kind == "list":
        if not isinstance(value, list) or not value:
            return "应至少列出一项"
        return ""
    if spec.kind == "number":
        return "" if isinstance(value, int | float) and not isinstance(value, bool) else "应为数字"
    if spec.kind in ("date", "datetime"):
        if not isinstance(value, str):
            return "应为日期（YYYY-MM-DD）"
        try:
            parse = dt.date.fromisoformat if spec.kind == "date" else dt.datetime.fromisoformat
            parse(value)
        except ValueError:
            return "格式不正确"
        return ""
    return "" if isinstance(value, str) else "应为文字"


# ------------------------------------------------------------------------------ audio/video

AV_FIELDS = (
    _f("device_check", "使用前检查设备性能、电量、存储空间并校准时间", "bool"),
    _f("opening_statement", "开启后语音说明时间、地点、执法人员、执法对象和执法环节"),
    _f("continuous", "不间断记录", "bool"),
)
OPENING_STATEMENT_PARTS = {
    "time": "时间",
    "place": "地点",
    "officers": "执法人员",
    "party": "执法对象",
    "step": "执法环节",
}


def av_problems(av: Mapping[str, Any] | None) -> list[str]:
    """What the audio/video metadata lacks (市人社局执法全过程记录办法 第七条; the others alike).

    Before use the device is checked; once on, the officer states time, place, officers, party
    and step; recording is continuous, every interruption is explained when it resumes, and a
    recording that had to stop is explained in writing.
    """
    if not av:
        return ["未提供音像记录"]
    problems: list[str] = []
    if av.get("device_check") is not True:
        problems.append("未记录使用前的设备检查")
    statement = av.get("opening_statement")
    if not isinstance(statement, Mapping):
        problems.append("未记录开启后的语音说明")
    else:
        missing = [
            label for key, label in OPENING_STATEMENT_PARTS.items() if not statement.get(key)
        ]
        if missing:
            problems.append("开启后的语音说明缺少：" + "、".join(missing))
    for item in av.get("interruptions") or []:
        if not isinstance(item, Mapping) or not item.get("reason") or not item.get("at"):
            problems.append("每次中断应记录时间和原因")
            break
    if av.get("continuous") is not True and not str(av.get("stop_explanation") or "").strip():
        problems.append("无法连续记录而终止的，应书面说明情况")
    return problems


# ------------------------------------------------------------------------------ events

# Record type → events it raises. The decision documents raise ``decision_made``; 处罚法 第六十一条
# has the decision 宣告 when it is made, which starts the 7-working-day service clock.
RECORD_EVENTS: dict[str, tuple[str, ...]] = {
    "filing_approval": ("case_filed", "filing_approved"),
    "application_register": ("application_received",),
    "application_form": ("application_received",),
    "oral_application_record": ("application_received",),
    "non_acceptance_decision": ("application_rejected",),
    "supplement_notice": ("supplement_notified",),
    "acceptance_notice": ("application_accepted",),
    "evidence_preservation_notice": ("evidence_preserved",),
    "preservation_record": ("evidence_preserved",),
    "penalty_notice": ("penalty_notice_served",),
    "rights_notice": ("penalty_notice_served",),
    "permit_hearing_rights_notice": ("permit_hearing_rights_notified",),
    "hearing_notification": ("hearing_notified",),
    "hearing_notice": ("hearing_notified",),
    "hearing_transcript": ("hearing_held",),
    "penalty_decision_document": ("decision_made", "decision_announced"),
    "decision_document": ("decision_made", "decision_announced"),
    "coercion_decision": ("decision_made",),
    "on_the_spot_decision_document": ("decision_made", "decision_announced", "decision_served"),
    "permit_decision_document": ("decision_made",),
    "inspection_conclusion": ("decision_made",),
    "service_receipt": ("decision_served",),
    "service_record": ("decision_served",),
    "lodged_service_record": ("decision_served",),
    "postal_receipt": ("decision_served",),
    "electronic_service_record": ("decision_served",),
    "entrusted_service_record": ("decision_served",),
    "public_notice_record": ("decision_served",),
    "seizure_decision_document": ("seizure_executed",),
    "demand_notice": ("enforcement_demand_served",),
    "enforcement_application": ("court_enforcement_applied",),
}

# An event that also ends deadlines waiting for another: once an application is accepted or
# rejected there is nothing left to ask the applicant to supplement (许可法 第三十二条).
ALSO_ENDS: dict[str, tuple[str, ...]] = {
    "application_accepted": ("supplement_notified",),
    "application_rejected": ("supplement_notified",),
}

SERVICE_RECORDS = frozenset(
    {
        "service_receipt",
        "service_record",
        "lodged_service_record",
        "postal_receipt",
        "electronic_service_record",
        "entrusted_service_record",
        "public_notice_record",
    }
)

# 许可法 uses its own hearing events (第四十七、四十八条); the record types are shared.
PERMIT_LIKE_KINDS = frozenset({"permit", "approval", "confirmation", "levy", "benefit", "reward"})
PERMIT_EVENT_NAMES = {
    "hearing_notified": "permit_hearing_notified",
    "hearing_held": "permit_hearing_held",
    "hearing_request_received": "permit_hearing_requested",
}

# Entering a stage with this id raises the event — unless the stage lists a record type that
# raises it, in which case the record does (立案 is the approval, not the page it sits on).
STAGE_EVENTS: dict[str, str] = {"filing": "case_filed", "application": "application_received"}

# Transitions that raise an event: an urgent start begins enforcement before filing
# (市人社局执法全过程记录办法 第十二条: 2个工作日内补办).
TRANSITION_EVENTS: dict[str, tuple[str, ...]] = {"urgent_start": ("enforcement_started",)}

# A party's act or a step with no record type of its own, recorded with record(record_type=id).
# Each sets the fact of the same meaning when the pack declares it.
NOTED_EVENTS: dict[str, str] = {
    "hearing_request_received": "当事人提出听证要求",
    "permit_hearing_requested": "申请人、利害关系人提出听证申请",
    "evidence_preservation_handled": "对先行登记保存的证据作出处理决定",
    "seizure_handled": "对查封、扣押作出处理决定",
    "emergency_measure_taken": "情况紧急，当场实施行政强制措施",
    "emergency_measure_reported": "向行政机关负责人报告并补办批准手续",
    "returned_to_office": "执法人员返回单位",
    "av_stored": "原始音像记录已储存至专用存储设备",
}
NOTED_EVENT_FACTS: dict[str, str] = {
    "hearing_request_received": "hearing_requested",
    "permit_hearing_requested": "hearing_requested",
}

# Events by which the party can still act; a decision may not be made while their window is open
# (处罚法 第四十四、四十五、六十四条; 许可法 第四十七条).
PARTY_REQUEST_EVENTS = frozenset({"hearing_request_received", "permit_hearing_requested"})
HEARING_HELD_FOR = {
    "hearing_request_received": "hearing_held",
    "permit_hearing_requested": "permit_hearing_held",
}

# Raised when a record carries audio/video (the AV ingest clock starts) and on closure.
AV_EVENT = "av_recorded"
CLOSURE_EVENT = "enforcement_ended"


def events_for_record(kind: str, record_type: str, facts: Mapping[str, Any]) -> list[str]:
    """The events a record raises in a case of ``kind`` with ``facts``."""
    if record_type in NOTED_EVENTS:
        return [record_type]
    events = list(RECORD_EVENTS.get(record_type, ()))
    if kind in PERMIT_LIKE_KINDS:
        events = [PERMIT_EVENT_NAMES.get(e, e) for e in events]
        granted = facts.get("permit_granted") is True
        if granted and record_type in ("permit_decision_document", "decision_document"):
            events.append("permit_granted")
        if granted and record_type in SERVICE_RECORDS:
            events.append("permit_certificate_issued")
    return events
