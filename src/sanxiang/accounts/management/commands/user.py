"""``sanxiang user create|grant|revoke|list`` — accounts and roles from the server console."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanxiang.accounts import people
from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.core.errors import SanxiangError
from sanxiang.registry.models import Agency

ROLE_HELP = ", ".join(f"{role.value} ({role.label})" for role in Role)


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有用户 {username!r}")
    return user


def _agency(slug: str | None) -> Agency | None:
    if slug is None:
        return None
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise CommandError(f"没有执法主体 {slug!r}")
    return agency


class Command(BaseCommand):
    help = "Create accounts and grant or withdraw roles (every change goes to the audit trail)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--actor", help="act as this user (default: the operator at the server console)"
        )
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create USERNAME")
        create.add_argument("username")
        create.add_argument("--agency", help="agency slug (omit only for a supervisor)")
        create.add_argument(
            "--role", action="append", default=[], choices=Role.values, help=ROLE_HELP
        )
        create.add_argument("--name", default="", help="display name (姓名)")
        how = create.add_mutually_exclusive_group()
        how.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        how.add_argument(
            "--no-password", action="store_true", help="create without a usable password"
        )
        for action in ("grant", "revoke"):
            one = sub.add_parser(action, help=f"{action} ROLE for USERNAME")
            one.add_argument("username")
            one.add_argument("role", choices=Role.values)
        deactivate = sub.add_parser("deactivate", help="deactivate USERNAME (nothing is deleted)")
        deactivate.add_argument("username")
        listing = sub.add_parser("list", help="list accounts and roles")
        listing.add_argument("--agency", help="only this agency's accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = _user(options["actor"]) if options["actor"] else None
        try:
            if options["action"] == "create":
                self._create(actor, options)
            elif options["action"] == "grant":
                people.grant_role(
                    actor=actor, user=_user(options["username"]), role=options["role"]
                )
                self.stdout.write(f"已授予 {options['username']} 角色 {options['role']}")
            elif options["action"] == "revoke":
                people.revoke_role(
                    actor=actor, user=_user(options["username"]), role=options["role"]
                )
                self.stdout.write(f"已撤销 {options['username']} 角色 {options['role']}")
            elif options["action"] == "deactivate":
                people.deactivate_user(actor=actor, user=_user(options["username"]))
                self.stdout.write(f"已停用账号 {options['username']}")
            else:
                self._list(options)
        except SanxiangError as exc:
            raise CommandError(exc.message) from None

    def _create(self, actor: User | None, options: dict[str, Any]) -> None:
        password: str | None
        if options["no_password"]:
            password = None
        elif options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("密码: ")
        user = people.create_user(
            actor=actor,
            username=options["username"],
            agency=_agency(options["agency"]),
            password=password,
            roles=options["role"],
            display_name=options["name"],
        )
        self.stdout.write(f"已创建账号 {user.username}")

    def _list(self, options: dict[str, Any]) -> None:
        users = User.objects.select_related("agency").prefetch_related("role_grants")
        agency = _agency(options["agency"])
        if agency is not None:
            users = users.filter(agency=agency)
        for user in users.order_by("agency_id", "username"):
            roles = ",".join(sorted(g.role for g in user.role_grants.all())) or "-"
            where = user.agency.slug if user.agency else "-"
            active = "" if user.is_active else "  (inactive)"
            self.stdout.write(f"{user.username:<20} {where:<14} {roles}{active}")
