"""Gates: the checks a step must pass before it is written. Each refusal is a ``RuleViolation``
naming the pack rule and its citation; none of these functions writes anything."""

from __future__ import annotations

from sanxiang.cases.models import Case


def review_allows(case: Case) -> bool:
    """Whether legal review (法制审核, issue 5) allows a major decision in ``case``.

    The single hook the review app will fill: until it exists, a case the pack classifies as
    major (``ResolvedPack.review_required(facts)``) can never enter a review-gated stage
    (行政处罚法 第五十八条: 未经法制审核或者审核未通过的，不得作出决定).
    """
    return False
