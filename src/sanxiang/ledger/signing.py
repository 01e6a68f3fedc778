"""The platform's ledger keys: Ed25519 (default) and SM2 (GB/T 32918, 国密) for checkpoints.

Keys are created on first use, mode 0600: Ed25519 at ``settings.SIGNING_KEY_FILE`` (PKCS#8 PEM),
SM2 beside it as ``ledger_sm2.key`` (hex private key) unless ``SANXIANG_LEDGER_SM2_KEY_FILE`` names
another path. ``SANXIANG_LEDGER_SIGNATURE=ed25519|sm2`` chooses the algorithm for new checkpoints;
every checkpoint records its algorithm and key id, so both kinds verify side by side.

The Ed25519 key also derives the HMAC key that seals each entry (see ``LedgerEntry.seal``).
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


@cache
def _ed25519_signer(path: Path) -> Ed25519Signer:
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _create_exclusive(path, pem)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 private key")
    return Ed25519Signer(private_key=loaded)


@cache
def _sm2_signer(path: Path) -> Sm2Signer:
    if not path.exists():
        while True:
            private_hex = f"{secrets.randbelow(_SM2_N - 2) + 1:064x}"
            # gmssl strips a leading "04" with lstrip("04"), eating any leading 0/4 digits of
            # x as well; keep only keys whose x starts with another digit.
            if _public_from_private(private_hex)[0] not in "04":
                break
        _create_exclusive(path, (private_hex + "\n").encode("ascii"))
    private_hex = path.read_text(encoding="ascii").strip()
    return Sm2Signer(private_hex=private_hex, public_hex=_public_from_private(private_hex))


def ed25519_signer() -> Ed25519Signer:
    return _ed25519_signer(Path(settings.SIGNING_KEY_FILE))


def sm2_signer() -> Sm2Signer:
    return _sm2_signer(_sm2_key_path())


def current_signer() -> Signer:
    return sm2_signer() if configured_algorithm() == SM2 else ed25519_signer()


def signer_for(algorithm: str, key_id: str) -> Signer:
    """The platform key that made a checkpoint, or SigningError (unknown algorithm or key)."""
    if algorithm == ED25519:
        signer: Signer = ed25519_signer()
    elif algorithm == SM2:
        signer = sm2_signer()
    else:
        raise SigningError(f"unknown signature algorithm {algorithm!r}")
    if signer.key_id != key_id:
        raise SigningError(f"checkpoint signed with unknown {algorithm} key {key_id}")
    return signer


def seal(leaf: bytes, key: bytes) -> bytes:
    return hmac.digest(key, leaf, "sha256")


def seal_key() -> bytes:
    return ed25519_signer().seal_key()
