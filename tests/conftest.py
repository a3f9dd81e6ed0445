"""Fixtures for the whole suite, and the markers they imply.

A test is marked from the fixtures it uses (directly or through other fixtures), so
``pytest -m "not book and not browser and not live"`` leaves out exactly the tests that build the
book, drive Chromium or start Jupyter. Site tests (``tests/site/``) add the server and page
fixtures in their own conftest; shared helpers live in ``tests/support.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discourse_lab import settings

from support import ROOT, markers_from_fixtures


def pytest_collection_modifyitems(items):
    for item in items:
        for name in sorted(markers_from_fixtures(item)):
            item.add_marker(name)


@pytest.fixture(scope="session")
def book_build():
    """Build the book once (as ``make book`` does; notebooks are cached); return (html folder, build
    log text). Fails the test if the build fails."""
    from scripts import build_book

    # DISCOURSE_LAB_BUILD_DIR lets parallel work build into its own folder instead of _build/.
    out = (settings.build_dir() or ROOT).resolve()
    code = build_book.build(out)
    log = (out / "_build" / "build.log").read_text(encoding="utf-8", errors="replace")
    if code != 0:
        pytest.fail("the book build failed; last lines of the log:\n" + "\n".join(log.splitlines()[-40:]))
    return out / "_build" / "html", log


@pytest.fixture(scope="session")
def built_book(book_build) -> Path:
    return book_build[0]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (``scripts/chromium.py``: Debian's, or ``DISCOURSE_LAB_CHROMIUM``)."""
    from playwright.sync_api import sync_playwright

    from scripts import chromium

    problem = chromium.missing_message()
    if problem:
        pytest.fail(problem)
    with sync_playwright() as pw:
        instance = chromium.launch(pw)
        yield instance
        instance.close()
