"""文号 allocation: the locked per-agency, per-type, per-year counter."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from sanxiang.documents.models import DocumentCounter
from sanxiang.documents.patterns import pattern_for
from sanxiang.registry.models import Agency


@dataclass(frozen=True)
class Number:
    text: str
    year: int
    sequence: int | None


def _locked_counter(agency: Agency, doc_type: str, year: int) -> DocumentCounter:
    """The counter row, locked. Two first documents of a year may race to create it: the loser's
    insert fails inside its savepoint and it then locks the winner's row."""
    counters = DocumentCounter.objects.select_for_update()
    found = counters.filter(agency=agency, doc_type=doc_type, year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return DocumentCounter.objects.create(agency=agency, doc_type=doc_type, year=year)
    except IntegrityError:
        return counters.get(agency=agency, doc_type=doc_type, year=year)


def next_number(*, agency: Agency, doc_type: str, year: int) -> Number:
    """Take the next 文号 of ``doc_type`` for ``agency`` in ``year``.

    Must run inside the transaction that issues the document: the counter stays locked until it
    commits, and a rollback gives the number back, so the series has no gaps.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the issuing transaction")
    pattern = pattern_for(slug=agency.slug, agency_name=agency.name, doc_type=doc_type)
    if pattern is None:
        return Number(text="", year=year, sequence=None)
    counter = _locked_counter(agency, doc_type, year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return Number(
        text=pattern.format(year=year, sequence=counter.last), year=year, sequence=counter.last
    )
