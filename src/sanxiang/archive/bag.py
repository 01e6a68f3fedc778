"""Export a case file as a BagIt package (RFC 8493) that checks itself offline.

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    data/case-file.json        cover, 卷内目录, AV locations (the bytes whose SHA-256 is ledgered)
    data/catalogue.pdf         the same cover and 卷内目录 for people (covered by the manifest)
    data/checkpoint.json       the signed checkpoint taken when the file was formed
    data/public-key.pem        the platform key, for convenience (verify with your own copy)
    data/entries/<index>.json  {"record": <the ledger record>, "proof": <inclusion proof>}
    data/attachments/<sha256>  every attachment and AV recording, named by its digest

``tools/verify_ledger.py --bag DIR --public-key KEY`` checks the manifests, the signature, every
record against its leaf and proof, every attachment against its name and its ledgered digest,
and case-file.json against the digest in the formation entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.utils import timezone

from sanxiang.archive.models import CaseFile
from sanxiang.archive.pdf import catalogue_pdf
from sanxiang.archive.services import canonical_bytes, content_of
from sanxiang.cases.ledgering import subject_of
from sanxiang.evidence.store import BlobStore
from sanxiang.ledger import signing
from sanxiang.ledger.checkpoints import checkpoint_json
from sanxiang.ledger.selectors import entries_for_subject, inclusion_proof, record_of

BAGIT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def _write(path: Path, data: bytes, manifest: dict[str, str], root: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    manifest[path.relative_to(root).as_posix()] = hashlib.sha256(data).hexdigest()


def _manifest(entries: dict[str, str]) -> bytes:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(entries.items())).encode()


def write_bag(case_file: CaseFile, target: Path, *, store: BlobStore) -> Path:
    """Write the bag into ``target`` (a new directory) and return it."""
    target.mkdir(parents=True, exist_ok=False)
    data = target / "data"
    manifest: dict[str, str] = {}
    agency = case_file.agency
    checkpoint = case_file.checkpoint
    _write(data / "case-file.json", canonical_bytes(content_of(case_file)), manifest, target)
    _write(data / "catalogue.pdf", catalogue_pdf(content_of(case_file)), manifest, target)
    _write(
        data / "checkpoint.json",
        json.dumps(checkpoint_json(checkpoint), ensure_ascii=False, indent=2).encode(),
        manifest,
        target,
    )
    signer = signing.signer_for(checkpoint.algorithm, checkpoint.key_id)
    _write(data / "public-key.pem", signer.public_key_pem().encode(), manifest, target)
    entries = entries_for_subject(agency, subject_of(case_file.case)).filter(
        index__lt=checkpoint.tree_size
    )
    for entry in entries.select_related("agency"):
        proof = inclusion_proof(agency=agency, index=entry.index, size=checkpoint.tree_size)
        body = {"record": record_of(entry), "proof": proof.as_json()}
        _write(
            data / "entries" / f"{entry.index}.json",
            json.dumps(body, ensure_ascii=False, indent=2).encode(),
            manifest,
            target,
        )
    digests = {a["sha256"] for row in case_file.catalogue for a in row["attachments"]}
    for digest in sorted(digests):
        path = data / "attachments" / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        with path.open("wb") as out:
            for chunk in store.open(digest):
                hasher.update(chunk)
                out.write(chunk)
        manifest[path.relative_to(target).as_posix()] = hasher.hexdigest()
    (target / "bagit.txt").write_bytes(BAGIT)
    info = (
        f"Source-Organization: {agency.name}\n"
        f"External-Identifier: {case_file.case.number}\n"
        f"Bagging-Date: {timezone.localdate().isoformat()}\n"
        f"Payload-Oxum: {_oxum(data)}\n"
    )
    (target / "bag-info.txt").write_bytes(info.encode())
    (target / "manifest-sha256.txt").write_bytes(_manifest(manifest))
    tags = {
        name: hashlib.sha256((target / name).read_bytes()).hexdigest()
        for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
    }
    (target / "tagmanifest-sha256.txt").write_bytes(_manifest(tags))
    return target


def _oxum(data: Path) -> str:
    files = [p for p in data.rglob("*") if p.is_file()]
    return f"{sum(p.stat().st_size for p in files)}.{len(files)}"
