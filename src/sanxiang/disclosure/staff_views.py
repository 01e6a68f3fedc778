"""Staff pages: the publication tasks (due/overdue), the redaction review side by side, the
approval and publication steps, withdrawals, corrections and the public's feedback."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import role_required
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.disclosure import annual_selectors, publishing, selectors, services
from sanxiang.disclosure.choices import FeedbackStatus, PublicationMode
from sanxiang.disclosure.models import Publication
from sanxiang.disclosure.redaction import KIND_LABELS, Kind
from sanxiang.policy.selectors import pack_for_agency

STAFF_ROLES = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
WRITERS = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@role_required(*STAFF_ROLES)
def task_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    tasks = list(selectors.staff_publications(user)[:200])
    return render(
        request,
        "disclosure/staff_list.html",
        {
            "tasks": tasks,
            "today": today,
            "feedback": selectors.open_feedback(user).filter(status=FeedbackStatus.OPEN)[:100],
            # 统计年报 due by 31 January (annual_selectors.due_rows).
            "annual_rows": annual_selectors.due_rows(user, today=today),
        },
    )


def _segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The original text cut at the spans, for the side-by-side view."""
    out: list[dict[str, Any]] = []
    pos = 0
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        if s["start"] < pos:
            continue
        if s["start"] > pos:
            out.append({"text": text[pos : s["start"]]})
        kind = str(s["kind"])
        out.append(
            {
                "text": text[s["start"] : s["end"]],
                "span": s,
                "label": KIND_LABELS.get(Kind(kind), kind) if kind in set(Kind) else kind,
            }
        )
        pos = s["end"]
    out.append({"text": text[pos:]})
    return out


@role_required(*STAFF_ROLES)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        publication = selectors.staff_publication(_user(request), pk)
    except NotInScope:
        raise Http404 from None
    original = publishing.decision_text(publication.record)
    disclosure = pack_for_agency(publication.agency).model.disclosure
    context = {
        "p": publication,
        "segments": _segments(original, publication.spans),
        "spans": [
            {
                **s,
                "label": KIND_LABELS.get(Kind(s["kind"]), s["kind"])
                if s["kind"] in set(Kind)
                else s["kind"],
                "text": original[s["start"] : s["end"]],
            }
            for s in publication.spans
        ],
        "exclusions": disclosure.exclusions if disclosure else [],
        "modes": PublicationMode.choices,
        "transitions": publication.transitions.select_related("actor"),
        "changes": publication.redaction_changes.select_related("actor"),
        "feedback": publication.feedback.all(),
        "today": timezone.localdate(),
    }
    return render(request, "disclosure/staff_detail.html", context)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise RuleViolation("位置无效", rule_id="redaction_review", cite=services._CITE) from None


def _find_span(request: HttpRequest, publication: Publication) -> tuple[int, int]:
    """A span to add given as the exact text to hide (first occurrence not yet hidden)."""
    original = publishing.decision_text(publication.record)
    needle = request.POST.get("text", "").strip()
    if request.POST.get("start"):
        return _int(request.POST.get("start")), _int(request.POST.get("end"))
    start = original.find(needle) if needle else -1
    if start < 0:
        raise RuleViolation("原文中没有这段文字", rule_id="redaction_review", cite=services._CITE)
    return start, start + len(needle)


@role_required(*WRITERS)
@require_POST
def task_action(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    try:
        publication = selectors.staff_publication(user, pk)
    except NotInScope:
        raise Http404 from None
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "add_span":
            start, end = _find_span(request, publication)
            services.add_span(
                actor=user, publication=publication, start=start, end=end, reason=reason
            )
        elif action == "undo_span":
            services.undo_span(
                actor=user,
                publication=publication,
                start=_int(request.POST.get("start")),
                end=_int(request.POST.get("end")),
                reason=reason,
            )
        elif action == "mode":
            services.set_mode(
                actor=user, publication=publication, mode=request.POST.get("mode", "")
            )
        elif action == "submit":
            services.submit(actor=user, publication=publication)
        elif action == "approve":
            services.approve(actor=user, publication=publication)
        elif action == "send_back":
            services.send_back(actor=user, publication=publication, reason=reason)
        elif action == "publish":
            services.publish(actor=user, publication=publication)
        elif action == "exclude":
            services.exclude(
                actor=user,
                publication=publication,
                exclusion_id=request.POST.get("exclusion_id", ""),
                ground=reason,
            )
        elif action == "start_withdrawal":
            services.start_withdrawal(
                actor=user,
                publication=publication,
                trigger=request.POST.get("trigger", "decision_changed"),
                reason=reason,
            )
        elif action == "withdraw":
            services.withdraw(actor=user, publication=publication)
        elif action == "correct":
            services.correct(
                actor=user,
                publication=publication,
                reason=reason,
                public_text=request.POST.get("public_text") or None,
            )
        else:
            messages.error(request, "未知操作")
            return redirect("disclosure:staff_detail", pk=pk)
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已完成。")
    return redirect("disclosure:staff_detail", pk=pk)


@role_required(*WRITERS)
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    feedback = selectors.open_feedback(user).filter(pk=pk).first()
    if feedback is None:
        raise Http404
    try:
        services.answer_feedback(
            actor=user,
            feedback=feedback,
            outcome=request.POST.get("outcome", ""),
            answer=request.POST.get("answer", ""),
        )
    except RuleViolation as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已答复。")
    return redirect("disclosure:staff_detail", pk=feedback.publication_id)
