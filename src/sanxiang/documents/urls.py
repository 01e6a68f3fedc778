from django.urls import path

from sanxiang.documents import views

app_name = "documents"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("case/<int:pk>/", views.case_documents, name="case"),
    path("<int:pk>/download/", views.download, name="download"),
    path("forms/<slug:slug>/", views.blank_forms, name="forms"),
    path("forms/<slug:slug>/<str:doc_type>.pdf", views.blank_form_pdf, name="blank_form"),
]
