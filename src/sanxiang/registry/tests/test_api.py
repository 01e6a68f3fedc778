"""Registry API: scoped officer list (token or session) and the public certificate check."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from sanxiang.accounts.models import User
from sanxiang.registry.models import Agency
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(agency_a: Agency, agency_b: Agency) -> None:
    factories.officer(agency_a, name="甲局张三", cert_no="A1")
    factories.officer(
        agency_a, name="甲局过期", cert_no="A2", valid_until=datetime.date(2026, 1, 1)
    )
    factories.officer(agency_b, name="乙局李四", cert_no="B1")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_list_is_scoped_to_the_users_agency(officer_a: User, officers: None) -> None:
    response = _client(officer_a).get("/api/v1/registry/officers", {"on": "2026-06-15"})
    assert response.status_code == 200
    rows = {row["cert_no"]: row for row in response.json()}
    assert set(rows) == {"A1", "A2"}
    assert rows["A1"]["certificate"] == "valid"
    assert rows["A2"]["certificate"] == "expired" and rows["A2"]["certificate_label"] == "已过期"
    assert "birth_year" not in rows["A1"]


def test_supervisor_lists_every_agency(supervisor: User, officers: None) -> None:
    rows = _client(supervisor).get("/api/v1/registry/officers").json()
    assert {row["cert_no"] for row in rows} == {"A1", "A2", "B1"}


def test_officer_list_needs_a_login(client: Client, officers: None) -> None:
    assert client.get("/api/v1/registry/officers").status_code == 401


def test_public_certificate_check(client: Client, agency_a: Agency, officers: None) -> None:
    response = client.get("/api/v1/registry/wuhan-rsj/certificates/A1")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "甲局张三"
    assert "birth_year" not in body
    assert client.get("/api/v1/registry/wuhan-rsj/certificates/A2").json()["valid"] is False
    # Another agency's certificate is not found under this agency.
    assert client.get("/api/v1/registry/wuhan-rsj/certificates/B1").status_code == 404
