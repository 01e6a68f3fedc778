"""Forms of the case pages. They parse and shape input; the rules themselves are the services'.

A record form is built from :func:`sanxiang.cases.records.fields_for`, the same field list the
service validates against, so the page asks for exactly what the service will require and a
refusal the form cannot foresee (officers, certificates, windows) comes back from the service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from sanxiang.accounts.models import User
from sanxiang.cases.choices import SUSPENSION, CaseSource, CaseStatus, PartyKind
from sanxiang.cases.records import (
    OPENING_STATEMENT_PARTS,
    FieldSpec,
    av_problems,
    fields_for,
    payload_problems,
)
from sanxiang.policy.resolved import ResolvedPack
from sanxiang.registry.choices import CertificateCheck
from sanxiang.registry.models import Officer

# Facts the service sets itself from the case; asking for them would only invite contradictions.
_FACTS_SET_BY_THE_CASE = frozenset({"case_kind", "procedure"})
_DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def officer_label(obj: Any) -> str:
    assert isinstance(obj, Officer)
    label = f"{obj.name}（执法证 {obj.cert_no}，有效期至 {obj.cert_valid_until:%Y-%m-%d}）"
    check = obj.certificate_check_on(timezone.localdate())
    # Shown, not hidden: the record may be of an earlier day, when the certificate was valid;
    # the service checks the certificate on the record's own day (处罚法 第四十二条).
    return label if check == CertificateCheck.VALID else f"{label} — 今日{check.label}"


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return officer_label(obj)


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return officer_label(obj)


# --------------------------------------------------------------------------- the case list


class CaseFilterForm(forms.Form):
    kind = forms.ChoiceField(label="案件类型", required=False)
    stage = forms.ChoiceField(label="当前环节", required=False)
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *CaseStatus.choices]
    )
    officer = forms.ModelChoiceField(
        label="承办人", queryset=Officer.objects.none(), required=False, empty_label="全部"
    )
    overdue = forms.BooleanField(label="仅看已逾期", required=False)
    q = forms.CharField(label="案号或案由", required=False, max_length=100)

    def __init__(
        self,
        *args: Any,
        kinds: Sequence[tuple[str, str]],
        stages: Sequence[tuple[str, str]],
        officers: QuerySet[Officer],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("kind", kinds)
        self._set_choices("stage", stages)
        officer_field = self.fields["officer"]
        assert isinstance(officer_field, forms.ModelChoiceField)
        officer_field.queryset = officers

    def _set_choices(self, name: str, choices: Sequence[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "全部"), *choices]


# --------------------------------------------------------------------------- opening a case


def procedure_choices(pack: ResolvedPack) -> list[tuple[str, str]]:
    """``kind.procedure`` keys of the pack with their labels (only what the agency handles)."""
    return [
        (f"{kind_id}.{procedure_id}", f"{kind.label} · {procedure.label}")
        for kind_id, kind in pack.model.case_kinds.items()
        for procedure_id, procedure in kind.procedures.items()
    ]


class CaseOpenForm(forms.Form):
    """登记案件: kind and procedure from the agency's pack, the party, the officers, the facts."""

    procedure = forms.ChoiceField(label="案件类型与程序")
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices)
    title = forms.CharField(label="案由", max_length=200)
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    party_name = forms.CharField(label="当事人姓名或者名称", max_length=200)
    party_id_number = forms.CharField(
        label="身份证件号码或者统一社会信用代码", max_length=40, required=False
    )
    party_address = forms.CharField(label="住所或者地址", max_length=300, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=40, required=False)
    party_legal_representative = forms.CharField(
        label="法定代表人或者负责人", max_length=100, required=False
    )
    lead = LeadChoiceField(label="主办人", queryset=Officer.objects.none(), empty_label="请选择")
    officers = OfficerChoiceField(
        label="协办人",
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opened_at = forms.DateTimeField(
        label="发生时间（不填为现在）", required=False, widget=_DATETIME_INPUT
    )

    def __init__(
        self, *args: Any, pack: ResolvedPack, officers: QuerySet[Officer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pack = pack
        procedure_field = self.fields["procedure"]
        assert isinstance(procedure_field, forms.ChoiceField)
        procedure_field.choices = procedure_choices(pack)
        for name in ("lead", "officers"):
            officer_field = self.fields[name]
            assert isinstance(officer_field, forms.ModelChoiceField)
            officer_field.queryset = officers
        self.fact_names: list[str] = []
        for name, fact in pack.model.facts.items():
            field = _fact_field(fact.type, fact.label, fact.values)
            if field is None or name in _FACTS_SET_BY_THE_CASE:
                continue
            self.fields[f"fact_{name}"] = field
            self.fact_names.append(name)

    def fact_fields(self) -> list[forms.BoundField]:
        return [self[f"fact_{name}"] for name in self.fact_names]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self if not field.name.startswith("fact_")]

    def kind_and_procedure(self) -> tuple[str, str]:
        kind, _, procedure = self.cleaned_data["procedure"].partition(".")
        return kind, procedure

    def facts(self) -> dict[str, Any]:
        """Only the facts the user set: the service gives the rest their neutral defaults."""
        facts: dict[str, Any] = {}
        for name in self.fact_names:
            value = self.cleaned_data.get(f"fact_{name}")
            if value in (None, "", False):
                continue
            facts[name] = value
        return facts

    def party(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "kind": data["party_kind"],
            "name": data["party_name"],
            "id_number": data["party_id_number"],
            "address": data["party_address"],
            "phone": data["party_phone"],
            "legal_representative": data["party_legal_representative"],
        }

    def ordered_officers(self) -> list[Officer]:
        """承办人 as the service takes them: the lead first (主办人), then the others."""
        lead = self.cleaned_data["lead"]
        return [lead, *(o for o in self.cleaned_data["officers"] if o.pk != lead.pk)]

    def at(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("opened_at"))


def _fact_field(kind: str, label: str, values: list[str] | None) -> forms.Field | None:
    if kind == "bool":
        return forms.BooleanField(label=label, required=False)
    if kind == "int":
        return forms.IntegerField(label=label, required=False)
    if kind == "double":
        return forms.FloatField(label=label, required=False)
    if kind == "string" and values:
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "—"), *((v, v) for v in values)]
        )
    if kind == "string":
        return forms.CharField(label=label, required=False, max_length=200)
    return None  # list, timestamp, object facts are set by the services, not typed in


class FactsForm(forms.Form):
    """案件事实 — change the facts the pack's conditions read (听证申请、送达方式 …)."""

    def __init__(self, *args: Any, pack: ResolvedPack, current: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fact_names: list[str] = []
        for name, fact in pack.model.facts.items():
            field = _fact_field(fact.type, fact.label, fact.values)
            if field is None or name in _FACTS_SET_BY_THE_CASE:
                continue
            field.initial = current.get(name)
            self.fields[name] = field
            self.fact_names.append(name)

    def changed_facts(self) -> dict[str, Any]:
        """The facts whose value differs from the case's: the service ledgers exactly these."""
        changed: dict[str, Any] = {}
        for name in self.fact_names:
            value = self.cleaned_data.get(name)
            old = self.current.get(name)
            if isinstance(self.fields[name], forms.BooleanField):
                value = bool(value)
            elif value in (None, ""):
                # A blank field leaves the fact as it is: the pack's string facts take only
                # their listed values, and an empty number means "not stated", not zero.
                continue
            if value != old:
                changed[name] = value
        return changed


# --------------------------------------------------------------------------- records


def _payload_field(spec: FieldSpec) -> forms.Field:
    if spec.kind == "bool":
        # Required: a transcript that does not confirm the certificates were shown is refused.
        return forms.BooleanField(label=spec.label, required=True)
    if spec.kind == "date":
        return forms.DateField(label=spec.label, widget=_DATE_INPUT)
    if spec.kind == "datetime":
        return forms.DateTimeField(label=spec.label, widget=_DATETIME_INPUT)
    if spec.kind == "number":
        return forms.FloatField(label=spec.label)
    if spec.kind == "list":
        return forms.CharField(
            label=f"{spec.label}（每行一项）", widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.CharField(label=spec.label, widget=forms.Textarea(attrs={"rows": 3}))


class RecordForm(forms.Form):
    """One record of the current stage: its payload fields, who was present, and AV metadata.

    ``av_required`` makes the AV block mandatory (the pack's ``av_required``); otherwise it is
    optional and only sent when the device check is ticked.
    """

    recorded_at = forms.DateTimeField(
        label="发生时间（不填为现在）", required=False, widget=_DATETIME_INPUT
    )
    officers = OfficerChoiceField(
        label="在场执法人员",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    av_device_check = forms.BooleanField(
        label="使用前已检查设备性能、电量、存储空间并校准时间", required=False
    )
    av_statement_time = forms.CharField(label="语音说明：时间", required=False, max_length=100)
    av_statement_place = forms.CharField(label="语音说明：地点", required=False, max_length=200)
    av_statement_officers = forms.CharField(
        label="语音说明：执法人员", required=False, max_length=200
    )
    av_statement_party = forms.CharField(label="语音说明：执法对象", required=False, max_length=200)
    av_statement_step = forms.CharField(label="语音说明：执法环节", required=False, max_length=200)
    av_continuous = forms.BooleanField(label="全程不间断记录", required=False)
    av_interruptions = forms.CharField(
        label="中断情况（每行一次：时间 原因）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    av_stop_explanation = forms.CharField(
        label="无法连续记录的书面说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    av_file_ref = forms.CharField(label="音像文件编号", required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        record_type: str,
        officers: QuerySet[Officer],
        av_required: bool = False,
        min_officers: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.record_type = record_type
        self.av_required = av_required
        self.min_officers = min_officers
        self.specs = fields_for(record_type)
        officer_field = self.fields["officers"]
        assert isinstance(officer_field, forms.ModelMultipleChoiceField)
        officer_field.queryset = officers
        for spec in self.specs:
            self.fields[f"p_{spec.name}"] = _payload_field(spec)

    def payload_fields(self) -> list[forms.BoundField]:
        return [self[f"p_{spec.name}"] for spec in self.specs]

    def av_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name.startswith("av_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.av_required and not data.get("av_device_check"):
            self.add_error("av_device_check", "本环节必须同步音像记录，请填写音像记录信息。")
        if self.errors:
            return data
        # The same checks the service runs on the payload and the AV metadata, so that what
        # the form accepts the service accepts too (the rest — officers, certificates, windows —
        # only the service can judge, and its refusal is shown with the rule).
        for problem in payload_problems(self.record_type, self.payload()):
            self.add_error(None, problem)
        av = self.av()
        if av is not None:
            for problem in av_problems(av):
                self.add_error(None, f"音像记录：{problem}")
        return data

    def payload(self) -> dict[str, Any]:
        """The payload as the service and the ledger take it: JSON values, ISO dates."""
        payload: dict[str, Any] = {}
        for spec in self.specs:
            value = self.cleaned_data[f"p_{spec.name}"]
            if spec.kind == "list":
                value = _lines(value)
            elif spec.kind == "datetime":
                moment = _aware(value)
                value = moment.isoformat() if moment else value
            elif spec.kind == "date":
                value = value.isoformat() if value else value
            payload[spec.name] = value
        return payload

    def av(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("av_device_check") and not self.av_required:
            return None
        interruptions = []
        for line in _lines(data.get("av_interruptions", "")):
            at, _, reason = line.partition(" ")
            interruptions.append({"at": at, "reason": reason.strip()})
        av: dict[str, Any] = {
            "device_check": bool(data.get("av_device_check")),
            "opening_statement": {
                part: data.get(f"av_statement_{part}", "") for part in OPENING_STATEMENT_PARTS
            },
            "continuous": bool(data.get("av_continuous")),
            "interruptions": interruptions,
            "stop_explanation": data.get("av_stop_explanation", ""),
        }
        if data.get("av_file_ref"):
            av["file_ref"] = data["av_file_ref"]
        return av

    def present_officers(self) -> list[Officer]:
        return list(self.cleaned_data.get("officers") or [])

    def at(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("recorded_at"))


class AdvanceForm(forms.Form):
    to_stage = forms.CharField(max_length=60)
    at = forms.DateTimeField(required=False, widget=_DATETIME_INPUT)

    def moment(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("at"))


def stage_choices(pack: ResolvedPack, kinds: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every stage id of the pack's procedures (one entry per id, the first label found)."""
    seen: dict[str, str] = {}
    for kind_id, kind in pack.model.case_kinds.items():
        if kinds is not None and kind_id not in kinds:
            continue
        for procedure in kind.procedures.values():
            for stage in procedure.stages:
                seen.setdefault(stage.id, stage.label)
    return list(seen.items())


# --------------------------------------------------------------------------- clocks


class ApproverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = getattr(obj, "display_name", "") or obj.get_username()
        return f"{name}（{obj.get_username()}）"


def _approver_field() -> ApproverChoiceField:
    return ApproverChoiceField(label="批准人", queryset=User.objects.none(), empty_label="请选择")


class SuspendForm(forms.Form):
    """中止 (the whole case) or a period the pack says does not count (鉴定, 听证 …)."""

    reason_id = forms.ChoiceField(label="情形")
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
    approved_by = _approver_field()
    approval_ref = forms.CharField(label="批准文书", required=False, max_length=200)
    at = forms.DateTimeField(label="开始时间（不填为现在）", required=False, widget=_DATETIME_INPUT)

    def __init__(
        self, *args: Any, pack: ResolvedPack, approvers: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        reason_field = self.fields["reason_id"]
        assert isinstance(reason_field, forms.ChoiceField)
        reason_field.choices = [
            (SUSPENSION, "中止（案件暂停办理，全部期限停止计时）"),
            *((key, f"{stop.label}（不计入期限）") for key, stop in pack.model.clock_stops.items()),
        ]
        approver = self.fields["approved_by"]
        assert isinstance(approver, forms.ModelChoiceField)
        approver.queryset = approvers

    def moment(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("at"))


class ResumeForm(forms.Form):
    clock_stop = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="恢复理由", required=False, max_length=500)
    at = forms.DateTimeField(label="恢复时间（不填为现在）", required=False, widget=_DATETIME_INPUT)

    def moment(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("at"))


class ExtendForm(forms.Form):
    """延期 of one running deadline under its rule's extension, with the approver named."""

    deadline = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="延期理由", max_length=500)
    approved_by = _approver_field()
    approval_ref = forms.CharField(label="批准文书", required=False, max_length=200)

    def __init__(self, *args: Any, approvers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approver = self.fields["approved_by"]
        assert isinstance(approver, forms.ModelChoiceField)
        approver.queryset = approvers
