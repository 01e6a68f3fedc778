"""重大执法决定事项目录: drawn up, filed with the justice bureau, published and withdrawn by the
legal office only, each step with its ledger entry; refusals write nothing; the public page shows
the published version; the API lists, creates, files, publishes and withdraws."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from sanxiang.accounts.choices import Role
from sanxiang.cases.gates import InvalidInput
from sanxiang.cases.tests import factories as f
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.ledger.models import LedgerEntry
from sanxiang.registry.models import Agency
from sanxiang.review import selectors, services
from sanxiang.review.models import Catalogue, CatalogueItem

pytestmark = pytest.mark.django_db

AT = f.at(2026, 3, 2, 9)
ITEMS = [
    {"name": "撤回外国人来华工作许可", "basis": "《外国人在中国就业管理规定》第二十五条"},
    {"name": "撤销外国人来华工作许可", "basis": "《中华人民共和国行政许可法》第六十九条"},
]


class Team:
    def __init__(self, slug: str = "wuhan-kjj", other: str = "dongxihu-sfj") -> None:
        self.agency = f.agency(slug)
        self.other = f.agency(other)
        self.reviewer = f.staff(self.agency, "reviewer", Role.LEGAL_REVIEWER)
        self.leader = f.staff(self.agency, "leader", Role.LEADER, Role.HEAD)
        self.other_reviewer = f.staff(self.other, "reviewer", Role.LEGAL_REVIEWER)

    def snapshot(self) -> dict[str, Any]:
        state: dict[str, Any] = {}
        for agency in (self.agency, self.other):
            state[agency.slug] = (
                f.counts(agency)["ledger"],
                list(
                    Catalogue.objects.filter(agency=agency).values_list(
                        "version", "filed_on", "filing_ref", "published_on", "withdrawn_on"
                    )
                ),
                list(
                    CatalogueItem.objects.filter(agency=agency).values_list(
                        "catalogue__version", "position", "name", "basis"
                    )
                ),
            )
        return state

    def refused(self, action: Any, error: type[Exception] = RuleViolation) -> Exception:
        before = self.snapshot()
        with pytest.raises(error) as caught:
            action()
        assert self.snapshot() == before
        return caught.value


def kinds(agency: Agency) -> list[str]:
    return list(
        LedgerEntry.objects.filter(agency=agency, kind__startswith="review.catalogue.")
        .order_by("index")
        .values_list("kind", flat=True)
    )


def test_draft_edit_file_publish_withdraw_each_ledgered() -> None:
    team = Team()
    draft = services.draft_catalogue(actor=team.reviewer, agency=team.agency, items=ITEMS, at=AT)
    assert draft.version == 1 and draft.is_draft
    item = draft.items.get(position=1)
    services.save_catalogue_item(
        actor=team.reviewer, catalogue=draft, item=item, name=item.name, basis="《规定》第二十五条"
    )
    added = services.save_catalogue_item(
        actor=team.reviewer, catalogue=draft, name="不予延期", basis="《许可法》第五十条"
    )
    assert added.position == 3
    services.remove_catalogue_item(actor=team.reviewer, item=draft.items.get(position=2))
    assert list(draft.items.order_by("position").values_list("position", "name")) == [
        (1, "撤回外国人来华工作许可"),
        (2, "不予延期"),
    ]
    assert selectors.published_catalogue(team.agency) is None
    filed = services.file_catalogue(
        actor=team.reviewer,
        catalogue=draft,
        filed_on=dt.date(2026, 3, 2),
        filing_ref="武司备〔2026〕3号",
        at=AT,
    )
    assert filed.state_label == "已备案，待公布"
    published = services.publish_catalogue_version(
        actor=team.reviewer, catalogue=filed, published_on=dt.date(2026, 3, 3), at=AT
    )
    assert selectors.published_catalogue(team.agency) == published
    services.withdraw_catalogue(actor=team.reviewer, catalogue=published, reason="法律修改", at=AT)
    assert selectors.published_catalogue(team.agency) is None
    assert kinds(team.agency) == [
        "review.catalogue.drafted",
        "review.catalogue.item_saved",
        "review.catalogue.item_saved",
        "review.catalogue.item_removed",
        "review.catalogue.filed",
        "review.catalogue.published",
        "review.catalogue.withdrawn",
    ]
    assert kinds(team.other) == []


def test_filed_version_is_fixed_and_a_revision_starts_from_it() -> None:
    team = Team()
    first = services.publish_catalogue(
        actor=team.reviewer,
        agency=team.agency,
        items=ITEMS,
        filed_on=dt.date(2026, 3, 2),
        filing_ref="武司备〔2026〕3号",
        published_on=dt.date(2026, 3, 2),
        at=AT,
    )
    item = first.items.get(position=1)
    error = team.refused(
        lambda: services.save_catalogue_item(
            actor=team.reviewer, catalogue=first, item=item, name="改", basis="改"
        )
    )
    assert isinstance(error, RuleViolation) and error.rule_id == "catalogue_refile"
    team.refused(lambda: services.remove_catalogue_item(actor=team.reviewer, item=item))
    revision = services.draft_catalogue(actor=team.reviewer, agency=team.agency, at=AT)
    assert revision.version == 2
    assert [i.name for i in revision.items.order_by("position")] == [i["name"] for i in ITEMS]
    # One draft at a time.
    error = team.refused(lambda: services.draft_catalogue(actor=team.reviewer, agency=team.agency))
    assert isinstance(error, RuleViolation) and error.rule_id == "catalogue_draft_exists"
    # The published first version stays on the portal until the revision is published.
    assert selectors.published_catalogue(team.agency) == first
    services.file_catalogue(
        actor=team.reviewer, catalogue=revision, filed_on=dt.date(2026, 3, 2), filing_ref="备2"
    )
    services.publish_catalogue_version(actor=team.reviewer, catalogue=revision)
    assert selectors.published_catalogue(team.agency) == revision


def test_refusals_write_nothing() -> None:
    team = Team()
    draft = services.draft_catalogue(actor=team.reviewer, agency=team.agency, items=ITEMS, at=AT)
    # Publication before filing (东西湖 三（三）第二段: 审核、备案 then 公布).
    error = team.refused(
        lambda: services.publish_catalogue_version(actor=team.reviewer, catalogue=draft)
    )
    assert isinstance(error, RuleViolation) and error.rule_id == "catalogue_filing_first"
    assert "备案" in error.message and error.cite
    # Withdrawal of what is not published.
    team.refused(
        lambda: services.withdraw_catalogue(actor=team.reviewer, catalogue=draft, reason="x")
    )
    # An item without its legal basis; a filing without a reference or dated in the future.
    team.refused(
        lambda: services.save_catalogue_item(
            actor=team.reviewer, catalogue=draft, name="新事项", basis=" "
        ),
        Exception,
    )
    team.refused(
        lambda: services.file_catalogue(
            actor=team.reviewer, catalogue=draft, filed_on=dt.date(2026, 3, 2), filing_ref=""
        ),
        Exception,
    )
    team.refused(
        lambda: services.file_catalogue(
            actor=team.reviewer, catalogue=draft, filed_on=dt.date(2099, 1, 1), filing_ref="x"
        ),
        Exception,
    )
    # A new version whose item has no legal basis.
    team.refused(
        lambda: services.draft_catalogue(
            actor=team.reviewer, agency=team.agency, items=[{"name": "x", "basis": ""}]
        ),
        InvalidInput,
    )
    # Legal staff only: a leader, even the head, does not keep the catalogue.
    error = team.refused(
        lambda: services.save_catalogue_item(
            actor=team.leader, catalogue=draft, name="新事项", basis="依据"
        )
    )
    assert isinstance(error, RuleViolation) and error.rule_id == "review_role"
    # Another agency's reviewer cannot touch it.
    team.refused(
        lambda: services.file_catalogue(
            actor=team.other_reviewer, catalogue=draft, filed_on=dt.date(2026, 3, 2), filing_ref="x"
        ),
        NotInScope,
    )


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_pages_for_the_legal_office_and_the_public() -> None:
    team = Team()
    client = client_for(team.reviewer)
    assert client.get("/review/catalogue/").status_code == 200
    response = client.post("/review/catalogue/draft/")
    draft = Catalogue.objects.get(agency=team.agency)
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/")
    client.post(
        f"/review/catalogue/{draft.pk}/item/", {"name": "撤回工作许可", "basis": "某规定第X条"}
    )
    item = draft.items.get()
    client.post(
        f"/review/catalogue/{draft.pk}/item/",
        {"item_id": item.pk, "name": "撤回外国人来华工作许可", "basis": "某规定第X条"},
    )
    item.refresh_from_db()
    assert item.name == "撤回外国人来华工作许可"
    # Publishing before the filing: refused on the page with the rule, nothing written.
    before = team.snapshot()
    refused = client.post(f"/review/catalogue/{draft.pk}/publish/", {})
    assert refused.status_code == 409 and "catalogue_filing_first" in refused.content.decode()
    assert team.snapshot() == before
    client.post(
        f"/review/catalogue/{draft.pk}/file/",
        {"filed_on": "2026-03-02", "filing_ref": "武司备〔2026〕3号"},
    )
    public = client_for().get(f"/review/gongshi/{team.agency.slug}/catalogue/")
    assert public.status_code == 200 and "尚未公布" in public.content.decode()
    client.post(f"/review/catalogue/{draft.pk}/publish/", {"published_on": "2026-03-03"})
    page = client_for().get(f"/review/gongshi/{team.agency.slug}/catalogue/").content.decode()
    assert "撤回外国人来华工作许可" in page and "武司备〔2026〕3号" in page
    # The other agency's public page shows nothing of it; its reviewer gets a 404 on the page.
    other = client_for().get(f"/review/gongshi/{team.other.slug}/catalogue/").content.decode()
    assert "撤回外国人来华工作许可" not in other
    assert client_for(team.other_reviewer).get(f"/review/catalogue/{draft.pk}/").status_code == 404
    assert client_for().get("/review/gongshi/no-such-agency/catalogue/").status_code == 404
    # Only legal staff write: the leader gets 403 and nothing is written.
    leader = client_for(team.leader)  # logging in is itself ledgered (登录审计)
    before = team.snapshot()
    assert (
        leader.post(f"/review/catalogue/{draft.pk}/withdraw/", {"reason": "x"}).status_code == 403
    )
    assert team.snapshot() == before
    client.post(f"/review/catalogue/{draft.pk}/withdraw/", {"reason": "职能调整"})
    page = client_for().get(f"/review/gongshi/{team.agency.slug}/catalogue/").content.decode()
    assert "撤回外国人来华工作许可" not in page


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_api_list_create_file_publish_withdraw() -> None:
    team = Team()
    api = client_for(team.reviewer)
    missing_basis = post(
        api, "/api/v1/review/catalogues", {"items": [{"name": "撤回", "basis": ""}]}
    )
    assert missing_basis.status_code == 422
    created = post(api, "/api/v1/review/catalogues", {"items": ITEMS})
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    assert created.json()["state"] == "草稿" and len(created.json()["items"]) == 2
    early = post(api, f"/api/v1/review/catalogues/{cid}/publication", {})
    assert early.status_code == 409 and early.json()["rule_id"] == "catalogue_filing_first"
    filed = post(
        api,
        f"/api/v1/review/catalogues/{cid}/filing",
        {"filed_on": "2026-03-02", "filing_ref": "武司备〔2026〕3号"},
    )
    assert filed.status_code == 200 and filed.json()["filing_ref"] == "武司备〔2026〕3号"
    published = post(api, f"/api/v1/review/catalogues/{cid}/publication", {})
    assert published.status_code == 200 and published.json()["published_on"]
    listed = api.get("/api/v1/review/catalogues").json()
    assert [c["id"] for c in listed] == [cid]
    # Another agency: absent (404), and its list does not show it; a leader: 403.
    other = client_for(team.other_reviewer)
    assert other.get("/api/v1/review/catalogues").json() == []
    gone = post(other, f"/api/v1/review/catalogues/{cid}/withdrawal", {"reason": "x"})
    assert gone.status_code == 404
    forbidden = post(client_for(team.leader), "/api/v1/review/catalogues", {"items": ITEMS})
    assert forbidden.status_code == 403
    withdrawn = post(api, f"/api/v1/review/catalogues/{cid}/withdrawal", {"reason": "法律修改"})
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "已撤回"
    assert Catalogue.objects.filter(agency=team.other).count() == 0


def test_queue_links_the_catalogue_for_the_legal_office_only() -> None:
    team = Team()
    assert "/review/catalogue/" in client_for(team.reviewer).get("/review/").content.decode()
    assert "/review/catalogue/" not in client_for(team.leader).get("/review/").content.decode()
    assert client_for(team.leader).get("/review/catalogue/").status_code == 403
