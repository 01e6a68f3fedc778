"""Fixtures for the evidence tests: a real SeaweedFS server (once per session, only when an S3
test asks for it) and a blob store per backend."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sanxiang.evidence.store import BlobStore, FilesystemBackend, S3Backend


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ports(n: int) -> list[int]:
    """Ports whose gRPC twin (port + 10000, SeaweedFS's default) is free as well."""
    chosen: list[int] = []
    while len(chosen) < n:
        port = random.randint(20000, 29999)
        if port not in chosen and _free(port) and _free(port + 10000):
            chosen.append(port)
    return chosen


def _weed() -> str:
    found = Path(sys.executable).with_name("weed")
    return str(found) if found.exists() else (shutil.which("weed") or "weed")


@pytest.fixture(scope="session")
def seaweedfs() -> Iterator[dict[str, Any]]:
    import boto3

    data = tempfile.mkdtemp(prefix="seaweed-")
    master, volume, filer, s3 = _ports(4)
    log = open(Path(data) / "weed.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            _weed(),
            "server",
            f"-dir={data}",
            "-s3",
            f"-s3.port={s3}",
            f"-master.port={master}",
            f"-volume.port={volume}",
            f"-filer.port={filer}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-volume.max=20",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{s3}",
        aws_access_key_id="sanxiang",
        aws_secret_access_key="sanxiang-test",
        region_name="us-east-1",
    )
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                client.list_buckets()
                break
            except Exception:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((Path(data) / "weed.log").read_text()[-2000:]) from None
                time.sleep(0.5)
        bucket = "evidence-tests"
        while True:
            try:
                client.create_bucket(Bucket=bucket)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield {"client": client, "bucket": bucket}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


def make_s3_store(seaweedfs: dict[str, Any], name: str = "s3") -> BlobStore:
    """A fresh store: one bucket for the session (each bucket costs SeaweedFS volumes), a
    fresh prefix per store."""
    prefix = f"{uuid.uuid4().hex[:12]}/"
    return BlobStore(S3Backend(seaweedfs["client"], seaweedfs["bucket"], name=name, prefix=prefix))


@pytest.fixture(params=["fs", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """The same tests on both backends."""
    if request.param == "fs":
        return BlobStore(FilesystemBackend(tmp_path / "blobs"))
    return make_s3_store(request.getfixturevalue("seaweedfs"))


os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
