"""`sanxiang demo`: the five agencies, realistic registry data, and logins that work."""

from __future__ import annotations

import datetime
import io
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password
from django.test import Client, RequestFactory

from sanxiang.accounts.choices import AuthEventKind, Role
from sanxiang.accounts.models import AuthEvent, User
from sanxiang.core.demo import AGENCIES, DEMO_PASSWORD, SUPERVISOR_USERNAME, build_demo
from sanxiang.ledger.models import Checkpoint, LedgerEntry
from sanxiang.registry.choices import ItemKind
from sanxiang.registry.models import Agency, EnforcementItem, Officer

SLUGS = {"wuhan-kjj", "wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "dongxihu-sfj"}
TODAY = datetime.date(2026, 6, 15)


@pytest.mark.django_db
def test_build_demo_creates_the_five_agencies_and_working_logins() -> None:
    out = io.StringIO()
    logins = build_demo(stdout=out, today=TODAY)

    assert set(Agency.objects.values_list("slug", flat=True)) == SLUGS
    assert "武汉市东西湖区司法局" in out.getvalue()
    # Argon2 is deliberately slow: go through the full login backends (axes included) for one
    # agency's logins and the supervisor, and check every other login's stored hash.
    rf = RequestFactory()
    for login in logins:
        if login.username.startswith("wuhan-rsj.") or login.username == SUPERVISOR_USERNAME:
            user = authenticate(
                rf.post("/accounts/login/"), username=login.username, password=DEMO_PASSWORD
            )
            assert isinstance(user, User), login.username
    users = {u.username: u for u in User.objects.filter(username__in=[x.username for x in logins])}
    assert set(users) == {login.username for login in logins}
    assert all(user.is_active for user in users.values())
    for encoded in {user.password for user in users.values()}:
        assert check_password(DEMO_PASSWORD, encoded)
    # One login per role in each agency, plus the supervisor who belongs to none.
    assert len(logins) == 5 * 8 + 1
    supervisor = User.objects.get(username=SUPERVISOR_USERNAME)
    assert supervisor.agency is None and supervisor.has_role(Role.SUPERVISOR)
    assert User.objects.get(username="wuhan-rsj.admin").is_staff


@pytest.mark.django_db
def test_demo_registry_data_is_what_the_seeds_describe() -> None:
    build_demo(stdout=io.StringIO(), today=TODAY)
    names = set(EnforcementItem.objects.values_list("name", flat=True))
    for expected in (
        "外国人来华工作许可",
        "人力资源服务许可",
        "法律援助",
        "科技计划项目实施情况监督检查",
    ):
        assert expected in names
    assert EnforcementItem.objects.filter(agency__slug="wuhan-rsj", kind=ItemKind.PENALTY).exists()
    for spec in AGENCIES:
        officers = list(Officer.objects.filter(agency__slug=spec.slug))
        assert any(o.certificate_valid_on(TODAY) for o in officers), spec.slug
        assert any(not o.certificate_valid_on(TODAY) for o in officers), spec.slug
        assert any(o.certificate_expires_within(TODAY, 30) for o in officers), spec.slug
    # The officer login is the registered officer holding a valid certificate.
    linked = Officer.objects.get(user__username="wuhan-rsj.officer")
    assert linked.agency.slug == "wuhan-rsj" and linked.certificate_valid_on(TODAY)


@pytest.mark.django_db
def test_every_demo_row_is_ledgered() -> None:
    build_demo(stdout=io.StringIO(), today=TODAY)
    for agency in Agency.objects.all():
        officers = Officer.objects.filter(agency=agency).count()
        assert (
            LedgerEntry.objects.filter(agency=agency, kind="registry.officer.created").count()
            == officers
        )
        assert LedgerEntry.objects.filter(agency=agency, kind="registry.agency.created").exists()
        checkpoint = Checkpoint.objects.get(agency=agency)
        assert checkpoint.tree_size == LedgerEntry.objects.filter(agency=agency).count()
    # Accounts are created through the accounts service, so they are in the audit trail.
    assert AuthEvent.objects.filter(
        kind=AuthEventKind.USER_CREATED, username="wuhan-rsj.officer"
    ).exists()
    assert AuthEvent.objects.filter(
        kind=AuthEventKind.ROLE_GRANTED, username=SUPERVISOR_USERNAME
    ).exists()


@pytest.mark.django_db
def test_demo_agency_admin_sees_only_own_agency_in_admin() -> None:
    build_demo(stdout=io.StringIO(), today=TODAY)
    client = Client()
    client.force_login(User.objects.get(username="liuzhou-kjj.admin"))
    body = client.get("/admin/registry/officer/").content.decode()
    assert "覃桂林" in body  # 柳州
    assert "刘芳" not in body  # 武汉市人社局


def _sanxiang() -> str:
    return str(Path(sys.executable).with_name("sanxiang"))


@pytest.mark.slow
def test_demo_command_rebuilds_sqlite_and_prints_logins_that_authenticate(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path)}
    env.pop("SANXIANG_DATABASE_URL", None)
    # A previous database (and its WAL) is deleted, not migrated over.
    stale = sqlite3.connect(tmp_path / "sanxiang.sqlite3")
    stale.execute("create table stale_marker (x integer)")
    stale.commit()
    stale.close()
    (tmp_path / "sanxiang.sqlite3-wal").write_bytes(b"")
    result = subprocess.run(
        [_sanxiang(), "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert DEMO_PASSWORD in out
    usernames = re.findall(r"^  ([a-z-]+\.[a-z-]+)\s", out, flags=re.MULTILINE)
    assert len(usernames) == 41 and SUPERVISOR_USERNAME in usernames

    database = sqlite3.connect(tmp_path / "sanxiang.sqlite3")
    try:
        tables = {row[0] for row in database.execute("select name from sqlite_master")}
        slugs = {row[0] for row in database.execute("select slug from registry_agency")}
        hashes = dict(
            database.execute("select username, password from accounts_user where is_active")
        )
    finally:
        database.close()
    assert "stale_marker" not in tables
    assert slugs == SLUGS
    assert set(usernames) <= set(hashes)
    for encoded in {hashes[username] for username in usernames}:
        assert check_password(DEMO_PASSWORD, encoded)


def test_demo_command_refuses_a_non_sqlite_database(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SANXIANG_VAR_DIR": str(tmp_path),
        "SANXIANG_DATABASE_URL": "postgres://nobody@localhost:1/nothing",
    }
    result = subprocess.run(
        [_sanxiang(), "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SQLite" in result.stderr
    assert not (tmp_path / "sanxiang.sqlite3").exists()


# Packs whose case kinds start no deadline at all (东西湖区司法局's 办法 sets none for 给付, 奖励,
# 其他行政权力 or 检查, and its pack stores no AV ingest limit): no sample case can be overdue.
NO_DEADLINE_RULES = {"dongxihu-sfj"}


@pytest.mark.django_db
def test_demo_builds_sample_cases_in_every_agency_across_stages() -> None:
    from sanxiang.cases.choices import CaseStatus
    from sanxiang.cases.models import Case
    from sanxiang.ledger.verification import verify_agency
    from sanxiang.policy.selectors import pack_for_agency

    out = io.StringIO()
    build_demo(stdout=out, today=TODAY)
    assert "件演示案件" in out.getvalue()
    for spec in AGENCIES:
        cases = Case.objects.filter(agency__slug=spec.slug)
        assert cases.count() >= 10, spec.slug
        # Every kind the agency's pack enables has sample cases.
        kinds = set(pack_for_agency(Agency.objects.get(slug=spec.slug)).model.case_kinds)
        assert set(cases.values_list("kind", flat=True)) == kinds, spec.slug
        assert len(set(cases.values_list("stage", flat=True))) >= 5, spec.slug
        assert cases.filter(status=CaseStatus.CLOSED).exists(), spec.slug
        assert cases.filter(status=CaseStatus.OPEN).exists(), spec.slug
        # Handled by the agency's officer login, opened through the service (so ledgered).
        assert all(c.officers.filter(user__username=f"{spec.slug}.officer") for c in cases)
        opened = LedgerEntry.objects.filter(agency__slug=spec.slug, kind="cases.case.opened")
        assert opened.count() == cases.count()
        agency = Agency.objects.get(slug=spec.slug)
        assert verify_agency(agency).ok, spec.slug


@pytest.mark.django_db
def test_demo_overdue_cases_show_as_overdue() -> None:
    from sanxiang.cases import selectors
    from sanxiang.cases.models import Case

    build_demo(stdout=io.StringIO(), today=TODAY)
    for spec in AGENCIES:
        officer = User.objects.get(username=f"{spec.slug}.officer")
        overdue = selectors.cases_for(officer, selectors.CaseFilters(overdue=True))
        if spec.slug in NO_DEADLINE_RULES:
            assert not overdue.exists()
            continue
        assert overdue.exists(), spec.slug
        assert all(case.agency.slug == spec.slug for case in overdue)
        client = Client()
        client.force_login(officer)
        listed = client.get("/cases/", {"overdue": "on"}).content.decode()
        home = client.get("/cases/mine/").content.decode()
        overdue_section = home[home.index('id="overdue"') : home.index('id="due-soon"')]
        for case in overdue:
            assert f'href="/cases/{case.pk}/"' in listed
            assert f'href="/cases/{case.pk}/"' in overdue_section
        # Another agency's cases are not in this officer's list.
        others = Case.objects.exclude(agency__slug=spec.slug).values_list("pk", flat=True)
        assert not any(f'href="/cases/{pk}/"' in listed for pk in others)
