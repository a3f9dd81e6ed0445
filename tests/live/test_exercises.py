"""Each exercise type answered through the live widget in JupyterLab, with its feedback seen and its answer stored."""

from __future__ import annotations

import pytest

from discourse_lab.exercises import catalogue

from .lab import UI_TIMEOUT, give_answer, shown_answer, submit

NOTEBOOK = "chapters/exercise-types.ipynb"  # the tour: one exercise of each type, its own ids
# type -> (exercise, answer as a student gives it, words the feedback must show)
TEXT = "The readout quotes one side only, so a reader hears no other voice."
REWRITE = "The statement ends the report."
CASES = {
    "choice": ("tour-choice", None, ["Correct", "1 of 1 points"]),
    "multi": ("tour-multi", None, ["Correct", "1 of 1 points"]),
    "tagging": ("tour-tagging", None, ["Correct", "2 of 2 points"]),
    "span": ("tour-span", None, ["Correct", "1 of 1 points"]),
    "matching": ("tour-matching", None, ["Correct", "1 of 1 points"]),
    "ordering": ("tour-ordering", None, ["Correct", "1 of 1 points"]),
    "short_text": ("tour-short", TEXT, ["Answer recorded", "Model answer"]),
    "rewrite": ("tour-rewrite", REWRITE, ["Answer recorded", "Bias indicators"]),
}


@pytest.fixture(scope="module")
def types_panel(lab_session):
    """exercise-types.ipynb opened and run once for the module's tests; closed with its kernel at the end."""
    with lab_session.ran(NOTEBOOK) as panel:
        yield panel


def test_a_wrong_first_try_gets_a_hint_not_the_answer(lab_session, types_panel):
    """The live widget holds the "Why" back after one wrong try and shows it after the second.

    Runs before the type tests, which then give tour-choice its right answer.
    """
    exercise = catalogue.get("tour-choice")
    ex = lab_session.exercise(types_panel, exercise.id)
    give_answer(ex, exercise, "reporter")
    feedback = submit(ex)
    assert "Not quite" in feedback and "hand the words to someone else" in feedback, feedback
    why = ex.locator(".dl-feedback details.dl-fb-why")
    assert why.count() == 1 and why.get_attribute("open") is None
    assert not why.locator(".dl-fb-explanation").is_visible()
    give_answer(ex, exercise, "quell")
    ex.locator("button.dl-check").click()
    ex.locator(".dl-feedback > .dl-fb-explanation").wait_for(state="visible", timeout=UI_TIMEOUT)
    assert ex.locator(".dl-feedback details.dl-fb-why").count() == 0
    assert "2 attempts" in ex.locator(".dl-attempts").inner_text()


def test_row_items_hint_first_and_an_untouched_ordering_is_no_answer(lab_session, types_panel, jupyter_server):
    """The live widget, scored in Python: a wrong tagging try names the rows and a pointer, not the
    reasons (those open with "Show why" and after the second try); Check on an ordering nobody moved
    sends nothing, saves nothing and counts no attempt. Runs before the type tests."""
    exercise = catalogue.get("tour-tagging")
    reasons = list(exercise.data["feedback"].values())
    ex = lab_session.exercise(types_panel, exercise.id)
    labels = [label["id"] for label in exercise.data["labels"]]
    wrong = {row: next(x for x in labels if x != right) for row, right in exercise.answer_key.items()}
    give_answer(ex, exercise, wrong)
    feedback = submit(ex)
    assert "Not right yet: p1s3, p2s1, p2s2 and p3s2" in feedback and "Hint: Look again at" in feedback, feedback
    assert not [r for r in reasons if r in feedback], feedback
    assert ex.locator(".dl-row-wrong").count() == len(reasons)
    ex.locator("details.dl-fb-why > summary").click()
    assert all(r in ex.locator(".dl-feedback").inner_text() for r in reasons)
    give_answer(ex, exercise, dict(exercise.answer_key, p1s3=wrong["p1s3"]))
    ex.locator("button.dl-check").click()
    ex.locator(".dl-feedback > .dl-fb-reasons").wait_for(state="visible", timeout=UI_TIMEOUT)
    assert (
        reasons[0] in ex.locator(".dl-feedback").inner_text()
        and "2 attempts" in ex.locator(".dl-attempts").inner_text()
    )

    ordering = lab_session.exercise(types_panel, "tour-ordering")
    feedback = submit(ordering)
    assert "Move the items into order first" in feedback and "0 of 1 points" in feedback, feedback
    assert ordering.locator(".dl-attempts").inner_text() == ""
    assert not [a for a in jupyter_server.stored_answers().values() if "tour-ordering" in a]


@pytest.mark.parametrize("kind", list(CASES))
def test_answer_each_type(lab_session, types_panel, jupyter_server, kind):
    exercise_id, answer, expected = CASES[kind]
    exercise = catalogue.get(exercise_id)
    assert exercise.type == kind
    answer = answer if answer is not None else exercise.answer_key  # the right answer, from the bank's key
    ex = lab_session.exercise(types_panel, exercise_id)
    give_answer(ex, exercise, answer)
    feedback = submit(ex)
    for words in expected:
        assert words in feedback, f"{kind}: feedback lacks {words!r}:\n{feedback}"
    # Normalise multi and span (their order on screen is the order of the options or tokens).
    norm = (lambda a: sorted(a)) if kind in ("multi", "span") else (lambda a: a)
    assert norm(shown_answer(ex, exercise)) == norm(answer)
    # The kernel saved it in the answer store the moment the feedback came back.
    stored = [a[exercise_id]["answer"] for a in jupyter_server.stored_answers().values() if exercise_id in a]
    assert [norm(a) for a in stored] == [norm(answer)], f"store: {jupyter_server.stored_answers()}"
