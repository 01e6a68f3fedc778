"""Full-text search over published results: CJK bigrams in SQLite FTS5 or a PostgreSQL GIN index.

Chinese has no spaces between words and the portal must find one- and two-character queries
(罚, 罚款, a surname), so words are not indexed: every character pair is. A text is normalised
(full-width forms as ASCII, lower case), cut at whitespace into segments, and each segment
becomes the sequence of its overlapping bigrams followed by its last character alone
(``罚款五千元`` → ``罚款 款五 五千 千元 元``). A query term is then

* one character — any token that starts with it (a prefix query, served by FTS5's one-character
  prefix index / GIN's partial match): every occurrence of a character starts a token;
* two or more characters — the phrase of its bigrams (``五千元`` → ``"五千 千元"``): bigrams at
  consecutive positions inside one segment, which is exactly a substring of that segment.

So a term matches exactly where ``icontains`` would (after the same normalisation), which the
tests check against the ``LIKE`` scan on random data. ASCII punctuation would be a token
separator for FTS5's ``ascii`` tokenizer and is quoting syntax in both query languages, so it is
mapped to the private-use area first; every token is then a run of non-separator characters.

Rows are ordered newest first by a *sort key* (the publication time in microseconds, made unique),
which is the FTS5 rowid and the PostgreSQL key's B-tree order, so the first page is read in
order without sorting all matches. Only items still listed (published, withdrawal due) are in
the index: ``services.publish`` adds, ``correct`` replaces and ``withdraw`` removes them in the
same transaction; ``sanxiang disclosure reindex`` rebuilds it. Counting stops at ``COUNT_CAP``:
a one-character query can match most of a million rows and counting them all costs more than
the page itself; the portal then says "10000余条".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection, transaction

from sanxiang.disclosure.choices import PublicationStatus
from sanxiang.disclosure.models import Publication
from sanxiang.registry.models import Agency

LISTED_STATES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWAL_DUE)
MAX_QUERY_TERMS = 5
MAX_TERM_CHARS = 50
COUNT_CAP = 10_000
# Counting stops after this long, too (seconds): a long phrase of common bigrams (a document
# number such as 武人社罚〔2025〕12) can match few of very many candidates, and checking them all
# costs more than the page. The portal then shows what was counted as "N余条" (at least N).
COUNT_BUDGET = 0.012
# Counting walks the matches newest first in steps that double from ``_COUNT_STEP`` up to
# ``_COUNT_STEP_MAX``; before each step it checks that the step, at the rate of the last one,
# still ends within the budget. A fixed step of 500 let one step of
# such a phrase cost 55 ms at 1,000,000 results (most of it checking positions of bigrams that
# are in every result) before the budget was first looked at; small first steps keep the
# overrun to one short step, and doubling keeps the number of queries low for common terms.
_COUNT_STEP = 20
_COUNT_STEP_MAX = 4000
# PostgreSQL keeps lexeme positions below 2^14; later bigrams all sit at the last position, so a
# phrase beyond it would not match. Texts are cut there (about 16 000 characters per item).
_PG_MAX_POSITION = 16_383
_PUA = 0xE000


def _ascii_fold(c: int) -> str:
    ch = chr(c).lower()
    # ASCII punctuation separates tokens in FTS5's ascii tokenizer and quotes in both query
    # syntaxes: it moves to the private-use area, where it is an ordinary token character.
    # (Whitespace stays: it separates segments.)
    if not ch.isalnum() and not ch.isspace():
        return chr(_PUA + c)
    return ch


# One translation: full-width forms (ＡＢＣ１２３，) as their ASCII twins, the ideographic space
# as a space, ASCII folded as above. Cheaper than NFKC, which costs more than the rest together.
_FOLD = {c: _ascii_fold(c) for c in range(128)}
_FOLD.update({c: _ascii_fold(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_FOLD[0x3000] = " "


def normalise(text: str) -> str:
    return text.translate(_FOLD).lower()


def segments(text: str) -> list[str]:
    """Whitespace-free runs of the normalised text (case and width folded, see ``_FOLD``)."""
    return normalise(text).split()


def tokens(text: str) -> Iterator[str]:
    """Bigrams of each segment, then its last character (which also ends the segment)."""
    for seg in segments(text):
        yield from map(str.__add__, seg, seg[1:])
        yield seg[-1]


def token_text(text: str) -> str:
    """``tokens`` joined by spaces: what FTS5's ascii tokenizer splits back into tokens."""
    return " ".join(" ".join(map(str.__add__, seg, seg[1:] + " ")) for seg in segments(text))


def query_terms(query: str) -> list[str]:
    return [t[:MAX_TERM_CHARS] for t in segments(query)[:MAX_QUERY_TERMS]]


def _term_grams(term: str) -> list[str]:
    return [term[i : i + 2] for i in range(len(term) - 1)]


def sort_key_of(publication: Publication) -> int:
    stamp = publication.published_at
    if stamp is None:
        raise ValueError("an unpublished item has no place in the search index")
    return int(stamp.timestamp() * 1_000_000)


# --------------------------------------------------------------------------- backends


class _Backend:
    # Counting (``Results._counted``): the first step (None: ``_COUNT_STEP``), and whether the
    # cost of a step grows with its size so the next one's can be predicted from the last.
    count_step: int | None = None
    step_cost_scales: bool = True

    def insert(self, cursor: Any, rows: Sequence[tuple[int, int, int, str]]) -> None:
        raise NotImplementedError

    def delete(self, cursor: Any, sort_key: int, agency_id: int, text: str) -> None:
        raise NotImplementedError

    def clear(self, cursor: Any) -> None:
        raise NotImplementedError

    def page(
        self, cursor: Any, terms: list[str], agency_id: int | None, offset: int, limit: int
    ) -> list[int]:
        raise NotImplementedError

    def count(self, cursor: Any, terms: list[str], agency_id: int | None, cap: int) -> int:
        raise NotImplementedError

    def keys(
        self, cursor: Any, terms: list[str], agency_id: int | None, below: int | None, limit: int
    ) -> list[int]:
        """Sort keys of matches, newest first, below ``below``: counting in bounded steps."""
        raise NotImplementedError


class _Sqlite(_Backend):
    """FTS5, contentless (the text is in ``Publication.search_text``; a delete re-tokenises it)."""

    @staticmethod
    def _match(terms: list[str], agency_id: int | None) -> str:
        parts = []
        for term in terms:
            if len(term) == 1:
                parts.append(f'g : "{term}" *')
            else:
                parts.append('g : "' + " ".join(_term_grams(term)) + '"')
        if agency_id is not None:
            parts.append(f'a : "ag{agency_id}"')
        return " AND ".join(parts)

    def insert(self, cursor: Any, rows: Sequence[tuple[int, int, int, str]]) -> None:
        cursor.executemany(
            "INSERT INTO disclosure_search_key (publication_id, sort_key, agency_id) "
            "VALUES (%s, %s, %s)",
            [(pk, key, agency) for pk, key, agency, _ in rows],
        )
        cursor.executemany(
            "INSERT INTO disclosure_search_fts (rowid, g, a) VALUES (%s, %s, %s)",
            [(key, token_text(text), f"ag{agency}") for _, key, agency, text in rows],
        )

    def delete(self, cursor: Any, sort_key: int, agency_id: int, text: str) -> None:
        # A contentless FTS5 table forgets a row only when given the very tokens it indexed.
        cursor.execute(
            "INSERT INTO disclosure_search_fts (disclosure_search_fts, rowid, g, a) "
            "VALUES ('delete', %s, %s, %s)",
            [sort_key, token_text(text), f"ag{agency_id}"],
        )
        cursor.execute("DELETE FROM disclosure_search_key WHERE sort_key = %s", [sort_key])

    def clear(self, cursor: Any) -> None:
        cursor.execute(
            "INSERT INTO disclosure_search_fts (disclosure_search_fts) VALUES ('delete-all')"
        )
        cursor.execute("DELETE FROM disclosure_search_key")

    def page(
        self, cursor: Any, terms: list[str], agency_id: int | None, offset: int, limit: int
    ) -> list[int]:
        cursor.execute(
            "SELECT k.publication_id FROM (SELECT rowid FROM disclosure_search_fts "
            "WHERE disclosure_search_fts MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s) f "
            "JOIN disclosure_search_key k ON k.sort_key = f.rowid ORDER BY f.rowid DESC",
            [self._match(terms, agency_id), limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def count(self, cursor: Any, terms: list[str], agency_id: int | None, cap: int) -> int:
        cursor.execute(
            "SELECT count(*) FROM (SELECT rowid FROM disclosure_search_fts "
            "WHERE disclosure_search_fts MATCH %s LIMIT %s)",
            [self._match(terms, agency_id), cap + 1],
        )
        return int(cursor.fetchone()[0])

    def keys(
        self, cursor: Any, terms: list[str], agency_id: int | None, below: int | None, limit: int
    ) -> list[int]:
        sql = "SELECT rowid FROM disclosure_search_fts WHERE disclosure_search_fts MATCH %s"
        params: list[Any] = [self._match(terms, agency_id)]
        if below is not None:
            sql += " AND rowid < %s"
            params.append(below)
        cursor.execute(sql + " ORDER BY rowid DESC LIMIT %s", [*params, limit])
        return [int(r[0]) for r in cursor.fetchall()]


def _pg_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class _Postgres(_Backend):
    """One ``tsvector`` per item built as a literal (no parser, no stemming), a GIN index."""

    # A GIN query computes every match before ``LIMIT`` whatever the step, so small steps only
    # repeat that work and a rate per key says nothing: large steps, deadline checked after each.
    count_step = 500
    step_cost_scales = False

    @staticmethod
    def _vector(text: str) -> str:
        positions: dict[str, list[int]] = {}
        pos = 0
        for token in tokens(text):
            pos = min(pos + 1, _PG_MAX_POSITION)
            positions.setdefault(token, []).append(pos)
        return " ".join(
            _pg_lexeme(t) + ":" + ",".join(str(p) for p in ps[:256]) for t, ps in positions.items()
        )

    @staticmethod
    def _query(terms: list[str]) -> str:
        parts = []
        for term in terms:
            if len(term) == 1:
                parts.append(_pg_lexeme(term) + ":*")
            else:
                parts.append("(" + " <-> ".join(_pg_lexeme(g) for g in _term_grams(term)) + ")")
        return " & ".join(parts)

    def insert(self, cursor: Any, rows: Sequence[tuple[int, int, int, str]]) -> None:
        cursor.executemany(
            "INSERT INTO disclosure_search_key (publication_id, sort_key, agency_id, grams) "
            "VALUES (%s, %s, %s, %s::tsvector)",
            [(pk, key, agency, self._vector(text)) for pk, key, agency, text in rows],
        )

    def delete(self, cursor: Any, sort_key: int, agency_id: int, text: str) -> None:
        cursor.execute("DELETE FROM disclosure_search_key WHERE sort_key = %s", [sort_key])

    def clear(self, cursor: Any) -> None:
        cursor.execute("DELETE FROM disclosure_search_key")

    def _where(self, terms: list[str], agency_id: int | None) -> tuple[str, list[Any]]:
        sql = "grams @@ %s::tsquery"
        params: list[Any] = [self._query(terms)]
        if agency_id is not None:
            sql += " AND agency_id = %s"
            params.append(agency_id)
        return sql, params

    def page(
        self, cursor: Any, terms: list[str], agency_id: int | None, offset: int, limit: int
    ) -> list[int]:
        where, params = self._where(terms, agency_id)
        cursor.execute(
            f"SELECT publication_id FROM disclosure_search_key WHERE {where} "  # noqa: S608
            "ORDER BY sort_key DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def count(self, cursor: Any, terms: list[str], agency_id: int | None, cap: int) -> int:
        where, params = self._where(terms, agency_id)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM disclosure_search_key "  # noqa: S608
            f"WHERE {where} LIMIT %s) m",
            [*params, cap + 1],
        )
        return int(cursor.fetchone()[0])

    def keys(
        self, cursor: Any, terms: list[str], agency_id: int | None, below: int | None, limit: int
    ) -> list[int]:
        where, params = self._where(terms, agency_id)
        if below is not None:
            where += " AND sort_key < %s"
            params.append(below)
        cursor.execute(
            f"SELECT sort_key FROM disclosure_search_key WHERE {where} "  # noqa: S608
            "ORDER BY sort_key DESC LIMIT %s",
            [*params, limit],
        )
        return [int(r[0]) for r in cursor.fetchall()]


def _backend() -> _Backend:
    if connection.vendor == "sqlite":
        return _Sqlite()
    if connection.vendor == "postgresql":
        return _Postgres()
    raise RuntimeError(f"no search index for {connection.vendor}")


# --------------------------------------------------------------------------- maintenance


def _free_key(cursor: Any, key: int) -> int:
    # Two items published in the same microsecond: the later one takes the next free key.
    while True:
        cursor.execute("SELECT 1 FROM disclosure_search_key WHERE sort_key = %s", [key])
        if cursor.fetchone() is None:
            return key
        key += 1


def _entry(cursor: Any, publication_id: int) -> tuple[int, int] | None:
    cursor.execute(
        "SELECT sort_key, agency_id FROM disclosure_search_key WHERE publication_id = %s",
        [publication_id],
    )
    row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else None


def add(publication: Publication) -> None:
    """Index a listed item (called by ``services.publish`` inside its transaction)."""
    backend = _backend()
    with connection.cursor() as cursor:
        if _entry(cursor, publication.pk) is not None:
            return
        key = _free_key(cursor, sort_key_of(publication))
        backend.insert(
            cursor, [(publication.pk, key, publication.agency_id, publication.search_text)]
        )


def remove(publication: Publication, *, indexed_text: str | None = None) -> None:
    """Take an item out of the index. ``indexed_text``: the ``search_text`` it was indexed with,
    when it has just been changed (a correction)."""
    backend = _backend()
    with connection.cursor() as cursor:
        entry = _entry(cursor, publication.pk)
        if entry is None:
            return
        text = publication.search_text if indexed_text is None else indexed_text
        backend.delete(cursor, entry[0], entry[1], text)


def replace(publication: Publication, *, old_text: str) -> None:
    """A correction changed ``search_text``: re-index the item under its same sort key."""
    backend = _backend()
    with connection.cursor() as cursor:
        entry = _entry(cursor, publication.pk)
        if entry is None:
            return
        backend.delete(cursor, entry[0], entry[1], old_text)
        backend.insert(cursor, [(publication.pk, entry[0], entry[1], publication.search_text)])


def rebuild(*, progress: Callable[[int, int], None] | None = None, batch: int = 2000) -> int:
    """Empty the index and add every listed item again, oldest first; returns how many."""
    backend = _backend()
    listed = Publication.objects.filter(status__in=LISTED_STATES, published_at__isnull=False)
    total = listed.count()
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        backend.clear(cursor)
        last_key = -1
        rows: list[tuple[int, int, int, str]] = []
        it = listed.order_by("published_at", "id").values_list(
            "pk", "published_at", "agency_id", "search_text"
        )
        for pk, published_at, agency_id, text in it.iterator(chunk_size=batch):
            assert published_at is not None  # filtered above
            key = max(int(published_at.timestamp() * 1_000_000), last_key + 1)
            last_key = key
            rows.append((pk, key, agency_id, text))
            if len(rows) >= batch:
                backend.insert(cursor, rows)
                done += len(rows)
                rows = []
                if progress is not None:
                    progress(done, total)
        if rows:
            backend.insert(cursor, rows)
            done += len(rows)
        if progress is not None:
            progress(done, total)
    return done


# --------------------------------------------------------------------------- reads


@dataclass
class Results:
    """A lazily evaluated result list Django's ``Paginator`` can page: ``count()`` stops at
    ``COUNT_CAP`` (``more`` is then true: "10000余条"), a slice is one index query."""

    terms: list[str]
    agency_id: int | None
    cap: int = COUNT_CAP
    budget: float | None = COUNT_BUDGET
    _count: int | None = None
    _stopped: bool = False

    def count(self) -> int:
        if self._count is None:
            self._count = self._counted()
        return min(self._count, self.cap)

    def _counted(self) -> int:
        if not self.terms:
            return 0
        backend = _backend()
        with connection.cursor() as cursor:
            if self.budget is None:
                return min(
                    backend.count(cursor, self.terms, self.agency_id, self.cap), self.cap + 1
                )
            deadline = time.monotonic() + self.budget
            n, below, size = 0, None, backend.count_step or _COUNT_STEP
            while n <= self.cap:
                started = time.monotonic()
                step = backend.keys(cursor, self.terms, self.agency_id, below, size)
                n += len(step)
                if len(step) < size:
                    return n
                below = step[-1]
                per_key = (time.monotonic() - started) / size
                size = min(size * 2, max(_COUNT_STEP_MAX, size))
                # Stop when the next step would end after the deadline at the rate just seen,
                # rather than overrunning it by a whole (doubled) step.
                ahead = per_key * size if backend.step_cost_scales else 0.0
                if time.monotonic() + ahead > deadline:
                    self._stopped = True
                    return n
            return n

    @property
    def more(self) -> bool:
        """True when there are more results than ``count()`` says (the cap or the time ran out)."""
        self.count()
        return self._stopped or (self._count is not None and self._count > self.cap)

    def __len__(self) -> int:
        return self.count()

    def fetch(self, offset: int, limit: int) -> list[Publication]:
        if not self.terms or limit <= 0:
            return []
        with connection.cursor() as cursor:
            ids = _backend().page(cursor, self.terms, self.agency_id, offset, limit)
        found = Publication.objects.filter(pk__in=ids, status__in=LISTED_STATES).select_related(
            "agency"
        )
        by_id = {p.pk: p for p in found}
        return [by_id[i] for i in ids if i in by_id]

    @overload
    def __getitem__(self, index: int) -> Publication: ...
    @overload
    def __getitem__(self, index: slice) -> list[Publication]: ...
    def __getitem__(self, index: int | slice) -> Publication | list[Publication]:
        if isinstance(index, slice):
            start = index.start or 0
            stop = self.cap if index.stop is None else min(index.stop, self.cap)
            if index.step not in (None, 1) or start < 0 or stop < 0:
                raise ValueError("only forward slices of search results")
            return self.fetch(start, stop - start)
        if not isinstance(index, int):
            # Django templates try ``results["more"]`` before ``results.more``.
            raise TypeError("search results are indexed by position")
        page = self.fetch(index, 1)
        if not page:
            raise IndexError(index)
        return page[0]

    def __iter__(self) -> Iterator[Publication]:
        return iter(self.fetch(0, self.cap))


def search(*, query: str, agency: Agency | None = None) -> Results:
    """Listed results containing every whitespace-separated term of ``query``, newest first."""
    return Results(
        terms=query_terms(query),
        agency_id=agency.pk if agency is not None else None,
        cap=COUNT_CAP,
        budget=COUNT_BUDGET,
    )


def indexed_ids(ids: Iterable[int]) -> set[int]:
    """Which of these publications are in the index (tests, checks)."""
    wanted = list(ids)
    if not wanted:
        return set()
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(wanted))
        cursor.execute(
            f"SELECT publication_id FROM disclosure_search_key WHERE publication_id IN ({marks})",  # noqa: S608
            wanted,
        )
        return {int(r[0]) for r in cursor.fetchall()}
