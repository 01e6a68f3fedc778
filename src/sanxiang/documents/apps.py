from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sanxiang.documents"
    verbose_name = "执法文书"

    def ready(self) -> None:
        _register_api_router()


_router_registered = False


def _register_api_router() -> None:
    global _router_registered
    from sanxiang.api.api import api
    from sanxiang.documents.api import router

    # NinjaAPI refuses to mount the same router twice; ready() may run more than once.
    if not _router_registered:
        api.add_router("/", router)
        _router_registered = True
