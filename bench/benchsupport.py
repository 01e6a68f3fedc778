"""What every benchmark script shares: Django on a throw-away database, and the CPU's name."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup_django(var_dir: str, *, postgres: bool = False) -> None:
    """Django with its var dir in ``var_dir``, on SQLite unless ``postgres`` (then the
    environment's SANXIANG_DATABASE_URL), migrated."""
    os.environ["SANXIANG_VAR_DIR"] = var_dir
    if not postgres:
        os.environ.pop("SANXIANG_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanxiang.settings"
    sys.path.insert(0, str(REPO / "src"))
    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.INFO)
    call_command("migrate", verbosity=0)


def cpu_name() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return cpu
