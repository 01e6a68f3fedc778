"""Forms of the archive pages: registering an access request (查阅、复制申请) for one case."""

from __future__ import annotations

from typing import Any

from django import forms

from sanxiang.archive.choices import AccessAction, RequesterKind
from sanxiang.cases.models import Case


class AccessRequestForm(forms.Form):
    """登记查阅申请. The choices come from the case: its parties and its recordings."""

    requester_kind = forms.ChoiceField(label="申请人类别", choices=RequesterKind.choices)
    requester_name = forms.CharField(label="申请人（姓名或者机关名称）", max_length=200)
    party = forms.TypedChoiceField(
        label="当事人本人（申请人为当事人时选择）", coerce=int, required=False, empty_value=None
    )
    letter_ref = forms.CharField(
        label="函件或律师调查令文号（国家机关、律师必填）", max_length=200, required=False
    )
    reason = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 3}))
    wanted = forms.ChoiceField(
        label="申请方式", choices=AccessAction.choices, initial=AccessAction.VIEW
    )
    item = forms.TypedChoiceField(label="申请范围", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, case: Case, recordings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        party_field = self.fields["party"]
        assert isinstance(party_field, forms.TypedChoiceField)
        party_field.choices = [("", "—（申请人不是当事人）")] + [
            (party.pk, party.name) for party in case.parties.all()
        ]
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.TypedChoiceField)
        item_field.choices = [("", "整本案卷（文字记录）")] + [
            (item.pk, f"音像记录：{item.filename}") for item in recordings
        ]
        self._recordings = {item.pk: item for item in recordings}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        party_id = data.get("party")
        data["party"] = case_party(self.case, party_id) if party_id else None
        item_id = data.get("item")
        data["item"] = self._recordings.get(item_id) if item_id else None
        if item_id and data["item"] is None:
            self.add_error("item", "该音像记录不属于本案。")
        return data


def case_party(case: Case, pk: int) -> Any:
    """The party of this case with ``pk`` (another case's party is simply not found)."""
    return case.parties.filter(pk=pk).first()
