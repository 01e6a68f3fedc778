"""案卷封面与卷内目录 as PDF (Typst; fonts as in ``documents/render.py``). No database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

TEMPLATE = Path(__file__).with_name("typst") / "catalogue.typ"
FONT_DIRS = [Path("/usr/share/fonts/opentype/noto")]


def catalogue_pdf(content: dict[str, Any]) -> bytes:
    """``content`` is the case file's {cover, catalogue, av_locations}."""
    result = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=[str(d) for d in FONT_DIRS if d.is_dir()],
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(content, ensure_ascii=False)},
        format="pdf",
    )
    assert isinstance(result, bytes)
    return result
