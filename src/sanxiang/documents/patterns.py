"""文号 patterns, read from the agency's policy pack (``[documents]``, issue 8: "in the agency's
pattern, configured in the pack").

The national pack gives the default, ``{abbr}{code}〔{year}〕{seq}号`` (GB/T 9704-2012 §7.2.4:
机关代字 + 类别字 + 〔年份〕 + 序号 + 号); an agency pack sets its 机关代字 (``abbreviation``) and
may give a document type its own series (武汉市科技局's 外国人来华工作许可 decisions). An agency
without an ``abbreviation`` uses the first two characters of its name.

Which types carry a 文号 at all is a property of the document (``DocType.code``: decisions and
notices sent out do, 笔录 and 审批表 do not), not of the agency.
"""

from __future__ import annotations

from sanxiang.documents.doctypes import DOC_TYPES
from sanxiang.documents.numbering import NumberPattern
from sanxiang.policy.loader import UnknownPack, load_pack
from sanxiang.policy.schema import Documents

# Only for an agency that has no pack at all (the loader refuses to run its cases anyway).
FALLBACK_PATTERN = "{abbr}{code}〔{year}〕{seq}号"


def documents_config(slug: str) -> Documents:
    """The resolved ``[documents]`` table of the agency's pack (empty when it has none)."""
    try:
        pack = load_pack(slug)
    except UnknownPack:
        return Documents()
    return pack.model.documents or Documents()


def abbreviation(slug: str, name: str) -> str:
    return documents_config(slug).abbreviation or name[:2]


def pattern_for(*, slug: str, agency_name: str, doc_type: str) -> NumberPattern | None:
    """The agency's 文号 pattern for ``doc_type``; None for documents that carry no 文号."""
    code = DOC_TYPES[doc_type].code
    if code is None:
        return None
    config = documents_config(slug)
    template = config.numbering.get(doc_type) or config.numbering.get("default") or FALLBACK_PATTERN
    return NumberPattern(template, abbr=config.abbreviation or agency_name[:2], code=code)


def template_fragment(*, slug: str, doc_type: str) -> str:
    """The agency's Typst body for ``doc_type`` (pack ``[documents.templates]``), or ""."""
    templates = documents_config(slug).templates
    return templates.get(doc_type) or templates.get("default") or ""
