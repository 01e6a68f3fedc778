"""The public portal (公示平台): no login, Chinese, every asset local; and the open data feeds."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import selectors, services
from sanxiang.disclosure.choices import FeedbackKind, FeedbackStatus, PublicationStatus
from sanxiang.disclosure.models import Publication
from sanxiang.registry.selectors import public_agency

PAGE_SIZE = 20
OPEN_DATA_LIMIT = 1000


def _proof_index(publication: Publication) -> int:
    """The ledger entry that recorded the publication (its inclusion proof is public)."""
    published = (
        publication.transitions.filter(to_status=PublicationStatus.PUBLISHED)
        .order_by("at", "id")
        .values_list("ledger_index", flat=True)
        .first()
    )
    return int(published if published is not None else publication.ledger_index)


def portal_home(request: HttpRequest) -> HttpResponse:
    """城市公示首页: every agency, the latest results, the search box."""
    latest = selectors.public_publications()[:10]
    return render(
        request,
        "disclosure/home.html",
        {"agencies": selectors.public_agencies(), "latest": latest},
    )


def agency_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        agency = public_agency(slug)
    except NotInScope:
        raise Http404 from None
    page = Paginator(selectors.public_publications(agency=agency), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "disclosure/agency.html", {"agency": agency, "page": page})


def results(request: HttpRequest) -> HttpResponse:
    """结果公示 list and search (一、二字查询亦可)."""
    query = request.GET.get("q", "").strip()[:50]
    slug = request.GET.get("agency", "").strip()
    agency = None
    if slug:
        try:
            agency = public_agency(slug)
        except NotInScope:
            agency = None
    qs = (
        selectors.search(query=query, agency=agency)
        if query
        else selectors.public_publications(agency=agency)
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/results.html",
        {
            "page": page,
            "query": query,
            "agency": agency,
            "agencies": selectors.public_agencies(),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        publication = selectors.public_publication(pk)
    except NotInScope:
        raise Http404 from None
    answered = publication.feedback.exclude(status=FeedbackStatus.OPEN).order_by("answered_at")
    context: dict[str, Any] = {
        "p": publication,
        "revisions": publication.revisions.order_by("-version"),
        "answered": answered,
        "proof_url": reverse("api:ledger-inclusion-proof", kwargs={"slug": publication.agency.slug})
        + f"?index={_proof_index(publication)}",
        "feedback_kinds": FeedbackKind.choices,
        "withdrawn": publication.status == PublicationStatus.WITHDRAWN,
    }
    return render(request, "disclosure/detail.html", context)


@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """公众申请更正或者提出意见: anonymous, optional contact, rate limited, a honeypot field."""
    try:
        publication = selectors.public_publication(pk)
    except NotInScope:
        raise Http404 from None
    target = reverse("disclosure:detail", kwargs={"pk": pk})
    if request.POST.get("website"):
        # Filled only by bots that fill every field; answered like a success, stored nowhere.
        messages.success(request, "已收到您的意见。")
        return redirect(target)
    try:
        services.submit_feedback(
            publication=publication,
            kind=request.POST.get("kind", FeedbackKind.CORRECTION),
            message=request.POST.get("message", ""),
            contact=request.POST.get("contact", "")[:100],
            client=services.client_key(request.META.get("REMOTE_ADDR", "")),
        )
    except RuleViolation as exc:
        messages.error(request, exc.message)
        return redirect(target + "#feedback")
    messages.success(request, "已收到您的意见，执法机关将在规定期限内处理并答复。")
    return redirect(target)


# --------------------------------------------------------------------- open data


def _row(request: HttpRequest, p: Publication) -> dict[str, Any]:
    return {
        "id": p.pk,
        "agency": p.agency.name,
        "agency_slug": p.agency.slug,
        "item": p.item_label,
        "title": p.title,
        "status": p.status,
        "status_label": p.get_status_display(),
        "decided_on": p.decided_on.isoformat(),
        "published_at": p.published_at.isoformat() if p.published_at else None,
        "withdrawn_at": p.withdrawn_at.isoformat() if p.withdrawn_at else None,
        "withdrawal_reason": p.withdrawal_reason if p.withdrawn_at else "",
        "version": p.version,
        "summary": p.summary if p.status != PublicationStatus.WITHDRAWN else {},
        "url": request.build_absolute_uri(reverse("disclosure:detail", kwargs={"pk": p.pk})),
    }


def _open_rows(request: HttpRequest) -> list[dict[str, Any]]:
    slug = request.GET.get("agency", "").strip()
    agency = None
    if slug:
        try:
            agency = public_agency(slug)
        except NotInScope:
            raise Http404 from None
    qs = selectors.public_publications(agency=agency)[:OPEN_DATA_LIMIT]
    return [_row(request, p) for p in qs]


def open_json(request: HttpRequest) -> JsonResponse:
    rows = _open_rows(request)
    return JsonResponse(
        {"count": len(rows), "publications": rows}, json_dumps_params={"ensure_ascii": False}
    )


def open_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gongshi.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM
    columns = [
        "id",
        "agency",
        "item",
        "title",
        "status_label",
        "decided_on",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "version",
        "summary",
        "url",
    ]
    writer = csv.writer(response)
    writer.writerow(
        [
            "编号",
            "执法主体",
            "公示事项",
            "标题",
            "状态",
            "决定日期",
            "公示时间",
            "撤回时间",
            "撤回原因",
            "版本",
            "摘要",
            "链接",
        ]
    )
    for row in _open_rows(request):
        row["summary"] = json.dumps(row["summary"], ensure_ascii=False)
        writer.writerow([row[c] if row[c] is not None else "" for c in columns])
    return response


def feed(request: HttpRequest) -> HttpResponse:
    """Atom feed of publications and withdrawals, newest first."""
    atom = Atom1Feed(
        title="行政执法公示",
        link=request.build_absolute_uri(reverse("disclosure:home")),
        description="行政执法结果公示与撤回",
        language="zh-Hans",
        feed_url=request.build_absolute_uri(reverse("disclosure:feed")),
    )
    for p in selectors.public_publications()[:100]:
        row = _row(request, p)
        withdrawn = p.status == PublicationStatus.WITHDRAWN
        atom.add_item(
            title=("【已撤回】" if withdrawn else "") + p.title,
            link=row["url"],
            description=(
                f"撤回原因：{p.withdrawal_reason}"
                if withdrawn
                else "；".join(f"{k}：{v}" for k, v in p.summary.items())
            ),
            unique_id=f"{row['url']}#v{p.version}{'-withdrawn' if withdrawn else ''}",
            updateddate=p.withdrawn_at if withdrawn else p.updated_at,
            pubdate=p.published_at,
        )
    return HttpResponse(
        atom.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )
