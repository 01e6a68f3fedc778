"""Default 文号 patterns per agency and document type.

These belong in the policy packs (issue 8: "configured in the pack"); until the pack schema has a
``[documents.numbering]`` table they live here, keyed by agency slug. ``pattern_for`` is the only
reader, so moving them into the packs changes this module alone.

机关代字 follow each agency's own usage in its published documents (武人社 for 武汉市人力资源和
社会保障局 …); an agency not listed uses the first two characters of its name.
"""

from __future__ import annotations

from sanxiang.documents.doctypes import DOC_TYPES
from sanxiang.documents.numbering import NumberPattern

AGENCY_ABBREVIATIONS: dict[str, str] = {
    "wuhan-kjj": "武科",
    "wuhan-rsj": "武人社",
    "liuzhou-kjj": "柳科",
    "qiaokou-rzj": "硚人",
    "dongxihu-sfj": "东司",
}

# (agency slug, doc type) → pattern, where an agency departs from 代字 + 类别 + 〔年〕 + 序号 + 号.
OVERRIDES: dict[tuple[str, str], str] = {
    # 外国人来华工作许可 decisions are numbered in the permit service's own series.
    ("wuhan-kjj", "permit_decision"): "武科外专许〔{year}〕{seq}号",
    ("wuhan-kjj", "permit_refusal"): "武科外专不许〔{year}〕{seq}号",
}


def abbreviation(slug: str, name: str) -> str:
    return AGENCY_ABBREVIATIONS.get(slug) or name[:2]


def pattern_for(*, slug: str, agency_name: str, doc_type: str) -> NumberPattern | None:
    """The agency's 文号 pattern for ``doc_type``; None for documents that carry no 文号."""
    override = OVERRIDES.get((slug, doc_type))
    if override:
        return NumberPattern(override)
    code = DOC_TYPES[doc_type].code
    if code is None:
        return None
    return NumberPattern(f"{abbreviation(slug, agency_name)}{code}〔{{year}}〕{{seq}}号")
