"""The case's documents page, downloads and the API: scoped to the agency (another's is 404)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.documents import render
from sanxiang.documents.choices import DocumentStatus
from sanxiang.documents.models import Document
from sanxiang.documents.services import RenderFailed, issue_document
from sanxiang.documents.tests.helpers import walked_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> tuple[Case, Document, Client, Client]:
    case, officer = walked_case(
        "wuhan-rsj",
        "inspection",
        "general",
        ("opinion",),
        {"case_accepted": True, "service_method": "direct"},
    )
    document = issue_document(actor=officer, case=case, doc_type="file_cover")
    own, other = Client(), Client()
    own.force_login(officer)
    outsider = f.staff(f.agency("liuzhou-kjj"), "officer", Role.OFFICER)
    other.force_login(outsider)
    return case, document, own, other


def test_case_page_lists_and_downloads(setup: tuple[Case, Document, Client, Client]) -> None:
    case, document, own, _ = setup
    page = own.get(reverse("documents:case", args=[case.pk]))
    assert page.status_code == 200
    assert "案卷封面" in page.content.decode()
    response = own.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == document.sha256


def test_another_agency_gets_404(setup: tuple[Case, Document, Client, Client]) -> None:
    case, document, _, other = setup
    assert other.get(reverse("documents:case", args=[case.pk])).status_code == 404
    assert other.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert other.get(f"/api/v1/cases/{case.pk}/documents").status_code == 404
    assert other.get(f"/api/v1/documents/{document.pk}/download").status_code == 404


def test_issue_from_the_page(setup: tuple[Case, Document, Client, Client]) -> None:
    case, _, own, other = setup
    record = CaseRecord.objects.filter(case=case).first()
    assert record is not None
    before = Document.objects.count()
    refused = other.post(reverse("documents:case", args=[case.pk]), {"doc_type": "file_index"})
    assert refused.status_code == 404
    assert Document.objects.count() == before
    done = own.post(reverse("documents:case", args=[case.pk]), {"doc_type": "file_index"})
    assert done.status_code == 302
    assert Document.objects.filter(case=case, doc_type="file_index").count() == 1


def test_api_lists_and_downloads(setup: tuple[Case, Document, Client, Client]) -> None:
    case, document, own, _ = setup
    listing = own.get(f"/api/v1/cases/{case.pk}/documents")
    assert listing.status_code == 200
    rows = listing.json()
    assert [r["sha256"] for r in rows] == [document.sha256]
    pdf = own.get(rows[0]["download"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == document.sha256


def test_anonymous_api_is_401(setup: tuple[Case, Document, Client, Client]) -> None:
    case, document, _, _ = setup
    assert Client().get(f"/api/v1/cases/{case.pk}/documents").status_code == 401
    assert Client().get(f"/api/v1/documents/{document.pk}/download").status_code == 401


def test_failed_document_is_shown_and_retried_from_the_page(
    setup: tuple[Case, Document, Client, Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _, own, other = setup
    officer = Document.objects.get(case=case).issued_by
    # The machine lost its fonts (an environment fault): the render fails, the number stays.
    render._compiler.cache_clear()
    monkeypatch.setattr(render, "FONT_DIRS", [Path("/nonexistent/fonts")])
    with pytest.raises(RenderFailed):
        issue_document(actor=officer, case=case, doc_type="file_index")
    failed = Document.objects.get(case=case, doc_type="file_index")
    page = own.get(reverse("documents:case", args=[case.pk])).content.decode()
    assert "生成失败" in page and "重新生成" in page
    assert own.get(reverse("documents:download", args=[failed.pk])).status_code == 404
    rows = {r["id"]: r for r in own.get(f"/api/v1/cases/{case.pk}/documents").json()}
    assert rows[failed.pk]["status"] == "render_failed" and rows[failed.pk]["download"] is None

    monkeypatch.setattr(render, "FONT_DIRS", [Path("/usr/share/fonts/opentype/noto")])
    render._compiler.cache_clear()
    # Another agency cannot retry it; nothing changes.
    assert (
        other.post(reverse("documents:case", args=[case.pk]), {"retry": failed.pk}).status_code
        == 404
    )
    failed.refresh_from_db()
    assert failed.status == DocumentStatus.RENDER_FAILED
    done = own.post(reverse("documents:case", args=[case.pk]), {"retry": failed.pk})
    assert done.status_code == 302
    failed.refresh_from_db()
    assert failed.status == DocumentStatus.ISSUED and failed.sha256
    assert own.get(reverse("documents:download", args=[failed.pk])).status_code == 200
