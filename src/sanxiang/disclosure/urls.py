from django.urls import URLPattern, path

from sanxiang.disclosure import annual_views, public_pages, staff_notices, staff_views, views

app_name = "disclosure"
urlpatterns: list[URLPattern] = [
    path("", views.portal_home, name="home"),
    path("results/", views.results, name="results"),
    path("results/<int:pk>/", views.detail, name="detail"),
    path("results/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("open/publications.json", views.open_json, name="open_json"),
    path("open/publications.csv", views.open_csv, name="open_csv"),
    path("feed.atom", views.feed, name="feed"),
    path("jiguan/<slug:slug>/", views.agency_page, name="agency"),
    path("staff/", staff_views.task_list, name="staff_list"),
    path("staff/<int:pk>/", staff_views.task_detail, name="staff_detail"),
    path("staff/<int:pk>/action/", staff_views.task_action, name="staff_action"),
    path("staff/feedback/<int:pk>/answer/", staff_views.answer, name="staff_answer"),
    # 行政执法统计年报 (annual_views.py)
    path("jiguan/<slug:slug>/nianbao/", annual_views.annual_list, name="annual_list"),
    path("jiguan/<slug:slug>/nianbao/<int:year>/", annual_views.annual_report, name="annual"),
    path("jiguan/<slug:slug>/nianbao/<int:year>.pdf", annual_views.annual_pdf, name="annual_pdf"),
    path(
        "jiguan/<slug:slug>/nianbao/<int:year>.json",
        annual_views.annual_json,
        name="annual_json",
    ),
    path("staff/nianbao/", annual_views.staff_annual, name="staff_annual"),
    path(
        "staff/nianbao/<slug:slug>/<int:year>/",
        annual_views.staff_annual_detail,
        name="staff_annual_detail",
    ),
    path(
        "staff/nianbao/<slug:slug>/<int:year>/action/",
        annual_views.staff_annual_action,
        name="staff_annual_action",
    ),
]

# 事前 flowcharts, 事中公示, 检查计划和检查信息 (public_pages.py), and their staff pages.
urlpatterns += public_pages.urlpatterns + staff_notices.urlpatterns
