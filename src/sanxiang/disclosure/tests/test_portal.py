"""The public portal: pages, search (one- and two-character CJK queries), open data, feedback,
withdrawal notices, and a crawl of every public page and feed for leaked personal data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.choices import Role
from sanxiang.cases.models import Party
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import services
from sanxiang.disclosure.choices import PublicationMode, PublicationStatus
from sanxiang.disclosure.models import Feedback, Publication
from sanxiang.disclosure.tests.factories import BANK, WITNESS, decided_case

pytestmark = pytest.mark.django_db

START = cf.at(2026, 3, 2, 9)


def _publish(slug: str, *, full: bool = False) -> Publication:
    with time_machine.travel(START, tick=False):
        agency, case, record, _ = decided_case(slug, start=START)
        (publication,) = services.on_decision_recorded(case, record)
    pub = cf.staff(agency, "pub", Role.PUBLICITY)
    head = cf.staff(agency, "head", Role.HEAD, Role.LEADER)
    if full:
        services.set_mode(actor=pub, publication=publication, mode=PublicationMode.FULL)
    services.submit(actor=pub, publication=publication)
    services.approve(actor=head, publication=publication)
    return services.publish(actor=pub, publication=publication)


@pytest.fixture
def two_published() -> tuple[Publication, Publication]:
    return _publish("wuhan-rsj", full=True), _publish("liuzhou-kjj")


def test_home_agency_results_and_detail(
    client: Client, two_published: tuple[Publication, Publication]
) -> None:
    a, b = two_published
    home = client.get(reverse("disclosure:home")).content.decode()
    assert a.title in home and b.title in home
    page = client.get(reverse("disclosure:agency", kwargs={"slug": a.agency.slug})).content.decode()
    assert a.title in page and b.title not in page
    detail = client.get(reverse("disclosure:detail", kwargs={"pk": a.pk})).content.decode()
    assert "账本包含证明" in detail and f"/api/v1/ledger/{a.agency.slug}/proof?index=" in detail
    assert "决定书全文" in detail


def test_unpublished_item_is_absent(client: Client) -> None:
    with time_machine.travel(START, tick=False):
        _, case, record, _ = decided_case("wuhan-kjj", start=START)
        (draft,) = services.on_decision_recorded(case, record)
    assert client.get(reverse("disclosure:detail", kwargs={"pk": draft.pk})).status_code == 404
    assert draft.title not in client.get(reverse("disclosure:results")).content.decode()


@pytest.mark.parametrize("query", ["罚", "罚款", "人社", "王某"])
def test_search_finds_one_and_two_character_queries(
    client: Client, two_published: tuple[Publication, Publication], query: str
) -> None:
    a, _ = two_published
    assert query in a.search_text, "the sample must contain the query"
    body = client.get(reverse("disclosure:results"), {"q": query}).content.decode()
    assert a.title in body


def test_search_for_a_hidden_name_finds_nothing(
    client: Client, two_published: tuple[Publication, Publication]
) -> None:
    body = client.get(reverse("disclosure:results"), {"q": "王小明"}).content.decode()
    assert "共 0 条" in body


def test_open_data_json_csv_and_atom(
    client: Client, two_published: tuple[Publication, Publication]
) -> None:
    a, b = two_published
    data = json.loads(client.get(reverse("disclosure:open_json")).content)
    assert {row["id"] for row in data["publications"]} == {a.pk, b.pk}
    only_a = json.loads(
        client.get(reverse("disclosure:open_json"), {"agency": a.agency.slug}).content
    )
    assert [row["id"] for row in only_a["publications"]] == [a.pk]
    csv_body = client.get(reverse("disclosure:open_csv")).content.decode("utf-8-sig")
    assert a.title in csv_body and csv_body.splitlines()[0].startswith("编号")
    atom = client.get(reverse("disclosure:feed")).content.decode()
    assert "<feed" in atom and a.title in atom


def test_withdrawn_item_leaves_a_notice_in_page_and_feed(client: Client) -> None:
    publication = _publish("wuhan-rsj")
    head = cf.staff(publication.agency, "head2", Role.HEAD)
    pub = cf.staff(publication.agency, "pub2", Role.PUBLICITY)
    services.start_withdrawal(
        actor=head, publication=publication, trigger="decision_changed", reason="复议撤销"
    )
    services.withdraw(actor=pub, publication=publication)
    response = client.get(reverse("disclosure:detail", kwargs={"pk": publication.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "已撤回" in body and "复议撤销" in body
    assert "罚款5000元" not in body
    atom = client.get(reverse("disclosure:feed")).content.decode()
    assert "【已撤回】" in atom


def test_feedback_form_rate_limit_and_honeypot(client: Client) -> None:
    publication = _publish("qiaokou-rzj")
    url = reverse("disclosure:feedback", kwargs={"pk": publication.pk})
    for _ in range(services.FEEDBACK_PER_HOUR):
        assert (
            client.post(url, {"kind": "correction", "message": "决定日期有误请核实"}).status_code
            == 302
        )
    client.post(url, {"kind": "correction", "message": "决定日期有误请核实"})
    assert Feedback.objects.filter(publication=publication).count() == services.FEEDBACK_PER_HOUR
    other = Client(REMOTE_ADDR="198.51.100.7")
    other.post(url, {"kind": "suggestion", "message": "机器人填写的内容", "website": "http://spam"})
    assert Feedback.objects.filter(publication=publication).count() == services.FEEDBACK_PER_HOUR


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "action") and value:
                self.links.append(value)


def test_crawl_every_public_page_and_feed_finds_no_personal_data(client: Client) -> None:
    """Leak test: every page and feed reachable from the portal, for published, corrected and
    withdrawn items in every agency, holds none of the personal data the case records hold."""
    published = [
        _publish(slug, full=True)
        for slug in ("wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "wuhan-kjj", "dongxihu-sfj")
    ]
    pub = cf.staff(published[0].agency, "pub3", Role.PUBLICITY)
    services.correct(
        actor=pub,
        publication=published[0],
        reason="更正",
        public_text=published[0].public_text + "当事人王小明已缴纳罚款。",
    )
    head = cf.staff(published[1].agency, "head3", Role.HEAD)
    pub_b = cf.staff(published[1].agency, "pub3", Role.PUBLICITY)
    services.start_withdrawal(
        actor=head, publication=published[1], trigger="decision_changed", reason="撤销"
    )
    services.withdraw(actor=pub_b, publication=published[1])
    assert Publication.objects.filter(status=PublicationStatus.PUBLISHED).count() == 4

    secrets: set[str] = {WITNESS, BANK}
    for party in Party.objects.all():
        secrets.update(v for v in (party.id_number, party.phone, party.address) if v)
        if party.kind == "individual":
            secrets.add(party.name)
        if party.legal_representative:
            secrets.add(party.legal_representative)
    assert secrets

    seen: set[str] = set()
    queue = [
        reverse("disclosure:home"),
        reverse("disclosure:open_json"),
        reverse("disclosure:open_csv"),
        reverse("disclosure:feed"),
    ]
    queue += [reverse("disclosure:results") + "?q=" + q for q in ("罚款", "王", "当事人")]
    pages = 0
    while queue:
        url = queue.pop()
        path = urlsplit(url).path
        if url in seen or not (
            path.startswith("/gongshi/") and "/staff/" not in path and "/feedback/" not in path
        ):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8-sig")
        pages += 1
        for secret in secrets:
            assert secret not in body, f"{secret!r} leaked on {url}"
        assert not re.search(r"\d{17}[\dXx]", body), f"an ID-like number on {url}"
        parser = _Links()
        parser.feed(body)
        queue.extend(urljoin(url, link).replace("http://testserver", "") for link in parser.links)
    assert pages >= 10


def test_a_count_stopped_early_says_at_least_not_about(
    client: Client, two_published: tuple[Publication, Publication], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A count that stops at its cap or its time budget is a lower bound: "2 条以上", never
    # "N余条" (which reads as "a little over N" when there may be thousands).
    from sanxiang.disclosure import search as disclosure_search
    from sanxiang.disclosure import selectors

    real = disclosure_search.search

    def capped(**kwargs: object) -> disclosure_search.Results:
        results = real(**kwargs)  # type: ignore[arg-type]
        results.cap = 1
        return results

    monkeypatch.setattr(selectors.disclosure_search, "search", capped)
    body = client.get(reverse("disclosure:results"), {"q": "罚"}).content.decode()
    assert "1 条以上" in body and "余" not in body.split("检索结果")[1][:80]
    monkeypatch.setattr(selectors.disclosure_search, "search", real)
    body = client.get(reverse("disclosure:results"), {"q": "罚"}).content.decode()
    assert "共 2 条" in body
