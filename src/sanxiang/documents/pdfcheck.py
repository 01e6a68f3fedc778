"""Checking an uploaded PDF's electronic seal: pure of the database (the ledger lookup is in
``verification``). Answers with Chinese reasons the public verification page shows."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from sanxiang.documents import signing
from sanxiang.documents.loopsafe import call_blocking


@dataclass
class SealCheck:
    """What the signature says: who signed and whether the file is whole."""

    ok: bool
    reasons: list[str] = field(default_factory=list)
    signer: str = ""
    signed_at: str = ""


def _signer_name(status: PdfSignatureStatus) -> str:
    subject = status.signing_cert.subject.native
    return str(subject.get("organization_name") or subject.get("common_name") or "")


def check_seal(pdf: bytes) -> SealCheck:
    """Whether ``pdf`` carries one intact signature, covering the whole file, that chains to the
    platform CA. Any change after signing (one byte) breaks the digest or the coverage."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        return SealCheck(ok=False, reasons=[f"文件不是可解析的 PDF 文书（{type(exc).__name__}）。"])
    if not signatures:
        return SealCheck(ok=False, reasons=["文件没有电子签章。"])
    if len(signatures) > 1:
        return SealCheck(ok=False, reasons=["文件含有多个签章，不是本平台签发的文书。"])
    context = ValidationContext(
        trust_roots=[signing.ca_certificate()], allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        # asyncio.run inside pyHanko: keep it off a running event loop (loopsafe).
        status = call_blocking(validate_pdf_signature, signatures[0], context)
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        return SealCheck(ok=False, reasons=[f"电子签章无法校验（{type(exc).__name__}）。"])
    reasons = []
    if not status.intact:
        reasons.append("文件内容与电子签章不符：签章后文件已被修改。")
    if not status.valid:
        reasons.append("电子签章的签名值无效。")
    if not status.trusted:
        reasons.append("签章证书不是由本平台电子印章根证书签发的。")
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        reasons.append("签章之后文件被追加或修改了内容。")
    signed_at = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
    return SealCheck(
        ok=not reasons, reasons=reasons, signer=_signer_name(status), signed_at=signed_at
    )
