"""Registry writes: each writes its row and its ledger entry, or refuses and writes nothing."""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import make_user
from django.core.exceptions import ValidationError

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry import services
from sanxiang.registry.choices import Gender, ItemKind
from sanxiang.registry.models import Agency, Department, EnforcementItem, Officer
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db


def _entries(agency: Agency, kind: str | None = None) -> list[LedgerEntry]:
    qs = LedgerEntry.objects.filter(agency=agency, kind__startswith="registry.").order_by("index")
    return list(qs.filter(kind=kind) if kind else qs)


def _officer_fields(dept: Department, cert_no: str = "42010099") -> dict[str, object]:
    return {
        "name": "李四",
        "gender": Gender.FEMALE,
        "birth_year": 1990,
        "title": "一级主任科员",
        "department": dept,
        "cert_no": cert_no,
        "cert_valid_from": datetime.date(2026, 1, 1),
        "cert_valid_until": datetime.date(2028, 12, 31),
    }


def test_create_writes_the_row_and_its_ledger_entry(agency_a: Agency, agency_b: Agency) -> None:
    admin = factories.registry_admin("admin_a", agency_a)
    dept = services.create_registry_object(
        actor=admin, agency=agency_a, model=Department, name="劳动保障监察处", duties="检查"
    )
    officer = services.create_registry_object(
        actor=admin, agency=agency_a, model=Officer, **_officer_fields(dept)
    )

    assert Officer.objects.get(pk=officer.pk).agency == agency_a
    [entry] = _entries(agency_a, "registry.officer.created")
    assert entry.subject == f"registry.officer:{officer.pk}"
    assert entry.actor == admin
    payload = json.loads(entry.payload_json)
    assert payload["cert_no"] == "42010099"
    assert payload["department_id"] == dept.pk
    assert payload["cert_valid_until"] == "2028-12-31"
    assert _entries(agency_b) == []


def test_update_ledgers_old_and_new_values(agency_a: Agency) -> None:
    admin = factories.registry_admin("admin_a", agency_a)
    officer = factories.officer(agency_a, title="科员")

    services.update_registry_object(actor=admin, obj=officer, title="科长")

    officer.refresh_from_db()
    assert officer.title == "科长"
    [entry] = _entries(agency_a, "registry.officer.updated")
    assert json.loads(entry.payload_json) == {"changes": {"title": ["科员", "科长"]}}


def test_update_without_change_writes_nothing(agency_a: Agency) -> None:
    admin = factories.registry_admin("admin_a", agency_a)
    officer = factories.officer(agency_a, title="科员")
    services.update_registry_object(actor=admin, obj=officer, title="科员")
    assert _entries(agency_a) == []


def test_deactivate_keeps_the_row_and_ledgers_the_reason(agency_a: Agency) -> None:
    admin = factories.registry_admin("admin_a", agency_a)
    officer = factories.officer(agency_a)

    services.deactivate_registry_object(actor=admin, obj=officer, reason="调离")

    officer.refresh_from_db()
    assert officer.is_active is False
    [entry] = _entries(agency_a, "registry.officer.deactivated")
    assert json.loads(entry.payload_json) == {"reason": "调离"}
    services.reactivate_registry_object(actor=admin, obj=officer)
    officer.refresh_from_db()
    assert officer.is_active is True
    assert len(_entries(agency_a, "registry.officer.reactivated")) == 1


def test_admin_of_another_agency_is_refused_and_nothing_is_written(
    agency_a: Agency, agency_b: Agency
) -> None:
    admin_b = factories.registry_admin("admin_b", agency_b)
    dept_a = factories.department(agency_a)
    officer_a = factories.officer(agency_a, title="科员")

    with pytest.raises(services.RegistryPermissionDenied):
        services.create_registry_object(
            actor=admin_b, agency=agency_a, model=Officer, **_officer_fields(dept_a)
        )
    with pytest.raises(services.RegistryPermissionDenied):
        services.update_registry_object(actor=admin_b, obj=officer_a, title="科长")
    with pytest.raises(services.RegistryPermissionDenied):
        services.deactivate_registry_object(actor=admin_b, obj=officer_a)
    with pytest.raises(services.RegistryPermissionDenied):
        services.do_update_agency_info(actor=admin_b, agency=agency_a, office_phone="1")

    officer_a.refresh_from_db()
    assert (officer_a.title, officer_a.is_active) == ("科员", True)
    assert Officer.objects.count() == 1
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_staff_without_the_admin_role_is_refused(agency_a: Agency, officer_a: User) -> None:
    dept = factories.department(agency_a)
    with pytest.raises(services.RegistryPermissionDenied):
        services.create_registry_object(
            actor=officer_a, agency=agency_a, model=Officer, **_officer_fields(dept)
        )
    assert Officer.objects.count() == 0
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_supervisor_cannot_write(agency_a: Agency, supervisor: User) -> None:
    with pytest.raises(services.RegistryPermissionDenied):
        services.create_registry_object(
            actor=supervisor, agency=agency_a, model=Department, name="某处"
        )
    assert Department.objects.count() == 0
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_a_row_cannot_point_at_another_agencys_department(
    agency_a: Agency, agency_b: Agency
) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    dept_b = factories.department(agency_b)
    with pytest.raises(ValidationError) as excinfo:
        services.create_registry_object(
            actor=admin_a, agency=agency_a, model=Officer, **_officer_fields(dept_b)
        )
    assert "不属于本执法主体" in str(excinfo.value)
    assert Officer.objects.count() == 0
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_an_officer_cannot_be_linked_to_another_agencys_account(
    agency_a: Agency, agency_b: Agency, officer_b: User
) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    dept_a = factories.department(agency_a)
    with pytest.raises(ValidationError):
        services.create_registry_object(
            actor=admin_a,
            agency=agency_a,
            model=Officer,
            user=officer_b,
            **_officer_fields(dept_a),
        )
    assert Officer.objects.count() == 0


def test_managed_fields_cannot_be_set_through_the_generic_services(
    agency_a: Agency, agency_b: Agency
) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    officer = factories.officer(agency_a)
    with pytest.raises(SanxiangError):
        services.update_registry_object(actor=admin_a, obj=officer, agency=agency_b)
    with pytest.raises(SanxiangError):
        services.update_registry_object(actor=admin_a, obj=officer, is_active=False)
    officer.refresh_from_db()
    assert officer.agency == agency_a and officer.is_active
    assert LedgerEntry.objects.filter(kind__startswith="registry.").count() == 0


def test_duplicate_certificate_number_in_one_agency_is_refused(agency_a: Agency) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    existing = factories.officer(agency_a, cert_no="42010001")
    with pytest.raises(ValidationError):
        services.create_registry_object(
            actor=admin_a,
            agency=agency_a,
            model=Officer,
            **_officer_fields(existing.department, cert_no="42010001"),
        )
    assert Officer.objects.count() == 1


def test_a_fee_needs_its_standard_and_basis(agency_a: Agency) -> None:
    """行政许可法 第五十九条: fees follow a published standard with its legal basis."""
    admin_a = factories.registry_admin("admin_a", agency_a)
    dept = factories.department(agency_a)
    with pytest.raises(ValidationError):
        services.create_registry_object(
            actor=admin_a,
            agency=agency_a,
            model=EnforcementItem,
            name="某许可",
            kind=ItemKind.PERMIT,
            legal_basis="某法",
            department=dept,
            charges_fee=True,
            fee_standard="每件 50 元",
        )
    assert EnforcementItem.objects.count() == 0


def test_only_a_superuser_adds_an_agency(agency_a: Agency) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    with pytest.raises(services.RegistryPermissionDenied):
        services.do_create_agency(actor=admin_a, slug="new-one", name="新机关")
    assert not Agency.objects.filter(slug="new-one").exists()

    root = User.objects.create_superuser(username="root", password="x")
    agency = services.do_create_agency(
        actor=root, slug="new-one", name="新机关", office_phone="027-1"
    )
    [entry] = _entries(agency, "registry.agency.created")
    assert json.loads(entry.payload_json)["office_phone"] == "027-1"


def test_agency_admin_updates_basic_info_but_not_the_slug(agency_a: Agency) -> None:
    admin_a = factories.registry_admin("admin_a", agency_a)
    services.do_update_agency_info(actor=admin_a, agency=agency_a, supervision_phone="12333")
    agency_a.refresh_from_db()
    assert agency_a.supervision_phone == "12333"
    assert len(_entries(agency_a, "registry.agency.updated")) == 1

    with pytest.raises(SanxiangError):
        services.do_update_agency_info(actor=admin_a, agency=agency_a, slug="renamed")
    agency_a.refresh_from_db()
    assert agency_a.slug == "wuhan-rsj"


def test_grant_registry_admin_needs_an_admin_role(agency_a: Agency, officer_a: User) -> None:
    with pytest.raises(SanxiangError):
        services.grant_registry_admin(officer_a)
    officer_a.refresh_from_db()
    assert officer_a.is_staff is False

    admin = make_user("admin_a", agency_a, Role.AGENCY_ADMIN)
    services.grant_registry_admin(admin)
    admin.refresh_from_db()
    assert admin.is_staff is True


def test_a_failing_ledger_append_rolls_the_row_back(
    agency_a: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No state change without its ledger entry (DESIGN.md invariants)."""
    from sanxiang.ledger import services as ledger_services

    def broken_append(**kwargs: object) -> None:
        raise RuntimeError("ledger down")

    admin_a = factories.registry_admin("admin_a", agency_a)
    monkeypatch.setattr(ledger_services, "append", broken_append)
    with pytest.raises(RuntimeError):
        services.create_registry_object(
            actor=admin_a, agency=agency_a, model=Department, name="某处"
        )
    assert Department.objects.count() == 0
