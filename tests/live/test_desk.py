"""Marking free text at the desk in a real JupyterLab, by keyboard, with the marks file checked on disk.

An instructor's notebook holds one cell, ``Desk(...)``. With the desk focused: "1" and "3" tick
rubric items 1 and 3, "c" opens the comment, typed text (with "dd" and "b" in it: the notebook's
delete-cell and insert-cell keys) stays in the comment, Escape leaves it, "j" moves to the next
answer and "2" ticks there. After each step the marks file on disk holds exactly what was given.
Then the kernel restarts: the saved marks are all there; a tick given while the kernel is gone is
kept in the browser and said to be unsaved, and running the cell again saves it.
"""

from __future__ import annotations

import json
import time

import nbformat
import pytest
from support import ANSWERS, LEFT_OUT, make_assignment, submission

from discourse_lab import settings
from discourse_lab.course import marks

from .lab import UI_TIMEOUT

FOLDER = "marking"
COMMENT = "Add detail: name the outlet, but be brief"
STALE_COMMENT = "Full marks for the earlier answer"


@pytest.fixture(scope="module")
def desk_notebook(jupyter_server):
    """The instructor's folder in the server root: assignment, three submissions, a notebook with a Desk."""
    root = jupyter_server.root / FOLDER
    root.mkdir()
    instructor, aid = make_assignment(root / "week")
    files = [submission(root / f"{aid}-{sid}.json", sid, aid, answers).name for sid, answers in ANSWERS.items()]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    args = ", ".join(repr(f) for f in files)
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Marking week 1"),
        nbformat.v4.new_code_cell(
            f"from discourse_lab.course.desk import Desk\nDesk('week/instructor', {args}, marks='marks.json')"
        ),
    ]
    nbformat.write(nb, root / "desk.ipynb")
    # s003 was marked before handing in again: that mark judged an earlier answer, so it is stale.
    earlier = marks.Mark("s003", LEFT_OUT, marks.answer_digest("An earlier answer."), 3.0, (1, 2, 3, 4), STALE_COMMENT)
    marks.write_marks(root / "marks.json", [earlier], aid)
    return root


def marks_on_disk(path) -> dict:
    """(student id, exercise id) -> the mark saved; {} before the first save."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(m["student_id"], m["exercise_id"]): m for m in data["marks"]}


def wait_for_disk(path, check, what: str, timeout: float = UI_TIMEOUT / 1000):
    """Until ``check(marks)`` holds for the file on disk (the save is asynchronous: browser -> kernel -> file)."""
    deadline = time.monotonic() + timeout
    while True:
        found = marks_on_disk(path)
        if check(found):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"marks file never showed {what}; it holds {found}")
        time.sleep(0.1)  # polling a file another process writes: nothing to wait on


def student_of(answer: str) -> str:
    return next(sid for sid, a in ANSWERS.items() if a.get(LEFT_OUT) == answer)


def test_marking_by_keyboard_is_saved_and_survives_a_restart(lab, desk_notebook):
    path = desk_notebook / "marks.json"
    panel = lab.open(f"{FOLDER}/desk.ipynb")
    lab.run_all(panel)
    desk = lab.page.locator(f'[id="{panel}"] .dl-desk')
    desk.wait_for(timeout=UI_TIMEOUT)
    cells = lab.cell_count(panel)
    assert all(sid not in desk.inner_text() for sid in ANSWERS), "student ids shown while anonymised"
    assert "0 of 3 marked \u00b7 1 stale" in desk.locator(".dl-desk-progress").inner_text()

    desk.focus()  # stands for clicking the desk once; from here on only keys
    first = student_of(desk.locator(".dl-desk-answer").inner_text())
    lab.page.keyboard.press("1")
    wait_for_disk(path, lambda m: m.get((first, LEFT_OUT), {}).get("rubric") == [1], "rubric item 1 ticked")
    lab.page.keyboard.press("3")
    saved = wait_for_disk(path, lambda m: m.get((first, LEFT_OUT), {}).get("rubric") == [1, 3], "items 1 and 3")
    assert saved[(first, LEFT_OUT)]["points"] == 1.5
    assert desk.locator(".dl-desk-total").inner_text().startswith("Points: 1.5 of 3")

    lab.page.keyboard.press("c")
    assert desk.locator("textarea.dl-desk-comment").evaluate("(t) => t === document.activeElement")
    lab.page.keyboard.type(COMMENT)
    lab.page.keyboard.press("Escape")  # leaves the comment box: saved at once
    saved = wait_for_disk(path, lambda m: m.get((first, LEFT_OUT), {}).get("comment") == COMMENT, "the comment")
    assert saved[(first, LEFT_OUT)]["rubric"] == [1, 3]
    assert lab.cell_count(panel) == cells, "typing in the desk reached the notebook's shortcuts"
    assert desk.evaluate("(d) => d === document.activeElement"), "Escape did not hand the keys back to the desk"

    lab.page.keyboard.press("j")
    desk.locator(".dl-desk-who", has_text="answer 2 of 3").wait_for(timeout=UI_TIMEOUT)
    second = student_of(desk.locator(".dl-desk-answer").inner_text())
    assert second != first
    lab.page.keyboard.press("2")
    wait_for_disk(path, lambda m: m.get((second, LEFT_OUT), {}).get("rubric") == [2], "item 2 on the second answer")
    assert "2 of 3 marked" in desk.locator(".dl-desk-progress").inner_text()
    # The comment given to the first answer is offered again here.
    assert COMMENT[:40] in desk.locator(".dl-desk-reuse").inner_text()
    lab.page.keyboard.press("ArrowDown")
    lab.page.keyboard.press("d")
    lab.page.keyboard.press("d")
    lab.page.keyboard.press("b")
    assert lab.cell_count(panel) == cells, "a key pressed in the desk reached the notebook"
    desk.locator(".dl-desk-who", has_text="answer 3 of 3").wait_for(timeout=UI_TIMEOUT)
    third = student_of(desk.locator(".dl-desk-answer").inner_text())
    banner = desk.locator(".dl-desk-stale")
    shot = str(settings.desk_screenshot() or "")
    if shot:  # for a person to look at: the desk at 1280 px, on the third answer
        lab.page.set_viewport_size({"width": 1280, "height": 1000})
        desk.screenshot(path=shot.replace(".png", "-third.png"))
        lab.page.set_viewport_size({"width": 1400, "height": 1000})
    if third == "s003":  # the stale mark is shown as stale, its ticks not shown as this answer's
        assert banner.is_visible() and "3" in banner.inner_text() and STALE_COMMENT in banner.inner_text()
        assert desk.locator(".dl-desk-rubric input:checked").count() == 0
    else:
        assert not banner.is_visible()
    lab.page.keyboard.press("k")
    desk.locator(".dl-desk-who", has_text="answer 2 of 3").wait_for(timeout=UI_TIMEOUT)
    if shot:  # and on the second
        lab.page.set_viewport_size({"width": 1280, "height": 1000})
        desk.screenshot(path=shot)
        lab.page.set_viewport_size({"width": 1400, "height": 1000})

    before_restart = marks_on_disk(path)
    lab.restart_kernel(panel)
    assert marks_on_disk(path) == before_restart, "a restart changed the marks file"
    expected = {(first, LEFT_OUT): ([1, 3], COMMENT), (second, LEFT_OUT): ([2], "")}
    expected.setdefault(("s003", LEFT_OUT), ([1, 2, 3, 4], STALE_COMMENT))  # kept, still stale
    assert {k: (m["rubric"], m["comment"]) for k, m in before_restart.items()} == expected
    # With the kernel gone, a tick is kept in the browser and the desk says it is not saved.
    desk.locator(".dl-desk-notice", has_text="lost its connection").wait_for(timeout=UI_TIMEOUT)
    desk.focus()
    lab.page.keyboard.press("4")
    desk.locator(".dl-desk-status", has_text="kept in this browser").wait_for(timeout=UI_TIMEOUT)
    assert marks_on_disk(path) == before_restart
    # Running the cell again draws a new desk, which saves what the browser kept.
    lab.run_all(panel)
    wait_for_disk(path, lambda m: m.get((second, LEFT_OUT), {}).get("rubric") == [2, 4], "the tick kept in the browser")
    assert marks_on_disk(path)[(first, LEFT_OUT)]["comment"] == COMMENT
    desk = lab.page.locator(f'[id="{panel}"] .dl-desk')
    desk.locator(".dl-desk-notice", has_text="now saved").wait_for(timeout=UI_TIMEOUT)
    assert lab.console_errors == [] or all("dl-desk" not in e for e in lab.console_errors), lab.console_errors
