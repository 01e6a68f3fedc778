"""Reads of the evidence app, always scoped to the user's agencies."""

from __future__ import annotations

from django.db.models import QuerySet

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.core.errors import NotInScope
from sanxiang.evidence.models import Blob, EvidenceItem


def _scoped(queryset: QuerySet, user: User) -> QuerySet:
    scope = agency_scope(user)
    return queryset if scope is None else queryset.filter(agency_id__in=scope)


def items_for_case(user: User, case_id: int) -> QuerySet[EvidenceItem]:
    return _scoped(EvidenceItem.objects.filter(case_id=case_id), user).select_related("blob")


def blob_for_user(user: User, pk: int) -> Blob:
    blob = _scoped(Blob.objects.filter(pk=pk), user).first()
    if blob is None:
        raise NotInScope("没有找到该文件。")
    return blob


def item_for_user(user: User, pk: int) -> EvidenceItem:
    item = _scoped(EvidenceItem.objects.filter(pk=pk), user).select_related("blob", "case").first()
    if item is None:
        raise NotInScope("没有找到该文件。")
    return item
