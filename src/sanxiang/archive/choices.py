"""Enumerations of the archive app, with Chinese labels for the UI."""

from django.db import models


class CaseFileStatus(models.TextChoices):
    FORMED = "formed", "已立卷"
    TRANSFERRED = "transferred", "已移交档案室"
    ACCEPTED = "accepted", "已归档（只读）"


class RequesterKind(models.TextChoices):
    """Who asks to read or copy records (市人社局 第二十九条; 武汉市科技局 第二十九条)."""

    PARTY = "party", "行政执法相对人"
    AUTHORITY = "authority", "司法、监察、审计等国家机关（依法函告）"
    LAWYER = "lawyer", "律师（持人民法院律师调查令）"
    INTERNAL = "internal", "本机关其他部门工作人员"
    OTHER_UNIT = "other_unit", "其他单位"


class AccessAction(models.TextChoices):
    VIEW = "view", "调阅"
    COPY = "copy", "复制"
    EXPORT = "export", "导出"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"


class RequestScope(models.TextChoices):
    """What a request asks for: the case file's records, or one audio/video recording."""

    CASE_FILE = "case_file", "案卷（文字记录）"
    AV = "av", "音像记录"
