"""Blank document forms for the public portal (issue 6, 事前公示: "blank document forms").

Each agency's document types, rendered from the agency's own layout (its pack's template
fragment, if any) with every field empty, no 文号 sequence, no seal and no QR code: a blank form
must never look issued. Rendered once and kept under ``VAR_DIR/documents/forms/`` by a key
that covers everything that shapes the PDF (the template, the agency's fragment and the blank
data), so a changed pack or template renders afresh and an unchanged one costs a file read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from sanxiang.documents import context, render
from sanxiang.documents.doctypes import DOC_TYPES, DocType
from sanxiang.documents.patterns import pattern_for, template_fragment
from sanxiang.policy.resolved import ResolvedPack
from sanxiang.registry.models import Agency

# A fixed creation date: the same blank form is the same bytes.
BLANK_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class BlankForm:
    doc_type: str
    title: str
    numbered: bool


def _pack_record_ids(pack: ResolvedPack) -> set[str]:
    return {
        record.id
        for kind in pack.model.case_kinds.values()
        for procedure in kind.procedures.values()
        for stage in procedure.stages
        for record in stage.records
    }


def forms_for(pack: ResolvedPack) -> list[BlankForm]:
    """The document types the agency's procedures make (a record of the pack renders into it),
    in catalogue order; the case-file forms (案卷封面 …) every agency uses come last."""
    records = _pack_record_ids(pack)
    found = [
        BlankForm(t.id, t.title, t.code is not None)
        for t in DOC_TYPES.values()
        if t.layout != "case" and records.intersection(t.records)
    ]
    found += [BlankForm(t.id, t.title, False) for t in DOC_TYPES.values() if t.layout == "case"]
    return found


def _blank_data(spec: DocType, agency: Agency) -> context.DocumentData:
    data = context.blank(doc_type=spec, agency_name=agency.name)
    pattern = pattern_for(slug=agency.slug, agency_name=agency.name, doc_type=spec.id)
    if pattern is not None:
        data.number = pattern.blank()
    return data


def _cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "documents" / "forms"


def blank_pdf(agency: Agency, doc_type: str) -> bytes:
    """The blank form as PDF, from the cache when its key is there."""
    spec = DOC_TYPES[doc_type]
    data = _blank_data(spec, agency)
    fragment = template_fragment(slug=agency.slug, doc_type=spec.id)
    key = hashlib.sha256(
        render.template_digest(fragment).encode()
        + json.dumps(dataclasses.asdict(data), ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    path = _cache_dir() / agency.slug / f"{doc_type}-{key[:32]}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = render.render_pdf(data, seal_svg="", verify_url="", at=BLANK_AT, fragment=fragment)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: two requests rendering the same form never leave half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(pdf)
    os.replace(tmp, path)
    return pdf
