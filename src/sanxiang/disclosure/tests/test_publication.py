"""Decision → publication task → review → approval → publication, per agency (issue 6)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.core.errors import RuleViolation
from sanxiang.disclosure import services
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication, PublicationTransition, RedactionChange
from sanxiang.disclosure.tests.factories import BANK, PERSON, WITNESS, decided_case
from sanxiang.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

START = cf.at(2026, 3, 2, 9)
# Working days after the decision the task is due, per agency's pack item.
EXPECTED_LIMIT = {
    "wuhan-rsj": 7,
    "liuzhou-kjj": 7,
    "qiaokou-rzj": 7,
    "wuhan-kjj": 7,
    "dongxihu-sfj": 20,
}


def _due(first: dt.date, workdays: int) -> dt.date:
    from sanxiang.workdays.calendar import add_workdays

    return add_workdays(first, workdays).due


@pytest.mark.parametrize("slug", sorted(EXPECTED_LIMIT))
def test_decision_creates_a_task_due_within_the_pack_limit(slug: str) -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case(slug, start=START)
        created = services.on_decision_recorded(case, record)
    assert created, f"{slug}: no publication task"
    publication = created[0]
    assert publication.agency == agency
    assert publication.status == PublicationStatus.DRAFT
    assert publication.decided_on == record.recorded_at.date()
    assert publication.due_on == _due(publication.decided_on, EXPECTED_LIMIT[slug])
    # Idempotent: a second call (or ``sync``) creates nothing.
    assert services.on_decision_recorded(case, record) == []
    assert services.sync(agency=agency) == []
    stored = publication.public_text + "".join(publication.summary.values())
    for secret in (
        PERSON["name"],
        PERSON["id_number"],
        PERSON["phone"],
        PERSON["address"],
        WITNESS,
        BANK,
    ):
        assert secret not in stored, f"{slug}: {secret} stored in the public derivative"
    assert LedgerEntry.objects.filter(agency=agency, kind="disclosure.created").count() == len(
        created
    )


def test_recording_the_decision_opens_its_publication_task_after_commit(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
    tasks = Publication.objects.filter(agency=agency, case=case)
    assert tasks.exists()
    assert services.on_decision_recorded(case, record) == []  # already there: idempotent


def test_review_approve_publish_in_order_with_roles() -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
        (publication,) = services.on_decision_recorded(case, record)
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    leader = cf.staff(agency, "leader", Role.LEADER)
    head = cf.staff(agency, "head", Role.HEAD)
    other = cf.staff(cf.agency("liuzhou-kjj"), "pub", Role.PUBLICITY)

    # Undo an automatic span, then add a manual one: both recorded, text rebuilt.
    first = publication.spans[0]
    publication = services.undo_span(
        actor=publisher,
        publication=publication,
        start=first["start"],
        end=first["end"],
        reason="误识别",
    )
    assert first not in publication.spans
    publication = services.add_span(
        actor=publisher,
        publication=publication,
        start=first["start"],
        end=first["end"],
        reason="复核后仍需隐去",
    )
    assert RedactionChange.objects.filter(publication=publication).count() == 2

    # Publishing before approval is refused and writes nothing.
    before = LedgerEntry.objects.filter(agency=agency).count()
    with pytest.raises(RuleViolation):
        services.publish(actor=publisher, publication=publication)
    assert LedgerEntry.objects.filter(agency=agency).count() == before
    # Another agency's publisher cannot touch it.
    with pytest.raises(RuleViolation):
        services.submit(actor=other, publication=publication)

    services.submit(actor=publisher, publication=publication)
    approver = head if publication.major else leader
    with pytest.raises(RuleViolation):
        services.approve(actor=publisher, publication=publication)
    services.approve(actor=approver, publication=publication)
    publication = services.publish(actor=publisher, publication=publication)
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_at is not None
    assert PERSON["name"] not in publication.search_text
    states = list(
        PublicationTransition.objects.filter(publication=publication).values_list(
            "to_status", flat=True
        )
    )
    assert states == ["awaiting_approval", "approved", "published"]


def test_major_decision_needs_the_head() -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
        (publication,) = services.on_decision_recorded(case, record)
    Publication.objects.filter(pk=publication.pk).update(major=True, approver_role=Role.HEAD)
    publication.refresh_from_db()
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    leader = cf.staff(agency, "leader", Role.LEADER)
    services.submit(actor=publisher, publication=publication)
    with pytest.raises(RuleViolation):
        services.approve(actor=leader, publication=publication)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.AWAITING_APPROVAL


def test_exclusion_blocks_publication_with_the_ground() -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("liuzhou-kjj", start=START)
        (publication,) = services.on_decision_recorded(case, record)
    publisher = cf.staff(agency, "pub", Role.LEGAL_REVIEWER)
    with pytest.raises(RuleViolation):
        services.exclude(
            actor=publisher, publication=publication, exclusion_id="no_such", ground="x"
        )
    publication = services.exclude(
        actor=publisher,
        publication=publication,
        exclusion_id="exclude_privacy",
        ground="涉及未成年人",
    )
    assert publication.status == PublicationStatus.EXCLUDED
    assert publication.exclusion_ground == "涉及未成年人"
    with pytest.raises(RuleViolation):
        services.submit(actor=publisher, publication=publication)


def _published(slug: str) -> tuple[Publication, dict[str, object]]:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case(slug, start=START)
        (publication,) = services.on_decision_recorded(case, record)
    users = {
        "pub": cf.staff(agency, "pub", Role.PUBLICITY, Role.LEGAL_REVIEWER),
        "head": cf.staff(agency, "head", Role.HEAD, Role.LEADER),
    }
    services.submit(actor=users["pub"], publication=publication)
    services.approve(actor=users["head"], publication=publication)
    return services.publish(actor=users["pub"], publication=publication), users


@pytest.mark.parametrize("slug,days", [("wuhan-rsj", 3), ("dongxihu-sfj", 0)])
def test_withdrawal_due_within_the_pack_limit_and_leaves_a_notice(slug: str, days: int) -> None:
    publication, users = _published(slug)
    monday = cf.at(2026, 4, 13, 10)
    with time_machine.travel(monday, tick=False):
        trigger = "decision_changed" if slug == "wuhan-rsj" else "decision_annulled"
        publication = services.start_withdrawal(
            actor=users["head"],
            publication=publication,
            trigger=trigger,
            reason="原决定已被复议机关撤销",
        )
    assert publication.status == PublicationStatus.WITHDRAWAL_DUE
    assert publication.withdrawal_due_on is not None
    assert publication.withdrawal_due_on == (_due(monday.date(), days) if days else monday.date())
    publication = services.withdraw(actor=users["pub"], publication=publication)
    assert publication.status == PublicationStatus.WITHDRAWN
    assert publication.withdrawal_reason == "原决定已被复议机关撤销"


def test_correction_keeps_history_and_is_redacted() -> None:
    publication, users = _published("qiaokou-rzj")
    field = publication.fields[0]
    old_summary = dict(publication.summary)
    publication = services.correct(
        actor=users["pub"],
        publication=publication,
        reason="文号录入错误",
        summary={**publication.summary, field: f"更正后：{PERSON['name']} 电话{PERSON['phone']}"},
    )
    assert publication.version == 2
    assert PERSON["name"] not in publication.summary[field]
    assert PERSON["phone"] not in publication.summary[field]
    (revision,) = publication.revisions.all()
    assert revision.version == 1 and revision.summary == old_summary
    assert revision.correction_reason == "文号录入错误"


def test_feedback_is_rate_limited_and_answered() -> None:
    publication, users = _published("wuhan-kjj")
    client = services.client_key("203.0.113.9")
    for _ in range(services.FEEDBACK_PER_HOUR):
        services.submit_feedback(
            publication=publication,
            kind="correction",
            message="决定日期有误，请核实",
            contact="",
            client=client,
        )
    with pytest.raises(RuleViolation):
        services.submit_feedback(
            publication=publication,
            kind="correction",
            message="决定日期有误，请核实",
            contact="",
            client=client,
        )
    assert publication.feedback.count() == services.FEEDBACK_PER_HOUR
    feedback = publication.feedback.first()
    assert feedback is not None
    answered = services.answer_feedback(
        actor=users["pub"], feedback=feedback, outcome="explained", answer="经核实日期无误"
    )
    assert answered.status == "explained"
    with pytest.raises(RuleViolation):
        services.answer_feedback(
            actor=users["pub"], feedback=feedback, outcome="corrected", answer="再次"
        )
