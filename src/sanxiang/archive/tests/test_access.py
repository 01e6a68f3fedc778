"""Access requests, the party's redacted view, and the access register (each row ledgered)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanxiang.accounts.choices import Role
from sanxiang.archive import access
from sanxiang.archive.choices import AccessAction, RequesterKind, RequestStatus
from sanxiang.archive.models import AccessEvent, AccessRequest
from sanxiang.archive.redaction import MASK
from sanxiang.cases import services as cases
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.evidence.tests.helpers import START, open_with_record
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db


def _case_with_witness():  # type: ignore[no-untyped-def]
    case, _, officer = open_with_record("wuhan-rsj")
    team = list(case.officers.all())
    cases.record(
        actor=officer, case=case, record_type="refusal_record",
        payload={"refusal": "当事人拒绝配合；王五在场目睹并称系其举报", "witnesses": ["王五"]},
        officers=team, av=None, at=START,
    )  # fmt: skip
    return case, officer


def _entry(agency, index):  # type: ignore[no-untyped-def]
    entry = LedgerEntry.objects.get(agency=agency, index=index)
    return entry.kind, json.loads(entry.payload_json)


def test_party_sees_own_records_with_third_parties_removed_and_both_are_registered() -> None:
    case, _ = _case_with_witness()
    party = case.parties.get()
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    request = access.request_access(
        actor=archivist, case=case, requester_kind=RequesterKind.PARTY,
        requester_name=party.name, party=party, reason="申请行政复议需要", wants_copy=True,
    )  # fmt: skip
    # 市人社局 第二十九条第四款 names no approver: the responsible leader approves.
    assert request.rule_id == "access_party" and request.approver_role == Role.LEADER
    with pytest.raises(RuleViolation, match="未经批准"):
        access.records_for_request(actor=archivist, request=request)
    with pytest.raises(RuleViolation, match="分管局领导"):
        access.decide(actor=archivist, request=request, approve=True)
    request = access.decide(actor=leader, request=request, approve=True)
    rows = access.records_for_request(actor=archivist, request=request, copy=True)
    text = json.dumps(rows, ensure_ascii=False)
    assert "王五" not in text and MASK in text
    refusal = next(r for r in rows if r["record_type"] == "refusal_record")
    assert refusal["payload"]["witnesses"] == MASK
    # The register: the request (ledgered), the decision, and the copy with 调阅人/复制人/审批人.
    event = AccessEvent.objects.get(request=request)
    assert event.action == AccessAction.COPY and event.redacted
    assert (event.viewer, event.approver, event.reason) == (
        party.name,
        leader.username,
        "申请行政复议需要",
    )
    assert event.copier == archivist.username
    kind, payload = _entry(case.agency, request.ledger_index)
    assert kind == "archive.access_requested" and payload["requester"] == party.name
    kind, payload = _entry(case.agency, event.ledger_index)
    assert kind == "archive.access_registered"
    assert payload["viewer"] == party.name and payload["approver"] == leader.username
    assert payload["copier"] == archivist.username and payload["reason"] == "申请行政复议需要"


def test_authority_without_a_letter_is_refused_and_nothing_written() -> None:
    case, _ = _case_with_witness()
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    size = f.ledger_size(case.agency)
    with pytest.raises(RuleViolation, match="函件") as refused:
        access.request_access(
            actor=archivist, case=case, requester_kind=RequesterKind.AUTHORITY,
            requester_name="某区监察委员会", reason="办案需要",
        )  # fmt: skip
    assert "第二十九条第二款" in refused.value.cite
    assert not AccessRequest.objects.exists() and f.ledger_size(case.agency) == size


def test_authority_sees_unredacted_records() -> None:
    case, _ = _case_with_witness()
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    request = access.request_access(
        actor=archivist, case=case, requester_kind=RequesterKind.LAWYER,
        requester_name="某律师事务所 张律师", letter_ref="（2026）鄂0104调令12号", reason="诉讼",
    )  # fmt: skip
    access.decide(actor=leader, request=request, approve=True)
    request.refresh_from_db()
    rows = access.records_for_request(actor=archivist, request=request)
    assert "王五" in json.dumps(rows, ensure_ascii=False)
    assert not AccessEvent.objects.get(request=request).redacted


def test_av_copy_rule_approved_by_the_archivist_in_wuhan_rsj() -> None:
    case, _ = _case_with_witness()
    officer = f.staff(case.agency, "clerk", Role.OFFICER)
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    request = access.request_access(
        actor=officer, case=case, requester_kind=RequesterKind.INTERNAL,
        requester_name="法规科 李四", reason="复核", wants_copy=True,
    )  # fmt: skip
    assert request.approver_role == Role.ARCHIVIST  # 第二十七条第三款
    assert (
        access.decide(actor=archivist, request=request, approve=False).status
        == RequestStatus.REFUSED
    )


def test_party_rule_in_liuzhou_is_the_copy_rule_approved_by_the_head() -> None:
    case, _, _ = open_with_record("liuzhou-kjj")
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    party = case.parties.get()
    request = access.request_access(
        actor=archivist, case=case, requester_kind=RequesterKind.PARTY,
        requester_name=party.name, party=party, reason="复制", wants_copy=True,
    )  # fmt: skip
    # 局主要领导 approves copies (柳州 记录制度 第十五条).
    assert (
        request.rule_id == "access_party_copy" and request.approver_role == "head"
    )  # 局主要领导 (第十五条)


def test_another_agency_cannot_register_a_request(tmp_path: Path) -> None:
    case, _ = _case_with_witness()
    stranger = f.staff(f.agency("liuzhou-kjj"), "archivist", Role.ARCHIVIST)
    with pytest.raises(NotInScope):
        access.request_access(
            actor=stranger, case=case, requester_kind=RequesterKind.INTERNAL,
            requester_name="x", reason="y",
        )  # fmt: skip
    assert not AccessRequest.objects.exists()


# The role each agency's 办法 names for a party's request (第二十九条; 柳州 第十五条).
PARTY_APPROVER = {
    "wuhan-rsj": Role.LEADER,  # 行政执法机关负责人
    "wuhan-kjj": Role.LEADER,  # 局分管领导 (第二十九条第一款)
    "liuzhou-kjj": Role.HEAD,  # 局主要领导 (第十五条)
    "qiaokou-rzj": Role.LEADER,  # 负责人批准 (第二十九条; no party rule of its own)
    "dongxihu-sfj": Role.LEADER,
}


@pytest.mark.parametrize("slug", sorted(PARTY_APPROVER))
def test_each_agency_gives_a_party_redacted_records_and_registers_both(slug: str) -> None:
    case, record, officer = open_with_record(slug)
    cases.record(
        actor=officer, case=case, record_type=record.record_type,
        payload=f.payload_for(record.record_type, witnesses=["王五"], note="王五在场"),
        officers=list(case.officers.all()), av=f.av(), at=START,
    )  # fmt: skip
    party = case.parties.get()
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    approver = f.staff(case.agency, "approver", PARTY_APPROVER[slug])
    request = access.request_access(
        actor=archivist, case=case, requester_kind=RequesterKind.PARTY,
        requester_name=party.name, party=party, reason="复议",
    )  # fmt: skip
    assert request.approver_role == PARTY_APPROVER[slug] and request.rule_cite
    access.decide(actor=approver, request=request, approve=True)
    request.refresh_from_db()
    rows = access.records_for_request(actor=archivist, request=request)
    text = json.dumps(rows, ensure_ascii=False)
    assert "王五" not in text and MASK in text
    kinds = [
        kind
        for kind, _ in (
            _entry(case.agency, request.ledger_index),
            _entry(case.agency, AccessEvent.objects.get(request=request).ledger_index),
        )
    ]
    assert kinds == ["archive.access_requested", "archive.access_registered"]


def test_export_is_refused_to_a_party_and_before_the_file_is_formed() -> None:
    case, _ = _case_with_witness()
    party = case.parties.get()
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    size = f.ledger_size(case.agency)
    with pytest.raises(RuleViolation, match="不能导出完整案卷"):
        access.request_access(
            actor=archivist, case=case, requester_kind=RequesterKind.PARTY,
            requester_name=party.name, party=party, reason="复议", wanted=AccessAction.EXPORT,
        )  # fmt: skip
    with pytest.raises(RuleViolation, match="尚未立卷"):
        access.request_access(
            actor=archivist, case=case, requester_kind=RequesterKind.LAWYER,
            requester_name="张律师", letter_ref="调令1号", reason="诉讼",
            wanted=AccessAction.EXPORT,
        )  # fmt: skip
    assert not AccessRequest.objects.exists() and f.ledger_size(case.agency) == size
