"""电子签章: a document verifies; one changed byte, another CA or an unknown file does not —
on the public page and in the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sanxiang.cases.models import CaseRecord
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import PENALTY
from sanxiang.documents import signing, store
from sanxiang.documents.models import Document
from sanxiang.documents.pdfcheck import check_seal
from sanxiang.documents.services import issue_document
from sanxiang.documents.tests.helpers import walked_case
from sanxiang.documents.verification import verify_pdf

pytestmark = pytest.mark.django_db

PATH = ("filing", "investigation", "notice", "legal_review", "decision", "service")


@pytest.fixture
def issued() -> tuple[Document, bytes]:
    case, officer = walked_case("wuhan-rsj", "penalty", "general", PATH, PENALTY)
    record = CaseRecord.objects.get(case=case, record_type="penalty_decision_document")
    document = issue_document(
        actor=officer, case=case, doc_type="penalty_decision", record=record, at=f.at(2026, 11, 23)
    )
    return document, store.get(document.sha256)


def _flip_byte(pdf: bytes, needle: bytes) -> bytes:
    """The PDF with one byte changed inside the signed content (not the signature itself)."""
    at = pdf.index(needle)
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def test_issued_document_verifies(issued: tuple[Document, bytes]) -> None:
    document, pdf = issued
    verdict = verify_pdf(pdf)
    assert verdict.ok, verdict.reasons
    assert verdict.document == document
    assert verdict.signer == "武汉市人力资源和社会保障局"


def test_certificate_chains_to_the_platform_ca(issued: tuple[Document, bytes]) -> None:
    pair = signing.agency_keys(slug="wuhan-rsj", name="武汉市人力资源和社会保障局")
    assert pair.certificate.issuer == signing.platform_ca().certificate.subject


def test_one_changed_byte_fails_with_a_chinese_reason(issued: tuple[Document, bytes]) -> None:
    _, pdf = issued
    tampered = _flip_byte(pdf, b"/MediaBox")
    verdict = verify_pdf(tampered)
    assert not verdict.ok
    assert "签章后文件已被修改" in "".join(verdict.reasons)
    assert any("摘要不符" in r for r in verdict.reasons)


def test_appended_content_fails(issued: tuple[Document, bytes]) -> None:
    _, pdf = issued
    seal = check_seal(pdf + b"\n% appended\n")
    assert not seal.ok


def test_unsigned_pdf_fails(issued: tuple[Document, bytes]) -> None:
    _, pdf = issued
    start = pdf.index(b"%PDF")
    first_eof = pdf.index(b"%%EOF") + len(b"%%EOF")
    unsigned = pdf[start:first_eof] + b"\n"
    verdict = verify_pdf(unsigned)
    assert not verdict.ok
    assert "没有电子签章" in "".join(verdict.reasons)


def test_not_a_pdf_fails() -> None:
    verdict = verify_pdf(b"hello")
    assert not verdict.ok and verdict.reasons


def test_signature_from_another_ca_is_not_trusted(
    issued: tuple[Document, bytes], settings: object, tmp_path: Path
) -> None:
    _, pdf = issued
    original_root = signing._root
    try:
        # A second platform with its own CA signs the same bytes: valid signature, wrong CA.
        signing._root = lambda: tmp_path / "other"  # type: ignore[assignment]
        start = pdf.index(b"%PDF")
        unsigned = pdf[start : pdf.index(b"%%EOF") + 5] + b"\n"
        foreign = signing.sign_pdf(
            unsigned, slug="wuhan-rsj", name="武汉市人力资源和社会保障局", reason="x"
        )
    finally:
        signing._root = original_root  # type: ignore[assignment]
    seal = check_seal(foreign)
    assert not seal.ok
    assert any("根证书" in r for r in seal.reasons)


def test_verification_page(client: Client, issued: tuple[Document, bytes]) -> None:
    document, pdf = issued
    url = reverse("documents:verify") + f"?code={document.verify_code}"
    page = client.get(url)
    assert page.status_code == 200
    assert document.number in page.content.decode()

    good = client.post(url, {"file": io.BytesIO(pdf)}, format="multipart")
    assert "核验通过" in good.content.decode()

    upload = io.BytesIO(_flip_byte(pdf, b"/MediaBox"))
    upload.name = "tampered.pdf"
    bad = client.post(url, {"file": upload})
    body = bad.content.decode()
    assert bad.status_code == 200
    assert "核验未通过" in body and "签章后文件已被修改" in body


def test_cli_verifies_and_fails(issued: tuple[Document, bytes], tmp_path: Path) -> None:
    _, pdf = issued
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(pdf)
    bad.write_bytes(_flip_byte(pdf, b"/MediaBox"))
    out = io.StringIO()
    call_command("documents", "verify", str(good), "--json", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("documents", "verify", str(bad), stdout=out)
    assert exit_info.value.code == 1
    assert "签章后文件已被修改" in out.getvalue()


def test_code_of_another_document_fails(client: Client, issued: tuple[Document, bytes]) -> None:
    document, pdf = issued
    other = issue_document(
        actor=document.issued_by, case=document.case, doc_type="file_cover", at=f.at(2026, 11, 23)
    )
    upload = io.BytesIO(pdf)
    upload.name = "decision.pdf"
    url = reverse("documents:verify") + f"?code={other.verify_code}"
    body = client.post(url, {"file": upload}).content.decode()
    assert "核验未通过" in body and "不是该核验码对应的文书" in body


def test_unknown_code_is_said(client: Client, issued: tuple[Document, bytes]) -> None:
    body = client.get(reverse("documents:verify") + "?code=NOSUCHCODE").content.decode()
    assert "不对应本平台签发的任何文书" in body
