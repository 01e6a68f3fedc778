"""Which keys may have signed which checkpoints: the current keys and the keys they replaced.

``sanxiang ledger rotate-key`` (``rotate``) retires a checkpoint key: it signs the current heads
with the old key one last time, then stores a :class:`KeyRotation` in which the old key certifies
the new one (and the new key signs the same statement). ``load`` walks those certificates back
from the key file in use, so a checkpoint verifies only with a key of that chain and only inside
that key's period — from the rotation that introduced it to the one that retired it. A key
file swapped behind the platform's back is therefore not accepted for old checkpoints, and an
old key cannot sign checkpoints dated after its retirement.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanxiang.ledger import signing
from sanxiang.ledger.models import KeyRotation, LedgerHead
from sanxiang.ledger.records import canonical_json, shanghai_iso
from sanxiang.registry.models import Agency

logger = logging.getLogger(__name__)

ROTATION_VERSION = 1


def rotation_body(rotation: KeyRotation) -> dict[str, Any]:
    return {
        "algorithm": rotation.algorithm,
        "log": "sanxiang-ledger",
        "new_key_id": rotation.new_key_id,
        "new_public_key": bytes(rotation.new_public_key).hex(),
        "old_key_id": rotation.old_key_id,
        "old_public_key": bytes(rotation.old_public_key).hex(),
        "time": shanghai_iso(rotation.created_at),
        "type": "key-rotation",
        "v": ROTATION_VERSION,
    }


def rotation_message(rotation: KeyRotation) -> bytes:
    return canonical_json(rotation_body(rotation)).encode("utf-8")


@dataclass
class _Key:
    public: signing.Signer
    valid_from: datetime | None = None  # None: since the beginning
    valid_until: datetime | None = None  # None: still current


@dataclass
class KeyRing:
    keys: dict[tuple[str, str], _Key] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # rotations that did not verify

    def check(
        self, algorithm: str, key_id: str, when: datetime, message: bytes, signature: bytes
    ) -> str | None:
        """None when the signature is valid for a key of the chain at that time, else why not."""
        key = self.keys.get((algorithm, key_id))
        if key is None:
            return f"signed with unknown {algorithm} key {key_id}"
        if key.valid_from is not None and when < key.valid_from:
            return f"signed by key {key_id} before that key was introduced ({key.valid_from})"
        if key.valid_until is not None and when > key.valid_until:
            return f"signed by key {key_id} after that key was retired ({key.valid_until})"
        if not key.public.verify(message, signature):
            return "signature does not verify"
        return None


def load() -> KeyRing:
    """The chain of each algorithm's keys, from the key file in use back through rotations."""
    ring = KeyRing()
    for algorithm in signing.ALGORITHMS:
        current = signing.existing_signer(algorithm)
        if current is None:
            continue
        ring.keys[(algorithm, current.key_id)] = _Key(public=current)
        by_new = {r.new_key_id: r for r in KeyRotation.objects.filter(algorithm=algorithm)}
        key_id = current.key_id
        while key_id in by_new:
            rotation = by_new.pop(key_id)
            problem = _rotation_problem(rotation)
            if problem is not None:
                ring.problems.append(problem)
                break
            ring.keys[(algorithm, key_id)].valid_from = rotation.created_at
            old = signing.PublicKey(algorithm=algorithm, spki_der=bytes(rotation.old_public_key))
            ring.keys[(algorithm, old.key_id)] = _Key(public=old, valid_until=rotation.created_at)
            key_id = old.key_id
    return ring


def _rotation_problem(rotation: KeyRotation) -> str | None:
    old, new = bytes(rotation.old_public_key), bytes(rotation.new_public_key)
    if signing.key_id_for(old) != rotation.old_key_id:
        return f"rotation to {rotation.new_key_id}: old key id does not match its public key"
    if signing.key_id_for(new) != rotation.new_key_id:
        return f"rotation to {rotation.new_key_id}: new key id does not match its public key"
    message = rotation_message(rotation)
    if not signing.public_verify(rotation.algorithm, old, message, bytes(rotation.signature)):
        return f"rotation to {rotation.new_key_id}: the old key's signature does not verify"
    if not signing.public_verify(rotation.algorithm, new, message, bytes(rotation.new_signature)):
        return f"rotation to {rotation.new_key_id}: the new key's signature does not verify"
    return None


def rotate(*, algorithm: str) -> KeyRotation:
    """Replace ``algorithm``'s checkpoint key; the old key certifies the new one.

    Steps, in an order that leaves a recoverable state if interrupted: freeze the seal key into
    its own file (seals made so far keep verifying); sign every agency's current head with the
    old key; write the new key beside the old file; store the certificate (one transaction);
    only then move the old file aside (``<name>.retired-<key id>``) and the new one into place.
    Signing is by the platform, not a user, so there is no acting user here.
    """
    from sanxiang.ledger.services import create_checkpoint

    path = signing.key_path(algorithm)
    old = signing.existing_signer(algorithm)
    if old is None:
        raise signing.SigningError(
            f"{path} does not exist: there is no {algorithm} key to rotate (nothing to certify "
            "the new key); a first key is created on first use"
        )
    if algorithm == signing.ED25519:
        signing.freeze_seal_key()
    if algorithm == signing.configured_algorithm():
        for agency in Agency.objects.filter(
            pk__in=LedgerHead.objects.values_list("agency_id", flat=True)
        ).order_by("slug"):
            create_checkpoint(agency=agency)
    staged = path.with_name(path.name + ".new")
    if staged.exists():
        staged.unlink()  # a rotation interrupted before its certificate was stored
    new = signing.new_key_file(algorithm, staged)
    with transaction.atomic():
        rotation = KeyRotation(
            created_at=timezone.now(),
            algorithm=algorithm,
            old_key_id=old.key_id,
            old_public_key=signing.spki_of(old),
            new_key_id=new.key_id,
            new_public_key=signing.spki_of(new),
            signature=b"",
            new_signature=b"",
        )
        message = rotation_message(rotation)
        rotation.signature = old.sign(message)
        rotation.new_signature = new.sign(message)
        rotation.save(force_insert=True)
    os.replace(path, retired_path(path, old.key_id))
    os.replace(staged, path)
    signing.clear_caches()
    logger.info("ledger %s key rotated: %s -> %s", algorithm, old.key_id, new.key_id)
    return rotation


def retired_path(path: Path, key_id: str) -> Path:
    return path.with_name(f"{path.name}.retired-{key_id}")
