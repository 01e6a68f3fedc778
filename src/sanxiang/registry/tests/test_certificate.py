"""An officer's certificate on a given day (行政处罚法 第四十二条: only valid holders enforce)."""

from __future__ import annotations

import datetime

import pytest

from sanxiang.registry.choices import CertificateCheck, CertificateStatus
from sanxiang.registry.models import Agency
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 12, 31), CertificateCheck.NOT_YET_VALID),
        (D(2025, 1, 1), CertificateCheck.VALID),
        (D(2026, 6, 15), CertificateCheck.VALID),
        (D(2027, 12, 31), CertificateCheck.VALID),
        (D(2028, 1, 1), CertificateCheck.EXPIRED),
    ],
)
def test_validity_window_is_inclusive(
    agency_a: Agency, day: datetime.date, expected: CertificateCheck
) -> None:
    officer = factories.officer(agency_a)
    assert officer.certificate_check_on(day) == expected
    assert officer.certificate_valid_on(day) is (expected == CertificateCheck.VALID)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (CertificateStatus.SUSPENDED, CertificateCheck.SUSPENDED),
        (CertificateStatus.REVOKED, CertificateCheck.REVOKED),
    ],
)
def test_suspended_or_revoked_is_not_valid_inside_the_window(
    agency_a: Agency, status: CertificateStatus, expected: CertificateCheck
) -> None:
    officer = factories.officer(agency_a, cert_status=status)
    assert officer.certificate_check_on(factories.TODAY) == expected
    assert not officer.certificate_valid_on(factories.TODAY)


def test_a_deactivated_officer_may_not_enforce(agency_a: Agency) -> None:
    officer = factories.officer(agency_a, is_active=False)
    assert officer.certificate_check_on(factories.TODAY) == CertificateCheck.INACTIVE


def test_expiring_soon(agency_a: Agency) -> None:
    officer = factories.officer(agency_a, valid_until=D(2026, 7, 1))
    assert officer.certificate_expires_within(factories.TODAY, 30)
    assert not officer.certificate_expires_within(factories.TODAY, 10)
    assert not officer.certificate_expires_within(D(2026, 7, 2), 30)  # already expired
