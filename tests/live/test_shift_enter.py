"""Shift+Enter with focus in an exercise, in JupyterLab and Notebook 7: on a choice it runs the cell and
moves on, as anywhere in a notebook; in a text field it is typing (a new line), and nothing runs.

The exercises keep the keys typed in them from the notebook's command-mode shortcuts ("d d", "b");
that guard used to swallow Shift+Enter too, so it did nothing at all. Let through from a text field,
it ran the cell, redrew the exercise over the words not yet checked and sent the next keys typed
to the notebook ("d d" deleted a cell).
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


def test_shift_enter_on_a_choice_runs_the_cell(tour):
    tab, panel = tour
    exercise = catalogue.get(CHOICE)
    ex = tab.exercise(panel, CHOICE)
    give_answer(ex, exercise, exercise.answer_key)
    assert "Correct" in submit(ex)
    cell = show_cell(tab, panel, CHOICE)
    ex.locator(f'input[type="radio"][value="{exercise.answer_key}"]').focus()
    tab.page.keyboard.press("Shift+Enter")
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


def test_shift_enter_in_a_text_field_is_typing(tour):
    tab, panel = tour
    cell = show_cell(tab, panel, SHORT)
    cells_before = tab.cell_count(panel)
    field = tab.exercise(panel, SHORT).locator("textarea")
    field.focus()
    tab.page.keyboard.type("one")
    tab.page.keyboard.press("Shift+Enter")
    tab.page.keyboard.type("two d d b")
    tab.wait_idle(panel)
    assert field.input_value() == "one\ntwo d d b"
    assert field.evaluate("(f) => f === document.activeElement")
    assert tab.cell_count(panel) == cells_before
    assert show_cell(tab, panel, SHORT)["execution_count"] == cell["execution_count"]
