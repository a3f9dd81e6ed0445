"""The one headless Chromium that the PDF edition, the browser tests and the benchmarks drive.

Debian's ``/usr/bin/chromium`` by default (``scripts/system_deps.py`` installs it);
``DISCOURSE_LAB_CHROMIUM`` names another binary, e.g. Chrome or Chromium on macOS:
``DISCOURSE_LAB_CHROMIUM="/Applications/Chromium.app/Contents/MacOS/Chromium" make test``.
"""

from __future__ import annotations

from pathlib import Path

from discourse_lab import settings

DEFAULT_PATH = "/usr/bin/chromium"
# No sandbox: CI runs as root. No GPU, QUIC or background traffic: pages load only from 127.0.0.1.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def path() -> Path:
    return Path(settings.chromium() or DEFAULT_PATH)


def missing_message() -> str | None:
    """None when the browser is there, else one line saying how to get it."""
    binary = path()
    if binary.is_file():
        return None
    if settings.chromium():
        return f"{settings.CHROMIUM}={binary}: no such file"
    return f"{binary} is missing: run `python -m scripts.system_deps` (Debian's chromium) or set DISCOURSE_LAB_CHROMIUM"


def launch(playwright):
    """A headless Chromium browser from a running ``sync_playwright()``."""
    problem = missing_message()
    if problem:
        raise FileNotFoundError(problem)
    return playwright.chromium.launch(executable_path=str(path()), args=ARGS, headless=True)
