"""Every template renders from the records of every agency's procedures, with its required text.

The scenarios are the cases app's own typical walks (every kind and procedure of the five
agencies' packs), so the records are the ones the services write; every record that a document
type is made from is issued once per scenario. ``test_every_document_type_renders`` then covers
the types no scenario's path reaches, from records shaped like the form's fields.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sanxiang.accounts.models import User
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.cases.records import fields_for
from sanxiang.cases.tests import factories as f
from sanxiang.cases.tests.test_scenarios import SCENARIOS, Scenario
from sanxiang.documents import store
from sanxiang.documents.doctypes import DECISION_SECTIONS, DOC_TYPES, doc_types_for_record
from sanxiang.documents.forms import _pack_record_ids, forms_for
from sanxiang.documents.models import Document
from sanxiang.documents.numbering import chinese_date
from sanxiang.documents.services import issue_document
from sanxiang.documents.tests.helpers import pdf_text, walked_case
from sanxiang.policy.loader import load_pack

pytestmark = pytest.mark.django_db

ISSUED_AT = f.at(2026, 11, 23, 15)
DATE_TEXT = "二〇二六年十一月二十三日"


def _check(document: Document, *, record: CaseRecord | None) -> None:
    text = pdf_text(store.get(document.sha256))
    spec = DOC_TYPES[document.doc_type]
    assert spec.title in text
    assert document.agency.name in text
    assert DATE_TEXT in text
    assert document.verify_code in text
    if spec.code:
        assert document.number and document.number in text
    else:
        assert not document.number and document.case.number in text
    if spec.id == "penalty_decision":
        for _, heading in DECISION_SECTIONS:
            assert heading in text, heading
    if record is not None and spec.layout == "form":
        # The form prints every field the record form asked for, with its label.
        for field in fields_for(record.record_type):
            assert field.label.replace(" ", "") in text, field.label


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_documents_of_each_procedure_render(scenario: Scenario) -> None:
    case, officer = walked_case(
        scenario.slug, scenario.kind, scenario.procedure, scenario.path, scenario.facts
    )
    issued: set[str] = set()
    for record in CaseRecord.objects.filter(case=case).order_by("id"):
        for spec in doc_types_for_record(record.record_type):
            if spec.id in issued:
                continue
            document = issue_document(
                actor=officer, case=case, doc_type=spec.id, record=record, at=ISSUED_AT
            )
            _check(document, record=record)
            issued.add(spec.id)
    for doc_type in ("file_cover", "file_index", "closing_approval", "file_notes"):
        _check(
            issue_document(actor=officer, case=case, doc_type=doc_type, at=ISSUED_AT), record=None
        )
    assert issued, f"{scenario.id}: no record of this procedure makes a document"


def _record_for(case: Case, record_type: str, officer: User) -> CaseRecord:
    """A record shaped like the form's fields, for a type no scenario path reaches (test data;
    the cases services are exercised by the scenario test above)."""
    return CaseRecord.objects.create(
        agency=case.agency,
        case=case,
        record_type=record_type,
        label=record_type,
        stage=case.stage,
        payload=f.payload_for(record_type),
        officers=[{"name": "执法员甲", "cert_no": "42000001"}],
        recorded_by=officer,
        recorded_at=f.at(2026, 3, 2, 10),
        ledger_index=0,
    )


SLUGS = ("wuhan-kjj", "wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "dongxihu-sfj")
# Every (agency, document type) the agency's procedures make (the blank-forms list): the
# document renders from a record of that agency's case, in that agency's layout.
APPLIES = [
    (slug, form.doc_type)
    for slug in SLUGS
    for form in forms_for(load_pack(slug))
    if DOC_TYPES[form.doc_type].layout != "case"
]


def _any_case(slug: str) -> tuple[Case, User]:
    pack = load_pack(slug)
    kind, spec = next(iter(pack.model.case_kinds.items()))
    procedure = next(iter(spec.procedures))
    return walked_case(slug, kind, procedure, (), {})


@pytest.mark.parametrize(("slug", "doc_type"), APPLIES, ids=[f"{s}-{t}" for s, t in APPLIES])
def test_every_document_type_renders_for_every_agency(doc_type: str, slug: str) -> None:
    case, officer = _any_case(slug)
    spec = DOC_TYPES[doc_type]
    record_type = next(
        (r for r in spec.records if r in _pack_record_ids(load_pack(slug))), spec.records[0]
    )
    record = _record_for(case, record_type, officer)
    document = issue_document(
        actor=officer, case=case, doc_type=doc_type, record=record, at=ISSUED_AT
    )
    _check(document, record=record)


def test_every_agency_has_applicable_documents() -> None:
    by_agency = {slug: {t for s, t in APPLIES if s == slug} for slug in SLUGS}
    assert all(by_agency.values()), by_agency
    # Between them the agencies cover every record-made type of the catalogue.
    covered = set().union(*by_agency.values())
    assert covered == {t for t, spec in DOC_TYPES.items() if spec.layout != "case"}


def test_chinese_date_of_issue_day_matches_helper() -> None:
    assert chinese_date(dt.date(2026, 11, 23)) == DATE_TEXT
