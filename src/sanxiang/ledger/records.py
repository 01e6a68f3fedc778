"""The ledger record and its canonical bytes (the Merkle leaf data). No Django imports.

A record is the JSON object below; its leaf data is the RFC 8785 (JCS) serialisation, UTF-8::

    {"actor": {"id": 12, "username": "officer_a"} | null,
     "agency": "wuhan-rsj",                 # the agency's slug
     "index": 0,                            # 0-based position in the agency's log
     "kind": "registry.officer.created",    # dotted event name
     "payload": {...},                      # any JSON object (no floats outside ±2^53 ints)
     "subject": "registry.Officer:12",      # what the event is about
     "time": "2026-11-23T13:34:11.123456+08:00",  # ISO 8601, Asia/Shanghai, microseconds
     "v": 1}

JCS sorts the keys, so the bytes are built by concatenation around the payload's own canonical
text — which is stored as it was hashed, and so never re-canonicalised on verification.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import rfc8785

RECORD_VERSION = 1
SHANGHAI = ZoneInfo("Asia/Shanghai")
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
MAX_SAFE_INTEGER = 2**53 - 1


class RecordError(ValueError):
    """A record cannot be put in the ledger (message in English; services translate)."""


def _fast_path_safe(value: Any) -> bool:
    """True when ``json.dumps(sort_keys=True)`` gives exactly the JCS bytes for ``value``.

    The two differ only for floats (JCS uses the ECMAScript number format), for integers outside
    ±2^53 (JCS refuses them), and for key order when a key has a character outside the BMP
    (JCS sorts by UTF-16 code units, Python by code points). An explicit stack, not recursion:
    every append walks its payload, and Python calls cost more than the checks.
    """
    stack = [value]
    pop, push = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is str or kind is bool or item is None:
            continue
        if kind is int:
            if not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
                return False
        elif kind is dict:
            for key in item:
                if type(key) is not str or not (key.isascii() or max(key) <= "\uffff"):
                    return False
            push(item.values())
        elif kind is list or kind is tuple:
            push(item)
        else:
            return False
    return True


def canonical_json(value: Any) -> str:
    """RFC 8785 canonical JSON text; the C json encoder where it is byte-identical (speed)."""
    return canonical_bytes(value).decode("utf-8")


def canonical_bytes(value: Any) -> bytes:
    """:func:`canonical_json`, UTF-8 encoded (what a record holds; encoding is also the check
    that the text is valid Unicode)."""
    if _fast_path_safe(value):
        text = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            raise RecordError(
                "payload contains a lone surrogate; JCS needs valid Unicode"
            ) from None
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise RecordError(f"payload is not canonicalisable JSON: {exc}") from None


def shanghai_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise RecordError("record time must be timezone-aware")
    return moment.astimezone(SHANGHAI).isoformat(timespec="microseconds")


# The C string encoder behind json.dumps(ensure_ascii=False): same bytes as JCS for a str.
_json_string: Callable[[str], str] = json.encoder.encode_basestring
json_string = _json_string


@dataclass(frozen=True)
class Record:
    """The hashed content of one ledger entry (see the module docstring for the format)."""

    index: int
    agency: str
    kind: str
    subject: str
    actor_id: int | None
    actor_username: str
    time: str
    payload_json: str

    def to_bytes(self) -> bytes:
        return record_bytes(
            self.index, self.agency, self.kind, self.subject, self.actor_id,
            self.actor_username, self.time, self.payload_json,
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        actor = (
            None
            if self.actor_id is None
            else {"id": self.actor_id, "username": self.actor_username}
        )
        return {
            "actor": actor,
            "agency": self.agency,
            "index": self.index,
            "kind": self.kind,
            "payload": json.loads(self.payload_json),
            "subject": self.subject,
            "time": self.time,
            "v": RECORD_VERSION,
        }


def record_bytes(
    index: int,
    agency: str,
    kind: str,
    subject: str,
    actor_id: int | None,
    actor_username: str,
    time: str,
    payload_json: str,
) -> bytes:
    """The JCS bytes of one record (see :func:`append_records`, which builds them)."""
    (data,) = append_records(
        index, agency, actor_id, actor_username, time, [(kind, subject, payload_json.encode())]
    )
    return data


_RECORD = (
    b'{"actor":%b,"agency":%b,"index":%d,"kind":%b,"payload":%b,"subject":%b,"time":%b,"v":'
    + str(RECORD_VERSION).encode()
    + b"}"
)


def append_records(
    start: int,
    agency: str,
    actor_id: int | None,
    actor_username: str,
    time: str,
    events: Iterable[tuple[str, str, bytes]],
) -> list[bytes]:
    """The JCS bytes of consecutive records of one append, from index ``start`` on: one agency,
    actor and time, so those are encoded once; each event is (kind, subject, canonical payload
    bytes from :func:`canonical_bytes`). JCS sorts the keys, so the bytes are the fields'
    JSON texts in key order (tested against rfc8785)."""
    if actor_id is None:
        actor = b"null"
    else:
        actor = b'{"id":%d,"username":%b}' % (actor_id, _json_string(actor_username).encode())
    agency_json = _json_string(agency).encode()
    time_json = _json_string(time).encode()
    kinds: dict[str, bytes] = {}
    records = []
    for index, (kind, subject, payload) in enumerate(events, start):
        kind_json = kinds.get(kind)
        if kind_json is None:
            kind_json = kinds[kind] = _json_string(kind).encode()
        subject_json = _json_string(subject).encode()
        records.append(
            _RECORD % (actor, agency_json, index, kind_json, payload, subject_json, time_json)
        )
    return records


def check_event(kind: str, subject: str, payload: Any) -> None:
    if not KIND_PATTERN.match(kind) or len(kind) > 100:
        raise RecordError(
            f"kind {kind!r} is not a dotted event name like 'registry.officer.created'"
        )
    if not subject or len(subject) > 200:
        raise RecordError("subject must be 1–200 characters")
    if not isinstance(payload, dict):
        raise RecordError("payload must be a JSON object")
