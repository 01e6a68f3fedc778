"""What a party may see of their own case: every third party's identity removed. No Django.

市人社局 第二十九条第四款 / 武汉市科技局 第二十九条第三款: the party may read and copy the records
about them, but not 举报人、投诉人 or other third parties' information. Third parties are named in
known record fields (witnesses, interviewees, the source of a complaint); their names are removed
there and wherever else they appear in the same case's records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MASK = "［第三人信息已隐去］"
# Record fields that identify someone other than the party (cases/records.py).
THIRD_PARTY_FIELDS = frozenset(
    {
        "witness",
        "witnesses",
        "interviewee",
        "clue",  # 案源线索: names the informant of a complaint case
        "notified",  # 告知投诉人、举报人的情况
        "informant",
        "complainant",
        "reporter",
        "third_parties",
    }
)


def _names_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value.strip()} if value.strip() else set()
    if isinstance(value, list):
        return {name for item in value for name in _names_in(item)}
    if isinstance(value, Mapping):
        return {name for item in value.values() for name in _names_in(item)}
    return set()


def third_party_names(payloads: Iterable[Mapping[str, Any]], *, party_names: set[str]) -> set[str]:
    """Names found in third-party fields of any payload, except the requesting party's own."""
    found: set[str] = set()
    for payload in payloads:
        for key, value in payload.items():
            if key in THIRD_PARTY_FIELDS:
                found |= _names_in(value)
    return {name for name in found if name not in party_names and len(name) >= 2}


def redact(value: Any, names: set[str]) -> Any:
    """A copy of ``value`` with third-party fields masked and ``names`` removed from text."""
    if isinstance(value, Mapping):
        return {
            key: (MASK if key in THIRD_PARTY_FIELDS and item else redact(item, names))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item, names) for item in value]
    if isinstance(value, str):
        # Longest first, so a name containing another is removed whole.
        for name in sorted(names, key=len, reverse=True):
            value = value.replace(name, MASK)
        return value
    return value
