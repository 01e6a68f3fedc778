"""The publisher's pages: review side by side, add and undo a span, submit, approve, publish."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import services
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication, RedactionChange
from sanxiang.disclosure.tests.factories import PERSON, decided_case

pytestmark = pytest.mark.django_db

START = cf.at(2026, 3, 2, 9)


def test_publisher_reviews_and_publishes_through_the_pages(client: Client) -> None:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case("wuhan-rsj", start=START)
        (publication,) = services.on_decision_recorded(case, record)
    publisher = cf.staff(agency, "pub", Role.PUBLICITY)
    head = cf.staff(agency, "head", Role.HEAD, Role.LEADER)
    outsider = cf.staff(cf.agency("liuzhou-kjj"), "pub", Role.PUBLICITY)
    detail = reverse("disclosure:staff_detail", kwargs={"pk": publication.pk})
    action = reverse("disclosure:staff_action", kwargs={"pk": publication.pk})

    client.force_login(outsider)
    assert client.get(detail).status_code == 404
    assert client.post(action, {"action": "submit"}).status_code == 404

    client.force_login(publisher)
    page = client.get(detail).content.decode()
    # Side by side: the original (internal) with marks, the public text without the name.
    assert '<mark class="span"' in page and PERSON["name"] in page
    assert "罚款5000元" in page
    client.post(action, {"action": "add_span", "text": "5000", "reason": "金额涉及个人财务状况"})
    publication.refresh_from_db()
    assert "5000元" not in publication.public_text
    added = next(s for s in publication.spans if s["by"] == publisher.username)
    client.post(
        action,
        {
            "action": "undo_span",
            "start": added["start"],
            "end": added["end"],
            "reason": "罚款金额应当公开",
        },
    )
    publication.refresh_from_db()
    assert "罚款5000元" in publication.public_text
    assert RedactionChange.objects.filter(publication=publication).count() == 2

    client.post(action, {"action": "submit"})
    client.post(action, {"action": "approve"})  # a publisher may not approve
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.AWAITING_APPROVAL

    client.force_login(head)
    client.post(action, {"action": "approve"})
    client.force_login(publisher)
    client.post(action, {"action": "publish"})
    publication = Publication.objects.get(pk=publication.pk)
    assert publication.status == PublicationStatus.PUBLISHED
    assert client.get(reverse("disclosure:staff_list")).status_code == 200
