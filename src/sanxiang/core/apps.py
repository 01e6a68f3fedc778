from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sanxiang.core"
    verbose_name = "平台"

    def ready(self) -> None:
        # Django 6.1's new empty choice "- Select an option -" has no zh-hans translation yet;
        # Django documents overriding it in an app's ready().
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = "请选择"
