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

That is how FTS5 answers. PostgreSQL's GIN index cannot keep positions (a phrase is checked
against the stored ``tsvector`` of every candidate row, and that vector made the rows wide), so
there the key table stores the normalised text (segments joined by spaces) and the GIN index is
on the expression ``disclosure_search_bigrams(norm)`` — the same tokens, no positions. The index
only proposes candidates (rows holding a few of the term's bigrams: the rarest by the column
statistics); ``strpos`` on the stored text decides. A query with many recent matches skips the
index and reads the newest rows with ``strpos`` alone, and so does the first page of one with a
few per thousand (its count then stops within the budget, too); see ``_Postgres``.

So a term matches exactly where ``icontains`` would (after the same normalisation), which the
tests check against the ``LIKE`` scan on random data (on PostgreSQL through both paths). ASCII
punctuation would be a token separator for FTS5's ``ascii`` tokenizer and is quoting syntax in
both query languages, so it is mapped to the private-use area first; every token is then a run
of non-separator characters.

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
from dataclasses import dataclass, field
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
# PostgreSQL (``_Postgres``): a query with at least ``_PG_DENSE`` matches among the newest
# ``_PG_WINDOW`` rows is *dense* (read newest first with ``strpos``); else, with at least
# ``_PG_MID`` matches there and ``_PG_DENSE`` among the newest ``_PG_REACH`` rows, *mid-dense*
# (those matches are the first page and the first count step, the count goes on in budgeted
# steps); else *sparse* (the GIN index
# with at most ``_PG_GRAMS`` bigrams of all terms, the rarest by the column statistics, refreshed
# after ``_PG_STATS_TTL`` seconds; none in ``_PG_COMMON`` of the rows if there are rarer ones).
# Texts are cut at ``_PG_MAX_CHARS`` (the ``tsvector`` of their bigrams must stay under 1 MB).
_PG_WINDOW = 2000
_PG_REACH = 20_000
_PG_MID = 2  # a density that fills a page within ``_PG_REACH`` rows: 20 / 20 000 * 2 000
_PG_DENSE = 20
_PG_GRAMS = 5
_PG_COMMON = 0.5
_PG_STATS_TTL = 600.0
_PG_MAX_CHARS = 100_000
_pg_stats: dict[str, Any] = {}
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

    def counts_at_once(self, cursor: Any, terms: list[str], agency_id: int | None) -> bool:
        """True when ``count`` is cheap for this query (no budgeted steps needed)."""
        return False

    def head(
        self, cursor: Any, terms: list[str], agency_id: int | None
    ) -> tuple[list[int], float] | None:
        """Sort keys of the newest matches already found (newest first, none missing between
        them) and the seconds that took: the first step of a budgeted count. None if none."""
        return None

    def analyze(self, cursor: Any) -> None:
        """Refresh the planner's statistics after a rebuild."""


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


def pg_text(text: str) -> str:
    """What the PostgreSQL key table stores: the segments joined by one space, cut at
    ``_PG_MAX_CHARS`` (the bigram ``tsvector`` computed from it must stay under 1 MB)."""
    return " ".join(segments(text))[:_PG_MAX_CHARS]


def _pg_frequencies(cursor: Any) -> dict[str, float]:
    """Share of rows holding each common bigram, from the statistics ANALYZE keeps for the GIN
    expression (``most_common_elems``), cached for ``_PG_STATS_TTL``. Empty without statistics."""
    now = time.monotonic()
    if _pg_stats.get("at", -_PG_STATS_TTL) + _PG_STATS_TTL > now:
        return dict(_pg_stats["freq"])
    cursor.execute(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = 'disclosure_search_grams'"
    )
    row = cursor.fetchone()
    freq = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _pg_stats.update(at=now, freq=freq)
    return dict(freq)


@dataclass
class _Head:
    """A mid-dense query's newest matches, found by walking the newest rows."""

    ids: list[int]
    keys: list[int]
    seconds: float


class _Postgres(_Backend):
    """A narrow key table holding the normalised text (``pg_text``) and a GIN index on the
    expression ``disclosure_search_bigrams(norm)`` (migration 0007), no stored ``tsvector``.

    Every query verifies its terms with ``strpos`` on the stored text (exactly ``icontains`` after
    normalisation). A *dense* query (at least ``_PG_DENSE`` matches among the newest
    ``_PG_WINDOW`` rows) walks the sort key backwards with that check alone, its count in
    budgeted steps; a *mid-dense* one (``_PG_MID`` matches among those rows, ``_PG_DENSE``
    among the newest ``_PG_REACH``) takes its first page from that longer walk and counts on
    from there in the same steps; a *sparse* one asks the GIN index for the items holding the
    rarest ``_PG_GRAMS`` of the terms' bigrams (a 1-character term: any bigram starting with it),
    verifies those and keeps the list for the page and an exact count. The GIN query checks
    every candidate row (~10-20 µs each at 1,000,000 results), so a mid-dense query uses it
    only for later pages.
    """

    def __init__(self) -> None:
        # Per query (terms, agency): its path and what it found on the way.
        self._sparse: dict[tuple[tuple[str, ...], int | None], list[int] | None] = {}
        self._mid: dict[tuple[tuple[str, ...], int | None], _Head] = {}
        self._gin: dict[tuple[tuple[str, ...], int | None], list[int]] = {}

    def insert(self, cursor: Any, rows: Sequence[tuple[int, int, int, str]]) -> None:
        cursor.executemany(
            "INSERT INTO disclosure_search_key (publication_id, sort_key, agency_id, norm) "
            "VALUES (%s, %s, %s, %s)",
            [(pk, key, agency, pg_text(text)) for pk, key, agency, text in rows],
        )

    def delete(self, cursor: Any, sort_key: int, agency_id: int, text: str) -> None:
        cursor.execute("DELETE FROM disclosure_search_key WHERE sort_key = %s", [sort_key])

    def clear(self, cursor: Any) -> None:
        cursor.execute("DELETE FROM disclosure_search_key")

    def analyze(self, cursor: Any) -> None:
        cursor.execute("ANALYZE disclosure_search_key")
        _pg_stats.clear()

    @staticmethod
    def _verify(
        terms: list[str], agency_id: int | None, *, agency: str = "agency_id = %s"
    ) -> tuple[str, list[Any]]:
        parts = ["strpos(norm, %s) > 0"] * len(terms)
        params: list[Any] = list(terms)
        if agency_id is not None:
            parts.append(agency)
            params.extend([agency_id] * agency.count("%s"))
        return " AND ".join(parts), params

    @staticmethod
    def _newest(agency_id: int | None) -> str:
        # With a range instead of ``=``, only the (agency_id, sort_key) index gives this order:
        # the planner would otherwise walk the sort key and skip the other agencies' rows,
        # which for a small agency means reading most of the table.
        return "sort_key DESC" if agency_id is None else "agency_id DESC, sort_key DESC"

    _AGENCY_RANGE = "agency_id >= %s AND agency_id <= %s"
    # In the GIN query: a BitmapAnd with the agency index costs more than checking the agency
    # of the rows the GIN index returns.
    _AGENCY_NO_INDEX = "agency_id + 0 = %s"

    @staticmethod
    def _gin_query(cursor: Any, terms: list[str]) -> str:
        """The rarest ``_PG_GRAMS`` index keys of all terms, none in ``_PG_COMMON`` of the rows
        unless all are (a common key narrows little and costs a long posting list: ``罚:*``
        alone takes ~50 ms at 200 000 results)."""
        freq = _pg_frequencies(cursor)
        keys: dict[str, float] = {}
        for term in terms:
            if len(term) == 1:
                # Every bigram starting with the character (as far as the statistics know).
                share = sum(f for g, f in freq.items() if g.startswith(term))
                keys[_pg_lexeme(term) + ":*"] = min(share, 1.0)
            else:
                keys.update((_pg_lexeme(g), freq.get(g, 0.0)) for g in _term_grams(term))
        ranked = sorted(keys, key=lambda k: (keys[k], k))
        # Keys in at least ``_PG_COMMON`` of the rows only when nothing rarer is left.
        rarest = [k for k in ranked if keys[k] < _PG_COMMON][:_PG_GRAMS] or ranked[:1]
        return " & ".join(rarest)

    def _rows(self, agency_id: int | None, below: int | None) -> tuple[str, list[Any]]:
        """The key table's rows (of the agency, below a sort key), for a walk newest first."""
        rows = "SELECT publication_id, sort_key, agency_id, norm FROM disclosure_search_key"
        where, params = [], []
        if agency_id is not None:
            where.append(self._AGENCY_RANGE)
            params += [agency_id, agency_id]
        if below is not None:
            where.append("sort_key < %s")
            params.append(below)
        return rows + (" WHERE " + " AND ".join(where) if where else ""), params

    def _probe(
        self,
        cursor: Any,
        terms: list[str],
        agency_id: int | None,
        window: int,
        *,
        below: int | None = None,
        want: int | None = None,
    ) -> list[tuple[int, int]]:
        """(publication_id, sort_key) of the newest ``want`` (``_PG_DENSE``) matches among the
        newest ``window`` rows (of the agency, below ``below``), newest first. The walk stops at
        the last one needed."""
        verify, checks = self._verify(terms, None)
        rows, params = self._rows(agency_id, below)
        params += checks
        newest = self._newest(agency_id)
        # The same order outside as inside: the planner keeps the window's order (no sort).
        cursor.execute(
            f"SELECT publication_id, sort_key FROM ({rows} "  # noqa: S608
            f"ORDER BY {newest} LIMIT {window:d}) w "
            f"WHERE {verify} ORDER BY {newest} LIMIT {_PG_DENSE if want is None else want:d}",
            params,
        )
        return [(int(r[0]), int(r[1])) for r in cursor.fetchall()]

    def _window_end(self, cursor: Any, agency_id: int | None) -> int | None:
        """The oldest sort key among the newest ``_PG_WINDOW`` rows (of the agency)."""
        rows, params = self._rows(agency_id, None)
        cursor.execute(
            f"SELECT min(sort_key) FROM ({rows} "  # noqa: S608
            f"ORDER BY {self._newest(agency_id)} LIMIT {_PG_WINDOW:d}) w",
            params,
        )
        row = cursor.fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def _gin_ids(self, cursor: Any, terms: list[str], agency_id: int | None) -> list[int]:
        """Matches newest first (at most ``COUNT_CAP + 1``) through the GIN index."""
        key = (tuple(terms), agency_id)
        if key not in self._gin:
            verify, params = self._verify(terms, agency_id, agency=self._AGENCY_NO_INDEX)
            cursor.execute(
                "SELECT publication_id FROM disclosure_search_key "  # noqa: S608
                f"WHERE disclosure_search_bigrams(norm) @@ %s::tsquery AND {verify} "
                "ORDER BY sort_key DESC LIMIT %s",
                [self._gin_query(cursor, terms), *params, COUNT_CAP + 1],
            )
            self._gin[key] = [int(r[0]) for r in cursor.fetchall()]
        return self._gin[key]

    def _sparse_ids(self, cursor: Any, terms: list[str], agency_id: int | None) -> list[int] | None:
        """All matches newest first (at most ``COUNT_CAP + 1``) for a sparse query, else None
        (dense or mid-dense; a mid-dense query's first matches are then in ``_mid``)."""
        key = (tuple(terms), agency_id)
        if key in self._sparse:
            return self._sparse[key]
        ids: list[int] | None = None
        started = time.monotonic()
        seen = self._probe(cursor, terms, agency_id, _PG_WINDOW)
        if len(seen) < _PG_DENSE:
            # Not dense. With ``_PG_MID`` matches in the window, walk further: a thousand matches
            # among a million rows fill a page within ``_PG_REACH`` rows at 0.5-1.5 µs a row,
            # where the GIN path checks every candidate at ~10-20 µs (60-80 ms for 3 000). With
            # none, the query is most likely rare and the walk would be wasted.
            # The walk goes on below the window (whose matches are in ``seen``).
            found = []
            if len(seen) >= _PG_MID:
                end = self._window_end(cursor, agency_id)
                more = self._probe(
                    cursor,
                    terms,
                    agency_id,
                    _PG_REACH - _PG_WINDOW,
                    below=end,
                    want=_PG_DENSE - len(seen),
                )
                found = seen + more
            if found and len(found) >= _PG_DENSE:
                self._mid[key] = _Head(
                    ids=[r[0] for r in found],
                    keys=[r[1] for r in found],
                    seconds=time.monotonic() - started,
                )
            else:
                ids = self._gin_ids(cursor, terms, agency_id)
        self._sparse[key] = ids
        return ids

    def counts_at_once(self, cursor: Any, terms: list[str], agency_id: int | None) -> bool:
        return self._sparse_ids(cursor, terms, agency_id) is not None

    def head(
        self, cursor: Any, terms: list[str], agency_id: int | None
    ) -> tuple[list[int], float] | None:
        self._sparse_ids(cursor, terms, agency_id)
        mid = self._mid.get((tuple(terms), agency_id))
        return None if mid is None else (list(mid.keys), mid.seconds)

    def page(
        self, cursor: Any, terms: list[str], agency_id: int | None, offset: int, limit: int
    ) -> list[int]:
        ids = self._sparse_ids(cursor, terms, agency_id)
        mid = self._mid.get((tuple(terms), agency_id))
        if mid is not None:
            # The first page from the walk; a later one from the GIN index (walking on to it
            # would cost ~10 ms a page, the GIN query its ~60 ms once).
            ids = (
                mid.ids
                if offset + limit <= len(mid.ids)
                else self._gin_ids(cursor, terms, agency_id)
            )
        if ids is not None:
            return ids[offset : offset + limit]
        verify, params = self._verify(terms, agency_id, agency=self._AGENCY_RANGE)
        cursor.execute(
            f"SELECT publication_id FROM disclosure_search_key WHERE {verify} "  # noqa: S608
            f"ORDER BY {self._newest(agency_id)} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def count(self, cursor: Any, terms: list[str], agency_id: int | None, cap: int) -> int:
        ids = self._sparse_ids(cursor, terms, agency_id)
        if (tuple(terms), agency_id) in self._mid:
            ids = self._gin_ids(cursor, terms, agency_id)
        if ids is not None and (len(ids) <= COUNT_CAP or cap <= COUNT_CAP):
            return min(len(ids), cap + 1)
        if ids is not None:
            verify, params = self._verify(terms, agency_id, agency=self._AGENCY_NO_INDEX)
            where = f"disclosure_search_bigrams(norm) @@ %s::tsquery AND {verify}"
            params = [self._gin_query(cursor, terms), *params]
        else:
            where, params = self._verify(terms, agency_id)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM disclosure_search_key "  # noqa: S608
            f"WHERE {where} LIMIT %s) m",
            [*params, cap + 1],
        )
        return int(cursor.fetchone()[0])

    def keys(
        self, cursor: Any, terms: list[str], agency_id: int | None, below: int | None, limit: int
    ) -> list[int]:
        where, params = self._verify(terms, agency_id, agency=self._AGENCY_RANGE)
        if below is not None:
            where += " AND sort_key < %s"
            params.append(below)
        cursor.execute(
            f"SELECT sort_key FROM disclosure_search_key WHERE {where} "  # noqa: S608
            f"ORDER BY {self._newest(agency_id)} LIMIT %s",
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
        backend.analyze(cursor)
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
    # One backend for the count and the pages: PostgreSQL keeps a sparse query's matches.
    _engine: _Backend | None = field(default=None, repr=False)

    def _backend(self) -> _Backend:
        if self._engine is None:
            self._engine = _backend()
        return self._engine

    def count(self) -> int:
        if self._count is None:
            self._count = self._counted()
        return min(self._count, self.cap)

    def _counted(self) -> int:
        if not self.terms:
            return 0
        backend = self._backend()
        with connection.cursor() as cursor:
            if self.budget is None or backend.counts_at_once(cursor, self.terms, self.agency_id):
                return min(
                    backend.count(cursor, self.terms, self.agency_id, self.cap), self.cap + 1
                )
            deadline = time.monotonic() + self.budget
            n, below, size = 0, None, _COUNT_STEP
            # PostgreSQL, a mid-dense query: the matches found for the first page are the first
            # step (at the rate they were found).
            head = backend.head(cursor, self.terms, self.agency_id)
            while n <= self.cap:
                if head is not None:
                    step, seconds = head
                    size, head = max(len(step), 1), None
                else:
                    started = time.monotonic()
                    step = backend.keys(cursor, self.terms, self.agency_id, below, size)
                    seconds = time.monotonic() - started
                n += len(step)
                if len(step) < size:
                    return n
                below = step[-1]
                per_key = seconds / size
                size = min(size * 2, max(_COUNT_STEP_MAX, size))
                # Stop when the next step would end after the deadline at the rate just seen,
                # rather than overrunning it by a whole (doubled) step.
                if time.monotonic() + per_key * size > deadline:
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
            ids = self._backend().page(cursor, self.terms, self.agency_id, offset, limit)
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
