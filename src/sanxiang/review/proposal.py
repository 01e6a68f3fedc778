"""What a review covers: the proposal and the case facts it was reviewed on.

A decision is allowed only for the proposal that was reviewed (市人社局审核办法 第十一条第二款,
处罚法 第五十八条): the fingerprint changes when the facts or the proposal change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

# Facts the cases app raises on its own while records are added (an AV record exists): they
# say nothing about the decision and must not void a review.
INCIDENTAL_FACTS = frozenset({"has_av_records"})


def relevant_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in facts.items() if k not in INCIDENTAL_FACTS}


def fingerprint(*, facts: Mapping[str, Any], proposal: str, legal_basis: str) -> str:
    body = {"facts": relevant_facts(facts), "proposal": proposal, "legal_basis": legal_basis}
    raw = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
