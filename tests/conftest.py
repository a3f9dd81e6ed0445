"""Fixtures for the whole suite, and the markers they imply.

A test is marked from the fixtures it uses (directly or through other fixtures), so
``pytest -m "not book and not browser and not live"`` leaves out exactly the tests that build the
book, drive Chromium or start Jupyter. Site tests (``tests/site/``) add the server and page
fixtures in their own conftest; shared helpers live in ``tests/support.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from discourse_lab import settings

from support import ROOT, markers_from_fixtures


def pytest_collection_modifyitems(items):
    for item in items:
        for name in sorted(markers_from_fixtures(item)):
            item.add_marker(name)


# Copies of this session's book build when it started from nothing (no site, no saved Sphinx
# environment, no execution cache), as on CI's clean clone: such a build is a clean build, so the
# reproducibility test (tests/site/test_reproducible.py) compares it with one more clean build
# instead of making two of its own (its set-up went from 136 s to 76 s in a full run from a clean build).
CLEAN_SESSION_SITES: list[Path] = []


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the book once (as ``make book`` does; notebooks are cached); return (html folder, build
    log text). Fails the test if the build fails."""
    from scripts import build_book

    # DISCOURSE_LAB_BUILD_DIR lets parallel work build into its own folder instead of _build/.
    out = (settings.build_dir() or ROOT).resolve()
    clean = not any((out / "_build" / name).exists() for name in ("html", ".doctrees", ".jupyter_cache"))
    code = build_book.build(out)
    log = (out / "_build" / "build.log").read_text(encoding="utf-8", errors="replace")
    if code != 0:
        pytest.fail("the book build failed; last lines of the log:\n" + "\n".join(log.splitlines()[-40:]))
    if clean:  # copied now, before any test can touch the site
        snapshot = tmp_path_factory.mktemp("clean-session-build") / "html"
        shutil.copytree(out / "_build" / "html", snapshot)
        CLEAN_SESSION_SITES.append(snapshot)
    return out / "_build" / "html", log


@pytest.fixture(scope="session")
def clean_session_site(book_build) -> Path | None:
    """The copy of this session's book build if it was a clean build (see CLEAN_SESSION_SITES), else None."""
    return CLEAN_SESSION_SITES[0] if CLEAN_SESSION_SITES else None


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
