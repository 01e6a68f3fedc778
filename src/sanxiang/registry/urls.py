from django.urls import path

from sanxiang.registry import views

app_name = "registry"
urlpatterns = [
    path("<slug:slug>/", views.agency_public, name="agency"),
    path("<slug:slug>/officers/", views.certificate_lookup, name="certificate_lookup"),
    path(
        "<slug:slug>/officers/<str:cert_no>/",
        views.certificate_check,
        name="certificate",
    ),
]
