"""Legal review REST API: classification, submissions, findings, consultations, opinions,
re-review requests, escalation, extension, and the major-decision catalogue. Handlers parse,
authorise and call the same services as the pages; refusals are ``sanxiang.api.errors`` bodies
(403 role, 404 outside the agency, 409 a rule refuses and nothing was written, 400/422 a bad
body). Url names are prefixed ``review-``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from sanxiang.accounts.api_auth import API_AUTH, TokenAuth
from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.api.errors import ERRORS, ApiRefusal, documented_body, parse_body, run_service
from sanxiang.cases import selectors as case_selectors
from sanxiang.cases.gates import facts_of
from sanxiang.core.errors import NotInScope
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.review import gate, selectors, services
from sanxiang.review.catalogue_views import CATALOGUE_WRITERS
from sanxiang.review.choices import ConsultationKind
from sanxiang.review.classification import classify
from sanxiang.review.models import Catalogue, Consultation, Submission
from sanxiang.review.views import (
    DEPARTMENT,
    EMERGENCY_RECORDERS,
    EXTENDERS,
    HEADS,
    MARKERS,
    REVIEW_READERS,
    REVIEWERS,
)

router = Router(tags=["重大执法决定法制审核"])
_TOKEN = TokenAuth()


class ReviewGate:
    """Authenticate, refuse a role the endpoint does not admit (403), and a submission or case
    outside the user's agency (404), before the body is read."""

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
        kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        try:
            if "pk" in kwargs:
                selectors.submission_for(user, int(kwargs["pk"]))
            if "case_pk" in kwargs:
                case_selectors.case_for(user, int(kwargs["case_pk"]))
            if "catalogue_pk" in kwargs:
                selectors.catalogue_for(user, int(kwargs["catalogue_pk"]))
        except (NotInScope, ValueError):
            raise ApiRefusal(404, "not_found", "未找到。") from None
        return user


def _auth(*roles: str) -> list[Any]:
    return [ReviewGate(*roles), *API_AUTH]


def _user(request: HttpRequest) -> User:
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def _submission(user: User, pk: int) -> Submission:
    try:
        return selectors.submission_for(user, pk)
    except NotInScope as exc:
        raise ApiRefusal(404, exc.code, exc.message) from None


# --------------------------------------------------------------------------- schemas


class GroundOut(Schema):
    rule: str
    cite: str
    reason: str


class ClassificationOut(Schema):
    major: bool
    grounds: list[GroundOut]


class ClassifyIn(Schema):
    facts: dict[str, Any]
    manual: str | None = None


class SubmitIn(Schema):
    proposal: str
    reasons: str
    legal_basis: str
    materials: dict[str, str] = {}
    entrusted_org: str = ""


class SubmissionOut(Schema):
    id: int
    case_id: int
    case_number: str
    sequence: int
    status: str
    status_label: str
    proposal: str
    office: str
    missing: list[str]
    grounds: list[GroundOut]
    due: dt.date | None
    provisional: bool
    decision_allowed: bool
    gate_reason: str


class FindingIn(Schema):
    item_id: str
    passed: bool
    note: str = ""
    legality_issue: bool = False


class OpinionIn(Schema):
    outcome_id: str
    reasons: str


class OpinionOut(Schema):
    id: int
    number: str
    outcome_id: str
    outcome_label: str
    allows_decision: bool
    is_rereview: bool
    cite: str
    copies: list[str]


class ReRequestIn(Schema):
    reasons: str


class EscalationIn(Schema):
    department_opinion: str
    review_office_opinion: str
    deputy_opinion: str
    allows_decision: bool
    reasons: str
    collective_discussion: str = ""
    party_group_meeting: bool = False


class ExtendIn(Schema):
    approver: str  # username of the approving head, in the same agency
    reason: str
    approval_ref: str = ""


class DoneOut(Schema):
    id: int
    submission: SubmissionOut


def _out(s: Submission) -> dict[str, Any]:
    state = gate.state(s.case)
    current = state.submission is not None and state.submission.pk == s.pk
    return {
        "id": s.pk,
        "case_id": s.case_id,
        "case_number": s.case.number,
        "sequence": s.sequence,
        "status": s.status,
        "status_label": s.get_status_display(),
        "proposal": s.proposal,
        "office": s.office,
        "missing": s.missing,
        "grounds": s.grounds,
        "due": s.due,
        "provisional": s.provisional,
        "decision_allowed": current and state.allows,
        "gate_reason": state.reason if current else "已被新送审取代",
    }


# --------------------------------------------------------------------------- endpoints


@router.post(
    "/review/classify",
    response={200: ClassificationOut, **ERRORS},
    auth=_auth(*REVIEW_READERS),
    url_name="review-classify",
    summary="重大执法决定认定：按本机关规则包判断拟作出的决定是否重大及其事由",
    openapi_extra=documented_body(ClassifyIn),
)
def classify_facts(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    data = parse_body(request, ClassifyIn)
    if user.agency is None:
        raise ApiRefusal(422, "invalid_input", "您不属于任何执法主体，无法适用规则包。")
    pack = pack_for_agency(user.agency)
    result = run_service(lambda: classify(pack, data.facts, manual=data.manual))
    return dict(result.as_json())


@router.get(
    "/review/submissions",
    response={200: list[SubmissionOut], **ERRORS},
    auth=_auth(*REVIEW_READERS),
    url_name="review-submissions",
    summary="送审列表（本机关；监督人员可见全部）",
)
def list_submissions(request: HttpRequest) -> list[dict[str, Any]]:
    items = selectors.submissions_for(_user(request)).order_by("-submitted_at")[:200]
    return [_out(s) for s in items]


@router.post(
    "/review/cases/{case_pk}/submissions",
    response={201: SubmissionOut, **ERRORS},
    auth=_auth(*DEPARTMENT),
    url_name="review-submit",
    summary="送审：拟作出的决定、理由、依据和送审材料；材料不全的退回并列明缺少的材料",
    openapi_extra=documented_body(SubmitIn),
)
def submit(request: HttpRequest, case_pk: int) -> Status[dict[str, Any]]:
    user = _user(request)
    data = parse_body(request, SubmitIn)
    case = run_service(lambda: case_selectors.case_for(user, case_pk))
    submission = run_service(
        lambda: services.submit(
            actor=user,
            case=case,
            proposal=data.proposal,
            reasons=data.reasons,
            legal_basis=data.legal_basis,
            materials=data.materials,
            entrusted_org=data.entrusted_org,
        )
    )
    return Status(201, _out(submission))


@router.get(
    "/review/submissions/{pk}",
    response={200: SubmissionOut, **ERRORS},
    auth=_auth(*REVIEW_READERS),
    url_name="review-submission",
    summary="送审详情及是否允许作出决定",
)
def submission_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(_submission(_user(request), pk))


def _record_on_submission(
    request: HttpRequest,
    pk: int,
    schema: type[Schema],
    act: Callable[[User, Submission, Any], Any],
) -> Status[dict[str, Any]]:
    """Parse the body, write one row on the submission through ``act``, answer 201 with it."""
    user = _user(request)
    data = parse_body(request, schema)
    s = _submission(user, pk)
    row = run_service(lambda: act(user, s, data))
    s.refresh_from_db()
    return Status(201, {"id": row.pk, "submission": _out(s)})


@router.post(
    "/review/submissions/{pk}/findings",
    response={201: DoneOut, **ERRORS},
    auth=_auth(*REVIEWERS),
    url_name="review-findings",
    summary="记录一项审核内容的意见",
    openapi_extra=documented_body(FindingIn),
)
def add_finding(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    return _record_on_submission(
        request,
        pk,
        FindingIn,
        lambda user, s, data: services.record_finding(
            actor=user, submission=s, **data.model_dump()
        ),
    )


@router.post(
    "/review/submissions/{pk}/opinions",
    response={201: OpinionOut, **ERRORS},
    auth=_auth(*REVIEWERS),
    url_name="review-opinions",
    summary="出具法制审核意见书（一式两份：执法案卷、法制审核机构存档）",
    openapi_extra=documented_body(OpinionIn),
)
def add_opinion(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    user = _user(request)
    data = parse_body(request, OpinionIn)
    s = _submission(user, pk)
    o = run_service(
        lambda: services.issue_opinion(
            actor=user, submission=s, outcome_id=data.outcome_id, reasons=data.reasons
        )
    )
    return Status(
        201,
        {
            "id": o.pk,
            "number": o.number,
            "outcome_id": o.outcome_id,
            "outcome_label": o.outcome_label,
            "allows_decision": o.allows_decision,
            "is_rereview": o.is_rereview,
            "cite": o.cite,
            "copies": [c["destination"] for c in o.copies],
        },
    )


@router.post(
    "/review/submissions/{pk}/rereview",
    response={201: DoneOut, **ERRORS},
    auth=_auth(*DEPARTMENT),
    url_name="review-rereview",
    summary="书面申请复审（一次）",
    openapi_extra=documented_body(ReRequestIn),
)
def add_rerequest(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    return _record_on_submission(
        request,
        pk,
        ReRequestIn,
        lambda user, s, data: services.request_rereview(
            actor=user, submission=s, reasons=data.reasons
        ),
    )


@router.post(
    "/review/submissions/{pk}/escalation",
    response={201: DoneOut, **ERRORS},
    auth=_auth(*HEADS),
    url_name="review-escalation",
    summary="复审后仍有异议：负责人决定（记录承办机构、法制审核机构和分管负责人意见）",
    openapi_extra=documented_body(EscalationIn),
)
def add_escalation(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    return _record_on_submission(
        request,
        pk,
        EscalationIn,
        lambda user, s, data: services.escalate(actor=user, submission=s, **data.model_dump()),
    )


@router.post(
    "/review/submissions/{pk}/extension",
    response={201: SubmissionOut, **ERRORS},
    auth=_auth(*EXTENDERS),
    url_name="review-extension",
    summary="经负责人批准延长审核期限（批准人以用户名指明）",
    openapi_extra=documented_body(ExtendIn),
)
def add_extension(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    user = _user(request)
    data = parse_body(request, ExtendIn)
    s = _submission(user, pk)
    approver = User.objects.filter(username=data.approver, agency=s.agency).first()
    if approver is None:
        raise ApiRefusal(422, "invalid_input", "本机关没有该批准人。")
    updated = run_service(
        lambda: services.extend(
            actor=user,
            submission=s,
            approver=approver,
            reason=data.reason,
            approval_ref=data.approval_ref,
        )
    )
    return Status(201, _out(updated))


# --------------------------------------------------------------------------- consultations


class ConsultationIn(Schema):
    kind: str  # question_handlers / question_parties / consultation / legal_adviser
    participants: str
    summary: str


class ConsultationOut(Schema):
    id: int
    kind: str
    kind_label: str
    participants: str
    summary: str
    at: dt.datetime
    recorded_by: str


def _consultation_out(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "kind_label": ConsultationKind(c.kind).label,
        "participants": c.participants,
        "summary": c.summary,
        "at": c.at,
        "recorded_by": c.recorded_by.get_username(),
    }


@router.get(
    "/review/submissions/{pk}/consultations",
    response={200: list[ConsultationOut], **ERRORS},
    auth=_auth(*REVIEW_READERS),
    url_name="review-consultations",
    summary="了解情况、询问当事人、论证会、咨询法律顾问的记录",
)
def list_consultations(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    s = _submission(_user(request), pk)
    rows = s.consultations.select_related("recorded_by").order_by("at", "id")
    return [_consultation_out(c) for c in rows]


@router.post(
    "/review/submissions/{pk}/consultations",
    response={201: DoneOut, **ERRORS},
    auth=_auth(*REVIEWERS),
    url_name="review-consultation-add",
    summary="记录向承办人员了解情况、向当事人核实、召开论证会或者咨询法律顾问",
    openapi_extra=documented_body(ConsultationIn),
)
def add_consultation(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    return _record_on_submission(
        request,
        pk,
        ConsultationIn,
        lambda user, s, data: services.record_consultation(
            actor=user, submission=s, **data.model_dump()
        ),
    )


# --------------------------------------------------------------------------- catalogue


class CatalogueItemIn(Schema):
    name: str
    basis: str


class CatalogueIn(Schema):
    items: list[CatalogueItemIn]


class FilingIn(Schema):
    filed_on: dt.date
    filing_ref: str


class PublishIn(Schema):
    published_on: dt.date | None = None


class WithdrawIn(Schema):
    reason: str


class CatalogueItemOut(Schema):
    position: int
    name: str
    basis: str


class CatalogueOut(Schema):
    id: int
    agency: str
    version: int
    state: str
    filed_on: dt.date | None
    filing_ref: str
    published_on: dt.date | None
    withdrawn_on: dt.date | None
    items: list[CatalogueItemOut]


def _catalogue_out(c: Catalogue) -> dict[str, Any]:
    return {
        "id": c.pk,
        "agency": c.agency.slug,
        "version": c.version,
        "state": c.state_label,
        "filed_on": c.filed_on,
        "filing_ref": c.filing_ref,
        "published_on": c.published_on,
        "withdrawn_on": c.withdrawn_on,
        "items": [
            {"position": i.position, "name": i.name, "basis": i.basis}
            for i in c.items.order_by("position")
        ],
    }


CATALOGUE_READERS = (*CATALOGUE_WRITERS, Role.SUPERVISOR)


@router.get(
    "/review/catalogues",
    response={200: list[CatalogueOut], **ERRORS},
    auth=_auth(*CATALOGUE_READERS),
    url_name="review-catalogues",
    summary="重大执法决定事项目录（各版本，含备案与公布情况）",
)
def list_catalogues(request: HttpRequest) -> list[dict[str, Any]]:
    return [_catalogue_out(c) for c in selectors.catalogues_for(_user(request))[:100]]


@router.post(
    "/review/catalogues",
    response={201: CatalogueOut, **ERRORS},
    auth=_auth(*CATALOGUE_WRITERS),
    url_name="review-catalogue-create",
    summary="制定新版目录（草稿）：事项及其法律依据",
    openapi_extra=documented_body(CatalogueIn),
)
def create_catalogue(request: HttpRequest) -> Status[dict[str, Any]]:
    user = _user(request)
    data = parse_body(request, CatalogueIn)
    if user.agency is None:
        raise ApiRefusal(403, "forbidden", "您不属于任何执法主体。", rule_id="scope")
    agency = user.agency
    if not data.items:
        raise ApiRefusal(422, "invalid_input", "目录至少应有一项。")
    # Every item needs its legal basis; the draft is written only if all are acceptable.
    blank = [i.name for i in data.items if not i.basis.strip()]
    if blank:
        raise ApiRefusal(422, "invalid_input", "以下事项缺少法律依据：" + "、".join(blank))
    catalogue = run_service(
        lambda: services.draft_catalogue(
            actor=user, agency=agency, items=[i.model_dump() for i in data.items]
        )
    )
    return Status(201, _catalogue_out(catalogue))


def _catalogue_action(
    request: HttpRequest,
    catalogue_pk: int,
    schema: type[Schema],
    act: Callable[[User, Catalogue, Any], Catalogue],
) -> dict[str, Any]:
    user = _user(request)
    data = parse_body(request, schema)
    try:
        catalogue = selectors.catalogue_for(user, catalogue_pk)
    except NotInScope as exc:
        raise ApiRefusal(404, exc.code, exc.message) from None
    return _catalogue_out(run_service(lambda: act(user, catalogue, data)))


@router.post(
    "/review/catalogues/{catalogue_pk}/filing",
    response={200: CatalogueOut, **ERRORS},
    auth=_auth(*CATALOGUE_WRITERS),
    url_name="review-catalogue-filing",
    summary="登记目录报司法局备案（日期、文号）",
    openapi_extra=documented_body(FilingIn),
)
def file_catalogue(request: HttpRequest, catalogue_pk: int) -> dict[str, Any]:
    return _catalogue_action(
        request,
        catalogue_pk,
        FilingIn,
        lambda user, c, data: services.file_catalogue(
            actor=user, catalogue=c, filed_on=data.filed_on, filing_ref=data.filing_ref
        ),
    )


@router.post(
    "/review/catalogues/{catalogue_pk}/publication",
    response={200: CatalogueOut, **ERRORS},
    auth=_auth(*CATALOGUE_WRITERS),
    url_name="review-catalogue-publication",
    summary="对外公布已备案的目录",
    openapi_extra=documented_body(PublishIn),
)
def publish_catalogue(request: HttpRequest, catalogue_pk: int) -> dict[str, Any]:
    return _catalogue_action(
        request,
        catalogue_pk,
        PublishIn,
        lambda user, c, data: services.publish_catalogue_version(
            actor=user, catalogue=c, published_on=data.published_on
        ),
    )


@router.post(
    "/review/catalogues/{catalogue_pk}/withdrawal",
    response={200: CatalogueOut, **ERRORS},
    auth=_auth(*CATALOGUE_WRITERS),
    url_name="review-catalogue-withdrawal",
    summary="撤回已公布的目录",
    openapi_extra=documented_body(WithdrawIn),
)
def withdraw_catalogue(request: HttpRequest, catalogue_pk: int) -> dict[str, Any]:
    return _catalogue_action(
        request,
        catalogue_pk,
        WithdrawIn,
        lambda user, c, data: services.withdraw_catalogue(
            actor=user, catalogue=c, reason=data.reason
        ),
    )


# --------------------------------------------------------------------------- marking


class MarkIn(Schema):
    reason: str


class EmergencyIn(Schema):
    legal_ground: str


class MarkOut(Schema):
    id: int
    case_id: int
    cite: str
    classification: ClassificationOut


def _case_mark(
    request: HttpRequest, case_pk: int, schema: type[Schema], act: Callable[[User, Any, Any], Any]
) -> Status[dict[str, Any]]:
    user = _user(request)
    data = parse_body(request, schema)
    case = run_service(lambda: case_selectors.case_for(user, case_pk))
    row = run_service(lambda: act(user, case, data))
    pack = pack_for_agency(case.agency)
    case.refresh_from_db()
    facts = {k: v for k, v in facts_of(case).items() if k in pack.model.facts}
    result = classify(pack, facts, manual=services.hand_mark_reason(case), strict=False)
    body = {"id": row.pk, "case_id": case.pk, "cite": row.cite}
    return Status(201, {**body, "classification": result.as_json()})


@router.post(
    "/review/cases/{case_pk}/major-marks",
    response={201: MarkOut, **ERRORS},
    auth=_auth(*MARKERS),
    url_name="review-mark-major",
    summary="本局认为属于重大：认定案件为重大执法决定（写明理由），作出决定前须经法制审核",
    openapi_extra=documented_body(MarkIn),
)
def add_major_mark(request: HttpRequest, case_pk: int) -> Status[dict[str, Any]]:
    return _case_mark(
        request,
        case_pk,
        MarkIn,
        lambda user, case, data: services.mark_major(actor=user, case=case, reason=data.reason),
    )


@router.post(
    "/review/cases/{case_pk}/emergency",
    response={201: MarkOut, **ERRORS},
    auth=_auth(*EMERGENCY_RECORDERS),
    url_name="review-emergency",
    summary="紧急情况下依法不经事先法制审核作出的决定：记录法律依据",
    openapi_extra=documented_body(EmergencyIn),
)
def add_emergency(request: HttpRequest, case_pk: int) -> Status[dict[str, Any]]:
    return _case_mark(
        request,
        case_pk,
        EmergencyIn,
        lambda user, case, data: services.record_emergency(
            actor=user, case=case, legal_ground=data.legal_ground
        ),
    )
