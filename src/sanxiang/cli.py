"""``sanxiang`` — a thin command line over the same services the web app uses.

Every Django management command defined in a sanxiang app is a ``sanxiang`` command, so a new
command shows up in ``sanxiang --help`` by being written, not by being registered twice.
``sanxiang manage …`` passes through to Django's own commands (migrate, createsuperuser, …).
"""

from __future__ import annotations

import os
import sys

COMMAND_PREFIX = "sanxiang."


def _sanxiang_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    commands: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if isinstance(app, str) and app.startswith(COMMAND_PREFIX):
            command = load_command_class(app, name)
            commands[name] = str(command.help).strip().splitlines()[0] if command.help else ""
    return commands


def _print_help(commands: dict[str, str]) -> None:
    width = max([len(name) for name in commands] + [6])
    print("用法 usage: sanxiang COMMAND [ARGS…]   (sanxiang COMMAND --help for details)\n")
    print("commands:")
    for name, text in commands.items():
        print(f"  {name:<{width}}  {text}")
    print(f"  {'manage':<{width}}  Django's own management commands (migrate, createsuperuser, …)")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanxiang.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    commands = _sanxiang_commands()
    if not args or args[0] in {"-h", "--help", "help"}:
        _print_help(commands)
        return 0
    name, rest = args[0], args[1:]
    if name == "manage":
        execute_from_command_line(["sanxiang manage", *rest])
        return 0
    if name not in commands:
        sys.stderr.write(f"sanxiang: unknown command {name!r}; see 'sanxiang --help'\n")
        return 2
    from django.db import DatabaseError

    try:
        execute_from_command_line(["sanxiang", name, *rest])
    except DatabaseError:
        # A command run before the database exists would end in a traceback about a missing
        # table; name the step that was skipped instead.
        from sanxiang.core.dbstate import NOT_MIGRATED, has_pending_migrations

        if has_pending_migrations():
            sys.stderr.write(f"sanxiang: {NOT_MIGRATED}\n")
            return 2
        raise
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
