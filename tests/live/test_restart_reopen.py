"""A kernel restart without re-running, a saved notebook opened again, a reloaded page: never a hang, never a lost answer."""

from __future__ import annotations

import re


from discourse_lab.exercises import catalogue as spec  # get(): an exercise of the public bank

from .lab import UI_TIMEOUT, assert_lesson_drawn, give_answer, shown_answer

# The exercise must tell the student what to do: re-run the cells (whatever the exact words).
RERUN = re.compile(r"\b(re-?run|run (the|this|all|these) cells?|run all)", re.IGNORECASE)
SETTLED = """(ex) => {
  const fb = ex.querySelector('.dl-feedback');
  const settled = fb && /dl-status-/.test(fb.className);
  return settled || /re-?run|run (the|this|all|these) cells?|run all/i.test(ex.innerText);
}"""


def stored(server, exercise_id):
    return [a[exercise_id]["answer"] for a in server.stored_answers().values() if exercise_id in a]


def test_restart_without_rerun(lab, jupyter_server):
    """Restart the kernel, answer without re-running: the widget says to re-run (no endless "Checking…");
    after Run All the answer is on screen and in the store."""
    exercise = spec.get("ch05-naming-war")
    answer = exercise.answer_key
    panel = lab.open("chapters/05_naming_omission.ipynb")
    lab.run_all(panel)
    lab.restart_kernel(panel)
    ex = lab.exercise(panel, exercise.id)
    give_answer(ex, exercise, answer)
    ex.locator("button.dl-check").click()
    try:
        lab.page.wait_for_function(SETTLED, arg=ex.element_handle(), timeout=UI_TIMEOUT)
    except Exception:
        raise AssertionError(f"after a restart the exercise never answered; it shows:\n{ex.inner_text()}") from None
    text = ex.inner_text()
    feedback = ex.locator(".dl-feedback").inner_text()
    assert RERUN.search(text) or "Correct" in feedback, f"neither feedback nor a re-run hint:\n{text}"
    # The student does what the exercise says: Run All. The answer must come back, and be saved.
    lab.run_all(panel)
    ex = lab.exercise(panel, exercise.id)
    lab.page.wait_for_function(
        "(ex) => /dl-status-/.test(ex.querySelector('.dl-feedback').className)",
        arg=ex.element_handle(),
        timeout=UI_TIMEOUT,
    )
    assert shown_answer(ex, exercise) == answer
    assert stored(jupyter_server, exercise.id) == [answer]
    assert "Correct" in ex.locator(".dl-feedback").inner_text()


def test_reopen_saved_notebook(lab, jupyter_server):
    """Answer, save, close (the kernel shuts down), open again: the server signed the lesson, so its
    exercises are drawn from the saved widget state with the answer given, and its numbers are shown.
    Checking before re-running says to run the cells; after Run All the answer and its feedback are back."""
    exercise = spec.get("ch07-voices-sources")
    answer = exercise.answer_key
    path = "chapters/07_voices_balance.ipynb"
    panel = lab.open(path)
    lab.run_all(panel)
    ex = lab.exercise(panel, exercise.id)
    give_answer(ex, exercise, answer)
    ex.locator("button.dl-check").click()
    ex.locator(".dl-feedback.dl-status-correct").wait_for(timeout=UI_TIMEOUT)
    lab.save(panel)
    lab.close_all()

    panel = lab.open(path)
    assert_lesson_drawn(lab, panel, "after reopening")
    ex = lab.exercise(panel, exercise.id)
    assert shown_answer(ex, exercise) == answer
    # Not re-run yet: the exercise has no kernel behind it, and says so rather than hanging.
    ex.locator("button.dl-check").click()
    try:
        lab.page.wait_for_function(SETTLED, arg=ex.element_handle(), timeout=UI_TIMEOUT)
    except Exception:
        raise AssertionError(f"a reopened exercise never answered; it shows:\n{ex.inner_text()}") from None
    assert RERUN.search(ex.inner_text()) or "Correct" in ex.locator(".dl-feedback").inner_text()
    lab.run_all(panel)
    ex = lab.exercise(panel, exercise.id)
    assert lab.page.locator(f'[id="{panel}"] .dl-exercise[data-exercise-id="{exercise.id}"]').count() == 1
    assert shown_answer(ex, exercise) == answer
    assert "Correct" in ex.locator(".dl-feedback").inner_text()


def test_reload_the_page_keeps_live_exercises(lab, jupyter_server):
    """Save, reload the browser tab (the kernel keeps running): the exercises come back live, the first
    Check after the reload is scored and saved at once, with no "Not saved yet"."""
    path = "chapters/05_naming_omission.ipynb"
    panel = lab.open(path)
    lab.run_all(panel)
    lab.save(panel)
    for exercise_id in ("ch05-naming-places", "ch05-naming-dates"):
        lab.page.goto(f"{jupyter_server.url}lab/tree/{path}?token={jupyter_server.token}")
        lab.wait_app()
        panel = lab.open(path)
        assert_lesson_drawn(lab, panel, "after reloading the page")
        exercise = spec.get(exercise_id)
        ex = lab.exercise(panel, exercise.id)
        give_answer(ex, exercise, exercise.answer_key)
        ex.locator("button.dl-check").click()
        ex.locator(".dl-feedback.dl-status-correct").wait_for(timeout=UI_TIMEOUT)
        assert "Not saved" not in ex.inner_text()
        assert stored(jupyter_server, exercise.id) == [exercise.answer_key]
        lab.save(panel)
