"""The security baseline of issue 2 §6: deploy checks, CSP, Argon2, secure cookies."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from sanxiang.accounts.models import User
from sanxiang.core.access import Access, Level, UrlEntry, declaration_for, walk_urls
from sanxiang.registry.models import Agency
from sanxiang.settings import REPO_DIR

# Sources a local-only policy may name: the page's own origin, nothing at all, a per-response
# nonce, and inline data: images. Anything else (a host, a scheme, a wildcard) reaches outside.
LOCAL_SOURCES = {"'self'", "'none'", "data:"}


def _production_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANXIANG_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sanxiang.settings",
        SANXIANG_PRODUCTION="true",
        SANXIANG_SECRET_KEY=secrets.token_urlsafe(64),
        SANXIANG_ALLOWED_HOSTS="example.gov.cn",
        SANXIANG_VAR_DIR=str(var_dir),
    )
    return env


def _run(args: list[str], var_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_DIR,
        env=_production_env(var_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow
def test_production_cookies_hsts_and_https(tmp_path: Path) -> None:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', "
        "'DEBUG', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS']}))"
    )
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
    }


@pytest.mark.slow
def test_production_responses_set_secure_cookies_and_hsts(tmp_path: Path) -> None:
    """The settings above actually reach the wire: a login page over HTTPS (behind the proxy)."""
    script = (
        "import django; django.setup(); "
        "from django.test import Client; "
        "r = Client(HTTP_HOST='example.gov.cn', HTTP_X_FORWARDED_PROTO='https')"
        ".get('/accounts/login/', secure=True); "
        "c = r.cookies['csrftoken']; "
        "print(r.status_code, bool(c['secure']), bool(c['httponly']), "
        "r.headers.get('Strict-Transport-Security'))"
    )
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    status, secure, httponly, hsts = result.stdout.strip().splitlines()[-1].split(" ", 3)
    assert (status, secure, httponly) == ("200", "True", "True")
    assert hsts == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.slow
def test_production_refuses_debug(tmp_path: Path) -> None:
    env_extra = ["-c", "import django; django.setup()"]
    result = subprocess.run(
        [sys.executable, *env_extra],
        cwd=REPO_DIR,
        env={**_production_env(tmp_path), "SANXIANG_DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "SANXIANG_DEBUG must be off in production" in result.stderr


def _csp_sources(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_csp_allows_only_local_sources(client: Client, path: str, db: None) -> None:
    response = client.get(path)
    assert response.status_code == 200
    directives = _csp_sources(response.headers["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name, sources in directives.items():
        for source in sources:
            assert source in LOCAL_SOURCES or source.startswith("'nonce-"), (name, source)


def test_csp_never_allows_inline_or_eval(client: Client, db: None) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self'" in policy


def test_pages_cannot_be_framed_or_sniffed(client: Client, db: None) -> None:
    response = client.get("/accounts/login/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.real_password_hashing
def test_passwords_are_hashed_with_argon2(officer_a: User) -> None:
    assert officer_a.password.startswith("argon2$argon2id$")
    assert TEST_PASSWORD not in officer_a.password
    assert check_password(TEST_PASSWORD, officer_a.password)
    assert not check_password("wrong", officer_a.password)


@pytest.mark.real_password_hashing
def test_old_pbkdf2_hash_is_upgraded_to_argon2_on_login(client: Client, officer_a: User) -> None:
    from django.contrib.auth.hashers import make_password

    User.objects.filter(pk=officer_a.pk).update(
        password=make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    )
    response = client.post("/accounts/login/", {"username": "officer_a", "password": TEST_PASSWORD})
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.password.startswith("argon2$")


def test_session_cookie_is_http_only_and_expires_after_a_working_day(
    client: Client, officer_a: User
) -> None:
    client.post("/accounts/login/", {"username": "officer_a", "password": TEST_PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert int(cookie["max-age"]) <= 8 * 60 * 60


# An asset from another origin: src/href to http(s):// or protocol-relative //host.
REMOTE_ASSET = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I
)


def _public_pages() -> list[tuple[UrlEntry, Access]]:
    pages = []
    for entry in walk_urls():
        access = declaration_for(entry)
        if (
            entry.name
            and access is not None
            and access.level is Level.PUBLIC
            and access.method == "get"
            and 200 in access.ok
        ):
            pages.append((entry, access))
    return pages


@pytest.mark.parametrize(("entry", "access"), _public_pages(), ids=lambda v: getattr(v, "key", ""))
def test_public_pages_load_no_remote_assets(
    client: Client, entry: UrlEntry, access: Access, agency_a: Agency
) -> None:
    """The platform runs on intranets with no internet (DESIGN.md): every asset is local."""
    assert entry.name is not None
    url = reverse(entry.name, kwargs=access.sample(agency_a) if access.sample else {})
    response = client.get(f"{url}?{access.query}" if access.query else url)
    if "html" not in response.headers.get("Content-Type", ""):
        return
    remote = REMOTE_ASSET.findall(response.content.decode())
    assert not remote, f"{url} loads assets from another origin: {remote}"
