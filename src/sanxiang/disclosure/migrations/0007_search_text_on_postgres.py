"""PostgreSQL search index: the normalised text in a narrow key table, GIN on its bigrams.

Before, the key table held a ``tsvector`` of bigrams with positions (about 1.3 kB a row, twice
the text): reading matches newest first detoasted and checked that vector row by row, and a long
phrase of common bigrams (a document number) intersected a dozen huge posting lists. Now the
table holds ``search.pg_text`` (the normalised segments joined by spaces), checked with
``strpos``, and the GIN index is on the expression ``disclosure_search_bigrams(norm)``: the same
tokens as before (each segment's bigrams and its last character), without positions, computed
by the database at insert. Existing rows get their text here from ``search_text`` (the same
values ``sanxiang disclosure reindex`` would write). SQLite is unchanged.
"""

from django.db import migrations

FUNCTION = """CREATE FUNCTION disclosure_search_bigrams(norm text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
    SELECT array_to_tsvector(coalesce(array_agg(DISTINCT substr(seg, i, 2)), '{}'))
    FROM string_to_table(norm, ' ') AS seg, generate_series(1, length(seg)) AS i
$$"""
# COST: a plan that computed the bigrams row by row (a sequential scan) would take seconds;
# the planner must only ever use the index for this expression.


# ``search.pg_text`` as it was when this migration was written, frozen here so that a later
# change to the search code cannot change what this migration writes.
_PUA = 0xE000


def _ascii_fold(c):  # type: ignore[no-untyped-def]
    ch = chr(c).lower()
    return chr(_PUA + c) if not ch.isalnum() and not ch.isspace() else ch


_FOLD = {c: _ascii_fold(c) for c in range(128)}
_FOLD.update({c: _ascii_fold(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_FOLD[0x3000] = " "


def pg_text(text):  # type: ignore[no-untyped-def]
    return " ".join(text.translate(_FOLD).lower().split())[:100_000]


def _forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DROP INDEX disclosure_search_grams")
    run("ALTER TABLE disclosure_search_key DROP COLUMN grams")
    run("ALTER TABLE disclosure_search_key ADD COLUMN norm text NOT NULL DEFAULT ''")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT k.sort_key, p.search_text FROM disclosure_search_key k "
            "JOIN disclosure_publication p ON p.id = k.publication_id"
        )
        rows = [(pg_text(text), key) for key, text in cursor.fetchall()]
        cursor.executemany("UPDATE disclosure_search_key SET norm = %s WHERE sort_key = %s", rows)
    run("ALTER TABLE disclosure_search_key ALTER COLUMN norm DROP DEFAULT")
    run(FUNCTION)
    run(
        "CREATE INDEX disclosure_search_grams ON disclosure_search_key "
        "USING gin (disclosure_search_bigrams(norm))"
    )


def _backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The old tsvectors are not rebuilt here: run ``sanxiang disclosure reindex`` afterwards.
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DROP INDEX disclosure_search_grams")
    run("DROP FUNCTION disclosure_search_bigrams(text)")
    run("ALTER TABLE disclosure_search_key DROP COLUMN norm")
    run("ALTER TABLE disclosure_search_key ADD COLUMN grams tsvector NOT NULL DEFAULT ''")
    run("CREATE INDEX disclosure_search_grams ON disclosure_search_key USING gin (grams)")


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0006_search_key_without_fk")]

    operations = [migrations.RunPython(_forward, _backward)]
