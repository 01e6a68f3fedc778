"""Real-browser tests: Debian's Chromium driven by Python Playwright against Django's live server.

Fixtures for every browser test:

* ``browser`` (this package): one Chromium, launched from ``/usr/bin/chromium`` (``make
  browser-deps`` installs it; ``playwright install`` downloads a browser and fails here).
* ``page``: a fresh context per test (zh-CN, Asia/Shanghai, no cookies) on ``live_server``; every
  request it makes is kept in ``page_log.requests``, responses of status 400 or more in
  ``page_log.failed_responses``, console errors (CSP violations among them) and uncaught script
  errors in ``page_log.errors``.
* ``log_in``: logs a user in through the real login form.
* ``screenshot``: saves a full-page PNG under ``var/screenshots/`` and returns its path.

When a test fails, the page as it was is saved in ``var/screenshots/failures/TEST.png``.

The live server runs the tests' database in a thread, so the tests are transactional: data
must be created inside the test (the fixtures of the root conftest do that).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import TEST_PASSWORD
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright
from pytest_django.live_server_helper import LiveServer

from sanxiang.ledger.testing import erase_search_index_for_tests

CHROMIUM = Path("/usr/bin/chromium")
# The flags the machines need (DESIGN.md "Real services in tests"): no sandbox as root in CI, no
# GPU, and nothing that phones home, so a test never waits on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# The SQL of the ledger's append-only triggers, from the migration that creates them.
_TRIGGERS = importlib.import_module("sanxiang.ledger.migrations.0002_append_only_triggers")
# What scripts/install-browser.sh installs (fonts-noto-cjk) so that screenshots show Chinese.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SCREENSHOT_DIR = Path(settings.REPO_DIR) / "var" / "screenshots"
FAILURE_DIR = SCREENSHOT_DIR / "failures"
# A missing element fails the test in seconds instead of Playwright's default 30 s, with room
# for a slow first response on a loaded two-core CI machine.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package", autouse=True)
def _orm_usable_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an asyncio event loop in this very thread (its calls switch
    into it with greenlets), and the loop counts as running between calls too. Django sees it and
    refuses ORM calls from the test body with SynchronousOnlyOperation, although nothing here is
    async: the test, the ORM and the browser take turns, never run concurrently, so the guard has
    nothing to protect. Allowed for this package only, so the rest of the suite keeps the check."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    # Package-scoped, not session-scoped: Playwright's event loop stops with it once the browser
    # tests are done, so the tests collected after them run without a loop in their thread.
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium package)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        # launch() gives Chromium a new, empty user-data directory of its own and removes it at
        # close, so no profile, cache or cookie survives from one run to the next.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class PageLog:
    """What the page did, for the assertions that look past the DOM."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests to anywhere but ``origin`` (``data:`` URLs stay inside the page)."""
        return [
            url
            for url in self.requests
            if not url.startswith("data:") and _origin(url) != _origin(origin)
        ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(autouse=True)
def _ledger_flushable(live_server: LiveServer) -> Iterator[None]:
    """Let the end-of-test flush empty the ledger on SQLite.

    Logins and registry edits write ledger entries. A live-server test is transactional, and on
    SQLite the flush that empties its database is a DELETE per table, which the ledger's
    append-only triggers refuse. So, on the test database only: drop the triggers, flush, and
    put the triggers back; pytest-django's own flush then finds nothing to refuse.
    """
    yield
    erase_search_index_for_tests()  # raw tables the flush does not know (disclosure 0003)
    if connection.vendor != "sqlite":
        return  # PostgreSQL's flush is TRUNCATE, which the row triggers do not see
    creation: Any = connection.creation  # SQLite's, which names its test database
    if connection.settings_dict["NAME"] != creation._get_test_db_name():
        raise RuntimeError("the ledger is emptied only on a test database")
    _run_trigger_sql(_TRIGGERS._drop_statements)
    try:
        # post_migrate runs once, after the flush pytest-django does next.
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    finally:
        _run_trigger_sql(_TRIGGERS._statements)


def _run_trigger_sql(statements: Callable[[str, str], list[str]]) -> None:
    with connection.cursor() as cursor:
        for table in _TRIGGERS.APPEND_ONLY_TABLES:
            for sql in statements("sqlite", table):
                cursor.execute(sql)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer, page_log: PageLog
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.on("request", lambda request: _log_request(page_log, request))
    tab.on("response", lambda response: _log_response(page_log, response))
    tab.on("console", lambda message: _log_console(page_log, message))
    tab.on("pageerror", lambda error: page_log.errors.append(f"page error: {error}"))
    try:
        yield tab
        if request.node.stash.get(_CALL_FAILED, False):
            # What the browser showed when the test failed: often quicker than the traceback.
            FAILURE_DIR.mkdir(parents=True, exist_ok=True)
            stem = re.sub(r"[^A-Za-z0-9_-]+", "_", request.node.name)
            tab.screenshot(path=str(FAILURE_DIR / f"{stem}.png"), full_page=True)
    finally:
        context.close()


def _log_request(log: PageLog, request: Request) -> None:
    log.requests.append(request.url)


def _log_response(log: PageLog, response: Response) -> None:
    # Chromium asks for /favicon.ico by itself; the platform has none and the page never links it.
    if response.status >= 400 and urlsplit(response.url).path != "/favicon.ico":
        log.failed_responses.append(f"{response.status} {response.url}")


def _log_console(log: PageLog, message: ConsoleMessage) -> None:
    # Failed loads are in failed_responses with their URL; the console line does not name it.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        log.errors.append(f"console: {message.text}")


def submit_login_form(page: Page, username: str, password: str) -> None:
    """Fill and submit the login form the page shows, and wait for the answer to load."""
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录", exact=True).click()


@pytest.fixture
def log_in(page: Page) -> Callable[..., None]:
    """Log in through the real form at /accounts/login/ and wait until the page has left it."""

    def _log_in(username: str, password: str = TEST_PASSWORD) -> None:
        page.goto("/accounts/login/")
        submit_login_form(page, username, password)
        if urlsplit(page.url).path == "/accounts/login/":
            shown = page.locator(".error").all_inner_texts()
            raise AssertionError(f"login as {username!r} failed; the page says {shown}")

    return _log_in


@pytest.fixture
def screenshot(page: Page) -> Callable[[str], Path]:
    """Save a full-page screenshot as ``var/screenshots/NAME.png`` (kept for people to look at)."""

    def _screenshot(name: str) -> Path:
        if not re.fullmatch(r"[a-z0-9_-]+", name):
            raise ValueError(f"screenshot name must be a plain file stem, got {name!r}")
        if not CJK_FONT.exists():
            pytest.fail(f"{CJK_FONT} is missing (Chinese shows as boxes): run make browser-deps")
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        # Wait for the web fonts and layout to settle so the picture is what a person sees.
        page.evaluate("document.fonts.ready.then(() => true)")
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot
