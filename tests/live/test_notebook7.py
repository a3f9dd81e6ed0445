"""Notebook 7, served by the same Jupyter server: /tree works, a lesson runs with its live exercises, and a
saved lesson keeps them when the page is reloaded."""

from __future__ import annotations


import pytest

from discourse_lab.exercises import catalogue as spec  # get(): an exercise of the public bank

from .lab import Lab, assert_lesson_drawn, errors_in, exercise_outputs, give_answer, show_cells, submit

LESSON = "chapters/03_reporting_verbs.ipynb"
CHOICE = "ch03-verbs-revealing"


@pytest.fixture
def nb7_page(live_context, jupyter_server):
    page = live_context.new_page()
    yield Lab(page, jupyter_server)
    page.close()


def test_tree(nb7_page):
    response = nb7_page.page.goto(f"{nb7_page.server.url}tree?token={nb7_page.server.token}")
    assert response is not None and response.status == 200
    nb7_page.wait_app()
    # Notebook 7's file browser lists the server root's folder; opening it lists the lessons.
    nb7_page.page.get_by_text("chapters", exact=True).first.dblclick()
    nb7_page.page.get_by_text("01_source.ipynb", exact=True).first.wait_for()


def open_in_notebook7(lab: Lab, lesson: str = LESSON) -> str:
    """Go to the lesson's Notebook 7 page; the panel id of its notebook once its kernel is idle."""
    response = lab.page.goto(f"{lab.server.url}notebooks/{lesson}?token={lab.server.token}")
    assert response is not None and response.status == 200
    lab.wait_app()
    assert lab.page.locator("body[data-notebook='notebooks'], #main-panel, .jp-NotebookPanel").count() > 0
    panel = lab.page.evaluate("""() => { for (const w of window.jupyterapp.shell.widgets('main'))
                                           if (w.sessionContext) return w.id; return null; }""")
    assert panel, "Notebook 7 shows no notebook"
    lab.page.evaluate("(id) => __dl.panel(id).sessionContext.ready", panel)
    lab.wait_idle(panel)
    return panel


def test_lesson_runs_in_notebook7(nb7_page):
    lab = nb7_page
    panel = open_in_notebook7(lab)
    try:
        seconds = lab.run_all(panel)
        print(f"{LESSON} in Notebook 7: Run All in {seconds:.1f} s")
        cells = lab.cells(panel)
        assert errors_in(cells) == []
        shows = show_cells(cells)
        assert shows
        wrong = [
            (c["index"], exercise_outputs(c), [e["id"] for e in c["exercises"]])
            for c in shows
            if exercise_outputs(c) != 1 or len(c["exercises"]) != 1
        ]
        assert wrong == [], f"show cells without exactly one exercise: {wrong}"
        # Answer one through the widget; "d d" on its radio must not delete the cell here either.
        exercise = spec.get(CHOICE)
        ex = lab.exercise(panel, CHOICE)
        give_answer(ex, exercise, exercise.answer_key)
        before = lab.cell_count(panel)
        ex.locator(f'input[value="{exercise.answer_key}"]').focus()
        lab.page.keyboard.press("d")
        lab.page.keyboard.press("d")
        assert lab.cell_count(panel) == before, '"d d" on an exercise deleted a cell in Notebook 7'
        assert "Correct" in submit(ex)
    finally:
        lab.close_all()


def test_reload_keeps_exercises_in_notebook7(nb7_page):
    """Run All, save, reload the page: the server signed the lesson, so its exercises come back live."""
    lab = nb7_page
    panel = open_in_notebook7(lab)
    try:
        lab.run_all(panel)
        lab.save(panel)
        panel = open_in_notebook7(lab)
        assert_lesson_drawn(lab, panel, "after reloading the page")
        exercise = spec.get(CHOICE)
        ex = lab.exercise(panel, CHOICE)
        give_answer(ex, exercise, exercise.answer_key)
        assert "Correct" in submit(ex)
    finally:
        lab.close_all()


def test_restart_in_notebook7_is_caught_at_once(nb7_page):
    """Restart the kernel, answer without re-running: Notebook 7 says at once (not after the 5 s
    timeout) that the answer is kept and the cells must run again; Run All then saves it."""
    lab = nb7_page
    panel = open_in_notebook7(lab)
    try:
        lab.run_all(panel)
        lab.restart_kernel(panel)
        exercise = spec.get(CHOICE)
        ex = lab.exercise(panel, CHOICE)
        give_answer(ex, exercise, exercise.answer_key)
        ex.locator("button.dl-check").click()
        # Well under the exercise's 5 s reply timeout: the widget knew its kernel was gone.
        lab.page.wait_for_function(
            "(ex) => /Not saved yet/.test(ex.querySelector('.dl-feedback').innerText)",
            arg=ex.element_handle(),
            timeout=2_000,
        )
        assert "Run All" in ex.inner_text()
        lab.run_all(panel)
        ex = lab.exercise(panel, CHOICE)
        lab.page.wait_for_function(
            "(ex) => /dl-status-correct/.test(ex.querySelector('.dl-feedback').className)",
            arg=ex.element_handle(),
            timeout=30_000,
        )
    finally:
        lab.close_all()
