from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "sanxiang.workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        # The pure calendar module cannot import the ORM; tell it where the table in force comes
        # from. Nothing is queried here, only when a deadline is first computed.
        from sanxiang.workdays import calendar, selectors

        calendar.set_table_source(
            fingerprint=selectors.table_fingerprint, build=selectors.runtime_table
        )
