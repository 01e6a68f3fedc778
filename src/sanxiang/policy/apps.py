from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "sanxiang.policy"
    verbose_name = "制度规则包"

    def ready(self) -> None:
        _register_api_router()


_router_registered = False


def _register_api_router() -> None:
    global _router_registered
    from sanxiang.api.api import api
    from sanxiang.policy.api import router

    # NinjaAPI refuses to mount the same router twice; ready() may run more than once.
    if not _router_registered:
        api.add_router("/policy/", router)
        _router_registered = True
