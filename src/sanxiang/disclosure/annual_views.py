"""Pages of the annual statistics report: on the portal (published reports: HTML, PDF, JSON)
and for staff (deadline, preview, prepare → submit → approve → publish)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import role_required
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import annual, annual_render, annual_selectors, annual_services
from sanxiang.disclosure.annual_models import AnnualReport
from sanxiang.registry.models import Agency
from sanxiang.registry.selectors import public_agency

STAFF_ROLES = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
WRITERS = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD)


def _public(slug: str, year: int | None = None) -> tuple[Agency, AnnualReport | None]:
    try:
        agency = public_agency(slug)
        report = annual_selectors.published_report(agency, year) if year is not None else None
    except NotInScope:
        raise Http404 from None
    return agency, report


def annual_list(request: HttpRequest, slug: str) -> HttpResponse:
    agency, _ = _public(slug)
    reports = annual_selectors.published_reports(agency).order_by("-year")
    return render(request, "disclosure/annual/list.html", {"agency": agency, "reports": reports})


def annual_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """统计年报 on the portal: the approved figures, exactly as published."""
    agency, report = _public(slug, year)
    assert report is not None
    context: dict[str, Any] = {
        **annual_render.context(report.data),
        "report": report,
        "proof_url": reverse("api:ledger-inclusion-proof", kwargs={"slug": agency.slug})
        + f"?index={report.ledger_index}",
    }
    return render(request, "disclosure/annual/report.html", context)


def annual_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The PDF as published (its SHA-256 is in the ledger)."""
    agency, _ = _public(slug, year)
    try:
        pdf = annual_selectors.published_pdf(agency, year)
    except NotInScope:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{agency.slug}-{year}-annual.pdf"'
    return response


def annual_json(request: HttpRequest, slug: str, year: int) -> JsonResponse:
    """Open data: the figures, their digest and the PDF's digest."""
    _, report = _public(slug, year)
    assert report is not None
    return JsonResponse(
        {
            "report": report.data,
            "data_sha256": report.data_sha256,
            "pdf_sha256": report.pdf_sha256,
            "published_at": report.published_at.isoformat() if report.published_at else None,
            "ledger_index": report.ledger_index,
        },
        json_dumps_params={"ensure_ascii": False},
    )


# --------------------------------------------------------------------- staff


def _staff_agency(request: HttpRequest, slug: str, year: int) -> Agency:
    """The user's agency named ``slug`` (another agency's is a 404), for a plausible year."""
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    try:
        return annual_selectors.staff_agency(_user(request), slug)
    except NotInScope:
        raise Http404 from None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@role_required(*STAFF_ROLES)
def staff_annual(request: HttpRequest) -> HttpResponse:
    """统计年报: last year's report of each agency, due or overdue, and earlier ones."""
    user = _user(request)
    agencies = annual_selectors.staff_agencies(user)
    earlier = AnnualReport.objects.filter(agency__in=agencies).defer("pdf").select_related("agency")
    return render(
        request,
        "disclosure/annual/staff.html",
        {
            "rows": annual_selectors.due_rows(user),
            "reports": earlier.order_by("-year", "agency_id"),
        },
    )


@role_required(*STAFF_ROLES)
def staff_annual_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The preview: the stored figures once prepared, else computed now (not stored)."""
    agency = _staff_agency(request, slug, year)
    report = annual_selectors.staff_report(agency, year)
    data = report.data if report is not None else annual.compute(agency, year)
    due = annual.due_for(agency, year)
    published = (
        timezone.localtime(report.published_at).date()
        if report is not None and report.published_at is not None
        else None
    )
    return render(
        request,
        "disclosure/annual/staff_detail.html",
        {
            **annual_render.context(data),
            "agency": agency,
            "year": year,
            "report": report,
            "due": due,
            "state": annual.STATE_LABELS[
                due.state(today=timezone.localdate(), published_on=published)
            ],
        },
    )


@role_required(*WRITERS)
@require_POST
def staff_annual_action(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    user = _user(request)
    agency = _staff_agency(request, slug, year)
    action = request.POST.get("action", "")
    report = annual_selectors.staff_report(agency, year)
    try:
        if action == "prepare":
            annual_services.prepare(actor=user, agency=agency, year=year)
        elif report is None:
            raise RuleViolation(
                "请先统计", rule_id="annual_report_missing", cite=annual.due_for(agency, year).cite
            )
        elif action == "submit":
            annual_services.submit(actor=user, report=report)
        elif action == "approve":
            annual_services.approve(actor=user, report=report)
        elif action == "send_back":
            annual_services.send_back(
                actor=user, report=report, reason=request.POST.get("reason", "")
            )
        elif action == "publish":
            annual_services.publish(actor=user, report=report)
        else:
            messages.error(request, "未知操作")
            return redirect("disclosure:staff_annual_detail", slug=slug, year=year)
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已完成。")
    return redirect("disclosure:staff_annual_detail", slug=slug, year=year)
