"""Test helpers: cases walked through the cases services, and PDF text."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as f


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace removed (extraction breaks CJK lines anywhere)."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", "", text)


def walked_case(
    slug: str, kind: str, procedure: str, path: tuple[str, ...], facts: dict[str, object]
) -> tuple[Case, User]:
    """A case of ``slug`` walked along ``path`` through the cases services (real records)."""
    agency = f.agency(slug)
    team = f.officers(agency, 2)
    officer = User.objects.filter(username=f"officer-{agency.slug}").first() or f.staff(
        agency, "officer", Role.OFFICER
    )
    start = f.at(2026, 3, 2, 9)
    case = f.open_case(
        actor=officer,
        agency=agency,
        kind=kind,
        procedure=procedure,
        team=team,
        when=start,
        facts=facts,
    )
    f.walk(case, path, actor=officer, team=team, start=start)
    case.refresh_from_db()
    return case, officer
