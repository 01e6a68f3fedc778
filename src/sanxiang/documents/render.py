"""Typst rendering: document data → PDF bytes. No database.

Typst compiles a page in milliseconds with the text copyable (CJK glyphs embedded as subsets);
``bench/documents.py`` measures it. Fonts come only from ``FONT_DIRS`` (Debian's
fonts-noto-cjk, installed by ``scripts/install-browser.sh``): system fonts are ignored so a
document renders the same on every machine, and nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import threading
from functools import cache
from pathlib import Path

import segno
import typst
from pypdf import PdfReader

from sanxiang.documents.context import DocumentData

# The compiler's root is this file's directory, which holds nothing else: an agency's template
# fragment (evaluated inside it) can read no file outside it, and the pack schema refuses
# fragments naming read/import/include/image … in the first place.
TEMPLATE = Path(__file__).with_name("typst") / "document.typ"
FONT_DIRS = [Path("/usr/share/fonts/opentype/noto")]


# One compiler per template is reused (fonts are loaded once); whether it may be driven from
# two request threads at once is not documented, so compilations take turns.
_compile_lock = threading.Lock()


class RenderError(Exception):
    """Typst refused the document (English, for logs); the issuing transaction rolls back."""


def template_digest(fragment: str = "") -> str:
    """SHA-256 of what lays a document out: the standard template and the agency's fragment."""
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    digest.update(b"\0" + fragment.encode())
    return digest.hexdigest()


@cache
def _compiler() -> typst.Compiler:
    missing = [str(d) for d in FONT_DIRS if not d.is_dir()]
    if missing:
        raise RenderError(f"CJK fonts missing: {missing}; run scripts/install-browser.sh")
    return typst.Compiler(
        str(TEMPLATE),
        root=TEMPLATE.parent,
        font_paths=[str(d) for d in FONT_DIRS],
        ignore_system_fonts=True,
    )


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", border=1, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def render_pdf(
    data: DocumentData,
    *,
    seal_svg: str,
    verify_url: str,
    at: dt.datetime,
    fragment: str = "",
) -> bytes:
    """The document as PDF; ``at`` fixes the PDF's creation date so output is reproducible.

    ``fragment`` is the agency's own body for this document type (policy pack
    ``[documents.templates]``), "" for the standard layout.
    """
    inputs = {
        "data": json.dumps(dataclasses.asdict(data), ensure_ascii=False),
        "seal": seal_svg,
        "qr": qr_svg(verify_url) if verify_url else "",
        "template": fragment,
    }
    try:
        with _compile_lock:
            pdf = _compiler().compile(
                format="pdf", sys_inputs=inputs, timestamp=int(at.timestamp())
            )
    except typst.TypstError as exc:
        raise RenderError(f"typst: {exc.message}") from exc
    assert isinstance(pdf, bytes)
    return pdf


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
