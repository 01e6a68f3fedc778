"""Classification (重大执法决定的认定): is a proposed decision major, and on which grounds.

Pure logic over a resolved pack and a dict of facts: no database. The pack's
``[major_decision]`` criteria are the grounds (处罚法 第五十八条 in ``national.toml``, each
agency's 办法 in its own pack); an agency may also mark a case major by hand (本局认为属于重大,
e.g. 市人社局审核办法 第五条第（三）项、第六条第（五）项), which adds a ground with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sanxiang.cases.gates import checked_facts, default_facts
from sanxiang.policy.resolved import ResolvedPack

HAND_MARKED_RULE = "hand_marked"
NATIONAL_CITE = "中华人民共和国行政处罚法 第五十八条"

# The pack criterion that stands for "the agency designates it major", where the pack has one.
DESIGNATED_CRITERIA = ("agency_designated", "wuhan_listed")


@dataclass(frozen=True)
class Ground:
    """One reason a decision is major: the rule id, its citation and the reason in words."""

    rule: str
    cite: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "cite": self.cite, "reason": self.reason}


@dataclass(frozen=True)
class Classification:
    """``major`` with every ground; ``exempt`` names the ground that dispenses with *prior*
    review (an emergency decision, e.g. 市人社局审核办法 第四条第二款), else None."""

    major: bool
    grounds: list[Ground] = field(default_factory=list)
    exempt: Ground | None = None

    @property
    def review_required(self) -> bool:
        return self.major and self.exempt is None

    def as_json(self) -> dict[str, Any]:
        """Exactly what ``sanxiang review classify`` prints."""
        return {"major": self.major, "grounds": [g.as_json() for g in self.grounds]}


def complete_facts(
    pack: ResolvedPack, facts: Mapping[str, Any], *, strict: bool = True
) -> dict[str, Any]:
    """``facts`` checked against the pack's ``[facts]``, with a neutral value (false, 0, "")
    for every fact not given, so that a proposal names only the facts that hold. A case's own
    facts (``strict=False``) were checked when they were written and may hold neutral values."""
    given = checked_facts(pack, facts) if strict else dict(facts)
    return {**default_facts(pack), **given}


def hand_mark_cite(pack: ResolvedPack) -> str:
    """The article that lets this agency designate a decision major, else the national one."""
    major = pack.model.major_decision
    if major is not None:
        for criterion in major.criteria:
            if criterion.id in DESIGNATED_CRITERIA:
                return str(criterion.cite)
        return str(major.cite)
    return NATIONAL_CITE


def classify(
    pack: ResolvedPack,
    facts: Mapping[str, Any],
    manual: str | None = None,
    *,
    strict: bool = True,
) -> Classification:
    """Classify a proposed decision with ``facts`` under ``pack``.

    ``manual`` is the reason the agency gives for marking it major by hand; a blank reason is
    refused by the caller (the service), not silently accepted here.
    """
    full = complete_facts(pack, facts, strict=strict)
    grounds = [Ground(c.id, str(c.cite), str(c.label)) for c in pack.major_criteria_met(full)]
    if manual is not None and manual.strip():
        grounds.append(
            Ground(HAND_MARKED_RULE, hand_mark_cite(pack), f"本局认为属于重大：{manual.strip()}")
        )
    exempt = None
    major = pack.model.major_decision
    exempt_when = major.exempt_when if major is not None else None
    if (
        grounds
        and major is not None
        and exempt_when is not None
        and pack.evaluate(exempt_when, full)
    ):
        exempt = Ground(
            "exempt",
            str(major.exempt_cite or major.cite),
            "即时性、应急性执法决定，无需事先法制审核",
        )
    return Classification(major=bool(grounds), grounds=grounds, exempt=exempt)
