"""Staff pages: case files (案卷), access requests and the access register (调阅登记).

Views parse, authorise and call a service; refusals come back as a message naming the rule.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope, role_required
from sanxiang.archive import access, selectors, services
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError

FILE_READERS = (
    Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.SUPERVISOR,
)  # fmt: skip
REGISTER_READERS = (Role.ARCHIVIST, Role.LEADER, Role.HEAD, Role.SUPERVISOR)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _case(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.case_for_user(_user(request), pk)
    except NotInScope:
        raise Http404("没有找到该案件。") from None


@role_required(*FILE_READERS)
def case_file_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    return render(
        request,
        "archive/case_file_list.html",
        {
            "files": selectors.case_files(user)[:200],
            "pending": selectors.closed_without_file(user)[:200],
            "today": today,
        },
    )


@role_required(*FILE_READERS)
def case_file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """案卷: cover, 卷内目录, AV locations. Reading an existing file is registered (调阅登记)."""
    user = _user(request)
    case = _case(request, pk)
    case_file = selectors.case_file_of(case)
    if case_file is not None and (agency_scope(user) is None or user.agency_id == case.agency_id):
        access.register_view(actor=user, case=case, reason="查看案卷")
    return render(
        request,
        "archive/case_file_detail.html",
        {"case": case, "file": case_file, "can_write": user.agency_id == case.agency_id},
    )


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    user = _user(request)
    case = _case(request, pk)
    try:
        action(user, case)
        messages.success(request, "操作成功。")
    except NotInScope:
        raise Http404("没有找到该案件。") from None
    except SanxiangError as exc:
        messages.error(request, str(exc))
    return redirect("archive:case_file", pk=case.pk)


def _file_or_refuse(case: Any) -> Any:
    found = selectors.case_file_of(case)
    if found is None:
        raise RuleViolation("该案件尚未立卷。", rule_id="case_file", cite="")
    return found


@require_POST
@role_required(Role.OFFICER, Role.SECTION_HEAD, Role.ARCHIVIST)
def form_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda user, case: services.form_case_file(actor=user, case=case))


@require_POST
@role_required(Role.OFFICER, Role.SECTION_HEAD)
def transfer_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, case: services.transfer(actor=user, case_file=_file_or_refuse(case)),
    )


@require_POST
@role_required(Role.ARCHIVIST)
def accept_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, case: services.accept(actor=user, case_file=_file_or_refuse(case)),
    )


@role_required(*FILE_READERS)
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "archive/request_list.html", {"requests": selectors.requests(_user(request))[:200]}
    )


@role_required(*REGISTER_READERS)
def register(request: HttpRequest) -> HttpResponse:
    return render(
        request, "archive/register.html", {"events": selectors.register(_user(request))[:500]}
    )


REGISTER_COLUMNS = (
    "案号",
    "方式",
    "调阅人",
    "复制人",
    "审批人",
    "时间",
    "事由",
    "经办人",
    "账本序号",
)


@role_required(Role.ARCHIVIST, Role.SUPERVISOR)
def register_csv(request: HttpRequest) -> HttpResponse:
    """导出调阅登记 (UTF-8 with BOM so that spreadsheet software shows the Chinese)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-register.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(REGISTER_COLUMNS)
    for event in selectors.register(_user(request)).iterator():
        writer.writerow(
            [
                event.case.number,
                event.get_action_display(),
                event.viewer,
                event.copier,
                event.approver,
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.reason,
                event.handled_by.get_username(),
                event.ledger_index,
            ]
        )
    return response
