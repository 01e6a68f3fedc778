"""Staff pages: case files (案卷), access requests and the access register (调阅登记).

Views parse, authorise and call a service; refusals come back as a message naming the rule.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope, can_write_in, role_required
from sanxiang.archive import access, selectors, services
from sanxiang.archive.choices import AccessAction, RequestScope, RequestStatus
from sanxiang.archive.forms import AccessRequestForm
from sanxiang.archive.models import AccessRequest
from sanxiang.archive.redaction import MASK
from sanxiang.cases.records import fields_for, optional_fields_for
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.evidence import selectors as evidence_selectors
from sanxiang.evidence.backends import default_store
from sanxiang.evidence.choices import EvidenceKind

FILE_READERS = (
    Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.SUPERVISOR,
)  # fmt: skip
REGISTER_READERS = (Role.ARCHIVIST, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
# Staff who register requests and hand over what was approved (由管理员统一办理; 市人社局
# 第二十七条第三款: 档案生成部门会同档案管理员).
REQUEST_HANDLERS = access.REGISTRARS
# Every role a pack names as approver of an access rule (the service checks the exact one).
APPROVERS = (Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.PUBLICITY)


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
        {
            "case": case,
            "file": case_file,
            "can_write": user.agency_id == case.agency_id,
            "can_request": can_write_in(user, case.agency, *REQUEST_HANDLERS),
        },
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
    """查阅申请: every request of the agency, and above them those awaiting the user's decision."""
    user = _user(request)
    return render(
        request,
        "archive/request_list.html",
        {
            "requests": selectors.requests(user)[:200],
            "queue": selectors.awaiting_decision(user),
        },
    )


def _recordings(user: User, case: Any) -> list[Any]:
    return list(
        evidence_selectors.items_for_case(user, case.pk)
        .filter(kind=EvidenceKind.AUDIO_VIDEO)
        .order_by("recorded_at", "id")
    )


@require_http_methods(["GET", "POST"])
@role_required(*REQUEST_HANDLERS)
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """登记查阅申请 for one case, on the requester's behalf."""
    user = _user(request)
    case = _case(request, pk)
    if not can_write_in(user, case.agency, *REQUEST_HANDLERS):
        raise Http404("没有找到该案件。")
    form = AccessRequestForm(request.POST or None, case=case, recordings=_recordings(user, case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = access.request_access(
                actor=user,
                case=case,
                requester_kind=data["requester_kind"],
                requester_name=data["requester_name"],
                party=data["party"],
                letter_ref=data["letter_ref"],
                reason=data["reason"],
                wanted=AccessAction(data["wanted"]),
                item=data["item"],
            )
        except NotInScope:
            raise Http404("没有找到该案件。") from None
        except SanxiangError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "申请已登记，待审批。")
            return redirect("archive:request", pk=created.pk)
    return render(request, "archive/request_new.html", {"case": case, "form": form})


def _access_request(request: HttpRequest, pk: int) -> AccessRequest:
    try:
        return selectors.request_for_user(_user(request), pk)
    except NotInScope:
        raise Http404("没有找到该申请。") from None


@role_required(*FILE_READERS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = _access_request(request, pk)
    own = user.agency_id == found.agency_id
    return render(
        request,
        "archive/request_detail.html",
        {
            "r": found,
            "approver_label": Role(found.approver_role).label,
            "can_decide": own
            and found.status == RequestStatus.PENDING
            and user.has_role(Role(found.approver_role)),
            "can_handle": own
            and found.status == RequestStatus.APPROVED
            and user.has_role(*REQUEST_HANDLERS),
            "can_export": own
            and found.status == RequestStatus.APPROVED
            and user.has_role(Role.ARCHIVIST),
            "events": found.events.order_by("at", "id"),
        },
    )


@require_POST
@role_required(*APPROVERS)
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """审批: 批准 or 不予批准, by the role the pack's rule names (the service checks it)."""
    user = _user(request)
    found = _access_request(request, pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, "请选择批准或者不予批准。")
        return redirect("archive:request", pk=found.pk)
    try:
        access.decide(actor=user, request=found, approve=decision == "approve")
    except NotInScope:
        raise Http404("没有找到该申请。") from None
    except SanxiangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已批准。" if decision == "approve" else "已决定不予批准。")
    return redirect("archive:request", pk=found.pk)


@role_required(*REQUEST_HANDLERS)
def request_records(request: HttpRequest, pk: int) -> HttpResponse:
    """调阅: the records an approved request may see (a party's with third parties removed).
    Showing them is registered (调阅登记) and ledgered."""
    user = _user(request)
    found = _access_request(request, pk)
    try:
        rows = access.records_for_request(actor=user, request=found)
    except NotInScope:
        raise Http404("没有找到该申请。") from None
    except SanxiangError as exc:
        messages.error(request, str(exc))
        return redirect("archive:request", pk=found.pk)
    return render(
        request,
        "archive/request_records.html",
        {
            "r": found,
            "rows": [{**row, "fields": _shown_fields(row)} for row in rows],
            "mask": MASK,
            "is_av": found.scope == RequestScope.AV,
        },
    )


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_shown(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{_shown(item)}" for key, item in value.items())
    return "" if value is None else str(value)


def _shown_fields(row: dict[str, Any]) -> list[tuple[str, str]]:
    """A record's payload as (Chinese label, text) pairs for the page."""
    specs = (*fields_for(row["record_type"]), *optional_fields_for(row["record_type"]))
    labels = {**THIRD_PARTY_LABELS, **{spec.name: spec.label for spec in specs}}
    return [(labels.get(key, key), _shown(value)) for key, value in row["payload"].items()]


# Labels of the third-party fields wherever a record carries them (redaction.THIRD_PARTY_FIELDS).
THIRD_PARTY_LABELS = {
    "witness": "见证人",
    "witnesses": "见证人员",
    "interviewee": "被询问人",
    "clue": "案源线索",
    "notified": "告知投诉人、举报人的情况",
    "informant": "举报人",
    "complainant": "投诉人",
    "reporter": "反映人",
    "third_parties": "第三人",
    "note": "备注",
}


def _records_copy(user: User, found: AccessRequest) -> HttpResponse:
    rows = access.records_for_request(actor=user, request=found, copy=True)
    body = json.dumps(
        {
            "case": found.case.number,
            "requester": found.requester_name,
            "third_parties_removed": found.requester_kind == "party",
            "records": rows,
        },
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"{found.case.number}-复制件.json"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _recording(user: User, found: AccessRequest) -> HttpResponse:
    item = access.recording_for_request(actor=user, request=found)
    response = StreamingHttpResponse(
        default_store().open(item.blob.sha256), content_type=item.media_type
    )
    response["Content-Length"] = str(item.blob.size)
    disposition = "attachment" if found.wanted == AccessAction.COPY else "inline"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(item.filename)}"
    response["X-Content-SHA256"] = item.blob.sha256
    return response  # type: ignore[return-value]


def _export(user: User, found: AccessRequest) -> HttpResponse:
    # The package is written to a temporary directory and zipped; the zip is streamed from
    # disk and removed when the response closes (a case file with recordings can be large).
    work = Path(tempfile.mkdtemp(prefix="sanxiang-export-"))
    try:
        bag = access.export_for_request(
            actor=user, request=found, target=work / "bag", store=default_store()
        )
        archive = shutil.make_archive(str(work / "case-file"), "zip", root_dir=bag)
        handle = open(archive, "rb")  # noqa: SIM115 - closed by FileResponse
    finally:
        # The open handle keeps the zip readable on POSIX after its directory is removed.
        shutil.rmtree(work, ignore_errors=True)
    # role_required is typed for HttpResponse; a file response is served the same way.
    return FileResponse(  # type: ignore[return-value]
        handle, as_attachment=True, filename=f"{found.case.number}-案卷.zip"
    )


@require_POST
@role_required(*REQUEST_HANDLERS)
def request_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    """提供: the copy (records with third parties removed for a party), the recording, or the
    case file as a BagIt package — whichever the approved request asked for; registered."""
    user = _user(request)
    found = _access_request(request, pk)
    try:
        if found.scope == RequestScope.AV:
            return _recording(user, found)
        if found.wanted == AccessAction.EXPORT:
            return _export(user, found)
        return _records_copy(user, found)
    except NotInScope:
        raise Http404("没有找到该申请。") from None
    except SanxiangError as exc:
        messages.error(request, str(exc))
        return redirect("archive:request", pk=found.pk)


@role_required(*REGISTER_READERS)
def register(request: HttpRequest) -> HttpResponse:
    """调阅登记: the requests (登记、审批) and every view, copy and export."""
    user = _user(request)
    return render(
        request,
        "archive/register.html",
        {"events": selectors.register(user)[:500], "requests": selectors.requests(user)[:500]},
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
    "申请账本序号",
)


@role_required(Role.ARCHIVIST, Role.SUPERVISOR)
def register_csv(request: HttpRequest) -> HttpResponse:
    """导出调阅登记 (UTF-8 with BOM so that spreadsheet software shows the Chinese)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-register.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(REGISTER_COLUMNS)
    user = _user(request)
    # The requests first (方式 "申请…", with their decision), then every view, copy and export;
    # an access row names the ledger index of the request it served.
    for found in selectors.requests(user).iterator():
        writer.writerow(
            [
                found.case.number,
                f"申请{found.get_wanted_display()}（{found.get_status_display()}）",
                found.requester_name,
                "",
                _decider(found),
                _local(found.registered_at),
                found.reason,
                found.registered_by.get_username(),
                found.ledger_index,
                found.ledger_index,
            ]
        )
    for event in selectors.register(user).select_related("handled_by", "request").iterator():
        writer.writerow(
            [
                event.case.number,
                event.get_action_display(),
                event.viewer,
                event.copier,
                event.approver,
                _local(event.at),
                event.reason,
                event.handled_by.get_username(),
                event.ledger_index,
                event.request.ledger_index if event.request else "",
            ]
        )
    return response


def _local(moment: Any) -> str:
    return str(timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S"))


def _decider(found: AccessRequest) -> str:
    user = found.decided_by
    return (user.get_full_name() or user.get_username()) if user else ""
