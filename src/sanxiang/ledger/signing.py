"""The platform's ledger keys: Ed25519 (default) and SM2 (GB/T 32918, 国密) for checkpoints.

Keys are created on first use, mode 0600: Ed25519 at ``settings.SIGNING_KEY_FILE`` (PKCS#8 PEM),
SM2 beside it as ``ledger_sm2.key`` (hex private key) unless ``SANXIANG_LEDGER_SM2_KEY_FILE`` names
another path. ``SANXIANG_LEDGER_SIGNATURE=ed25519|sm2`` chooses the algorithm for new checkpoints;
every checkpoint records its algorithm and key id, so both kinds verify side by side.

The Ed25519 key also derives the HMAC key of the seals (see ``LedgerEntry.seal``), until a key
rotation freezes that key into its own file (``ledger_seal.key`` beside the key, or
``SANXIANG_LEDGER_SEAL_KEY_FILE``).

A missing key file is created only while nothing in the database depends on it: once checkpoints
(or seals) made with it exist, a missing file is an error (:class:`KeyMissing`), never silently
replaced by a new key that would make every earlier checkpoint look forged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from sanxiang.env import ConfigError, env_path

ED25519 = "ed25519"
SM2 = "sm2"
ALGORITHMS = (ED25519, SM2)
SEAL_CONTEXT = b"sanxiang-ledger-seal-v1"

# SM2 curve order n (GB/T 32918.5); signatures need a nonce in [1, n-1].
_SM2_N = int("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16)
_SM2_G = (
    "32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7"
    "bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0"
)
# SubjectPublicKeyInfo prefix: id-ecPublicKey with the SM2 curve (1.2.156.10197.1.301).
_SM2_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


class SigningError(Exception):
    """A signature could not be made or checked (English; for logs and the CLI)."""


def configured_algorithm() -> str:
    raw = os.environ.get("SANXIANG_LEDGER_SIGNATURE", "").strip().lower() or ED25519
    if raw not in ALGORITHMS:
        raise ConfigError(f"SANXIANG_LEDGER_SIGNATURE={raw!r}: expected one of {ALGORITHMS}")
    return raw


def _sm2_key_path() -> Path:
    default = Path(settings.SIGNING_KEY_FILE).with_name("ledger_sm2.key")
    return env_path("SANXIANG_LEDGER_SM2_KEY_FILE", default)


def _create_exclusive(path: Path, data: bytes) -> bool:
    """Write a new secret file (0600); False when another process created it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return True


def _pem(der: bytes) -> str:
    body = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"


def key_id_for(spki_der: bytes) -> str:
    """16 hex digits of SHA-256 over the DER SubjectPublicKeyInfo."""
    return hashlib.sha256(spki_der).hexdigest()[:16]


class Signer(Protocol):
    @property
    def algorithm(self) -> str: ...

    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...

    def verify(self, message: bytes, signature: bytes) -> bool: ...

    def public_key_pem(self) -> str: ...


@dataclass(frozen=True)
class Ed25519Signer:
    private_key: Ed25519PrivateKey
    algorithm: str = ED25519

    def _spki(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    @property
    def key_id(self) -> str:
        return key_id_for(self._spki())

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    def verify(self, message: bytes, signature: bytes) -> bool:
        public: Ed25519PublicKey = self.private_key.public_key()
        try:
            public.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def public_key_pem(self) -> str:
        return _pem(self._spki())

    def seal_key(self) -> bytes:
        raw = self.private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return hashlib.sha256(SEAL_CONTEXT + raw).digest()


@dataclass(frozen=True)
class Sm2Signer:
    """SM2 with SM3 (the default user id 1234567812345678), via gmssl; r‖s, 64 bytes."""

    private_hex: str
    public_hex: str  # x‖y, 128 hex digits, no 04 prefix
    algorithm: str = SM2

    def _crypt(self):  # type: ignore[no-untyped-def]
        from gmssl import sm2

        return sm2.CryptSM2(private_key=self.private_hex, public_key=self.public_hex)

    def _spki(self) -> bytes:
        return _SM2_SPKI_PREFIX + b"\x04" + bytes.fromhex(self.public_hex)

    @property
    def key_id(self) -> str:
        return key_id_for(self._spki())

    def sign(self, message: bytes) -> bytes:
        crypt = self._crypt()
        for _ in range(16):
            # gmssl's own nonce comes from `random`; a signature nonce must come from `secrets`.
            nonce = secrets.randbelow(_SM2_N - 1) + 1
            signature = crypt.sign_with_sm3(message, f"{nonce:064x}")
            if signature:
                return bytes.fromhex(signature)
        raise SigningError("SM2 signing failed repeatedly")

    def verify(self, message: bytes, signature: bytes) -> bool:
        if len(signature) != 64:
            return False
        return bool(self._crypt().verify_with_sm3(signature.hex(), message))

    def public_key_pem(self) -> str:
        return _pem(self._spki())


def _public_from_private(private_hex: str) -> str:
    from gmssl import sm2

    crypt = sm2.CryptSM2(private_key=private_hex, public_key="")
    point: str = crypt._kg(int(private_hex, 16), _SM2_G)
    return point


class KeyMissing(SigningError):
    """A key file that signed existing checkpoints is gone; a new key must not replace it."""


def _missing_key_message(path: Path, algorithm: str) -> str:
    return (
        f"账本签名密钥文件 {path} 不存在，但数据库中已有用 {algorithm} 密钥签名的检查点或封印："
        "拒绝生成新密钥（否则此前的检查点与条目将全部无法验证）。请从备份恢复该文件后重试；"
        "更换密钥请用 sanxiang ledger rotate-key（需要旧密钥）。 / "
        f"Ledger key file {path} is missing, but checkpoints or seals made with the {algorithm} "
        "key exist: refusing to create a new key (every earlier checkpoint and entry would then "
        "fail verification). Restore the file from backup and retry; to change keys use "
        "'sanxiang ledger rotate-key', which needs the old key (docs/ledger.md, 'Keys')."
    )


def _key_in_use(algorithm: str) -> bool:
    """True when the database holds anything that only this algorithm's current key can check.

    Models are imported here, not at module level: the settings-time key helpers must not need
    the app registry.
    """
    from django.db import connection

    from sanxiang.ledger.models import Checkpoint, KeyRotation, LedgerEntry

    # Before `migrate` there is nothing to protect. Any other database error propagates: a
    # failed check must never end in a silently created key.
    if KeyRotation._meta.db_table not in connection.introspection.table_names():
        return False
    if Checkpoint.objects.filter(algorithm=algorithm).exists():
        return True
    if KeyRotation.objects.filter(algorithm=algorithm).exists():
        return True
    # Seals are keyed from the Ed25519 key unless the seal key has a file of its own.
    return (
        algorithm == ED25519
        and not _seal_key_path().exists()
        and LedgerEntry.objects.filter(seal__isnull=False).exists()
    )


def _load_ed25519(path: Path) -> Ed25519Signer:
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 private key")
    return Ed25519Signer(private_key=loaded)


def _new_ed25519_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@cache
def _ed25519_signer(path: Path) -> Ed25519Signer:
    if not path.exists():
        if _key_in_use(ED25519):
            raise KeyMissing(_missing_key_message(path, ED25519))
        _create_exclusive(path, _new_ed25519_pem())
    return _load_ed25519(path)


def _new_sm2_private_hex() -> str:
    while True:
        private_hex = f"{secrets.randbelow(_SM2_N - 2) + 1:064x}"
        # gmssl strips a leading "04" with lstrip("04"), eating any leading 0/4 digits of
        # x as well; keep only keys whose x starts with another digit.
        if _public_from_private(private_hex)[0] not in "04":
            return private_hex


def _load_sm2(path: Path) -> Sm2Signer:
    private_hex = path.read_text(encoding="ascii").strip()
    return Sm2Signer(private_hex=private_hex, public_hex=_public_from_private(private_hex))


@cache
def _sm2_signer(path: Path) -> Sm2Signer:
    if not path.exists():
        if _key_in_use(SM2):
            raise KeyMissing(_missing_key_message(path, SM2))
        _create_exclusive(path, (_new_sm2_private_hex() + "\n").encode("ascii"))
    return _load_sm2(path)


def key_path(algorithm: str) -> Path:
    return Path(settings.SIGNING_KEY_FILE) if algorithm == ED25519 else _sm2_key_path()


def existing_signer(algorithm: str) -> Signer | None:
    """The algorithm's current key if its file exists; never creates one (verification)."""
    path = key_path(algorithm)
    if not path.exists():
        return None
    return ed25519_signer() if algorithm == ED25519 else sm2_signer()


def new_key_file(algorithm: str, path: Path) -> Signer:
    """Write a fresh key of ``algorithm`` to ``path`` (which must not exist) and load it."""
    if algorithm == ED25519:
        data = _new_ed25519_pem()
    else:
        data = (_new_sm2_private_hex() + "\n").encode("ascii")
    if not _create_exclusive(path, data):
        raise SigningError(f"{path} already exists")
    return _load_ed25519(path) if algorithm == ED25519 else _load_sm2(path)


def clear_caches() -> None:
    _ed25519_signer.cache_clear()
    _sm2_signer.cache_clear()


def ed25519_signer() -> Ed25519Signer:
    return _ed25519_signer(Path(settings.SIGNING_KEY_FILE))


def sm2_signer() -> Sm2Signer:
    return _sm2_signer(_sm2_key_path())


def current_signer() -> Signer:
    return sm2_signer() if configured_algorithm() == SM2 else ed25519_signer()


@dataclass(frozen=True)
class PublicKey:
    """A retired (or any) checkpoint key known only by its public half: verifies, never signs."""

    algorithm: str
    spki_der: bytes

    @property
    def key_id(self) -> str:
        return key_id_for(self.spki_der)

    def sign(self, message: bytes) -> bytes:
        raise SigningError(f"key {self.key_id} is retired: it verifies but no longer signs")

    def verify(self, message: bytes, signature: bytes) -> bool:
        return public_verify(self.algorithm, self.spki_der, message, signature)

    def public_key_pem(self) -> str:
        return _pem(self.spki_der)


def spki_of(signer: Signer) -> bytes:
    """The DER SubjectPublicKeyInfo of a key (what ``key_id`` hashes)."""
    if isinstance(signer, PublicKey):
        return signer.spki_der
    if isinstance(signer, (Ed25519Signer, Sm2Signer)):
        return signer._spki()
    raise SigningError(f"no public key for {signer!r}")


def public_verify(algorithm: str, spki_der: bytes, message: bytes, signature: bytes) -> bool:
    """Check a signature with nothing but the public key's DER (retired keys, rotations)."""
    if algorithm == ED25519:
        from cryptography.hazmat.primitives.serialization import load_der_public_key

        public = load_der_public_key(spki_der)
        if not isinstance(public, Ed25519PublicKey):
            return False
        try:
            public.verify(signature, message)
        except InvalidSignature:
            return False
        return True
    if algorithm == SM2:
        if not spki_der.startswith(_SM2_SPKI_PREFIX + b"\x04") or len(signature) != 64:
            return False
        from gmssl import sm2

        public_hex = spki_der[len(_SM2_SPKI_PREFIX) + 1 :].hex()
        crypt = sm2.CryptSM2(private_key="", public_key=public_hex)
        return bool(crypt.verify_with_sm3(signature.hex(), message))
    return False


def signer_for(algorithm: str, key_id: str) -> Signer:
    """The platform key that made a checkpoint, or SigningError (unknown algorithm or key).

    A key retired by ``rotate-key`` comes back as a :class:`PublicKey` (verify and PEM only).
    """
    if algorithm not in ALGORITHMS:
        raise SigningError(f"unknown signature algorithm {algorithm!r}")
    current = existing_signer(algorithm)
    if current is not None and current.key_id == key_id:
        return current
    from sanxiang.ledger.models import KeyRotation

    for rotation in KeyRotation.objects.filter(algorithm=algorithm):
        for spki in (bytes(rotation.old_public_key), bytes(rotation.new_public_key)):
            if key_id_for(spki) == key_id:
                return PublicKey(algorithm=algorithm, spki_der=spki)
    raise SigningError(f"checkpoint signed with unknown {algorithm} key {key_id}")


def _seal_key_path() -> Path:
    default = Path(settings.SIGNING_KEY_FILE).with_name("ledger_seal.key")
    return env_path("SANXIANG_LEDGER_SEAL_KEY_FILE", default)


def freeze_seal_key() -> Path:
    """Write the current seal key to its own file (before the Ed25519 key it derives from is
    rotated away), so seals made so far keep verifying. Idempotent."""
    path = _seal_key_path()
    if not path.exists():
        _create_exclusive(path, (ed25519_signer().seal_key().hex() + "\n").encode("ascii"))
    return path


HEAD_SEAL_CONTEXT = b"sanxiang-ledger-head-seal-v2"


def seal_head(key: bytes, agency_slug: str, size: int, root: bytes) -> bytes:
    """The seal on an append's last entry: HMAC over the tree head (agency, size, root) it left.

    One per append rather than one per entry: the root covers every earlier leaf, so a changed,
    moved or forged entry anywhere before it breaks the seal, at a per-batch instead of a
    per-entry cost (append and verify).
    """
    message = b"\n".join((HEAD_SEAL_CONTEXT, agency_slug.encode(), str(size).encode(), root))
    return hmac.digest(key, message, "sha256")


def seal_leaf(leaf: bytes, key: bytes) -> bytes:
    """The per-entry seal of entries written before migration 0003 (still accepted)."""
    return hmac.digest(key, leaf, "sha256")


def seal_key() -> bytes:
    """The HMAC key of seals: its own file once frozen by a key rotation, else derived from
    the Ed25519 key (as since the first release)."""
    path = _seal_key_path()
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    return ed25519_signer().seal_key()
