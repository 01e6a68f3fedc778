from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sanxiang.cases"
    verbose_name = "执法案件与全过程记录"

    def ready(self) -> None:
        _register_api_router()


_router_registered = False


def _register_api_router() -> None:
    global _router_registered
    from sanxiang.api.api import api
    from sanxiang.cases.api import ApiRefusal, refusal_response, router

    # NinjaAPI refuses to mount the same router twice; ready() may run more than once.
    if not _router_registered:
        api.add_router("/", router)
        api.add_exception_handler(ApiRefusal, refusal_response)
        _router_registered = True
