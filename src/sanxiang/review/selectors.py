"""Reads of the review app, always scoped to the user's agency (supervisors: every agency)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.core.errors import NotInScope
from sanxiang.registry.models import Agency
from sanxiang.review.choices import OPEN_STATUSES
from sanxiang.review.models import Catalogue, CatalogueItem, Opinion, Submission


def _scoped(qs: QuerySet[Submission], user: User) -> QuerySet[Submission]:
    scope = agency_scope(user)
    return qs if scope is None else qs.filter(agency_id__in=scope)


def submissions_for(user: User) -> QuerySet[Submission]:
    return _scoped(Submission.objects.select_related("case", "agency", "submitted_by"), user)


def submission_for(user: User, pk: int) -> Submission:
    found = submissions_for(user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有找到该送审。", log_message=f"submission {pk} not in scope of {user}")
    return found


def opinion_for(user: User, pk: int) -> Opinion:
    scope = agency_scope(user)
    qs = Opinion.objects.select_related("submission__case", "agency", "issued_by")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有找到该审核意见书。", log_message=f"opinion {pk} not in scope")
    return found


@dataclass(frozen=True)
class QueueRow:
    submission: Submission
    state: str  # "overdue", "due_today", "running", "no_limit"
    label: str


def queue(user: User, *, today: dt.date | None = None) -> list[QueueRow]:
    """The reviewer's queue: open submissions, most urgent first, with due/overdue marked."""
    day = today or timezone.localdate()
    rows = []
    for s in submissions_for(user).filter(status__in=OPEN_STATUSES).order_by("due", "submitted_at"):
        if s.due is None:
            rows.append(QueueRow(s, "no_limit", "无审核期限"))
        elif s.due < day:
            rows.append(QueueRow(s, "overdue", f"已逾期 {(day - s.due).days} 日"))
        elif s.due == day:
            rows.append(QueueRow(s, "due_today", "今日届满"))
        else:
            rows.append(QueueRow(s, "running", f"{s.due.isoformat()} 届满"))
    return rows


# ------------------------------------------------------------------------------ catalogue


def catalogues_for(user: User) -> QuerySet[Catalogue]:
    """Every version of the catalogues the user may see, newest first."""
    scope = agency_scope(user)
    qs = Catalogue.objects.select_related("agency", "created_by").order_by("agency_id", "-version")
    return qs if scope is None else qs.filter(agency_id__in=scope)


def catalogue_for(user: User, pk: int) -> Catalogue:
    found = catalogues_for(user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有找到该目录。", log_message=f"catalogue {pk} not in scope of {user}")
    return found


def catalogue_item_for(catalogue: Catalogue, pk: int) -> CatalogueItem:
    found = catalogue.items.filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有找到该目录事项。", log_message=f"item {pk} not in {catalogue.pk}")
    return found


def published_catalogue(agency: Agency) -> Catalogue | None:
    """The version the public sees: the latest published one that is not withdrawn. A withdrawn
    version does not bring an older one back; the portal then shows none."""
    latest = (
        Catalogue.objects.filter(agency=agency, published_on__isnull=False)
        .order_by("-version")
        .first()
    )
    return latest if latest is not None and latest.withdrawn_on is None else None
