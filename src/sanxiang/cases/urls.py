from django.urls import path

from sanxiang.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("mine/", views.my_cases, name="mine"),
    path("new/", views.case_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/records/<slug:record_type>/", views.case_record, name="record"),
    path("<int:pk>/advance/", views.case_advance, name="advance"),
    path("<int:pk>/facts/", views.case_facts, name="facts"),
    path("<int:pk>/suspend/", views.case_suspend, name="suspend"),
    path("<int:pk>/resume/", views.case_resume, name="resume"),
    path("<int:pk>/extend/", views.case_extend, name="extend"),
]
