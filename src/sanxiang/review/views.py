"""Staff pages of legal review (法制审核): the reviewer's queue, the review page with the case
timeline beside the checklist, the department's submissions, and the opinion as a document.

Views parse, authorise and call a service (STYLE.md §2); another agency's submission is a 404.
A refusal shows the service's Chinese message with its rule and citation; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in, role_required
from sanxiang.cases import selectors as case_selectors
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.review import gate, rules, selectors, services
from sanxiang.review.forms import (
    ConsultationForm,
    CorrectionForm,
    EscalationForm,
    ExtendForm,
    FindingForm,
    OpinionForm,
    ReRequestForm,
    SubmitForm,
)
from sanxiang.review.models import LegalityIssue, Submission

REVIEW_READERS = (
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEADER,
    Role.HEAD,
    Role.LEGAL_REVIEWER,
    Role.SUPERVISOR,
)
QUEUE_READERS = (Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
DEPARTMENT_READERS = (Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
DEPARTMENT = (Role.OFFICER, Role.SECTION_HEAD)
REVIEWERS = (Role.LEGAL_REVIEWER,)
# Who may reach the head's decision at all; the pack's ``escalation.decided_by`` narrows it per
# agency (武汉市科技局: 局长 only), and the service refuses anyone else.
HEADS = services.HEAD_ROLES
EXTENDERS = (Role.LEGAL_REVIEWER, *services.HEAD_ROLES)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _submission(user: User, pk: int) -> Submission:
    try:
        return selectors.submission_for(user, pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None


def refusal_text(exc: SanxiangError) -> str:
    """A refusal as shown on a page: the message with its citation and rule."""
    if isinstance(exc, RuleViolation):
        return f"{exc.message}（依据：{exc.cite}；规则：{exc.rule_id}）"
    return exc.message


@role_required(*QUEUE_READERS)
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = selectors.queue(user)
    # The catalogue pages are the legal office's (and the supervisor's): link them for those.
    can_catalogue = user.has_role(Role.LEGAL_REVIEWER, Role.SUPERVISOR)
    return render(request, "review/queue.html", {"rows": rows, "can_catalogue": can_catalogue})


@role_required(*DEPARTMENT_READERS)
def department(request: HttpRequest) -> HttpResponse:
    items = selectors.submissions_for(_user(request)).order_by("-submitted_at")[:200]
    return render(request, "review/department.html", {"items": items})


@role_required(*REVIEW_READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _submission(_user(request), pk))


def _detail(
    request: HttpRequest, submission: Submission, refusal: str = "", status: int = 200
) -> HttpResponse:
    user = _user(request)
    case = submission.case
    pack = pack_for_agency(submission.agency)
    findings = services.latest_findings(submission)
    checklist = [(item, findings.get(item.id)) for item in rules.checklist(pack)]
    writable = can_write_in(user, submission.agency)
    escalation = rules.escalation(pack)
    context: dict[str, Any] = {
        "submission": submission,
        "case": case,
        "timeline": case_selectors.timeline(case),
        "checklist": checklist,
        "materials": [(m, submission.materials.get(m.id, "")) for m in rules.materials(pack)],
        "consultations": submission.consultations.order_by("at"),
        "opinions": submission.opinions.order_by("issued_at"),
        "issues": LegalityIssue.objects.filter(case=case).order_by("opened_at"),
        "rerequests": submission.rerequests.order_by("at"),
        "escalations": submission.escalations.order_by("at"),
        "gate": gate.state(case),
        "is_current": gate.current_submission(case) == submission,
        "can_review": writable and user.has_role(*REVIEWERS),
        "can_department": writable and user.has_role(*DEPARTMENT),
        "can_head": writable
        and escalation is not None
        and user.has_role(*services.deciders(escalation.decided_by)),
        "escalation_rule": escalation,
        "is_open": submission.status in ("in_review", "rereview"),
        "finding_form": FindingForm(),
        "consultation_form": ConsultationForm(),
        "opinion_form": OpinionForm(pack=pack),
        "rerequest_form": ReRequestForm(),
        "escalation_form": EscalationForm(pack=pack),
        "extend_form": ExtendForm(),
        "extension": rules.extension(pack),
        "pack": pack,
        "refusal": refusal,
    }
    return render(request, "review/detail.html", context, status=status)


def _act(
    request: HttpRequest,
    pk: int,
    form_class: Callable[..., forms.Form],
    call: Callable[[User, Submission, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    user = _user(request)
    submission = _submission(user, pk)
    if not can_write_in(user, submission.agency):
        raise PermissionDenied("您无权办理其他执法主体的法制审核。")
    form = form_class(request.POST)
    target = reverse("review:detail", args=[submission.pk])
    if not form.is_valid():
        messages.error(
            request,
            "请完整填写表单："
            + "；".join(f"{form.fields[k].label if k in form.fields else k}" for k in form.errors),
        )
        return redirect(target)
    try:
        call(user, submission, form.cleaned_data)
    except SanxiangError as exc:
        return _detail(request, submission, refusal=refusal_text(exc), status=409)
    messages.success(request, done)
    return redirect(target)


@require_POST
@role_required(*REVIEWERS)
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        FindingForm,
        lambda u, s, d: services.record_finding(
            actor=u,
            submission=s,
            item_id=d["item_id"],
            passed=d["passed"],
            note=d["note"],
            legality_issue=d["legality_issue"],
        ),
        "已记录审核事项意见。",
    )


@require_POST
@role_required(*REVIEWERS)
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ConsultationForm,
        lambda u, s, d: services.record_consultation(
            actor=u,
            submission=s,
            kind=d["kind"],
            participants=d["participants"],
            summary=d["summary"],
        ),
        "已记录了解情况。",
    )


@require_POST
@role_required(*REVIEWERS)
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    submission = _submission(user, pk)
    pack = pack_for_agency(submission.agency)
    return _act(
        request,
        pk,
        lambda data: OpinionForm(data, pack=pack),
        lambda u, s, d: services.issue_opinion(
            actor=u, submission=s, outcome_id=d["outcome_id"], reasons=d["reasons"]
        ),
        "已出具法制审核意见书（一份存入执法案卷，一份留存归档）。",
    )


@require_POST
@role_required(*REVIEWERS)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    def call(u: User, s: Submission, d: dict[str, Any]) -> object:
        issue = LegalityIssue.objects.filter(case=s.case, pk=d["issue_id"]).first()
        if issue is None:
            raise NotInScope("没有找到该合法性问题。")
        return services.correct_issue(actor=u, issue=issue, correction=d["correction"])

    return _act(request, pk, CorrectionForm, call, "已登记纠正情况。")


@require_POST
@role_required(*DEPARTMENT)
def rereview(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReRequestForm,
        lambda u, s, d: services.request_rereview(actor=u, submission=s, reasons=d["reasons"]),
        "已提交书面复审申请。",
    )


@require_POST
@role_required(*HEADS)
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(_user(request), pk)
    pack = pack_for_agency(submission.agency)
    return _act(
        request,
        pk,
        lambda data: EscalationForm(data, pack=pack),
        lambda u, s, d: services.escalate(actor=u, submission=s, **d),
        "已记录负责人决定。",
    )


@require_http_methods(["GET", "POST"])
@role_required(*DEPARTMENT)
def submit(request: HttpRequest, case_pk: int) -> HttpResponse:
    user = _user(request)
    try:
        case = case_selectors.case_for(user, case_pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    if not can_write_in(user, case.agency):
        raise PermissionDenied("您无权为其他执法主体送审。")
    pack = pack_for_agency(case.agency)
    form = SubmitForm(request.POST or None, pack=pack)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submit(
                actor=user,
                case=case,
                proposal=form.cleaned_data["proposal"],
                reasons=form.cleaned_data["reasons"],
                legal_basis=form.cleaned_data["legal_basis"],
                materials=form.materials(),
                entrusted_org=form.cleaned_data["entrusted_org"],
            )
        except SanxiangError as exc:
            refusal = refusal_text(exc)
        else:
            if submission.missing:
                messages.warning(request, "送审材料不全，已退回：" + "、".join(submission.missing))
            else:
                messages.success(request, "已送审，审核期限自材料完备之日起计算。")
            return redirect("review:detail", submission.pk)
    major = pack.model.major_decision
    context = {
        "case": case,
        "form": form,
        "refusal": refusal,
        "office": rules.review_cite(pack),
        "marks": case.major_marks.order_by("at"),
        "emergencies": case.emergencies.order_by("at"),
        "can_mark": user.has_role(*MARKERS),
        "can_emergency": user.has_role(*EMERGENCY_RECORDERS)
        and major is not None
        and major.exempt_when is not None,
        "exempt_cite": (major.exempt_cite or major.cite) if major is not None else "",
    }
    return render(request, "review/submit.html", context, status=409 if refusal else 200)


@role_required(*REVIEW_READERS)
def opinion_document(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    try:
        found = selectors.opinion_for(user, pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    submission = found.submission
    pack = pack_for_agency(found.agency)
    findings = services.latest_findings(submission)
    context = {
        "opinion": found,
        "submission": submission,
        "case": submission.case,
        "findings": [(item, findings.get(item.id)) for item in rules.checklist(pack)],
        "pack": pack,
        "office": submission.office,
    }
    return render(request, "review/opinion_document.html", context)


@require_POST
@role_required(*EXTENDERS)
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    def call(u: User, s: Submission, d: dict[str, Any]) -> object:
        approver = User.objects.filter(username=d["approver"], agency=s.agency).first()
        if approver is None:
            raise NotInScope("本机关没有该批准人。")
        return services.extend(
            actor=u,
            submission=s,
            approver=approver,
            reason=d["reason"],
            approval_ref=d["approval_ref"],
        )

    return _act(request, pk, ExtendForm, call, "已延长审核期限。")


MARKERS = (Role.LEGAL_REVIEWER, Role.SECTION_HEAD, *services.HEAD_ROLES)
EMERGENCY_RECORDERS = (Role.SECTION_HEAD, *services.HEAD_ROLES)


def _case_action(
    request: HttpRequest,
    case_pk: int,
    field: str,
    call: Callable[[User, Any, str], object],
    done: str,
) -> HttpResponse:
    user = _user(request)
    try:
        case = case_selectors.case_for(user, case_pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    if not can_write_in(user, case.agency):
        raise PermissionDenied("您无权办理其他执法主体的案件。")
    try:
        call(user, case, request.POST.get(field, ""))
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, done)
    return redirect("review:submit", case.pk)


@require_POST
@role_required(*MARKERS)
def mark_major(request: HttpRequest, case_pk: int) -> HttpResponse:
    """本局认为属于重大: the case is gated from now on."""
    return _case_action(
        request,
        case_pk,
        "reason",
        lambda u, c, text: services.mark_major(actor=u, case=c, reason=text),
        "已认定为重大执法决定，作出决定前须经法制审核。",
    )


@require_POST
@role_required(*EMERGENCY_RECORDERS)
def emergency(request: HttpRequest, case_pk: int) -> HttpResponse:
    """An emergency decision the pack exempts from prior review, with its legal ground."""
    return _case_action(
        request,
        case_pk,
        "legal_ground",
        lambda u, c, text: services.record_emergency(actor=u, case=c, legal_ground=text),
        "已记录紧急情况及其法律依据。",
    )
