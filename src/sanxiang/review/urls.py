from django.urls import path

from sanxiang.review import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("submissions/", views.department, name="department"),
    path("cases/<int:case_pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/finding/", views.finding, name="finding"),
    path("<int:pk>/consultation/", views.consultation, name="consultation"),
    path("<int:pk>/opinion/", views.opinion, name="opinion"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/rereview/", views.rereview, name="rereview"),
    path("<int:pk>/escalate/", views.escalate, name="escalate"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("opinions/<int:pk>/", views.opinion_document, name="opinion_document"),
]
