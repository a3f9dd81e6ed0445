"""Shift+Enter with focus in an exercise, in JupyterLab and Notebook 7: on a choice it runs the cell and
moves on, as anywhere in a notebook; in a text field it is typing (a new line), and nothing runs.

The exercises keep the keys typed in them from the notebook's command-mode shortcuts ("d d", "b");
that guard used to swallow Shift+Enter too, so it did nothing at all. Let through from a text field,
it would run the cell, redraw the exercise over the words not yet checked and send the next keys
typed to the notebook ("d d" deletes a cell).

The tour's exercises may hold answers saved by earlier tests of the session (one store for the
whole server), so each test first gives and saves an answer of its own and goes on from there.
"""

from __future__ import annotations

import pytest

from discourse_lab.exercises import catalogue

from .lab import UI_TIMEOUT, Lab, give_answer, shown_answer, submit

NOTEBOOK = "chapters/exercise-types.ipynb"
CHOICE, SHORT = "tour-choice", "tour-short"


@pytest.fixture(params=["jupyterlab", "notebook7"])
def tour(request, live_context, jupyter_server):
    """The tour, run, in a tab of its own (JupyterLab in its own workspace, or Notebook 7); (tab, panel)."""
    tab = Lab(live_context.new_page(), jupyter_server)
    try:
        if request.param == "notebook7":
            panel = tab.open_notebook7(NOTEBOOK)
        else:
            tab.start("lab/workspaces/shift-enter?reset")
            panel = tab.open(NOTEBOOK)
        tab.run_all(panel)
        yield tab, panel
    finally:
        tab.close_all()
        tab.page.close()


def show_cell(tab: Lab, panel: str, exercise_id: str) -> dict:
    return next(c for c in tab.cells(panel) if f'show("{exercise_id}")' in c["source"])


def saved(server, exercise_id: str):
    """The answer the store holds for ``exercise_id`` (None when there is none)."""
    found = [a[exercise_id]["answer"] for a in server.stored_answers().values() if exercise_id in a]
    return found[0] if found else None


def test_shift_enter_on_a_choice_runs_the_cell(tour):
    tab, panel = tour
    exercise = catalogue.get(CHOICE)
    ex = tab.exercise(panel, CHOICE)
    give_answer(ex, exercise, exercise.answer_key)
    assert "Correct" in submit(ex)
    cell = show_cell(tab, panel, CHOICE)
    ex.locator(f'input[type="radio"][value="{exercise.answer_key}"]').focus()
    tab.page.keyboard.press("Shift+Enter")
    # The cell ran again (its execution count went up) and the next cell is the active one.
    tab.page.wait_for_function(
        "(a) => __dl.cells(a.id)[a.index].execution_count > a.count && __dl.activeCell(a.id) === a.index + 1",
        arg={"id": panel, "index": cell["index"], "count": cell["execution_count"]},
        timeout=UI_TIMEOUT,
    )
    tab.wait_idle(panel)
    tab.wait_widgets_drawn(panel)
    ex = tab.exercise(panel, CHOICE)  # drawn again by the run, with the saved answer
    ex.locator(f'input[type="radio"][value="{exercise.answer_key}"]:checked').wait_for(timeout=UI_TIMEOUT)
    assert shown_answer(ex, exercise) == exercise.answer_key and "Correct" in ex.inner_text()


def test_shift_enter_in_a_text_field_is_a_new_line(tour, jupyter_server):
    tab, panel = tour
    exercise = catalogue.get(SHORT)
    ex = tab.exercise(panel, SHORT)
    give_answer(ex, exercise, "Who wrote it.")
    submit(ex)  # "Save answer": the store holds these words, the field still shows them
    assert saved(jupyter_server, SHORT) == "Who wrote it."
    cell = show_cell(tab, panel, SHORT)
    cells_before = tab.cell_count(panel)
    field = ex.locator("textarea")
    field.focus()
    # The caret after the last word, where a student clicks to go on writing.
    field.evaluate("(f) => f.setSelectionRange(f.value.length, f.value.length)")
    tab.page.keyboard.type(" When")
    tab.page.keyboard.press("Shift+Enter")
    tab.page.keyboard.type("and d d b")
    tab.wait_idle(panel)
    assert field.input_value() == "Who wrote it. When\nand d d b"
    assert field.evaluate("(f) => f === document.activeElement"), "focus left the text field"
    assert tab.cell_count(panel) == cells_before, '"d d" or "b" reached the notebook'
    assert show_cell(tab, panel, SHORT)["execution_count"] == cell["execution_count"], "the cell ran"
    assert saved(jupyter_server, SHORT) == "Who wrote it.", "the new words were saved without Save answer"
