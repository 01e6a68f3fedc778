from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sanxiang.accounts"
    verbose_name = "账户与角色"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth import signals as auth_signals

        from sanxiang.accounts import signals

        # dispatch_uid makes a second ready() (test runners, reloads) a no-op.
        auth_signals.user_logged_in.connect(signals.on_logged_in, dispatch_uid="sx-auth-login")
        auth_signals.user_logged_out.connect(signals.on_logged_out, dispatch_uid="sx-auth-logout")
        auth_signals.user_login_failed.connect(
            signals.on_login_failed, dispatch_uid="sx-auth-failed"
        )
        user_locked_out.connect(signals.on_locked_out, dispatch_uid="sx-auth-locked")
        _register_api_router()


_router_registered = False


def _register_api_router() -> None:
    global _router_registered
    from sanxiang.accounts.api import router
    from sanxiang.api.api import api

    # NinjaAPI refuses to mount the same router twice; ready() may run more than once.
    if not _router_registered:
        api.add_router("/", router, tags=["账户"])
        _router_registered = True
