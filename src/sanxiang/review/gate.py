"""The decision gate: does legal review allow the major decision of a case?

:func:`sanxiang.cases.gates.review_allows` calls :func:`allows`. Only the latest submission is
the current proposal; it allows the decision when its latest opinion does — or, after re-review,
the head's documented decision does — with no legality issue left open, and only while the case
facts and the proposal are those that were reviewed (处罚法 第五十八条; 市人社局审核办法
第十一条; 武汉市科技局审核办法 第十条).
"""

from __future__ import annotations

from dataclasses import dataclass

from sanxiang.cases.models import Case
from sanxiang.review.choices import SubmissionStatus
from sanxiang.review.models import Escalation, LegalityIssue, Opinion, Submission
from sanxiang.review.proposal import fingerprint


@dataclass(frozen=True)
class GateState:
    allows: bool
    reason: str  # Chinese, for the case and review pages
    submission: Submission | None = None


def current_submission(case: Case) -> Submission | None:
    return Submission.objects.filter(case=case).order_by("-sequence").first()


def state(case: Case) -> GateState:
    submission = current_submission(case)
    if submission is None:
        return GateState(False, "尚未送审")
    if submission.status == SubmissionStatus.RETURNED:
        return GateState(False, "送审材料不全，已退回", submission)
    current = fingerprint(
        facts=case.facts, proposal=submission.proposal, legal_basis=submission.legal_basis
    )
    if current != submission.fingerprint:
        return GateState(False, "送审后案件事实已变化，须重新送审", submission)
    if LegalityIssue.objects.filter(case=case, corrected_at__isnull=True).exists():
        return GateState(False, "法制审核发现的合法性问题尚未纠正", submission)
    escalation = Escalation.objects.filter(submission=submission).order_by("-at", "-id").first()
    if escalation is not None:
        verdict = "同意" if escalation.allows_decision else "不同意"
        return GateState(escalation.allows_decision, f"负责人决定：{verdict}", submission)
    if submission.status != SubmissionStatus.OPINION_ISSUED:
        return GateState(False, "审核中，尚未出具审核意见", submission)
    opinion = Opinion.objects.filter(submission=submission).order_by("-issued_at", "-id").first()
    if opinion is None:
        return GateState(False, "尚未出具审核意见", submission)
    return GateState(opinion.allows_decision, f"审核意见：{opinion.outcome_label}", submission)


def allows(case: Case) -> bool:
    return state(case).allows
