"""Strict parsing of settings from the environment.

Every variable is parsed here with a clear error for a malformed value, so a typo in a deployment
fails at start-up with the variable's name instead of surfacing later as odd behaviour. No Django
imports: settings.py imports this before Django is configured.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(Exception):
    """A setting from the environment is malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r}: expected one of true/false/1/0/yes/no/on/off")


def env_int(
    name: str, default: int, *, minimum: int = 0, environ: Mapping[str, str] = os.environ
) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r}: must be at least {minimum}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ConfigError(f"{name}={raw!r}: empty item in comma-separated list")
    return items


def env_path(name: str, default: Path, environ: Mapping[str, str] = os.environ) -> Path:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    path = Path(raw).expanduser()
    if not path.is_absolute():
        raise ConfigError(f"{name}={raw!r}: expected an absolute path")
    return path


def env_url(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """An absolute http(s) URL without a trailing slash (e.g. the portal's public address)."""
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"{name}={raw!r}: expected an absolute http:// or https:// URL")
    if parts.query or parts.fragment:
        raise ConfigError(f"{name}={raw!r}: a base URL takes no query or fragment")
    return raw.rstrip("/")


def env_secret(name: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """A secret from NAME or from the file named by NAME_FILE (not both)."""
    direct = environ.get(name)
    file_name = environ.get(f"{name}_FILE")
    if direct and file_name:
        raise ConfigError(f"{name} and {name}_FILE are both set; set only one")
    if file_name:
        path = Path(file_name)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={file_name!r}: cannot read ({exc.strerror})") from None
        if not value:
            raise ConfigError(f"{name}_FILE={file_name!r}: file is empty")
        return value
    return direct or None


def generated_secret(path: Path) -> str:
    """Read the secret stored at PATH, creating it (mode 0600) on first run."""
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) < 50:
            raise ConfigError(f"{path}: stored secret key is too short; delete it to regenerate")
        return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(64)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value


@dataclass(frozen=True)
class DatabaseConfig:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    def as_django(self) -> dict[str, object]:
        if self.engine == "sqlite":
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": self.name,
                # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock
                # at BEGIN so two writers queue instead of failing with "database is locked".
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                },
                "TEST": {"NAME": None},
            }
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "CONN_MAX_AGE": 60,
        }


def parse_database_url(url: str, *, name: str = "SANXIANG_DATABASE_URL") -> DatabaseConfig:
    """Parse ``sqlite:///abs/path`` or ``postgresql://user:pw@host:port/db[?host=/socket/dir]``."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        if parts.netloc:
            raise ConfigError(f"{name}={url!r}: sqlite URLs take no host; use sqlite:///abs/path")
        path = unquote(parts.path)
        if not path.startswith("/") or path == "/":
            raise ConfigError(f"{name}={url!r}: expected sqlite:///absolute/path/to/file")
        return DatabaseConfig(engine="sqlite", name=path)
    if parts.scheme in {"postgres", "postgresql"}:
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ConfigError(f"{name}={url!r}: missing database name after the host")
        query = parse_qs(parts.query, keep_blank_values=True)
        unknown = set(query) - {"host"}
        if unknown:
            raise ConfigError(f"{name}={url!r}: unknown query parameter(s) {sorted(unknown)}")
        host = query["host"][0] if "host" in query else (parts.hostname or "")
        try:
            port = str(parts.port or "")
        except ValueError:
            raise ConfigError(f"{name}={url!r}: port is not a number") from None
        return DatabaseConfig(
            engine="postgresql",
            name=db_name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=host,
            port=port,
        )
    raise ConfigError(
        f"{name}={url!r}: unsupported scheme {parts.scheme!r}; use sqlite:/// or postgresql://"
    )
