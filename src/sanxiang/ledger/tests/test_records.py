"""The record's canonical bytes are RFC 8785 JCS, whichever encoder path produces them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from sanxiang.ledger.records import (
    RECORD_VERSION,
    Record,
    RecordError,
    append_records,
    canonical_bytes,
    canonical_json,
    check_event,
    shanghai_iso,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=1000)
@given(json_values)
def test_canonical_json_is_jcs(value: object) -> None:
    try:
        expected = rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, UnicodeEncodeError, ValueError):
        with pytest.raises(RecordError):
            canonical_json(value)
        return
    assert canonical_json(value).encode() == expected


def test_key_order_is_utf16_not_code_points() -> None:
    # U+1F600 sorts before U+FF5E in UTF-16 (surrogates D83D…) but after it by code point.
    value = {"\uff5e": 1, "\U0001f600": 2}
    assert canonical_json(value).encode() == rfc8785.dumps(value)
    assert canonical_json(value).index("\U0001f600") < canonical_json(value).index("\uff5e")


def test_numbers_follow_ecmascript() -> None:
    assert canonical_json({"a": 1.0, "b": 1e21, "c": 0.1}) == '{"a":1,"b":1e+21,"c":0.1}'
    with pytest.raises(RecordError):
        canonical_json({"n": 2**53})


def test_record_bytes_are_the_jcs_of_the_record() -> None:
    record = Record(
        index=7,
        agency="wuhan-rsj",
        kind="case.record.added",
        subject='cases.Record:"7"',
        actor_id=3,
        actor_username="张三\n",
        time=shanghai_iso(datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)),
        payload_json=canonical_json({"笔录": "询问\u2028", "x": [None, True]}),
    )
    assert record.time == "2026-01-02T11:04:05.000006+08:00"
    assert record.to_bytes() == rfc8785.dumps(record.as_dict())
    anonymous = Record(7, "a", "k.k", "s", None, "", record.time, "{}")
    assert anonymous.to_bytes() == rfc8785.dumps(anonymous.as_dict())


@settings(max_examples=300)
@given(
    start=st.integers(min_value=0, max_value=2**40),
    agency=st.text(min_size=1, max_size=8),
    actor=st.none() | st.tuples(st.integers(min_value=1, max_value=2**31), st.text(max_size=8)),
    events=st.lists(
        st.tuples(st.sampled_from(["a.b", "case.record.added"]), st.text(max_size=8), json_values),
        min_size=1,
        max_size=4,
    ),
)
def test_an_appends_records_are_the_jcs_of_each_record(
    start: int, agency: str, actor: tuple[int, str] | None, events: list[tuple[str, str, object]]
) -> None:
    """The append path builds a batch's records from shared parts: each is the JCS of its
    record, as rfc8785 writes it."""
    actor_id, username = actor if actor is not None else (None, "")
    time = shanghai_iso(datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
    try:
        payloads = [canonical_bytes(payload) for _, _, payload in events]
    except RecordError:
        return
    built = append_records(
        start, agency, actor_id, username, time,
        [(kind, subject, p) for (kind, subject, _), p in zip(events, payloads, strict=True)],
    )  # fmt: skip
    actor_json = None if actor_id is None else {"id": actor_id, "username": username}
    expected = [
        rfc8785.dumps(
            {
                "actor": actor_json,
                "agency": agency,
                "index": start + i,
                "kind": kind,
                "payload": payload,
                "subject": subject,
                "time": time,
                "v": RECORD_VERSION,
            }
        )
        for i, (kind, subject, payload) in enumerate(events)
    ]
    assert built == expected


@pytest.mark.parametrize(
    ("kind", "subject", "payload"),
    [("nodots", "s", {}), ("Case.Added", "s", {}), ("a.b", "", {}), ("a.b", "s", [1])],
)
def test_bad_events_are_refused(kind: str, subject: str, payload: object) -> None:
    with pytest.raises(RecordError):
        check_event(kind, subject, payload)
