"""Portal search benchmark: the bigram index against a plain ``LIKE`` scan, 1,000,000 results.

Builds a temporary database (SQLite by default, WAL as deployed; PostgreSQL when run under
``scripts/with-postgres.sh`` with ``--postgres``) holding ``--docs`` published results with
realistic summaries (文号, 对象, 事项, 决定, 日期; one in ten with a full decision text), indexes
them with the same code as ``sanxiang disclosure reindex`` (timed), then measures in one run:

* the portal's first page (20 rows, newest first, as ``Publication`` objects) **plus** the total
  count capped at ``search.COUNT_CAP`` — what ``/gongshi/results/?q=`` costs — for 1-, 2-, 3+-
  character and two-term queries, common and rare, with and without the agency filter;
* the exact, uncapped count for the same queries (what an exact "共 N 条" would cost);
* the plain ``LIKE``/``icontains`` scan the index replaced (first page + exact count), for a
  subset of the queries (each takes seconds).

Writes ``bench/results/search.json``. Target (issue 6): p95 < 50 ms at 1,000,000 results.

    .venv/bin/python bench/search.py [--docs 1000000] [--rounds 5] [--like-queries 6]

On PostgreSQL the database outlives the run when the server does: ``--reuse`` keeps the results
an earlier run loaded (when there are ``--docs`` of them), ``--reuse-index`` the index too (a
migration may have rewritten it; it is only re-analysed). Timings of such runs are for
comparing changes; the figures in ``bench/results`` come from fresh runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

from benchsupport import cpu_name, setup_django  # noqa: E402 - a sibling script module

RESULTS = REPO / "bench" / "results" / "search.json"
PAGE = 20

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤聂"  # noqa: E501
TRADE = [
    "鑫达",
    "华兴",
    "宏图",
    "金桥",
    "恒信",
    "楚天",
    "江城",
    "汉正",
    "荆楚",
    "长江",
    "东湖",
    "光谷",
    "晴川",
    "汇通",
    "佳源",
    "博远",
    "瑞丰",
    "新洲",
    "盛世",
    "安泰",
    "福临",
    "远航",
    "银河",
    "天成",
]
BUSINESS = [
    "建筑劳务",
    "餐饮管理",
    "商贸",
    "物业服务",
    "科技",
    "人力资源",
    "家政服务",
    "运输",
    "装饰工程",
    "电子商务",
    "医药",
    "教育咨询",
]
CITIES = ["武汉市", "柳州市", "武汉市硚口区", "武汉市东西湖区", "武汉市江汉区", "武汉市洪山区"]
MATTERS = [
    ("行政处罚决定", "未依法与劳动者订立书面劳动合同", "责令改正，罚款{n}元"),
    ("行政处罚决定", "拖欠劳动者工资{n}元", "责令支付，加付赔偿金{m}元"),
    ("行政处罚决定", "未按规定参加工伤保险", "责令限期改正，罚款{n}元"),
    (
        "行政处罚决定",
        "违反《中华人民共和国食品安全法》第三十四条经营超过保质期食品",
        "没收违法所得{m}元，罚款{n}元",
    ),
    ("行政许可决定", "申请人力资源服务许可", "准予许可，许可证编号{lic}"),
    ("行政许可决定", "申请科技企业孵化器认定", "准予认定"),
    ("行政检查结果", "劳动保障书面审查", "未发现违法行为"),
    ("行政检查结果", "“双随机、一公开”抽查", "发现问题已责令整改"),
    ("行政处罚决定", "以欺骗手段骗取社会保险待遇", "责令退回{m}元，处骗取金额二倍罚款"),
    ("行政给付决定", "法律援助申请", "给予法律援助"),
]
AGENCIES = [
    ("wuhan-rsj", "武汉市人力资源和社会保障局", "武人社"),
    ("liuzhou-kjj", "柳州市科学技术局", "柳科"),
    ("qiaokou-rzj", "武汉市硚口区人力资源局", "硚人社"),
    ("wuhan-kjj", "武汉市科学技术局", "武科"),
    ("dongxihu-sfj", "武汉市东西湖区司法局", "东司"),
]
FULL_TEXT = (
    "经查，当事人于{y}年{mo}月至{y}年{mo2}月期间，在{city}{trade}路{no}号经营场所{matter}，"
    "有现场检查笔录、询问笔录、工资发放记录等证据证实。本机关于{y}年{mo2}月{d}日向当事人送达"
    "《行政处罚告知书》，告知其享有陈述、申辩和要求听证的权利，当事人在法定期限内未提出陈述申辩。"
    "本机关认为，当事人的上述行为违反了《中华人民共和国劳动合同法》第十条的规定，依据第八十二条"
    "及《劳动保障监察条例》第二十六条的规定，决定如下：{decision}。当事人应当自收到本决定书之日起"
    "十五日内到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。如不服本决定，"
    "可在收到本决定书之日起六十日内向{city}人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。"
)


def machine() -> dict[str, Any]:
    cpu = cpu_name()
    import django
    from django.db import connection

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "database": connection.vendor,
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "note": "shared build machine; other jobs ran at the same time (see load averages)",
    }


def company(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(TRADE)}{rng.choice(BUSINESS)}有限公司"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(("某", "某某"))


def document(rng: random.Random, i: int) -> tuple[int, str, str]:
    """(agency index, title, search_text) shaped like ``services._search_text``."""
    a = rng.randrange(len(AGENCIES))
    _slug, name, short = AGENCIES[a]
    label, matter, decision = rng.choice(MATTERS)
    n = rng.choice((2000, 3000, 5000, 8000, 10000, 20000, 50000))
    decision = decision.format(n=n, m=rng.randrange(500, 90000), lic=f"{rng.randrange(10**6):06d}")
    year = rng.choice((2024, 2025, 2026))
    number = f"{short}{'罚' if '处罚' in label else '许'}〔{year}〕{rng.randrange(1, 3000)}号"
    target = company(rng) if rng.random() < 0.7 else person(rng)
    date = f"{year}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日"
    title = f"{name}{label}（{number}）"
    parts = [
        title,
        label,
        name,
        number,
        target,
        matter,
        f"{target}{matter}",
        "《中华人民共和国行政处罚法》第二十八条",
        decision,
        name,
        date,
    ]
    if rng.random() < 0.1:
        parts.append(
            FULL_TEXT.format(
                y=year,
                mo=rng.randrange(1, 6),
                mo2=rng.randrange(6, 13),
                d=rng.randrange(1, 29),
                city=rng.choice(CITIES),
                trade=rng.choice(TRADE),
                no=rng.randrange(1, 999),
                matter=matter,
                decision=decision,
            )
        )
    return a, title, "\n".join(parts)


def load(docs: int, seed: int) -> dict[str, Any]:
    """Bulk-insert published results (bypassing the services: this measures reads)."""
    from django.db import connection, transaction

    from sanxiang.disclosure.models import Publication
    from sanxiang.registry.models import Agency

    agencies = [
        Agency.objects.get_or_create(slug=s, defaults={"name": n})[0] for s, n, _ in AGENCIES
    ]
    rng = random.Random(seed)
    fields = [f for f in Publication._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO disclosure_publication ({columns}) VALUES ({marks})"
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    base: dict[str, Any] = {}
    for f in fields:
        if f.has_default():
            base[f.attname] = f.get_default()
        elif f.null:
            base[f.attname] = None
        else:
            base[f.attname] = ""
    base.update(
        case_id=1,
        item_label="行政执法结果",
        approver_role="leader",
        status="published",
        decided_on=dt.date(2026, 1, 1),
        due_on=dt.date(2026, 1, 10),
        ledger_index=0,
    )
    chars = 0
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")
    batch = 5000
    for lo in range(0, docs, batch):
        rows = []
        for i in range(lo, min(lo + batch, docs)):
            a, title, text = document(rng, i)
            chars += len(text)
            # About one result a minute over two years, with the odd tie.
            at = start + dt.timedelta(seconds=i * 63 // 1)
            values = dict(
                base,
                agency_id=agencies[a].pk,
                item_id=f"bench-{i}",
                title=title,
                search_text=text,
                published_at=at,
                created_at=at,
                updated_at=at,
            )
            rows.append([f.get_db_prep_save(values[f.attname], connection) for f in fields])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    seconds = time.perf_counter() - t0
    return {"docs": docs, "avg_chars": round(chars / docs, 1), "load_seconds": round(seconds, 1)}


def _held(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # a fixed name
        return int(cursor.fetchone()[0])


def index() -> dict[str, Any]:
    from sanxiang.disclosure import search

    t0 = time.perf_counter()
    n = search.rebuild(batch=5000)
    seconds = time.perf_counter() - t0
    analyze()
    return {"indexed": n, "seconds": round(seconds, 1), "per_second": round(n / seconds)}


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO disclosure_search_fts(disclosure_search_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE disclosure_search_key")
            cursor.execute("ANALYZE disclosure_publication")


QUERIES: list[tuple[str, str, str | None]] = [
    # (label, query, agency slug)
    ("1 char, in most results", "罚", None),
    ("1 char, a surname", "聂", None),
    ("1 char, a surname, one agency", "聂", "liuzhou-kjj"),
    ("2 chars, common", "罚款", None),
    ("2 chars, anonymised name", "王某", None),
    ("2 chars, rare", "晴川", None),
    ("2 chars, common, one agency", "许可", "wuhan-kjj"),
    ("3+ chars, company kind", "劳务有限公司", None),
    ("3+ chars, document number", "武人社罚〔2025〕12", None),
    ("3+ chars, a company", "江城鑫达建筑劳务", None),
    ("3+ chars, absent", "不存在的词语", None),
    ("two terms", "王某 罚款", None),
    ("two terms, one agency", "工伤保险 5000", "qiaokou-rzj"),
    ("1+2 chars", "聂 加付", None),
]


def _agency(slug: str | None) -> Any:
    from sanxiang.registry.models import Agency

    return Agency.objects.get(slug=slug) if slug else None


def first_page_index(query: str, agency: Any) -> tuple[float, int, bool]:
    from django.core.paginator import Paginator

    from sanxiang.disclosure import selectors

    t0 = time.perf_counter()
    results = selectors.search(query=query, agency=agency)
    page = Paginator(results, PAGE).get_page(1)
    rows = list(page.object_list)
    total = page.paginator.count
    elapsed = time.perf_counter() - t0
    assert len(rows) == min(PAGE, total)
    return elapsed, total, results.more


def exact_count_index(query: str, agency: Any) -> tuple[float, int]:
    from sanxiang.disclosure import search

    t0 = time.perf_counter()
    results = search.Results(
        terms=search.query_terms(query),
        agency_id=agency.pk if agency else None,
        cap=10**9,
        budget=None,
    )
    n = results.count()
    return time.perf_counter() - t0, n


def first_page_like(query: str, agency: Any) -> tuple[float, int]:
    from django.core.paginator import Paginator
    from django.db.models import Q

    from sanxiang.disclosure.models import Publication

    t0 = time.perf_counter()
    qs = Publication.objects.filter(status__in=("published", "withdrawal_due")).select_related(
        "agency"
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    for term in query.split():
        qs = qs.filter(Q(search_text__icontains=term))
    page = Paginator(qs.order_by("-published_at", "-id"), PAGE).get_page(1)
    rows = list(page.object_list)
    total = page.paginator.count
    assert len(rows) == min(PAGE, total)
    return time.perf_counter() - t0, total


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def ms(x: float) -> float:
    return round(x * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the queries")
    parser.add_argument("--like-queries", type=int, default=6, help="queries for the LIKE scan")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--postgres", action="store_true", help="use SANXIANG_DATABASE_URL")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: keep the results already in the database when it holds --docs of them "
        "(from an earlier run on the same server), load otherwise",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --reuse: keep the search index too when it holds them all (no rebuild)",
    )
    args = parser.parse_args()

    load_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="sanxiang-bench-search-") as var_dir:
        setup_django(var_dir, postgres=args.postgres)
        from sanxiang.disclosure import search

        reused = args.reuse and args.postgres and _held("disclosure_publication") == args.docs
        if reused:
            data = {"docs": args.docs, "reused": True}
        else:
            print(f"loading {args.docs} published results …", flush=True)
            data = load(args.docs, args.seed)
        print(f"  {data}", flush=True)
        if reused and args.reuse_index and _held("disclosure_search_key") == args.docs:
            built = {"indexed": args.docs, "reused": True}
            analyze()
        else:
            print("indexing (as `sanxiang disclosure reindex`) …", flush=True)
            built = index()
        print(f"  {built}", flush=True)

        # Warm-up: one untimed pass (page cache), then timed rounds in a fresh order each time.
        for _, q, slug in QUERIES:
            first_page_index(q, _agency(slug))
        per_query: dict[str, dict[str, Any]] = {}
        all_times: list[float] = []
        rng = random.Random(args.seed)
        for _ in range(args.rounds):
            order = list(QUERIES)
            rng.shuffle(order)
            for label, q, slug in order:
                elapsed, total, more = first_page_index(q, _agency(slug))
                entry = per_query.setdefault(
                    label,
                    {"query": q, "agency": slug, "times": [], "count_shown": total, "more": more},
                )
                entry["times"].append(elapsed)
                all_times.append(elapsed)
        for label, q, slug in QUERIES:
            elapsed, exact = exact_count_index(q, _agency(slug))
            per_query[label]["exact_count"] = exact
            per_query[label]["exact_count_ms"] = ms(elapsed)
        like: dict[str, dict[str, Any]] = {}
        like_times: list[float] = []
        picked = [QUERIES[i] for i in (0, 3, 4, 7, 10, 11, 1, 13)][: args.like_queries]
        for label, q, slug in picked:
            elapsed, total = first_page_like(q, _agency(slug))
            like[label] = {"query": q, "ms": ms(elapsed), "count": total}
            like_times.append(elapsed)
            # The index must agree with the scan on what it counts (up to the cap).
            assert per_query[label]["exact_count"] == total, (label, total)
            print(f"  LIKE {label}: {ms(elapsed)} ms, {total} rows", flush=True)
        index_same = [t for label, *_ in picked for t in per_query[label]["times"]]

        result = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "load_average_at_start": load_start,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
            "data": data,
            "index_build": built,
            "page_size": PAGE,
            "count_cap": search.COUNT_CAP,
            "index_first_page_with_capped_count": {
                "samples": len(all_times),
                "p50_ms": ms(statistics.median(all_times)),
                "p95_ms": ms(pct(all_times, 95)),
                "max_ms": ms(max(all_times)),
                "target_p95_ms": 50,
                "met": pct(all_times, 95) < 0.050,
            },
            "per_query": {
                label: {
                    "query": e["query"],
                    "agency": e["agency"],
                    "p50_ms": ms(statistics.median(e["times"])),
                    "max_ms": ms(max(e["times"])),
                    "count_shown": e["count_shown"],
                    "shown_as_more_than_cap": e["more"],
                    "exact_count": e["exact_count"],
                    "exact_count_ms": e["exact_count_ms"],
                }
                for label, e in per_query.items()
            },
            "like_scan_first_page_with_exact_count": {
                "queries": like,
                "p50_ms": ms(statistics.median(like_times)),
                "max_ms": ms(max(like_times)),
                "index_p50_ms_same_queries": ms(statistics.median(index_same)),
                "speedup_p50": round(statistics.median(like_times) / statistics.median(index_same)),
            },
        }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(result["index_first_page_with_capped_count"], ensure_ascii=False))
    print(json.dumps(result["like_scan_first_page_with_exact_count"], ensure_ascii=False)[:400])


if __name__ == "__main__":
    main()
