"""The agencies' Chinese admin for their registry, scoped to the user's own agency.

Who may do what comes from the user's role, not from Django model permissions, so granting or
withdrawing ``Role.AGENCY_ADMIN`` takes effect at once (the user also needs ``is_staff``, which
``services.grant_registry_admin`` sets):

* an agency data administrator (本机关数据管理员) reads and writes their own agency's rows only;
* a supervisor (监督人员) reads every agency's rows and changes nothing;
* a superuser reads and writes everything.

Every write goes through ``registry.services`` so it is checked and ledgered; nothing is deleted
(rows are deactivated with the actions on each list).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.registry import services
from sanxiang.registry.models import (
    Agency,
    AgencyOwned,
    AuxiliaryStaff,
    Department,
    DiscretionStandard,
    EnforcementItem,
    EnforcementPost,
    HearingStandard,
    Officer,
    RandomInspectionItem,
    ServiceGuide,
)
from sanxiang.registry.selectors import agencies_for, scoped


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # anonymous: the admin site sends them to its login page
        raise PermissionDenied
    return user


def _viewer(request: HttpRequest) -> User | None:
    """The logged-in user, or None: permission questions are also asked of anonymous visitors
    (the admin login page lists the apps it may show)."""
    return request.user if isinstance(request.user, User) else None


def _is_admin_of(user: User | None, agency_id: int | None) -> bool:
    return bool(
        user is not None
        and user.is_active
        and user.agency_id is not None
        and user.agency_id == agency_id
        and user.has_role(Role.AGENCY_ADMIN)
    )


def _may_read(user: User | None) -> bool:
    return bool(
        user is not None
        and user.is_active
        and user.is_staff
        and (
            user.is_superuser
            or user.has_role(Role.SUPERVISOR)
            or (user.agency_id is not None and user.has_role(Role.AGENCY_ADMIN))
        )
    )


class AgencyScopedForm(forms.ModelForm):
    """A form whose hidden ``agency`` is set before validation, so constraints that include the
    agency (unique names, certificate numbers) and the same-agency check of ``AgencyOwned.clean``
    are validated on the form instead of failing in the database."""

    scoped_agency: ClassVar[Agency | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.scoped_agency is not None and self.instance.agency_id is None:
            self.instance.agency = self.scoped_agency

    def _get_validation_exclusions(self) -> set[str]:
        exclude: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        exclude.discard("agency")
        return exclude


@admin.action(description="停用所选记录（不删除）", permissions=["change"])
def deactivate_selected(
    modeladmin: AgencyScopedAdmin, request: HttpRequest, queryset: QuerySet[AgencyOwned]
) -> None:
    for obj in queryset:
        services.deactivate_registry_object(actor=_user(request), obj=obj, reason="管理后台停用")
    modeladmin.message_user(request, f"已停用 {len(queryset)} 条记录。", messages.SUCCESS)


@admin.action(description="恢复所选记录", permissions=["change"])
def reactivate_selected(
    modeladmin: AgencyScopedAdmin, request: HttpRequest, queryset: QuerySet[AgencyOwned]
) -> None:
    for obj in queryset:
        services.reactivate_registry_object(actor=_user(request), obj=obj, reason="管理后台恢复")
    modeladmin.message_user(request, f"已恢复 {len(queryset)} 条记录。", messages.SUCCESS)


class AgencyScopedAdmin(admin.ModelAdmin):
    """Base admin for rows owned by an agency."""

    form = AgencyScopedForm
    actions = [deactivate_selected, reactivate_selected]
    readonly_fields = ("is_active",)

    # --- what the user sees -----------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Another agency's row is absent (the change view redirects as for a missing object).
        return scoped(super().get_queryset(request), _user(request))

    def get_list_display(self, request: HttpRequest) -> Any:
        display = list(super().get_list_display(request))
        if not _user(request).agency_id:
            display.insert(1, "agency")
        return [*display, "is_active"]

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = list(super().get_list_filter(request))
        if "is_active" not in filters:
            filters.append("is_active")
        return ["agency", *filters] if not _user(request).agency_id else filters

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        exclude = list(super().get_exclude(request, obj) or [])
        # The agency is the user's own; only a superuser, who has none, chooses it.
        if not _user(request).is_superuser or obj is not None:
            exclude.append("agency")
        return exclude

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.fieldsets and _user(request).is_superuser and obj is None:
            fieldsets.insert(0, ("执法主体", {"fields": ("agency",)}))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)
        user = _user(request)
        agency = obj.agency if obj is not None else user.agency
        return type(form_class.__name__, (form_class,), {"scoped_agency": agency})

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        user = _user(request)
        related = db_field.related_model
        # Choices come from the user's own agency only: a department, item or account of
        # another agency is neither listed nor accepted (AgencyOwned.clean checks again).
        if (
            user.agency_id is not None
            and isinstance(related, type)
            and issubclass(related, AgencyOwned | User)
        ):
            queryset = related._default_manager.filter(agency_id=user.agency_id)
            if issubclass(related, AgencyOwned):
                queryset = queryset.filter(is_active=True)
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- what the user may do ---------------------------------------------------------------

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_read(_viewer(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = _viewer(request)
        if user is None or not _may_read(user):
            return False
        if obj is None or user.is_superuser or user.has_role(Role.SUPERVISOR):
            return True
        return bool(obj.agency_id == user.agency_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        user = _viewer(request)
        if user is None:
            return False
        return bool(user.is_active and user.is_superuser) or _is_admin_of(user, user.agency_id)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = _viewer(request)
        if user is None:
            return False
        if user.is_active and user.is_superuser:
            return True
        agency_id = obj.agency_id if obj is not None else user.agency_id
        return _is_admin_of(user, agency_id)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nothing in the registry is deleted: rows are deactivated (DESIGN.md invariants).
        return False

    # --- writes through the services --------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = _user(request)
        if change:
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in form.cleaned_data
            }
            saved = services.update_registry_object(actor=user, obj=obj, **changes)
        else:
            agency = obj.agency
            fields = {
                name: form.cleaned_data[name]
                for name in form.cleaned_data
                if name not in {"agency", "is_active"}
            }
            saved = services.create_registry_object(
                actor=user, agency=agency, model=type(obj), **fields
            )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        raise services.RegistryPermissionDenied("登记信息不能删除，请使用“停用”。")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """执法主体 public basic info: an agency admin edits their own; only superusers add."""

    list_display = ("name", "slug", "office_phone", "supervision_phone")
    search_fields = ("name", "slug")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return agencies_for(_user(request))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The slug names the policy pack; it never changes once the agency exists.
        return ("slug", "updated_at") if obj is not None else ("updated_at",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_read(_viewer(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = _viewer(request)
        if user is None or not _may_read(user):
            return False
        if obj is None or user.is_superuser or user.has_role(Role.SUPERVISOR):
            return True
        return bool(obj.pk == user.agency_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        user = _viewer(request)
        return bool(user is not None and user.is_active and user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = _viewer(request)
        if user is None:
            return False
        if user.is_active and user.is_superuser:
            return True
        return _is_admin_of(user, obj.pk if obj is not None else user.agency_id)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = _user(request)
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            saved = services.do_update_agency_info(actor=user, agency=obj, **changes)
        else:
            info = dict(form.cleaned_data)
            saved = services.do_create_agency(
                actor=user, slug=info.pop("slug"), name=info.pop("name"), **info
            )
        obj.pk = saved.pk
        obj._state.adding = False


@admin.register(Department)
class DepartmentAdmin(AgencyScopedAdmin):
    list_display = ("name", "kind", "phone")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)


@admin.register(EnforcementPost)
class EnforcementPostAdmin(AgencyScopedAdmin):
    list_display = ("name", "department", "headcount")
    search_fields = ("name",)


@admin.register(Officer)
class OfficerAdmin(AgencyScopedAdmin):
    list_display = (
        "name",
        "cert_no",
        "department",
        "title",
        "cert_valid_until",
        "cert_status",
        "has_legal_qualification",
    )
    list_filter = ("cert_status", "has_legal_qualification", "is_active")
    search_fields = ("name", "cert_no")
    fieldsets = (
        ("基本信息", {"fields": ("name", "gender", "birth_year", "title", "department", "post")}),
        (
            "执法证件",
            {
                "fields": (
                    "cert_no",
                    "cert_issuer",
                    "cert_valid_from",
                    "cert_valid_until",
                    "cert_status",
                    "enforcement_area",
                )
            },
        ),
        ("法律职业资格", {"fields": ("has_legal_qualification", "legal_qualification_no")}),
        ("平台账号", {"fields": ("user", "is_active")}),
    )


@admin.register(AuxiliaryStaff)
class AuxiliaryStaffAdmin(AgencyScopedAdmin):
    list_display = ("name", "badge_no", "department")
    search_fields = ("name", "badge_no")


@admin.register(EnforcementItem)
class EnforcementItemAdmin(AgencyScopedAdmin):
    list_display = (
        "name",
        "kind",
        "department",
        "statutory_limit",
        "promised_limit",
        "is_random_inspection",
    )
    list_filter = ("kind", "is_random_inspection", "charges_fee", "is_active")
    search_fields = ("name", "code", "legal_basis")


@admin.register(RandomInspectionItem)
class RandomInspectionItemAdmin(AgencyScopedAdmin):
    list_display = ("item", "method", "ratio_percent", "frequency")


@admin.register(DiscretionStandard)
class DiscretionStandardAdmin(AgencyScopedAdmin):
    list_display = ("item", "level", "penalty_range")
    list_filter = ("level", "is_active")


@admin.register(HearingStandard)
class HearingStandardAdmin(AgencyScopedAdmin):
    list_display = ("party_type", "item", "fine_threshold_yuan")


@admin.register(ServiceGuide)
class ServiceGuideAdmin(AgencyScopedAdmin):
    list_display = ("item", "channel", "consultation_phone")
