"""Each exercise type answered through the live widget in JupyterLab, with its feedback seen and its answer stored."""

from __future__ import annotations

import pytest

from discourse_lab.exercises import catalogue as spec  # get(): an exercise of the public bank

from .lab import give_answer, shown_answer, submit

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
    panel = lab_session.open(NOTEBOOK)
    lab_session.run_all(panel)
    yield panel
    lab_session.close_all()


@pytest.mark.parametrize("kind", list(CASES))
def test_answer_each_type(lab_session, types_panel, jupyter_server, kind):
    exercise_id, answer, expected = CASES[kind]
    exercise = spec.get(exercise_id)
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
