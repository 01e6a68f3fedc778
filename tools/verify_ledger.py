#!/usr/bin/env python3
"""Offline verifier for sanxiang ledger checkpoints and proofs (RFC 9162).

Needs only the Python standard library and ``cryptography`` (and ``gmssl`` for SM2 checkpoints);
it deliberately does not import sanxiang, so anyone holding the platform's public key can check
what the platform hands out without trusting its code.

    verify_ledger.py --public-key ledger.pem --checkpoint checkpoint.json \\
        [--inclusion proof.json [--record record.json]] \\
        [--consistency consistency.json [--old-checkpoint old.json]] [--json]
    verify_ledger.py --public-key ledger.pem --bag CASE-FILE-BAG [--json]

Checks, in order: the checkpoint's signature and key id; each inclusion proof leads from its
leaf to the checkpoint's root (and, with --record, that the record hashes to that leaf); the
consistency proof leads from the old root to the checkpoint's root. With --bag, an exported case
file (BagIt): its manifests, the checkpoint in it, every record against its leaf and proof, every
attachment against its name and the digest the ledger holds, and the case file's own digest;
each failure names the file. Exit 0 when every check
passes, 1 when one fails (the output says which and why), 2 for unreadable input.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HASH_SIZE = 32
SIGNED_FIELDS = ("agency", "algorithm", "key_id", "log", "root_hash", "time", "tree_size", "v")
SM2_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


class Invalid(Exception):
    """A check failed; the message says exactly why."""


class UsageError(Exception):
    """The input cannot be read."""


# -- RFC 9162 §2.1 ------------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _sized(value: bytes, what: str) -> bytes:
    if len(value) != HASH_SIZE:
        raise Invalid(f"{what} is {len(value)} bytes, expected {HASH_SIZE}")
    return value


def root_from_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes]) -> bytes:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        raise Invalid(f"leaf index {index} is outside a tree of size {size}")
    _sized(leaf, "leaf hash")
    fn, sn, result = index, size - 1, leaf
    for i, p in enumerate(path):
        _sized(p, f"audit path element {i}")
        if sn == 0:
            raise Invalid("audit path is longer than the tree allows")
        if fn & 1 or fn == sn:
            result = node_hash(p, result)
            if not fn & 1:
                while True:
                    fn, sn = fn >> 1, sn >> 1
                    if fn & 1 or fn == 0:
                        break
        else:
            result = node_hash(result, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise Invalid("audit path is shorter than the tree requires")
    return result


def check_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, path: Sequence[bytes]
) -> None:
    """RFC 9162 §2.1.4.2."""
    _sized(root1, "old root")
    _sized(root2, "new root")
    for i, p in enumerate(path):
        _sized(p, f"consistency path element {i}")
    if not 0 <= size1 <= size2:
        raise Invalid(f"old size {size1} is larger than new size {size2}")
    if size1 == size2:
        if path:
            raise Invalid("proof must be empty for equal sizes")
        if root1 != root2:
            raise Invalid("equal sizes but different root hashes")
        return
    if size1 == 0:
        if path:
            raise Invalid("proof must be empty from the empty tree")
        return
    if not path:
        raise Invalid("consistency proof is empty")
    nodes = list(path)
    if size1 & (size1 - 1) == 0:
        nodes.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = nodes[0]
    for c in nodes[1:]:
        if sn == 0:
            raise Invalid("consistency proof is longer than the trees allow")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while True:
                    fn, sn = fn >> 1, sn >> 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise Invalid("consistency proof is shorter than the trees require")
    if fr != root1:
        raise Invalid("consistency proof does not lead to the old root hash")
    if sr != root2:
        raise Invalid("consistency proof does not lead to the new root hash")


# -- canonical JSON (RFC 8785) for the values sanxiang records hold ------------------------------


def canonical_json(value: Any) -> bytes:
    """JCS for objects of strings, safe integers, booleans, null, arrays and objects.

    For these, sorted-key compact ``json.dumps`` is byte-identical to RFC 8785 as long as no key
    has a character outside the BMP (JCS sorts by UTF-16 code units); anything else is refused
    rather than guessed.
    """

    def check(item: Any) -> None:
        if isinstance(item, bool) or item is None or isinstance(item, str):
            return
        if isinstance(item, int):
            if abs(item) > 2**53 - 1:
                raise UsageError(f"integer {item} is outside the JSON safe range")
        elif isinstance(item, dict):
            for key, sub in item.items():
                if any(ord(ch) > 0xFFFF for ch in key):
                    raise UsageError("keys outside the Basic Multilingual Plane are not supported")
                check(sub)
        elif isinstance(item, list):
            for sub in item:
                check(sub)
        else:
            raise UsageError(f"{type(item).__name__} values are not supported offline")

    check(value)
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


# -- signatures ---------------------------------------------------------------------------------


def _pem_to_der(pem: str) -> bytes:
    lines = [line.strip() for line in pem.strip().splitlines()]
    if (
        not lines
        or lines[0] != "-----BEGIN PUBLIC KEY-----"
        or lines[-1] != "-----END PUBLIC KEY-----"
    ):
        raise UsageError("public key is not a PEM 'PUBLIC KEY' block")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except ValueError:
        raise UsageError("public key PEM body is not base64") from None


def check_signature(checkpoint: dict[str, Any], public_key_pem: str) -> None:
    der = _pem_to_der(public_key_pem)
    key_id = hashlib.sha256(der).hexdigest()[:16]
    if checkpoint.get("key_id") != key_id:
        raise Invalid(
            f"checkpoint names key {checkpoint.get('key_id')}, the public key given is {key_id}"
        )
    body = {name: checkpoint[name] for name in SIGNED_FIELDS}
    message = canonical_json(body)
    signature = _hex(checkpoint.get("signature"), "checkpoint signature", size=None)
    algorithm = checkpoint["algorithm"]
    if algorithm == "ed25519":
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.serialization import load_der_public_key

        public = load_der_public_key(der)
        if not isinstance(public, Ed25519PublicKey):
            raise Invalid("checkpoint says ed25519 but the public key is not an Ed25519 key")
        try:
            public.verify(signature, message)
        except InvalidSignature:
            raise Invalid("checkpoint signature does not verify") from None
    elif algorithm == "sm2":
        if not der.startswith(SM2_SPKI_PREFIX) or len(der) != len(SM2_SPKI_PREFIX) + 65:
            raise Invalid("checkpoint says sm2 but the public key is not an SM2 key")
        try:
            from gmssl import sm2
        except ImportError:
            raise UsageError("SM2 checkpoints need the gmssl package to verify") from None
        public_hex = der[len(SM2_SPKI_PREFIX) + 1 :].hex()
        crypt = sm2.CryptSM2(private_key="", public_key=public_hex)
        if len(signature) != 64 or not crypt.verify_with_sm3(signature.hex(), message):
            raise Invalid("checkpoint signature does not verify")
    else:
        raise Invalid(f"unknown signature algorithm {algorithm!r}")


# -- the checks ---------------------------------------------------------------------------------


def _hex(value: Any, what: str, size: int | None = HASH_SIZE) -> bytes:
    if not isinstance(value, str):
        raise UsageError(f"{what} must be a hex string")
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise UsageError(f"{what} is not hex") from None
    if size is not None and len(raw) != size:
        raise Invalid(f"{what} is {len(raw)} bytes, expected {size}")
    return raw


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError(f"{name} must be an integer")
    return value


def _checkpoint_fields(checkpoint: dict[str, Any]) -> tuple[str, int, bytes]:
    missing = [name for name in (*SIGNED_FIELDS, "signature") if name not in checkpoint]
    if missing:
        raise UsageError(f"checkpoint lacks {', '.join(missing)}")
    return (
        checkpoint["agency"],
        _int(checkpoint, "tree_size"),
        _hex(checkpoint["root_hash"], "root"),
    )


def check_inclusion(
    checkpoint: dict[str, Any], proof: dict[str, Any], record: dict[str, Any] | None
) -> str:
    agency, size, root = _checkpoint_fields(checkpoint)
    if proof.get("agency") != agency:
        raise Invalid(f"proof is for agency {proof.get('agency')!r}, checkpoint for {agency!r}")
    index, proof_size = _int(proof, "leaf_index"), _int(proof, "tree_size")
    if proof_size != size:
        raise Invalid(f"proof is for tree size {proof_size}, the checkpoint for size {size}")
    leaf = _hex(proof.get("leaf_hash"), "leaf_hash")
    path_raw = proof.get("audit_path")
    if not isinstance(path_raw, list):
        raise UsageError("audit_path must be a list")
    path = [_hex(item, f"audit path element {i}", size=None) for i, item in enumerate(path_raw)]
    if record is not None:
        if record.get("index") != index or record.get("agency") != agency:
            raise Invalid("the record's index or agency is not the proof's")
        if leaf_hash(canonical_json(record)) != leaf:
            raise Invalid("the record does not hash to the proof's leaf hash (record changed)")
    if root_from_inclusion(index, size, leaf, path) != root:
        raise Invalid("inclusion proof leads to a different root than the checkpoint's")
    return f"entry {index} is in {agency}'s log of size {size}"


def check_consistency_proof(
    checkpoint: dict[str, Any], proof: dict[str, Any], old: dict[str, Any] | None
) -> str:
    agency, size, root = _checkpoint_fields(checkpoint)
    if proof.get("agency") != agency:
        raise Invalid(f"proof is for agency {proof.get('agency')!r}, checkpoint for {agency!r}")
    from_size, to_size = _int(proof, "from_size"), _int(proof, "to_size")
    if to_size != size:
        raise Invalid(f"proof ends at size {to_size}, the checkpoint is size {size}")
    from_root = _hex(proof.get("from_root"), "from_root")
    if old is not None:
        old_agency, old_size, old_root = _checkpoint_fields(old)
        if old_agency != agency or old_size != from_size:
            raise Invalid(
                f"old checkpoint is {old_agency!r} size {old_size}, proof starts {from_size}"
            )
        if old_root != from_root:
            raise Invalid("proof starts from a different root than the old checkpoint's")
    path_raw = proof.get("consistency_path")
    if not isinstance(path_raw, list):
        raise UsageError("consistency_path must be a list")
    path = [_hex(item, f"consistency element {i}", size=None) for i, item in enumerate(path_raw)]
    check_consistency(from_size, to_size, from_root, root, path)
    return f"{agency}'s log of size {from_size} is a prefix of its log of size {to_size}"


# -- exported case files (BagIt, RFC 8493) ------------------------------------------------------


def _read_manifest(root: Path, name: str) -> dict[str, str]:
    path = root / name
    if not path.is_file():
        raise Invalid(f"{name} is missing")
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, file_name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise Invalid(f"{name} line {number} is not '<sha256>  <path>'")
        entries[file_name] = digest
    return entries


def _file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def check_bag_manifests(root: Path) -> str:
    """Every payload file is listed with its digest, and nothing else is in data/."""
    if not (root / "bagit.txt").is_file():
        raise Invalid("bagit.txt is missing: not a BagIt package")
    for name, digest in _read_manifest(root, "tagmanifest-sha256.txt").items():
        if not (root / name).is_file():
            raise Invalid(f"{name} is missing")
        if _file_sha256(root / name) != digest:
            raise Invalid(f"{name} was changed (its SHA-256 is not the tag manifest's)")
    manifest = _read_manifest(root, "manifest-sha256.txt")
    problems = []
    for name, digest in sorted(manifest.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif _file_sha256(path) != digest:
            problems.append(f"{name} was changed (its SHA-256 is not the manifest's)")
    present = {p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file()}
    problems += [f"{name} is not in the manifest" for name in sorted(present - manifest.keys())]
    if problems:
        raise Invalid("; ".join(problems))
    return f"{len(manifest)} payload files match the manifest"


def check_bag(root: Path, public_key_pem: str) -> list[tuple[str, Any]]:
    """The checks of one bag as (name, thunk) pairs, run by :func:`main` one by one."""
    checkpoint = _load(str(root / "data" / "checkpoint.json"))
    _checkpoint_fields(checkpoint)
    checks: list[tuple[str, Any]] = [("bag manifests", lambda: check_bag_manifests(root))]

    def signature() -> str:
        check_signature(checkpoint, public_key_pem)
        return f"signed by key {checkpoint['key_id']} ({checkpoint['algorithm']})"

    checks.append(("signature data/checkpoint.json", signature))
    ledgered: set[str] = set()
    content_digest: list[str] = []
    for path in sorted((root / "data" / "entries").glob("*.json"), key=lambda p: int(p.stem)):
        entry = _load(str(path))
        record = entry.get("record") or {}
        payload = record.get("payload") or {}
        if isinstance(payload.get("sha256"), str):
            ledgered.add(payload["sha256"])
        if record.get("kind") == "archive.case_file_formed":
            content_digest.append(str(payload.get("content_sha256")))
        name = f"data/entries/{path.name}"
        checks.append(
            (name, lambda e=entry: check_inclusion(checkpoint, e.get("proof") or {}, e["record"]))
        )
    for path in sorted((root / "data" / "attachments").glob("*")):
        name = f"data/attachments/{path.name}"

        def attachment(path: Path = path, name: str = name) -> str:
            actual = _file_sha256(path)
            if actual != path.name:
                raise Invalid(f"{name} does not hash to its name (content changed)")
            if actual not in ledgered:
                raise Invalid(f"{name} is not the digest of any ledgered record in the bag")
            return "hash matches its name and a ledgered record"

        checks.append((name, attachment))

    def case_file() -> str:
        if len(content_digest) != 1:
            raise Invalid("the bag has no (or more than one) case-file formation entry")
        actual = _file_sha256(root / "data" / "case-file.json")
        if actual != content_digest[0]:
            raise Invalid("data/case-file.json is not the case file whose digest was ledgered")
        return "matches the digest in the formation entry"

    checks.append(("data/case-file.json", case_file))
    return checks


def _load(path: str | None) -> Any:
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--public-key", required=True, help="PEM file (sanxiang ledger public-key)")
    parser.add_argument("--checkpoint", help="checkpoint JSON (required unless --bag)")
    parser.add_argument("--bag", help="an exported case file (BagIt directory) to check whole")
    parser.add_argument("--inclusion", action="append", default=[], help="inclusion proof JSON")
    parser.add_argument("--record", help="the record JSON the (single) inclusion proof is for")
    parser.add_argument("--consistency", help="consistency proof JSON ending at the checkpoint")
    parser.add_argument("--old-checkpoint", help="the checkpoint the consistency proof starts at")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    results: list[dict[str, Any]] = []

    def attempt(name: str, check: Any) -> None:
        try:
            results.append({"check": name, "ok": True, "detail": check()})
        except Invalid as exc:
            results.append({"check": name, "ok": False, "detail": str(exc)})

    try:
        if args.record and len(args.inclusion) != 1:
            raise UsageError("--record goes with exactly one --inclusion")
        if args.bag:
            if args.checkpoint or args.inclusion or args.consistency:
                raise UsageError("--bag carries its own checkpoint and proofs")
            bag = Path(args.bag)
            if not bag.is_dir():
                raise UsageError(f"{args.bag} is not a directory")
            key = Path(args.public_key).read_text(encoding="ascii")
            for name, check in check_bag(bag, key):
                attempt(name, check)
            return _report(results, args.json)
        if not args.checkpoint:
            raise UsageError("--checkpoint is required (or --bag)")
        checkpoint = _load(args.checkpoint)
        public_key = Path(args.public_key).read_text(encoding="ascii")
        _checkpoint_fields(checkpoint)

        def signature() -> str:
            check_signature(checkpoint, public_key)
            return f"signed by key {checkpoint['key_id']} ({checkpoint['algorithm']})"

        attempt("signature", signature)
        record = _load(args.record)
        for path in args.inclusion:
            proof = _load(path)
            attempt(f"inclusion {path}", lambda p=proof: check_inclusion(checkpoint, p, record))
        if args.consistency:
            proof = _load(args.consistency)
            old = _load(args.old_checkpoint)
            if old is not None:
                attempt(
                    "old checkpoint signature", lambda: check_signature(old, public_key) or "ok"
                )
            attempt("consistency", lambda: check_consistency_proof(checkpoint, proof, old))
        elif args.old_checkpoint:
            raise UsageError("--old-checkpoint goes with --consistency")
    except (UsageError, OSError, KeyError) as exc:
        message = str(exc) if not isinstance(exc, KeyError) else f"missing field {exc}"
        if args.json:
            print(json.dumps({"valid": False, "error": message}, ensure_ascii=False))
        else:
            print(f"error: {message}", file=sys.stderr)
        return 2

    return _report(results, args.json)


def _report(results: list[dict[str, Any]], as_json: bool) -> int:
    valid = bool(results) and all(item["ok"] for item in results)
    if as_json:
        print(json.dumps({"valid": valid, "checks": results}, ensure_ascii=False, indent=2))
    else:
        for item in results:
            print(f"{'OK ' if item['ok'] else 'BAD'} {item['check']}: {item['detail']}")
        print("VALID" if valid else "INVALID")
    return 0 if valid else 1


if __name__ == "__main__":
    raise SystemExit(main())
