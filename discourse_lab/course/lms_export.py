"""Grades out to the LMS: a Canvas gradebook import CSV and a filled Moodle grading worksheet.

Both start from the roster file the instructor downloaded from the LMS (``grade --roster``), so
every row names a student exactly as the LMS knows them and no other student can appear.

**Canvas** ("Import" in the Gradebook). Canvas's importer reads the leading identity columns
(``Student, ID, SIS User ID, SIS Login ID, Section``; also ``Integration ID`` / ``Root Account``
where the export has them) and matches a student by ``ID``, then the SIS ids, then the name; we
copy them from the export unchanged. Each further column is an assignment: a header
``Title (123)`` names the existing assignment with Canvas id 123; a header that matches no
assignment creates one with that title. So the column is headed with the roster's own header when
the export already has an assignment of this title, else with the bare title (a number in
parentheses there would be read as an assignment id, never as points). The points go in the
``Points Possible`` row, the second row, which the importer reads as the points of the
assignment (as Canvas's own export writes it). A blank grade cell changes nothing in Canvas.

**Moodle** (Assignment → "Upload grading worksheet", feedback type "Offline grading worksheet").
The importer finds the columns ``Identifier`` ("Participant 123"), ``Grade`` and ``Last modified
(grade)`` by name and skips a row whose grade is empty, out of range, unchanged, or was changed in
Moodle after the worksheet was downloaded. We write the downloaded worksheet back with its columns,
rows, order, separator, line endings and byte-order mark as they were, and fill only ``Grade``.

Which grade a student gets: the total of their counted, complete row, scaled to the LMS's points
when those differ (Canvas's Points Possible of an existing assignment, Moodle's ``Maximum grade``;
said in a note). An ``incomplete`` row (manual marks pending) is left empty, never given its
objective part as a total; a ``missing`` student is left empty, or gets 0 with
``missing_as_zero``. A student whose only file was rejected is left empty.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..errors import DiscourseLabError, display_path
from ..number_format import plain_number as _fmt
from .roster import Roster, Student, read_roster

if TYPE_CHECKING:  # grade imports most of the course package; these are only its types
    from .grade import Assignment, Graded, Report

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")
POINTS_POSSIBLE = "Points Possible"
CANVAS_ID_SUFFIX = re.compile(r"^(.*)\s\((\d+)\)$")  # how Canvas splits "Title (123)" into title and id
MOODLE_REQUIRED = ("Identifier", "Grade", "Last modified (grade)")
PARTICIPANT = re.compile(r"^\D*(\d+)$")
BOM = "\ufeff"
CANVAS_WHAT = "the Canvas gradebook export (Grades \u2192 Export)"
MOODLE_WHAT = "the Moodle grading worksheet (Assignment \u2192 Download grading worksheet)"


class ExportError(DiscourseLabError):
    """The grades cannot be written for this LMS (wrong or changed roster file …): one line."""


# ---------------------------------------------------------------- which grade


def _counts(g) -> bool:
    flag = getattr(g, "counts", None)
    return (not g.rejected) if flag is None else bool(flag)


def _sid(g) -> str:
    student = getattr(g, "student", None)
    return (student.student_id if student is not None else g.student_id).lower()


def counted_by_student(report: Report) -> dict[str, Graded]:
    """Student id (lowercased) -> the row that counts for them (missing rows included)."""
    out: dict[str, Graded] = {}
    for g in report.graded:
        if not g.rejected and _counts(g):
            out.setdefault(_sid(g), g)
    return out


def _grades(report: Report, missing_as_zero: bool) -> Callable[[Student], float | None]:
    """A function: roster student -> the total to send, or None for an empty cell."""
    counted = counted_by_student(report)
    rejected = {_sid(g) for g in report.graded if g.rejected and g.student_id}

    def grade(student: Student) -> float | None:
        sid = student.student_id.lower()
        g = counted.get(sid)
        if g is None and sid in rejected:
            return None  # handed in, but the file was refused: not "missing"
        if g is None or g.status == "missing":
            return 0.0 if missing_as_zero else None
        return grade_for(g)

    return grade


def grade_for(g) -> float | None:
    """The total of a counted row, or None for an empty cell."""
    if g.status != "graded":
        return None  # incomplete: manual marks pending; its objective part is not the grade
    return float(g.total)


def _scaled(points: float, ours: float, theirs: float | None) -> float:
    if theirs is None or not ours or abs(theirs - ours) < 1e-9:
        return points
    return round(points * theirs / ours, 2)


# ---------------------------------------------------------------- reading the roster file as it is


def _read_csv(path: Path) -> tuple[list[list[str]], dict]:
    """Rows of a CSV exactly as written, and how it was written (BOM, delimiter, line ending)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ExportError(f"{display_path(path)}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ExportError(f"{display_path(path)}: is not UTF-8 text") from None
    bom = text.startswith(BOM)
    text = text[1:] if bom else text
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    ending = "\r\n" if "\r\n" in text[: len(first) + 2] else "\n"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise ExportError(f"{display_path(path)}: is empty")
    return rows, {"bom": bom, "delimiter": delimiter, "ending": ending}


def _write_csv(rows: list[list[str]], how: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=how["delimiter"], lineterminator=how["ending"])
    writer.writerows(rows)
    return (BOM if how["bom"] else "") + buffer.getvalue()


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def _need(roster: Roster | None, kind: str, flag: str, what: str) -> Roster:
    """The roster, when it is one of this LMS; else ExportError."""
    if roster is None:
        raise ExportError(f"{flag} needs --roster FILE: {what}")
    if roster.kind != kind:
        raise ExportError(f"{flag} needs --roster with {what}; {display_path(roster.path)} is a {roster.kind} roster")
    return roster


def _assignment(report: Report, assignment: Assignment | None) -> Assignment:
    """The assignment given, else the report's (a report of ``grade`` always has one)."""
    chosen = assignment if assignment is not None else report.assignment
    if chosen is None:
        raise ExportError("no assignment to export grades for: give the assignment folder")
    return chosen


# ---------------------------------------------------------------- Canvas


def canvas_csv(
    report: Report, assignment: Assignment | None = None, missing_as_zero: bool = False
) -> tuple[str, list[str]]:
    """The Canvas import file as text, and notes for the instructor."""
    assignment = _assignment(report, assignment)
    roster = _need(report.roster, "canvas", "--canvas", CANVAS_WHAT)
    identity = [c for c in roster.columns if c in CANVAS_IDENTITY]
    if "Student" not in identity or "ID" not in identity:
        raise ExportError(f"{display_path(roster.path)}: has no Student and ID columns of a Canvas gradebook export")
    rows, how = _read_csv(roster.path)
    header = rows[0]
    points_row = next((r for r in rows[1:] if r and r[0].strip() == POINTS_POSSIBLE), None)
    notes = []
    column, canvas_points = None, None
    for i, name in enumerate(header):
        match = CANVAS_ID_SUFFIX.match(name)
        if match and match[1].strip() == assignment.title.strip():
            column = name
            if points_row is not None and i < len(points_row):
                canvas_points = _number(points_row[i])
            break
    if column is None:
        if CANVAS_ID_SUFFIX.match(assignment.title):
            raise ExportError(
                f"the title {assignment.title!r} ends in a number in parentheses, which Canvas reads as an "
                "assignment id: create the assignment in Canvas, export the gradebook again and grade with it as --roster"
            )
        column = assignment.title
        notes.append(f"Canvas will create a new assignment {column!r} worth {_fmt(assignment.total)} points")
    elif canvas_points is not None and abs(canvas_points - assignment.total) > 1e-9:
        notes.append(
            f"{column!r} is worth {_fmt(canvas_points)} points in Canvas and {_fmt(assignment.total)} here: "
            "grades are scaled to Canvas's points"
        )
    points = canvas_points if canvas_points is not None else assignment.total
    grade_of = _grades(report, missing_as_zero)
    lead = {"Student": " " * 4 + POINTS_POSSIBLE}
    if points_row is not None:  # keep the export's own spelling (Canvas pads it with spaces)
        lead["Student"] = points_row[0]
    out = [identity + [column], [lead.get(c, "") for c in identity] + [_fmt(points)]]
    blank = 0
    for student in roster.students:
        grade = grade_of(student)
        if grade is None:
            blank += 1
        cell = "" if grade is None else _fmt(_scaled(grade, assignment.total, canvas_points))
        out.append([student.fields.get(c, "") for c in identity] + [cell])
    if blank:
        notes.append(f"{blank} of {len(roster.students)} students left blank (missing, incomplete or rejected)")
    return _write_csv(out, how), notes


# ---------------------------------------------------------------- Moodle


def _participant(identifier: str) -> str | None:
    match = PARTICIPANT.match(identifier.strip())
    return match[1] if match else None


def moodle_worksheet(
    report: Report, assignment: Assignment | None = None, missing_as_zero: bool = False
) -> tuple[str, list[str]]:
    """The downloaded grading worksheet with ``Grade`` filled in, and notes for the instructor."""
    assignment = _assignment(report, assignment)
    roster = _need(report.roster, "moodle", "--moodle", MOODLE_WHAT)
    rows, how = _read_csv(roster.path)
    header = rows[0]
    lacking = [c for c in MOODLE_REQUIRED if c not in header]
    if lacking:
        raise ExportError(
            f"{display_path(roster.path)}: has no column(s) {', '.join(lacking)} of a Moodle grading worksheet"
        )
    at = {name: header.index(name) for name in header}
    by_participant = {str(s.lms_user_id): s for s in roster.students if s.lms_user_id is not None}
    grade_of = _grades(report, missing_as_zero)
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    seen = set()
    student_of_row: list[Student] = []  # the roster student of each body row, in order
    for line, row in enumerate(body, 2):
        pid = _participant(row[at["Identifier"]]) if len(row) > at["Identifier"] else None
        if pid is None or pid not in by_participant:
            raise ExportError(
                f"{display_path(roster.path)}: line {line}: participant {row[at['Identifier']] if row else ''!r} "
                "is not in the roster that was read; the worksheet changed since, download it again"
            )
        if pid in seen:
            raise ExportError(f"{display_path(roster.path)}: line {line}: participant {pid} appears twice")
        seen.add(pid)
        student_of_row.append(by_participant[pid])
    if len(seen) != len(by_participant):
        raise ExportError(f"{display_path(roster.path)}: does not list the roster's participants; download it again")
    decimal_comma = False
    moodle_max = None
    if "Maximum grade" in at:
        maxima = {r[at["Maximum grade"]].strip() for r in body if len(r) > at["Maximum grade"]}
        decimal_comma = any("," in m and "." not in m for m in maxima)
        values = {_number(m) for m in maxima} - {None}
        if len(values) == 1:
            moodle_max = values.pop()
    notes = []
    if moodle_max is not None and abs(moodle_max - assignment.total) > 1e-9:
        notes.append(
            f"the Moodle assignment's maximum grade is {_fmt(moodle_max)} and this assignment is worth "
            f"{_fmt(assignment.total)} points: grades are scaled to Moodle's maximum"
        )
    locked = at.get("Grade can be changed")
    out = [header]
    blank = kept = 0
    for row, student in zip(body, student_of_row):
        row = row + [""] * (len(header) - len(row))
        if locked is not None and row[locked].strip().lower() == "no":
            kept += 1  # Moodle would skip it anyway: leave the cell as downloaded
            out.append(row)
            continue
        grade = grade_of(student)
        if grade is None:
            blank += 1
            row[at["Grade"]] = ""
        else:
            text = f"{_scaled(grade, assignment.total, moodle_max):.2f}"
            row[at["Grade"]] = text.replace(".", ",") if decimal_comma else text
        out.append(row)
    if blank:
        notes.append(f"{blank} of {len(body)} participants left empty (missing, incomplete or rejected)")
    if kept:
        notes.append(f"{kept} participants' grades are locked in Moodle (Grade can be changed: No); left as downloaded")
    return _write_csv(out, how), notes


# ---------------------------------------------------------------- writing


def _not_the_roster(path, report) -> None:
    roster = getattr(report, "roster", None)
    if roster is not None and Path(path).resolve() == Path(roster.path).resolve():
        raise ExportError(f"{display_path(path)}: is the roster file itself; write the grades to a new file")


def write_canvas(path, report, assignment=None, missing_as_zero: bool = False) -> list[str]:
    _not_the_roster(path, report)
    text, notes = canvas_csv(report, assignment, missing_as_zero)
    write_atomic(Path(path), text)
    return notes


def write_moodle(path, report, assignment=None, missing_as_zero: bool = False) -> list[str]:
    _not_the_roster(path, report)
    text, notes = moodle_worksheet(report, assignment, missing_as_zero)
    write_atomic(Path(path), text)
    return notes


def check_flags(canvas, moodle, roster_path) -> None:
    """Before grading: an LMS export needs a roster of that LMS (so nothing is written in vain)."""
    asked = (("--canvas", "canvas", CANVAS_WHAT, canvas), ("--moodle", "moodle", MOODLE_WHAT, moodle))
    wanted = [(flag, kind, what) for flag, kind, what, value in asked if value]
    for flag, _, what in wanted:
        if not roster_path:
            raise ExportError(f"{flag} needs --roster FILE: {what}")
    if not wanted:
        return
    roster = read_roster(roster_path)
    for flag, kind, what in wanted:
        _need(roster, kind, flag, what)


def write_exports(report, assignment, canvas=None, moodle=None, missing_as_zero: bool = False):
    """Write the files asked for; returns (paths written, notes)."""
    written, notes = [], []
    if canvas:
        notes += [
            f"{display_path(Path(canvas))}: {n}" for n in write_canvas(canvas, report, assignment, missing_as_zero)
        ]
        written.append(Path(canvas))
    if moodle:
        notes += [
            f"{display_path(Path(moodle))}: {n}" for n in write_moodle(moodle, report, assignment, missing_as_zero)
        ]
        written.append(Path(moodle))
    return written, notes
