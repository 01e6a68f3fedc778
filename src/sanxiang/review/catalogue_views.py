"""重大执法决定事项目录 pages: the legal office draws up each version (items with their legal
basis), records its filing with the justice bureau, publishes and withdraws it; the public page
shows the agency's published version.

Views parse, authorise and call a service (STYLE.md §2); another agency's catalogue is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in, role_required
from sanxiang.core.errors import NotInScope, SanxiangError
from sanxiang.registry import selectors as registry_selectors
from sanxiang.review import selectors, services
from sanxiang.review.forms import (
    CatalogueFilingForm,
    CatalogueItemForm,
    CataloguePublishForm,
    CatalogueWithdrawForm,
)
from sanxiang.review.models import Catalogue
from sanxiang.review.views import refusal_text

# The legal office keeps the catalogue; the supervisor (司法局, where it is filed) reads it.
CATALOGUE_READERS = (Role.LEGAL_REVIEWER, Role.SUPERVISOR)
CATALOGUE_WRITERS = services.CATALOGUE_ROLES


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _catalogue(user: User, pk: int) -> Catalogue:
    try:
        return selectors.catalogue_for(user, pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None


@role_required(*CATALOGUE_READERS)
def catalogue_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    versions = selectors.catalogues_for(user)
    context = {
        "versions": versions,
        "can_write": user.agency is not None
        and can_write_in(user, user.agency)
        and user.has_role(*CATALOGUE_WRITERS),
        "has_draft": any(c.is_draft for c in versions),
    }
    return render(request, "review/catalogue_list.html", context)


def _page(
    request: HttpRequest, catalogue: Catalogue, refusal: str = "", status: int = 200
) -> HttpResponse:
    user = _user(request)
    context: dict[str, Any] = {
        "catalogue": catalogue,
        "items": catalogue.items.order_by("position"),
        "can_write": can_write_in(user, catalogue.agency) and user.has_role(*CATALOGUE_WRITERS),
        "item_form": CatalogueItemForm(),
        "filing_form": CatalogueFilingForm(),
        "publish_form": CataloguePublishForm(),
        "withdraw_form": CatalogueWithdrawForm(),
        "cite": services.CATALOGUE_CITE,
        "refusal": refusal,
    }
    return render(request, "review/catalogue_detail.html", context, status=status)


@role_required(*CATALOGUE_READERS)
def catalogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _catalogue(_user(request), pk))


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_draft(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.agency is None:
        raise PermissionDenied("您不属于任何执法主体。")
    try:
        catalogue = services.draft_catalogue(actor=user, agency=user.agency)
    except SanxiangError as exc:
        messages.error(request, refusal_text(exc))
        return redirect("review:catalogue")
    messages.success(request, f"已新建第{catalogue.version}版目录草稿。")
    return redirect("review:catalogue_detail", catalogue.pk)


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    call: Callable[[User, Catalogue, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    user = _user(request)
    catalogue = _catalogue(user, pk)
    if not can_write_in(user, catalogue.agency):
        raise PermissionDenied("您无权修改其他执法主体的目录。")
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "请完整填写表单："
            + "；".join(str(form.fields[k].label) if k in form.fields else k for k in form.errors),
        )
        return redirect("review:catalogue_detail", catalogue.pk)
    try:
        call(user, catalogue, form.cleaned_data)
    except SanxiangError as exc:
        return _page(request, catalogue, refusal=refusal_text(exc), status=409)
    messages.success(request, done)
    return redirect("review:catalogue_detail", catalogue.pk)


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item (no ``item_id``) or change one."""

    def call(u: User, c: Catalogue, d: dict[str, Any]) -> object:
        item = selectors.catalogue_item_for(c, d["item_id"]) if d["item_id"] else None
        return services.save_catalogue_item(
            actor=u, catalogue=c, name=d["name"], basis=d["basis"], item=item
        )

    return _act(request, pk, CatalogueItemForm, call, "已保存目录事项。")


class _ItemRef(forms.Form):
    item_id = forms.IntegerField()


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        _ItemRef,
        lambda u, c, d: services.remove_catalogue_item(
            actor=u, item=selectors.catalogue_item_for(c, d["item_id"])
        ),
        "已删除该事项。",
    )


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CatalogueFilingForm,
        lambda u, c, d: services.file_catalogue(
            actor=u, catalogue=c, filed_on=d["filed_on"], filing_ref=d["filing_ref"]
        ),
        "已登记报司法局备案。",
    )


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CataloguePublishForm,
        lambda u, c, d: services.publish_catalogue_version(
            actor=u, catalogue=c, published_on=d["published_on"]
        ),
        "已对外公布。",
    )


@require_POST
@role_required(*CATALOGUE_WRITERS)
def catalogue_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CatalogueWithdrawForm,
        lambda u, c, d: services.withdraw_catalogue(actor=u, catalogue=c, reason=d["reason"]),
        "已撤回公布。",
    )


def public_catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's published catalogue, for anyone (the portal's agency page links here)."""
    try:
        agency = registry_selectors.public_agency(slug)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    catalogue = selectors.published_catalogue(agency)
    context = {
        "agency": agency,
        "catalogue": catalogue,
        "items": catalogue.items.order_by("position") if catalogue else [],
    }
    return render(request, "review/catalogue_public.html", context)
