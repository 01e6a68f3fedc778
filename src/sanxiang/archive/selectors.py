"""Reads of the archive app, always scoped to the user's agencies (another agency's is absent)."""

from __future__ import annotations

from django.db.models import QuerySet

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.archive.choices import RequestStatus
from sanxiang.archive.models import AccessEvent, AccessRequest, CaseFile
from sanxiang.cases.choices import CaseStatus
from sanxiang.cases.models import Case
from sanxiang.core.errors import NotInScope


def _scoped(queryset: QuerySet, user: User) -> QuerySet:
    scope = agency_scope(user)
    return queryset if scope is None else queryset.filter(agency_id__in=scope)


def case_for_user(user: User, pk: int) -> Case:
    case = _scoped(Case.objects.filter(pk=pk), user).select_related("agency").first()
    if case is None:
        raise NotInScope("没有找到该案件。")
    return case


def case_file_of(case: Case) -> CaseFile | None:
    return CaseFile.objects.filter(case=case).select_related("checkpoint").first()


def case_files(user: User) -> QuerySet[CaseFile]:
    return _scoped(CaseFile.objects.select_related("case", "agency"), user).order_by("-formed_at")


def closed_without_file(user: User) -> QuerySet[Case]:
    """办结未立卷: closed cases whose file is still to be formed."""
    return _scoped(
        Case.objects.filter(status=CaseStatus.CLOSED, case_file__isnull=True), user
    ).order_by("closed_at")


def register(user: User) -> QuerySet[AccessEvent]:
    return _scoped(AccessEvent.objects.select_related("case", "agency"), user).order_by(
        "-at", "-id"
    )


def requests(user: User) -> QuerySet[AccessRequest]:
    return _scoped(
        AccessRequest.objects.select_related("case", "agency", "decided_by", "registered_by"), user
    ).order_by("-registered_at", "-id")


def request_for_user(user: User, pk: int) -> AccessRequest:
    found = (
        _scoped(AccessRequest.objects.filter(pk=pk), user)
        .select_related("case", "agency", "party", "item", "item__blob", "decided_by")
        .first()
    )
    if found is None:
        raise NotInScope("没有找到该申请。")
    return found


def awaiting_decision(user: User) -> QuerySet[AccessRequest]:
    """待我审批: pending requests of the user's agency whose rule names a role the user holds."""
    held = [role for role in Role if role != Role.SUPERVISOR and user.has_role(role)]
    if user.agency_id is None or not held:
        return AccessRequest.objects.none()
    return (
        AccessRequest.objects.filter(
            agency_id=user.agency_id, status=RequestStatus.PENDING, approver_role__in=held
        )
        .select_related("case")
        .order_by("registered_at", "id")
    )


def requests_of_case(user: User, case: Case) -> QuerySet[AccessRequest]:
    return requests(user).filter(case=case)
