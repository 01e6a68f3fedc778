"""The enforcement documents (执法文书) the platform renders, as data.

Pure: no database. Each type names the record types it is rendered from (the same document has
different record ids in different packs: ``inquiry_record`` / ``inquiry_transcript``), its
layout, and its numbering class. A type with a ``code`` gets a 文号 from the agency's counter;
internal forms (笔录, 审批表, 案卷封面 …) carry the 案号 instead.

Layouts: ``letter`` is a 公文-style document addressed to the party (主送) with 正文, 落款 and
seal (GB/T 9704-2012); ``form`` is a 制式表格 (label | content rows); ``case`` forms are built
from the case itself rather than from one record (结案审批表, 案卷封面, 卷内目录, 备考表).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Layout = Literal["letter", "form", "case"]


@dataclass(frozen=True)
class DocType:
    id: str
    title: str
    layout: Layout
    records: tuple[str, ...] = ()
    # 文号 class (罚, 许 …); None for forms that are not sent out.
    code: str | None = None
    # The closing paragraph of a letter: where the party may turn (处罚法 第四十四条 etc.).
    closing: str = ""


_TRANSCRIPTS = (
    "inspection_record",
    "site_inspection_transcript",
    "site_check_record",
    "survey_transcript",
    "site_transcript",
    "on_site_record",
    "investigation_transcript",
    "investigation_record",
)

DOC_TYPES: dict[str, DocType] = {
    t.id: t
    for t in (
        DocType("case_source_register", "案件来源登记表", "form", ("case_source_register",)),
        DocType("filing_approval", "立案审批表", "form", ("filing_approval",)),
        DocType("no_filing_approval", "不予立案审批表", "form", ("no_filing_notice",)),
        DocType(
            "acceptance_notice",
            "受理通知书",
            "letter",
            ("acceptance_notice", "acceptance_decision"),
            code="受",
        ),
        DocType(
            "non_acceptance_notice",
            "不予受理通知书",
            "letter",
            ("non_acceptance_decision",),
            code="不受",
        ),
        DocType("supplement_notice", "补正材料通知书", "letter", ("supplement_notice",), code="补"),
        DocType("inquiry_transcript", "询问笔录", "form", ("inquiry_record", "inquiry_transcript")),
        DocType("inspection_transcript", "现场检查（勘验）笔录", "form", _TRANSCRIPTS),
        DocType("sampling_list", "抽样取证清单", "form", ("sampling_record", "sampling_list")),
        DocType(
            "preservation_notice",
            "先行登记保存证据通知书",
            "letter",
            ("evidence_preservation_notice", "preservation_record"),
            code="保",
        ),
        DocType(
            "seizure_decision",
            "查封（扣押）决定书",
            "letter",
            ("seizure_decision_document", "coercion_decision"),
            code="强",
            closing="查封、扣押清单附后。",
        ),
        DocType("seizure_list", "查封（扣押）清单", "form", ("seizure_list",)),
        DocType(
            "penalty_notice",
            "行政处罚事先告知书",
            "letter",
            ("penalty_notice", "rights_notice"),
            code="告",
            closing="根据《中华人民共和国行政处罚法》第四十四条、第四十五条，你（单位）有权进行陈述和申辩。",
        ),
        DocType(
            "hearing_rights_notice",
            "听证告知书",
            "letter",
            ("hearing_rights_notice", "permit_hearing_rights_notice"),
            code="听告",
            closing="根据《中华人民共和国行政处罚法》第六十三条、第六十四条，你（单位）有权要求听证。",
        ),
        DocType(
            "hearing_notification",
            "听证通知书",
            "letter",
            ("hearing_notification", "hearing_notice"),
            code="听通",
        ),
        DocType("hearing_transcript", "听证笔录", "form", ("hearing_transcript",)),
        DocType("statement_record", "陈述申辩笔录", "form", ("statement_record", "defence_review")),
        DocType(
            "collective_discussion",
            "重大案件集体讨论笔录",
            "form",
            ("collective_discussion_record",),
        ),
        DocType(
            "legal_review_opinion",
            "法制审核意见书",
            "form",
            ("legal_review_opinion", "review_opinion"),
        ),
        DocType(
            "penalty_decision",
            "行政处罚决定书",
            "letter",
            ("penalty_decision_document", "decision_document", "on_the_spot_decision_document"),
            code="罚",
        ),
        DocType(
            "permit_decision", "行政许可决定书", "letter", ("permit_decision_document",), code="许"
        ),
        DocType(
            "permit_refusal",
            "不予行政许可决定书",
            "letter",
            ("permit_decision_document",),
            code="不许",
        ),
        DocType(
            "service_receipt",
            "送达回证",
            "form",
            (
                "service_receipt",
                "service_record",
                "lodged_service_record",
                "postal_receipt",
                "electronic_service_record",
                "entrusted_service_record",
                "public_notice_record",
            ),
        ),
        DocType("demand_notice", "催告书", "letter", ("demand_notice",), code="催"),
        DocType(
            "enforcement_application",
            "强制执行申请书",
            "letter",
            ("enforcement_application",),
            code="执申",
        ),
        DocType("closing_approval", "结案审批表", "case"),
        DocType("file_cover", "案卷封面", "case"),
        DocType("file_index", "卷内目录", "case"),
        DocType("file_notes", "备考表", "case"),
    )
}

# The decision's contents, in the order the 全过程记录 办法 list them (市人社局执法全过程记录
# 办法 第二十一条; the other four agencies' 办法 say the same): a decision missing one is refused.
DECISION_SECTIONS: tuple[tuple[str, str], ...] = (
    ("party_info", "当事人基本情况"),
    ("facts_and_evidence", "违法事实和证据"),
    ("circumstances", "从重、从轻、减轻或者不予处罚情形"),
    ("legal_basis", "法律依据（含自由裁量基准）"),
    ("measures", "行政处理决定、履行期限和方式"),
    ("remedies", "救济途径和期限"),
)


def doc_types_for_record(record_type: str) -> list[DocType]:
    """Which documents a record of ``record_type`` can be rendered into."""
    return [t for t in DOC_TYPES.values() if record_type in t.records]
