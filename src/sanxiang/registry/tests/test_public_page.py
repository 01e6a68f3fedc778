"""The public registry page and certificate check: public fields only, no login needed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client

from sanxiang.registry.choices import (
    CertificateStatus,
    DiscretionLevel,
    ItemKind,
    TimeLimitUnit,
)
from sanxiang.registry.models import (
    Agency,
    AuxiliaryStaff,
    DiscretionStandard,
    EnforcementItem,
    ServiceGuide,
)
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def published(agency_a: Agency, agency_b: Agency) -> dict[str, object]:
    dept_a = factories.department(agency_a, name="劳动保障监察处", duties="监察执法")
    dept_b = factories.department(agency_b, name="计划与成果科")
    permit = EnforcementItem.objects.create(
        agency=agency_a,
        name="人力资源服务许可",
        kind=ItemKind.PERMIT,
        legal_basis="《人力资源市场暂行条例》第十八条",
        department=dept_a,
        statutory_limit=20,
        promised_limit=10,
    )
    ServiceGuide.objects.create(
        agency=agency_a,
        item=permit,
        service_targets="经营性人力资源服务机构",
        conditions="有固定场所",
        process="申请\n受理\n决定",
        materials_catalogue="申请书",
        sample_text="申请书示范文本",
    )
    AuxiliaryStaff.objects.create(
        agency=agency_a,
        name="协管员甲",
        department=dept_a,
        badge_no="FZ-1",
        duties="信息采集",
        permissions="不得独立执法",
        badge_style="蓝底白字",
    )
    return {
        "valid": factories.officer(agency_a, name="刘芳", cert_no="42010001", dept=dept_a),
        "expired": factories.officer(
            agency_a,
            name="孙晓燕",
            cert_no="42010002",
            dept=dept_a,
            valid_until=datetime.date(2026, 1, 31),
        ),
        "suspended": factories.officer(
            agency_a,
            name="郑海波",
            cert_no="42010003",
            dept=dept_a,
            cert_status=CertificateStatus.SUSPENDED,
        ),
        "left": factories.officer(
            agency_a, name="已调离", cert_no="42010004", dept=dept_a, is_active=False
        ),
        "other": factories.officer(agency_b, name="乙局韦某", cert_no="45020001", dept=dept_b),
    }


@time_machine.travel(NOON, tick=False)
def test_agency_page_shows_public_info_people_and_items(
    client: Client, agency_a: Agency, published: dict
) -> None:
    response = client.get("/registry/wuhan-rsj/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "武汉市人力资源和社会保障局",
        "劳动保障监察处",
        "刘芳",
        "42010001",
        "人力资源服务许可",
    ):
        assert text in body
    assert "申请书示范文本" in body  # service guide
    assert "协管员甲" in body and "蓝底白字" in body  # auxiliary staff and badge style
    assert "已过期" in body and "暂扣" in body
    assert "已调离" not in body
    assert "乙局韦某" not in body  # another agency's officer


@time_machine.travel(NOON, tick=False)
def test_agency_page_hides_personal_fields(
    client: Client, agency_a: Agency, published: dict
) -> None:
    response = client.get("/registry/wuhan-rsj/")
    body = response.content.decode()
    assert response.context["officers"]
    for officer in response.context["officers"]:
        assert set(officer) == {
            "name",
            "gender",
            "title",
            "department",
            "cert_no",
            "cert_valid_from",
            "cert_valid_until",
            "check",
        }
    assert "<td>1985</td>" not in body  # birth year
    assert "出生" not in body


def test_discretion_standards_and_time_limits_are_published(
    client: Client, agency_a: Agency, agency_b: Agency, published: dict
) -> None:
    """行政处罚法 第三十四条: 裁量基准应当向社会公布; limits read as a 事项清单 writes them."""
    dept = published["valid"].department
    penalty = EnforcementItem.objects.create(
        agency=agency_a,
        name="违法延长工作时间处罚",
        kind=ItemKind.PENALTY,
        legal_basis="《劳动保障监察条例》第二十五条",
        department=dept,
        statutory_limit=90,
        statutory_limit_unit=TimeLimitUnit.DAY,
    )
    DiscretionStandard.objects.create(
        agency=agency_a,
        item=penalty,
        violation="违法延长工作时间",
        level=DiscretionLevel.HEAVIER,
        penalty_range="每人 400 元以上 500 元以下",
        basis="第二十五条",
    )
    retired = EnforcementItem.objects.create(
        agency=agency_a,
        name="已取消事项",
        kind=ItemKind.PENALTY,
        legal_basis="某法",
        department=dept,
        is_active=False,
    )
    DiscretionStandard.objects.create(
        agency=agency_a,
        item=retired,
        violation="已取消事项的情形",
        level=DiscretionLevel.GENERAL,
        penalty_range="罚款",
        basis="某法",
    )
    body = client.get("/registry/wuhan-rsj/").content.decode()
    assert "每人 400 元以上 500 元以下" in body
    assert "已取消事项" not in body
    assert "<td>90日</td>" in body
    assert "<td>20个工作日</td>" in body and "<td>10个工作日</td>" in body


def test_unknown_agency_is_404(client: Client, agency_a: Agency) -> None:
    assert client.get("/registry/no-such-agency/").status_code == 404


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("cert_no", "expected"),
    [("42010001", "证件有效"), ("42010002", "证件已过期"), ("42010003", "证件暂扣")],
)
def test_certificate_check(
    client: Client, agency_a: Agency, published: dict, cert_no: str, expected: str
) -> None:
    response = client.get(f"/registry/wuhan-rsj/officers/{cert_no}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert expected in body
    assert "<td>1985</td>" not in body
    assert "birth_year" not in response.context


@time_machine.travel(NOON, tick=False)
def test_certificate_of_an_officer_who_left_is_not_valid(
    client: Client, agency_a: Agency, published: dict
) -> None:
    body = client.get("/registry/wuhan-rsj/officers/42010004/").content.decode()
    assert "证件已不在岗" in body
    assert "证件有效" not in body


def test_certificate_is_checked_within_its_own_agency(
    client: Client, agency_a: Agency, agency_b: Agency, published: dict
) -> None:
    response = client.get("/registry/wuhan-rsj/officers/45020001/")
    assert response.status_code == 404
    assert "未查询到该执法证件" in response.content.decode()
    assert client.get("/registry/liuzhou-kjj/officers/45020001/").status_code == 200


def test_lookup_form_redirects_to_the_certificate(client: Client, agency_a: Agency) -> None:
    response = client.get("/registry/wuhan-rsj/officers/", {"cert_no": " 42010001 "})
    assert response.status_code == 302
    assert response.headers["Location"] == "/registry/wuhan-rsj/officers/42010001/"
    assert client.get("/registry/wuhan-rsj/officers/").headers["Location"] == "/registry/wuhan-rsj/"
