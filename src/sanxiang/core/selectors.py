"""Reads for the public home page."""

from django.db.models import QuerySet

from sanxiang.registry.models import Agency


def public_agencies() -> QuerySet[Agency]:
    """The agencies on the platform; their names are public (公示 of the enforcement subject)."""
    return Agency.objects.order_by("id")
