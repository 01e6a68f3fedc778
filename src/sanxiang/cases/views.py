"""Staff pages of the cases app (执法全过程记录): list, open, the case timeline, records, moves.

Views only parse, authorise and call a service (STYLE.md §2). Reads go through the scoped
selectors, so another agency's case is a 404. A refused step shows the service's own Chinese
message with the rule id and citation, and nothing is written (the service rolls back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in, role_required
from sanxiang.cases import selectors, services
from sanxiang.cases.choices import DeadlineMode, DeadlineStatus
from sanxiang.cases.forms import (
    AdvanceForm,
    CaseFilterForm,
    CaseOpenForm,
    ExtendForm,
    FactsForm,
    RecordForm,
    ResumeForm,
    SuspendForm,
    stage_choices,
)
from sanxiang.cases.models import Case, Deadline
from sanxiang.cases.records import fields_for
from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError
from sanxiang.policy.loader import PackInvalid, UnknownPack
from sanxiang.policy.resolved import ResolvedPack, UnknownRule
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry import selectors as registry_selectors
from sanxiang.registry.models import Agency, Officer

# Who reads case files: the people who handle, approve, review and archive them, and the
# supervisor (read-only across agencies). Publicity and data administrators see published
# results elsewhere; a case file holds personal data of the party.
CASE_READERS = (
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEADER,
    Role.LEGAL_REVIEWER,
    Role.ARCHIVIST,
    Role.SUPERVISOR,
)
# Who records steps: the handling officers and those who approve them (立案审批, 决定).
CASE_WRITERS = (Role.OFFICER, Role.SECTION_HEAD, Role.LEADER)
PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # role_required has turned anonymous users away
    return user


def _case(user: User, pk: int) -> Case:
    try:
        return selectors.case_for(user, pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None


def _writable_case(user: User, pk: int) -> Case:
    case = _case(user, pk)
    if not can_write_in(user, case.agency, *CASE_WRITERS):
        raise PermissionDenied("您无权在本案中记录或者变更。")
    return case


def _pack(agency: Agency) -> ResolvedPack | None:
    try:
        return pack_for_agency(agency)
    except (UnknownPack, PackInvalid):
        return None


def refusal_text(exc: SanxiangError) -> str:
    """The refusal as one Chinese line: the message, then the rule and its citation."""
    if isinstance(exc, RuleViolation):
        return f"{exc.message}（依据：{exc.cite}；规则：{exc.rule_id}）"
    return exc.message


@dataclass(frozen=True)
class StageNames:
    """Chinese labels for the pack ids a case carries (kind, procedure, stage)."""

    pack: ResolvedPack | None

    def kind(self, case: Case) -> str:
        try:
            return self.pack.case_kind(case.kind).label if self.pack else case.kind
        except UnknownRule:
            return case.kind

    def procedure(self, case: Case) -> str:
        try:
            return self.pack.procedure(case.kind, case.procedure).label if self.pack else ""
        except UnknownRule:
            return case.procedure

    def stage(self, case: Case, stage_id: str | None = None) -> str:
        stage_id = stage_id if stage_id is not None else case.stage
        if not stage_id:
            return ""
        try:
            if self.pack is None:
                return stage_id
            return self.pack.stage(case.kind, case.procedure, stage_id).label
        except UnknownRule:
            return stage_id


def deadline_state(deadline: Deadline, today: dt.date) -> str:
    """overdue | due_soon | open | the deadline's status when it no longer runs."""
    if deadline.status == DeadlineStatus.MISSED:
        return "overdue"
    if deadline.status not in (DeadlineStatus.OPEN, DeadlineStatus.STOPPED):
        return str(deadline.status)
    days_left = (deadline.due - today).days
    if deadline.mode == DeadlineMode.WITHIN and days_left < 0:
        return "overdue"
    # A waiting period (not_before) that has run is no longer "due": the step may be taken.
    if 0 <= days_left <= selectors.DUE_SOON_DAYS:
        return "due_soon"
    return "open"


# --------------------------------------------------------------------------- the list


def _filter_choices(user: User) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    kinds: dict[str, str] = {}
    stages: dict[str, str] = {}
    for agency in registry_selectors.agencies_for(user):
        pack = _pack(agency)
        if pack is None:
            continue
        for kind_id, kind in pack.model.case_kinds.items():
            kinds.setdefault(kind_id, kind.label)
        for stage_id, label in stage_choices(pack):
            stages.setdefault(stage_id, label)
    return list(kinds.items()), list(stages.items())


def _visible_officers(user: User) -> Any:
    return registry_selectors.scoped(
        Officer.objects.filter(is_active=True).select_related("agency"), user
    ).order_by("agency_id", "name")


@role_required(*CASE_READERS)
def case_list(request: HttpRequest) -> HttpResponse:
    """案件列表 with filters (kind, stage, officer, overdue) and pagination."""
    user = _user(request)
    kinds, stages = _filter_choices(user)
    form = CaseFilterForm(
        request.GET or None, kinds=kinds, stages=stages, officers=_visible_officers(user)
    )
    filters = selectors.CaseFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.CaseFilters(
            kind=data["kind"] or None,
            stage=data["stage"] or None,
            status=data["status"] or None,
            officer=data["officer"].pk if data["officer"] else None,
            overdue=True if data["overdue"] else None,
            query=data["q"] or None,
        )
    today = timezone.localdate()
    # The same test as deadline_state(): missed, or still running past its due date.
    late = Deadline.objects.filter(case_id=OuterRef("pk")).filter(
        Q(status=DeadlineStatus.MISSED)
        | Q(
            status__in=[DeadlineStatus.OPEN, DeadlineStatus.STOPPED],
            mode=DeadlineMode.WITHIN,
            due__lt=today,
        )
    )
    cases = (
        selectors.cases_for(user, filters)
        .select_related("agency")
        .annotate(has_overdue=Exists(late))
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    packs: dict[int, StageNames] = {}
    rows = []
    for case in page:
        names = packs.setdefault(case.agency_id, StageNames(_pack(case.agency)))
        rows.append(
            {
                "case": case,
                "kind": names.kind(case),
                "stage": names.stage(case),
                "overdue": getattr(case, "has_overdue", False),
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_open": bool(user.agency_id) and user.has_role(*CASE_WRITERS),
            "cross_agency": user.has_role(Role.SUPERVISOR),
        },
    )


# --------------------------------------------------------------------------- opening a case


@role_required(*CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """登记案件 in the user's own agency under a procedure of its pack."""
    user = _user(request)
    agency = user.agency
    if agency is None:
        raise PermissionDenied("只有本机关工作人员可以登记案件。")
    pack = _pack(agency)
    if pack is None:
        return render(request, "cases/case_new.html", {"no_pack": True})
    officers = registry_selectors.officers_of(agency=agency)
    form = CaseOpenForm(request.POST or None, pack=pack, officers=officers)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        kind, procedure = form.kind_and_procedure()
        try:
            case = services.open_case(
                actor=user,
                agency=agency,
                kind=kind,
                procedure=procedure,
                source=form.cleaned_data["source"],
                title=form.cleaned_data["title"],
                parties=[form.party()],
                facts=form.facts(),
                officers=form.ordered_officers(),
                at=form.at(),
            )
        except SanxiangError as exc:
            refusal = refusal_text(exc)
        else:
            messages.success(request, f"已登记案件 {case.number}。")
            return redirect("cases:detail", pk=case.pk)
    status = 409 if refusal else (400 if form.errors else 200)
    return render(
        request,
        "cases/case_new.html",
        {"form": form, "refusal": refusal, "pack": pack},
        status=status,
    )


# --------------------------------------------------------------------------- the case page


def _deadline_rows(case: Case, today: dt.date) -> list[dict[str, Any]]:
    return [
        {"deadline": d, "state": deadline_state(d, today)}
        for d in case.deadlines.order_by("due", "id")
    ]


def payload_lines(record_type: str, payload: dict[str, Any]) -> list[tuple[str, str]]:
    """The payload as (Chinese label, text) lines, in the order the record type lists them."""
    labels = {spec.name: spec.label for spec in fields_for(record_type)}
    lines = []
    for name in [*labels, *(key for key in payload if key not in labels)]:
        if name not in payload:
            continue
        value = payload[name]
        if isinstance(value, bool):
            text = "是" if value else "否"
        elif isinstance(value, list):
            text = "；".join(str(item) for item in value)
        else:
            text = str(value)
        lines.append((labels.get(name, name), text))
    return lines


def _timeline(case: Case, names: StageNames, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for entry in selectors.timeline(case):
        row: dict[str, Any] = {"entry": entry}
        if entry.kind == "stage":
            row["from_label"] = names.stage(case, entry.obj.from_stage)
            row["to_label"] = names.stage(case, entry.obj.to_stage)
            role = entry.obj.approval_role
            row["approval_label"] = Role(role).label if role else ""
        elif entry.kind == "record":
            row["stage_label"] = names.stage(case, entry.obj.stage)
            row["payload"] = payload_lines(entry.obj.record_type, entry.obj.payload)
        elif entry.kind == "deadline":
            row["state"] = deadline_state(entry.obj, today)
        rows.append(row)
    return rows


def _case_context(request: HttpRequest, user: User, case: Case) -> dict[str, Any]:
    pack = _pack(case.agency)
    names = StageNames(pack)
    today = timezone.localdate()
    can_write = can_write_in(user, case.agency, *CASE_WRITERS)
    facts_form = FactsForm(pack=pack, current=dict(case.facts)) if pack and can_write else None
    clocks = _clock_forms(case, pack) if can_write and pack and not case.is_closed else {}
    return {
        "case": case,
        "kind_label": names.kind(case),
        "procedure_label": names.procedure(case),
        "stage_label": names.stage(case),
        "parties": case.parties.all(),
        "assignments": case.assignments.select_related("officer"),
        "timeline": _timeline(case, names, today),
        "deadlines": _deadline_rows(case, today),
        "actions": selectors.allowed_actions(case, user),
        "can_write": can_write,
        "facts_form": facts_form,
        "stage_names": names,
        **clocks,
    }


def approvers_of(agency: Agency) -> QuerySet[User]:
    """Who may approve a clock stop or an extension in ``agency`` (the services check the
    exact role each rule names; this only keeps the list short)."""
    return (
        User.objects.filter(
            agency=agency,
            is_active=True,
            role_grants__role__in=[Role.SECTION_HEAD, Role.LEADER, Role.HEAD],
        )
        .distinct()
        .order_by("username")
    )


def _extendable(case: Case, pack: ResolvedPack) -> list[Deadline]:
    found = []
    running = case.deadlines.filter(status__in=[DeadlineStatus.OPEN, DeadlineStatus.STOPPED])
    for deadline in running.order_by("due", "id"):
        try:
            rule = pack.deadline(deadline.rule_id)
        except UnknownRule:
            continue  # a platform deadline (AV ingest) with no pack rule to extend it
        if rule.extension is not None:
            found.append(deadline)
    return found


def _clock_forms(case: Case, pack: ResolvedPack) -> dict[str, Any]:
    approvers = approvers_of(case.agency)
    return {
        "suspend_form": SuspendForm(pack=pack, approvers=approvers),
        "running_stops": case.clock_stops.filter(ended_at__isnull=True).order_by("started_at"),
        "extendable": [
            (d, ExtendForm(initial={"deadline": d.pk}, approvers=approvers))
            for d in _extendable(case, pack)
        ],
    }


@role_required(*CASE_READERS)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case as a timeline of every record, stage change and deadline, with what may be
    done now and, for each blocked action, the rule and article that block it."""
    user = _user(request)
    case = _case(user, pk)
    return render(request, "cases/case_detail.html", _case_context(request, user, case))


def _record_action(case: Case, user: User, record_type: str) -> selectors.Action:
    for action in selectors.allowed_actions(case, user).records:
        if action.id == record_type:
            return action
    raise Http404("本案当前环节没有该记录。")


@role_required(*CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case_record(request: HttpRequest, pk: int, record_type: str) -> HttpResponse:
    """Record one step of the current stage (笔录, 告知书, 决定书, 送达回证 …)."""
    user = _user(request)
    case = _writable_case(user, pk)
    action = _record_action(case, user, record_type)
    form = RecordForm(
        request.POST or None,
        # The case's own officers are the usual ones present; the officer unticks who was not.
        initial={"officers": [a.officer_id for a in case.assignments.all()]},
        record_type=record_type,
        officers=registry_selectors.officers_of(agency=case.agency),
        av_required=action.av_required,
        min_officers=action.min_officers,
    )
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.record(
                actor=user,
                case=case,
                record_type=record_type,
                payload=form.payload(),
                officers=form.present_officers(),
                av=form.av(),
                at=form.at(),
            )
        except SanxiangError as exc:
            refusal = refusal_text(exc)
        else:
            messages.success(request, f"已记录“{action.label}”。")
            return redirect("cases:detail", pk=case.pk)
    status = 409 if refusal else (400 if form.errors else 200)
    return render(
        request,
        "cases/record_form.html",
        {"case": case, "action": action, "form": form, "refusal": refusal},
        status=status,
    )


@role_required(*CASE_WRITERS)
@require_POST
def case_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the case to another stage along a transition the pack allows (结案 included)."""
    user = _user(request)
    case = _writable_case(user, pk)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要进入的环节。")
        return redirect("cases:detail", pk=case.pk)
    try:
        change = services.advance(
            actor=user, case=case, to_stage=form.cleaned_data["to_stage"], at=form.moment()
        )
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc), extra_tags="refusal")
    else:
        label = StageNames(_pack(case.agency)).stage(case, change.to_stage)
        messages.success(request, f"案件已进入“{label}”。")
    return redirect("cases:detail", pk=case.pk)


@role_required(*CASE_WRITERS)
@require_POST
def case_facts(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the facts the pack's conditions read (听证申请, 许可与否, 送达方式 …)."""
    user = _user(request)
    case = _writable_case(user, pk)
    pack = _pack(case.agency)
    if pack is None:
        raise Http404("本机关尚未配置规则包。")
    form = FactsForm(request.POST, pack=pack, current=dict(case.facts))
    if not form.is_valid():
        messages.error(request, "案件事实填写有误：" + form.errors.as_text())
        return redirect("cases:detail", pk=case.pk)
    changed = form.changed_facts()
    if not changed:
        messages.info(request, "案件事实没有变化。")
        return redirect("cases:detail", pk=case.pk)
    try:
        services.update_facts(actor=user, case=case, facts=changed)
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc), extra_tags="refusal")
    else:
        messages.success(request, "已更新案件事实。")
    return redirect("cases:detail", pk=case.pk)


@role_required(*CASE_WRITERS)
@require_POST
def case_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    """中止 the case, or stop the clock for a period the pack does not count (鉴定, 听证 …)."""
    user = _user(request)
    case = _writable_case(user, pk)
    pack = _pack(case.agency)
    if pack is None:
        raise Http404("本机关尚未配置规则包。")
    form = SuspendForm(request.POST, pack=pack, approvers=approvers_of(case.agency))
    if not form.is_valid():
        messages.error(request, "中止（停止计时）填写有误：" + _errors(form))
        return redirect("cases:detail", pk=case.pk)
    try:
        services.suspend(
            actor=user,
            case=case,
            reason=form.cleaned_data["reason"],
            approved_by=form.cleaned_data["approved_by"],
            approval_ref=form.cleaned_data["approval_ref"],
            reason_id=form.cleaned_data["reason_id"],
            at=form.moment(),
        )
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc), extra_tags="refusal")
    else:
        messages.success(request, "已停止计时。")
    return redirect("cases:detail", pk=case.pk)


@role_required(*CASE_WRITERS)
@require_POST
def case_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """End a clock stop of this case: its deadlines run again, moved by the time stopped."""
    user = _user(request)
    case = _writable_case(user, pk)
    form = ResumeForm(request.POST)
    stop = None
    if form.is_valid():
        stop = case.clock_stops.filter(pk=form.cleaned_data["clock_stop"]).first()
    if stop is None:
        messages.error(request, "请选择要恢复计时的中止记录。")
        return redirect("cases:detail", pk=case.pk)
    try:
        services.resume(
            actor=user, clock_stop=stop, reason=form.cleaned_data["reason"], at=form.moment()
        )
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc), extra_tags="refusal")
    else:
        messages.success(request, "已恢复计时。")
    return redirect("cases:detail", pk=case.pk)


@role_required(*CASE_WRITERS)
@require_POST
def case_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """延期 of one of this case's deadlines under its rule's extension."""
    user = _user(request)
    case = _writable_case(user, pk)
    form = ExtendForm(request.POST, approvers=approvers_of(case.agency))
    deadline = None
    if form.is_valid():
        deadline = case.deadlines.filter(pk=form.cleaned_data["deadline"]).first()
    if deadline is None:
        messages.error(request, "延期填写有误：" + (_errors(form) or "请选择要延长的期限。"))
        return redirect("cases:detail", pk=case.pk)
    try:
        extension = services.extend(
            actor=user,
            deadline=deadline,
            reason=form.cleaned_data["reason"],
            approved_by=form.cleaned_data["approved_by"],
            approval_ref=form.cleaned_data["approval_ref"],
        )
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc), extra_tags="refusal")
    else:
        messages.success(request, f"“{deadline.label}”已延至 {extension.new_due:%Y-%m-%d}。")
    return redirect("cases:detail", pk=case.pk)


def _errors(form: Any) -> str:
    """A form's errors as one Chinese line, each with its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'、'.join(errors)}" if label else "、".join(errors))
    return "；".join(parts)


# --------------------------------------------------------------------------- officer home


@dataclass(frozen=True)
class DueRow:
    view: selectors.DeadlineView
    days: int


@role_required()
def my_cases(request: HttpRequest) -> HttpResponse:
    """The officer's home page: their cases, and what is due, overdue and provisional."""
    user = _user(request)
    officer: Officer | None = getattr(user, "officer", None)
    today = timezone.localdate()
    views = selectors.deadlines_for_user(user, today=today) if officer else []
    # abs(): the page says "逾期 3 天" / "还有 3 天" rather than a signed number.
    rows = [DueRow(v, abs(v.days_left)) for v in views]
    overdue = [r for r in rows if r.view.urgency == "overdue"]
    due_soon = [r for r in rows if r.view.urgency == "due_soon"]
    running = [r for r in rows if r.view.urgency not in ("overdue", "due_soon")]
    provisional = [v for v in views if v.deadline.provisional]
    cases = []
    if officer is not None:
        names: dict[int, StageNames] = {}
        for case in selectors.cases_of_officer(officer).select_related("agency")[:100]:
            stage_names = names.setdefault(case.agency_id, StageNames(_pack(case.agency)))
            cases.append(
                {"case": case, "kind": stage_names.kind(case), "stage": stage_names.stage(case)}
            )
    return render(
        request,
        "cases/my_cases.html",
        {
            "officer": officer,
            "overdue": overdue,
            "due_soon": due_soon,
            "running": running,
            "provisional": provisional,
            "cases": cases,
            "today": today,
            "can_read_cases": user.has_role(*CASE_READERS),
        },
    )
