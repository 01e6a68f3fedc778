"""Scoped reads: valid officers, renewals due, staffing figures — per agency only."""

from __future__ import annotations

import datetime

import pytest

from sanxiang.accounts.models import User
from sanxiang.registry import selectors
from sanxiang.registry.choices import CertificateStatus
from sanxiang.registry.models import Agency, EnforcementPost, Officer
from sanxiang.registry.tests import factories

pytestmark = pytest.mark.django_db
TODAY = factories.TODAY
D = datetime.date


@pytest.fixture
def staff(agency_a: Agency, agency_b: Agency) -> dict[str, Officer]:
    dept = factories.department(agency_a)
    EnforcementPost.objects.create(agency=agency_a, name="监察岗", department=dept, duties="检查")
    return {
        "valid": factories.officer(agency_a, cert_no="1", dept=dept),
        "expiring": factories.officer(agency_a, cert_no="2", dept=dept, valid_until=D(2026, 7, 1)),
        "last_day": factories.officer(agency_a, cert_no="3", dept=dept, valid_until=D(2026, 7, 14)),
        "expired": factories.officer(agency_a, cert_no="4", dept=dept, valid_until=D(2026, 6, 14)),
        "suspended": factories.officer(
            agency_a, cert_no="5", dept=dept, cert_status=CertificateStatus.SUSPENDED
        ),
        "left": factories.officer(agency_a, cert_no="6", dept=dept, is_active=False),
        "other_agency": factories.officer(agency_b, cert_no="7"),
    }


def test_officers_valid_on_matches_the_model_method(
    agency_a: Agency, staff: dict[str, Officer]
) -> None:
    valid = set(selectors.officers_valid_on(agency=agency_a, day=TODAY))
    expected = {o for o in staff.values() if o.agency == agency_a and o.certificate_valid_on(TODAY)}
    assert valid == expected
    assert {o.cert_no for o in valid} == {"1", "2", "3"}


def test_renewals_due_within_thirty_days(agency_a: Agency, staff: dict[str, Officer]) -> None:
    due = list(selectors.officers_needing_renewal(agency=agency_a, day=TODAY))
    assert [o.cert_no for o in due] == ["2", "3"]
    assert all(o.certificate_expires_within(TODAY, 30) for o in due)


def test_staffing_summary(agency_a: Agency, agency_b: Agency, staff: dict[str, Officer]) -> None:
    summary = selectors.staffing_summary(agency=agency_a, day=TODAY)
    assert summary == selectors.StaffingSummary(
        posts=1, officers=5, officers_valid=3, officers_needing_renewal=2
    )
    other = selectors.staffing_summary(agency=agency_b, day=TODAY)
    assert other.officers == 1 and other.posts == 0


def test_scoped_reads_follow_the_users_agency(
    agency_a: Agency,
    agency_b: Agency,
    officer_a: User,
    officer_b: User,
    supervisor: User,
    staff: dict[str, Officer],
) -> None:
    all_officers = Officer.objects.all()
    assert {o.agency_id for o in selectors.scoped(all_officers, officer_b)} == {agency_b.pk}
    assert {o.agency_id for o in selectors.scoped(all_officers, officer_a)} == {agency_a.pk}
    assert selectors.scoped(all_officers, supervisor).count() == Officer.objects.count()
    assert list(selectors.agencies_for(officer_b)) == [agency_b]
