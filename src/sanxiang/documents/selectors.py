"""Reads of documents, always scoped: a user sees the documents of the cases they may read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sanxiang.accounts.models import User
from sanxiang.cases import selectors as case_selectors
from sanxiang.cases.models import Case
from sanxiang.core.errors import NotInScope
from sanxiang.documents.choices import DocumentStatus
from sanxiang.documents.models import Document


def documents_of(case: Case) -> QuerySet[Document]:
    """The case's documents in issuing order (the case was found through a scoped selector)."""
    return Document.objects.filter(agency=case.agency, case=case).order_by("issued_at", "id")


def documents_for(user: User) -> QuerySet[Document]:
    cases = case_selectors.cases_for(user)
    return Document.objects.filter(case__in=cases).select_related("case", "agency")


def document_for(user: User, pk: int) -> Document:
    """One document the user may read; another agency's is ``NotInScope`` (a 404)."""
    try:
        return documents_for(user).get(pk=pk)
    except Document.DoesNotExist:
        raise NotInScope("未找到该文书。", log_message=f"document {pk} not in scope") from None


def document_by_code(code: str) -> Document | None:
    """Public lookup by the 核验码 printed on the document (no personal data is shown for it)."""
    return (
        Document.objects.select_related("agency")
        .filter(verify_code=code.strip().upper(), status=DocumentStatus.ISSUED)
        .first()
    )


def issued_of(case: Case) -> QuerySet[Document]:
    """The case's issued documents (a PDF, sealed, ledgered), in issuing order: what the case
    timeline shows and the case file (卷宗) holds."""
    return documents_of(case).filter(status=DocumentStatus.ISSUED).select_related("serves")


def file_attachments(case: Case) -> dict[int | None, list[dict[str, Any]]]:
    """The issued documents of ``case`` as case-file attachments, by the record they were made
    from (``None``: case-level forms such as 案卷封面), in the shape of the archive catalogue's
    attachments (``filename``, ``kind``, ``sha256``, ``size``, ``store``, ``location``,
    ``ledger_index``) plus ``number`` (文号) and ``pages``."""
    found: dict[int | None, list[dict[str, Any]]] = {}
    for document in issued_of(case):
        found.setdefault(document.record_id, []).append(
            {
                "filename": document.filename,
                "kind": "document",
                "sha256": document.sha256,
                "size": document.size,
                "store": "documents",
                "location": f"documents:{document.sha256}",
                "ledger_index": document.ledger_index,
                "number": document.number,
                "pages": document.pages,
            }
        )
    return found
