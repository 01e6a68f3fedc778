from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sanxiang.registry"
    verbose_name = "执法主体与事项"

    def ready(self) -> None:
        _register_api_router()


_router_registered = False


def _register_api_router() -> None:
    global _router_registered
    from sanxiang.api.api import api
    from sanxiang.registry.api import router

    # NinjaAPI refuses to mount the same router twice; ready() may run more than once.
    if not _router_registered:
        api.add_router("/", router, tags=["执法主体与事项"])
        _router_registered = True
