"""The annual report as JSON, HTML and PDF (Typst), from the figures ``annual.compute`` returns.

The PDF uses the documents app's font directories (Debian's Noto CJK, nothing downloaded, system
fonts ignored) so it renders the same everywhere; the charts are the same SVG the portal shows.
Given the same figures and the same ``at``, the PDF bytes are the same (its digest is ledgered).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

import rfc8785
import typst
from django.template.loader import render_to_string

from sanxiang.disclosure.annual_charts import charts_for
from sanxiang.documents.render import FONT_DIRS, RenderError

TEMPLATE = Path(__file__).with_name("templates") / "disclosure" / "annual" / "report.typ"
_lock = threading.Lock()


def digest(data: dict[str, Any]) -> str:
    """SHA-256 of the figures in canonical JSON (RFC 8785): what approval and the ledger pin."""
    return hashlib.sha256(rfc8785.dumps(data)).hexdigest()


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def context(data: dict[str, Any]) -> dict[str, Any]:
    """What the HTML templates read: the figures and their charts."""
    return {"r": data, "charts": charts_for(data)}


def to_html(data: dict[str, Any]) -> str:
    """A standalone page (inline style, no external asset) — the CLI's ``--format html``."""
    return render_to_string("disclosure/annual/standalone.html", context(data))


@cache
def _compiler() -> typst.Compiler:
    missing = [str(d) for d in FONT_DIRS if not d.is_dir()]
    if missing:
        raise RenderError(f"CJK fonts missing: {missing}; run scripts/install-browser.sh")
    return typst.Compiler(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=[str(d) for d in FONT_DIRS],
        ignore_system_fonts=True,
    )


def to_pdf(data: dict[str, Any], *, at: dt.datetime) -> bytes:
    """The report as PDF; ``at`` fixes the PDF's creation date so the bytes are reproducible."""
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    inputs.update({f"chart_{name}": svg for name, svg in charts_for(data).items()})
    try:
        with _lock:
            pdf = _compiler().compile(
                format="pdf", sys_inputs=inputs, timestamp=int(at.timestamp())
            )
    except typst.TypstError as exc:
        raise RenderError(f"typst: {exc.message}") from exc
    assert isinstance(pdf, bytes)
    return pdf
