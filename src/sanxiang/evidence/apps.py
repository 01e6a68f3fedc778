from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "sanxiang.evidence"
    verbose_name = "证据与音像记录"
