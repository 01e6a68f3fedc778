"""Issued PDFs in the platform's blob store (``sanxiang.evidence``: the filesystem under
``settings.BLOB_DIR``, or S3 when ``EVIDENCE_S3`` is set): content-addressed, write-once, the same
store the case file's export (``archive.bag``) reads attachments from.
"""

from __future__ import annotations

import io

from sanxiang.evidence.backends import default_store
from sanxiang.evidence.store import StoreError


class BlobMissing(Exception):
    """No stored PDF under that digest, or its bytes no longer match it."""


def put(data: bytes) -> str:
    """Store ``data``; returns its SHA-256. Storing the same bytes twice keeps one object."""
    return default_store().put(io.BytesIO(data)).sha256


def get(sha256: str) -> bytes:
    """The stored bytes, checked against their name (a changed file is not served)."""
    try:
        return b"".join(default_store().open(sha256))
    except StoreError as exc:
        raise BlobMissing(f"{sha256}: {exc}") from exc
