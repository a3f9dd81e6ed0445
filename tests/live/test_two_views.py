"""Two tabs on one notebook: every view shows the answer the store holds, and the export takes it.

A second view (File → New View for Notebook, JupyterLab's ``docmanager:clone``) draws the same
widget models again; a second browser tab on the same file has widget models of its own on the
same kernel. Either way an answer checked in one view is the saved one: the other view must show
that answer with its feedback, never its own older answer beside a stale "Correct", and the export
box, pressed in either, hands in what the store holds.
"""

from __future__ import annotations

import json

import pytest

from discourse_lab.exercises import catalogue

from .lab import UI_TIMEOUT, Lab, give_answer, shown_answer, submit

NOTEBOOK = "chapters/exercise-types.ipynb"
CHOICE = "tour-choice"
WRONG = "reporter"  # an option of tour-choice that is not its key


def exercise_in(lab: Lab, panel: str):
    return lab.exercise(panel, CHOICE)


def saved_answer(server) -> str | None:
    stored = [a[CHOICE]["answer"] for a in server.stored_answers().values() if CHOICE in a]
    return stored[0] if stored else None


def wait_shows(ex, exercise, answer) -> None:
    """Until the view's radio buttons hold ``answer`` (the other view's save reaches it asynchronously)."""
    ex.locator(f'input[type="radio"][value="{answer}"]:checked').wait_for(state="attached", timeout=UI_TIMEOUT)
    assert shown_answer(ex, exercise) == answer


def export(lab: Lab, panel: str, student: str) -> dict:
    """Type a student id in the lesson's export box, press Export my answers; the file it wrote."""
    box = lab.page.locator(f'[id="{panel}"] .widget-hbox:has(button:has-text("Export my answers"))')
    box.locator("input").fill(student)
    box.locator("button", has_text="Export my answers").click()
    status = box.locator('[role="status"], [role="alert"]')
    status.wait_for(timeout=UI_TIMEOUT)
    text = status.inner_text()
    assert "exported to" in text, text
    written = lab.server.store_dir / "exports" / f"submission-{student}.json"  # beside the stores
    assert written.exists(), f"no {written} written: {text}"
    return json.loads(written.read_text(encoding="utf-8"))


@pytest.fixture
def two_views(lab):
    """The tour run once, and a second view of it in the same JupyterLab (File → New View for Notebook)."""
    first = lab.open(NOTEBOOK)
    lab.run_all(first)
    second = lab.js(
        """async (id) => { const before = new Set(Array.from(window.jupyterapp.shell.widgets('main')).map((w) => w.id));
             await __dl.command(id, 'docmanager:clone');
             for (const w of window.jupyterapp.shell.widgets('main')) if (!before.has(w.id)) return w.id;
             return null; }""",
        first,
    )
    assert second, "File → New View made no second view"
    lab.wait_widgets_drawn(second)
    return first, second


def test_second_view_shows_the_saved_answer_and_export_takes_it(lab, two_views, jupyter_server):
    first, second = two_views
    exercise = catalogue.get(CHOICE)
    a, b = exercise_in(lab, first), exercise_in(lab, second)
    lab.page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", first)
    give_answer(a, exercise, exercise.answer_key)
    assert "Correct" in submit(a)
    lab.page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", second)
    wait_shows(b, exercise, exercise.answer_key)  # the second view shows what the first saved
    give_answer(b, exercise, WRONG)
    assert "Not quite" in submit(b)
    assert saved_answer(jupyter_server) == WRONG
    lab.page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", first)
    wait_shows(a, exercise, WRONG)
    feedback = a.locator(".dl-feedback").inner_text()
    assert "Correct" not in feedback and "Not quite" in feedback, feedback
    submission = export(lab, first, "s-two-views")
    assert submission["answers"][CHOICE]["answer"] == WRONG == shown_answer(a, exercise)


@pytest.fixture
def new_tab(live_context, jupyter_server):
    """Browser tabs of their own on the same server; each closed (its documents and kernels too) after the test."""
    tabs: list[Lab] = []

    def make() -> Lab:
        tabs.append(Lab(live_context.new_page(), jupyter_server))
        return tabs[-1]

    yield make
    for tab in tabs:
        try:
            tab.close_all()
        finally:
            tab.page.close()


def open_tab(tab: Lab, front_end: str, name: str) -> str:
    """The tour in a tab of its own: JupyterLab in its own workspace (else JupyterLab moves the second
    window to a new one and reloads it), or Notebook 7 (one notebook a tab). Its panel id."""
    if front_end == "notebook7":
        return tab.open_notebook7(NOTEBOOK)
    tab.start(f"lab/workspaces/{name}?reset")
    return tab.open(NOTEBOOK)


@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7"])
def test_second_browser_tab_shows_the_saved_answer(front_end, new_tab, jupyter_server):
    """The same notebook in two browser tabs (each runs it: widget models of its own, the same kernel).
    The stale tab shows the answer the other saved, at once, and its export hands that one in."""
    exercise = catalogue.get(CHOICE)
    one, two = new_tab(), new_tab()
    first = open_tab(one, front_end, "tab-one")
    one.run_all(first)
    give_answer(exercise_in(one, first), exercise, exercise.answer_key)
    assert "Correct" in submit(exercise_in(one, first))
    second = open_tab(two, front_end, "tab-two")
    two.run_all(second)  # the second tab runs the cells too: its widgets restore the saved answer
    b = exercise_in(two, second)
    wait_shows(b, exercise, exercise.answer_key)
    give_answer(b, exercise, WRONG)
    assert "Not quite" in submit(b)
    assert saved_answer(jupyter_server) == WRONG
    one.page.bring_to_front()
    a = exercise_in(one, first)
    wait_shows(a, exercise, WRONG)
    feedback = a.locator(".dl-feedback").inner_text()
    assert "Correct" not in feedback and "Not quite" in feedback, feedback
    # Check pressed again in the stale tab is no new attempt and keeps the saved answer's feedback.
    assert "Not quite" in submit(a)
    submission = export(one, first, f"s-{front_end}")
    assert submission["answers"][CHOICE]["answer"] == WRONG == shown_answer(a, exercise)
