"""Answering with the keyboard alone inside JupyterLab: no notebook command-mode shortcut may fire.

JupyterLab's command-mode shortcuts ("d d" deletes the cell, "b" inserts one below, the arrow
keys move between cells) listen on the notebook; a key pressed on a radio, a select or a button of
an exercise must stay in the exercise. "d d" and "b" are pressed as separate steps and the cell
count checked after each: together they would cancel out (one cell deleted, one inserted).
"""

from __future__ import annotations

import pytest

from discourse_lab.exercises import catalogue as spec  # get(): an exercise of the public bank

NOTEBOOK = "chapters/02_who_speaks.ipynb"
CHOICE = "ch02-who-speaks-p3s1-quote"
MATCHING = "ch02-who-speaks-quote-modes"


@pytest.fixture(scope="module")
def lesson(lab_session):
    with lab_session.ran(NOTEBOOK) as panel:
        yield panel


def press_notebook_keys(lab, panel, before: int) -> list[str]:
    """Press d, d, then b with focus inside an exercise; what changed in the notebook, if anything."""
    changed = []
    active = lab.js("(id) => __dl.activeCell(id)", panel)
    lab.page.keyboard.press("d")
    lab.page.keyboard.press("d")
    if lab.cell_count(panel) != before:
        changed.append(f'"d d" changed the cell count from {before} to {lab.cell_count(panel)}')
    lab.page.keyboard.press("b")
    if lab.cell_count(panel) != before:
        changed.append(f'"b" changed the cell count from {before} to {lab.cell_count(panel)}')
    if lab.js("(id) => __dl.activeCell(id)", panel) != active:
        changed.append("the active cell moved")
    return changed


def test_keyboard_only_choice(lab_session, lesson):
    lab, panel = lab_session, lesson
    exercise = spec.get(CHOICE)
    options = [o["id"] for o in exercise.data["options"]]
    before = lab.cell_count(panel)
    ex = lab.exercise(panel, CHOICE)
    first = ex.locator('input[type="radio"]').first
    first.focus()  # stands for Tab-ing into the exercise; from here on only keys are pressed
    lab.page.keyboard.press("Space")  # selects the focused radio
    active = lab.js("(id) => __dl.activeCell(id)", panel)
    lab.page.keyboard.press("ArrowDown")  # on a radio group: the next option
    assert lab.js("(id) => __dl.activeCell(id)", panel) == active, "ArrowDown moved to another cell"
    assert ex.locator('input[type="radio"]:checked').get_attribute("value") == options[1]
    changed = press_notebook_keys(lab, panel, before)
    assert changed == []
    lab.page.keyboard.press("Tab")  # from the radio group to the Check button
    assert ex.locator("button.dl-check").evaluate("(b) => b === document.activeElement")
    lab.page.keyboard.press("Enter")
    ex.locator('.dl-feedback[class*="dl-status-"]').wait_for(state="visible")
    assert ex.locator('input[type="radio"]:checked').get_attribute("value") == options[1]
    assert lab.cell_count(panel) == before


def test_keyboard_only_select(lab_session, lesson):
    lab, panel = lab_session, lesson
    exercise = spec.get(MATCHING)
    first_row = exercise.data["items"][0]["id"]
    first_target = exercise.data["targets"][0]["id"]
    before = lab.cell_count(panel)
    ex = lab.exercise(panel, MATCHING)
    select = ex.locator(f'select[id^="dl-{MATCHING}-{first_row}-"]')
    select.focus()
    active = lab.js("(id) => __dl.activeCell(id)", panel)
    lab.page.keyboard.press("ArrowDown")  # on a closed select: the next choice ("— choose —" -> the first target)
    assert lab.js("(id) => __dl.activeCell(id)", panel) == active, "ArrowDown moved to another cell"
    assert select.input_value() == first_target
    changed = press_notebook_keys(lab, panel, before)
    assert changed == []
    assert select.input_value() == first_target
    # Check with the keyboard: Enter on the Check button gives feedback (here: answer every row first).
    ex.locator("button.dl-check").focus()
    lab.page.keyboard.press("Enter")
    feedback = ex.locator('.dl-feedback[class*="dl-status-"]')
    feedback.wait_for(state="visible")
    assert "every row" in feedback.inner_text()
    assert lab.cell_count(panel) == before
