"""Documents REST API: list a case's documents and download one (执法文书).

Same gates as the cases API (``RoleGate``: 401 anonymous, 403 for a role that does not read
case files, 404 for another agency's case). The download path names the document as
``document_id`` — not ``pk`` — because ``RoleGate`` reads a ``pk`` as a case id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from sanxiang.cases.api import ERRORS, READ_AUTH, ApiRefusal
from sanxiang.cases.api import _case as scoped_case
from sanxiang.cases.api import _user as api_user
from sanxiang.core.errors import NotInScope
from sanxiang.documents import selectors, store

router = Router(tags=["执法文书"])


class DocumentOut(Schema):
    id: int
    doc_type: str
    title: str
    number: str
    status: str  # issued / pending / render_failed
    sha256: str | None
    size: int
    pages: int
    signed: bool
    issued_at: dt.datetime
    ledger_index: int | None
    record_id: int | None
    serves_id: int | None  # the document a 送达回证 serves
    verify_code: str
    download: str | None


@router.get(
    "/cases/{pk}/documents",
    response={200: list[DocumentOut], **ERRORS},
    auth=READ_AUTH,
    url_name="documents-list",
    summary="案件的执法文书（文号、摘要、账本序号、下载地址）",
)
def list_documents(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    case = scoped_case(api_user(request), pk)
    return [
        {
            "id": d.pk,
            "doc_type": d.doc_type,
            "title": d.title,
            "number": d.number,
            "status": d.status,
            "sha256": d.sha256,
            "size": d.size,
            "pages": d.pages,
            "signed": d.signed,
            "issued_at": d.issued_at,
            "ledger_index": d.ledger_index,
            "record_id": d.record_id,
            "serves_id": d.serves_id,
            "verify_code": d.verify_code,
            "download": f"/api/v1/documents/{d.pk}/download" if d.is_issued else None,
        }
        for d in selectors.documents_of(case)
    ]


@router.get(
    "/documents/{document_id}/download",
    response={200: None, **ERRORS},
    auth=READ_AUTH,
    url_name="documents-download",
    summary="下载签章后的 PDF 文书",
)
def download_document(request: HttpRequest, document_id: int) -> HttpResponse:
    try:
        document = selectors.document_for(api_user(request), document_id)
        if document.sha256 is None:
            raise store.BlobMissing(document.pk)
        data = store.get(document.sha256)
    except NotInScope as exc:
        raise ApiRefusal(404, exc.code, exc.message) from None
    except store.BlobMissing:
        raise ApiRefusal(404, "not_found", "文书文件缺失或已损坏。") from None
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(document.filename)}"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
