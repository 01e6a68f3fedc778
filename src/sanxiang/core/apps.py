from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sanxiang.core"
    verbose_name = "平台"
