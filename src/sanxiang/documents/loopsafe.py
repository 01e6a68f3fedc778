"""Calling pyHanko's synchronous API whatever the caller's event-loop state.

pyHanko's synchronous wrappers (``signers.sign_pdf``, ``validate_pdf_signature``) are
``asyncio.run`` around its coroutines, and ``asyncio.run`` refuses to start while a loop is
running in the calling thread: under Playwright's synchronous API (the browser tests' live
server), an ASGI server or any ``async`` caller that calls our synchronous services. There the
call is made in a short-lived worker thread, which has no running loop and so gets its own;
elsewhere it is made directly (no thread, no cost).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def call_blocking[**P, T](fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)``, in a worker thread if an event loop runs in this thread.

    ``fn`` must not touch the database (the worker thread would open its own connection,
    outside the caller's transaction); exceptions propagate unchanged.
    """
    if not _loop_running():
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sanxiang-pyhanko") as pool:
        return pool.submit(fn, *args, **kwargs).result()
