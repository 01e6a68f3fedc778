"""Reads of the disclosure app. Public reads see only what has been published (or withdrawn,
as a notice); staff reads are scoped to the user's agency."""

from __future__ import annotations

from django.db.models import QuerySet

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import agency_scope
from sanxiang.core.errors import NotInScope
from sanxiang.disclosure import search as disclosure_search
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Feedback, Publication
from sanxiang.registry.models import Agency

PUBLIC_STATES = (
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWAL_DUE,
    PublicationStatus.WITHDRAWN,
)
# Still shown as results: a withdrawal that is due but not done yet leaves the item up.
LISTED_STATES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWAL_DUE)


def public_publications(*, agency: Agency | None = None) -> QuerySet[Publication]:
    qs = Publication.objects.filter(status__in=PUBLIC_STATES).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("-published_at", "-id")


def search(*, query: str, agency: Agency | None = None) -> disclosure_search.Results:
    """Listed results containing every whitespace-separated term of ``query``, newest first.

    Served by the bigram index (``disclosure/search.py``: FTS5 on SQLite, GIN on PostgreSQL),
    which finds one- and two-character CJK queries (罚, 罚款, a surname) like a substring match
    would; withdrawn items are not in it. The result pages with Django's ``Paginator``.
    """
    return disclosure_search.search(query=query, agency=agency)


def public_publication(pk: int) -> Publication:
    found = public_publications().filter(pk=pk).select_related("case").first()
    if found is None:
        raise NotInScope("没有这条公示信息")
    return found


def public_agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("slug")


def staff_publications(user: User) -> QuerySet[Publication]:
    scope = agency_scope(user)
    qs = Publication.objects.select_related("agency", "case")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    return qs.order_by("due_on", "id")


def staff_publication(user: User, pk: int) -> Publication:
    found = staff_publications(user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("没有这条公示信息")
    return found


def open_feedback(user: User) -> QuerySet[Feedback]:
    scope = agency_scope(user)
    qs = Feedback.objects.select_related("publication", "agency")
    if scope is not None:
        qs = qs.filter(agency_id__in=scope)
    return qs.order_by("status", "due_on", "id")
