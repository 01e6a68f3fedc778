"""The blob store on both backends (filesystem and a real SeaweedFS over S3): no Django."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from gmssl import sm3 as gm_sm3

from sanxiang.evidence.store import (
    CHUNK,
    BlobMissing,
    BlobStore,
    DigestMismatch,
    FilesystemBackend,
    RetentionActive,
    WriteOnceViolation,
    blob_key,
)

TODAY = dt.date(2026, 3, 2)


def generated(size: int, seed: int = 7) -> Iterator[bytes]:
    """A deterministic stream of ``size`` bytes, made chunk by chunk (never all in memory)."""
    block = hashlib.sha256(str(seed).encode()).digest() * (CHUNK // 32)
    sent = 0
    while sent < size:
        piece = block[: min(CHUNK, size - sent)]
        sent += len(piece)
        yield piece


def expected_sha256(size: int, seed: int = 7) -> str:
    hasher = hashlib.sha256()
    for chunk in generated(size, seed):
        hasher.update(chunk)
    return hasher.hexdigest()


def test_put_is_content_addressed_and_reads_back(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"record one"), sm3=True)
    assert stored.sha256 == hashlib.sha256(b"record one").hexdigest()
    assert stored.sm3 == gm_sm3.sm3_hash(list(b"record one"))
    assert stored.size == 10 and stored.created
    assert b"".join(store.open(stored.sha256)) == b"record one"
    again = store.put(io.BytesIO(b"record one"))
    assert again.sha256 == stored.sha256 and not again.created
    assert list(store.digests()) == [stored.sha256]


def test_existing_key_is_never_overwritten(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"original"))
    with pytest.raises(WriteOnceViolation):
        store.backend.write_new(stored.key, [b"forged"])
    assert b"".join(store.open(stored.sha256)) == b"original"


def test_delete_inside_retention_is_refused_by_the_store(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"av"))
    store.retain(stored.sha256, until=dt.date(2026, 6, 2))
    with pytest.raises(RetentionActive):
        store.dispose(stored.sha256, today=TODAY, tombstone={"by": "x"})
    assert store.exists(stored.sha256) and store.tombstone(stored.sha256) is None
    # A legal hold blocks disposal even after the retention date.
    store.hold(stored.sha256, "h1")
    with pytest.raises(RetentionActive, match="legal hold"):
        store.dispose(stored.sha256, today=dt.date(2026, 7, 1), tombstone={"by": "x"})
    store.release(stored.sha256, "h1")
    store.dispose(stored.sha256, today=dt.date(2026, 7, 1), tombstone={"by": "archivist"})
    assert not store.exists(stored.sha256)
    assert store.tombstone(stored.sha256) == {"sha256": stored.sha256, "by": "archivist"}


def test_permanent_retention_beats_any_date(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"evidence"))
    store.retain(stored.sha256, until=dt.date(2026, 6, 2))
    store.retain(stored.sha256, until=None)
    with pytest.raises(RetentionActive, match="permanently"):
        store.dispose(stored.sha256, today=dt.date(2030, 1, 1), tombstone={})
    assert store.exists(stored.sha256)


def test_fixity_finds_changed_missing_and_extra(store: BlobStore, tmp_path: Path) -> None:
    kept = store.put(io.BytesIO(b"kept")).sha256
    tampered = store.put(io.BytesIO(b"tampered")).sha256
    extra = store.put(io.BytesIO(b"nobody knows me")).sha256
    missing = hashlib.sha256(b"lost").hexdigest()
    # Tamper behind the store's back: replace the object's bytes in the backend directly.
    store.backend.remove(blob_key(tampered))
    store.backend.write_new(blob_key(tampered), [b"tampereD"])
    seen: list[int] = []
    report = store.fixity([kept, tampered, missing], progress=lambda n, total, key: seen.append(n))
    assert report.changed == [tampered]
    assert report.missing == [missing]
    assert report.extra == [extra]
    assert report.checked == 3 and seen == [1, 2, 3]
    with pytest.raises(DigestMismatch):
        b"".join(store.open(tampered))
    with pytest.raises(BlobMissing):
        b"".join(store.open(missing))


def test_backup_and_restore_reproduce_identical_digests(store: BlobStore, tmp_path: Path) -> None:
    digests = {store.put(io.BytesIO(f"blob {i}".encode())).sha256 for i in range(5)}
    first = next(iter(digests))
    store.retain(first, until=None)
    backup = BlobStore(FilesystemBackend(tmp_path / "offsite"))
    assert store.copy_to(backup) == 6
    assert store.copy_to(backup) == 0  # incremental: nothing new
    restored = BlobStore(FilesystemBackend(tmp_path / "restored"))
    backup.copy_to(restored)
    assert set(restored.digests()) == digests
    assert restored.fixity(digests).ok
    assert restored.retained_until(first) == "permanent"
    for digest in digests:
        assert b"".join(restored.open(digest)) == b"".join(store.open(digest))


def _rss() -> int:
    """Resident memory now (Linux), to catch buffering that tracemalloc cannot see (C buffers)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _bounded_roundtrip(store: BlobStore, size: int) -> tuple[int, int]:
    """Upload then download ``size`` bytes; the peak traced allocation and the peak growth of
    resident memory over the starting point, sampled at every chunk either way."""
    baseline = _rss()
    peak_rss = baseline

    def sampled(chunks: Iterator[bytes]) -> Iterator[bytes]:
        nonlocal peak_rss
        for chunk in chunks:
            peak_rss = max(peak_rss, _rss())
            yield chunk

    tracemalloc.start()
    try:
        stored = store.put(sampled(generated(size)))
        hasher = hashlib.sha256()
        read = 0
        for chunk in sampled(store.open(stored.sha256)):
            hasher.update(chunk)
            read += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert stored.size == size == read
    assert stored.sha256 == hasher.hexdigest() == expected_sha256(size)
    return peak, peak_rss - baseline


def test_large_file_streams_with_bounded_memory(store: BlobStore) -> None:
    # 2 GiB on both backends. Over S3 this goes through multipart upload (8 MiB parts) and a
    # chunked download; on loopback SeaweedFS it costs about 65 s (docs/evidence.md, "Tests").
    size = 2 * 1024**3
    try:
        peak, rss_growth = _bounded_roundtrip(store, size)
    finally:
        # pytest keeps recent tmp dirs (and the SeaweedFS volume lives for the session): do not
        # leave 2 GiB behind.
        for digest in list(store.digests()):
            store.backend.remove(blob_key(digest))
    # Buffering the object would cost its whole size (2 GiB) on either measure.
    assert peak < 64 * 1024**2, f"peak traced memory {peak} bytes"
    assert rss_growth < 256 * 1024**2, f"resident memory grew by {rss_growth} bytes"
