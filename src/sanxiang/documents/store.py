"""A minimal content-addressed store for issued PDFs, in the evidence store's layout.

``blobs/sha256/ab/cd/<sha256>`` under ``settings.BLOB_DIR`` — the layout of
``sanxiang.evidence.store``, so the evidence app's store (filesystem or S3) can take these
files over as they are. Files are written once (0444) and never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


class BlobMissing(Exception):
    pass


def _path(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return Path(settings.BLOB_DIR) / "blobs" / "sha256" / sha256[:2] / sha256[2:4] / sha256


def put(data: bytes) -> str:
    """Store ``data``; returns its SHA-256. Storing the same bytes twice keeps one file."""
    digest = hashlib.sha256(data).hexdigest()
    target = _path(digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, staged = tempfile.mkstemp(dir=target.parent, prefix=".staging-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(staged, 0o444)
    # rename is atomic: a reader sees the whole file or none.
    os.replace(staged, target)
    return digest


def get(sha256: str) -> bytes:
    """The stored bytes, checked against their name (a changed file is not served)."""
    path = _path(sha256)
    if not path.exists():
        raise BlobMissing(sha256)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BlobMissing(f"{sha256}: stored bytes no longer match their digest")
    return data
