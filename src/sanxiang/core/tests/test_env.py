"""Strict settings parsing: every malformed value is refused with the variable's name."""

from pathlib import Path

import pytest

from sanxiang.env import (
    ConfigError,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_url,
    generated_secret,
    parse_database_url,
)


def test_sqlite_url_needs_an_absolute_path() -> None:
    assert parse_database_url("sqlite:///var/db.sqlite3").name == "/var/db.sqlite3"
    with pytest.raises(ConfigError, match="take no host"):
        parse_database_url("sqlite://relative.db")
    with pytest.raises(ConfigError, match="absolute"):
        parse_database_url("sqlite:relative.db")


def test_postgres_url_with_socket_directory() -> None:
    config = parse_database_url("postgresql://postgres@/sanxiang?host=/tmp/pg")
    assert (config.engine, config.name, config.user, config.host) == (
        "postgresql",
        "sanxiang",
        "postgres",
        "/tmp/pg",
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://x/y", "unsupported scheme"),
        ("postgresql://host:5432/", "missing database name"),
        ("postgresql://host:notaport/db", "port is not a number"),
        ("postgresql://host/db?sslmode=require&oops=1", "unknown query parameter"),
    ],
)
def test_malformed_database_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        parse_database_url(url)


def test_booleans_are_strict() -> None:
    assert env_bool("X", False, {"X": "yes"}) is True
    assert env_bool("X", True, {}) is True
    with pytest.raises(ConfigError, match="X='ture'"):
        env_bool("X", False, {"X": "ture"})


def test_integers_lists_and_paths_are_strict() -> None:
    with pytest.raises(ConfigError, match="whole number"):
        env_int("N", 1, environ={"N": "5x"})
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("N", 1, minimum=1, environ={"N": "0"})
    with pytest.raises(ConfigError, match="empty item"):
        env_list("L", [], {"L": "a,,b"})
    with pytest.raises(ConfigError, match="absolute path"):
        env_path("P", Path("/x"), {"P": "relative/dir"})


def test_secret_from_file_and_not_both(tmp_path: Path) -> None:
    secret_file = tmp_path / "key"
    secret_file.write_text("s3cret\n")
    assert env_secret("K", {"K_FILE": str(secret_file)}) == "s3cret"
    with pytest.raises(ConfigError, match="both set"):
        env_secret("K", {"K": "a", "K_FILE": str(secret_file)})
    with pytest.raises(ConfigError, match="cannot read"):
        env_secret("K", {"K_FILE": str(tmp_path / "missing")})


def test_generated_secret_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "secret_key"
    first = generated_secret(path)
    assert generated_secret(path) == first
    assert path.stat().st_mode & 0o777 == 0o600


def test_public_base_url_is_absolute_http() -> None:
    assert (
        env_url("U", "http://x", {"U": "https://zfgs.wuhan.gov.cn/"}) == "https://zfgs.wuhan.gov.cn"
    )
    with pytest.raises(ConfigError, match="absolute http"):
        env_url("U", "http://x", {"U": "zfgs.wuhan.gov.cn"})
    with pytest.raises(ConfigError, match="no query"):
        env_url("U", "http://x", {"U": "https://a.cn/?x=1"})
