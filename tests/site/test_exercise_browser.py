"""The exercises in the built book, in headless Chromium, with every request outside 127.0.0.1
blocked: answer one exercise of each type, see the right feedback, reload, find the answers kept."""

from __future__ import annotations


from discourse_lab.exercises import get


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
    "ch01-source-event-or-evaluation": {"p1s1": "event", "p2s2": "content", "p3s3": "content", "p4s1": "evaluation", "p5s1": "evaluation"},
    "ch01-source-spellings": {"kiev": "ru", "kyiv": "uk", "donbass": "ru", "donbas": "uk", "sergei": "agency"},
}
TIMELINE = ["jan2022", "istanbul", "announced", "interview", "menafn"]
SHORT = "TASS reported no pause in fighting during talks; the item leaves it out, and only comparison shows it."
REWRITE = "In the interview, Lavrov set out Russia's approach to the conflicts."


def answer_everything(page):
    """Answer each exercise on the tour page; return nothing, assert the feedback as we go."""
    # choice: a wrong answer first, then the right one
    box = ex(page, "ch01-source-dateline")
    box.get_by_label("The text comes from MENA, Egypt's state news agency.").check()
    fb = check(page, "ch01-source-dateline")
    assert "Not quite" in fb.inner_text() and "MENA is Egypt's state agency" in fb.inner_text()
    box.get_by_label("MENAFN published the item, and it names no other agency as the origin of the text.").check()
    fb = check(page, "ch01-source-dateline")
    assert fb.inner_text().startswith("\u2714 Correct") and "1 of 1 points" in fb.inner_text()
    assert "2 attempts" in box.locator(".dl-attempts").inner_text()

    # multi: two of three right options -> partial credit
    box = ex(page, "ch01-source-what-the-item-says")
    box.get_by_label("The date it was published.").check()
    box.get_by_label("Which media outlets took part in the interview.").check()
    fb = check(page, "ch01-source-what-the-item-says")
    assert "Partly right" in fb.inner_text() and "1.33 of 2 points" in fb.inner_text()

    # tagging
    box = ex(page, "ch01-source-event-or-evaluation")
    for i, label in enumerate(RIGHT["ch01-source-event-or-evaluation"].values()):
        box.locator("select").nth(i).select_option(label)
    assert "Correct" in check(page, "ch01-source-event-or-evaluation").inner_text()

    # span, by keyboard: focus the first word, move right to "Sergey", press Space; then click two words
    box = ex(page, "ch01-source-house-style")
    box.locator(".dl-token").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert box.locator('.dl-token[data-token-id="p1s1t4"]').get_attribute("aria-pressed") == "true"
    box.locator('.dl-token[data-token-id="p1s1t22"]').click()
    box.locator('.dl-token[data-token-id="p1s1t23"]').click()
    assert "Correct" in check(page, "ch01-source-house-style").inner_text()

    # matching
    box = ex(page, "ch01-source-spellings")
    for i, target in enumerate(RIGHT["ch01-source-spellings"].values()):
        box.locator("select").nth(i).select_option(target)
    assert "Correct" in check(page, "ch01-source-spellings").inner_text()

    # ordering
    box = ex(page, "ch01-source-timeline")
    put_in_order(box, TIMELINE)
    assert order_of(box) == TIMELINE
    assert "Correct" in check(page, "ch01-source-timeline").inner_text()

    # short text: model answer and rubric appear only after submitting
    box = ex(page, "ch01-source-left-out")
    model = get("ch01-source-left-out").data["model_answer"]
    assert model not in box.inner_text()
    box.locator("textarea").fill(SHORT)
    fb = check(page, "ch01-source-left-out")
    assert "Answer recorded" in fb.inner_text() and model in fb.inner_text()
    assert fb.locator(".dl-rubric input[type=checkbox]").count() == len(get("ch01-source-left-out").data["rubric"])

    # rewrite: indicators of the original and of the rewrite side by side
    box = ex(page, "ch01-source-neutral-close")
    box.locator("textarea").fill(REWRITE)
    fb = check(page, "ch01-source-neutral-close")
    row = fb.locator("table.dl-indicators tr", has_text="subjective")
    cells = row.locator("td").all_inner_texts()
    assert cells[0].startswith("4") and cells[1].startswith("0")

    # graded: saved, no feedback on correctness
    box = ex(page, "ch01-source-interview-date")
    box.get_by_label("19 April 2024").check()
    fb = check(page, "ch01-source-interview-date")
    assert "Answer saved" in fb.inner_text() and "Correct" not in fb.inner_text()


def assert_answers_restored(page):
    assert ex(page, "ch01-source-dateline").get_by_label(
        "MENAFN published the item, and it names no other agency as the origin of the text.").is_checked()
    assert "Correct" in ex(page, "ch01-source-dateline").locator(".dl-feedback").inner_text()
    assert ex(page, "ch01-source-what-the-item-says").get_by_label("The date it was published.").is_checked()
    selects = ex(page, "ch01-source-event-or-evaluation").locator("select")
    assert [selects.nth(i).input_value() for i in range(5)] == list(RIGHT["ch01-source-event-or-evaluation"].values())
    pressed = ex(page, "ch01-source-house-style").locator('.dl-token[aria-pressed="true"]').evaluate_all(
        "els => els.map(e => e.dataset.tokenId)")
    assert pressed == ["p1s1t4", "p1s1t22", "p1s1t23"]
    selects = ex(page, "ch01-source-spellings").locator("select")
    assert [selects.nth(i).input_value() for i in range(5)] == list(RIGHT["ch01-source-spellings"].values())
    assert order_of(ex(page, "ch01-source-timeline")) == TIMELINE
    assert ex(page, "ch01-source-left-out").locator("textarea").input_value() == SHORT
    assert ex(page, "ch01-source-neutral-close").locator("textarea").input_value() == REWRITE
    assert ex(page, "ch01-source-interview-date").get_by_label("19 April 2024").is_checked()


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
    graded = get("ch01-source-interview-date")
    for secret in graded.secret_strings():
        for form in (secret, escape(secret), spec_json(secret)[1:-1]):
            assert form not in html
    # the control: a self-check exercise's explanation is found the same way
    assert spec_json(get("ch01-source-dateline").explanation)[1:-1] in html


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
    box = ex(page, "ch01-source-dateline")
    region = box.locator(".dl-feedback")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    box.get_by_label("MENAFN conducted the interview with the minister.").check()
    box.locator("button.dl-check").press("Enter")
    text = region.inner_text()
    assert "\u2716" in text and "Not quite" in text  # an icon and a word, besides the colour
    # every form control has an accessible name
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.dl-exercise input, .dl-exercise select, .dl-exercise textarea')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).length""")
    assert unnamed == 0
