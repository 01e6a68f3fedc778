"""Store each entry's exact leaf bytes; seal batches instead of entries; record key rotations.

- ``LedgerEntry.leaf_data``: the record's RFC 8785 bytes as hashed, backfilled from the columns
  of existing rows (the same bytes ``verify`` rebuilt from them until now). ``payload_json`` is
  dropped: the payload lives inside those bytes, and a second copy would be one more thing that
  could silently disagree with what was hashed.
- ``LedgerEntry.seal`` becomes nullable: new appends seal only their last entry (the tree head
  they leave); existing rows keep their per-entry seals, which ``verify`` still accepts.
- ``KeyRotation``: an old checkpoint key certifying its successor (``sanxiang ledger rotate-key``).

The append-only triggers are dropped while the rows are backfilled (the one UPDATE the ledger
ever needs, here, under the migration's own transaction) and recreated on every ledger table,
the new one included. SQLite rebuilds a table to drop a column, which also drops its triggers,
so recreating them last is required there, not just tidy.
"""

import importlib
from datetime import UTC

from django.db import migrations, models

_V2 = importlib.import_module("sanxiang.ledger.migrations.0002_append_only_triggers")

APPEND_ONLY_TABLES = (
    "ledger_ledgerentry",
    "ledger_ledgernode",
    "ledger_checkpoint",
    "ledger_keyrotation",
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_V2.PG_FUNCTION, params=None)
    for table in APPEND_ONLY_TABLES:
        for sql in _V2._drop_statements(vendor, table) + _V2._statements(vendor, table):
            schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        for sql in _V2._drop_statements(vendor, table):
            schema_editor.execute(sql)


def drop_old_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in _V2.APPEND_ONLY_TABLES:
        for sql in _V2._drop_statements(vendor, table):
            schema_editor.execute(sql)


def create_old_triggers(apps, schema_editor):
    _V2.create_triggers(apps, schema_editor)


def backfill_leaf_data(apps, schema_editor):
    """leaf_data = the JCS record that the row's columns describe (records.record_bytes)."""
    from sanxiang.ledger.records import record_bytes, shanghai_iso

    entry_model = apps.get_model("ledger", "LedgerEntry")
    slugs = dict(apps.get_model("registry", "Agency").objects.values_list("pk", "slug"))
    rows = entry_model.objects.order_by("agency_id", "index").values_list(
        "pk", "agency_id", "index", "kind", "subject", "actor_id", "actor_username",
        "recorded_at", "payload_json",
    )  # fmt: skip
    for pk, agency_id, index, kind, subject, actor_id, username, at, payload in rows.iterator():
        moment = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        data = record_bytes(
            index, slugs[agency_id], kind, subject, actor_id, username, shanghai_iso(moment),
            payload,
        )  # fmt: skip
        entry_model.objects.filter(pk=pk).update(leaf_data=data)


def restore_payload_json(apps, schema_editor):
    import json

    from sanxiang.ledger.records import canonical_json

    entry_model = apps.get_model("ledger", "LedgerEntry")
    for pk, data in entry_model.objects.values_list("pk", "leaf_data").iterator():
        payload = json.loads(bytes(data))["payload"]
        entry_model.objects.filter(pk=pk).update(payload_json=canonical_json(payload))



class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_append_only_triggers"), ("registry", "0001_initial")]

    operations = [
        migrations.RunPython(drop_old_triggers, create_old_triggers),
        migrations.AddField(
            model_name="ledgerentry",
            name="leaf_data",
            field=models.BinaryField(default=b"", verbose_name="记录（规范化 JSON 字节）"),
        ),
        migrations.RunPython(backfill_leaf_data, restore_payload_json),
        migrations.RemoveField(model_name="ledgerentry", name="payload_json"),
        migrations.AlterField(
            model_name="ledgerentry",
            name="seal",
            field=models.BinaryField(blank=True, max_length=32, null=True, verbose_name="封印"),
        ),
        migrations.CreateModel(
            name="KeyRotation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(verbose_name="轮换时间")),
                ("algorithm", models.CharField(max_length=20, verbose_name="签名算法")),
                ("old_key_id", models.CharField(max_length=64, verbose_name="旧密钥标识")),
                ("old_public_key", models.BinaryField(verbose_name="旧公钥（DER）")),
                ("new_key_id", models.CharField(max_length=64, unique=True, verbose_name="新密钥标识")),
                ("new_public_key", models.BinaryField(verbose_name="新公钥（DER）")),
                ("signature", models.BinaryField(verbose_name="旧密钥签名")),
                ("new_signature", models.BinaryField(verbose_name="新密钥签名")),
            ],
            options={
                "verbose_name": "密钥轮换",
                "verbose_name_plural": "密钥轮换",
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
