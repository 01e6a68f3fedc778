"""Enumerations of the registry with their Chinese labels."""

from django.db import models


class SubjectKind(models.TextChoices):
    """执法主体类型 — on what footing the agency enforces (118号 第(二)部分: 执法主体 公示)."""

    STATUTORY = "statutory", "法定行政机关"
    AUTHORISED = "authorised", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"


class DepartmentKind(models.TextChoices):
    """内设机构 — what part a department plays in the three systems."""

    ENFORCEMENT = "enforcement", "执法承办机构"
    LEGAL = "legal", "法制审核机构"
    OFFICE = "office", "办公室（信息公开）"
    OTHER = "other", "其他"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class CertificateStatus(models.TextChoices):
    """执法证件状态 as recorded by the issuing authority."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class CertificateCheck(models.TextChoices):
    """What a certificate check on a given day answers (the public checks an officer's 执法证)."""

    VALID = "valid", "有效"
    NOT_YET_VALID = "not_yet_valid", "尚未生效"
    EXPIRED = "expired", "已过期"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "已注销"
    INACTIVE = "inactive", "已不在岗"


class ItemKind(models.TextChoices):
    """执法事项类别 — the kinds of administrative power listed in a 事项清单."""

    PERMIT = "permit", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    OTHER = "other", "其他行政权力"


class TimeLimitUnit(models.TextChoices):
    """Units of a time limit, the same as the policy packs' deadline units."""

    WORKDAY = "workday", "工作日"
    DAY = "day", "日"
    MONTH = "month", "月"


class InspectionMethod(models.TextChoices):
    """检查方式 (市科技局公示办法 第十条: 年度检查计划 names the method)."""

    RANDOM = "random", "双随机抽查"
    ON_SITE = "on_site", "现场检查"
    DOCUMENTS = "documents", "书面检查"
    ONLINE = "online", "网上核查"


class DiscretionLevel(models.TextChoices):
    """裁量阶次 — the grades a discretion standard splits a violation into."""

    NONE = "none", "不予处罚"
    LIGHTER = "lighter", "从轻/减轻"
    GENERAL = "general", "一般"
    HEAVIER = "heavier", "从重"


class ServiceChannel(models.TextChoices):
    """办理方式 of a service guide."""

    WINDOW = "window", "窗口办理"
    ONLINE = "online", "网上办理"
    BOTH = "both", "窗口或网上办理"
