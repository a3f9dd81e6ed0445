"""The instructor's round trip through real JupyterLab, and practice kept apart from graded work.

assign → the student notebook opened and run in JupyterLab → each exercise answered through its
widget → hand-in exactly as the notebook says (student id in the box, *Export my answers*) →
``discourse-lab grade`` on the file it wrote gives the points the answers are worth.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from discourse_lab.exercises import catalogue as spec  # get(): an exercise of the public bank
from discourse_lab.course import shuffle
from discourse_lab.exercises import scoring

from .lab import UI_TIMEOUT, give_answer, shown_answer, submit

CLI = [sys.executable, "-m", "discourse_lab"]
STUDENT = "s7654321"
# exercise -> the answer the student gives: one right, one half right, one wrong (2 of 4 points).
ANSWERS = {
    "ch04-framing-mfc": "security",
    "ch04-framing-human-interest": ["family"],
    "ch03-verbs-revealing": "doubt",
}


def run_cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"discourse-lab {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def handed_in(lab_session, jupyter_server, tmp_path_factory):
    """Make the assignment, do it in JupyterLab as a student, hand it in; the paths and what was seen."""
    lab = lab_session
    work = tmp_path_factory.mktemp("assignment")
    run_cli(
        "assign",
        "--exercises",
        ",".join(ANSWERS),
        "--title",
        "Live round trip",
        "--out",
        str(work / "week"),
        "--allow-public",
        cwd=work,
    )
    # The handout shows the options shuffled under its own ids: the student clicks those.
    key = json.loads((work / "week" / "instructor" / "key.json").read_text(encoding="utf-8"))["exercises"]
    shown = {e: shuffle.handout_answer(spec.get(e).type, key[e].get("handout", {}), a) for e, a in ANSWERS.items()}
    # The student receives the student folder (notebook and whatever lies beside it) and opens it in JupyterLab.
    folder = jupyter_server.root / "week-student"
    shutil.copytree(work / "week" / "student", folder)
    notebook = next(folder.glob("*.ipynb"))
    aid = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["discourse_lab"]["assignment_id"]
    try:
        panel = lab.open(f"week-student/{notebook.name}")
        lab.run_all(panel)
        cells = lab.cells(panel)
        seen = {}
        for exercise_id, answer in shown.items():
            ex = lab.exercise(panel, exercise_id)
            give_answer(ex, spec.get(exercise_id), answer)
            seen[exercise_id] = submit(ex)
        # "type your student id in the box and press Export my answers"
        box = lab.page.locator(f'[id="{panel}"] .widget-hbox:has(button:has-text("Export my answers"))')
        box.locator("input[type=text]").fill(STUDENT)
        box.locator("button", has_text="Export my answers").click()
        status = box.locator(".widget-html")
        status.filter(has_text="xport").wait_for(timeout=UI_TIMEOUT)
        export_status = status.inner_text()
        lab.save(panel)
    finally:
        lab.close_all()
    return {
        "aid": aid,
        "folder": folder,
        "instructor": work / "week" / "instructor",
        "seen": seen,
        "status": export_status,
        "cells": cells,
        "work": work,
        "shown": shown,
    }


def test_round_trip_assign_hand_in_grade(handed_in):
    # Graded mode: the student is told the answer is saved, never whether it is right.
    for exercise_id, feedback in handed_in["seen"].items():
        assert "saved" in feedback.lower(), f"{exercise_id}: {feedback}"
        assert "Correct" not in feedback and "points" not in feedback, f"{exercise_id} leaks its result: {feedback}"
    errors = [o for c in handed_in["cells"] for o in c["outputs"] if o.get("output_type") == "error"]
    assert errors == [], f"Run All of the student notebook ended in errors: {errors}"
    submission = handed_in["folder"] / f"{handed_in['aid']}-{STUDENT}.json"
    assert submission.exists(), f"no {submission.name} beside the notebook; the box said: {handed_in['status']}"
    assert submission.name in handed_in["status"]
    data = json.loads(submission.read_text(encoding="utf-8"))
    assert {k: v["answer"] for k, v in data["answers"].items()} == handed_in["shown"]

    gradebook = handed_in["work"] / "gradebook.csv"
    run_cli(
        "grade",
        "--assignment",
        str(handed_in["instructor"]),
        str(submission),
        "--out",
        str(gradebook),
        cwd=handed_in["work"],
    )
    rows = list(csv.DictReader(gradebook.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["student_id"] == STUDENT, rows
    expected = {e: scoring.score(spec.get(e), a).points for e, a in ANSWERS.items()}
    assert expected == {"ch04-framing-mfc": 1, "ch04-framing-human-interest": 1, "ch03-verbs-revealing": 0}
    assert {e: float(rows[0][e]) for e in ANSWERS} == expected
    assert float(rows[0]["total"]) == 2 and float(rows[0]["max_points"]) == 4


def test_practice_never_shows_graded_answers(handed_in, lab, jupyter_server):
    """The lesson that holds an assignment's exercises shows them untouched: nothing pre-filled, no feedback."""
    panel = lab.open("chapters/04_framing.ipynb")
    lab.run_all(panel)
    for exercise_id in ("ch04-framing-mfc", "ch04-framing-human-interest"):
        ex = lab.exercise(panel, exercise_id)
        assert shown_answer(ex, spec.get(exercise_id)) is None, f"{exercise_id}: the graded answer shows in practice"
        assert ex.locator(".dl-feedback").inner_text().strip() == "", f"{exercise_id}: feedback shown in practice"
        assert ex.locator(".dl-attempts").inner_text().strip() == ""
    practice = {
        name: answers for name, answers in jupyter_server.stored_answers().items() if handed_in["aid"] not in name
    }
    leaked = [(name, e) for name, answers in practice.items() for e in ANSWERS if e in answers]
    assert leaked == [], f"graded answers found in another store: {leaked}"
