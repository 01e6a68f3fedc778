"""The checkpoint format: what is signed, and the JSON that the CLI, the API and the offline
verifier exchange.

A checkpoint's JSON is its body plus ``"signature"``::

    {"agency": "wuhan-rsj", "algorithm": "ed25519", "key_id": "<16 hex>",
     "log": "sanxiang-ledger", "root_hash": "<64 hex>", "time": "2026-…+08:00",
     "tree_size": 42, "v": 1, "signature": "<hex>"}

The signed message is the RFC 8785 canonical JSON of the body (every key except
``signature``). The body holds only ASCII strings and small integers, for which
``json.dumps(sort_keys=True, separators=(",", ":"))`` is the same canonical form, so the
standalone verifier needs nothing but the standard library to rebuild it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sanxiang.ledger.records import canonical_json, shanghai_iso

if TYPE_CHECKING:
    from sanxiang.ledger.models import Checkpoint

LOG_NAME = "sanxiang-ledger"
CHECKPOINT_VERSION = 1


def checkpoint_body(checkpoint: Checkpoint) -> dict[str, Any]:
    return {
        "agency": checkpoint.agency.slug,
        "algorithm": checkpoint.algorithm,
        "key_id": checkpoint.key_id,
        "log": LOG_NAME,
        "root_hash": bytes(checkpoint.root_hash).hex(),
        "time": shanghai_iso(checkpoint.created_at),
        "tree_size": checkpoint.tree_size,
        "v": CHECKPOINT_VERSION,
    }


def signed_message(body: dict[str, Any]) -> bytes:
    return canonical_json(body).encode("utf-8")


def checkpoint_json(checkpoint: Checkpoint) -> dict[str, Any]:
    return {**checkpoint_body(checkpoint), "signature": bytes(checkpoint.signature).hex()}
