"""Agency users' auth events also go into their agency's ledger, in the same transaction."""

from __future__ import annotations

import json

import pytest
from conftest import TEST_PASSWORD
from django.db import transaction
from django.test import Client

from sanxiang.accounts.choices import AuthEventKind
from sanxiang.accounts.models import AuthEvent, User
from sanxiang.accounts.services import issue_token, record_auth_event
from sanxiang.ledger.models import LedgerEntry


def test_login_of_agency_user_is_ledgered_in_own_agency(
    client: Client, officer_a: User, officer_b: User
) -> None:
    client.post("/accounts/login/", {"username": "officer_a", "password": TEST_PASSWORD})
    event = AuthEvent.objects.get(kind=AuthEventKind.LOGIN)
    entry = LedgerEntry.objects.get()
    assert entry.agency_id == officer_a.agency_id
    assert entry.kind == "accounts.login"
    assert entry.subject == f"accounts.authevent:{event.pk}"
    assert entry.actor_id == officer_a.pk
    assert json.loads(entry.payload_json)["event_id"] == event.pk
    assert not LedgerEntry.objects.filter(agency_id=officer_b.agency_id).exists()


def test_failed_login_is_ledgered_without_an_actor(client: Client, officer_a: User) -> None:
    client.post("/accounts/login/", {"username": "officer_a", "password": "wrong"})
    entry = LedgerEntry.objects.get()
    assert entry.kind == "accounts.login_failed"
    assert entry.actor_id is None  # whoever typed the name is not known to be officer_a


def test_unknown_names_and_supervisors_stay_out_of_agency_ledgers(
    client: Client, supervisor: User
) -> None:
    client.post("/accounts/login/", {"username": "ghost", "password": "x"})
    client.force_login(supervisor)
    assert AuthEvent.objects.count() == 2
    assert not LedgerEntry.objects.exists()


def test_token_issue_is_ledgered_with_the_issuer(officer_a: User) -> None:
    issue_token(actor=officer_a, user=officer_a, name="x", expires_in_days=1)
    entry = LedgerEntry.objects.get()
    assert entry.kind == "accounts.token_issued"
    assert entry.actor_id == officer_a.pk


def test_event_and_entry_roll_back_together(officer_a: User) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        record_auth_event(kind=AuthEventKind.LOGIN, username="officer_a", user=officer_a)
        assert LedgerEntry.objects.count() == 1
        raise RuntimeError("caller fails after the event")
    assert not AuthEvent.objects.exists()
    assert not LedgerEntry.objects.exists()
