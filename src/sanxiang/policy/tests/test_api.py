"""The read-only policy API serves the resolved packs with each rule's citation."""

from __future__ import annotations

import pytest
from django.test import Client

from sanxiang.policy.loader import pack_slugs


@pytest.mark.django_db
def test_api_lists_packs_without_login(client: Client) -> None:
    response = client.get("/api/v1/policy/packs")
    assert response.status_code == 200
    body = response.json()
    assert [p["slug"] for p in body] == pack_slugs()
    assert body[0]["extends"] is None and body[0]["rule_count"] > 10


@pytest.mark.django_db
def test_api_serves_a_resolved_pack_with_citations(client: Client) -> None:
    response = client.get("/api/v1/policy/packs/national")
    assert response.status_code == 200
    body = response.json()
    assert body["chain"] == ["national"]
    assert body["pack"]["pack"]["effective"] == "2026-01-01"
    assert body["rules"]["penalty_decision"] == {
        "origin": "national",
        "status": "own",
        "cite": "中华人民共和国行政处罚法 第六十条",
    }


@pytest.mark.django_db
def test_api_unknown_pack_is_404(client: Client) -> None:
    assert client.get("/api/v1/policy/packs/atlantis").status_code == 404
