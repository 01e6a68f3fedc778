"""Cases REST API (执法全过程记录): open a case, list, read with its timeline, record a step,
advance, list deadlines.

Paths are relative to the API root (``/api/`` today, ``/api/v1/`` later). Handlers only parse,
authorise and call the same services and selectors as the pages. Every refusal is a 4xx JSON
body ``{"code", "message", "rule_id", "cite"}``: 403 for a role the endpoint does not admit,
404 for a case outside the caller's agency (absent, not forbidden), 409 for a step the rules
refuse (the message and citation are the service's own; nothing was written), 400/422 for a
body that is not JSON or not of the documented shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from sanxiang.accounts.api_auth import API_AUTH, TokenAuth
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.api.errors import ERRORS as ERRORS
from sanxiang.api.errors import ApiRefusal as ApiRefusal
from sanxiang.api.errors import documented_body as _documented_body
from sanxiang.api.errors import parse_body as _body
from sanxiang.api.errors import refusal_response as refusal_response
from sanxiang.cases import selectors, services
from sanxiang.cases.models import Case, CaseRecord, Deadline, StageChange
from sanxiang.cases.views import CASE_READERS, CASE_WRITERS, StageNames, deadline_state
from sanxiang.core.errors import NotInScope, SanxiangError
from sanxiang.policy.loader import PackInvalid, UnknownPack
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry import selectors as registry_selectors
from sanxiang.registry.models import Agency, Officer

# --------------------------------------------------------------------------- errors


class RoleGate:
    """Authenticates like ``API_AUTH``, then refuses before the body is read: 403 for a user
    without one of ``roles``, 404 when the path names a case outside the user's scope. A caller
    who may not touch the case so learns nothing from how its input would have been judged.

    It has no OpenAPI security scheme of its own; ``API_AUTH`` follows it in each ``auth`` list
    so the schema documents the token and the session, and answers 401 for anonymous callers.
    """

    def __init__(self, *roles: str) -> None:
        self.roles = roles

    def __call__(self, request: HttpRequest) -> User | None:
        user: Any = None
        for method in (_TOKEN, django_auth):
            user = method(request)
            if user:
                break
        if not isinstance(user, User):
            return None
        if not user.has_role(*self.roles):
            raise ApiRefusal(403, "forbidden", "您的角色无权使用此接口。", rule_id="role")
        match = request.resolver_match
        if match is not None and "pk" in match.kwargs:
            try:
                pk = int(match.kwargs["pk"])
            except ValueError:
                raise ApiRefusal(404, "not_found", "未找到该案件。") from None
            _case(user, pk)
        return user


_TOKEN = TokenAuth()
READ_AUTH: list[Any] = [RoleGate(*CASE_READERS), *API_AUTH]
WRITE_AUTH: list[Any] = [RoleGate(*CASE_WRITERS), *API_AUTH]

router = Router(tags=["执法案件与全过程记录"])


def _user(request: HttpRequest) -> User:
    user = getattr(request, "auth", None)
    assert isinstance(user, User)  # RoleGate or API_AUTH authenticated the request
    return user


def _case(user: User, pk: int) -> Case:
    try:
        return selectors.case_for(user, pk)
    except NotInScope as exc:
        raise ApiRefusal(404, exc.code, exc.message) from None


def _writable(user: User, pk: int) -> Case:
    case = _case(user, pk)
    if not can_write_in(user, case.agency, *CASE_WRITERS):
        raise ApiRefusal(403, "forbidden", "您无权在本案中记录或者变更。", rule_id="scope")
    return case


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _officers(agency: Agency, ids: Sequence[int]) -> list[Officer]:
    """The officers of ``agency`` with these ids, in the order given (the first leads)."""
    found = {o.pk: o for o in registry_selectors.officers_of(agency=agency).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ApiRefusal(
            422,
            "invalid_input",
            f"本机关没有这些执法人员：{'、'.join(missing)}",
            rule_id="officer_agency",
            cite="中华人民共和国行政处罚法 第四十二条",
        )
    return [found[pk] for pk in ids]


# --------------------------------------------------------------------------- schemas


class PartyIn(Schema):
    kind: str = Field(description="individual | organization")
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""


class CaseIn(Schema):
    kind: str = Field(description="案件类型（规则包 case_kinds 的键），如 penalty")
    procedure: str = Field(description="程序（规则包 procedures 的键），如 general")
    source: str = Field(description="案件来源：ex_officio | complaint | assigned | referral …")
    title: str = Field(description="案由")
    parties: list[PartyIn]
    facts: dict[str, Any] = Field(default_factory=dict, description="规则包 [facts] 中的案件事实")
    officers: list[int] = Field(description="承办人（执法人员 id），第一位为主办人")
    at: dt.datetime | None = Field(default=None, description="发生时间，缺省为现在")


class RecordIn(Schema):
    record_type: str = Field(description="规则包当前环节的记录 id，如 inquiry_record")
    payload: dict[str, Any] = Field(default_factory=dict)
    officers: list[int] = Field(default_factory=list, description="在场执法人员 id")
    av: dict[str, Any] | None = Field(default=None, description="音像记录信息")
    at: dt.datetime | None = None


class AdvanceIn(Schema):
    to_stage: str
    at: dt.datetime | None = None


class OfficerRef(Schema):
    id: int
    name: str
    cert_no: str
    is_lead: bool


class PartyOut(Schema):
    kind: str
    name: str


class CaseOut(Schema):
    id: int
    number: str
    agency: str
    kind: str
    kind_label: str
    procedure: str
    procedure_label: str
    stage: str
    stage_label: str
    status: str
    source: str
    title: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    officers: list[OfficerRef]
    parties: list[PartyOut]


class CasePage(Schema):
    count: int
    items: list[CaseOut]


class DeadlineOut(Schema):
    id: int
    case: int
    case_number: str
    rule_id: str
    label: str
    cite: str
    trigger: str
    until: str
    mode: str
    triggered_at: dt.datetime
    due: dt.date
    original_due: dt.date
    provisional: bool
    explanation: str
    status: str
    state: str = Field(description="overdue | due_soon | open | met | void …")


class TimelineOut(Schema):
    at: dt.datetime
    kind: str
    title: str
    ledger_index: int | None
    data: dict[str, Any]


class BlockerOut(Schema):
    rule_id: str
    cite: str
    message: str


class ActionOut(Schema):
    kind: str
    id: str
    label: str
    cite: str
    blocked: BlockerOut | None
    required: bool
    done: bool
    av_required: bool
    min_officers: int
    terminal: bool
    approver_role: str = Field(
        "", description="role whose approval the move is (立案, 决定 …); empty: none needed"
    )


class CaseDetailOut(CaseOut):
    facts: dict[str, Any]
    timeline: list[TimelineOut]
    deadlines: list[DeadlineOut]
    actions: list[ActionOut]


class RecordOut(Schema):
    id: int
    case: int
    record_type: str
    label: str
    cite: str
    stage: str
    payload: dict[str, Any]
    officers: list[dict[str, Any]]
    av: dict[str, Any] | None
    events: list[str]
    recorded_at: dt.datetime
    effective_at: dt.datetime | None = Field(
        None, description="公告送达: when it is deemed served (民事诉讼法 第九十五条)"
    )
    ledger_index: int


class StageChangeOut(Schema):
    case: int
    from_stage: str
    to_stage: str
    transition: str
    cite: str
    at: dt.datetime
    ledger_index: int
    status: str
    approved_by: str | None = Field(None, description="who approved the move (立案, 决定 …)")
    approval_role: str = Field("", description="the role the pack asks that approval of")


class CaseQuery(Schema):
    kind: str | None = None
    stage: str | None = None
    status: str | None = None
    officer: int | None = None
    overdue: bool | None = None
    q: str | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)


# --------------------------------------------------------------------------- shaping


def _names(case: Case, cache: dict[int, StageNames]) -> StageNames:
    if case.agency_id not in cache:
        try:
            pack = pack_for_agency(case.agency)
        except (UnknownPack, PackInvalid):
            pack = None
        cache[case.agency_id] = StageNames(pack)
    return cache[case.agency_id]


def _case_out(case: Case, names: StageNames) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "agency": case.agency.slug,
        "kind": case.kind,
        "kind_label": names.kind(case),
        "procedure": case.procedure,
        "procedure_label": names.procedure(case),
        "stage": case.stage,
        "stage_label": names.stage(case),
        "status": case.status,
        "source": case.source,
        "title": case.title,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "officers": [
            {
                "id": a.officer.pk,
                "name": a.officer.name,
                "cert_no": a.officer.cert_no,
                "is_lead": a.is_lead,
            }
            for a in selectors.officers_of(case)
        ],
        "parties": [{"kind": p.kind, "name": p.name} for p in selectors.parties_of(case)],
    }


def _deadline_out(deadline: Deadline, today: dt.date) -> dict[str, Any]:
    return {
        "id": deadline.pk,
        "case": deadline.case_id,
        "case_number": deadline.case.number,
        "rule_id": deadline.rule_id,
        "label": deadline.label,
        "cite": deadline.cite,
        "trigger": deadline.trigger,
        "until": deadline.until,
        "mode": deadline.mode,
        "triggered_at": deadline.triggered_at,
        "due": deadline.due,
        "original_due": deadline.original_due,
        "provisional": deadline.provisional,
        "explanation": deadline.explanation,
        "status": deadline.status,
        "state": deadline_state(deadline, today),
    }


def _record_out(rec: CaseRecord) -> dict[str, Any]:
    return {
        "id": rec.pk,
        "case": rec.case_id,
        "record_type": rec.record_type,
        "label": rec.label,
        "cite": rec.cite,
        "stage": rec.stage,
        "payload": rec.payload,
        "officers": rec.officers,
        "av": rec.av,
        "events": rec.events,
        "recorded_at": rec.recorded_at,
        "effective_at": rec.effective_at,
        "ledger_index": rec.ledger_index,
    }


def _entry_data(entry: selectors.TimelineEntry, today: dt.date) -> dict[str, Any]:
    obj = entry.obj
    if entry.kind == "record":
        return _record_out(obj)
    if entry.kind == "stage":
        return {
            "from_stage": obj.from_stage,
            "to_stage": obj.to_stage,
            "transition": obj.transition,
            "cite": obj.cite,
            "approved_by": obj.approved_by.get_username() if obj.approved_by else None,
            "approval_role": obj.approval_role,
        }
    if entry.kind == "deadline":
        data = _deadline_out(obj, today)
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}
    if entry.kind == "document":
        return {
            "document_id": obj.pk,
            "doc_type": obj.doc_type,
            "title": obj.title,
            "number": obj.number,
            "sha256": obj.sha256,
            "record_id": obj.record_id,
            "serves_id": obj.serves_id,
        }
    if entry.kind == "clock_stop":
        return {
            "reason_id": obj.reason_id,
            "reason": obj.reason,
            "cite": obj.cite,
            "ended_at": obj.ended_at.isoformat() if obj.ended_at else None,
        }
    return {
        "deadline": obj.deadline_id,
        "previous_due": obj.previous_due.isoformat(),
        "new_due": obj.new_due.isoformat(),
        "reason": obj.reason,
        "cite": obj.cite,
        "explanation": obj.explanation,
    }


def _action_out(action: selectors.Action) -> dict[str, Any]:
    blocked = action.blocked
    return {
        "kind": action.kind,
        "id": action.id,
        "label": action.label,
        "cite": action.cite,
        "blocked": (
            {"rule_id": blocked.rule_id, "cite": blocked.cite, "message": blocked.message}
            if blocked
            else None
        ),
        "required": action.required,
        "done": action.done,
        "av_required": action.av_required,
        "min_officers": action.min_officers,
        "terminal": action.terminal,
        "approver_role": action.approver_role,
    }


def _detail(case: Case, user: User) -> dict[str, Any]:
    names = _names(case, {})
    today = timezone.localdate()
    actions = selectors.allowed_actions(case, user)
    return {
        **_case_out(case, names),
        "facts": case.facts,
        "timeline": [
            {
                "at": e.at,
                "kind": e.kind,
                "title": e.title,
                "ledger_index": e.ledger_index,
                "data": _entry_data(e, today),
            }
            for e in selectors.timeline(case)
        ],
        "deadlines": [
            _deadline_out(d, today) for d in selectors.deadlines_of(case).select_related("case")
        ],
        "actions": [_action_out(a) for a in (*actions.advances, *actions.records)],
    }


# --------------------------------------------------------------------------- endpoints


@router.get(
    "/cases",
    response={200: CasePage, **ERRORS},
    auth=READ_AUTH,
    url_name="cases-list",
    summary="案件列表（本机关；监督人员可见全部）",
)
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> dict[str, Any]:
    user = _user(request)
    queryset = selectors.cases_for(
        user,
        selectors.CaseFilters(
            kind=filters.kind,
            stage=filters.stage,
            status=filters.status,
            officer=filters.officer,
            overdue=filters.overdue,
            query=filters.q,
        ),
    ).select_related("agency")
    cache: dict[int, StageNames] = {}
    page = queryset[filters.offset : filters.offset + filters.limit]
    return {"count": queryset.count(), "items": [_case_out(c, _names(c, cache)) for c in page]}


@router.post(
    "/cases",
    response={201: CaseDetailOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-create",
    summary="登记案件",
    openapi_extra=_documented_body(CaseIn),
)
def create_case(request: HttpRequest) -> Status[dict[str, Any]]:
    user = _user(request)
    data = _body(request, CaseIn)
    agency = user.agency
    if agency is None:
        raise ApiRefusal(403, "forbidden", "只有本机关工作人员可以登记案件。", rule_id="scope")
    try:
        case = services.open_case(
            actor=user,
            agency=agency,
            kind=data.kind,
            procedure=data.procedure,
            source=data.source,
            title=data.title,
            parties=[p.model_dump() for p in data.parties],
            facts=data.facts,
            officers=_officers(agency, data.officers),
            at=_aware(data.at),
        )
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return Status(201, _detail(case, user))


@router.get(
    "/cases/deadlines",
    response={200: list[DeadlineOut], **ERRORS},
    auth=READ_AUTH,
    url_name="cases-deadlines-running",
    summary="计时中的期限（mine=true 只列本人承办案件的期限）",
)
def running_deadlines(request: HttpRequest, mine: bool = False) -> list[dict[str, Any]]:
    user = _user(request)
    today = timezone.localdate()
    if mine:
        views = selectors.deadlines_for_user(user, today=today)
    else:
        views = [
            view
            for agency in registry_selectors.agencies_for(user).order_by("id")
            for view in selectors.deadlines_for_agency(agency, today=today)
        ]
    return [_deadline_out(v.deadline, today) for v in views]


@router.get(
    "/cases/{pk}",
    response={200: CaseDetailOut, **ERRORS},
    auth=READ_AUTH,
    url_name="cases-detail",
    summary="案件详情：全过程记录时间线、期限、当前可办理的操作",
)
def case_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _user(request)
    return _detail(_case(user, pk), user)


@router.get(
    "/cases/{pk}/deadlines",
    response={200: list[DeadlineOut], **ERRORS},
    auth=READ_AUTH,
    url_name="cases-deadlines",
    summary="案件的全部期限（届满日、计算说明、依据、是否暂定）",
)
def case_deadlines(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    case = _case(_user(request), pk)
    today = timezone.localdate()
    return [_deadline_out(d, today) for d in selectors.deadlines_of(case).select_related("case")]


@router.post(
    "/cases/{pk}/records",
    response={201: RecordOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-records",
    summary="记录一个步骤（笔录、告知书、决定书、送达回证……）",
    openapi_extra=_documented_body(RecordIn),
)
def add_record(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    case = _writable(_user(request), pk)
    data = _body(request, RecordIn)
    try:
        rec = services.record(
            actor=_user(request),
            case=case,
            record_type=data.record_type,
            payload=data.payload,
            officers=_officers(case.agency, data.officers),
            av=data.av,
            at=_aware(data.at),
        )
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return Status(201, _record_out(rec))


@router.post(
    "/cases/{pk}/advance",
    response={200: StageChangeOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-advance",
    summary="进入下一环节（规则包允许的流转；进入终结环节即结案）",
    openapi_extra=_documented_body(AdvanceIn),
)
def advance(request: HttpRequest, pk: int) -> dict[str, Any]:
    case = _writable(_user(request), pk)
    data = _body(request, AdvanceIn)
    try:
        change: StageChange = services.advance(
            actor=_user(request), case=case, to_stage=data.to_stage, at=_aware(data.at)
        )
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return {
        "case": case.pk,
        "from_stage": change.from_stage,
        "to_stage": change.to_stage,
        "transition": change.transition,
        "cite": change.cite,
        "at": change.at,
        "ledger_index": change.ledger_index,
        "status": case.status,
        "approved_by": change.approved_by.get_username() if change.approved_by else None,
        "approval_role": change.approval_role,
    }


# --------------------------------------------------------------------------- facts and clocks


class FactsIn(Schema):
    facts: dict[str, Any] = Field(description="要变更的案件事实（规则包 [facts]）")
    at: dt.datetime | None = None


class SuspendIn(Schema):
    reason_id: str = Field(default="suspension", description="suspension 或规则包 clock_stops 的键")
    reason: str
    approved_by: str = Field(description="批准人用户名（本机关承办机构负责人或者行政机关负责人）")
    approval_ref: str = ""
    at: dt.datetime | None = None


class ResumeIn(Schema):
    clock_stop: int
    reason: str = ""
    at: dt.datetime | None = None


class ExtendIn(Schema):
    deadline: int
    reason: str
    approved_by: str = Field(description="批准人用户名")
    approval_ref: str = ""


class ClockStopOut(Schema):
    id: int
    case: int
    reason_id: str
    reason: str
    cite: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    ledger_index: int
    case_status: str


def _approver(case: Case, username: str) -> User:
    # Only users of the case's own agency can approve; anyone else is simply not found.
    approver = User.objects.filter(agency=case.agency, username=username, is_active=True).first()
    if approver is None:
        raise ApiRefusal(422, "invalid_input", f"本机关没有用户“{username}”。")
    return approver


def _stop_out(case: Case, stop: Any) -> dict[str, Any]:
    case.refresh_from_db(fields=["status"])
    return {
        "id": stop.pk,
        "case": case.pk,
        "reason_id": stop.reason_id,
        "reason": stop.reason,
        "cite": stop.cite,
        "started_at": stop.started_at,
        "ended_at": stop.ended_at,
        "ledger_index": stop.end_ledger_index if stop.ended_at else stop.ledger_index,
        "case_status": case.status,
    }


@router.post(
    "/cases/{pk}/facts",
    response={200: CaseDetailOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-facts",
    summary="变更案件事实（记入账本）",
    openapi_extra=_documented_body(FactsIn),
)
def update_facts(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _user(request)
    case = _writable(user, pk)
    data = _body(request, FactsIn)
    try:
        services.update_facts(actor=user, case=case, facts=data.facts, at=_aware(data.at))
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return _detail(selectors.case_for(user, pk), user)


@router.post(
    "/cases/{pk}/suspend",
    response={201: ClockStopOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-suspend",
    summary="中止或者停止计时（须经批准）",
    openapi_extra=_documented_body(SuspendIn),
)
def suspend(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    user = _user(request)
    case = _writable(user, pk)
    data = _body(request, SuspendIn)
    try:
        stop = services.suspend(
            actor=user,
            case=case,
            reason=data.reason,
            approved_by=_approver(case, data.approved_by),
            approval_ref=data.approval_ref,
            reason_id=data.reason_id,
            at=_aware(data.at),
        )
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return Status(201, _stop_out(case, stop))


@router.post(
    "/cases/{pk}/resume",
    response={200: ClockStopOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-resume",
    summary="恢复计时",
    openapi_extra=_documented_body(ResumeIn),
)
def resume(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _user(request)
    case = _writable(user, pk)
    data = _body(request, ResumeIn)
    stop = case.clock_stops.filter(pk=data.clock_stop).first()
    if stop is None:
        raise ApiRefusal(404, "not_found", "本案没有该中止记录。")
    try:
        stop = services.resume(actor=user, clock_stop=stop, reason=data.reason, at=_aware(data.at))
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    return _stop_out(case, stop)


@router.post(
    "/cases/{pk}/extend",
    response={200: DeadlineOut, **ERRORS},
    auth=WRITE_AUTH,
    url_name="cases-extend",
    summary="延期（依期限规则的延长条款，须经批准）",
    openapi_extra=_documented_body(ExtendIn),
)
def extend(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _user(request)
    case = _writable(user, pk)
    data = _body(request, ExtendIn)
    deadline = case.deadlines.filter(pk=data.deadline).first()
    if deadline is None:
        raise ApiRefusal(404, "not_found", "本案没有该期限。")
    try:
        services.extend(
            actor=user,
            deadline=deadline,
            reason=data.reason,
            approved_by=_approver(case, data.approved_by),
            approval_ref=data.approval_ref,
        )
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
    deadline.refresh_from_db()
    return _deadline_out(deadline, timezone.localdate())
