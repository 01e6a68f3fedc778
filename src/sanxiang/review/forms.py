"""Forms of the review pages: parse only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from sanxiang.policy.resolved import ResolvedPack
from sanxiang.review import rules
from sanxiang.review.choices import ConsultationKind


class SubmitForm(forms.Form):
    proposal = forms.CharField(
        label="拟作出的决定", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reasons = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    legal_basis = forms.CharField(
        label="法律依据", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    entrusted_org = forms.CharField(
        label="受委托组织（由其法制审核机构审核时填写）", required=False
    )

    def __init__(self, *args: Any, pack: ResolvedPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for m in rules.materials(pack):
            if m.id == "material_proposal":
                continue
            self.fields[f"material__{m.id}"] = forms.CharField(
                label=m.label + ("" if m.required else "（如有）"),
                required=False,
                help_text=m.cite,
            )

    def materials(self) -> dict[str, str]:
        return {
            k.removeprefix("material__"): v
            for k, v in self.cleaned_data.items()
            if k.startswith("material__") and v
        }


class FindingForm(forms.Form):
    item_id = forms.CharField()
    passed = forms.TypedChoiceField(
        label="审核结论", choices=[("1", "符合"), ("0", "不符合")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="意见", required=False)
    legality_issue = forms.BooleanField(
        label="属于合法性问题（纠正前不得作出决定）", required=False
    )


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=ConsultationKind.choices)
    participants = forms.CharField(label="参加人员")
    summary = forms.CharField(label="情况记录", widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(forms.Form):
    outcome_id = forms.ChoiceField(label="审核意见")
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, pack: ResolvedPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.id, o.label) for o in rules.outcomes(pack)]


class ReRequestForm(forms.Form):
    reasons = forms.CharField(label="复审理由", widget=forms.Textarea(attrs={"rows": 3}))


class EscalationForm(forms.Form):
    department_opinion = forms.CharField(
        label="承办机构意见", widget=forms.Textarea(attrs={"rows": 2})
    )
    review_office_opinion = forms.CharField(
        label="法制审核机构意见", widget=forms.Textarea(attrs={"rows": 2})
    )
    deputy_opinion = forms.CharField(
        label="分管负责人意见", widget=forms.Textarea(attrs={"rows": 2})
    )
    allows_decision = forms.TypedChoiceField(
        label="决定", choices=[("1", "同意作出决定"), ("0", "不同意")], coerce=lambda v: v == "1"
    )
    reasons = forms.CharField(label="决定理由", widget=forms.Textarea(attrs={"rows": 2}))
    collective_discussion = forms.CharField(
        label="集体讨论情况（依法应当集体讨论的）", required=False
    )
    party_group_meeting = forms.BooleanField(label="已提交党组会议（三重一大事项）", required=False)

    def __init__(self, *args: Any, pack: ResolvedPack | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only a pack with a 三重一大 rule (武汉市科技局 第十条第二款) can record a decision as
        # taken by the party group meeting; elsewhere the field is not offered.
        if pack is None or not rules.rule_cite(pack, "party_group_meeting", ""):
            del self.fields["party_group_meeting"]


class CorrectionForm(forms.Form):
    issue_id = forms.IntegerField()
    correction = forms.CharField(label="纠正情况")


class ExtendForm(forms.Form):
    approver = forms.CharField(label="批准人（用户名）")
    reason = forms.CharField(label="延长理由")
    approval_ref = forms.CharField(label="批准文书", required=False)


class CatalogueItemForm(forms.Form):
    item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="事项名称", max_length=300)
    basis = forms.CharField(label="法律依据", max_length=300)


class CatalogueFilingForm(forms.Form):
    filed_on = forms.DateField(
        label="报司法局备案日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    filing_ref = forms.CharField(label="备案文号", max_length=100)


class CataloguePublishForm(forms.Form):
    published_on = forms.DateField(
        label="公布日期（不填为今天）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class CatalogueWithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}))
