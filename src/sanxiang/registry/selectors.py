"""Reads of the registry, always scoped: to the user's agencies, or to what the public may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.core.errors import NotInScope
from sanxiang.registry.choices import CertificateStatus
from sanxiang.registry.models import (
    Agency,
    AgencyOwned,
    AuxiliaryStaff,
    Department,
    DiscretionStandard,
    EnforcementItem,
    EnforcementPost,
    HearingStandard,
    Officer,
    RandomInspectionItem,
)


def scoped[M: AgencyOwned](queryset: QuerySet[M], user: User) -> QuerySet[M]:
    """``queryset`` restricted to the agencies ``user`` may read (all for supervisors)."""
    scope = agency_scope(user)
    if user.is_superuser or scope is None:
        return queryset
    return queryset.filter(agency_id__in=scope)


def agencies_for(user: User) -> QuerySet[Agency]:
    scope = agency_scope(user)
    if user.is_superuser or scope is None:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=scope)


def officers_of(*, agency: Agency, active_only: bool = True) -> QuerySet[Officer]:
    qs = Officer.objects.filter(agency=agency).select_related("department", "post")
    return qs.filter(is_active=True) if active_only else qs


def departments_of(*, agency: Agency, active_only: bool = True) -> QuerySet[Department]:
    qs = Department.objects.filter(agency=agency)
    return qs.filter(is_active=True) if active_only else qs


def items_of(*, agency: Agency, active_only: bool = True) -> QuerySet[EnforcementItem]:
    qs = EnforcementItem.objects.filter(agency=agency).select_related("department")
    return qs.filter(is_active=True) if active_only else qs


def officers_valid_on(*, agency: Agency, day: datetime.date) -> QuerySet[Officer]:
    """Officers who may enforce on ``day`` (行政处罚法 第四十二条); the same test as
    :meth:`Officer.certificate_valid_on`, as a query."""
    return officers_of(agency=agency).filter(
        cert_status=CertificateStatus.VALID,
        cert_valid_from__lte=day,
        cert_valid_until__gte=day,
    )


def officers_needing_renewal(
    *, agency: Agency, day: datetime.date, within_days: int = 30
) -> QuerySet[Officer]:
    """Valid on ``day`` but expiring within ``within_days`` days, soonest first."""
    last = day + datetime.timedelta(days=within_days - 1)
    return (
        officers_valid_on(agency=agency, day=day)
        .filter(cert_valid_until__lte=last)
        .order_by("cert_valid_until", "id")
    )


@dataclass(frozen=True)
class StaffingSummary:
    """The figures the annual statistics report needs: 执法岗位设置数量及在岗执法人员数量
    (武汉市科技局公示办法 第九条(二))."""

    posts: int
    officers: int
    officers_valid: int
    officers_needing_renewal: int


def staffing_summary(*, agency: Agency, day: datetime.date) -> StaffingSummary:
    return StaffingSummary(
        posts=EnforcementPost.objects.filter(agency=agency, is_active=True).count(),
        officers=officers_of(agency=agency).count(),
        officers_valid=officers_valid_on(agency=agency, day=day).count(),
        officers_needing_renewal=officers_needing_renewal(agency=agency, day=day).count(),
    )


def officer_by_cert_no(*, agency: Agency, cert_no: str) -> Officer:
    """The officer of ``agency`` holding certificate ``cert_no`` (deactivated ones included, so
    the public learns that a certificate is no longer in use rather than that it never existed)."""
    try:
        return Officer.objects.select_related("department").get(agency=agency, cert_no=cert_no)
    except Officer.DoesNotExist:
        raise NotInScope("未查询到该执法证件。", log_message=f"no certificate {cert_no}") from None


# --- public portal (no login) -----------------------------------------------------------------


def public_agency(slug: str) -> Agency:
    try:
        return Agency.objects.get(slug=slug)
    except Agency.DoesNotExist:
        raise NotInScope("未找到该执法主体。", log_message=f"no agency {slug}") from None


def public_items(*, agency: Agency) -> QuerySet[EnforcementItem]:
    """Active items with their service guide (the template shows only an active guide)."""
    return items_of(agency=agency).select_related("service_guide")


def public_random_inspections(*, agency: Agency) -> QuerySet[RandomInspectionItem]:
    return RandomInspectionItem.objects.filter(
        agency=agency, is_active=True, item__is_active=True
    ).select_related("item")


def public_discretion_standards(*, agency: Agency) -> QuerySet[DiscretionStandard]:
    return DiscretionStandard.objects.filter(
        agency=agency, is_active=True, item__is_active=True
    ).select_related("item")


def public_auxiliary_staff(*, agency: Agency) -> QuerySet[AuxiliaryStaff]:
    return AuxiliaryStaff.objects.filter(agency=agency, is_active=True).select_related("department")


def public_hearing_standards(*, agency: Agency) -> QuerySet[HearingStandard]:
    return (
        HearingStandard.objects.filter(agency=agency, is_active=True)
        .filter(Q(item__isnull=True) | Q(item__is_active=True))
        .select_related("item")
    )
