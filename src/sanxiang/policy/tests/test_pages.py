"""The public pages list the packs and show every rule with its citation."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sanxiang.policy.loader import pack_slugs


@pytest.mark.django_db
def test_pack_list_is_public_and_lists_every_pack(client: Client) -> None:
    response = client.get(reverse("policy:pack_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for slug in pack_slugs():
        assert reverse("policy:pack_detail", args=[slug]) in html
    assert "国家法律法规规定的行政执法三项制度规则" in html


@pytest.mark.django_db
def test_pack_detail_shows_rules_with_citations(client: Client) -> None:
    response = client.get(reverse("policy:pack_detail", args=["national"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "作出行政处罚决定" in html
    assert "依据：中华人民共和国行政处罚法 第六十条" in html
    assert "依据：中华人民共和国行政处罚法 第四十八条、第八十五条" in html


@pytest.mark.django_db
def test_agency_pack_detail_marks_inherited_rules(client: Client) -> None:
    agency_slugs = [s for s in pack_slugs() if s != "national"]
    if not agency_slugs:
        pytest.skip("no agency pack shipped yet")
    response = client.get(reverse("policy:pack_detail", args=[agency_slugs[0]]))
    assert response.status_code == 200
    assert "继承自 national" in response.content.decode()


@pytest.mark.django_db
def test_unknown_pack_is_404(client: Client) -> None:
    response = client.get(reverse("policy:pack_detail", args=["atlantis"]))
    assert response.status_code == 404
