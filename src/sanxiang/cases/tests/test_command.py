"""``sanxiang cases sweep|deadlines`` call the same services and selectors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanxiang.accounts.choices import Role
from sanxiang.cases.choices import DeadlineStatus
from sanxiang.cases.tests import factories as f

pytestmark = pytest.mark.django_db


def test_deadlines_listing_and_sweep() -> None:
    agency = f.agency("wuhan-rsj")
    other = f.agency("liuzhou-kjj")
    team = f.officers(agency, 2)
    user = f.staff(agency, "officer", Role.OFFICER)
    case = f.open_case(
        actor=user,
        agency=agency,
        kind="penalty",
        procedure="general",
        team=team,
        when=f.at(2026, 3, 2),
        facts={"case_accepted": True},
    )
    f.walk(case, ("filing",), actor=user, team=team, start=f.at(2026, 3, 2))
    f.fill_stage(case, actor=user, team=team, when=f.at(2026, 3, 3))
    out = StringIO()
    call_command(
        "cases", "deadlines", "--agency", "wuhan-rsj", "--today", "2026-06-05", "--json", stdout=out
    )
    rows = json.loads(out.getvalue())
    assert [(r["rule_id"], r["urgency"]) for r in rows] == [("penalty_decision", "overdue")]
    other_size = f.ledger_size(other)
    out = StringIO()
    call_command("cases", "sweep", "--today", "2026-06-05", stdout=out)
    assert "wuhan-rsj: 1 deadline(s) marked missed" in out.getvalue()
    assert case.deadlines.get(rule_id="penalty_decision").status == DeadlineStatus.MISSED
    assert f.ledger_size(other) == other_size
    with pytest.raises(CommandError):
        call_command("cases", "sweep", "--agency", "nowhere")
