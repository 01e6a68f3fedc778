"""The public home page lists every agency on the platform, in Chinese."""

from django.test import Client

from sanxiang.registry.models import Agency


def test_home_lists_both_agencies(client: Client, agency_a: Agency, agency_b: Agency) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert agency_a.name in body
    assert agency_b.name in body
    assert 'lang="zh-Hans"' in body


def test_home_sends_a_local_only_content_security_policy(client: Client, agency_a: Agency) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "http" not in policy
