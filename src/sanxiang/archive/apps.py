from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "sanxiang.archive"
    verbose_name = "案卷与档案"
