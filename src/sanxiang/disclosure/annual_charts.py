"""Server-side SVG charts for the annual report: pure, no Django, no script, no external asset.

The same SVG is inlined in the portal page (works on an intranet with no CDN) and embedded in
the Typst PDF, which draws its text with the CJK fonts it is given. Labels are escaped; the
chart says its figures in text too (``<title>`` and the value beside each bar), so a screen
reader or a text extraction of the PDF reads the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
COLOURS = ("#1f5fa8", "#c0392b", "#7f8c8d", "#2e8b57", "#b7791f", "#6b46c1")
WIDTH = 480
ROW = 30
LABEL_WIDTH = 200
TOP = 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _width_of(text: str) -> int:
    """Rough advance width at 13 px: CJK characters are square, others about half."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)


def bar_chart(title: str, bars: Sequence[Bar], *, unit: str = "件") -> str:
    """A horizontal bar chart, one row per bar, the value written at the end of each bar."""
    height = TOP + ROW * max(len(bars), 1) + 12
    top = max((b.value for b in bars), default=0)
    span = WIDTH - LABEL_WIDTH - 64
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" font-family="{escape(FONT)}">',
        f"<title>{escape(title)}："
        + escape("；".join(f"{b.label} {b.value}{unit}" for b in bars))
        + "</title>",
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    if not bars:
        parts.append(f'<text x="0" y="{TOP + 18}" font-size="13" fill="#555">无数据</text>')
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        length = 0 if top == 0 else max(round(span * bar.value / top), 2 if bar.value else 0)
        label = bar.label
        while _width_of(label) > LABEL_WIDTH - 10 and len(label) > 2:
            label = label[:-2] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" font-size="13" text-anchor="end" '
            f'fill="#222">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{length}" height="18" '
            f'fill="{COLOURS[i % len(COLOURS)]}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 18}" font-size="13" '
            f'fill="#222">{bar.value}{escape(unit)}</text>'
        )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP}" x2="{LABEL_WIDTH}" '
        f'y2="{TOP + ROW * max(len(bars), 1)}" stroke="#999" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _bars(rows: Sequence[dict[str, object]]) -> list[Bar]:
    return [Bar(str(r["label"]), int(str(r["count"]))) for r in rows]


def charts_for(report: dict[str, object]) -> dict[str, str]:
    """The report's charts by name (the HTML page and the PDF show the same ones)."""
    permits = report["permits"]
    inspections = report["inspections"]
    complaints = report["complaints"]
    penalties = report["penalties"]
    publications = report["publications"]
    assert isinstance(permits, dict) and isinstance(inspections, dict)
    assert isinstance(complaints, dict) and isinstance(penalties, dict)
    assert isinstance(publications, dict)
    return {
        "permits": bar_chart(
            "行政许可办理情况",
            [
                Bar("受理申请", int(permits["applications"])),
                Bar("准予许可", int(permits["granted"])),
                Bar("不予许可", int(permits["refused"])),
                Bar("其他许可决定（延续、注销等）", int(permits["other_decisions"])),
                Bar("不予受理", int(permits["not_accepted"])),
            ],
        ),
        "inspections": bar_chart("行政检查结果", _bars(inspections["results"])),
        "complaints": bar_chart("投诉举报分类办理结果", _bars(complaints["by_outcome"])),
        "penalties": bar_chart("行政处罚种类", _bars(penalties["by_type"])),
        "publications": bar_chart(
            "执法结果公示及时性", _bars(publications["by_outcome"]), unit="条"
        ),
    }
