"""Who may reach each URL: one declaration per URL name (issue 2 §6).

``ACCESS`` maps every URL name in the project (``namespace:name``) to the access it needs.
``core/tests/test_url_access.py`` walks the whole URL resolver — pages, the admin, the REST
API — and fails for a URL without a declaration, then requests every declared URL as an
anonymous visitor, as a user of another agency and as each role, and checks the outcome:

=================  ===========================================================================
``PUBLIC``         anyone: the expected status (200 unless ``ok`` says otherwise)
``AUTHENTICATED``  anonymous → login page (302) or 401 for the API; any logged-in user → ok
``roles(...)``     as above, and a logged-in user without one of the roles → 403
``STAFF``          Django admin: anonymous and non-staff users → the admin login page
=================  ===========================================================================

A URL whose path names an object (``<int:pk>``, ``<slug:slug>``, …) declares ``sample``: a
function that creates (or finds) an object of the given agency and returns the path's kwargs.
The walk then also checks that a user of *another* agency, holding an allowed role, gets 404
(STYLE.md §3: another agency's object is absent, not forbidden).

To add a URL: add its name here with the narrowest access that works, and a ``sample`` if it
has path parameters. Keys ending in ``:*`` cover a whole namespace (used for the admin, whose
URLs Django generates per model).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from sanxiang.accounts.choices import Role
from sanxiang.registry.models import Agency


class Level(StrEnum):
    PUBLIC = "public"
    AUTHENTICATED = "authenticated"
    ROLES = "roles"
    STAFF = "staff"


Sample = Callable[[Agency], dict[str, Any]]


@dataclass(frozen=True)
class Access:
    """The access one URL needs and how the walk probes it."""

    level: Level
    roles: frozenset[str] = frozenset()
    # The method the walk uses; POST-only actions (logout, revoke) declare "post".
    method: str = "get"
    # Statuses that mean "served" for an allowed user (a POST action may answer 302).
    ok: frozenset[int] = frozenset({200})
    sample: Sample | None = None
    # A query string the walk appends (an endpoint that needs ``?index=0`` to answer at all).
    query: str = ""
    note: str = ""

    def but(self, **changes: Any) -> Access:
        """A copy with some fields changed: ``AUTHENTICATED.but(method="post", ok={302})``."""
        if "ok" in changes:
            changes["ok"] = frozenset(changes["ok"])
        return dataclasses.replace(self, **changes)


PUBLIC = Access(Level.PUBLIC)
AUTHENTICATED = Access(Level.AUTHENTICATED)
STAFF = Access(Level.STAFF)


def roles(*allowed: Role, **options: Any) -> Access:
    """Only users holding one of ``allowed`` (in their own agency; supervisors across them)."""
    if not allowed:
        raise ValueError("roles() needs at least one role; use AUTHENTICATED for any user")
    return Access(Level.ROLES, roles=frozenset(allowed)).but(**options)


SUPERVISOR = roles(Role.SUPERVISOR)


def _agency_slug(agency: Agency) -> dict[str, Any]:
    return {"slug": agency.slug}


def _national_pack(agency: Agency) -> dict[str, Any]:
    return {"slug": "national"}


def _officer_certificate(agency: Agency) -> dict[str, Any]:
    import datetime

    from sanxiang.registry.models import Department, Officer

    department = Department.objects.create(agency=agency, name="访问检查处")
    officer = Officer.objects.create(
        agency=agency,
        name="访问检查",
        birth_year=1985,
        department=department,
        cert_no="ACCESS-WALK-1",
        cert_valid_from=datetime.date(2025, 1, 1),
        cert_valid_until=datetime.date(2099, 12, 31),
    )
    return {"slug": agency.slug, "cert_no": officer.cert_no}


def _agency_with_checkpoint(agency: Agency) -> dict[str, Any]:
    from sanxiang.ledger.services import append, create_checkpoint

    append(agency=agency, kind="access.walk", subject="access:1", actor=None, payload={})
    create_checkpoint(agency=agency)
    return {"slug": agency.slug}


def _case(agency: Agency) -> dict[str, Any]:
    """A case of ``agency`` opened through the cases service, in a stage that offers a record.

    Its kwargs name the case and one record type of its current stage, so both the case page
    and the record form can be probed.
    """
    import datetime

    from sanxiang.accounts.models import RoleGrant, User
    from sanxiang.cases import selectors, services
    from sanxiang.policy.selectors import pack_for_agency
    from sanxiang.registry.models import Department, Officer

    department, _ = Department.objects.get_or_create(agency=agency, name="访问检查处")
    officers = [
        Officer.objects.get_or_create(
            agency=agency,
            cert_no=f"ACCESS-CASE-{n}",
            defaults={
                "name": f"访问检查{n}",
                "department": department,
                "cert_valid_from": datetime.date(2020, 1, 1),
                "cert_valid_until": datetime.date(2099, 12, 31),
            },
        )[0]
        for n in (1, 2)
    ]
    actor, created = User.objects.get_or_create(
        username=f"access-case-{agency.slug}", defaults={"agency": agency}
    )
    if created:
        RoleGrant.objects.create(user=actor, role=Role.OFFICER)
    pack = pack_for_agency(agency)
    # The first procedure whose opening stage offers a record (every shipped pack has one).
    kind, procedure = next(
        (kind_id, procedure_id)
        for kind_id, kind in pack.model.case_kinds.items()
        for procedure_id, proc in kind.procedures.items()
        if pack.stage(kind_id, procedure_id, proc.initial).records
    )
    case = services.open_case(
        actor=actor,
        agency=agency,
        kind=kind,
        procedure=procedure,
        source="ex_officio",
        title="访问检查案",
        parties=[{"kind": "organization", "name": "访问检查有限公司"}],
        facts={},
        officers=officers,
    )
    record_type = selectors.allowed_actions(case, actor).records[0].id
    return {"pk": case.pk, "record_type": record_type}


def _evidence_item(agency: Agency) -> dict[str, Any]:
    """A recording of a fresh case of ``agency``: one record made, then a blob ingested."""
    import io

    from sanxiang.accounts.models import User
    from sanxiang.cases import services as cases
    from sanxiang.cases.models import Case
    from sanxiang.cases.records import fields_for
    from sanxiang.evidence.services import ingest
    from sanxiang.registry.models import Officer

    sample = {"text": "访问检查", "list": ["访问检查"], "bool": True, "number": 1,
              "date": "2026-03-02", "datetime": "2026-03-02T10:00:00+08:00"}  # fmt: skip
    kwargs = _case(agency)
    case = Case.objects.get(pk=kwargs["pk"])
    actor = User.objects.get(username=f"access-case-{agency.slug}")
    record = cases.record(
        actor=actor,
        case=case,
        record_type=kwargs["record_type"],
        payload={spec.name: sample[spec.kind] for spec in fields_for(kwargs["record_type"])},
        officers=list(Officer.objects.filter(agency=agency, cert_no__startswith="ACCESS-CASE-")),
        av={
            "device_check": True,
            "continuous": True,
            "interruptions": [],
            "opening_statement": {
                "time": "2026-03-02 10:00",
                "place": "现场",
                "officers": "访问检查",
                "party": "访问检查有限公司",
                "step": "访问检查",
            },
        },
    )
    item = ingest(
        actor=actor, record=record, stream=io.BytesIO(b"access walk"), filename="walk.mp4",
        media_type="video/mp4", metadata={"device": "DSJ", "place": "现场", "step": "检查"},
    )  # fmt: skip
    return {"pk": item.pk}


def _access_request(agency: Agency) -> dict[str, Any]:
    """A pending access request by the party of a fresh case of ``agency``, through the service."""
    from sanxiang.accounts.models import User
    from sanxiang.archive.access import request_access
    from sanxiang.archive.choices import RequesterKind
    from sanxiang.cases.models import Case

    case = Case.objects.get(pk=_case(agency)["pk"])
    party = case.parties.get()
    found = request_access(
        actor=User.objects.get(username=f"access-case-{agency.slug}"), case=case,
        requester_kind=RequesterKind.PARTY, requester_name=party.name, party=party,
        reason="访问检查",
    )  # fmt: skip
    return {"pk": found.pk}


def _case_pk(agency: Agency) -> dict[str, Any]:
    return {"pk": _case(agency)["pk"]}


def _document(agency: Agency) -> dict[str, Any]:
    """A document of ``agency``: the 案卷封面 of a fresh case, issued through the service."""
    from sanxiang.accounts.models import User
    from sanxiang.cases.models import Case
    from sanxiang.documents.services import issue_document

    case = Case.objects.get(pk=_case(agency)["pk"])
    actor = User.objects.get(username=f"access-case-{agency.slug}")
    document = issue_document(actor=actor, case=case, doc_type="file_cover")
    return {"pk": document.pk}


def _blank_forms(agency: Agency) -> dict[str, Any]:
    return {"slug": agency.slug}


def _blank_form(agency: Agency) -> dict[str, Any]:
    # 案卷封面: a form every agency has, whatever its procedures.
    return {"slug": agency.slug, "doc_type": "file_cover"}


def _submission(agency: Agency) -> dict[str, Any]:
    """A complete 送审 of a fresh case of ``agency``, made through the review service."""
    from sanxiang.accounts.models import User
    from sanxiang.cases.models import Case
    from sanxiang.policy.selectors import pack_for_agency
    from sanxiang.review import rules
    from sanxiang.review.services import submit

    case = Case.objects.get(pk=_case(agency)["pk"])
    actor = User.objects.get(username=f"access-case-{agency.slug}")
    materials = {m.id: m.label for m in rules.materials(pack_for_agency(agency))}
    submission = submit(
        actor=actor,
        case=case,
        proposal="访问检查拟作出的决定",
        reasons="访问检查理由",
        legal_basis="访问检查依据",
        materials=materials,
    )
    return {"pk": submission.pk, "case_pk": case.pk}


def _submission_pk(agency: Agency) -> dict[str, Any]:
    return {"pk": _submission(agency)["pk"]}


def _review_case(agency: Agency) -> dict[str, Any]:
    return {"case_pk": _case(agency)["pk"]}


def _catalogue_pk(agency: Agency) -> dict[str, Any]:
    """A draft 重大执法决定事项目录 of ``agency``, made through the review service."""
    from sanxiang.accounts.models import RoleGrant, User
    from sanxiang.review.services import draft_catalogue

    reviewer, created = User.objects.get_or_create(
        username=f"access-catalogue-{agency.slug}", defaults={"agency": agency}
    )
    if created:
        RoleGrant.objects.create(user=reviewer, role=Role.LEGAL_REVIEWER)
    catalogue = draft_catalogue(
        actor=reviewer, agency=agency, items=[{"name": "访问检查事项", "basis": "访问检查依据"}]
    )
    return {"pk": catalogue.pk}


def _catalogue_id(agency: Agency) -> dict[str, Any]:
    return {"catalogue_pk": _catalogue_pk(agency)["pk"]}


def _opinion(agency: Agency) -> dict[str, Any]:
    """A 法制审核意见书 of ``agency``: every checklist item found and an opinion issued."""
    from sanxiang.accounts.models import RoleGrant, User
    from sanxiang.policy.selectors import pack_for_agency
    from sanxiang.review import rules
    from sanxiang.review.models import Submission
    from sanxiang.review.services import issue_opinion, record_finding

    submission = Submission.objects.get(pk=_submission(agency)["pk"])
    reviewer, created = User.objects.get_or_create(
        username=f"access-review-{agency.slug}", defaults={"agency": agency}
    )
    if created:
        RoleGrant.objects.create(user=reviewer, role=Role.LEGAL_REVIEWER)
    pack = pack_for_agency(agency)
    for item in rules.checklist(pack):
        record_finding(actor=reviewer, submission=submission, item_id=item.id, passed=True)
    opinion = issue_opinion(
        actor=reviewer,
        submission=submission,
        outcome_id=rules.outcomes(pack)[0].id,
        reasons="访问检查",
    )
    return {"pk": opinion.pk}


def _document_id(agency: Agency) -> dict[str, Any]:
    return {"document_id": _document(agency)["pk"]}


# Who reads case files and who records in them (cases/views.py says why).
def _publication(agency: Agency) -> dict[str, Any]:
    """A published item (行政执法公示) of a fresh case of ``agency``."""
    from sanxiang.cases.models import Case
    from sanxiang.disclosure.testing import published_sample

    case = Case.objects.get(pk=_case(agency)["pk"])
    return {"pk": published_sample(case).pk}


def _notice(name: str) -> Sample:
    """Published 事中公示 / 检查计划 / 检查信息 samples (built directly, any agency)."""

    def sample(agency: Agency) -> dict[str, Any]:
        from sanxiang.disclosure import notice_testing

        result: dict[str, Any] = getattr(notice_testing, name)(agency)
        return result

    return sample


def _annual_report(agency: Agency) -> dict[str, Any]:
    """A published 统计年报 of ``agency`` (last year's)."""
    from sanxiang.disclosure.annual_testing import published_annual_sample

    return published_annual_sample(agency)


def _publication_feedback(agency: Agency) -> dict[str, Any]:
    """A public correction request on a published item of ``agency``."""
    from sanxiang.disclosure import services
    from sanxiang.disclosure.models import Publication

    publication = Publication.objects.get(pk=_publication(agency)["pk"])
    feedback = services.submit_feedback(
        publication=publication,
        kind="correction",
        message="访问检查：请核实决定日期",
        contact="",
        client=services.client_key(f"access-walk-{agency.slug}"),
    )
    return {"pk": feedback.pk}


DISCLOSURE_STAFF = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR)
DISCLOSURE_WRITERS = (Role.PUBLICITY, Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD)

CASE_READERS = (
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEADER,
    Role.LEGAL_REVIEWER,
    Role.ARCHIVIST,
    Role.SUPERVISOR,
)
CASE_WRITERS = (Role.OFFICER, Role.SECTION_HEAD, Role.LEADER)
# Who reads a review (review/views.py): the department, the head, the reviewers, the supervisor.
REVIEW_READERS = (
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEADER,
    Role.HEAD,
    Role.LEGAL_REVIEWER,
    Role.SUPERVISOR,
)


ARCHIVE_READERS = (
    Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.SUPERVISOR,
)  # fmt: skip
ARCHIVE_HANDLERS = (Role.ARCHIVIST, Role.OFFICER, Role.SECTION_HEAD)
ARCHIVE_APPROVERS = (Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.PUBLICITY)

ACCESS: dict[str, Access] = {
    # core
    "core:home": PUBLIC,
    # accounts
    "accounts:login": PUBLIC,
    # Logging out is harmless for anyone; LogoutView only accepts POST.
    "accounts:logout": PUBLIC.but(method="post", ok={302}),
    "accounts:me": AUTHENTICATED,
    "accounts:password_change": AUTHENTICATED,
    "accounts:audit": roles(Role.SUPERVISOR, Role.AGENCY_ADMIN),
    "accounts:tokens": AUTHENTICATED,
    "accounts:token_revoke": AUTHENTICATED.but(method="post", ok={302}),
    # registry: the public 事前公开 pages and certificate check (no login)
    "registry:agency": PUBLIC.but(sample=_agency_slug),
    "registry:certificate_lookup": PUBLIC.but(sample=_agency_slug, ok={302}),
    "registry:certificate": PUBLIC.but(sample=_officer_certificate),
    "api:registry-officers": AUTHENTICATED,
    "api:registry-certificate": PUBLIC.but(sample=_officer_certificate),
    # policy: the published rules (行政执法公示) are public, pages and API alike.
    "policy:pack_list": PUBLIC,
    "policy:pack_detail": PUBLIC.but(sample=_national_pack),
    "api:policy-packs": PUBLIC,
    "api:policy-pack": PUBLIC.but(sample=_national_pack),
    # ledger: public read-only API (hashes, sizes and signatures only; no record payloads)
    "api:ledger-public-key": PUBLIC,
    "api:ledger-checkpoint": PUBLIC.but(sample=_agency_with_checkpoint),
    "api:ledger-inclusion-proof": PUBLIC.but(sample=_agency_with_checkpoint, query="index=0"),
    "api:ledger-consistency-proof": PUBLIC.but(sample=_agency_with_checkpoint, query="from=1&to=1"),
    # disclosure (行政执法公示): the portal and open data are public; tasks are staff only.
    "disclosure:home": PUBLIC,
    "disclosure:results": PUBLIC,
    "disclosure:detail": PUBLIC.but(sample=_publication),
    "disclosure:feedback": PUBLIC.but(sample=_publication, method="post", ok={302}),
    "disclosure:open_json": PUBLIC,
    "disclosure:open_csv": PUBLIC,
    "disclosure:feed": PUBLIC,
    "disclosure:agency": PUBLIC.but(sample=_agency_slug),
    "disclosure:staff_list": roles(*DISCLOSURE_STAFF),
    "disclosure:staff_detail": roles(*DISCLOSURE_STAFF, sample=_publication),
    "disclosure:staff_action": roles(
        *DISCLOSURE_WRITERS, sample=_publication, method="post", ok={302}
    ),
    "disclosure:staff_answer": roles(
        *DISCLOSURE_WRITERS, sample=_publication_feedback, method="post", ok={302}
    ),
    # 事前: flowcharts drawn from the enforced procedures; inspection plans and information;
    # 事中公示. Public when published; drafting and approval are staff only.
    "disclosure:flowcharts": PUBLIC.but(sample=_agency_slug),
    "disclosure:flowchart_svg": PUBLIC.but(sample=_notice("flowchart_sample")),
    "disclosure:inspection": PUBLIC.but(sample=_agency_slug),
    "disclosure:plan_detail": PUBLIC.but(sample=_notice("plan_sample")),
    "disclosure:info_detail": PUBLIC.but(sample=_notice("info_sample")),
    "disclosure:process_list": PUBLIC,
    "disclosure:process_detail": PUBLIC.but(sample=_notice("process_notice_sample")),
    "disclosure:process_json": PUBLIC,
    "disclosure:staff_notices": roles(*DISCLOSURE_STAFF),
    "disclosure:staff_notice_create": roles(*DISCLOSURE_WRITERS, method="post", ok={302}),
    "disclosure:staff_notice": roles(
        *DISCLOSURE_STAFF, sample=_notice("staff_process_notice_sample")
    ),
    "disclosure:staff_notice_action": roles(
        *DISCLOSURE_WRITERS,
        sample=_notice("staff_process_notice_sample"),
        method="post",
        ok={302},
    ),
    # 行政执法统计年报: published reports are public; preparation and approval are staff only.
    "disclosure:annual_list": PUBLIC.but(sample=_agency_slug),
    "disclosure:annual": PUBLIC.but(sample=_annual_report),
    "disclosure:annual_pdf": PUBLIC.but(sample=_annual_report),
    "disclosure:annual_json": PUBLIC.but(sample=_annual_report),
    "disclosure:staff_annual": roles(*DISCLOSURE_STAFF),
    "disclosure:staff_annual_detail": roles(*DISCLOSURE_STAFF, sample=_annual_report),
    "disclosure:staff_annual_action": roles(
        *DISCLOSURE_WRITERS, sample=_annual_report, method="post", ok={302}
    ),
    # cases (执法全过程记录): staff only; another agency's case is a 404.
    "cases:list": roles(*CASE_READERS),
    "cases:mine": AUTHENTICATED,
    "cases:new": roles(*CASE_WRITERS),
    "cases:detail": roles(*CASE_READERS, sample=_case_pk),
    "cases:record": roles(*CASE_WRITERS, sample=_case),
    # POST-only; an empty form is answered with a redirect back to the case page.
    "cases:advance": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={302}),
    "cases:facts": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={302}),
    "cases:suspend": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={302}),
    "cases:resume": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={302}),
    "cases:extend": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={302}),
    "api:cases-list": roles(*CASE_READERS),
    "api:cases-deadlines-running": roles(*CASE_READERS),
    "api:cases-detail": roles(*CASE_READERS, sample=_case_pk),
    "api:cases-deadlines": roles(*CASE_READERS, sample=_case_pk),
    # The walk POSTs an empty form, not JSON: the role and case-scope gate answers 403/404
    # before the body is read, and an allowed user's unparsable body is a 400.
    "api:cases-create": roles(*CASE_WRITERS, method="post", ok={400}),
    "api:cases-records": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    "api:cases-advance": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    "api:cases-facts": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    "api:cases-suspend": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    "api:cases-resume": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    "api:cases-extend": roles(*CASE_WRITERS, sample=_case_pk, method="post", ok={400}),
    # archive (案卷, 查阅申请, 调阅登记): archive/views.py says who reads and who acts. The POST
    # actions answer a redirect back to the case-file page (refusals as a message).
    "archive:case_files": roles(*ARCHIVE_READERS),
    "archive:case_file": roles(*ARCHIVE_READERS, sample=_case_pk),
    "archive:form": roles(
        Role.OFFICER, Role.SECTION_HEAD, Role.ARCHIVIST, sample=_case_pk, method="post", ok={302}
    ),
    "archive:transfer": roles(
        Role.OFFICER, Role.SECTION_HEAD, sample=_case_pk, method="post", ok={302}
    ),
    "archive:accept": roles(Role.ARCHIVIST, sample=_case_pk, method="post", ok={302}),
    "archive:requests": roles(*ARCHIVE_READERS),
    # Access requests (查阅申请): registered and handed over by the archivist or the handling
    # department; decided by the role the pack's rule names (any approver role reaches the
    # action, the service refuses the wrong one with a message); a pending request's records
    # page and hand-over answer with the refusal.
    "archive:request_new": roles(*ARCHIVE_HANDLERS, sample=_case_pk),
    "archive:request": roles(*ARCHIVE_READERS, sample=_access_request),
    "archive:request_decide": roles(
        *ARCHIVE_APPROVERS, sample=_access_request, method="post", ok={302}
    ),
    "archive:request_records": roles(*ARCHIVE_HANDLERS, sample=_access_request, ok={302}),
    "archive:request_deliver": roles(
        *ARCHIVE_HANDLERS, sample=_access_request, method="post", ok={302}
    ),
    "archive:register": roles(Role.ARCHIVIST, Role.LEADER, Role.HEAD, Role.SUPERVISOR),
    "archive:register_csv": roles(Role.ARCHIVIST, Role.SUPERVISOR),
    "evidence:download": roles(*ARCHIVE_READERS, sample=_evidence_item),
    # review (法制审核): reviewers' queue, the department's submissions, the review page and
    # the opinion as a document; writes by role (review/views.py says who does what).
    "review:submit": roles(Role.OFFICER, Role.SECTION_HEAD, sample=_review_case),
    "review:detail": roles(*REVIEW_READERS, sample=_submission_pk),
    "review:finding": roles(Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={302}),
    "review:consultation": roles(
        Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={302}
    ),
    "review:opinion": roles(Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={302}),
    "review:correct": roles(Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={302}),
    "review:rereview": roles(
        Role.OFFICER, Role.SECTION_HEAD, sample=_submission_pk, method="post", ok={302}
    ),
    "review:queue": roles(Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, Role.SUPERVISOR),
    "review:department": roles(
        Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.SUPERVISOR
    ),
    "review:escalate": roles(
        Role.LEADER, Role.HEAD, sample=_submission_pk, method="post", ok={302}
    ),
    "review:extend": roles(
        Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, sample=_submission_pk, method="post", ok={302}
    ),
    "review:mark_major": roles(
        Role.LEGAL_REVIEWER,
        Role.SECTION_HEAD,
        Role.LEADER,
        Role.HEAD,
        sample=_review_case,
        method="post",
        ok={302},
    ),
    "review:emergency": roles(
        Role.SECTION_HEAD, Role.LEADER, Role.HEAD, sample=_review_case, method="post", ok={302}
    ),
    "review:catalogue": roles(Role.LEGAL_REVIEWER, Role.SUPERVISOR),
    "review:catalogue_detail": roles(Role.LEGAL_REVIEWER, Role.SUPERVISOR, sample=_catalogue_pk),
    "review:catalogue_draft": roles(Role.LEGAL_REVIEWER, method="post", ok={302}),
    "review:catalogue_item": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_pk, method="post", ok={302}
    ),
    "review:catalogue_item_remove": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_pk, method="post", ok={302}
    ),
    "review:catalogue_file": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_pk, method="post", ok={302}
    ),
    # An empty form is valid (the date defaults to today): the service refuses the unfiled draft.
    "review:catalogue_publish": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_pk, method="post", ok={302, 409}
    ),
    "review:catalogue_withdraw": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_pk, method="post", ok={302}
    ),
    # 重大执法决定事项目录 as published: anyone (the portal's agency page links here).
    "review:public_catalogue": PUBLIC.but(sample=_agency_slug),
    "api:review-escalation": roles(
        Role.LEADER, Role.HEAD, sample=_submission_pk, method="post", ok={400}
    ),
    "api:review-extension": roles(
        Role.LEGAL_REVIEWER, Role.LEADER, Role.HEAD, sample=_submission_pk, method="post", ok={400}
    ),
    "api:review-consultations": roles(*REVIEW_READERS, sample=_submission_pk),
    "api:review-consultation-add": roles(
        Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={400}
    ),
    "api:review-mark-major": roles(
        Role.LEGAL_REVIEWER,
        Role.SECTION_HEAD,
        Role.LEADER,
        Role.HEAD,
        sample=_review_case,
        method="post",
        ok={400},
    ),
    "api:review-emergency": roles(
        Role.SECTION_HEAD, Role.LEADER, Role.HEAD, sample=_review_case, method="post", ok={400}
    ),
    "api:review-catalogues": roles(Role.LEGAL_REVIEWER, Role.SUPERVISOR),
    "api:review-catalogue-create": roles(Role.LEGAL_REVIEWER, method="post", ok={400}),
    "api:review-catalogue-filing": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_id, method="post", ok={400}
    ),
    "api:review-catalogue-publication": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_id, method="post", ok={400}
    ),
    "api:review-catalogue-withdrawal": roles(
        Role.LEGAL_REVIEWER, sample=_catalogue_id, method="post", ok={400}
    ),
    "review:opinion_document": roles(*REVIEW_READERS, sample=_opinion),
    "api:review-classify": roles(*REVIEW_READERS, method="post", ok={400}),
    "api:review-submissions": roles(*REVIEW_READERS),
    "api:review-submit": roles(
        Role.OFFICER, Role.SECTION_HEAD, sample=_review_case, method="post", ok={400}
    ),
    "api:review-submission": roles(*REVIEW_READERS, sample=_submission_pk),
    "api:review-findings": roles(
        Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={400}
    ),
    "api:review-opinions": roles(
        Role.LEGAL_REVIEWER, sample=_submission_pk, method="post", ok={400}
    ),
    "api:review-rereview": roles(
        Role.OFFICER, Role.SECTION_HEAD, sample=_submission_pk, method="post", ok={400}
    ),
    # documents (执法文书): staff see a case's documents; anyone may verify a PDF (the QR code
    # on every document links there).
    "documents:verify": PUBLIC,
    # 空白执法文书 (事前公示, issue 6): no seal, no number, no personal data.
    "documents:forms": PUBLIC.but(sample=_blank_forms),
    "documents:blank_form": PUBLIC.but(sample=_blank_form),
    "documents:case": roles(*CASE_READERS, sample=_case_pk),
    "documents:download": roles(*CASE_READERS, sample=_document),
    "api:documents-list": roles(*CASE_READERS, sample=_case_pk),
    "api:documents-download": roles(*CASE_READERS, sample=_document_id),
    # REST API (django-ninja): the schema and docs are public, like any OpenAPI description.
    "api:openapi-json": PUBLIC,
    "api:openapi-view": PUBLIC,
    "api:api-root": PUBLIC.but(ok={404}, note="ninja's name for reversing the API root; no page"),
    "api:accounts-me": AUTHENTICATED,
    # Django admin: every generated URL needs an active staff account (admin_view).
    "admin:*": STAFF,
    "admin:login": PUBLIC,
    "admin:logout": PUBLIC.but(method="post", ok={200, 302}),
}


@dataclass(frozen=True)
class UrlEntry:
    """One URL pattern found by walking the resolver."""

    key: str  # "namespace:name", or "namespace:<route …>" for an unnamed pattern
    name: str | None  # reversible name with namespaces, None when unnamed
    namespace: str  # "" at the top level, "a:b" when nested
    route: str
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.namespace.split(":")[0] == "api"


def _pattern_params(pattern: Any) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def walk_urls(
    patterns: list[URLPattern | URLResolver] | None = None,
    namespaces: tuple[str, ...] = (),
    prefix: str = "",
    params: tuple[str, ...] = (),
) -> Iterator[UrlEntry]:
    """Every URL pattern under ``patterns`` (default: the project's), with its namespaced key."""
    if patterns is None:
        patterns = list(get_resolver().url_patterns)
    for item in patterns:
        route = prefix + str(item.pattern)
        found = params + tuple(_pattern_params(item.pattern))
        if isinstance(item, URLResolver):
            inner = (*namespaces, item.namespace) if item.namespace else namespaces
            yield from walk_urls(list(item.url_patterns), inner, route, found)
            continue
        ns = ":".join(namespaces)
        if item.name:
            name = f"{ns}:{item.name}" if ns else item.name
            yield UrlEntry(key=name, name=name, namespace=ns, route=route, params=found)
        else:
            key = f"{ns}:<route {route}>" if ns else f"<route {route}>"
            yield UrlEntry(key=key, name=None, namespace=ns, route=route, params=found)


def declaration_for(entry: UrlEntry, access: dict[str, Access] = ACCESS) -> Access | None:
    """The URL's own declaration, else the one of its nearest enclosing ``namespace:*``."""
    if entry.key in access:
        return access[entry.key]
    parts = entry.namespace.split(":") if entry.namespace else []
    while parts:
        wildcard = access.get(":".join(parts) + ":*")
        if wildcard is not None:
            return wildcard
        parts.pop()
    return None


def undeclared(entries: list[UrlEntry], access: dict[str, Access] = ACCESS) -> list[UrlEntry]:
    return [entry for entry in entries if declaration_for(entry, access) is None]


def stale(entries: list[UrlEntry], access: dict[str, Access] = ACCESS) -> list[str]:
    """Declarations that name no URL any more (a rename left them behind)."""
    keys = {entry.key for entry in entries}
    namespaces = {entry.namespace + ":" for entry in entries}

    def names_something(key: str) -> bool:
        if key.endswith(":*"):
            return any(namespace.startswith(key[:-1]) for namespace in namespaces)
        return key in keys

    return sorted(key for key in access if not names_something(key))
