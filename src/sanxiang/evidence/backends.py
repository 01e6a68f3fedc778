"""Which blob store the platform uses: the filesystem under ``settings.BLOB_DIR`` by default,
an S3-compatible bucket when ``settings.EVIDENCE_S3`` is set (see docs/evidence.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from sanxiang.evidence.store import BlobStore, FilesystemBackend, S3Backend


def store_from_spec(spec: str) -> BlobStore:
    """``/path`` or ``s3://bucket/prefix`` (endpoint and keys from the usual AWS_* variables)."""
    if spec.startswith("s3://"):
        import boto3

        bucket, _, prefix = spec[5:].partition("/")
        prefix = prefix.strip("/")
        client = boto3.client("s3")
        # "s3://bucket/evidence" and "s3://bucket/evidence/" both keep keys under "evidence/".
        return BlobStore(
            S3Backend(client, bucket, name="s3", prefix=f"{prefix}/" if prefix else "")
        )
    return BlobStore(FilesystemBackend(Path(spec)))


@cache
def _default(blob_dir: str, s3: str) -> BlobStore:
    if s3:
        return store_from_spec(s3)
    return BlobStore(FilesystemBackend(Path(blob_dir)))


def default_store() -> BlobStore:
    return _default(str(settings.BLOB_DIR), settings.EVIDENCE_S3)
