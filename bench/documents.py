"""Documents benchmark: a typical 2-page 行政处罚决定书, Typst against Chromium in the same run.

Measures, on the same content: Typst (the engine ``sanxiang.documents.render`` uses) — render
only and render + PAdES signature — and Chromium's HTML-to-PDF (Playwright, Debian's
``/usr/bin/chromium``; a browser page reused across documents, the engine's best case). Each
PDF's text is extracted with pypdf and compared with the document's own text (text fidelity:
the share of its characters that come back, in order-independent counting).

It also measures how long the 文号 counter stays locked per document: since the counter is
taken in its own short transaction (``services._allocate``) rather than around rendering and
signing, that is the allocation transaction alone (SQLite, a fresh database in the temporary
VAR_DIR); the old design held it for allocation + render + signature.

    .venv/bin/python bench/documents.py [--rounds 30] [--chromium-rounds 10]

Writes ``bench/results/documents.json``. Needs the Noto CJK fonts (scripts/install-browser.sh).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import os
import platform
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

REPO = Path(__file__).resolve().parent.parent

from benchsupport import cpu_name, setup_django  # noqa: E402 - a sibling script module

# Django first: the sanxiang imports below need it. SQLite in a throw-away VAR_DIR, migrated.
setup_django(os.environ.get("SANXIANG_VAR_DIR") or tempfile.mkdtemp(prefix="sanxiang-bench-"))

from pypdf import PdfReader  # noqa: E402

from sanxiang.documents import render, signing  # noqa: E402
from sanxiang.documents.context import DocumentData, Section  # noqa: E402
from sanxiang.documents.doctypes import DECISION_SECTIONS  # noqa: E402
from sanxiang.documents.seal import seal_svg  # noqa: E402

RESULTS = REPO / "bench" / "results" / "documents.json"
AGENCY = "武汉市人力资源和社会保障局"
AT = dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC)

BODY = {
    "party_info": "当事人：某某科技有限公司，统一社会信用代码：91420100XXXXXXXXXX，"
    "法定代表人：李四，住所：武汉市江汉区某某路88号。",
    "facts_and_evidence": "经查，当事人自2025年6月至2026年2月期间，"
    "未按规定与12名劳动者订立书面劳动合同，"
    "且未依法足额支付加班工资。上述事实有现场检查笔录、询问笔录、工资发放记录、考勤记录、"
    "劳动者证言等证据证明，证据确实充分。" * 2,
    "circumstances": "当事人在调查期间主动改正违法行为，补签劳动合同并补发工资，"
    "依据《湖北省人力资源和社会保障行政处罚自由裁量权基准》，属于从轻处罚情形。",
    "legal_basis": "《劳动保障监察条例》第二十四条、第二十六条；"
    "《中华人民共和国劳动合同法》第八十二条；"
    "《武汉市人力资源和社会保障局行政处罚自由裁量权细化标准》第三条第（二）项。",
    "measures": "决定给予当事人罚款人民币贰万元整的行政处罚。"
    "当事人应当自收到本决定书之日起十五日内，"
    "到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。",
    "remedies": "当事人如不服本决定，可以在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。复议、诉讼期间，本决定不停止执行。",
}


def decision() -> DocumentData:
    numerals = "一二三四五六"
    return DocumentData(
        agency=AGENCY,
        title="行政处罚决定书",
        layout="letter",
        number="武人社罚〔2026〕12号",
        case_number="市人社局〔2026〕3号",
        date="二〇二六年十一月二十三日",
        verify_code="7K3M9Q2X4T8V",
        addressee="某某科技有限公司",
        intro=["本机关对某某科技有限公司涉嫌违反劳动保障法律法规一案依法作出如下决定："],
        sections=[
            Section(f"{numerals[n]}、{heading}", [BODY[key]])
            for n, (key, heading) in enumerate(DECISION_SECTIONS)
        ],
    )


def document_text(data: DocumentData) -> str:
    parts = [data.agency, data.number, data.title, data.addressee, *data.intro]
    for section in data.sections:
        parts += [section.heading, *section.paragraphs]
    return "".join([*parts, data.agency, data.date])


def as_html(data: DocumentData) -> str:
    body = "".join(
        f"<h3>{html.escape(s.heading)}</h3>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in s.paragraphs)
        for s in data.sections
    )
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 1.6; }}
.agency {{ color: #d40000; text-align: center; font: bold 26pt "Noto Sans CJK SC"; }}
.number {{ text-align: center; border-bottom: 1pt solid #d40000; padding-bottom: 2mm; }}
h1 {{ text-align: center; font: bold 22pt "Noto Sans CJK SC"; }}
h3 {{ font: bold 16pt "Noto Sans CJK SC"; margin: 0; }}
p {{ text-indent: 2em; margin: 0; text-align: justify; }}
.signoff {{ text-align: right; margin-top: 12mm; }}
.seal {{ position: relative; left: 60%; width: 42mm; margin-top: -30mm; }}
</style></head><body>
<div class="agency">{html.escape(data.agency)}</div>
<div class="number">{html.escape(data.number)}</div>
<h1>{html.escape(data.title)}</h1><p style="text-indent:0">{html.escape(data.addressee)}：</p>
<p>{html.escape(data.intro[0])}</p>{body}
<div class="signoff">{html.escape(data.agency)}<br>{html.escape(data.date)}</div>
<div class="seal">{seal_svg(data.agency)}</div>
</body></html>"""


def fidelity(pdf: bytes, expected: str) -> float:
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    want = Counter(re.sub(r"\s+", "", expected))
    got = Counter(text)
    return sum(min(n, got[c]) for c, n in want.items()) / sum(want.values())


def timed(fn: Any, rounds: int) -> tuple[list[float], Any]:
    result = fn()  # warm-up (fonts loaded, page created)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> dict[str, float]:
    return {
        "docs_per_second": round(len(times) / sum(times), 2),
        "median_ms": round(median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
    }


def bench_typst(data: DocumentData, rounds: int) -> dict[str, Any]:
    seal = seal_svg(AGENCY)

    def render_only() -> bytes:
        return render.render_pdf(data, seal_svg=seal, verify_url="http://localhost/v", at=AT)

    def render_and_sign() -> bytes:
        return signing.sign_pdf(render_only(), slug="wuhan-rsj", name=AGENCY, reason="bench")

    render_times, pdf = timed(render_only, rounds)
    sign_times, signed = timed(render_and_sign, rounds)
    return {
        "render": summary(render_times),
        "render_and_sign": summary(sign_times),
        "pages": render.page_count(pdf),
        "bytes": len(pdf),
        "signed_bytes": len(signed),
        "text_fidelity": round(fidelity(pdf, document_text(data)), 4),
    }


def bench_numbering(rounds: int, render_and_sign_ms: float) -> dict[str, Any]:
    from django.db import transaction

    from sanxiang.documents.counters import next_number
    from sanxiang.registry.models import Agency

    agency = Agency.objects.get_or_create(slug="wuhan-rsj", defaults={"name": AGENCY})[0]

    def allocate() -> None:
        with transaction.atomic():
            next_number(agency=agency, doc_type="penalty_decision", year=2026)

    times, _ = timed(allocate, rounds)
    held = summary(times)
    return {
        "database": "sqlite",
        "counter_lock_held": held,
        "counter_lock_held_before_ms_median": round(held["median_ms"] + render_and_sign_ms, 1),
    }


def bench_chromium(data: DocumentData, rounds: int) -> dict[str, Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "no /usr/bin/chromium (scripts/install-browser.sh)"}
    page_html = as_html(data)
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_page()

        def render_once() -> bytes:
            page.set_content(page_html)
            return page.pdf(format="A4", prefer_css_page_size=True)

        times, pdf = timed(render_once, rounds)
        browser.close()
    return {
        "render": summary(times),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
        "text_fidelity": round(fidelity(pdf, document_text(data)), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--chromium-rounds", type=int, default=10)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    data = decision()
    load_before = os.getloadavg()
    typst_result = bench_typst(data, args.rounds)
    chromium_result = bench_chromium(data, args.chromium_rounds)
    numbering_result = bench_numbering(args.rounds, typst_result["render_and_sign"]["median_ms"])
    load_after = os.getloadavg()
    result: dict[str, Any] = {
        "benchmark": "documents",
        "document": "行政处罚决定书 (six sections, seal, QR code)",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu": cpu_name(),
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
        },
        "typst": typst_result,
        "chromium": chromium_result,
        "numbering": numbering_result,
    }
    if "render" in chromium_result:
        result["typst_speedup_over_chromium"] = round(
            typst_result["render"]["docs_per_second"]
            / chromium_result["render"]["docs_per_second"],
            1,
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
