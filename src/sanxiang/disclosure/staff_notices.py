"""Staff pages for 事中公示, 年度执法检查计划 and 行政检查信息: prepare, approve, publish,
correct, withdraw. Parse, authorise, call ``process_publicity`` / ``inspection`` / ``notices``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import role_required
from sanxiang.cases.selectors import cases_for
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import inspection, notices, process_publicity
from sanxiang.disclosure.inspection_models import InspectionInfo, InspectionPlan, NoticeFields
from sanxiang.disclosure.process_models import ProcessNotice
from sanxiang.registry.choices import InspectionMethod

STAFF_ROLES = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
WRITERS = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD)
KINDS = ("process", "plan", "info")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _find(user: User, kind: str, pk: int) -> NoticeFields:
    qs: Any
    if kind == "process":
        qs = process_publicity.staff_notices(user)
    elif kind == "plan":
        qs = inspection.staff_plans(user)
    elif kind == "info":
        qs = inspection.staff_infos(user)
    else:
        raise Http404
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    """A pasted table: the first line is the header; cells split by tab or comma."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return [], []
    sep = "\t" if "\t" in lines[0] else ","
    table = [[cell.strip() for cell in line.split(sep)] for line in lines]
    return table[0], table[1:]


def _plan_lines(text: str) -> list[inspection.PlanLineInput]:
    """One line per matter: 事项,方式,对象,基数,比例(%),频次,每年次数 (tab or comma separated)."""
    methods = {label: value for value, label in InspectionMethod.choices}
    methods.update({value: value for value in InspectionMethod.values})
    lines = []
    sep = "\t" if "\t" in text else ","
    rows = [[c.strip() for c in line.split(sep)] for line in text.splitlines() if line.strip()]
    for row in rows:
        if len(row) < 6:
            raise RuleViolation(
                "每行应为：检查事项,检查方式,检查对象,管理对象基数,检查比例,检查频次[,每年次数]",
                rule_id="inspection_plan",
                cite=notices.CITE,
            )
        try:
            base, ratio = int(row[3]), Decimal(row[4].rstrip("%"))
            times = int(row[6]) if len(row) > 6 and row[6] else 1
        except (ValueError, InvalidOperation):
            raise RuleViolation(
                "管理对象基数、检查比例和次数应为数字", rule_id="inspection_plan", cite=notices.CITE
            ) from None
        lines.append(
            inspection.PlanLineInput(
                matter=row[0],
                method=methods.get(row[1], row[1]),
                targets=row[2],
                target_base=base,
                ratio_percent=ratio,
                frequency=row[5],
                times=times,
            )
        )
    return lines


@role_required(*STAFF_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    """事中公示 and 检查计划/检查信息 of the user's agency: what is due, overdue, in progress."""
    user = _user(request)
    today = timezone.localdate()
    agency = user.agency
    context: dict[str, Any] = {
        "today": today,
        "notices": process_publicity.staff_notices(user)[:200],
        "plans": inspection.staff_plans(user)[:50],
        "infos": inspection.staff_infos(user)[:50],
        "agency": agency,
    }
    if agency is not None:
        context["items"] = process_publicity.notice_items(agency)
        context["plan_status"] = inspection.plan_status(agency, today.year, today)
        context["periods"] = inspection.due_periods(agency=agency, today=today)
    return render(request, "disclosure/staff_notices.html", context)


@role_required(*WRITERS)
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    what = request.POST.get("what", "")
    if user.agency is None:
        raise Http404
    try:
        created: NoticeFields
        if what == "process":
            columns, rows = _rows(request.POST.get("table", ""))
            event_at = None
            if request.POST.get("event_at"):
                event_at = timezone.make_aware(dt.datetime.fromisoformat(request.POST["event_at"]))
            created = process_publicity.create_notice(
                actor=user,
                agency=user.agency,
                item_id=request.POST.get("item_id", ""),
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                matter=request.POST.get("matter", ""),
                event_at=event_at,
                place=request.POST.get("place", ""),
                columns=columns,
                rows=rows,
            )
        elif what == "hearing":
            number = request.POST.get("case_number", "").strip()
            case = cases_for(user).filter(agency=user.agency, number=number).first()
            if case is None:
                raise NotInScope("本机关没有这个案号的案件")
            created = process_publicity.hearing_notice_from_case(
                actor=user, case=case, item_id=request.POST.get("item_id", "hearing_notice")
            )
            what = "process"
        elif what == "plan":
            created = inspection.create_plan(
                actor=user,
                agency=user.agency,
                year=int(request.POST.get("year") or timezone.localdate().year),
                lines=_plan_lines(request.POST.get("lines", "")),
                note=request.POST.get("note", ""),
            )
        elif what == "info":
            created = inspection.open_info(
                actor=user,
                agency=user.agency,
                item_id=request.POST.get("item_id", ""),
                day=dt.date.fromisoformat(request.POST.get("day", "")),
            )
        else:
            messages.error(request, "未知操作")
            return redirect("disclosure:staff_notices")
    except (RuleViolation, NotInScope, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("disclosure:staff_notices")
    messages.success(request, "已保存为待公示。")
    return redirect("disclosure:staff_notice", kind=what, pk=created.pk)


@role_required(*STAFF_ROLES)
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    notice = _find(_user(request), kind, pk)
    return render(
        request,
        "disclosure/staff_notice.html",
        {"n": notice, "kind": kind, "today": timezone.localdate()},
    )


@role_required(*WRITERS)
@require_POST
def action(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = _user(request)
    notice = _find(user, kind, pk)
    verb = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if verb == "submit":
            notices.submit(actor=user, notice=notice)
        elif verb == "approve":
            notices.approve(actor=user, notice=notice)
        elif verb == "send_back":
            notices.send_back(actor=user, notice=notice, reason=reason)
        elif verb == "publish" and isinstance(notice, ProcessNotice):
            process_publicity.publish_notice(actor=user, notice=notice)
        elif verb == "publish":
            notices.publish(actor=user, notice=notice)
        elif verb == "withdraw":
            notices.withdraw(actor=user, notice=notice, reason=reason)
        elif verb == "recompute" and isinstance(notice, InspectionInfo):
            inspection.open_info(
                actor=user, agency=notice.agency, item_id=notice.item_id, day=notice.period_start
            )
        elif verb == "correct" and isinstance(notice, ProcessNotice):
            table = request.POST.get("table", "")
            process_publicity.correct_notice(
                actor=user,
                notice=notice,
                reason=reason,
                body=request.POST.get("body") or None,
                rows=_rows(table)[1] if table.strip() else None,
            )
        elif verb in ("correct", "edit") and isinstance(notice, InspectionPlan):
            inspection.replace_plan_lines(
                actor=user,
                plan=notice,
                lines=_plan_lines(request.POST.get("lines", "")),
                reason=reason,
            )
        else:
            messages.error(request, "未知操作")
            return redirect("disclosure:staff_notice", kind=kind, pk=pk)
    except (RuleViolation, NotInScope) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已完成。")
    return redirect("disclosure:staff_notice", kind=kind, pk=pk)


urlpatterns: list[URLPattern] = [
    path("staff/shizhong-jiancha/", overview, name="staff_notices"),
    path("staff/shizhong-jiancha/new/", create, name="staff_notice_create"),
    path("staff/shizhong-jiancha/<slug:kind>/<int:pk>/", detail, name="staff_notice"),
    path(
        "staff/shizhong-jiancha/<slug:kind>/<int:pk>/action/",
        action,
        name="staff_notice_action",
    ),
]
