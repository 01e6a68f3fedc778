"""Is this PDF one the agency issued, unaltered? The answer the public verification page gives.

Three checks, all required: the PAdES signature is intact, covers the whole file and chains to
the platform CA (``pdfcheck``); the file's SHA-256 is a document the platform issued; and the
ledger entry made when it was issued names that digest (so a document row changed behind the
ledger's back does not verify either).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sanxiang.documents.models import Document
from sanxiang.documents.pdfcheck import check_seal
from sanxiang.ledger.models import LedgerEntry


@dataclass
class Verdict:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    sha256: str = ""
    document: Document | None = None
    signer: str = ""


def _ledgered(document: Document) -> bool:
    if document.ledger_index is None:
        return False
    entry = LedgerEntry.objects.filter(
        agency_id=document.agency_id, index=document.ledger_index
    ).first()
    if entry is None or entry.kind != "documents.issued":
        return False
    return bool(json.loads(entry.payload_json).get("sha256") == document.sha256)


def verify_pdf(pdf: bytes) -> Verdict:
    digest = hashlib.sha256(pdf).hexdigest()
    seal = check_seal(pdf)
    reasons = list(seal.reasons)
    document = Document.objects.select_related("agency").filter(sha256=digest).first()
    if document is None:
        reasons.append("本平台没有签发过与该文件完全一致的文书（文件摘要不符）。")
    elif not _ledgered(document):
        reasons.append("该文书的摘要与执法记录账本中的登记不符。")
    elif seal.ok and seal.signer and seal.signer != document.agency.name:
        reasons.append("签章单位与签发文书的执法主体不一致。")
    return Verdict(
        ok=not reasons, reasons=reasons, sha256=digest, document=document, signer=seal.signer
    )
