"""The exercises in the built book, in headless Chromium, with every request outside 127.0.0.1
blocked: answer one exercise of each type, see the right feedback, reload, find the answers kept."""

from __future__ import annotations

import pytest

from discourse_lab.exercises import get
from support import ROOT


TOUR = "chapters/exercise-types.html"


def ex(page, exercise_id):
    return page.locator(f'.dl-exercise[data-exercise-id="{exercise_id}"]')


def check(page, exercise_id):
    box = ex(page, exercise_id)
    box.locator("button.dl-check").click()
    return box.locator(".dl-feedback")


def order_of(box):
    return box.locator(".dl-order li").evaluate_all("els => els.map(e => e.dataset.itemId)")


def put_in_order(box, wanted):
    """Reorder with the Up buttons only, as a keyboard user would."""
    for target, item in enumerate(wanted):
        while order_of(box).index(item) > target:
            box.locator(f'.dl-order li[data-item-id="{item}"] button', has_text="Up").click()


RIGHT = {
    "tour-tagging": {"p1s3": "not_quoted", "p2s1": "quoted", "p2s2": "not_quoted", "p3s2": "not_quoted"},
    "tour-matching": {"darrow": "marovia", "quell": "kestland", "brell": "kestland"},
}
ORDER = ["signed", "darrow", "welcome"]
SHORT = "Who published it and where its words came from, so I know whose words I quote."
REWRITE = "The agreement sets out how the two countries will share the water."


def answer_everything(page):
    """Answer each exercise on the tour page; return nothing, assert the feedback as we go."""
    # choice: a wrong answer first (a hint, the "Why" held back), then the right one
    box = ex(page, "tour-choice")
    box.get_by_label("The reporter's own.").check()
    fb = check(page, "tour-choice")
    assert "Not quite" in fb.inner_text() and "hand the words to someone else" in fb.inner_text()
    assert fb.locator("details.dl-fb-why").count() == 1 and not fb.locator("details.dl-fb-why").get_attribute("open")
    assert not fb.locator("details.dl-fb-why .dl-fb-explanation").is_visible()
    box.get_by_label("Ilse Darrow, a foreign minister.").check()
    fb = check(page, "tour-choice")
    assert fb.inner_text().startswith("\u2714 Correct") and "1 of 1 points" in fb.inner_text()
    assert fb.locator(".dl-fb-explanation").is_visible() and fb.locator("details.dl-fb-why").count() == 0
    assert "2 attempts" in box.locator(".dl-attempts").inner_text()

    # multi: one right and one wrong option -> no credit, a hint
    box = ex(page, "tour-multi")
    box.get_by_label("A web browser with this page open.").check()
    box.get_by_label("An internet connection.").check()
    fb = check(page, "tour-multi")
    assert "Not quite" in fb.inner_text() and "works offline" in fb.inner_text()
    box.get_by_label("An internet connection.").uncheck()
    assert "Correct" in check(page, "tour-multi").inner_text()

    # tagging and matching: one select per row
    for ex_id in ("tour-tagging", "tour-matching"):
        box = ex(page, ex_id)
        for i, value in enumerate(RIGHT[ex_id].values()):
            box.locator("select").nth(i).select_option(value)
        assert "Correct" in check(page, ex_id).inner_text()

    # span, by keyboard: focus the word "Tomas", press Space; then click "Quell"
    box = ex(page, "tour-span")
    box.locator('.dl-token[data-token-id="p2s2t6"]').focus()
    page.keyboard.press("Space")
    assert box.locator('.dl-token[data-token-id="p2s2t6"]').get_attribute("aria-pressed") == "true"
    box.locator('.dl-token[data-token-id="p2s2t7"]').click()
    assert "Correct" in check(page, "tour-span").inner_text()

    # ordering
    box = ex(page, "tour-ordering")
    put_in_order(box, ORDER)
    assert order_of(box) == ORDER
    assert "Correct" in check(page, "tour-ordering").inner_text()

    # short text: model answer and rubric appear only after submitting
    box = ex(page, "tour-short")
    model = get("tour-short").data["model_answer"]
    assert model not in box.inner_text()
    box.locator("textarea").fill(SHORT)
    fb = check(page, "tour-short")
    assert "Answer recorded" in fb.inner_text() and model in fb.inner_text()
    assert fb.locator(".dl-rubric input[type=checkbox]").count() == len(get("tour-short").data["rubric"])

    # rewrite: indicators of the original and of the rewrite side by side
    box = ex(page, "tour-rewrite")
    box.locator("textarea").fill(REWRITE)
    fb = check(page, "tour-rewrite")
    row = fb.locator("table.dl-indicators tr", has_text="subjective")
    cells = row.locator("td").all_inner_texts()
    assert cells[0].startswith("1") and cells[1].startswith("0")

    # graded: saved, no feedback on correctness
    box = ex(page, "tour-graded")
    box.get_by_label("The fourth").check()
    fb = check(page, "tour-graded")
    assert "Answer saved" in fb.inner_text() and "Correct" not in fb.inner_text()


def assert_answers_restored(page):
    assert ex(page, "tour-choice").get_by_label("Ilse Darrow, a foreign minister.").is_checked()
    assert "Correct" in ex(page, "tour-choice").locator(".dl-feedback").inner_text()
    assert ex(page, "tour-multi").get_by_label("A web browser with this page open.").is_checked()
    selects = ex(page, "tour-tagging").locator("select")
    assert [selects.nth(i).input_value() for i in range(4)] == list(RIGHT["tour-tagging"].values())
    pressed = (
        ex(page, "tour-span")
        .locator('.dl-token[aria-pressed="true"]')
        .evaluate_all("els => els.map(e => e.dataset.tokenId)")
    )
    assert pressed == ["p2s2t6", "p2s2t7"]
    selects = ex(page, "tour-matching").locator("select")
    assert [selects.nth(i).input_value() for i in range(3)] == list(RIGHT["tour-matching"].values())
    assert order_of(ex(page, "tour-ordering")) == ORDER
    assert ex(page, "tour-short").locator("textarea").input_value() == SHORT
    assert ex(page, "tour-rewrite").locator("textarea").input_value() == REWRITE
    assert ex(page, "tour-graded").get_by_label("The fourth").is_checked()


def test_tour_has_its_own_exercises():
    """Does the tour use ids of its own, so that trying it answers no lesson in advance?"""
    import json
    import re
    from pathlib import Path

    nb = json.loads(
        (Path(__file__).resolve().parents[2] / "chapters" / "exercise-types.ipynb").read_text(encoding="utf-8")
    )
    shown = re.findall(
        r"""show\(\s*["']([a-z0-9-]+)["']""",
        "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"),
    )
    assert len(shown) == 9
    assert all(get(i).chapter == 0 for i in shown), [i for i in shown if get(i).chapter != 0]


def test_every_type_answered_and_kept_across_a_reload(recorder, served_book):
    page = recorder.page
    page.goto(served_book + TOUR)
    page.wait_for_selector(".dl-exercise.dl-ready")
    assert page.locator(".dl-exercise[data-exercise-id] .dl-ex").count() == 9
    answer_everything(page)
    page.reload()
    page.wait_for_selector(".dl-exercise.dl-ready")
    assert_answers_restored(page)
    assert recorder.console_errors == []
    assert recorder.blocked == []


def test_graded_exercise_page_holds_no_key(built_book):
    from html import escape

    from discourse_lab.exercises.static import spec_json

    html = (built_book / TOUR).read_text(encoding="utf-8")
    graded = get("tour-graded")
    for secret in graded.secret_strings():
        for form in (secret, escape(secret), spec_json(secret)[1:-1]):
            assert form not in html
    # the control: a self-check exercise's explanation is found the same way
    assert spec_json(get("tour-choice").explanation)[1:-1] in html


def test_a_page_without_exercises_is_untouched(recorder, served_book):
    page = recorder.page
    page.goto(served_book + "chapters/bibliography.html")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof DLExercises") == "object"  # loaded, but nothing to do
    assert page.locator(".dl-ex").count() == 0
    assert recorder.console_errors == []


def test_feedback_is_announced_and_not_by_colour_alone(recorder, served_book):
    page = recorder.page
    page.goto(served_book + TOUR)
    page.wait_for_selector(".dl-exercise.dl-ready")
    box = ex(page, "tour-choice")
    region = box.locator(".dl-feedback")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    box.get_by_label("Tomas Quell, a water minister.").check()
    box.locator("button.dl-check").press("Enter")
    text = region.inner_text()
    assert "\u2716" in text and "Not quite" in text  # an icon and a word, besides the colour
    # every form control has an accessible name
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.dl-exercise input, .dl-exercise select, .dl-exercise textarea')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).length""")
    assert unnamed == 0


LESSON_PAGES = ["chapters/exercise-types.html"] + [
    f"chapters/{p.stem}.html" for p in sorted((ROOT / "chapters").glob("0[1-8]_*.ipynb"))
]


@pytest.mark.parametrize("page_path", LESSON_PAGES)
def test_numbers_ascend_down_every_lesson_page(built_book, page_path):
    """Each lesson page shows exercise N.1, N.2, … N.m in that order, every number printed in its title."""
    import re
    from html import unescape

    from discourse_lab.exercises import exercise_number

    html = (built_book / page_path).read_text(encoding="utf-8")
    shown = re.findall(r'<div class="dl-exercise" data-exercise-id="([^"]+)"[^>]*>.*?<strong>(.*?)</strong>', html)
    assert shown, page_path
    numbers = [exercise_number(eid) for eid, _ in shown]
    lesson = numbers[0].split(".")[0]
    assert numbers == [f"{lesson}.{k}" for k in range(1, len(shown) + 1)], list(zip([e for e, _ in shown], numbers))
    for (eid, title), number in zip(shown, numbers):
        assert unescape(title) == f"Exercise {number} \u00b7 {get(eid).title}", eid


def test_number_in_the_drawn_title(recorder, served_book):
    page = recorder.page
    page.goto(served_book + "chapters/02_who_speaks.html")
    page.wait_for_selector(".dl-exercise.dl-ready")
    kinds = page.locator(".dl-exercise .dl-ex-kind").all_text_contents()
    assert kinds[:3] == ["Exercise 2.1 \u00b7", "Exercise 2.2 \u00b7", "Exercise 2.3 \u00b7"]


# ---------------------------------------------------------------- hints that hint, on every row-by-row item

ROW_TYPES = ("tagging", "matching", "ordering")


def page_specs(built_book, page_path):
    """The client spec of every exercise on a built page, in page order."""
    import json
    import re
    from html import unescape

    html = (built_book / page_path).read_text(encoding="utf-8")
    return [
        json.loads(unescape(s))
        for s in re.findall(r'<script type="application/json" class="dl-exercise-spec">(.*?)</script>', html)
    ]


def test_sixteen_row_items_in_the_lessons_and_three_in_the_tour(built_book):
    counts = {p: sum(s["type"] in ROW_TYPES for s in page_specs(built_book, p)) for p in LESSON_PAGES}
    assert counts.pop("chapters/exercise-types.html") == 3
    assert sum(counts.values()) == 16, counts


def rows_of(spec):
    return [r["id"] for r in spec["sentences" if spec["type"] == "tagging" else "items"]]


def choose_rows(box, spec, answer):
    for i, row in enumerate(rows_of(spec)):
        box.locator(".dl-row select").nth(i).select_option(answer[row])


def all_wrong(spec):
    if spec["type"] == "ordering":
        return list(reversed(spec["key"]["answer"]))
    choices = [c["id"] for c in spec["labels" if spec["type"] == "tagging" else "targets"]]
    return {row: next(c for c in choices if c != right) for row, right in spec["key"]["answer"].items()}


def one_wrong(spec):
    """A second, different answer: the key with one row (or the first two places) wrong."""
    key = spec["key"]["answer"]
    if spec["type"] == "ordering":
        return [key[1], key[0], *key[2:]]
    first = rows_of(spec)[0]
    return dict(key, **{first: all_wrong(spec)[first]})


def give(box, spec, answer):
    if spec["type"] == "ordering":
        put_in_order(box, answer)
    else:
        choose_rows(box, spec, answer)
    box.locator("button.dl-check").click()
    return box.locator(".dl-feedback")


@pytest.mark.parametrize("page_path", LESSON_PAGES)
def test_first_wrong_try_hints_and_the_reasons_wait(recorder, served_book, built_book, page_path):
    """Every tagging, matching and ordering item: an untouched ordering is no answer; the first wrong
    try names the wrong rows and a pointer and shows none of the per-row reasons; "Show why" and the
    second try show them."""
    specs = [s for s in page_specs(built_book, page_path) if s["type"] in ROW_TYPES]
    if not specs:
        pytest.skip("no row-by-row exercise on this page")
    page = recorder.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(served_book + page_path)
    page.wait_for_selector(".dl-exercise.dl-ready")
    for spec in specs:
        box = ex(page, spec["id"])
        reasons = list(spec["key"].get("feedback", {}).values())
        assert reasons, spec["id"]
        if spec["type"] == "ordering":
            box.locator("button.dl-check").click()
            fb = box.locator(".dl-feedback").inner_text()
            assert "Move the items into order first" in fb and f"0 of {spec['points']:g} points" in fb, spec["id"]
            assert box.locator(".dl-attempts").inner_text() == ""
        fb = give(box, spec, all_wrong(spec))
        text = fb.inner_text()
        assert text.startswith(("\u2716 Not quite", "\u25d0 Partly right")), (spec["id"], text)
        assert "Not right yet" in text or "Out of place" in text, (spec["id"], text)
        assert "Hint: Look again at" in text, (spec["id"], text)
        leaked = [r for r in reasons if r in text]
        assert not leaked, (spec["id"], leaked)
        assert spec["key"]["explanation"] not in text
        assert box.locator(".dl-row-wrong").count() >= 1 and box.locator(".dl-attempts").inner_text() == "1 attempt"
        # on request
        fb.locator("details.dl-fb-why > summary").click()
        shown = fb.inner_text()
        assert sum(r in shown for r in reasons) >= 1 and spec["key"]["explanation"] in shown, spec["id"]
        # the second try
        fb = give(box, spec, one_wrong(spec))
        second = fb.inner_text()
        assert box.locator(".dl-attempts").inner_text() == "2 attempts"
        assert fb.locator("details.dl-fb-why").count() == 0
        assert any(r in second for r in reasons) and spec["key"]["explanation"] in second, spec["id"]
    assert recorder.console_errors == []
    assert recorder.blocked == []
