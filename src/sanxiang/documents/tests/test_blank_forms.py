"""空白执法文书 on the portal: public, per agency, the agency's own layout, no seal, cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sanxiang.documents import forms as blank
from sanxiang.documents import pdfcheck
from sanxiang.documents.models import Document
from sanxiang.documents.tests.helpers import pdf_text
from sanxiang.policy.loader import load_pack
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

NOTE = "柳州市科技局行政执法全过程记录制度第十一条、第十二条"


def test_forms_page_lists_each_agency_types(agency_a: Agency, agency_b: Agency) -> None:
    client = Client()
    page = client.get(reverse("documents:forms", args=[agency_a.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert agency_a.name in body and "行政处罚决定书" in body
    assert reverse("documents:blank_form", args=[agency_a.slug, "penalty_decision"]) in body
    assert "催告书" in body
    # The list follows each agency's procedures: 柳州市科技局's pack has no 强制执行 step, so
    # no 催告书 or 强制执行申请书.
    other = client.get(reverse("documents:forms", args=[agency_b.slug])).content.decode()
    assert agency_b.name in other and "行政许可决定书" in other
    assert "催告书" not in other and "强制执行申请书" not in other
    assert client.get(reverse("documents:forms", args=["no-such-agency"])).status_code == 404


def test_blank_decision_has_headings_and_blank_number_and_no_seal(agency_a: Agency) -> None:
    response = Client().get(
        reverse("documents:blank_form", args=[agency_a.slug, "penalty_decision"])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    text = pdf_text(pdf)
    assert "行政处罚决定书" in text and agency_a.name in text
    assert "武人社罚〔〕号" in text  # year and sequence left blank
    assert "当事人基本情况" in text and "救济途径和期限" in text
    assert "核验码" not in text
    # A blank form carries no signature: it can never pass for an issued document.
    assert not pdfcheck.check_seal(pdf).ok
    assert not Document.objects.exists()


def test_blank_form_uses_the_agency_template_override(agency_a: Agency, agency_b: Agency) -> None:
    client = Client()
    own = client.get(reverse("documents:blank_form", args=[agency_b.slug, "service_receipt"]))
    other = client.get(reverse("documents:blank_form", args=[agency_a.slug, "service_receipt"]))
    assert NOTE in pdf_text(own.content)
    assert NOTE not in pdf_text(other.content)


def test_type_the_agency_does_not_use_is_404(agency_b: Agency) -> None:
    url = reverse("documents:blank_form", args=[agency_b.slug, "demand_notice"])
    assert Client().get(url).status_code == 404
    url = reverse("documents:blank_form", args=[agency_b.slug, "no_such_type"])
    assert Client().get(url).status_code == 404


def test_blank_pdf_is_cached_by_template_digest(agency_a: Agency) -> None:
    folder = Path(settings.VAR_DIR) / "documents" / "forms" / agency_a.slug
    for old in folder.glob("demand_notice-*.pdf"):
        old.unlink()
    first = blank.blank_pdf(agency_a, "demand_notice")
    cached = list(folder.glob("demand_notice-*.pdf"))
    assert len(cached) == 1 and cached[0].read_bytes() == first
    assert blank.blank_pdf(agency_a, "demand_notice") == first
    # A renamed agency is a different form: a new cache entry, with the new name printed.
    agency_a.name = "武汉市人力资源和社会保障局（新）"
    agency_a.save(update_fields=["name"])
    renamed = blank.blank_pdf(agency_a, "demand_notice")
    assert "武汉市人力资源和社会保障局（新）" in pdf_text(renamed)
    assert len(list(folder.glob("demand_notice-*.pdf"))) == 2


def test_every_agency_form_renders() -> None:
    """Every blank form of every shipped agency renders (no field a blank breaks)."""
    for slug in ("wuhan-kjj", "wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "dongxihu-sfj"):
        agency = Agency.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
        for form in blank.forms_for(load_pack(slug)):
            text = pdf_text(blank.blank_pdf(agency, form.doc_type))
            assert form.title in text, (slug, form.doc_type)
