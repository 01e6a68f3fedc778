"""URL map: one include per app, the REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from django.contrib import admin
from django.urls import include, path

from sanxiang.api.api import api

admin.site.site_header = "三项制度平台 · 管理后台"
admin.site.site_title = "三项制度平台"
admin.site.index_title = "本机关数据维护"

urlpatterns = [
    path("", include("sanxiang.core.urls")),
    path("accounts/", include("sanxiang.accounts.urls")),
    path("registry/", include("sanxiang.registry.urls")),
    path("policy/", include("sanxiang.policy.urls")),
    path("ledger/", include("sanxiang.ledger.urls")),
    path("cases/", include("sanxiang.cases.urls")),
    path("review/", include("sanxiang.review.urls")),
    path("documents/", include("sanxiang.documents.urls")),
    path("evidence/", include("sanxiang.evidence.urls")),
    path("archive/", include("sanxiang.archive.urls")),
    path("gongshi/", include("sanxiang.disclosure.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
