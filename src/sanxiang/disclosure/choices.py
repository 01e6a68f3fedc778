"""Enumerations of the disclosure app, with Chinese labels for the UI."""

from __future__ import annotations

from django.db import models


class PublicationStatus(models.TextChoices):
    """公示状态 — transitions in ``services.TRANSITIONS``."""

    DRAFT = "draft", "待公示（编辑、审核中）"
    AWAITING_APPROVAL = "awaiting_approval", "待审批"
    APPROVED = "approved", "已审批待发布"
    PUBLISHED = "published", "已公示"
    EXCLUDED = "excluded", "不予公开"
    WITHDRAWAL_DUE = "withdrawal_due", "待撤回"
    WITHDRAWN = "withdrawn", "已撤回"


class PublicationMode(models.TextChoices):
    SUMMARY = "summary", "摘要公开"
    FULL = "full", "全文公开（已去标识化）"


class SpanAction(models.TextChoices):
    ADD = "add", "增加隐去"
    UNDO = "undo", "撤销隐去"


class FeedbackKind(models.TextChoices):
    CORRECTION = "correction", "申请更正"
    SUGGESTION = "suggestion", "意见建议"


class FeedbackStatus(models.TextChoices):
    OPEN = "open", "待处理"
    CORRECTED = "corrected", "已更正"
    EXPLAINED = "explained", "不予更正并说明理由"
    ANSWERED = "answered", "已答复"


class NoticeStatus(models.TextChoices):
    """事前/事中 items (检查计划, 检查信息, 事中公示): the same approval path as results."""

    DRAFT = "draft", "待公示（编辑中）"
    AWAITING_APPROVAL = "awaiting_approval", "待审批"
    APPROVED = "approved", "已审批待发布"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回"
