"""The Chinese admin, scoped to the user's agency: two agencies, each admin sees only their own."""

from __future__ import annotations

import json

import pytest
from conftest import make_user
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency, Department, Officer
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(agency_a: Agency, agency_b: Agency) -> dict[str, object]:
    dept_a = factories.department(agency_a, name="甲局监察处")
    dept_b = factories.department(agency_b, name="乙局计划科")
    return {
        "dept_a": dept_a,
        "dept_b": dept_b,
        "officer_a": factories.officer(agency_a, name="甲局张三", cert_no="A0001", dept=dept_a),
        "officer_b": factories.officer(agency_b, name="乙局李四", cert_no="B0001", dept=dept_b),
    }


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _officer_form(dept: Department, **overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "name": "新人王五",
        "gender": "male",
        "birth_year": "1992",
        "title": "科员",
        "department": str(dept.pk),
        "post": "",
        "cert_no": "A0002",
        "cert_issuer": "",
        "cert_valid_from": "2026-01-01",
        "cert_valid_until": "2028-12-31",
        "cert_status": "valid",
        "enforcement_area": "",
        "legal_qualification_no": "",
        "user": "",
    }
    form.update(overrides)
    return form


def test_changelist_shows_only_the_users_agency(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    response = client.get("/admin/registry/officer/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "乙局李四" in body
    assert "甲局张三" not in body


def test_another_agencys_row_looks_absent(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    officer_a = data["officer_a"]
    response = client.get(f"/admin/registry/officer/{officer_a.pk}/change/")
    # Django admin answers a missing object with a redirect to the index and a message.
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"

    response = client.post(
        f"/admin/registry/officer/{officer_a.pk}/change/",
        _officer_form(data["dept_b"], name="改名", cert_no="A0001"),
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.name == "甲局张三"
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_foreign_key_choices_are_the_users_agency_only(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    body = client.get("/admin/registry/officer/add/").content.decode()
    assert "乙局计划科" in body
    assert "甲局监察处" not in body
    assert 'name="agency"' not in body


def test_posting_another_agencys_department_is_refused(
    agency_a: Agency, agency_b: Agency, data: dict
) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    response = client.post("/admin/registry/officer/add/", _officer_form(data["dept_a"]))
    assert response.status_code == 200  # the form comes back with an error
    assert Officer.objects.filter(cert_no="A0002").count() == 0
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_add_through_admin_sets_the_agency_and_writes_the_ledger(
    agency_a: Agency, agency_b: Agency, data: dict
) -> None:
    admin_b = factories.registry_admin("admin_b", agency_b)
    response = _client(admin_b).post(
        "/admin/registry/officer/add/", _officer_form(data["dept_b"], cert_no="B0002")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    officer = Officer.objects.get(cert_no="B0002")
    assert officer.agency == agency_b
    entry = LedgerEntry.objects.get(kind="registry.officer.created")
    assert entry.agency == agency_b and entry.actor == admin_b
    assert json.loads(entry.payload_json)["cert_no"] == "B0002"


def test_duplicate_certificate_number_is_a_form_error(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    response = client.post(
        "/admin/registry/officer/add/", _officer_form(data["dept_b"], cert_no="B0001")
    )
    assert response.status_code == 200
    assert Officer.objects.filter(agency=agency_b).count() == 1
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_change_through_admin_ledgers_the_change(agency_b: Agency, data: dict) -> None:
    admin_b = factories.registry_admin("admin_b", agency_b)
    officer_b = data["officer_b"]
    form = _officer_form(data["dept_b"], name="乙局李四", cert_no="B0001", title="科长")
    form["birth_year"] = "1985"
    form["cert_valid_from"] = "2025-01-01"
    form["cert_valid_until"] = "2027-12-31"
    response = _client(admin_b).post(f"/admin/registry/officer/{officer_b.pk}/change/", form)
    assert response.status_code == 302
    officer_b.refresh_from_db()
    assert officer_b.title == "科长"
    entry = LedgerEntry.objects.get(kind="registry.officer.updated")
    assert json.loads(entry.payload_json) == {"changes": {"title": ["", "科长"]}}


def test_delete_is_refused_and_deactivate_is_offered(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    officer_b = data["officer_b"]
    response = client.get(f"/admin/registry/officer/{officer_b.pk}/delete/")
    assert response.status_code == 403
    response = client.post(
        "/admin/registry/officer/",
        {"action": "deactivate_selected", "_selected_action": [str(officer_b.pk)]},
    )
    assert response.status_code == 302
    officer_b.refresh_from_db()
    assert officer_b.is_active is False
    assert Officer.objects.filter(pk=officer_b.pk).exists()
    assert LedgerEntry.objects.filter(kind="registry.officer.deactivated").count() == 1


def test_supervisor_reads_both_agencies_and_changes_nothing(
    agency_a: Agency, agency_b: Agency, data: dict
) -> None:
    supervisor = make_user("sup", None, Role.SUPERVISOR)
    supervisor.is_staff = True
    supervisor.save(update_fields=["is_staff"])
    client = _client(supervisor)
    body = client.get("/admin/registry/officer/").content.decode()
    assert "甲局张三" in body and "乙局李四" in body

    officer_a = data["officer_a"]
    view = client.get(f"/admin/registry/officer/{officer_a.pk}/change/")
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()

    response = client.post(
        f"/admin/registry/officer/{officer_a.pk}/change/",
        _officer_form(data["dept_a"], name="改名", cert_no="A0001"),
    )
    assert response.status_code == 403
    assert client.get("/admin/registry/officer/add/").status_code == 403
    officer_a.refresh_from_db()
    assert officer_a.name == "甲局张三"
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_staff_without_admin_role_sees_no_registry(agency_a: Agency, data: dict) -> None:
    user = make_user("clerk", agency_a, Role.OFFICER)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = _client(user)
    assert client.get("/admin/registry/officer/").status_code == 403
    assert "执法人员" not in client.get("/admin/").content.decode()


def test_agency_admin_edits_own_agency_only(agency_a: Agency, agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    listing = client.get("/admin/registry/agency/").content.decode()
    assert agency_b.name in listing and agency_a.name not in listing
    assert client.get(f"/admin/registry/agency/{agency_a.pk}/change/").status_code == 302
    assert client.get("/admin/registry/agency/add/").status_code == 403

    page = client.get(f"/admin/registry/agency/{agency_b.pk}/change/").content.decode()
    assert 'name="slug"' not in page  # read-only: it names the policy pack
    response = client.post(
        f"/admin/registry/agency/{agency_b.pk}/change/",
        {
            "name": agency_b.name,
            "subject_kind": "statutory",
            "supervision_phone": "0772-12345",
        },
    )
    assert response.status_code == 302
    agency_b.refresh_from_db()
    assert agency_b.supervision_phone == "0772-12345"
    assert LedgerEntry.objects.filter(agency=agency_b, kind="registry.agency.updated").count() == 1


def test_admin_pages_are_in_chinese(agency_b: Agency, data: dict) -> None:
    client = _client(factories.registry_admin("admin_b", agency_b))
    body = client.get("/admin/registry/officer/").content.decode()
    assert "执法人员" in body
    assert "停用所选记录" in body


def test_superuser_chooses_the_agency_when_adding(
    agency_a: Agency, agency_b: Agency, data: dict
) -> None:
    root = User.objects.create_superuser(username="root", password="x")
    client = _client(root)
    page = client.get("/admin/registry/officer/add/").content.decode()
    assert 'name="agency"' in page
    form = _officer_form(data["dept_a"], cert_no="A0009", agency=str(agency_a.pk))
    assert client.post("/admin/registry/officer/add/", form).status_code == 302
    assert Officer.objects.get(cert_no="A0009").agency == agency_a

    # The department must still belong to the chosen agency.
    form = _officer_form(data["dept_a"], cert_no="B0009", agency=str(agency_b.pk))
    assert client.post("/admin/registry/officer/add/", form).status_code == 200
    assert not Officer.objects.filter(cert_no="B0009").exists()


def test_superuser_adds_an_agency_through_the_service(db: None) -> None:
    root = User.objects.create_superuser(username="root", password="x")
    response = _client(root).post(
        "/admin/registry/agency/add/",
        {"slug": "xinzhou-sfj", "name": "武汉市新洲区司法局", "subject_kind": "statutory"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(slug="xinzhou-sfj")
    assert LedgerEntry.objects.filter(agency=agency, kind="registry.agency.created").count() == 1


def test_anonymous_visitors_get_the_admin_login(client: Client, data: dict) -> None:
    assert client.get("/admin/login/").status_code == 200
    response = client.get("/admin/registry/officer/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
