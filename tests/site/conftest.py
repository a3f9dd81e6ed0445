"""Site tests: the built book served on 127.0.0.1, and pages whose outside requests are blocked."""

from __future__ import annotations

import pytest

from support import PageRecorder, serve


@pytest.fixture(scope="session")
def served_book(built_book):
    """Base URL (ending in /) of the built book served by http.server on 127.0.0.1."""
    with serve(built_book) as url:
        yield url


@pytest.fixture
def recorder(browser):
    context = browser.new_context()
    rec = PageRecorder(context)
    yield rec
    context.close()
