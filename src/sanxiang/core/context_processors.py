"""Template context shared by every page: the navigation a user may actually follow."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from sanxiang.core.access import ACCESS, Access, Level

# Staff work areas in the top bar, in the order a day's work meets them.
STAFF_NAV = (
    ("cases:mine", "我的案件"),
    ("review:queue", "法制审核"),
    ("disclosure:staff_list", "公示管理"),
    ("archive:case_files", "案卷档案"),
    ("archive:requests", "查阅审批"),
    ("accounts:audit", "登录审计"),
    ("admin:index", "数据维护"),
)


def _may_open(access: Access, request: HttpRequest) -> bool:
    user = request.user
    if access.level in (Level.PUBLIC, Level.AUTHENTICATED):
        return True
    if access.level == Level.STAFF:
        return bool(user.is_staff)
    return bool(user.has_role(*access.roles))  # type: ignore[union-attr]


def navigation(request: HttpRequest) -> dict[str, object]:
    """Links to the work areas this user's roles open (declared once, in core/access.py), so
    the bar never offers a page that would answer 403."""
    if not request.user.is_authenticated:
        return {"staff_nav": []}
    links = []
    for name, label in STAFF_NAV:
        access = ACCESS.get(name) or ACCESS.get(name.split(":")[0] + ":*")
        if access is not None and _may_open(access, request):
            links.append({"url": reverse(name), "label": label})
    return {"staff_nav": links}
