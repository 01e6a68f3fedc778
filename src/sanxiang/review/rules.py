"""The pack's ``[review]`` section as the review app reads it, with national fallbacks.

Packs without their own checklist or materials (硚口区人资局 has no review 办法; the national
pack sets none) fall back to what 处罚法 第五十八条 itself asks: that the reviewer checks the
legality of the proposed decision, on the proposal and the case file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanxiang.cases.gates import InvalidInput
from sanxiang.policy.resolved import ResolvedPack
from sanxiang.policy.schema import Escalation, Extension, Outcome, ReReview, TimeLimit

NATIONAL_CITE = "中华人民共和国行政处罚法 第五十八条"


@dataclass(frozen=True)
class Entry:
    """A material or checklist item: id, label, citation and whether it is required."""

    id: str
    label: str
    cite: str
    required: bool = True


FALLBACK_MATERIALS = (Entry("material_case_file", "执法案卷", NATIONAL_CITE),)
FALLBACK_CHECKLIST = (
    Entry("check_legality", "拟作出的决定是否合法（主体、事实、证据、依据、程序）", NATIONAL_CITE),
)


def _review(pack: ResolvedPack) -> Any:
    return pack.model.review


def _entries(items: list[Any]) -> list[Entry]:
    return [Entry(i.id, i.label, i.cite, i.required is not False) for i in items]


def review_cite(pack: ResolvedPack) -> str:
    review = _review(pack)
    return str(review.cite) if review is not None else NATIONAL_CITE


def role_cite(pack: ResolvedPack) -> str:
    return review_cite(pack)


def rule_cite(pack: ResolvedPack, rule_id: str, default: str | None = None) -> str:
    review = _review(pack)
    for rule in review.rules if review is not None else []:
        if rule.id == rule_id:
            return str(rule.cite)
    return review_cite(pack) if default is None else default


def uncorrected_cite(pack: ResolvedPack) -> str:
    """市人社局审核办法 第十一条第二款 / 科技局办法 第十条第二款, else 处罚法 第五十八条."""
    return rule_cite(
        pack,
        "no_decision_until_corrected",
        rule_cite(pack, "no_decision_without_review", NATIONAL_CITE),
    )


def allows_entrusted(pack: ResolvedPack) -> bool:
    return rule_cite(pack, "entrusted_review", "") != ""


def materials(pack: ResolvedPack) -> list[Entry]:
    review = _review(pack)
    found = _entries(review.materials) if review is not None else []
    return found or list(FALLBACK_MATERIALS)


def checklist(pack: ResolvedPack) -> list[Entry]:
    review = _review(pack)
    found = _entries(review.checklist) if review is not None else []
    return found or list(FALLBACK_CHECKLIST)


def checklist_item(pack: ResolvedPack, item_id: str) -> Entry:
    for item in checklist(pack):
        if item.id == item_id:
            return item
    raise InvalidInput(
        f"审核事项“{item_id}”不在本机关的审核内容中。", log_message=f"item {item_id}"
    )


def outcomes(pack: ResolvedPack) -> list[Outcome]:
    review = _review(pack)
    return list(review.outcomes) if review is not None else []


def outcome(pack: ResolvedPack, outcome_id: str) -> Outcome:
    for item in outcomes(pack):
        if item.id == outcome_id:
            return item
    raise InvalidInput(
        f"审核意见“{outcome_id}”不是本机关规定的审核意见。", log_message=f"outcome {outcome_id}"
    )


def missing_materials(
    pack: ResolvedPack, texts: dict[str, str], given: dict[str, str]
) -> list[str]:
    """Labels of what an incomplete submission lacks: the proposal, reasons and basis (the
    first material every 办法 lists) and every required material not given."""
    missing = [
        label
        for key, label in (
            ("proposal", "拟作出的决定"),
            ("reasons", "理由"),
            ("legal_basis", "法律依据"),
        )
        if not texts[key]
    ]
    missing += [
        m.label
        for m in materials(pack)
        if m.required and m.id != "material_proposal" and m.id not in given
    ]
    return missing


def time_limit(pack: ResolvedPack) -> TimeLimit | None:
    review = _review(pack)
    return review.time_limit if review is not None else None


def extension(pack: ResolvedPack) -> Extension | None:
    review = _review(pack)
    return review.extension if review is not None else None


def rereview(pack: ResolvedPack) -> ReReview | None:
    review = _review(pack)
    return review.rereview if review is not None else None


def rereview_limit(pack: ResolvedPack) -> TimeLimit | None:
    rule = rereview(pack)
    if rule is not None and rule.time_limit is not None:
        return rule.time_limit
    return time_limit(pack)


def escalation(pack: ResolvedPack) -> Escalation | None:
    review = _review(pack)
    return review.escalation if review is not None else None
