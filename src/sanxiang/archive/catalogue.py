"""卷内目录: the order and page numbers of a case file. No Django.

Case-file review reads a file in the order the case ran: 立案 → 调查 → 审查 → 决定 → 送达 → 执行.
Packs name their stages differently (``filing``, ``acceptance``, ``site_check`` …), so each stage
id maps to one of the six phases; within a phase records keep the order they happened in.
Page 1 is the cover, page 2 the catalogue; every record takes one page and every attachment
(audio/video, scans) one more, noted with where it is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PHASES = ("立案", "调查", "审查", "决定", "送达", "执行")
PHASE_OF_STAGE = {
    "filing": "立案",
    "acceptance": "立案",
    "application": "立案",
    "supplement": "立案",
    "investigation": "调查",
    "site_check": "调查",
    "inquiry": "调查",
    "verify": "调查",
    "examination": "调查",
    "implementation": "调查",
    "notice": "审查",
    "legal_review": "审查",
    "opinion": "审查",
    "draft_decision": "审查",
    "hearing": "审查",
    "review": "审查",
    "decision": "决定",
    "service": "送达",
    "execution": "执行",
    "handling": "执行",
    "closed": "执行",
    "archived": "执行",
}
FIRST_RECORD_PAGE = 3


def phase_of(stage: str) -> str:
    """Unknown stages are investigation steps: the file still holds them, in time order."""
    return PHASE_OF_STAGE.get(stage, "调查")


@dataclass(frozen=True)
class Item:
    """One record of the case, with its attachments (each a mapping with ``filename`` …)."""

    record_id: int
    stage: str
    label: str
    record_type: str
    recorded_at: str  # ISO 8601, sortable
    ledger_index: int
    attachments: tuple[Mapping[str, Any], ...] = ()


def catalogue(items: Iterable[Item]) -> list[dict[str, Any]]:
    ordered = sorted(
        items, key=lambda i: (PHASES.index(phase_of(i.stage)), i.recorded_at, i.record_id)
    )
    page = FIRST_RECORD_PAGE
    rows: list[dict[str, Any]] = []
    for number, item in enumerate(ordered, 1):
        pages = 1 + len(item.attachments)
        rows.append(
            {
                "no": number,
                "phase": phase_of(item.stage),
                "stage": item.stage,
                "label": item.label,
                "record_type": item.record_type,
                "recorded_at": item.recorded_at,
                "ledger_index": item.ledger_index,
                "pages": [page, page + pages - 1],
                "attachments": [dict(a) for a in item.attachments],
            }
        )
        page += pages
    return rows
