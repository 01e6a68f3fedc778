"""A published item for URL walks and page tests (built directly: a fixture, not a use case)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sanxiang.cases.models import Case
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication


def published_sample(case: Case, *, item_id: str = "sample", text: str = "") -> Publication:
    now = timezone.now()
    publication, _ = Publication.objects.get_or_create(
        case=case,
        item_id=item_id,
        defaults={
            "agency": case.agency,
            "item_label": "行政执法结果",
            "approver_role": "leader",
            "status": PublicationStatus.PUBLISHED,
            "decided_on": dt.date(2026, 3, 2),
            "due_on": dt.date(2026, 3, 11),
            "title": f"{case.agency.name}行政执法结果（{case.number}）",
            "summary": {"执法对象": "某某有限公司", "执法结论": "责令改正并罚款"},
            "public_text": text,
            "search_text": f"{case.agency.name} 行政执法结果 某某有限公司 责令改正并罚款 {text}",
            "published_at": now,
            "created_at": now,
            "ledger_index": 0,
        },
    )
    return publication
