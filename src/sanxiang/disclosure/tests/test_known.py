"""``publishing.known_from``: what the case record contributes to redaction."""

from __future__ import annotations

from types import SimpleNamespace

from sanxiang.disclosure.publishing import known_from
from sanxiang.disclosure.redaction import find_spans


def _known(persons: dict[str, object]) -> tuple[str, ...]:
    return known_from(parties=[], payloads=[persons], keep=()).names


def test_short_names_under_person_keys_are_names() -> None:
    assert _known({"witness": ["王芳", "司马红梅"]}) == ("王芳", "司马红梅")


def test_long_minority_and_latin_names_are_names_too() -> None:
    # These were dropped by a plain 2–6 character limit, so the record layer missed them.
    names = _known(
        {
            "interviewee": ["艾克拜尔·吐尔逊", "Alexei Petrov"],
            "witness": {"name": "Jonathan Miller"},
            "complainant": "MÜLLER THOMAS",
        }
    )
    assert names == ("艾克拜尔·吐尔逊", "Alexei Petrov", "Jonathan Miller", "MÜLLER THOMAS")


def test_an_address_or_remark_beside_a_person_is_not_a_name() -> None:
    names = _known(
        {
            "witness": {
                "name": "李娜",
                "address": "武汉市硚口区解放大道558号3栋201室",
                "note": "当场签字确认了检查笔录的内容",
                "phone": "13871234567",
            }
        }
    )
    assert names == ("李娜",)


def test_a_recorded_latin_name_is_removed_from_the_text() -> None:
    known = known_from(
        parties=[
            SimpleNamespace(
                kind="individual", name="KIM MINJUN", id_number="", address="", phone="",
                legal_representative="",
            )
        ],
        payloads=[{"witness": ["Jonathan Miller"]}],
        keep=(),
    )  # fmt: skip
    text = "在场人Jonathan Miller证实，KIM MINJUN于当日到岗。"
    removed = {text[s.start : s.end] for s in find_spans(text, known) if s.kind == "name"}
    assert {"Jonathan Miller", "KIM MINJUN"} <= removed
