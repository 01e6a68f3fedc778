"""Enumerations of the cases app, with the Chinese labels the UI shows.

Case kinds, procedures, stages and record types are *not* enumerated here: they are ids from the
agency's policy pack (``docs/policy-pack-format.md``) and the pack gives their labels. What is
here is what every agency shares: a case's status, where it came from, who the party is, and the
state of a deadline.
"""

from __future__ import annotations

from django.db import models


class CaseKind(models.TextChoices):
    """案件类型 — the kinds of administrative power (labels for kinds a pack may enable)."""

    PENALTY = "penalty", "行政处罚"
    PERMIT = "permit", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    REWARD = "reward", "行政奖励"
    INSPECTION = "inspection", "行政检查"
    COERCION = "coercion", "行政强制"
    APPROVAL = "approval", "行政审批"
    OTHER_POWER = "other_power", "其他行政权力"


class CaseStatus(models.TextChoices):
    """案件状态. ``suspended`` is 中止: the clock stops and the case may not move on."""

    OPEN = "open", "办理中"
    SUSPENDED = "suspended", "中止"
    CLOSED = "closed", "已办结"


class CaseSource(models.TextChoices):
    """案件来源 (e.g. 市人社局执法全过程记录办法: 依职权检查、投诉举报、上级交办、其他机关移送).

    ``application`` is how 依申请 cases (许可, 确认, 给付 …) start: the applicant's request.
    """

    EX_OFFICIO = "ex_officio", "依职权检查"
    COMPLAINT = "complaint", "投诉举报"
    ASSIGNED = "assigned", "上级交办"
    REFERRAL = "referral", "其他机关移送"
    APPLICATION = "application", "依申请"
    OTHER = "other", "其他"


class PartyKind(models.TextChoices):
    """当事人类型 — the pack's ``party_kind`` fact takes the same values."""

    INDIVIDUAL = "individual", "公民"
    ORGANIZATION = "organization", "法人或者其他组织"


class DeadlineStatus(models.TextChoices):
    """期限状态."""

    OPEN = "open", "计时中"
    STOPPED = "stopped", "已停止计时（中止）"
    MET = "met", "已按期完成"
    MISSED = "missed", "已逾期"
    VOID = "void", "已终止（案件办结，期限不再适用）"


class DeadlineMode(models.TextChoices):
    """``within``: the end event must happen by the due date; ``not_before``: a waiting period
    (听证通知七日前, 催告十日后) — the end event may only happen once it has run."""

    WITHIN = "within", "期限内完成"
    NOT_BEFORE = "not_before", "期满后方可进行"


class Urgency(models.TextChoices):
    """How a listed deadline stands today (the officer's home page groups by it)."""

    OVERDUE = "overdue", "已逾期"
    DUE_SOON = "due_soon", "即将到期"
    OPEN = "open", "计时中"


# A clock stop that is not one of the pack's [clock_stops]: 中止 of the whole case.
SUSPENSION = "suspension"
