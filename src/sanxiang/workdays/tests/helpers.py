"""Shared test helpers: the repository file as an independent oracle, a loadable 2027 year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"


class Oracle:
    """Working days straight from the JSON file — no HolidayTable code involved."""

    def __init__(self) -> None:
        document = json.loads((DATA / "holidays.json").read_text(encoding="utf-8"))
        self.off: set[dt.date] = set()
        self.work: set[dt.date] = set()
        years = [y["year"] for y in document["years"]]
        for year in document["years"]:
            self.off.update(dt.date.fromisoformat(d) for d in year["off"])
            self.work.update(dt.date.fromisoformat(d) for d in year["work"])
        self.first = dt.date(min(years), 1, 1)
        self.last = dt.date(max(years), 12, 31)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.off:
            return False
        if day in self.work:
            return True
        return day.weekday() < 5

    def known(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


ORACLE = Oracle()


def example_2027() -> dict[str, Any]:
    """The example file made loadable: the shape of a real 2027 notice."""
    data = json.loads((DATA / "example-2027.json").read_text(encoding="utf-8"))
    del data["example"]
    data["notices"] = ["国务院办公厅关于2027年部分节假日安排的通知（测试数据）"]
    return data
