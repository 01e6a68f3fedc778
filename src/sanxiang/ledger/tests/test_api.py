"""The public read-only API: checkpoints and proofs verify; payloads are never served."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from sanxiang.accounts.models import User
from sanxiang.ledger import merkle, services
from sanxiang.ledger.tests.helpers import fill
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(agency_a: Agency, agency_b: Agency, officer_a: User) -> Agency:
    fill(agency_a, officer_a, 4)
    services.create_checkpoint(agency=agency_a)
    fill(agency_a, officer_a, 7, start=4)
    services.create_checkpoint(agency=agency_a)
    fill(agency_b, None, 3)
    return agency_a


def test_checkpoint_and_proofs_verify_without_login(published: Agency) -> None:
    client = Client()
    checkpoint = client.get(f"/api/v1/ledger/{published.slug}/checkpoint").json()
    assert checkpoint["tree_size"] == 11
    root = bytes.fromhex(checkpoint["root_hash"])

    proof = client.get(f"/api/v1/ledger/{published.slug}/proof", {"index": 6}).json()
    merkle.verify_inclusion(
        proof["leaf_index"],
        proof["tree_size"],
        bytes.fromhex(proof["leaf_hash"]),
        [bytes.fromhex(h) for h in proof["audit_path"]],
        root,
    )
    consistency = client.get(
        f"/api/v1/ledger/{published.slug}/consistency", {"from": 4, "to": 11}
    ).json()
    merkle.verify_consistency(
        4,
        11,
        bytes.fromhex(consistency["from_root"]),
        root,
        [bytes.fromhex(h) for h in consistency["consistency_path"]],
    )
    key = client.get("/api/v1/ledger/public-key").json()
    assert key["key_id"] == checkpoint["key_id"]
    assert key["public_key_pem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_no_payload_is_served(published: Agency) -> None:
    client = Client()
    for url in (
        f"/api/v1/ledger/{published.slug}/checkpoint",
        f"/api/v1/ledger/{published.slug}/proof?index=1",
        f"/api/v1/ledger/{published.slug}/consistency?from=1&to=11",
    ):
        body = client.get(url).content.decode()
        assert "询问笔录" not in body and "cases.Record" not in body
        assert set(json.loads(body)) & {"payload", "subject", "kind", "actor"} == set()


def test_unknown_agency_missing_checkpoint_and_bad_ranges(
    published: Agency, agency_b: Agency
) -> None:
    client = Client()
    assert client.get("/api/v1/ledger/no-such-agency/checkpoint").status_code == 404
    assert client.get(f"/api/v1/ledger/{agency_b.slug}/checkpoint").status_code == 404
    assert client.get(f"/api/v1/ledger/{published.slug}/proof", {"index": 11}).status_code == 404
    assert client.get(f"/api/v1/ledger/{published.slug}/proof", {"index": -1}).status_code == 422
    response = client.get(f"/api/v1/ledger/{published.slug}/consistency", {"from": 5, "to": 99})
    assert response.status_code == 404
    # Agency B's proof covers B's own log only (3 entries, no checkpoint: the current size).
    proof = client.get(f"/api/v1/ledger/{agency_b.slug}/proof", {"index": 2}).json()
    assert proof["tree_size"] == 3
    assert client.get(f"/api/v1/ledger/{agency_b.slug}/proof", {"index": 3}).status_code == 404
