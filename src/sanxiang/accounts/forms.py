"""Forms of the accounts pages; every message the user sees is Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from sanxiang.accounts.choices import AuthEventKind
from sanxiang.accounts.services import MAX_TOKEN_DAYS
from sanxiang.registry.models import Agency


class LoginForm(AuthenticationForm):
    # Django's own translation reads "请输入一个正确的用户名和密码…"; say it plainly, and never
    # reveal whether the name or the password was wrong.
    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入（区分大小写）。",
        "inactive": "该账号已停用，请联系本机关管理员。",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].error_messages["required"] = "请输入用户名。"
        self.fields["password"].error_messages["required"] = "请输入密码。"


class AuditFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="执法主体", queryset=Agency.objects.none(), required=False, empty_label="全部"
    )
    kind = forms.ChoiceField(
        label="事件", choices=[("", "全部"), *AuthEventKind.choices], required=False
    )
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, agencies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies  # type: ignore[assignment]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data


class TokenCreateForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100)
    expires_in_days = forms.IntegerField(
        label="有效期（天）", min_value=1, max_value=MAX_TOKEN_DAYS, initial=90
    )


class TokenRevokeForm(forms.Form):
    token_id = forms.IntegerField(min_value=1)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's checks (old password, validators); the save goes through ``people``."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields[
            "new_password1"
        ].help_text = "至少8位，不能全为数字，不能与用户名相近或过于常见。"

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("use sanxiang.accounts.people.change_password")
