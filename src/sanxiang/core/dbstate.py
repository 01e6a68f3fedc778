"""Whether the configured database is ready, and what to tell a user when it is not."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

NOT_MIGRATED = (
    "数据库尚未初始化或需要迁移：请先运行 `sanxiang demo --no-serve`（演示库）"
    "或 `sanxiang manage migrate`。 (database has unapplied migrations)"
)


def has_pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
