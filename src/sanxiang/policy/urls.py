from django.urls import URLPattern, path

from . import views

app_name = "policy"
urlpatterns: list[URLPattern] = [
    path("", views.pack_list, name="pack_list"),
    path("<slug:slug>/", views.pack_detail, name="pack_detail"),
]
