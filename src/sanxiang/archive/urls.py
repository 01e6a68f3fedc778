from django.urls import URLPattern, path

from sanxiang.archive import views

app_name = "archive"
urlpatterns: list[URLPattern] = [
    path("", views.case_file_list, name="case_files"),
    path("case/<int:pk>/", views.case_file_detail, name="case_file"),
    path("case/<int:pk>/form/", views.form_file, name="form"),
    path("case/<int:pk>/transfer/", views.transfer_file, name="transfer"),
    path("case/<int:pk>/accept/", views.accept_file, name="accept"),
    path("case/<int:pk>/request/", views.request_new, name="request_new"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("requests/<int:pk>/records/", views.request_records, name="request_records"),
    path("requests/<int:pk>/deliver/", views.request_deliver, name="request_deliver"),
    path("register/", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
]
