"""Test data for the registry, written straight to the ORM (the services have their own tests)."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import make_user

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.registry.choices import Gender, ItemKind
from sanxiang.registry.models import Agency, Department, EnforcementItem, Officer
from sanxiang.registry.services import grant_registry_admin

TODAY = datetime.date(2026, 6, 15)


def registry_admin(username: str, agency: Agency) -> User:
    user = make_user(username, agency, Role.AGENCY_ADMIN)
    return grant_registry_admin(user)


def department(agency: Agency, name: str = "执法处", **fields: Any) -> Department:
    return Department.objects.create(agency=agency, name=name, **fields)


def officer(
    agency: Agency,
    *,
    name: str = "张三",
    cert_no: str = "42010001",
    dept: Department | None = None,
    valid_from: datetime.date = datetime.date(2025, 1, 1),
    valid_until: datetime.date = datetime.date(2027, 12, 31),
    **fields: Any,
) -> Officer:
    return Officer.objects.create(
        agency=agency,
        name=name,
        gender=Gender.MALE,
        birth_year=1985,
        department=dept or department(agency, name=f"{name}所在处"),
        cert_no=cert_no,
        cert_valid_from=valid_from,
        cert_valid_until=valid_until,
        **fields,
    )


def item(agency: Agency, dept: Department, name: str = "行政检查事项") -> EnforcementItem:
    return EnforcementItem.objects.create(
        agency=agency, name=name, kind=ItemKind.INSPECTION, legal_basis="某条例", department=dept
    )
