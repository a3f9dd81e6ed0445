"""Files shaped exactly like what Canvas and Moodle export, built in the tests (``from lms_files import …``).

* Canvas gradebook export (Grades → Export → CSV): UTF-8 with BOM, the header
  ``Student,ID,SIS User ID,SIS Login ID,Section,<Assignment> (<id>),…,Current Points,…``, then a
  ``    Points Possible`` row, a ``Manual Posting`` row, the students (``Last, First``) and the
  ``Student, Test`` row of Student View.
* Canvas "Download Submissions" zip: flat names
  ``<lastfirst>[_LATE]_<user id>_<attachment id>_<file as uploaded>``, a file uploaded again under
  the same name gaining ``-1``, ``-2`` before its extension.
* Moodle grading worksheet (View all submissions → Download grading worksheet):
  ``Identifier,Full name,Email address,Status,Grade,Maximum grade,Grade can be changed,
  Last modified (submission),Last modified (grade),Feedback comments`` with ``Participant <n>`` ids.
* Moodle "Download all submissions" zip: ``<Full name>_<n>_assignsubmission_file/<file>`` (4.x),
  ``…_assignsubmission_file_/<file>`` (3.x), or flat ``…_assignsubmission_file_<file>``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STAMP = "2026-02-09T10:00:00.000Z"


@dataclass(frozen=True)
class Person:
    name: str  # "Last, First", as Canvas's Student column writes it
    user_id: str  # Canvas user id / Moodle participant number
    student_id: str  # SIS Login ID / ID number: what the student types into the notebook
    section: str = "Section A"

    @property
    def first_last(self) -> str:
        last, _, first = self.name.partition(", ")
        return f"{first} {last}".strip()

    @property
    def email(self) -> str:
        return f"{self.student_id}@uni.example"


def lastfirst(person: Person) -> str:
    """Canvas's name part of a submission file: last name then first, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", person.name.lower())


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def canvas_gradebook(
    people: list[Person],
    assignments: Sequence[tuple[str, str, float]] = (("Week 2", "1234", 10.0),),
    test_student: bool = True,
    delimiter: str = ",",
) -> bytes:
    """A Canvas gradebook export: BOM, Points Possible and Manual Posting rows, Test Student."""
    titles = [f"{title} ({aid})" for title, aid, _ in assignments]
    tail = ["Current Points", "Final Points", "Current Grade", "Unposted Current Grade", "Final Grade"]
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles, *tail]]
    rows.append(["    Points Possible", "", "", "", "", *[f"{p:.2f}" for *_, p in assignments], *["(read only)"] * 5])
    rows.append(["", "", "", "", "", *["Manual Posting"] * len(titles), *[""] * 5])
    for p in people:
        rows.append([p.name, p.user_id, p.student_id.upper(), p.student_id, p.section, *[""] * len(titles), *[""] * 5])
    if test_student:
        rows.append(["Student, Test", "99999", "", "", people[0].section, *[""] * len(titles), *[""] * 5])
    return ("\ufeff" + _csv(rows, delimiter)).encode("utf-8")


def moodle_worksheet(people: list[Person], max_grade: float = 10.0, bom: bool = False) -> bytes:
    """A Moodle grading worksheet as downloaded (no BOM), or as Excel re-saves it (BOM)."""
    rows = [
        [
            "Identifier", "Full name", "Email address", "Status", "Grade", "Maximum grade", "Grade can be changed",
            "Last modified (submission)", "Last modified (grade)", "Feedback comments",
        ]
    ]  # fmt: skip
    for p in people:
        rows.append(
            [
                f"Participant {p.user_id}", p.first_last, p.email, "Submitted for grading", "", f"{max_grade:.2f}",
                "Yes", "Monday, 9 February 2026, 11:15 AM", "-", "",
            ]
        )  # fmt: skip
    return (("\ufeff" if bom else "") + _csv(rows)).encode("utf-8")


def canvas_name(person: Person, attachment_id: int, filename: str, late: bool = False) -> str:
    return "_".join([lastfirst(person), *(["LATE"] if late else []), person.user_id, str(attachment_id), filename])


def moodle_name(person: Person, filename: str, layout: str = "folder") -> str:
    """``folder`` (Moodle 4.x), ``folder_`` (3.x, trailing underscore) or ``flat`` (download as folders off)."""
    prefix = f"{person.first_last}_{person.user_id}_assignsubmission_file"
    return {"folder": f"{prefix}/{filename}", "folder_": f"{prefix}_/{filename}", "flat": f"{prefix}_{filename}"}[
        layout
    ]


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def submission(
    assignment_id: str | None,
    student_id: str,
    answers: dict[str, tuple[int, str, object]],
    created: str = STAMP,
) -> bytes:
    """A submission file's bytes: answers maps exercise id -> (version, type, answer)."""
    data = {
        "format": "discourse-lab-submission",
        "format_version": 1,
        "student_id": student_id,
        "assignment_id": assignment_id,
        "created": created,
        "generator": "discourse_lab test",
        "answers": {
            ex_id: {
                "exercise_version": version,
                "type": type_,
                "answer": answer,
                "attempts": 1,
                "first_answered": created,
                "last_answered": created,
            }
            for ex_id, (version, type_, answer) in answers.items()
        },
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- an assignment to hand in to


def make_assignment(exercise_ids: list[str], title: str, out: Path, due: str | None = None) -> dict:
    """``assign`` for the tests, with a due time; public exercises allowed (the tests need a known key)."""
    from discourse_lab.course import assign
    from discourse_lab.exercises import catalogue

    exercises = [catalogue.get(i) for i in exercise_ids]
    return assign.assign(exercises, title, out, due=due, allow_public=True)


def handout_answer(instructor: Path, exercise_id: str, answer):
    """A bank answer in the ids the assignment's handout shows (what the student's widget saves).

    key.json may map the handout's shuffled ids back to the bank's (``handout``: field -> handout id
    -> bank id); without that map the ids are the bank's."""
    entry = json.loads((instructor / "key.json").read_text(encoding="utf-8"))["exercises"][exercise_id]
    back = entry.get("handout") or {}
    to = {name: {bank: shown for shown, bank in ids.items()} for name, ids in back.items()}

    def rename(field_name: str, value: str) -> str:
        return to.get(field_name, {}).get(value, value)

    kind = entry["type"]
    if kind == "choice":
        return rename("options", answer)
    if kind == "multi":
        return [rename("options", a) for a in answer]
    if kind == "tagging":
        return {k: rename("labels", v) for k, v in answer.items()}
    if kind == "matching":
        return {rename("items", k): rename("targets", v) for k, v in answer.items()}
    if kind == "ordering":
        return [rename("items", a) for a in answer]
    return answer


def answers(instructor: Path, chosen: dict[str, object]) -> dict[str, tuple[int, str, object]]:
    """The ``answers`` argument of :func:`submission`: exercise id -> bank answer, turned into handout terms."""
    key = json.loads((instructor / "key.json").read_text(encoding="utf-8"))["exercises"]
    return {i: (key[i]["version"], key[i]["type"], handout_answer(instructor, i, a)) for i, a in chosen.items()}


def right_answers(instructor: Path) -> dict[str, Any]:
    """Every objective exercise of the assignment answered with its key (bank ids)."""
    key = json.loads((instructor / "key.json").read_text(encoding="utf-8"))["exercises"]
    return {i: k["answer"] for i, k in key.items() if k.get("answer") is not None}
