"""执法流程图 — SVG flowcharts drawn from the procedures the cases app enforces.

Pure (no Django): a procedure of the resolved pack (``policy.schema.Procedure``) goes in, an SVG
string comes out. The published chart is therefore the enforced process (issue 6: 流程图 from
the same definitions; 市人社局公示办法 第六条第一款第（四）项, 武汉市科技局公示办法
第八条第（五）项, 东西湖 三（一）1, 柳州 第七条第（三）项): change a stage or a transition
in the pack and the chart changes with it.

Layout: stages in layers from top to bottom by their longest distance from the initial stage
(arrows that lead back set aside), in pack order within a layer. A transition to a lower layer
is a straight arrow; one that goes back up or sideways (补正 → 受理, 中止 → 调查) is routed around
the right-hand side so that it never crosses a box. Labels are text, not paths, in the local CJK
font ("Noto Sans CJK SC", installed from Debian's fonts-noto-cjk) with system fallbacks, so the
chart stays readable and searchable without any web font.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from sanxiang.policy.schema import Procedure

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
)
FONT_SIZE = 14
BOX_WIDTH = 220
LINE_HEIGHT = 19
BOX_PAD = 12
LAYER_GAP = 64
COLUMN_GAP = 36
MARGIN = 24
# Back edges run in lanes to the right of the boxes, one lane per edge.
LANE_GAP = 18
LABEL_ROOM = 190

_SIMPLE_FACT = re.compile(r"^(!?)\s*([a-z_][a-z0-9_]*)$")


@dataclass(frozen=True)
class Box:
    stage_id: str
    label: str
    lines: tuple[str, ...]
    x: float
    y: float
    height: float
    initial: bool
    terminal: bool

    @property
    def center_x(self) -> float:
        return self.x + BOX_WIDTH / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Edge:
    transition_id: str
    source: str
    target: str
    caption: str
    condition: str


def text_width(text: str) -> float:
    """Rendered width estimate: a CJK character is one em, ASCII about half."""
    return sum(FONT_SIZE if ord(ch) > 0x2E7F else FONT_SIZE * 0.55 for ch in text)


def wrap(text: str, width: float = BOX_WIDTH - 2 * BOX_PAD) -> tuple[str, ...]:
    """Break a label into lines that fit the box (CJK breaks anywhere; 、，（ start no line)."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and text_width(current + ch) > width and ch not in "，、。）)；：":
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def caption_of(
    label: str | None, when: str | None, fact_labels: Mapping[str, str]
) -> tuple[str, str]:
    """The words on an arrow and the full condition behind it.

    A pack label wins; a condition naming one fact reads as that fact's label (否定: 不…); any other
    condition is shown as 附条件 with the expression kept in the arrow's tooltip.
    """
    condition = when or ""
    if label:
        return label, condition
    if not when:
        return "", ""
    match = _SIMPLE_FACT.match(when.strip())
    if match and match.group(2) in fact_labels:
        text = fact_labels[match.group(2)]
        return (f"否：{text}" if match.group(1) else text), condition
    return "附条件", condition


def layers(procedure: Procedure) -> dict[str, int]:
    """Layer of each stage: its longest distance from the initial stage once the arrows that
    lead back (a depth-first search from the initial stage finds them) are set aside, so the
    main line of the procedure reads straight down; unreachable stages go last."""
    successors: dict[str, list[str]] = {s.id: [] for s in procedure.stages}
    for t in procedure.transitions:
        for source in t.from_:
            if t.to in successors and source in successors:
                successors[source].append(t.to)
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order: list[str] = []
    stack: list[tuple[str, int]] = [(procedure.initial, 0)]
    state[procedure.initial] = 1
    while stack:
        node, i = stack.pop()
        if i < len(successors[node]):
            stack.append((node, i + 1))
            nxt = successors[node][i]
            if state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, 0))
        else:
            state[node] = 2
            order.append(node)
    depth = {procedure.initial: 0}
    for node in reversed(order):  # reverse post-order is a topological order of the rest
        for nxt in successors[node]:
            if (node, nxt) not in back and node in depth:
                depth[nxt] = max(depth.get(nxt, 0), depth[node] + 1)
    last = max(depth.values(), default=0)
    return {s.id: depth.get(s.id, last + 1) for s in procedure.stages}


def layout(procedure: Procedure) -> list[Box]:
    depth = layers(procedure)
    rows: dict[int, list[str]] = {}
    for stage in procedure.stages:
        rows.setdefault(depth[stage.id], []).append(stage.id)
    widest = max(len(r) for r in rows.values())
    total_width = widest * BOX_WIDTH + (widest - 1) * COLUMN_GAP
    labels = {s.id: s.label for s in procedure.stages}
    boxes: list[Box] = []
    y = float(MARGIN)
    for level in sorted(rows):
        ids = rows[level]
        wrapped = {i: wrap(labels[i]) for i in ids}
        height = max(len(lines) for lines in wrapped.values()) * LINE_HEIGHT + 2 * BOX_PAD
        row_width = len(ids) * BOX_WIDTH + (len(ids) - 1) * COLUMN_GAP
        x = MARGIN + (total_width - row_width) / 2
        for stage_id in ids:
            boxes.append(
                Box(
                    stage_id=stage_id,
                    label=labels[stage_id],
                    lines=wrapped[stage_id],
                    x=x,
                    y=y,
                    height=height,
                    initial=stage_id == procedure.initial,
                    terminal=stage_id in procedure.terminal,
                )
            )
            x += BOX_WIDTH + COLUMN_GAP
        y += height + LAYER_GAP
    return boxes


def edges(procedure: Procedure, fact_labels: Mapping[str, str]) -> list[Edge]:
    found = []
    for t in procedure.transitions:
        caption, condition = caption_of(t.label, t.when, fact_labels)
        for source in t.from_:
            found.append(Edge(t.id, source, t.to, caption, condition))
    return found


def _text(x: float, y: float, lines: tuple[str, ...], css: str, anchor: str = "middle") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{spans}</text>'


def render(
    procedure: Procedure,
    *,
    title: str,
    fact_labels: Mapping[str, str] | None = None,
) -> str:
    """The SVG of one procedure: one box per stage, one arrow per transition (and source)."""
    boxes = layout(procedure)
    by_id = {b.stage_id: b for b in boxes}
    arrows = edges(procedure, fact_labels or {})
    right = max(b.x + BOX_WIDTH for b in boxes)
    bottom = max(b.bottom for b in boxes)
    depth = layers(procedure)
    # Sideways and upward arrows, and downward ones that would cross a layer of boxes, take a
    # lane on the right.
    side = [
        e
        for e in arrows
        if e.source in by_id
        and e.target in by_id
        and not 0 < depth[e.target] - depth[e.source] <= 1
    ]
    lane_of = {id(e): i for i, e in enumerate(side)}
    width = right + MARGIN + (len(side) + 1) * LANE_GAP + LABEL_ROOM
    height = bottom + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'font-family={quoteattr(FONT_FAMILY)} font-size="{FONT_SIZE}">',
        f'<title id="t">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0 0L10 5L0 10z" fill="#333"/></marker></defs>',
        "<style>.stage{fill:#fff;stroke:#1f4e79;stroke-width:1.5}"
        ".stage.initial{fill:#e8f1fb}.stage.terminal{fill:#f2f2f2;stroke-dasharray:4 2}"
        ".edge path{fill:none;stroke:#333;stroke-width:1.2}"
        ".edge.back path{stroke:#7a5c00;stroke-dasharray:5 3}"
        ".stage-label{fill:#111}.edge-label{fill:#444;font-size:12px}</style>",
    ]
    for e in arrows:
        if e.source not in by_id or e.target not in by_id:
            continue
        src, dst = by_id[e.source], by_id[e.target]
        attrs = (
            f"data-transition={quoteattr(e.transition_id)} data-from={quoteattr(e.source)} "
            f"data-to={quoteattr(e.target)}"
        )
        tooltip = f"<title>{escape(e.caption or e.transition_id)}" + (
            f"（条件：{escape(e.condition)}）</title>" if e.condition else "</title>"
        )
        if id(e) in lane_of:
            lane_x = right + (lane_of[id(e)] + 1) * LANE_GAP
            y1 = src.y + src.height / 2
            y2 = dst.y + dst.height / 2 + (4 if y1 == dst.y + dst.height / 2 else 0)
            d = f"M{src.x + BOX_WIDTH:.1f} {y1:.1f}H{lane_x:.1f}V{y2:.1f}H{dst.x + BOX_WIDTH:.1f}"
            label_xy = (lane_x + 4, (y1 + y2) / 2)
            css = "edge back" if depth[e.target] <= depth[e.source] else "edge skip"
            parts.append(
                f'<g class="{css}" {attrs}>{tooltip}<path d="{d}" marker-end="url(#arrow)"/>'
            )
            anchor = "start"
        else:
            x1, y1 = src.center_x, src.bottom
            x2, y2 = dst.center_x, dst.y
            d = f"M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}"
            label_xy = ((x1 + x2) / 2 + 6, (y1 + y2) / 2)
            parts.append(
                f'<g class="edge" {attrs}>{tooltip}<path d="{d}" marker-end="url(#arrow)"/>'
            )
            anchor = "start"
        if e.caption:
            parts.append(
                _text(
                    label_xy[0], label_xy[1], wrap(e.caption, LABEL_ROOM - 10), "edge-label", anchor
                )
            )
        parts.append("</g>")
    for b in boxes:
        css = "stage" + (" initial" if b.initial else "") + (" terminal" if b.terminal else "")
        parts.append(
            f'<g class="node" data-stage={quoteattr(b.stage_id)}>'
            f'<rect class="{css}" x="{b.x:.1f}" y="{b.y:.1f}" width="{BOX_WIDTH}" '
            f'height="{b.height:.1f}" rx="8"/>'
        )
        first_baseline = b.y + BOX_PAD + FONT_SIZE
        parts.append(
            _text(b.center_x, first_baseline, b.lines, "stage-label").replace(
                "<text ", f"<text aria-label={quoteattr(b.label)} ", 1
            )
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
