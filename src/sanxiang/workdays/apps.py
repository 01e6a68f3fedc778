from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "sanxiang.workdays"
    verbose_name = "工作日历"
