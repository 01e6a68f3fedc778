"""Public pages of the registry (no login): an agency's basic info, people and items, and the
certificate check. Only fields meant for the public are passed to the templates."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sanxiang.core.errors import NotInScope
from sanxiang.registry import selectors
from sanxiang.registry.choices import CertificateCheck


def agency_public(request: HttpRequest, slug: str) -> HttpResponse:
    """执法主体公示 — the 事前公开 page (市人社局行政执法公示办法 第六条)."""
    try:
        agency = selectors.public_agency(slug)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    today = timezone.localdate()
    officers = [
        {
            "name": officer.name,
            "gender": officer.get_gender_display(),
            "title": officer.title,
            "department": officer.department.name,
            "cert_no": officer.cert_no,
            "cert_valid_from": officer.cert_valid_from,
            "cert_valid_until": officer.cert_valid_until,
            "check": officer.certificate_check_on(today),
        }
        for officer in selectors.officers_of(agency=agency)
    ]
    context = {
        "agency": agency,
        "departments": selectors.departments_of(agency=agency),
        "officers": officers,
        "auxiliary_staff": selectors.public_auxiliary_staff(agency=agency),
        "items": selectors.public_items(agency=agency),
        "random_inspections": selectors.public_random_inspections(agency=agency),
        "discretion_standards": selectors.public_discretion_standards(agency=agency),
        "hearing_standards": selectors.public_hearing_standards(agency=agency),
        "valid": CertificateCheck.VALID,
    }
    return render(request, "registry/agency_public.html", context)


def certificate_lookup(request: HttpRequest, slug: str) -> HttpResponse:
    """The lookup form's target: on to the certificate's own page."""
    cert_no = request.GET.get("cert_no", "").strip()
    if not cert_no or "/" in cert_no:
        return redirect("registry:agency", slug=slug)
    return redirect("registry:certificate", slug=slug, cert_no=cert_no)


def certificate_check(request: HttpRequest, slug: str, cert_no: str) -> HttpResponse:
    """执法证件查询 — anyone may check the certificate an officer shows
    (武汉市科技局公示办法 第十三条: 执法人员应当主动出示证件)."""
    try:
        agency = selectors.public_agency(slug)
        officer = selectors.officer_by_cert_no(agency=agency, cert_no=cert_no)
    except NotInScope as exc:
        return render(
            request,
            "registry/certificate_check.html",
            {"cert_no": cert_no, "not_found": exc.message, "slug": slug},
            status=404,
        )
    today = timezone.localdate()
    context = {
        "agency": agency,
        "slug": slug,
        "cert_no": cert_no,
        "today": today,
        "name": officer.name,
        "department": officer.department.name,
        "cert_valid_from": officer.cert_valid_from,
        "cert_valid_until": officer.cert_valid_until,
        "check": officer.certificate_check_on(today),
        "valid": CertificateCheck.VALID,
    }
    return render(request, "registry/certificate_check.html", context)
