"""Published 事中公示, 检查计划 and 检查信息 for URL walks and page tests (built directly: a
fixture, not a use case — the services refuse agencies whose pack lacks the item)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.disclosure.inspection_models import InspectionInfo, InspectionPlan, InspectionPlanLine
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency


def _author(agency: Agency) -> User:
    user, _ = User.objects.get_or_create(
        username=f"notice-sample-{agency.slug}", defaults={"agency": agency}
    )
    return user


def _common(agency: Agency, item_id: str) -> dict[str, Any]:
    now = timezone.now()
    return {
        "agency": agency,
        "item_id": item_id,
        "item_label": "示例公示事项",
        "cite": "示例依据",
        "status": NoticeStatus.PUBLISHED,
        "approver_role": "leader",
        "published_at": now,
        "created_by": _author(agency),
        "created_at": now,
        "ledger_index": 0,
    }


def process_notice_sample(agency: Agency) -> dict[str, Any]:
    notice = ProcessNotice.objects.filter(agency=agency, item_id="sample").first()
    if notice is None:
        notice = ProcessNotice.objects.create(
            **_common(agency, "sample"),
            title=f"{agency.name}考试成绩公示（示例）",
            columns=["姓名", "成绩"],
            rows=[["王某", "88"]],
        )
    return {"pk": notice.pk}


def staff_process_notice_sample(agency: Agency) -> dict[str, Any]:
    return {"kind": "process", **process_notice_sample(agency)}


def plan_sample(agency: Agency) -> dict[str, Any]:
    plan = InspectionPlan.objects.filter(agency=agency, year=2026).first()
    if plan is None:
        plan = InspectionPlan.objects.create(
            **_common(agency, "inspection_plan"), year=2026, due_on=dt.date(2026, 3, 31)
        )
        InspectionPlanLine.objects.create(
            agency=agency,
            plan=plan,
            position=1,
            subject=agency.name,
            matter="示例检查事项",
            method="random",
            targets="辖区单位",
            target_base=100,
            ratio_percent=Decimal("5"),
            frequency="每年一次",
            planned_count=5,
        )
    return {"pk": plan.pk}


def info_sample(agency: Agency) -> dict[str, Any]:
    info = InspectionInfo.objects.filter(agency=agency, item_id="sample").first()
    if info is None:
        info = InspectionInfo.objects.create(
            **_common(agency, "sample"),
            period="quarter",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            due_on=dt.date(2026, 6, 30),
            figures={"inspected": 0, "concluded": 0, "rectification": 0, "officers": 0},
        )
    return {"pk": info.pk}


def flowchart_sample(agency: Agency) -> dict[str, Any]:
    kinds = pack_for_agency(agency).model.case_kinds
    kind = next(iter(kinds))
    return {"slug": agency.slug, "kind": kind, "procedure": next(iter(kinds[kind].procedures))}
