from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sanxiang.cases"
    verbose_name = "执法案件与全过程记录"
