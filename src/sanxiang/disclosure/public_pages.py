"""Public portal pages for 事前 flowcharts, 事中公示 and 检查计划/检查信息 (no login).

Parse, find through the public selectors, render; nothing here writes.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import mark_safe

from sanxiang.core.errors import NotInScope
from sanxiang.disclosure import flowcharts, inspection, process_publicity
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency
from sanxiang.registry.selectors import public_agency


def _agency(slug: str) -> Agency:
    try:
        return public_agency(slug)
    except NotInScope:
        raise Http404 from None


def _charts(agency: Agency) -> list[dict[str, Any]]:
    """One chart per case kind and procedure the agency's pack defines (what it enforces)."""
    pack = pack_for_agency(agency)
    facts = {name: fact.label for name, fact in pack.model.facts.items()}
    charts = []
    for kind_id, kind in pack.model.case_kinds.items():
        for proc_id, procedure in kind.procedures.items():
            title = f"{kind.label} · {procedure.label}"
            charts.append(
                {
                    "kind": kind_id,
                    "procedure": proc_id,
                    "title": title,
                    "cite": procedure.cite,
                    "svg": flowcharts.render(procedure, title=title, fact_labels=facts),
                }
            )
    return charts


def flowchart_list(request: HttpRequest, slug: str) -> HttpResponse:
    """执法流程图 of every procedure, drawn from the pack the cases app enforces."""
    agency = _agency(slug)
    charts = _charts(agency)
    for chart in charts:
        # Built by flowcharts.render, which escapes every pack string it writes.
        chart["svg"] = mark_safe(chart["svg"])  # noqa: S308
    pack = pack_for_agency(agency)
    return render(
        request,
        "disclosure/flowcharts.html",
        {"agency": agency, "charts": charts, "pack_version": pack.model.pack.version},
    )


def flowchart_svg(request: HttpRequest, slug: str, kind: str, procedure: str) -> HttpResponse:
    agency = _agency(slug)
    for chart in _charts(agency):
        if chart["kind"] == kind and chart["procedure"] == procedure:
            return HttpResponse(chart["svg"], content_type="image/svg+xml; charset=utf-8")
    raise Http404


def process_list(request: HttpRequest) -> HttpResponse:
    """事中公示: notices within their display period; ended ones listed apart as 公示期满."""
    today = timezone.localdate()
    agency = None
    slug = request.GET.get("agency", "").strip()
    if slug:
        agency = _agency(slug)
    return render(
        request,
        "disclosure/process_list.html",
        {
            "agency": agency,
            "listed": process_publicity.listed_notices(agency=agency, today=today)[:200],
            "ended": process_publicity.ended_notices(agency=agency, today=today)[:50],
        },
    )


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notice = process_publicity.public_notice(pk)
    except NotInScope:
        raise Http404 from None
    today = timezone.localdate()
    return render(
        request,
        "disclosure/process_detail.html",
        {
            "n": notice,
            "withdrawn": notice.status == NoticeStatus.WITHDRAWN,
            "expired": process_publicity.is_expired(notice, today),
        },
    )


def process_json(request: HttpRequest) -> JsonResponse:
    today = timezone.localdate()
    rows = [process_publicity.public_row(n) for n in process_publicity.listed_notices(today=today)]
    return JsonResponse(
        {"count": len(rows), "notices": rows}, json_dumps_params={"ensure_ascii": False}
    )


def inspection_page(request: HttpRequest, slug: str) -> HttpResponse:
    """执法检查计划 (due each first quarter) and 行政检查信息 (each month or quarter)."""
    agency = _agency(slug)
    today = timezone.localdate()
    return render(
        request,
        "disclosure/inspection.html",
        {
            "agency": agency,
            "status": inspection.plan_status(agency, today.year, today),
            "plans": inspection.public_plans(agency=agency),
            "infos": inspection.public_infos(agency=agency),
            "periods": inspection.due_periods(agency=agency, today=today),
            "today": today,
        },
    )


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = inspection.public_plan(pk)
    except NotInScope:
        raise Http404 from None
    return render(
        request,
        "disclosure/plan_detail.html",
        {"plan": plan, "withdrawn": plan.status == NoticeStatus.WITHDRAWN},
    )


def info_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        info = inspection.public_info(pk)
    except NotInScope:
        raise Http404 from None
    return render(
        request,
        "disclosure/info_detail.html",
        {"info": info, "withdrawn": info.status == NoticeStatus.WITHDRAWN},
    )


urlpatterns: list[URLPattern] = [
    path("jiguan/<slug:slug>/liuchengtu/", flowchart_list, name="flowcharts"),
    path(
        "jiguan/<slug:slug>/liuchengtu/<slug:kind>/<slug:procedure>.svg",
        flowchart_svg,
        name="flowchart_svg",
    ),
    path("jiguan/<slug:slug>/jiancha/", inspection_page, name="inspection"),
    path("jiancha/jihua/<int:pk>/", plan_detail, name="plan_detail"),
    path("jiancha/xinxi/<int:pk>/", info_detail, name="info_detail"),
    path("shizhong/", process_list, name="process_list"),
    path("shizhong/<int:pk>/", process_detail, name="process_detail"),
    path("open/shizhong.json", process_json, name="process_json"),
]
