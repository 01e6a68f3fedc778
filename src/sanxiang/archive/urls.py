from django.urls import URLPattern, path

from sanxiang.archive import views

app_name = "archive"
urlpatterns: list[URLPattern] = [
    path("", views.case_file_list, name="case_files"),
    path("case/<int:pk>/", views.case_file_detail, name="case_file"),
    path("case/<int:pk>/form/", views.form_file, name="form"),
    path("case/<int:pk>/transfer/", views.transfer_file, name="transfer"),
    path("case/<int:pk>/accept/", views.accept_file, name="accept"),
    path("requests/", views.request_list, name="requests"),
    path("register/", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
]
