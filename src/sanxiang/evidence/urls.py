from django.urls import URLPattern, path

from sanxiang.evidence import views

app_name = "evidence"
urlpatterns: list[URLPattern] = [
    path("item/<int:pk>/download/", views.download, name="download"),
]
