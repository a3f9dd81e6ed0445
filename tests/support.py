"""Helpers shared by the tests (import with ``from support import …``; ``tests/`` is on pytest's
``pythonpath``): the repository root, a quiet local web server, and a page recorder for Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from scripts.local_server import serve

ROOT = Path(__file__).resolve().parent.parent
__all__ = ["ROOT", "PageRecorder", "is_local", "serve"]


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
