"""Saving a lesson and exporting the answers, in JupyterLab and Notebook 7: the course's folder holds the
lessons as committed plus the student's own work, and the export goes where the box says.

On a hub the course is a git clone (nbgitpuller) and a lesson's kernel runs in its ``chapters/``.
A save used to write the student's kernel's ``language_info`` (and, before any run, an empty widget
state) over the lesson, so a lesson only opened and saved differed from the clone's copy; and the
practice export wrote ``submission-<id>.json`` among the lessons.
"""

from __future__ import annotations

import json
import shutil

import pytest

from discourse_lab.exercises import catalogue

from .conftest import ROOT
from .lab import UI_TIMEOUT, Lab, give_answer, submit

LESSON = "02_who_speaks.ipynb"
TOUR = "chapters/exercise-types.ipynb"
CHOICE = "ch02-who-speaks-p3s1-quote"
TYPED = "my_note = 'the minister speaks first'"


@pytest.fixture(params=["jupyterlab", "notebook7"])
def front_end(request, live_context, jupyter_server):
    """A browser tab of its own; ``open(path)`` opens a notebook in the front end; (tab, open)."""
    tab = Lab(live_context.new_page(), jupyter_server)

    def open_in(path: str) -> str:
        if request.param == "notebook7":
            return tab.open_notebook7(path)
        tab.start(f"lab/workspaces/save-{request.param}?reset")
        return tab.open(path)

    try:
        yield request.param, tab, open_in
    finally:
        tab.close_all()
        tab.page.close()


def type_a_cell_at_the_end(tab: Lab, panel: str, text: str) -> None:
    """What a student does: select the last cell, insert one below (b), type into it."""
    tab.js("(id) => { const nb = __dl.panel(id).content; nb.activeCellIndex = nb.widgets.length - 1; }", panel)
    tab.command("notebook:enter-command-mode", panel)
    tab.command("notebook:insert-cell-below", panel)
    tab.command("notebook:enter-edit-mode", panel)
    tab.page.keyboard.type(text)
    tab.command("notebook:enter-command-mode", panel)


def test_saving_a_lesson_writes_only_the_students_work(front_end, jupyter_server):
    name, tab, open_in = front_end
    committed = (ROOT / "chapters" / LESSON).read_bytes()
    rel = f"chapters/saved-{name}-{LESSON}"  # a fresh copy: other tests of the session save the lessons
    path = jupyter_server.root / rel
    shutil.copyfile(ROOT / "chapters" / LESSON, path)
    panel = open_in(rel)
    tab.save(panel)
    assert path.read_bytes() == committed, "opened and saved, the lesson is no longer the committed file"

    tab.run_all(panel)
    exercise = catalogue.get(CHOICE)
    ex = tab.exercise(panel, CHOICE)
    give_answer(ex, exercise, exercise.answer_key)
    assert "Correct" in submit(ex)
    type_a_cell_at_the_end(tab, panel, TYPED)
    tab.save(panel)
    before, after = json.loads(committed), json.loads(path.read_text(encoding="utf-8"))
    assert (after["nbformat"], after["nbformat_minor"]) == (before["nbformat"], before["nbformat_minor"])
    # The notebook's metadata as committed; the widget state is the run's (a reopened lesson draws from it).
    assert {k: v for k, v in after["metadata"].items() if k != "widgets"} == before["metadata"]
    assert after["metadata"]["widgets"]
    # Every committed cell as it was: id, type, source, metadata (plus the prose's {eval} results).
    assert len(after["cells"]) == len(before["cells"]) + 1
    for old, new in zip(before["cells"], after["cells"]):
        assert (new["id"], new["cell_type"], new["source"]) == (old["id"], old["cell_type"], old["source"])
        assert {k: v for k, v in new["metadata"].items() if k != "user_expressions"} == old["metadata"]
    assert "".join(after["cells"][-1]["source"]) == TYPED  # and what the student typed


def test_practice_export_goes_where_the_box_says(front_end, jupyter_server):
    name, tab, open_in = front_end
    course = sorted(p for p in jupyter_server.root.rglob("*") if ".ipynb_checkpoints" not in p.parts)
    panel = open_in(TOUR)
    tab.run_all(panel)
    exercise = catalogue.get("tour-choice")
    ex = tab.exercise(panel, exercise.id)
    give_answer(ex, exercise, exercise.answer_key)
    submit(ex)
    student = f"s-export-{name}"
    box = tab.page.locator(f'[id="{panel}"] .widget-hbox:has(button:has-text("Export my answers"))')
    box.locator("input").fill(student)
    box.locator("button", has_text="Export my answers").click()
    status = box.locator('[role="status"], [role="alert"]')
    status.wait_for(timeout=UI_TIMEOUT)
    written = jupyter_server.store_dir / "exports" / f"submission-{student}.json"
    text = status.inner_text()
    assert written.exists(), f"no {written}: {text}"
    assert str(written.parent) in text and written.name in text, text
    after = sorted(p for p in jupyter_server.root.rglob("*") if ".ipynb_checkpoints" not in p.parts)
    assert after == course, f"the export wrote into the course's folder: {sorted(set(after) - set(course))}"
    assert json.loads(written.read_text(encoding="utf-8"))["answers"][exercise.id]["answer"] == exercise.answer_key
    # The box's link hands over the same file (the folder is outside what the file browser shows).
    with tab.page.expect_download(timeout=UI_TIMEOUT) as download:
        status.locator("a", has_text="download").click()
    assert download.value.suggested_filename == written.name
    assert open(download.value.path(), "rb").read() == written.read_bytes()
