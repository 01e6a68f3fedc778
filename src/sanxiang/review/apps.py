from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "sanxiang.review"
    verbose_name = "重大执法决定法制审核"
