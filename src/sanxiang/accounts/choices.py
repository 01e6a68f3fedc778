"""Roles of DESIGN.md. Every role but the supervisor is held within one agency."""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "承办人"
    SECTION_HEAD = "section_head", "承办机构负责人"
    LEADER = "leader", "分管局领导"
    # 主要负责人 (局长): some rules need the head, not any leader (e.g. 柳州 记录制度 第十五条).
    HEAD = "head", "主要负责人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    PUBLICITY = "publicity", "信息公开人员"
    ARCHIVIST = "archivist", "档案管理员"
    AGENCY_ADMIN = "agency_admin", "本机关数据管理员"
    SUPERVISOR = "supervisor", "监督人员（司法局）"


# The one role that reads across agencies (read-only) and so holds no agency of its own.
CROSS_AGENCY_ROLES = frozenset({Role.SUPERVISOR})


class AuthEventKind(models.TextChoices):
    """What happened in one entry of the login audit trail (登录审计)."""

    LOGIN = "login", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出登录"
    LOCKED_OUT = "locked_out", "登录被锁定"
    TOKEN_ISSUED = "token_issued", "签发接口令牌"
    TOKEN_REVOKED = "token_revoked", "吊销接口令牌"
    USER_CREATED = "user_created", "创建账号"
    ROLE_GRANTED = "role_granted", "授予角色"
    ROLE_REVOKED = "role_revoked", "撤销角色"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    USER_DEACTIVATED = "user_deactivated", "停用账号"
