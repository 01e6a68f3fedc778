"""Registry API: the officers a user may see, and the public certificate check."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from sanxiang.accounts.api_auth import API_AUTH, api_user
from sanxiang.core.errors import NotInScope
from sanxiang.registry import selectors
from sanxiang.registry.models import Officer

router = Router(auth=API_AUTH)


class OfficerOut(Schema):
    id: int
    agency: str
    name: str
    title: str
    department: str
    cert_no: str
    cert_valid_from: datetime.date
    cert_valid_until: datetime.date
    certificate: str  # CertificateCheck value on the day asked about
    certificate_label: str
    has_legal_qualification: bool


class CertificateOut(Schema):
    agency: str
    agency_name: str
    name: str
    department: str
    cert_no: str
    cert_valid_from: datetime.date
    cert_valid_until: datetime.date
    checked_on: datetime.date
    valid: bool
    status: str
    status_label: str


@router.get(
    "/registry/officers",
    response=list[OfficerOut],
    url_name="registry-officers",
    summary="本机关执法人员及其证件状态（监督人员可见全部）",
)
def officers(request: HttpRequest, on: datetime.date | None = None) -> list[OfficerOut]:
    user = api_user(request)
    day = on or timezone.localdate()
    queryset = selectors.scoped(
        Officer.objects.filter(is_active=True).select_related("agency", "department"), user
    ).order_by("agency_id", "id")
    result = []
    for officer in queryset:
        check = officer.certificate_check_on(day)
        result.append(
            OfficerOut(
                id=officer.pk,
                agency=officer.agency.slug,
                name=officer.name,
                title=officer.title,
                department=officer.department.name,
                cert_no=officer.cert_no,
                cert_valid_from=officer.cert_valid_from,
                cert_valid_until=officer.cert_valid_until,
                certificate=check.value,
                certificate_label=str(check.label),
                has_legal_qualification=officer.has_legal_qualification,
            )
        )
    return result


@router.get(
    "/registry/{slug}/certificates/{cert_no}",
    response=CertificateOut,
    auth=None,
    url_name="registry-certificate",
    summary="执法证件查询（公开）",
)
def certificate(request: HttpRequest, slug: str, cert_no: str) -> CertificateOut:
    # Public like the page: only what the portal shows (no birth year, no account).
    try:
        agency = selectors.public_agency(slug)
        officer = selectors.officer_by_cert_no(agency=agency, cert_no=cert_no)
    except NotInScope as exc:
        raise HttpError(404, exc.message) from None
    today = timezone.localdate()
    check = officer.certificate_check_on(today)
    return CertificateOut(
        agency=agency.slug,
        agency_name=agency.name,
        name=officer.name,
        department=officer.department.name,
        cert_no=officer.cert_no,
        cert_valid_from=officer.cert_valid_from,
        cert_valid_until=officer.cert_valid_until,
        checked_on=today,
        valid=officer.certificate_valid_on(today),
        status=check.value,
        status_label=str(check.label),
    )
