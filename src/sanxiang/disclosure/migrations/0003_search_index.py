"""The portal's full-text search index (``disclosure/search.py``), one design per database.

Raw DDL, no model: the index is maintained by ``search.py`` only. SQLite: an FTS5 table over
bigram tokens (contentless, rowid = the result's sort key) and a key table mapping publications
to rowids. PostgreSQL: the key table with a ``tsvector`` of the same tokens and a GIN index.
Existing published items are indexed by ``sanxiang disclosure reindex``.
"""

from django.db import migrations

SQLITE = [
    """CREATE TABLE disclosure_search_key (
        publication_id integer NOT NULL PRIMARY KEY
            REFERENCES disclosure_publication (id) DEFERRABLE INITIALLY DEFERRED,
        sort_key integer NOT NULL UNIQUE,
        agency_id integer NOT NULL
    )""",
    """CREATE VIRTUAL TABLE disclosure_search_fts USING fts5(
        g, a, tokenize = 'ascii', prefix = '1', content = '', columnsize = 0
    )""",
]
SQLITE_DROP = ["DROP TABLE disclosure_search_fts", "DROP TABLE disclosure_search_key"]

POSTGRES = [
    """CREATE TABLE disclosure_search_key (
        publication_id bigint NOT NULL PRIMARY KEY
            REFERENCES disclosure_publication (id) DEFERRABLE INITIALLY DEFERRED,
        sort_key bigint NOT NULL UNIQUE,
        agency_id bigint NOT NULL,
        grams tsvector NOT NULL
    )""",
    "CREATE INDEX disclosure_search_grams ON disclosure_search_key USING gin (grams)",
    "CREATE INDEX disclosure_search_agency ON disclosure_search_key (agency_id, sort_key)",
]
POSTGRES_DROP = ["DROP TABLE disclosure_search_key"]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"no search index for database {vendor}")
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_inspection_plans")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
