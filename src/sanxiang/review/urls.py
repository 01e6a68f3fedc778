from django.urls import path

from sanxiang.review import catalogue_views, views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("submissions/", views.department, name="department"),
    path("cases/<int:case_pk>/submit/", views.submit, name="submit"),
    path("cases/<int:case_pk>/major/", views.mark_major, name="mark_major"),
    path("cases/<int:case_pk>/emergency/", views.emergency, name="emergency"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/finding/", views.finding, name="finding"),
    path("<int:pk>/consultation/", views.consultation, name="consultation"),
    path("<int:pk>/opinion/", views.opinion, name="opinion"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/rereview/", views.rereview, name="rereview"),
    path("<int:pk>/escalate/", views.escalate, name="escalate"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("opinions/<int:pk>/", views.opinion_document, name="opinion_document"),
    # 重大执法决定事项目录: the legal office's pages, and the public page the portal links to.
    path("catalogue/", catalogue_views.catalogue_list, name="catalogue"),
    path("catalogue/draft/", catalogue_views.catalogue_draft, name="catalogue_draft"),
    path("catalogue/<int:pk>/", catalogue_views.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<int:pk>/item/", catalogue_views.catalogue_item, name="catalogue_item"),
    path(
        "catalogue/<int:pk>/item/remove/",
        catalogue_views.catalogue_item_remove,
        name="catalogue_item_remove",
    ),
    path("catalogue/<int:pk>/file/", catalogue_views.catalogue_file, name="catalogue_file"),
    path(
        "catalogue/<int:pk>/publish/", catalogue_views.catalogue_publish, name="catalogue_publish"
    ),
    path(
        "catalogue/<int:pk>/withdraw/",
        catalogue_views.catalogue_withdraw,
        name="catalogue_withdraw",
    ),
    path(
        "gongshi/<slug:slug>/catalogue/",
        catalogue_views.public_catalogue,
        name="public_catalogue",
    ),
]
