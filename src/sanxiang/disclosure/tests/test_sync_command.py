"""``sanxiang disclosure sync``: creates the missing tasks of decided cases, once, per agency."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure.models import Publication
from sanxiang.disclosure.tests.factories import decided_case

pytestmark = pytest.mark.django_db

START = cf.at(2026, 3, 2, 9)


def test_sync_creates_missing_tasks_once_and_only_in_the_named_agency() -> None:
    with time_machine.travel(START, tick=False):
        agency, case, _, _ = decided_case("wuhan-rsj", start=START)
        _, other_case, _, _ = decided_case("liuzhou-kjj", start=START)
    out = io.StringIO()
    call_command("disclosure", "sync", "--agency", agency.slug, stdout=out)
    assert "wuhan-rsj: 1 publication task(s) created" in out.getvalue()
    assert Publication.objects.filter(case=case).count() == 1
    assert not Publication.objects.filter(case=other_case).exists()
    again = io.StringIO()
    call_command("disclosure", "sync", stdout=again)
    assert "wuhan-rsj: 0" in again.getvalue() and "liuzhou-kjj: 1" in again.getvalue()
    assert Publication.objects.count() == 2


def test_sync_unknown_agency() -> None:
    with pytest.raises(CommandError):
        call_command("disclosure", "sync", "--agency", "nope")
