"""The 统计年报 on the portal (published only; HTML, PDF, JSON, no person named) and on the
staff pages (deadline due/overdue, preview, the approval steps, another agency's is a 404)."""

from __future__ import annotations

import hashlib

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import annual_services
from sanxiang.disclosure.annual_models import AnnualReport
from sanxiang.disclosure.annual_testing import OFFICER_NAME, PARTY, YEAR, build_a, build_b
from sanxiang.disclosure.choices import NoticeStatus
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

JANUARY = cf.at(YEAR + 1, 1, 12, 9)


def _urls(slug: str, year: int = YEAR) -> dict[str, str]:
    kwargs = {"slug": slug, "year": year}
    return {
        "page": reverse("disclosure:annual", kwargs=kwargs),
        "pdf": reverse("disclosure:annual_pdf", kwargs=kwargs),
        "json": reverse("disclosure:annual_json", kwargs=kwargs),
        "list": reverse("disclosure:annual_list", kwargs={"slug": slug}),
    }


def _publish(agency: Agency) -> AnnualReport:
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    leader = cf.staff(agency, "leader", Role.LEADER)
    with time_machine.travel(JANUARY, tick=False):
        report = annual_services.prepare(actor=publisher, agency=agency, year=YEAR)
        report = annual_services.submit(actor=publisher, report=report)
        report = annual_services.approve(actor=leader, report=report)
        return annual_services.publish(actor=publisher, report=report)


def test_portal_shows_only_published_reports_and_names_no_one(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    """The leak test for the report: the party, the officers and the complainant of a year of
    cases appear in none of the public page, the list, the JSON and the PDF's text."""
    build_a(agency_a)
    build_b(agency_b)
    urls = _urls(agency_a.slug)
    assert client.get(urls["page"]).status_code == 404  # not published yet
    with time_machine.travel(JANUARY, tick=False):
        drafter = cf.staff(agency_a, "drafter", Role.PUBLICITY)
        annual_services.prepare(actor=drafter, agency=agency_a, year=YEAR)
    for name in ("page", "pdf", "json"):
        assert client.get(urls[name]).status_code == 404, name  # a draft is not public
    report = _publish(agency_a)

    page = client.get(urls["page"]).content.decode()
    assert f"{YEAR}年度行政执法统计年报" in page
    assert "<svg" in page and "http://cdn" not in page and "https://" not in page
    assert "4000.00" in page  # A's fines, not B's 3000.00
    listing = client.get(urls["list"]).content.decode()
    assert urls["page"] in listing
    data = client.get(urls["json"]).json()
    assert data["pdf_sha256"] == report.pdf_sha256
    assert data["report"]["penalties"]["decided"] == 2
    pdf = client.get(urls["pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == report.pdf_sha256

    from io import BytesIO

    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    for text in (page, listing, str(data), pdf_text):
        assert PARTY not in text
        assert OFFICER_NAME not in text
    # B has published nothing: its pages are absent.
    for url in _urls(agency_b.slug).values():
        if url.endswith("/nianbao/"):
            assert "暂无已公示的统计年报" in client.get(url).content.decode()
        else:
            assert client.get(url).status_code == 404
    assert client.get(_urls("no-such-agency")["list"]).status_code == 404


def test_staff_page_shows_the_deadline_due_then_overdue(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    client.force_login(publisher)
    staff = reverse("disclosure:staff_annual")
    with time_machine.travel(cf.at(YEAR + 1, 1, 20), tick=False):
        page = client.get(staff).content.decode()
    assert f"{YEAR}年度行政执法统计年报" in page and f"{YEAR + 1}-01-31" in page
    assert "待公示" in page and "已逾期" not in page
    assert agency_b.name not in page  # another agency's deadline is not shown
    with time_machine.travel(cf.at(YEAR + 1, 2, 1), tick=False):
        page = client.get(staff).content.decode()
        tasks = client.get(reverse("disclosure:staff_list")).content.decode()
    assert '<span class="overdue">已逾期未公示</span>' in page
    # The disclosure task page shows the same deadline.
    assert f"{YEAR}年度行政执法统计年报" in tasks
    assert '<span class="overdue">已逾期未公示</span>' in tasks


def test_staff_steps_through_the_pages(client: Client, agency_a: Agency, agency_b: Agency) -> None:
    publisher = cf.staff(agency_a, "pub", Role.PUBLICITY)
    leader = cf.staff(agency_a, "leader", Role.LEADER)
    outsider = cf.staff(agency_b, "pub", Role.PUBLICITY)
    kwargs = {"slug": agency_a.slug, "year": YEAR}
    detail = reverse("disclosure:staff_annual_detail", kwargs=kwargs)
    action = reverse("disclosure:staff_annual_action", kwargs=kwargs)

    client.force_login(publisher)
    bad_year = reverse("disclosure:staff_annual_detail", kwargs={**kwargs, "year": 0})
    assert client.get(bad_year).status_code == 404
    client.force_login(outsider)
    assert client.get(detail).status_code == 404
    assert client.post(action, {"action": "prepare"}).status_code == 404
    assert not AnnualReport.objects.exists()

    with time_machine.travel(JANUARY, tick=False):
        client.force_login(publisher)
        preview = client.get(detail).content.decode()
        assert "尚未统计" in preview and "无检查计划数据" in preview
        client.post(action, {"action": "prepare"})
        client.post(action, {"action": "submit"})
        client.post(action, {"action": "approve"})  # refused: not an approver
        assert AnnualReport.objects.get().status == NoticeStatus.AWAITING_APPROVAL
        client.force_login(leader)
        client.post(action, {"action": "approve"})
        client.force_login(publisher)
        client.post(action, {"action": "publish"})
        page = client.get(detail).content.decode()
    report = AnnualReport.objects.get()
    assert report.status == NoticeStatus.PUBLISHED
    assert report.pdf_sha256 in page
    assert reverse("disclosure:annual", kwargs=kwargs) in page


def test_url_walk_sample_is_served(client: Client, agency_a: Agency) -> None:
    from sanxiang.disclosure.annual_testing import published_annual_sample

    kwargs = published_annual_sample(agency_a)
    for name in ("annual", "annual_pdf", "annual_json"):
        assert client.get(reverse(f"disclosure:{name}", kwargs=kwargs)).status_code == 200
    client.force_login(cf.staff(agency_a, "leader", Role.LEADER))
    detail = reverse("disclosure:staff_annual_detail", kwargs=kwargs)
    assert client.get(detail).status_code == 200
