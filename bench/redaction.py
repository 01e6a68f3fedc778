"""Redaction benchmark: precision and recall per kind on the labelled evaluation set, throughput.

Reads ``src/sanxiang/disclosure/evalset/decisions.json`` (texts written for it, gold spans) and
writes ``bench/results/redaction.json``. Targets (issue 6): recall ≥ 0.99 for ID, phone and bank
numbers, ≥ 0.95 for names.

Scoring, per kind: a gold span is *found* when every one of its characters is covered by a
predicted span of the same kind; it is *removed* when every character is covered by any predicted
span (what matters for a leak). A predicted span is *correct* when it overlaps a gold span of the
same kind. Precision = correct / predicted, recall = found / gold.

Sets: ``decisions.json`` (33 texts, written while the detectors were tuned), ``heldout.json``
(12 texts, first run recall 0.68 on names, then used for fixes) and ``heldout2.json`` (15 texts by
another author, committed before the detector ever ran on them; first run recorded below, then
used for fixes), ``dev3.json`` (15 texts written *while tuning* the round-3 name rules:
training figures; its score before those rules is recorded below), ``heldout3.json`` (30 texts
by an author who never read the detector, committed before its first run: name recall 0.50),
and ``RECORD_SETS`` — ``heldout4``–``heldout26`` (35, 34, 34, 33, 33, 35, 34, 34, 34, 32, 34,
36, 34, 34, 32, 34, 36, 34, 34, 36, 34, 34 and 35 texts by twenty-three more such authors, each
text with the case record it came from, each
committed before its first run and scored twice: on the text alone, and as the platform runs
it, the record's people first).
Rules written after a set's first run make its later figures training figures.
Only first runs are held-out figures.

Presidio (``presidio-analyzer``, dev extra) runs in the same process on the same texts with
pattern recognizers built from the *same* regular expressions and checksums as
``disclosure/redaction.py`` (ID numbers with GB 11643, bank cards with Luhn, mobiles, landlines,
masked numbers, e-mail, property certificates) and no NER model: its default NLP engine
downloads a spaCy model at run time, which this machine cannot; a blank ``spacy.blank("zh")``
pipeline (character tokens) stands in. So it has no names or addresses: its recall is compared on
the pattern kinds only, and its throughput is that of Presidio's machinery over the same patterns.

    .venv/bin/python bench/redaction.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sanxiang.disclosure import redaction as r  # noqa: E402
from sanxiang.disclosure.redaction import Known, Span, find_spans  # noqa: E402

EVALSET = REPO / "src" / "sanxiang" / "disclosure" / "evalset" / "decisions.json"
HELDOUT = EVALSET.with_name("heldout.json")
HELDOUT2 = EVALSET.with_name("heldout2.json")
DEV3 = EVALSET.with_name("dev3.json")
HELDOUT3 = EVALSET.with_name("heldout3.json")
# The held-out set's name recall when it was first run, with the detectors frozen (commit
# 112c890): the honest generalisation figure. Later fixes were made after seeing its misses.
HELDOUT_FIRST_RUN = {"name": {"recall": 0.68, "precision": 0.9444}, "numbers_and_addresses": 1.0}
# The third set's first run, before any change made after seeing it (detector at commit 92a0355):
# names 26 of 45 found (recall 0.578, precision 1.0); every number, address and contact 1.0.
HELDOUT2_FIRST_RUN = {
    "name": {"recall": 0.5778, "precision": 1.0, "gold": 45, "found": 26},
    "numbers_addresses_contacts": 1.0,
}
# The dev3 set scored by the detector before the round-3 rules (commit c0c07fc); the texts were
# written to exercise those rules, so this is not a held-out figure.
DEV3_BEFORE_ROUND3 = {"name": {"recall": 0.5227, "precision": 1.0, "gold": 44, "found": 23}}
# The fourth set (30 texts by an author who never read the detector), first run at commit 520a31a
# (detector after the round-3 rules, a771857..8624fa1), before any change made after seeing it.
HELDOUT3_FIRST_RUN = {
    "name": {"recall": 0.5, "precision": 0.9412, "gold": 128, "found": 64},
    "address": {"recall": 0.8, "precision": 0.8, "gold": 10},
    "phone": {"recall": 1.0, "precision": 0.8235, "gold": 14},
    "id_number": 1.0,
    "bank_account": 1.0,
    "contact": 1.0,
    "property_cert": 1.0,
}
# Sets written with each text's case record, by independent authors, each committed before its
# first run. Their first runs are data, one entry per set in ``redaction_first_runs.json`` (added
# after the set's first run and never edited): ``with_case_record`` is redaction as the platform
# runs it (the record's people removed first, then the detectors), ``detectors_only`` the text
# alone; ``note`` says who wrote it and which detector ran, ``comment`` what the run showed.
FIRST_RUNS = Path(__file__).with_name("redaction_first_runs.json")
RECORD_SETS: dict[str, tuple[dict[str, Any], str]] = {
    name: ({k: entry[k] for k in ("detectors_only", "with_case_record")}, entry["note"])
    for name, entry in json.loads(FIRST_RUNS.read_text(encoding="utf-8")).items()
}
# Each round's first runs pooled: the held-out estimate of name recall as the platform runs.
# Round 11 added the statistical tagger (``disclosure/tagger.py``); rounds 11, 12 and 13 were each
# measured on four fresh sets by four new authors.
FRESH_ROUNDS: dict[str, tuple[str, ...]] = {
    "round 8": ("heldout9", "heldout10"),
    "round 9": ("heldout11", "heldout12"),
    "round 10": ("heldout13", "heldout14"),
    "round 11": ("heldout15", "heldout16", "heldout17", "heldout18"),
    "round 12": ("heldout19", "heldout20", "heldout21", "heldout22"),
    "round 13": ("heldout23", "heldout24", "heldout25", "heldout26"),
}


def pooled_first_runs() -> dict[str, dict[str, Any]]:
    """Name recall at first run, as the platform runs, pooled over each round's fresh sets."""
    out: dict[str, dict[str, Any]] = {}
    for round_name, sets in FRESH_ROUNDS.items():
        runs = [RECORD_SETS[s][0]["with_case_record"]["name"] for s in sets]
        gold = sum(r["gold"] for r in runs)
        found = sum(r["found"] for r in runs)
        out[round_name] = {
            "sets": {s: r["recall"] for s, r in zip(sets, runs, strict=True)},
            "gold": gold,
            "found": found,
            "recall": round(found / gold, 4),
        }
    return out


# Name detections on the national laws and the agencies' policy packs in the repository (132 000
# characters of legal prose with no personal names): every one is a false positive.
# (Outside the repository: /work/shared on the build machine; skipped where absent.)
PROSE = [
    *sorted((REPO.parent / "shared" / "law").glob("*.md")),
    *sorted((REPO.parent / "shared" / "seeds").glob("*.txt")),
]
PATTERN_KINDS = ("id_number", "phone", "bank_account", "contact", "property_cert")
RESULTS = REPO / "bench" / "results" / "redaction.json"
TARGETS = {"id_number": 0.99, "phone": 0.99, "bank_account": 0.99, "name": 0.95}


def _covered(start: int, end: int, spans: list[Span]) -> bool:
    chars = set(range(start, end))
    for s in spans:
        chars -= set(range(s.start, s.end))
    return not chars


Detector = Callable[[str], list[Span]]


def record_known(item: dict[str, Any]) -> Known:
    """What the platform knows before any detector runs: the text's case record turned into
    names, numbers and addresses by the same function publishing uses (``known_from``)."""
    from types import SimpleNamespace

    from sanxiang.disclosure.publishing import known_from

    record = item["record"]
    return known_from(
        parties=[SimpleNamespace(**party) for party in record["parties"]],
        payloads=[record.get("persons", {})],
        keep=(),  # the registry's officers are not in the set: no name is kept for them
    )


def score(
    items: list[dict[str, Any]],
    detect: Detector = find_spans,
    known: Callable[[dict[str, Any]], Known] | None = None,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    tally: dict[str, dict[str, int]] = defaultdict(
        lambda: {"gold": 0, "found": 0, "removed": 0, "predicted": 0, "correct": 0}
    )
    misses: list[dict[str, Any]] = []
    for item in items:
        text = item["text"]
        predicted = detect(text) if known is None else find_spans(text, known(item))
        for g in item["spans"]:
            t = tally[g["kind"]]
            t["gold"] += 1
            same = [p for p in predicted if p.kind == g["kind"]]
            if _covered(g["start"], g["end"], same):
                t["found"] += 1
            else:
                misses.append(
                    {"id": item["id"], "kind": g["kind"], "missed": text[g["start"] : g["end"]]}
                )
            if _covered(g["start"], g["end"], predicted):
                t["removed"] += 1
        for p in predicted:
            t = tally[str(p.kind)]
            t["predicted"] += 1
            if any(
                g["kind"] == p.kind and g["start"] < p.end and p.start < g["end"]
                for g in item["spans"]
            ):
                t["correct"] += 1
            else:
                misses.append(
                    {"id": item["id"], "kind": str(p.kind), "false_positive": text[p.start : p.end]}
                )
    report: dict[str, dict[str, Any]] = {}
    for kind, t in sorted(tally.items()):
        recall = t["found"] / t["gold"] if t["gold"] else None
        report[kind] = {
            **t,
            "precision": round(t["correct"] / t["predicted"], 4) if t["predicted"] else None,
            "recall": round(recall, 4) if recall is not None else None,
            "removed_rate": round(t["removed"] / t["gold"], 4) if t["gold"] else None,
            "target_recall": TARGETS.get(kind),
            "met": (recall >= TARGETS[kind]) if kind in TARGETS and recall is not None else None,
        }
    return report, misses


def throughput(items: list[dict[str, Any]], rounds: int, detect: Detector) -> dict[str, float]:
    texts = [i["text"] for i in items]
    chars = sum(len(t) for t in texts) * rounds
    begin = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            detect(t)
    elapsed = time.perf_counter() - begin
    return {
        "texts_per_s": round(len(texts) * rounds / elapsed, 1),
        "chars_per_s": round(chars / elapsed, 1),
    }


def presidio_detector() -> tuple[Detector | None, str]:
    """Presidio with pattern recognizers made of redaction.py's own regexes and checksums."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
    except ImportError as exc:
        return None, f"not run: {exc}"

    class BlankChinese(SpacyNlpEngine):
        # No model download: a blank Chinese pipeline (character tokens, no NER).
        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": "zh", "model_name": "blank"}])
            self.nlp = {"zh": spacy.blank("zh")}

        def load(self) -> None:
            pass

    def compact(text: str) -> str:
        return re.sub(r"[ -]", "", text)

    class Checked(PatternRecognizer):
        def __init__(self, entity: str, patterns: list[Pattern], check: Callable[[str], bool]):
            super().__init__(supported_entity=entity, patterns=patterns, supported_language="zh")
            self.check = check

        def validate_result(self, pattern_text: str) -> bool:
            return self.check(pattern_text)

    def masked_len(ok: Callable[[int, str], bool]) -> Callable[[str], bool]:
        return lambda t: ok(len(t.replace(" ", "")), t)

    def pat(name: str, rx: re.Pattern[str]) -> Pattern:
        return Pattern(name, rx.pattern, 0.6)

    recognizers = [
        Checked("id_number", [pat("id18", r._ID18)], r.is_resident_id),
        Checked(
            "id_number",
            [pat("id15", r._ID15)],
            lambda t: t[0] in "12345678" and r._plausible_birth("19" + t[6:12]),
        ),
        Checked("id_number", [pat("masked", r._MASKED)], masked_len(lambda n, _: n in (15, 18))),
        # label and number (Presidio has no group capture: the span includes 护照号码：)
        Checked("id_number", [pat("passport", r._PASSPORT)], bool),
        Checked("phone", [pat("mobile", r._MOBILE), pat("landline", r._LANDLINE)], bool),
        Checked(
            "phone",
            [pat("masked", r._MASKED)],
            masked_len(lambda n, t: n == 11 and t.startswith("1")),
        ),
        Checked(
            "bank_account",
            [pat("digits", r._DIGITS)],
            lambda t: 16 <= len(compact(t)) <= 19 and r.luhn_ok(compact(t)),
        ),
        Checked(
            "bank_account",
            [pat("masked", r._MASKED)],
            masked_len(lambda n, t: n >= 12 and n not in (15, 18)),
        ),
        Checked("contact", [pat("email", r._EMAIL)], bool),
        Checked("property_cert", [pat("property", r._PROPERTY)], bool),
    ]
    registry = RecognizerRegistry(supported_languages=["zh"])
    for rec in recognizers:
        registry.add_recognizer(rec)
    engine = AnalyzerEngine(
        registry=registry, nlp_engine=BlankChinese(), supported_languages=["zh"]
    )

    def detect(text: str) -> list[Span]:
        found = engine.analyze(text=text, language="zh")
        return [Span(f.start, f.end, r.Kind(f.entity_type), "presidio") for f in found]

    from importlib.metadata import version

    return detect, f"presidio-analyzer {version('presidio-analyzer')}, spaCy {spacy.__version__}"


def prose_false_names() -> dict[str, Any]:
    chars = 0
    names: dict[str, int] = defaultdict(int)
    for path in PROSE:
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        for span in find_spans(text):
            if span.kind == "name":
                names[text[span.start : span.end]] += 1
    return {
        "files": [p.name for p in PROSE],
        "chars": chars,
        "false_names": sum(names.values()),
        # The detector before this round's changes (commit 92a0355), same files.
        "before_this_round": 319,
        "examples": dict(sorted(names.items(), key=lambda kv: -kv[1])[:10]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanxiang.settings")
    import django

    django.setup()  # for ``known_from`` (the case record → known data); no database is used
    items = json.loads(EVALSET.read_text(encoding="utf-8"))
    report, misses = score(items)
    heldout = json.loads(HELDOUT.read_text(encoding="utf-8"))
    heldout_report, heldout_misses = score(heldout)
    heldout2 = json.loads(HELDOUT2.read_text(encoding="utf-8"))
    heldout2_report, heldout2_misses = score(heldout2)
    dev3 = json.loads(DEV3.read_text(encoding="utf-8"))
    dev3_report, dev3_misses = score(dev3)
    heldout3 = json.loads(HELDOUT3.read_text(encoding="utf-8"))
    heldout3_report, heldout3_misses = score(heldout3)
    every = items + heldout + heldout2 + dev3 + heldout3
    with_records: dict[str, dict[str, Any]] = {}
    for name, (first_run, note) in RECORD_SETS.items():
        texts = json.loads(EVALSET.with_name(f"{name}.json").read_text(encoding="utf-8"))
        alone, alone_errors = score(texts)
        platform_run, platform_errors = score(texts, known=record_known)
        with_records[name] = {
            "texts": len(texts),
            "detectors_only": {"per_kind": alone, "errors": alone_errors},
            "with_case_record": {"per_kind": platform_run, "errors": platform_errors},
            "first_run": first_run,
            "note": note,
        }
        every += texts
    ours = throughput(every, args.rounds, find_spans)
    presidio, presidio_version = presidio_detector()
    comparison: dict[str, Any] = {"version": presidio_version}
    if presidio is not None:
        theirs = throughput(every, args.rounds, presidio)
        ours_all, _ = score(every)
        theirs_all, theirs_misses = score(every, presidio)
        comparison.update(
            {
                "setup": "pattern recognizers from redaction.py's regexes and checksums; "
                "spacy.blank('zh') NLP engine, no NER model (none can be downloaded here)",
                "throughput": theirs,
                "sanxiang_throughput_same_run": ours,
                "speed_ratio_sanxiang_over_presidio": round(
                    ours["chars_per_s"] / theirs["chars_per_s"], 1
                ),
                "recall_on_pattern_kinds_all_sets": {
                    k: {
                        "gold": ours_all[k]["gold"],
                        "sanxiang": ours_all[k]["recall"],
                        "presidio": theirs_all.get(k, {}).get("found", 0) / ours_all[k]["gold"],
                        "presidio_precision": theirs_all.get(k, {}).get("precision"),
                    }
                    for k in PATTERN_KINDS
                    if k in ours_all
                },
                "presidio_misses": [m for m in theirs_misses if m["kind"] in PATTERN_KINDS],
            }
        )
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "load": os.getloadavg()},
        "texts": len(items),
        "per_kind": report,
        "heldout": {
            "texts": len(heldout),
            "per_kind": heldout_report,
            "first_run": HELDOUT_FIRST_RUN,
            "errors": heldout_misses,
        },
        "heldout2": {
            "texts": len(heldout2),
            "per_kind": heldout2_report,
            "first_run": HELDOUT2_FIRST_RUN,
            "errors": heldout2_misses,
            "note": "first_run is the held-out estimate; per_kind is after fixes made on seeing it",
        },
        "dev3": {
            "texts": len(dev3),
            "per_kind": dev3_report,
            "before_round3": DEV3_BEFORE_ROUND3,
            "errors": dev3_misses,
            "note": "written while tuning the round-3 name rules: training figures",
        },
        "heldout3": {
            "texts": len(heldout3),
            "per_kind": heldout3_report,
            "first_run": HELDOUT3_FIRST_RUN,
            "errors": heldout3_misses,
            "note": "independent author; per_kind equals first_run until a change is made after it",
        },
        **with_records,
        "first_runs_pooled": pooled_first_runs(),
        "legal_prose_false_names": prose_false_names(),
        "throughput": ours,
        "presidio": comparison,
        "errors": misses,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    printed = [
        ("train", report),
        ("held-out", heldout_report),
        ("held-out 2", heldout2_report),
        ("dev3", dev3_report),
        ("held-out 3", heldout3_report),
    ]
    for name, entry in with_records.items():
        printed.append((f"{name} alone", entry["detectors_only"]["per_kind"]))
        printed.append((f"{name} +record", entry["with_case_record"]["per_kind"]))
    for name, rep in printed:
        for kind, v in rep.items():
            print(f"{name:16} {kind:14} gold {v['gold']:3} P {v['precision']} R {v['recall']}")
    for round_name, pooled in pooled_first_runs().items():
        print(
            f"first runs {round_name:9} names",
            f"{pooled['found']}/{pooled['gold']} = {pooled['recall']}",
        )
    print("sanxiang", ours)
    print("presidio", json.dumps(comparison, ensure_ascii=False)[:600])


if __name__ == "__main__":
    main()
