"""Markers come from the fixtures a test uses, so `-m "not book and not browser"` leaves out exactly
the tests that build the book or drive Chromium (and a parameter that happens to be named like a
fixture marks nothing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT, markers_from_fixtures


class Item:
    """What the marking reads of a collected test: its fixtures and its parametrize marks."""

    def __init__(self, fixturenames, *marks):
        self.fixturenames = fixturenames
        self.marks = [m.mark for m in marks]

    def iter_markers(self, name):
        return (m for m in self.marks if m.name == name)


def test_each_fixture_gives_its_marker():
    assert markers_from_fixtures(Item(["tmp_path"])) == set()
    assert markers_from_fixtures(Item(["built_book", "book_build", "tmp_path"])) == {"book"}
    assert markers_from_fixtures(Item(["recorder", "browser", "served_book", "built_book", "book_build"])) == {
        "book",
        "browser",
    }
    assert markers_from_fixtures(Item(["lab", "jupyter_server"])) == {"live"}


def test_a_parameter_named_like_a_fixture_marks_nothing():
    direct = pytest.mark.parametrize("page, html", [("a", "b")])
    assert markers_from_fixtures(Item(["tmp_path", "page", "html"], direct)) == set()
    indirect = pytest.mark.parametrize("page", ["x"], indirect=True)  # the fixture itself, parametrized
    assert markers_from_fixtures(Item(["page"], indirect)) == {"browser"}


def test_collection_marks_real_tests():
    """One real collection: the built-page checks of test_chapters are `book`, test_links' "page"
    parameter is not `browser`."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "book or browser",
            "tests/test_chapters.py",
            "tests/site/test_links.py",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    items = [line for line in result.stdout.splitlines() if "::" in line]
    assert items and all(
        "test_chapters.py::test_built_page_" in i
        or "test_links.py::test_no_broken" in i
        or "test_links.py::test_external_link_report" in i
        for i in items
    ), items
