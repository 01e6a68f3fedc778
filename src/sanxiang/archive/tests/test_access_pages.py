"""The access-request pages: register, decide by the pack's role, view (redacted for a party),
copy, export, and the register (page and CSV) showing the request and every access."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import Client, override_settings

from sanxiang.accounts.choices import Role
from sanxiang.archive import services
from sanxiang.archive.choices import AccessAction, RequestScope, RequestStatus
from sanxiang.archive.models import AccessEvent, AccessRequest
from sanxiang.archive.redaction import MASK
from sanxiang.cases import services as cases
from sanxiang.cases.tests import factories as f
from sanxiang.evidence import services as evidence
from sanxiang.evidence.tests.helpers import START, close, open_with_record
from sanxiang.evidence.tests.test_ingest import AV_META
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db
WITNESS = "王五"


def _login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _with_witness(slug: str):  # type: ignore[no-untyped-def]
    """A case of ``slug`` with a record naming a witness (a third party) in a witness field and
    in its text."""
    case, record, officer = open_with_record(slug)
    payload = f.payload_for(record.record_type, witnesses=[WITNESS], note=f"{WITNESS}在场目睹")
    cases.record(
        actor=officer, case=case, record_type=record.record_type, payload=payload,
        officers=list(case.officers.all()), av=f.av(), at=START,
    )  # fmt: skip
    return case, record, officer


def _register_party_request(client: Client, case, wanted: str = "view") -> AccessRequest:  # type: ignore[no-untyped-def]
    party = case.parties.get()
    response = client.post(
        f"/archive/case/{case.pk}/request/",
        {
            "requester_kind": "party",
            "requester_name": party.name,
            "party": party.pk,
            "reason": "申请行政复议需要",
            "wanted": wanted,
            "item": "",
        },
    )
    found = AccessRequest.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == f"/archive/requests/{found.pk}/"
    return found


def test_party_request_decided_by_the_leader_viewed_redacted_and_registered() -> None:
    case, _, _ = _with_witness("wuhan-rsj")
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    desk = _login(archivist)
    found = _register_party_request(desk, case)
    assert found.approver_role == Role.LEADER and found.wanted == AccessAction.VIEW
    # Not approved yet: the records page refuses and registers nothing.
    refused = desk.get(f"/archive/requests/{found.pk}/records/", follow=True)
    assert "未经批准" in refused.content.decode() and not AccessEvent.objects.exists()
    # The archivist cannot decide (the pack names the leader); the leader finds it queued.
    desk.post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
    assert AccessRequest.objects.get(pk=found.pk).status == RequestStatus.PENDING
    boss = _login(leader)
    queue = boss.get("/archive/requests/").content.decode()
    assert f"/archive/requests/{found.pk}/" in queue.split('id="requests"')[0]
    boss.post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
    found.refresh_from_db()
    assert found.status == RequestStatus.APPROVED and found.decided_by == leader
    assert "没有待您审批的申请" in boss.get("/archive/requests/").content.decode()

    page = desk.get(f"/archive/requests/{found.pk}/records/").content.decode()
    assert WITNESS not in page and MASK in page and "见证人员" in page
    assert "举报人、投诉人及其他第三人的信息已隐去" in page
    event = AccessEvent.objects.get(request=found)
    assert (event.action, event.viewer, event.approver, event.redacted) == (
        AccessAction.VIEW, found.requester_name, leader.username, True,
    )  # fmt: skip
    entry = LedgerEntry.objects.get(agency=case.agency, index=event.ledger_index)
    assert entry.kind == "archive.access_registered"

    register = desk.get("/archive/register/").content.decode()
    requests_part, events_part = register.split('id="register-events"')
    assert found.requester_name in requests_part and "申请行政复议需要" in requests_part
    assert str(found.ledger_index) in requests_part
    assert "调阅" in events_part and found.requester_name in events_part
    csv_lines = desk.get("/archive/register.csv").content.decode("utf-8-sig").splitlines()
    assert csv_lines[0].endswith("申请账本序号")
    assert any(line.startswith(f"{case.number},申请调阅（已批准）") for line in csv_lines)
    viewed = [line for line in csv_lines if line.startswith(f"{case.number},调阅,")]
    assert len(viewed) == 1 and viewed[0].endswith(f",{event.ledger_index},{found.ledger_index}")


def test_liuzhou_copy_needs_the_head_and_the_copy_is_redacted() -> None:
    case, _, _ = _with_witness("liuzhou-kjj")
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    head = f.staff(case.agency, "head", Role.HEAD)
    found = _register_party_request(_login(archivist), case, wanted="copy")
    assert found.approver_role == Role.HEAD  # 柳州 记录制度 第十五条: 局主要领导
    boss = _login(leader)
    size = f.ledger_size(case.agency)
    page = boss.post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"}, follow=True)
    assert "主要负责人" in page.content.decode()
    assert AccessRequest.objects.get(pk=found.pk).status == RequestStatus.PENDING
    assert f.ledger_size(case.agency) == size
    _login(head).post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
    response = _login(archivist).post(f"/archive/requests/{found.pk}/deliver/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    copy = json.loads(response.content)
    text = json.dumps(copy, ensure_ascii=False)
    assert copy["third_parties_removed"] and WITNESS not in text and MASK in text
    event = AccessEvent.objects.get(request=found)
    assert event.action == AccessAction.COPY and event.copier == archivist.username


def test_refused_request_cannot_be_viewed() -> None:
    case, _, _ = _with_witness("wuhan-rsj")
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    found = _register_party_request(_login(archivist), case)
    _login(leader).post(f"/archive/requests/{found.pk}/decide/", {"decision": "refuse"})
    assert AccessRequest.objects.get(pk=found.pk).status == RequestStatus.REFUSED
    assert _login(archivist).get(f"/archive/requests/{found.pk}/records/").status_code == 302
    assert not AccessEvent.objects.exists()


def test_form_errors_write_nothing_and_another_agency_gets_404() -> None:
    case, _, _ = _with_witness("wuhan-rsj")
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    other = f.staff(f.agency("liuzhou-kjj"), "archivist", Role.ARCHIVIST)
    desk = _login(archivist)
    size = f.ledger_size(case.agency)
    # A lawyer without the court's investigation order (律师调查令) is refused.
    page = desk.post(
        f"/archive/case/{case.pk}/request/",
        {
            "requester_kind": "lawyer",
            "requester_name": "张律师",
            "reason": "诉讼",
            "wanted": "copy",
        },
    )
    assert page.status_code == 200 and "律师调查令" in page.content.decode()
    assert not AccessRequest.objects.exists() and f.ledger_size(case.agency) == size
    stranger = _login(other)
    assert stranger.get(f"/archive/case/{case.pk}/request/").status_code == 404
    found = _register_party_request(_login(archivist), case)
    for url in ("", "records/"):
        assert stranger.get(f"/archive/requests/{found.pk}/{url}").status_code == 404
    decided = stranger.post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
    assert decided.status_code == 404
    assert AccessRequest.objects.get(pk=found.pk).status == RequestStatus.PENDING


def test_party_recording_refused_where_third_parties_are_named(tmp_path: Path) -> None:
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        case, record, officer = _with_witness("wuhan-rsj")
        item = evidence.ingest(
            actor=officer, record=record, stream=io.BytesIO(b"video"), filename="现场.mp4",
            media_type="video/mp4", metadata=AV_META,
        )  # fmt: skip
        archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
        party = case.parties.get()
        page = _login(archivist).post(
            f"/archive/case/{case.pk}/request/",
            {"requester_kind": "party", "requester_name": party.name, "party": party.pk,
             "reason": "复议", "wanted": "copy", "item": item.pk},
        )  # fmt: skip
        assert "音像记录无法自动隐去" in page.content.decode()
        assert not AccessRequest.objects.exists()


def test_organ_copies_a_recording_and_it_streams_verified(tmp_path: Path) -> None:
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        case, record, officer = open_with_record("wuhan-rsj")
        item = evidence.ingest(
            actor=officer, record=record, stream=io.BytesIO(b"video bytes"), filename="现场.mp4",
            media_type="video/mp4", metadata=AV_META,
        )  # fmt: skip
        archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
        leader = f.staff(case.agency, "leader", Role.LEADER)
        desk = _login(archivist)
        desk.post(
            f"/archive/case/{case.pk}/request/",
            {"requester_kind": "authority", "requester_name": "某区监察委员会",
             "letter_ref": "监函〔2026〕3号", "reason": "办案需要", "wanted": "copy",
             "item": item.pk},
        )  # fmt: skip
        found = AccessRequest.objects.get(case=case)
        assert found.scope == RequestScope.AV and found.item == item
        _login(leader).post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
        response = desk.post(f"/archive/requests/{found.pk}/deliver/")
        assert b"".join(response.streaming_content) == b"video bytes"  # type: ignore[attr-defined]
        event = AccessEvent.objects.get(request=found)
        assert event.action == AccessAction.COPY and "现场.mp4" in event.reason
        assert event.viewer == "某区监察委员会" and event.approver == leader.username


def test_lawyer_export_is_a_bagit_zip_and_registered(tmp_path: Path) -> None:
    with override_settings(BLOB_DIR=tmp_path / "blobs"):
        case, _, officer = open_with_record("wuhan-rsj")
        last = close(case, officer)
        services.form_case_file(actor=officer, case=case, at=last + dt.timedelta(days=1))
        archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
        leader = f.staff(case.agency, "leader", Role.LEADER)
        desk = _login(archivist)
        desk.post(
            f"/archive/case/{case.pk}/request/",
            {"requester_kind": "lawyer", "requester_name": "张律师",
             "letter_ref": "（2026）鄂0104调令12号", "reason": "诉讼", "wanted": "export"},
        )  # fmt: skip
        found = AccessRequest.objects.get(case=case)
        _login(leader).post(f"/archive/requests/{found.pk}/decide/", {"decision": "approve"})
        # Only the archivist hands over an export.
        clerk = _login(f.staff(case.agency, "clerk", Role.OFFICER))
        assert clerk.post(f"/archive/requests/{found.pk}/deliver/").status_code == 302
        assert not AccessEvent.objects.exists()
        response = desk.post(f"/archive/requests/{found.pk}/deliver/")
        assert response.status_code == 200
        data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert "bagit.txt" in names and "data/case-file.json" in names
        event = AccessEvent.objects.get(request=found)
        assert event.action == AccessAction.EXPORT and event.viewer == "张律师"


def test_qiaokou_party_falls_back_to_the_leaders_approval() -> None:
    case, _, _ = _with_witness("qiaokou-rzj")
    found = _register_party_request(_login(f.staff(case.agency, "archivist", Role.ARCHIVIST)), case)
    # 硚口 第二十九条: 内部资料，未经行政执法机关负责人批准不得公开.
    assert found.rule_id == "access_publish" and found.approver_role == Role.LEADER
    assert "第二十九条" in found.rule_cite


def test_links_are_offered_only_to_roles_they_open_for() -> None:
    agency = f.agency("wuhan-rsj")
    f.agency("liuzhou-kjj")
    officer = _login(f.staff(agency, "officer", Role.OFFICER)).get("/archive/requests/")
    archivist = _login(f.staff(agency, "archivist", Role.ARCHIVIST)).get("/archive/requests/")
    assert "/archive/register/" not in officer.content.decode()
    assert "/archive/register/" in archivist.content.decode()
    leader = _login(f.staff(agency, "leader", Role.LEADER)).get("/archive/register/")
    assert leader.status_code == 200 and "register.csv" not in leader.content.decode()
