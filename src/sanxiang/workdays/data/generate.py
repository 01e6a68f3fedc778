"""Regenerate ``holidays.json`` from the ``chinesecalendar`` package (development only).

Usage (from the repository root, with the dev extras installed)::

    .venv/bin/python src/sanxiang/workdays/data/generate.py            # rewrite holidays.json
    .venv/bin/python src/sanxiang/workdays/data/generate.py --check    # exit 1 if it would change

``chinesecalendar`` transcribes the State Council holiday notices (国务院办公厅关于YYYY年部分节假日
安排的通知) into Python constants. It is a *development* dependency: this script reads it once and
writes a plain JSON file that the platform ships and reads at run time, so the running platform
never imports ``chinese_calendar`` and the table is reviewable data in the repository.

Two facts the package does not carry are added here:

* which notice a day comes from. December days marked 元旦 (e.g. 2007-12-29 上班, 2007-12-31 放假)
  were announced in the *next* year's notice, so they are filed under that year;
* the notice numbers (文号) we are sure of (``NOTICE_NUMBERS``); other years get the notice title
  only, as the brief asks. Special notices (the 2020 Spring Festival extension, the 2015 70th
  anniversary holiday) are listed in ``EXTRA_NOTICES``.

The format is described in ``README.md`` next to this file and checked by
``sanxiang.workdays.table.parse_year``; the script validates its own output with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("holidays.json")
FORMAT = "sanxiang-holidays/1"

# The package's English names → the names the notices use.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
STATUTORY = frozenset(("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"))

# 文号 of the yearly notices, only where we are certain; the rest carry the title alone.
NOTICE_NUMBERS = {
    2020: "国办发明电〔2019〕16号",
    2021: "国办发明电〔2020〕27号",
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国办发明电〔2025〕7号",
}
EXTRA_NOTICES = {
    2015: ["国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知"],
    2020: ["国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）"],
}


def notice_title(year: int) -> str:
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    number = NOTICE_NUMBERS.get(year)
    return f"{title}（{number}）" if number else title


def notice_year(day: dt.date, name: str) -> int:
    """The year whose notice announced ``day``: late-December 元旦 days belong to the next one."""
    if day.month == 12 and name == "元旦":
        return day.year + 1
    return day.year


def build() -> dict[str, Any]:
    from chinese_calendar import constants  # dev dependency, never imported at run time

    years: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: {"off": {}, "work": {}})
    for kind, source in (("off", constants.holidays), ("work", constants.workdays)):
        for day, english in sorted(source.items()):
            name = NAMES[english]
            years[notice_year(day, name)][kind][day.isoformat()] = name
    entries = []
    for year in sorted(years):
        names = set(years[year]["off"].values()) | set(years[year]["work"].values())
        entry: dict[str, Any] = {
            "year": year,
            "notices": [notice_title(year), *EXTRA_NOTICES.get(year, [])],
            "off": years[year]["off"],
            "work": years[year]["work"],
        }
        special = sorted(names - STATUTORY)
        if special:
            entry["special"] = special
        entries.append(entry)
    import chinese_calendar

    return {
        "format": FORMAT,
        "description": (
            "国务院办公厅部分节假日安排通知中的放假日（off）和调休上班日（work），按通知所属年份分组。"
            " State Council holiday notices: rest days (off) and adjusted working days (work),"
            " grouped by the year of the notice."
        ),
        "generated_by": (
            "src/sanxiang/workdays/data/generate.py from chinesecalendar=="
            f"{getattr(chinese_calendar, '__version__', 'unknown')}"
        ),
        "years": entries,
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if holidays.json is stale")
    args = parser.parse_args(argv)
    text = render(build())
    # Validate with the same parser the platform uses, so a bad generation never lands.
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from sanxiang.workdays.table import parse_document

    parse_document(text)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale; run {Path(__file__).name} to regenerate", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
