"""``sanxiang token issue|revoke|list`` — API tokens from the server console."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.accounts import selectors, services
from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有用户 {username!r}")
    return user


class Command(BaseCommand):
    help = "Issue, revoke or list a user's API tokens (the token is printed once)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a token for USERNAME")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="what the token is for (用途)")
        issue.add_argument("--days", type=int, default=90, help="days until it expires")
        issue.add_argument(
            "--actor",
            help="who issues it (default: the user themselves); an agency_admin of the same "
            "agency or a superuser may issue for others",
        )
        revoke = sub.add_parser("revoke", help="revoke the token with PREFIX")
        revoke.add_argument("prefix")
        revoke.add_argument("--actor", required=True, help="who revokes it (username)")
        listing = sub.add_parser("list", help="list USERNAME's tokens")
        listing.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "issue":
                self._issue(options)
            elif action == "revoke":
                self._revoke(options)
            else:
                self._list(options)
        except SanxiangError as exc:
            raise CommandError(exc.message) from None

    def _issue(self, options: dict[str, Any]) -> None:
        user = _user(options["username"])
        # Console access to the server is already the operator's authority; naming the user as
        # the actor records that the token was issued on their behalf, not by an administrator.
        actor = _user(options["actor"]) if options["actor"] else user
        issued = services.issue_token(
            actor=actor, user=user, name=options["name"], expires_in_days=options["days"]
        )
        self.stderr.write(
            f"已为 {user.username} 签发令牌 {issued.token.prefix}（{issued.token.name}），"
            f"有效期至 {issued.token.expires_at:%Y-%m-%d}；令牌只显示这一次："
        )
        self.stdout.write(issued.secret)

    def _revoke(self, options: dict[str, Any]) -> None:
        actor = _user(options["actor"])
        token = selectors.tokens_manageable_by(actor).filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(f"没有找到令牌 {options['prefix']}")
        services.revoke_token(actor=actor, token_id=token.pk)
        self.stdout.write(f"已吊销令牌 {token.prefix}（{token.name}）")

    def _list(self, options: dict[str, Any]) -> None:
        user = _user(options["username"])
        for token in selectors.tokens_of(user):
            state = "revoked" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "-"
            self.stdout.write(
                f"{token.prefix}  {state:<7}  expires {token.expires_at:%Y-%m-%d}  "
                f"last used {used}  {token.name}"
            )
