"""Accounts pages: my account, the login audit trail, my API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sanxiang.accounts import people, selectors, services
from sanxiang.accounts.choices import Role
from sanxiang.accounts.forms import (
    AuditFilterForm,
    PasswordChangeForm,
    TokenCreateForm,
    TokenRevokeForm,
)
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import role_required
from sanxiang.core.errors import SanxiangError

AUDIT_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # role_required has turned anonymous users away
    return user


@role_required()
def me(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/me.html",
        {
            "account": user,
            "roles": sorted(Role(r).label for r in user.role_set()),
            "recent_events": selectors.recent_events_of(user),
            "can_read_audit": user.has_role(*selectors.AUDIT_READER_ROLES),
        },
    )


@role_required(*selectors.AUDIT_READER_ROLES)
def audit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = AuditFilterForm(request.GET or None, agencies=selectors.agencies_for_audit_filter(user))
    events = selectors.auth_events_visible_to(user)
    if form.is_bound and form.is_valid():
        events = selectors.filter_auth_events(
            events,
            selectors.AuthEventFilter(
                agency=form.cleaned_data["agency"],
                kind=form.cleaned_data["kind"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
            ),
        )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "cross_agency": user.has_role(Role.SUPERVISOR),
        },
    )


@role_required()
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.issue_token(
                actor=user,
                user=user,
                name=form.cleaned_data["name"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except SanxiangError as exc:
            form.add_error(None, exc.message)
        else:
            # The secret is rendered into this one response and never stored or shown again.
            response = render(request, "accounts/token_created.html", {"issued": issued})
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(user)},
        status=400 if form.errors else 200,
    )


@role_required()
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要吊销的令牌。")
        return redirect("accounts:tokens")
    # The page revokes only the user's own tokens; administrators use the CLI for others'.
    token = selectors.tokens_of(user).filter(pk=form.cleaned_data["token_id"]).first()
    if token is None:
        messages.error(request, "没有找到该令牌。")
        return redirect("accounts:tokens")
    try:
        services.revoke_token(actor=user, token_id=token.pk)
    except SanxiangError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"令牌“{token.name}”已吊销。")
    return redirect("accounts:tokens")


@role_required()
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        people.change_password(
            actor=user, user=user, new_password=form.cleaned_data["new_password1"]
        )
        # Keep this session; every other session of the user ends with the old hash.
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改。")
        return redirect("accounts:me")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
