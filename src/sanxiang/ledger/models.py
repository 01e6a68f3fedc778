"""The tamper-evident ledger: one append-only RFC 9162 Merkle log per agency.

Every row in ``LedgerEntry``, ``LedgerNode`` and ``Checkpoint`` is written once and never changed:
the migrations install database triggers that refuse UPDATE and DELETE on those tables (the
全过程记录办法 forbid 伪造、篡改、删减、毁损 records, e.g. 市人社局办法 第二十八条).
``LedgerHead`` is the one mutable row per agency: a lock and a cache of the tree's right edge,
never trusted by ``verify``.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models

from sanxiang.registry.models import Agency


class LedgerHead(models.Model):
    """The per-agency append lock and the cached right edge (frontier) of the tree.

    ``select_for_update`` on this row serialises appends of one agency across processes, which
    is what makes the index sequence gapless. It is derived data: ``verify`` recomputes it.
    """

    agency = models.OneToOneField(
        Agency, on_delete=models.PROTECT, primary_key=True, related_name="ledger_head"
    )
    size = models.BigIntegerField("条目数", default=0)
    frontier = models.BinaryField("右缘子树哈希", default=b"")

    class Meta:
        verbose_name = "账本头"
        verbose_name_plural = "账本头"

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.size}"


class LedgerEntry(models.Model):
    """账本条目 — one record in an agency's log; its leaf is the JCS of :meth:`record`.

    ``payload_json`` holds the payload's RFC 8785 canonical JSON text exactly as it was hashed,
    so verification re-hashes stored bytes instead of trusting a database's JSON normalisation.
    ``actor_username`` is the username at the time (usernames may change later).
    """

    # No separate index on agency or actor: the unique (agency, index) index serves agency
    # lookups, and every extra index slows the append path that every write goes through.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="ledger_entries", db_index=False
    )
    index = models.BigIntegerField("序号")
    kind = models.CharField("事件类型", max_length=100)
    subject = models.CharField("对象", max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
        db_index=False,
    )
    actor_username = models.CharField("操作人用户名", max_length=150, blank=True)
    recorded_at = models.DateTimeField("记录时间")
    payload_json = models.TextField("内容（规范化 JSON）")
    leaf_hash = models.BinaryField("叶哈希", max_length=32)
    # HMAC over the leaf hash with a key only the platform holds: someone with database access
    # alone can recompute hashes but cannot seal a forged or moved entry.
    seal = models.BinaryField("封印", max_length=32)

    class Meta:
        verbose_name = "账本条目"
        verbose_name_plural = "账本条目"
        constraints = [
            models.UniqueConstraint(fields=["agency", "index"], name="ledger_entry_unique_index"),
        ]
        indexes = [models.Index(fields=["agency", "subject"], name="ledger_entry_subject")]

    def __str__(self) -> str:
        return f"{self.agency_id}#{self.index} {self.kind}"

    @property
    def payload(self) -> Any:
        return json.loads(self.payload_json)


class LedgerNode(models.Model):
    """A complete subtree's hash: ``(level, position)`` covers leaves
    ``[position·2^level, (position+1)·2^level)``. Level 0 lives in ``LedgerEntry.leaf_hash``.

    Stored so that a proof reads O(log n) rows instead of rehashing the log.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    level = models.PositiveSmallIntegerField("层")
    position = models.BigIntegerField("位置")
    hash = models.BinaryField("哈希", max_length=32)

    class Meta:
        verbose_name = "子树哈希"
        verbose_name_plural = "子树哈希"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "level", "position"], name="ledger_node_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.level}/{self.position}"


class Checkpoint(models.Model):
    """签名检查点 — (agency, tree size, root hash, time) signed with the platform key."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="ledger_checkpoints")
    tree_size = models.BigIntegerField("树大小")
    root_hash = models.BinaryField("根哈希", max_length=32)
    created_at = models.DateTimeField("签名时间")
    algorithm = models.CharField("签名算法", max_length=20)
    key_id = models.CharField("密钥标识", max_length=64)
    signature = models.BinaryField("签名")

    class Meta:
        verbose_name = "检查点"
        verbose_name_plural = "检查点"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "tree_size"], name="ledger_checkpoint_unique_size"
            ),
        ]
        ordering = ["agency_id", "tree_size"]

    def __str__(self) -> str:
        return f"{self.agency_id}@{self.tree_size}"
