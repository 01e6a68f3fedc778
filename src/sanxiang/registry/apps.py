from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sanxiang.registry"
    verbose_name = "执法主体与事项"
