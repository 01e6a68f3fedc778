"""API token format and hashing: pure functions, no database.

A token reads ``sx_<prefix>_<secret>``. The prefix is public and finds the row; only the
SHA-256 of the whole token is stored, so a copy of the database does not yield usable tokens.
The secret carries 256 random bits, so a plain (unsalted) SHA-256 is enough: there is nothing
to brute-force the way there is with a password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

TOKEN_MARK = "sx"  # noqa: S105 — a public marker, not a secret
PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32


@dataclass(frozen=True)
class TokenParts:
    prefix: str
    token: str


def new_token() -> TokenParts:
    prefix = secrets.token_hex(PREFIX_BYTES)
    token = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return TokenParts(prefix=prefix, token=token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def split_prefix(token: str) -> str | None:
    """The prefix of a well-formed token, or ``None`` for anything else."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_MARK or not parts[2]:
        return None
    prefix = parts[1]
    if len(prefix) != 2 * PREFIX_BYTES or any(c not in "0123456789abcdef" for c in prefix):
        return None
    return prefix


def token_matches(token: str, stored_hash: str) -> bool:
    # Constant-time comparison: the prefix is public, the hash must not leak by timing.
    return hmac.compare_digest(hash_token(token), stored_hash)
