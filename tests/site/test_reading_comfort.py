"""Reading comfort in a phone's browser: at 390 px no page of the book scrolls sideways, the rows
of tagging and matching exercises and of the analysis tables stack, and the favicon loads."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "chapters").glob("0*_*.ipynb"))

PAGES = [f"chapters/{p.stem}.html" for p in LESSONS] + [
    "chapters/exercise-types.html",
    "chapters/glossary.html",
    "chapters/bibliography.html",
    "chapters/intro.html",
]


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone_and_rows_stack(browser, served_book):
    """At 390 px no page is wider than the screen; tagging and matching rows put the choice under
    the label; table rows stack; the favicon loads (no 404)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    missing = []
    page.on("response", lambda res: res.status >= 400 and missing.append(res.url))
    wide = {}
    for name in PAGES:
        page.goto(served_book + name, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[name] = width
    assert wide == {}
    page.goto(served_book + "chapters/exercise-types.html", wait_until="load")
    page.wait_for_selector(".dl-exercise.dl-ready")
    row = page.locator(".dl-row").first
    label, select = row.locator("label").bounding_box(), row.locator("select").bounding_box()
    assert select["y"] >= label["y"] + label["height"] - 1, "the choice is not under its label"
    page.goto(served_book + "chapters/05_naming_omission.html", wait_until="load")
    display = page.evaluate("getComputedStyle(document.querySelector('table.dl-table tr')).display")
    assert display == "block"
    assert missing == []
    context.close()
