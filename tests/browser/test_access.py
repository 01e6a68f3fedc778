"""A party's request to copy the records of their own case, in a real browser (issue 7, done
when): the archivist registers it, the leader cannot approve it (柳州 记录制度 第十五条 names the
局主要领导), the head approves it from the queue, the archivist shows the records with the
witness's name removed, and the register lists both the request and the view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from sanxiang.accounts.choices import Role
from sanxiang.archive.choices import AccessAction, RequestStatus
from sanxiang.archive.models import AccessEvent, AccessRequest
from sanxiang.archive.redaction import MASK
from sanxiang.cases import services as cases
from sanxiang.cases.tests import factories as f
from sanxiang.evidence.tests.helpers import START, open_with_record

from .conftest import PageLog

WITNESS = "王五"


def test_party_request_approved_by_the_head_viewed_redacted_and_registered(
    page: Page,
    page_log: PageLog,
    log_in: Callable[..., None],
    screenshot: Callable[[str], Path],
) -> None:
    case, record, officer = open_with_record("liuzhou-kjj")
    cases.record(
        actor=officer, case=case, record_type=record.record_type,
        payload=f.payload_for(record.record_type, witnesses=[WITNESS], note=f"{WITNESS}在场目睹"),
        officers=list(case.officers.all()), av=f.av(), at=START,
    )  # fmt: skip
    other, _, _ = open_with_record("wuhan-rsj")  # a second agency, whose case stays unseen
    archivist = f.staff(case.agency, "archivist", Role.ARCHIVIST)
    leader = f.staff(case.agency, "leader", Role.LEADER)
    head = f.staff(case.agency, "head", Role.HEAD)
    party = case.parties.get()

    # The archivist registers the party's request on the case-file page.
    log_in(archivist.username)
    page.goto(f"/archive/case/{case.pk}/")
    page.get_by_role("link", name="登记查阅申请").click()
    form = page.locator("#request-form")
    form.locator("select[name=requester_kind]").select_option("party")
    form.locator("input[name=requester_name]").fill(party.name)
    form.locator("select[name=party]").select_option(str(party.pk))
    form.locator("textarea[name=reason]").fill("申请行政复议需要")
    form.locator("select[name=wanted]").select_option("copy")
    form.get_by_role("button", name="登记申请").click()
    request = AccessRequest.objects.get(case=case)
    page.wait_for_url(f"**/archive/requests/{request.pk}/")
    assert "由主要负责人审批" in page.locator("#request").inner_text()
    assert "第十五条" in page.locator("#request").inner_text()
    page.get_by_role("button", name="退出登录").click()

    # A leader is not the head: no decision buttons, and the queue is empty for them.
    log_in(leader.username)
    page.goto("/archive/requests/")
    assert "没有待您审批的申请" in page.locator("#queue").inner_text()
    page.goto(f"/archive/requests/{request.pk}/")
    assert page.get_by_role("button", name="批准", exact=True).count() == 0
    page.get_by_role("button", name="退出登录").click()

    # The head finds it through the top bar and the queue, and approves it.
    log_in(head.username)
    page.get_by_role("link", name="案卷档案", exact=True).click()
    page.get_by_role("link", name="查阅申请与审批").click()
    page.locator("#queue").get_by_role("link", name=case.number).click()
    page.wait_for_url(f"**/archive/requests/{request.pk}/")
    page.get_by_role("button", name="批准", exact=True).click()
    page.wait_for_url(f"**/archive/requests/{request.pk}/")
    assert "已批准" in page.locator("#request-status").inner_text()
    assert AccessRequest.objects.get(pk=request.pk).status == RequestStatus.APPROVED
    page.get_by_role("button", name="退出登录").click()

    # The archivist shows the records: the witness's name is gone wherever it appeared.
    log_in(archivist.username)
    page.goto(f"/archive/requests/{request.pk}/")
    page.get_by_role("link", name="调阅记录（已隐去第三人信息）").click()
    page.wait_for_url(f"**/archive/requests/{request.pk}/records/")
    records = page.locator("#records").inner_text()
    assert WITNESS not in records and MASK in records
    assert WITNESS not in page.content()
    screenshot("access-party-records-redacted")

    # The register: the request and the view, with 调阅人 and 审批人.
    page.get_by_role("link", name="调阅登记").click()
    page.wait_for_url("**/archive/register/")
    requests = page.locator("#register-requests").inner_text()
    events = page.locator("#register-events").inner_text()
    assert party.name in requests and "申请行政复议需要" in requests and "已批准" in requests
    assert party.name in events and head.username in events and "调阅" in events
    assert other.number not in requests + events
    event = AccessEvent.objects.get(request=request)
    assert (event.action, event.viewer, event.approver, event.redacted) == (
        AccessAction.VIEW, party.name, head.username, True,
    )  # fmt: skip
    assert str(event.ledger_index) in events
    screenshot("access-register")
    assert page_log.failed_responses == [] and page_log.errors == []
