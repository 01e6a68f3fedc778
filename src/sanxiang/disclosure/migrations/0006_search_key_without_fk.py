"""Drop the search key table's foreign key on PostgreSQL.

PostgreSQL refuses to TRUNCATE a table that any foreign key references, and Django's flush
(tests, ``manage flush``) truncates ``disclosure_publication`` without knowing this raw table.
The index is maintained only by ``disclosure/search.py`` in the publishing transaction, and
publications are never deleted, so the constraint guarded nothing the services do not.
SQLite keeps it (its flush is a DELETE; the test hook empties the index first).
"""

from django.db import migrations


def _drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE disclosure_search_key "
            "DROP CONSTRAINT IF EXISTS disclosure_search_key_publication_id_fkey"
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0005_process_notices")]

    operations = [migrations.RunPython(_drop, migrations.RunPython.noop)]
