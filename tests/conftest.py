"""Shared fixtures: the built book, a local web server for it, and headless Chromium.

The book is built once per test session with the same script as ``make book`` (notebooks are
cached, so an unchanged book rebuilds in seconds). The browser is Debian's Chromium driven by
Playwright; every request that does not go to 127.0.0.1 (or file://) is blocked and recorded.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def book_build():
    """Build the book once; return (html folder, build log text). Fails the test if the build fails."""
    import build_book

    # DISCOURSE_LAB_BUILD_DIR lets parallel work build into its own folder instead of _build/.
    out = Path(os.environ.get("DISCOURSE_LAB_BUILD_DIR", ROOT)).resolve()
    code = build_book.build(out)
    log = (out / "_build" / "build.log").read_text(encoding="utf-8", errors="replace")
    if code != 0:
        pytest.fail("the book build failed; last lines of the log:\n" + "\n".join(log.splitlines()[-40:]))
    return out / "_build" / "html", log


@pytest.fixture(scope="session")
def built_book(book_build) -> Path:
    return book_build[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def served_book(built_book):
    """Base URL (ending in /) of the built book served by http.server on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `python scripts/system_deps.py` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"


class PageRecorder:
    """A page whose outside requests are blocked, with the console errors and failures it saw."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        # A 404 is a response, not a failed request: record those too.
        self.page.on("response", lambda res: res.status >= 400 and self.failed.append(f"{res.url} (HTTP {res.status})"))
        context.route("**/*", self._route)

    def _route(self, route):
        if is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture
def recorder(browser):
    context = browser.new_context()
    rec = PageRecorder(context)
    yield rec
    context.close()
