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

from sanxiang.ledger.records import canonical_json
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
    """账本条目 — one record in an agency's log.

    ``leaf_data`` holds the record's RFC 8785 canonical JSON bytes exactly as they were hashed
    (the Merkle leaf data), so verification hashes stored bytes and never re-canonicalises JSON.
    ``kind``, ``subject``, ``actor`` and ``recorded_at`` are copies of fields of those bytes kept
    as columns for queries; ``verify`` checks every copy against the bytes. The payload has no
    column of its own: :attr:`payload` reads it from the bytes.
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
    leaf_data = models.BinaryField("记录（规范化 JSON 字节）", default=b"")
    leaf_hash = models.BinaryField("叶哈希", max_length=32)
    # The last entry of every append (one call, one transaction) carries a seal: an HMAC, with a
    # key only the platform holds, over the tree head (agency, size, root) that the append left.
    # Someone with database access alone can recompute hashes but cannot seal a forged or
    # changed log, even past the last signed checkpoint. Entries written before migration 0003
    # carry the older per-entry seal, HMAC(key, leaf hash), which verify still accepts.
    seal = models.BinaryField("封印", max_length=32, null=True, blank=True)

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
    def record(self) -> dict[str, Any]:
        """The hashed record as JSON (see ``records.py`` for its keys)."""
        value: dict[str, Any] = json.loads(bytes(self.leaf_data))
        return value

    @property
    def payload(self) -> Any:
        return self.record["payload"]

    @property
    def payload_json(self) -> str:
        """The payload's canonical JSON text, as it sits inside the hashed bytes."""
        return canonical_json(self.payload)


# Subtrees are stored from this level up (one row per 16 entries instead of one per entry): a
# proof computes a lower subtree from at most 2^NODE_MIN_LEVEL = 16 stored leaf hashes, all in
# one aligned block that it reads with one range query. Entries appended before migration 0003
# also have rows for levels 1–3; verify still checks them.
NODE_MIN_LEVEL = 4


class LedgerNode(models.Model):
    """A complete subtree's hash: ``(level, position)`` covers leaves
    ``[position·2^level, (position+1)·2^level)``. Level 0 lives in ``LedgerEntry.leaf_hash``;
    levels below ``NODE_MIN_LEVEL`` are computed from the leaves when needed.

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


class KeyRotation(models.Model):
    """密钥轮换 — the outgoing checkpoint key certifies its successor.

    The body (see ``rotation.rotation_body``) names both keys and the time; ``signature`` is the
    old key's signature over it and ``new_signature`` the new key's (proof that whoever rotated
    holds the new private key). ``verify`` accepts a checkpoint signed by a key only inside that
    key's period: from the rotation that introduced it (or the beginning) to the rotation that
    retired it.
    """

    created_at = models.DateTimeField("轮换时间")
    algorithm = models.CharField("签名算法", max_length=20)
    old_key_id = models.CharField("旧密钥标识", max_length=64)
    old_public_key = models.BinaryField("旧公钥（DER）")
    new_key_id = models.CharField("新密钥标识", max_length=64, unique=True)
    new_public_key = models.BinaryField("新公钥（DER）")
    signature = models.BinaryField("旧密钥签名")
    new_signature = models.BinaryField("新密钥签名")

    class Meta:
        verbose_name = "密钥轮换"
        verbose_name_plural = "密钥轮换"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.old_key_id} → {self.new_key_id}"
