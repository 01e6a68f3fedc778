from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "sanxiang.policy"
    verbose_name = "制度规则包"
