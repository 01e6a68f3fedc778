"""The evidence store: content-addressed, write-once blobs on a filesystem or S3. No Django.

Layout (the same keys on every backend, so a backup is a plain copy)::

    blobs/sha256/ab/cd/<sha256>         the bytes, named by their SHA-256
    retention/<sha256>/<YYYY-MM-DD>     empty marker: kept at least until that day
    retention/<sha256>/permanent        empty marker: kept with the case file (as evidence)
    holds/<sha256>/<hold-id>            empty marker: a legal hold blocks disposal
    tombstones/<sha256>                 JSON: who disposed of the blob, when, under which approval

Objects are never overwritten: ``put`` of bytes already stored keeps the stored object, and a
write to an existing key is refused. Deletion is refused *by the store itself* while a retention
marker is in force or a hold marker exists (DESIGN.md: nothing destroyed inside retention, at the
application layer and the storage layer), and only ever leaves a tombstone with the digest.

Blobs stream in and out in chunks of :data:`CHUNK` bytes, so a multi-gigabyte recording never
sits in memory; SHA-256 (and SM3, 国密, where the pack asks) are computed on the way in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

CHUNK = 1024 * 1024
PART = 8 * CHUNK  # S3 multipart part size (at least 5 MiB except the last)
DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
PERMANENT = "permanent"


class StoreError(Exception):
    """The store refused an operation (English message; services translate)."""


class WriteOnceViolation(StoreError):
    """An existing object would be overwritten."""


class RetentionActive(StoreError):
    """Deletion refused: a retention marker is in force or a legal hold exists."""


class BlobMissing(StoreError):
    """No object under that digest."""


class DigestMismatch(StoreError):
    """The stored bytes no longer hash to their name (tampering or corruption)."""


def blob_key(sha256: str) -> str:
    if not DIGEST_RE.match(sha256):
        raise StoreError(f"not a SHA-256 hex digest: {sha256!r}")
    return f"blobs/sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def digest_of_key(key: str) -> str | None:
    name = key.rsplit("/", 1)[-1]
    return name if key.startswith("blobs/sha256/") and DIGEST_RE.match(name) else None


class Backend(Protocol):
    """The primitives a store needs; every method works on whole keys of the layout above."""

    name: str

    def write_new(self, key: str, chunks: Iterable[bytes]) -> None:
        """Write a new object; :class:`WriteOnceViolation` if ``key`` exists."""

    def stage(self, chunks: Iterable[bytes]) -> str:
        """Write to a private staging key; return it (renamed with :meth:`promote`)."""

    def promote(self, staged: str, key: str) -> bool:
        """Move a staged object to ``key``; False (staged object dropped) if ``key`` exists."""

    def read(self, key: str) -> Iterator[bytes]: ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int: ...

    def remove(self, key: str) -> None: ...

    def keys(self, prefix: str) -> Iterator[str]: ...


# ------------------------------------------------------------------------------ filesystem


class FilesystemBackend:
    """Objects as files under ``root``; files are made read-only (0444) once written."""

    def __init__(self, root: Path, name: str = "fs") -> None:
        self.root = Path(root)
        self.name = name
        (self.root / ".staging").mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):
            raise StoreError(f"bad key {key!r}")
        return self.root / key

    def write_new(self, key: str, chunks: Iterable[bytes]) -> None:
        staged = self.stage(chunks)
        if not self.promote(staged, key):
            raise WriteOnceViolation(f"{key} exists; objects are write-once")

    def stage(self, chunks: Iterable[bytes]) -> str:
        fd, name = tempfile.mkstemp(dir=self.root / ".staging")
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return f".staging/{Path(name).name}"

    def promote(self, staged: str, key: str) -> bool:
        source, target = self._path(staged), self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(source, 0o444)
        try:
            # link() fails if the target exists: the no-overwrite check and the write are one
            # atomic step, so two writers racing on the same key cannot replace each other.
            os.link(source, target)
        except FileExistsError:
            return False
        finally:
            source.unlink()
        return True

    def read(self, key: str) -> Iterator[bytes]:
        path = self._path(key)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise BlobMissing(key) from None
        with handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise BlobMissing(key) from None

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str) -> Iterator[str]:
        base = self._path(prefix.rstrip("/")) if prefix else self.root
        if not base.exists():
            return
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d != ".staging")
            for filename in sorted(filenames):
                yield Path(dirpath, filename).relative_to(self.root).as_posix()


# ------------------------------------------------------------------------------ S3


class _ChunkReader:
    """A file-like view of an iterator of chunks (boto3 reads from it in parts)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buffer = bytearray()

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                break
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


class S3Backend:
    """Objects in one bucket of an S3-compatible store (SeaweedFS in tests).

    S3 has no atomic "create if absent" in every implementation, so write-once is enforced by
    staging under ``.staging/<uuid>`` and checking the target before the server-side copy; the
    store's content addressing means a lost race writes identical bytes.
    """

    def __init__(self, client: Any, bucket: str, name: str = "s3", prefix: str = "") -> None:
        from boto3.s3.transfer import TransferConfig

        self.client = client
        self.bucket = bucket
        self.name = name
        # Every key is stored under ``prefix`` (several stores may share one bucket).
        self.prefix = prefix
        # Bounded memory: at most concurrency × chunk size in flight.
        self.transfer = TransferConfig(
            multipart_threshold=8 * CHUNK,
            multipart_chunksize=8 * CHUNK,
            max_concurrency=2,
            use_threads=True,
        )

    def _k(self, key: str) -> str:
        return self.prefix + key

    def write_new(self, key: str, chunks: Iterable[bytes]) -> None:
        if self.exists(key):
            raise WriteOnceViolation(f"{key} exists; objects are write-once")
        self._upload(self._k(key), chunks)

    def stage(self, chunks: Iterable[bytes]) -> str:
        staged = f".staging/{uuid.uuid4().hex}"
        self._upload(self._k(staged), chunks)
        return staged

    def _upload(self, key: str, chunks: Iterable[bytes]) -> None:
        """Multipart upload one part at a time: memory stays at one part (8 MiB).

        boto3's transfer manager reads a non-seekable stream ahead into its queue, which for a
        recording of several gigabytes means gigabytes in memory; so the parts are sent here.
        """
        reader = _ChunkReader(chunks)
        first = reader.read(PART)
        if len(first) < PART:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=first)
            return
        upload = self.client.create_multipart_upload(Bucket=self.bucket, Key=key)
        parts: list[dict[str, Any]] = []
        try:
            part = first
            while part:
                answer = self.client.upload_part(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload["UploadId"],
                    PartNumber=len(parts) + 1,
                    Body=part,
                )
                parts.append({"PartNumber": len(parts) + 1, "ETag": answer["ETag"]})
                part = reader.read(PART)
            self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                UploadId=upload["UploadId"],
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            self.client.abort_multipart_upload(
                Bucket=self.bucket, Key=key, UploadId=upload["UploadId"]
            )
            raise

    def promote(self, staged: str, key: str) -> bool:
        try:
            if self.exists(key):
                return False
            self.client.copy(
                {"Bucket": self.bucket, "Key": self._k(staged)},
                self.bucket,
                self._k(key),
                Config=self.transfer,
            )
            return True
        finally:
            self.client.delete_object(Bucket=self.bucket, Key=self._k(staged))

    def read(self, key: str) -> Iterator[bytes]:
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._k(key))["Body"]
        except ClientError:
            raise BlobMissing(key) from None
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._k(key))
        except ClientError:
            return False
        return True

    def size(self, key: str) -> int:
        from botocore.exceptions import ClientError

        try:
            return int(
                self.client.head_object(Bucket=self.bucket, Key=self._k(key))["ContentLength"]
            )
        except ClientError:
            raise BlobMissing(key) from None

    def remove(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._k(key))

    def keys(self, prefix: str) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._k(prefix)):
            for item in page.get("Contents", []):
                key = item["Key"][len(self.prefix) :]
                if not key.startswith(".staging/"):
                    yield key


# ------------------------------------------------------------------------------ the store


@dataclass(frozen=True)
class Stored:
    """What ``put`` computed on the way in."""

    sha256: str
    sm3: str
    size: int
    key: str
    created: bool  # False when identical bytes were already stored


@dataclass(frozen=True)
class Staged:
    """Bytes written under a staging name (invisible to ``digests`` and fixity) and hashed:
    ``promote`` makes them the blob, ``discard`` removes them."""

    sha256: str
    sm3: str
    size: int
    staged: str  # the backend key under .staging/


@dataclass(frozen=True)
class FixityReport:
    """``checked`` objects re-hashed; ``changed``/``missing``/``extra`` are digests."""

    checked: int
    changed: list[str]
    missing: list[str]
    extra: list[str]

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    def as_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "changed": self.changed,
            "missing": self.missing,
            "extra": self.extra,
        }


def _hashing(
    stream: IO[bytes] | Iterable[bytes], hashers: list[Any], counter: list[int]
) -> Iterator[bytes]:
    chunks: Iterable[bytes]
    if hasattr(stream, "read"):
        reader: Any = stream
        chunks = iter(lambda: reader.read(CHUNK), b"")
    else:
        chunks = stream
    for chunk in chunks:
        for hasher in hashers:
            hasher.update(chunk)
        counter[0] += len(chunk)
        yield chunk


def new_sm3() -> Any:
    """SM3 (GB/T 32905) through OpenSSL's streaming implementation; gmssl agrees (tested)."""
    return hashlib.new("sm3")


class BlobStore:
    """Content addressing, write-once, retention and holds on top of one backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @property
    def name(self) -> str:
        return self.backend.name

    # -- in and out

    def put(self, stream: IO[bytes] | Iterable[bytes], *, sm3: bool = False) -> Stored:
        return self.promote(self.stage(stream, sm3=sm3))

    def stage(self, stream: IO[bytes] | Iterable[bytes], *, sm3: bool = False) -> Staged:
        """Write and hash the bytes under a staging name; nothing is visible as a blob yet, so
        a caller that then refuses (``discard``) leaves no blob behind."""
        sha = hashlib.sha256()
        hashers = [sha, new_sm3()] if sm3 else [sha]
        counter = [0]
        staged = self.backend.stage(_hashing(stream, hashers, counter))
        return Staged(
            sha256=sha.hexdigest(),
            sm3=hashers[1].hexdigest() if sm3 else "",
            size=counter[0],
            staged=staged,
        )

    def promote(self, staged: Staged) -> Stored:
        """Make staged bytes the blob (write-once: identical bytes already stored are kept)."""
        key = blob_key(staged.sha256)
        created = self.backend.promote(staged.staged, key)
        return Stored(
            sha256=staged.sha256, sm3=staged.sm3, size=staged.size, key=key, created=created
        )

    def discard(self, staged: Staged) -> None:
        """Remove staged bytes that were not promoted (a no-op once promoted)."""
        self.backend.remove(staged.staged)

    def remove_unreferenced(self, sha256: str) -> None:
        """Delete a blob this process just created for an ingest that did not commit.

        Only the services call it, and only for a blob no committed row references; it is not
        a disposal (nothing was ever recorded for these bytes), so no tombstone is left.
        """
        self.backend.remove(blob_key(sha256))

    def open(self, sha256: str, *, verify: bool = True) -> Iterator[bytes]:
        """The blob's bytes in chunks; with ``verify`` the last chunk is followed by a check
        that raises :class:`DigestMismatch` if the bytes changed since they were stored."""
        hasher = hashlib.sha256()
        for chunk in self.backend.read(blob_key(sha256)):
            hasher.update(chunk)
            yield chunk
        if verify and hasher.hexdigest() != sha256:
            raise DigestMismatch(f"{sha256} now hashes to {hasher.hexdigest()}")

    def exists(self, sha256: str) -> bool:
        return self.backend.exists(blob_key(sha256))

    def size(self, sha256: str) -> int:
        return self.backend.size(blob_key(sha256))

    def digests(self) -> Iterator[str]:
        for key in self.backend.keys("blobs/sha256/"):
            digest = digest_of_key(key)
            if digest is not None:
                yield digest

    # -- retention, holds, disposal

    def retain(self, sha256: str, *, until: dt.date | None) -> None:
        """Keep the blob at least until ``until`` (None: permanently, with the case file).
        Markers only ever add time: an earlier one cannot shorten a later one."""
        label = PERMANENT if until is None else until.isoformat()
        key = f"retention/{sha256}/{label}"
        if not self.backend.exists(key):
            # A concurrent writer may place the same marker first: the aim is met.
            with contextlib.suppress(WriteOnceViolation):
                self.backend.write_new(key, [b""])

    def retained_until(self, sha256: str) -> str | None:
        """The latest retention marker (``permanent`` beats any date), or None."""
        labels = [k.rsplit("/", 1)[-1] for k in self.backend.keys(f"retention/{sha256}/")]
        if not labels:
            return None
        return PERMANENT if PERMANENT in labels else max(labels)

    def hold(self, sha256: str, hold_id: str) -> None:
        self.backend.write_new(f"holds/{sha256}/{hold_id}", [b""])

    def release(self, sha256: str, hold_id: str) -> None:
        self.backend.remove(f"holds/{sha256}/{hold_id}")

    def holds(self, sha256: str) -> list[str]:
        return [k.rsplit("/", 1)[-1] for k in self.backend.keys(f"holds/{sha256}/")]

    def check_disposable(self, sha256: str, *, today: dt.date) -> None:
        until = self.retained_until(sha256)
        if until == PERMANENT:
            raise RetentionActive(f"{sha256} is kept permanently (with the case file)")
        if until is not None and dt.date.fromisoformat(until) >= today:
            raise RetentionActive(f"{sha256} is retained until {until}")
        holds = self.holds(sha256)
        if holds:
            raise RetentionActive(f"{sha256} is under legal hold {', '.join(holds)}")

    def dispose(self, sha256: str, *, today: dt.date, tombstone: dict[str, Any]) -> None:
        """Delete the bytes after retention, leaving ``tombstones/<sha256>`` (never deleted)."""
        self.check_disposable(sha256, today=today)
        body = json.dumps({"sha256": sha256, **tombstone}, ensure_ascii=False, sort_keys=True)
        if not self.backend.exists(f"tombstones/{sha256}"):
            self.backend.write_new(f"tombstones/{sha256}", [body.encode("utf-8")])
        self.backend.remove(blob_key(sha256))

    def tombstone(self, sha256: str) -> dict[str, Any] | None:
        key = f"tombstones/{sha256}"
        if not self.backend.exists(key):
            return None
        return dict(json.loads(b"".join(self.backend.read(key))))

    # -- fixity and backup

    def fixity(self, expected: Iterable[str], *, progress: Any = None) -> FixityReport:
        """Re-hash every blob; compare with the digests the database expects."""
        wanted = set(expected)
        present = set(self.digests())
        changed: list[str] = []
        for n, digest in enumerate(sorted(present), 1):
            hasher = hashlib.sha256()
            for chunk in self.backend.read(blob_key(digest)):
                hasher.update(chunk)
            if hasher.hexdigest() != digest:
                changed.append(digest)
            if progress is not None:
                progress(n, len(present), digest)
        return FixityReport(
            checked=len(present),
            changed=changed,
            missing=sorted(wanted - present),
            extra=sorted(present - wanted),
        )

    def copy_to(self, target: BlobStore, *, progress: Any = None) -> int:
        """Copy every object (blobs and markers) that the target lacks; returns how many.
        A blob is re-hashed on the way, so a corrupted source is not propagated silently."""
        keys = sorted(
            k
            for prefix in ("blobs/", "retention/", "holds/", "tombstones/")
            for k in self.backend.keys(prefix)
        )
        copied = 0
        for n, key in enumerate(keys, 1):
            if not target.backend.exists(key):
                digest = digest_of_key(key)
                if digest is not None:
                    stored = target.put(self.open(digest))
                    assert stored.sha256 == digest
                else:
                    target.backend.write_new(key, self.backend.read(key))
                copied += 1
            if progress is not None:
                progress(n, len(keys), key)
        return copied


def filesystem_store(root: Path) -> BlobStore:
    return BlobStore(FilesystemBackend(root))


def remove_tree(root: Path) -> None:
    """Tests and drills only: read-only files need their directory writable to go."""
    shutil.rmtree(root, ignore_errors=True)
