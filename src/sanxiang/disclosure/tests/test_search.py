"""The portal's search index (``disclosure/search.py``) against the plain substring scan.

Random published texts and random 1-, 2- and 3+-character queries drawn from them (and from the
alphabet): the index must return exactly the items an ``icontains`` (``LIKE``) scan returns, in
the same newest-first order, on SQLite (FTS5) and PostgreSQL (GIN) alike; withdrawn items leave
it, a correction replaces what it finds, the agency filter holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases.models import Case
from sanxiang.cases.tests import factories as cf
from sanxiang.disclosure import search, selectors, services
from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication
from sanxiang.disclosure.tests.test_portal import START, _publish
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db

# CJK characters that often meet (so 2- and 3-character queries hit), digits, ASCII letters of
# both cases, ASCII punctuation (mapped to the private-use area) and Chinese punctuation.
ALPHABET = "罚款王某张李元号第条决定责令改正人社局一二三0129abAB-.()%_\"'、。〔〕"
_text = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=12), min_size=1, max_size=4).map(
    " ".join
)


def _open(slug: str) -> Case:
    agency = cf.agency(slug)
    actor = cf.staff(agency, "officer", Role.OFFICER)
    with time_machine.travel(START, tick=False):
        return cf.open_case(
            actor=actor,
            agency=agency,
            kind="penalty",
            procedure="general",
            team=cf.officers(agency),
            when=START,
        )


def _cases() -> tuple[Case, Case]:
    return _open("wuhan-rsj"), _open("liuzhou-kjj")


@pytest.fixture
def two_cases() -> tuple[Case, Case]:
    # Function-scoped: made once per test, shared by all of hypothesis' examples.
    return _cases()


def _put(
    case: Case, n: int, text: str, *, status: str = PublicationStatus.PUBLISHED
) -> Publication:
    at = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=n % 7, seconds=n)
    return Publication.objects.create(
        agency=case.agency,
        case=case,
        item_id=f"s{n}",
        item_label="行政执法结果",
        approver_role="leader",
        status=status,
        decided_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 10),
        title=f"结果{n}",
        search_text=text,
        published_at=at,
        created_at=at,
        ledger_index=0,
    )


def _like(query: str, agency: Agency | None) -> QuerySet[Publication]:
    """The scan the index replaces (the old ``selectors.search``)."""
    qs = Publication.objects.filter(status__in=search.LISTED_STATES)
    if agency is not None:
        qs = qs.filter(agency=agency)
    for term in query.split()[: search.MAX_QUERY_TERMS]:
        qs = qs.filter(Q(search_text__icontains=term))
    return qs.order_by("-published_at", "-id")


def _ids(results: Any) -> list[int]:
    return [p.pk for p in results]


def _load_random(
    two_cases: tuple[Case, Case], texts: list[str], picks: list[tuple[int, int]], extra: str
) -> list[str]:
    """Publish ``texts`` (every third in the second agency, every fifth withdrawn), rebuild the
    index and return the queries: ``extra``, ``extra 罚`` and the substrings ``picks`` names (1,
    2, 3+ characters of the texts, so most hit)."""
    Publication.objects.all().delete()
    a, b = two_cases
    for n, text in enumerate(texts):
        status = PublicationStatus.WITHDRAWN if n % 5 == 4 else PublicationStatus.PUBLISHED
        _put(a if n % 3 else b, n, text, status=status)
    search.rebuild()
    corpus = "".join(texts).replace(" ", "")
    queries = [extra, f"{extra} 罚"]
    for start, length in picks:
        if corpus:
            i = start % len(corpus)
            queries.append(corpus[i : i + length])
    return queries


@contextmanager
def _pg_path(dense: bool) -> Iterator[None]:
    """PostgreSQL: force the dense path (newest first, ``strpos`` only) or the sparse one (the
    GIN index, then ``strpos`` on what it returns). No effect on SQLite."""
    saved = search._PG_DENSE
    search._PG_DENSE = 0 if dense else 10**9
    try:
        yield
    finally:
        search._PG_DENSE = saved


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(_text, min_size=1, max_size=25),
    picks=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 5)), min_size=1, max_size=6),
    extra=st.text(alphabet=ALPHABET, min_size=1, max_size=3),
)
def test_index_matches_the_like_scan_on_random_data(
    two_cases: tuple[Case, Case], texts: list[str], picks: list[tuple[int, int]], extra: str
) -> None:
    a, b = two_cases
    for query in _load_random(two_cases, texts, picks, extra):
        for agency in (None, a.agency, b.agency):
            expected = _ids(_like(query, agency)) if search.query_terms(query) else []
            for dense in (True, False):
                with _pg_path(dense):
                    got = selectors.search(query=query, agency=agency)
                    assert _ids(got) == expected, (query, agency, dense)
                    assert got.count() == len(expected)


def test_ascii_case_and_width_are_folded_but_nothing_else() -> None:
    a, _ = _cases()
    p = _put(a, 1, "武人社罚〔2026〕12号 ABC-7 罚款５０００元")
    search.add(p)
    for query in ("abc-7", "ABC", "〔2026〕", "5000", "５０", "罚款5"):
        assert _ids(selectors.search(query=query)) == [p.pk], query
    for query in ("abd", "〔2027", "罚没", "12号武"):
        assert _ids(selectors.search(query=query)) == [], query


def test_terms_never_match_across_whitespace() -> None:
    a, _ = _cases()
    p = _put(a, 1, "王某 某甲")
    search.add(p)
    assert _ids(selectors.search(query="王某")) == [p.pk]
    assert _ids(selectors.search(query="某某")) == []
    assert _ids(selectors.search(query="某 甲")) == [p.pk]


def test_newest_first_pages_and_capped_count(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _cases()
    made = [_put(a if n % 2 else b, n, f"罚款{n}元") for n in range(30)]
    search.rebuild()
    newest = sorted(made, key=lambda p: (p.published_at, p.pk), reverse=True)
    results = selectors.search(query="罚款")
    page = Paginator(results, 20).get_page(2)
    assert [p.pk for p in page.object_list] == [p.pk for p in newest[20:]]
    assert results.count() == 30 and not results.more
    monkeypatch.setattr(search, "COUNT_CAP", 25)
    capped = search.search(query="罚")
    assert capped.count() == 25 and capped.more
    # Out of time after the first step: what was counted, shown as "N余条".
    monkeypatch.setattr(search, "COUNT_BUDGET", 0.0)
    monkeypatch.setattr(search, "_COUNT_STEP", 4)
    # PostgreSQL counts a query with few recent matches at once (the GIN path): not this one.
    monkeypatch.setattr(search, "_PG_DENSE", 0)
    hurried = search.search(query="罚款")
    assert hurried.count() == 4 and hurried.more
    assert _ids(hurried[:20]) == [p.pk for p in newest[:20]]
    only_a = selectors.search(query="罚款", agency=a.agency)
    assert _ids(only_a) == [p.pk for p in newest if p.agency_id == a.agency_id]


def test_publish_withdraw_and_correct_maintain_the_index(client: Client) -> None:
    publication = _publish("wuhan-rsj")
    publication.refresh_from_db()
    assert search.indexed_ids([publication.pk]) == {publication.pk}
    assert _ids(selectors.search(query="罚款")) == [publication.pk]

    pub = User.objects.get(username=f"pub-{publication.agency.slug}")  # made by _publish
    summary = {k: "更正后的内容甲乙丙" for k in publication.fields[:1]}
    with time_machine.travel(START + dt.timedelta(days=1), tick=False):
        services.correct(actor=pub, publication=publication, reason="笔误", summary=summary)
    # The corrected text is found (and the index still holds exactly one entry for the item).
    probe = "甲乙丙" if summary else "罚款"
    assert _ids(selectors.search(query=probe)) == [publication.pk]
    assert search.indexed_ids([publication.pk]) == {publication.pk}

    with time_machine.travel(START + dt.timedelta(days=2), tick=False):
        services.start_withdrawal(
            actor=pub, publication=publication, trigger="revoked", reason="决定已撤销"
        )
    # Withdrawal due but not done: the item is still listed, as the portal shows it.
    assert _ids(selectors.search(query=probe)) == [publication.pk]
    with time_machine.travel(START + dt.timedelta(days=2), tick=False):
        services.withdraw(actor=pub, publication=publication)
    assert search.indexed_ids([publication.pk]) == set()
    assert _ids(selectors.search(query=probe)) == []
    body = client.get(reverse("disclosure:results"), {"q": probe}).content.decode()
    assert publication.title not in body and "共 0 条" in body


def test_an_unpublished_item_is_never_indexed() -> None:
    a, _ = _cases()
    draft = _put(a, 1, "罚款", status=PublicationStatus.DRAFT)
    draft.published_at = None
    draft.save(update_fields=["published_at"])
    with pytest.raises(ValueError, match="unpublished"):
        search.add(draft)
    assert search.rebuild() == 0
    assert search.indexed_ids([draft.pk]) == set()


def test_reindex_command_rebuilds_from_the_listed_items(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _cases()
    keep = _put(a, 1, "责令改正")
    gone = _put(b, 2, "责令改正", status=PublicationStatus.WITHDRAWN)
    call_command("disclosure", "reindex")
    out = capsys.readouterr()
    assert "indexed 1 listed publication(s)" in out.out and "1/1" in out.err
    assert search.indexed_ids([keep.pk, gone.pk]) == {keep.pk}
    assert _ids(selectors.search(query="改正")) == [keep.pk]


def test_document_numbers_are_counted_in_doubling_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 文号 (a phrase of bigrams that are in nearly every result) is found exactly as the
    LIKE scan finds it; counting walks doubling steps and, out of time, stops before a step."""
    a, b = _cases()
    made = []
    for n in range(40):
        case = a if n % 2 else b
        number = (
            f"武人社罚〔2025〕{12 if n % 3 else 120 + n}号" if n % 4 else f"武人社许〔2025〕{n}号"
        )
        made.append(_put(case, n, f"{number}\n罚款2025元 2025年{n % 12 + 1}月"))
    withdrawn = _put(a, 99, "武人社罚〔2025〕12号", status=PublicationStatus.WITHDRAWN)
    search.rebuild()
    query = "武人社罚〔2025〕12"
    expected = list(_like(query, None).values_list("pk", flat=True))
    # 12号 and 123号 are found, 135号 and the 许 numbers are not.
    assert withdrawn.pk not in expected and 20 < len(expected) < 30
    monkeypatch.setattr(search, "_COUNT_STEP", 2)
    monkeypatch.setattr(search, "_COUNT_STEP_MAX", 8)
    # PostgreSQL: the newest-first path, counted in steps (the GIN path counts at once; it is
    # checked against LIKE in test_a_term_is_checked_on_the_text_not_only_by_its_bigrams).
    monkeypatch.setattr(search, "_PG_DENSE", 0)
    # Time enough (a slow test machine) to count all in steps of 2, 4, 8, 8 …
    monkeypatch.setattr(search, "COUNT_BUDGET", 10.0)
    results = selectors.search(query=query)
    assert _ids(results) == expected
    assert results.count() == len(expected) and not results.more
    for_a = selectors.search(query=query, agency=a.agency)
    assert _ids(for_a) == list(_like(query, a.agency).values_list("pk", flat=True))
    # Nothing shorter or longer than what LIKE finds: one and two characters, a suffix.
    for probe in ("罚", "〕1", "〔2025〕12号", "社许"):
        assert _ids(selectors.search(query=probe)) == list(
            _like(probe, None).values_list("pk", flat=True)
        )
    # No time at all: the first step is what is shown ("2余条"), the page is still exact.
    monkeypatch.setattr(search, "COUNT_BUDGET", 0.0)
    hurried = search.search(query=query)
    assert hurried.count() == 2 and hurried.more
    assert _ids(hurried[:20]) == expected[:20]


def test_a_term_is_checked_on_the_text_not_only_by_its_bigrams() -> None:
    """Items holding every bigram of a term but not the term (the bigrams in other segments or
    in another order) are not found, on either PostgreSQL path: the GIN index is asked for a
    few bigrams only and the stored text decides; FTS5 checks the positions."""
    a, b = _cases()
    number = "武人社罚〔2025〕12"
    texts = [
        f"{number}号 罚款五千元",  # both terms
        f"{number}0号",  # the number (as a prefix)
        "武人社罚〔2025〕1号 〕12",  # every bigram of the number, in two segments
        "12 武人社罚〔2025〕1号",
        "人社罚〔2025〕12号 武人",  # 武人 elsewhere
        "武人社罚〔2025〕312号",
        "罚款 款五 五千",  # the bigrams of 罚款五千, apart
        "款五罚款五千",
        "五千罚款",
    ]
    made = [_put(a if n % 2 else b, n, text) for n, text in enumerate(texts)]
    search.rebuild()
    cases = {number: [0, 1], "罚款五千": [0, 7], "罚款五": [0, 7], f"{number} 五千": [0]}
    for query, hits in cases.items():
        assert set(_ids(_like(query, None))) == {made[i].pk for i in hits}, query
        for agency in (None, a.agency, b.agency):
            want = _ids(_like(query, agency))
            for dense in (True, False):
                with _pg_path(dense):
                    got = selectors.search(query=query, agency=agency)
                    assert _ids(got) == want, (query, agency, dense)
                    assert got.count() == len(want) and not got.more
