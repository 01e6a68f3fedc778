"""The agency's seal image (印章): a red circle, the agency name along the top arc, a star.

Generated, never downloaded; pure (no database). The layout follows the common form of a
行政机关公章 (国务院关于国家行政机关和企业事业单位社会团体印章管理的规定 第六条: 圆形, 中央刊
五角星, 机关名称自左而右环行). The image is only a picture: what proves the document is the PAdES
signature made with the agency's key (see ``signing``).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

RED = "#d40000"
SIZE = 200
CENTRE = SIZE / 2


def _star(cx: float, cy: float, outer: float) -> str:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{RED}"/>'


def _arc_text(name: str, radius: float, font_size: float) -> list[str]:
    """The name spread over about 240° of the top arc, each character upright to the centre."""
    span = min(240.0, 22.0 * len(name))
    start = -90 - span / 2
    step = span / max(len(name) - 1, 1)
    chars = []
    for i, char in enumerate(name):
        angle = start + i * step
        x = CENTRE + radius * math.cos(math.radians(angle))
        y = CENTRE + radius * math.sin(math.radians(angle))
        chars.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-size="{font_size}" fill="{RED}" '
            f'font-family="Noto Sans CJK SC" font-weight="bold" text-anchor="middle" '
            f'dominant-baseline="central" transform="rotate({angle + 90:.2f} {x:.2f} {y:.2f})">'
            f"{escape(char)}</text>"
        )
    return chars


def seal_svg(agency_name: str, label: str = "行政执法专用章") -> str:
    """The seal of ``agency_name`` as SVG text (200 × 200 user units)."""
    font_size = 24 if len(agency_name) <= 10 else max(15, 230 / len(agency_name))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" opacity="0.85">',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{CENTRE - 5}" fill="none" stroke="{RED}" '
        'stroke-width="6"/>',
        _star(CENTRE, CENTRE, 30),
        *_arc_text(agency_name, CENTRE - 32, font_size),
        f'<text x="{CENTRE}" y="{CENTRE + 48}" font-size="14" fill="{RED}" '
        f'font-family="Noto Sans CJK SC" text-anchor="middle">{escape(label)}</text>',
        "</svg>",
    ]
    return "".join(parts)
