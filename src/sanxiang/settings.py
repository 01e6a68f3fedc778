"""The one settings module, read strictly from the environment (see env.py and the README)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.utils.csp import CSP

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

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent

try:
    VAR_DIR = env_path("SANXIANG_VAR_DIR", REPO_DIR / "var")
    if VAR_DIR.exists() and not VAR_DIR.is_dir():
        raise ConfigError(f"SANXIANG_VAR_DIR={str(VAR_DIR)!r}: exists and is not a directory")
    DEBUG = env_bool("SANXIANG_DEBUG", False)
    # Production turns on every transport protection `manage.py check --deploy` asks for.
    PRODUCTION = env_bool("SANXIANG_PRODUCTION", False)
    SECRET_KEY = env_secret("SANXIANG_SECRET_KEY") or generated_secret(VAR_DIR / "secret_key")
    ALLOWED_HOSTS = env_list("SANXIANG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
    _database = parse_database_url(
        os.environ.get("SANXIANG_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'sanxiang.sqlite3'}"
    )
    BLOB_DIR = env_path("SANXIANG_BLOB_DIR", VAR_DIR / "blobs")
    # Evidence in an S3-compatible bucket instead of BLOB_DIR: "s3://bucket/prefix"; the endpoint
    # and keys come from the usual AWS_* variables (docs/evidence.md).
    EVIDENCE_S3 = os.environ.get("SANXIANG_EVIDENCE_S3", "").strip()
    if EVIDENCE_S3 and not EVIDENCE_S3.startswith("s3://"):
        raise ConfigError(f"SANXIANG_EVIDENCE_S3={EVIDENCE_S3!r}: expected s3://bucket[/prefix]")
    SIGNING_KEY_FILE = env_path("SANXIANG_SIGNING_KEY_FILE", VAR_DIR / "ledger_ed25519.pem")
    # The portal's address as the public reaches it: QR codes on documents link to it.
    PUBLIC_BASE_URL = env_url("SANXIANG_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    LOGIN_FAILURE_LIMIT = env_int("SANXIANG_LOGIN_FAILURE_LIMIT", 5, minimum=1)
except ConfigError as exc:
    # A clear one-line message beats a traceback from deep inside Django's set-up.
    sys.stderr.write(f"sanxiang: configuration error: {exc}\n")
    raise SystemExit(2) from None

if _database.engine == "sqlite":
    Path(_database.name).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _database.as_django()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # ninja as an app serves Swagger UI from its own static files instead of a CDN.
    "ninja",
    "sanxiang.core",
    "sanxiang.registry",
    "sanxiang.accounts",
    "sanxiang.policy",
    "sanxiang.workdays",
    "sanxiang.ledger",
    "sanxiang.cases",
    "sanxiang.review",
    "sanxiang.documents",
    "sanxiang.evidence",
    "sanxiang.archive",
    "sanxiang.disclosure",
    "sanxiang.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # axes must come last: it turns a locked-out login into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sanxiang.urls"
WSGI_APPLICATION = "sanxiang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "sanxiang.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# django-axes: lock a username+IP pair after repeated failures; an officer on a shared
# government intranet IP must not lock out the whole office.
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app folders so `sanxiang serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Only local assets: the platform runs on government intranets with no internet.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SANXIANG_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if DEBUG:
        sys.stderr.write("sanxiang: SANXIANG_DEBUG must be off in production\n")
        raise SystemExit(2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
