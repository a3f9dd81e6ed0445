"""Accessibility of the built book: axe-core on every page in both colour modes, figure alt text,
and exercises answered with the keyboard alone.

axe-core (4.12.1) comes inside the pinned PyPI package ``axe-playwright-python`` and is injected
into each page by Playwright; nothing is fetched at test time.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from site_checks import pages
from support import PageRecorder, attr


BLOCKING_IMPACTS = {"serious", "critical"}
TOUR_PAGE = "chapters/exercise-types.html"


def _page_in_mode(browser, mode: str):
    """A PageRecorder whose pages open in ``mode``: the theme reads localStorage "mode"/"theme"
    before it paints, so they are set before any page script runs."""
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    return PageRecorder(context)


def _violations(axe, page) -> list[str]:
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(served_book, built_book, browser, mode):
    """Does axe-core find no serious or critical violation on any page, in this colour mode?"""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    rec = _page_in_mode(browser, mode)
    problems = {}
    try:
        for page in pages(built_book):
            rel = page.relative_to(built_book).as_posix()
            rec.page.goto(served_book + rel, wait_until="networkidle")
            # The check is only meaningful if the page really shows the mode under test.
            assert rec.page.evaluate("document.documentElement.dataset.theme") == mode, rel
            found = _violations(axe, rec.page)
            if found:
                problems[rel] = found
    finally:
        rec.context.close()
    assert problems == {}


def test_axe_reports_what_the_gate_must_catch(browser):
    """Does the axe-core check itself flag an unlabelled input and unreadable grey-on-grey text?"""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="en"><head><title>t</title></head><body><main><input type="text">'
            '<p style="color:#aaa;background:#bbb">faint</p></main></body></html>'
        )
        found = " ".join(_violations(Axe(), page))
    finally:
        page.close()
    assert "label (critical)" in found and "color-contrast (serious)" in found


def test_every_image_has_alt_text(built_book):
    """Does every <img> on every page carry a non-empty alt attribute?"""
    missing = {}
    for page in pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        bad = [str(img)[:120] for img in soup.find_all("img") if not attr(img, "alt", "").strip()]
        if bad:
            missing[page.relative_to(built_book).as_posix()] = bad
    assert missing == {}


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const ex = e && e.closest('.dl-exercise');
                   return {tag: e ? e.tagName : null, type: e && e.type || null, value: e && e.value || null,
                           check: !!(e && e.classList && e.classList.contains('dl-check')),
                           exercise: ex ? ex.dataset.exerciseId : null}; }"""
    )


def _tab_until(page, wanted, limit=400) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = _focused(page)
        if wanted(state):
            return state
    pytest.fail("Tab never reached the wanted control")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_choice_exercise_can_be_answered_with_the_keyboard_alone(served_book, built_book, browser, mode):
    """On the exercise tour page, can a reader Tab to a multiple-choice exercise, pick the right
    option with the arrow keys, submit with Enter and hear (aria-live) that it is correct, and is
    the feedback itself free of serious axe-core findings (its colours differ by mode)?"""
    from axe_playwright_python.sync_playwright import Axe

    assert (built_book / TOUR_PAGE).is_file(), f"{TOUR_PAGE} is not built"
    rec = _page_in_mode(browser, mode)
    page = rec.page
    try:
        page.goto(served_book + TOUR_PAGE, wait_until="networkidle")
        page.evaluate("localStorage.removeItem('discourse-lab:answers:v1')")  # no answer restored from a visit
        page.reload(wait_until="networkidle")
        specs = {
            s["id"]: s
            for s in (
                json.loads(t)
                for t in page.eval_on_selector_all(".dl-exercise-spec", "els => els.map(e => e.textContent)")
            )
            if s.get("type") == "choice" and s.get("key")
        }
        assert specs, "the tour page has no self-check choice exercise"

        # Tab from the top of the page to the first radio button of a choice exercise.
        state = _tab_until(page, lambda s: s["type"] == "radio" and s["exercise"] in specs)
        exercise = specs[state["exercise"]]
        options = [o["id"] for o in exercise["options"]]
        # Tab lands on the first option of an unanswered group; Space checks it, arrows move and check.
        page.keyboard.press("Space")
        for _ in range(options.index(exercise["key"]["answer"])):
            page.keyboard.press("ArrowDown")
        assert _focused(page)["value"] == exercise["key"]["answer"]
        _tab_until(page, lambda s: s["check"] and s["exercise"] == exercise["id"], limit=20)
        page.keyboard.press("Enter")

        box = f'.dl-exercise[data-exercise-id="{exercise["id"]}"]'
        feedback = page.locator(f"{box} .dl-feedback")
        feedback.wait_for(state="visible", timeout=5000)
        assert "dl-status-correct" in (feedback.get_attribute("class") or "")
        assert "Correct" in feedback.inner_text()
        assert feedback.get_attribute("aria-live") == "polite"
        assert rec.console_errors == []  # before axe runs: its style-sheet probing can log a 404 of its own
        assert _violations_in(Axe(), page, box) == []
    finally:
        rec.context.close()


def _violations_in(axe, page, selector: str) -> list[str]:
    results = axe.run(page, context={"include": [[selector]]}, options={"resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']})" for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
