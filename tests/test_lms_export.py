"""Grades out to Canvas and Moodle (discourse_lab.course.lms_export), from files shaped like real exports.

The Canvas roster is a gradebook export as Canvas writes it: UTF-8 with a byte-order mark, the
five identity columns, an assignment column ``Title (id)``, read-only score columns, the
``Points Possible`` row (padded with spaces) and the Test Student. The Moodle roster is the
grading worksheet of an assignment with offline grading: BOM, ``Participant N`` identifiers and
the columns of ``mod/assign/gradingtable.php``'s download, in that order.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_report import graded_row, tour_assignment, write_submission

from discourse_lab import cli
from discourse_lab.course import grade, lms_export
from discourse_lab.course.roster import Roster, read_roster

BOM = "\ufeff"

CANVAS_EXPORT = (
    BOM + "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 reading (88101),Current Score,Unposted Current Score,"
    "Final Score,Unposted Final Score\r\n"
    "    Points Possible,,,,,10.00,(read only),(read only),(read only),(read only)\r\n"
    '"Doe, Jane",1001,S1001,jdoe,DL 101 A,9.00,90.00,90.00,90.00,90.00\r\n'
    '"O\'Brien, Seán",1002,S1002,sobrien,DL 101 A,7.50,75.00,75.00,75.00,75.00\r\n'
    '"Lee, Min",1003,S1003,mlee,DL 101 B,,,,0.00,0.00\r\n'
    '"Varga, Anna",1004,,avarga,DL 101 B,8.00,80.00,80.00,80.00,80.00\r\n'
    '"Student, Test",1099,,6b1c2f0e-test,DL 101 A,,,,,\r\n'
)

MOODLE_HEADER = (
    "Identifier,Full name,Email address,Status,Grade,Maximum grade,Grade can be changed,"
    "Last modified (submission),Online text,Last modified (grade),Feedback comments"
)
MOODLE_WORKSHEET = (
    BOM + MOODLE_HEADER + "\n"
    '"Participant 4301","Jane Doe",jdoe@uni.example,"Submitted for grading",,8.00,Yes,'
    '"Monday, 1 February 2027, 10:00 AM",,-,\n'
    '"Participant 4302","Seán O\'Brien",sobrien@uni.example,"Submitted for grading",,8.00,Yes,'
    '"Monday, 1 February 2027, 11:00 AM",,-,\n'
    '"Participant 4303","Min Lee",mlee@uni.example,"Submitted for grading",,8.00,Yes,'
    '"Monday, 1 February 2027, 9:30 AM",,-,"Please see me"\n'
    '"Participant 4304","Anna Varga",avarga@uni.example,"No submission",,8.00,Yes,-,,-,\n'
    '"Participant 4305","Ola Berg",oberg@uni.example,"Submitted for grading",5.00,8.00,No,'
    '"Monday, 1 February 2027, 8:00 AM",,"Tuesday, 2 February 2027, 9:00 AM",\n'
)


def klass(roster: Roster) -> grade.Report:
    """jdoe and sobrien complete, mlee incomplete (manual mark pending), avarga missing, a stranger
    not on the roster, and a superseded duplicate of jdoe's."""
    assignment = tour_assignment()
    rows = []
    for i, sid in ((2, "jdoe"), (1, "sobrien"), (28, "mlee"), (3, "zz-stranger")):
        g = graded_row(i, assignment)
        g.student_id = sid
        rows.append(g)
    duplicate = graded_row(25, assignment)
    duplicate.student_id, duplicate.rejected, duplicate.counts = "jdoe", "duplicate: superseded", False
    rows.append(duplicate)
    by_id = {s.student_id: s for s in roster.students}
    for g in rows:
        g.student = by_id.get(g.student_id)
    rep = grade.Report(rows, [], [], [])
    rep.assignment, rep.roster = assignment, roster
    return rep


@pytest.fixture
def canvas_roster(tmp_path) -> Roster:
    path = tmp_path / "2027-02-03T1000_Grades-DL_101.csv"
    path.write_bytes(CANVAS_EXPORT.encode("utf-8"))
    return read_roster(path)


@pytest.fixture
def moodle_roster(tmp_path) -> Roster:
    path = tmp_path / "Grades-DL101-Week 2-42.csv"
    path.write_bytes(MOODLE_WORKSHEET.encode("utf-8"))
    return read_roster(path)


def table(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


# ---------------------------------------------------------------- Canvas


def test_canvas_keeps_the_roster_identities_one_row_per_student(canvas_roster):
    text, notes = lms_export.canvas_csv(klass(canvas_roster))
    rows = table(text)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Tour <week>"]
    assert rows[1] == ["    Points Possible", "", "", "", "", "8"]
    exported = list(csv.reader(io.StringIO(CANVAS_EXPORT[1:], newline="")))
    students = [r[:5] for r in exported[2:6]]  # the four real students, Test Student left out
    assert [r[:5] for r in rows[2:]] == students
    grades = {r[3]: r[5] for r in rows[2:]}
    assert grades == {"jdoe": "8", "sobrien": "7.67", "mlee": "", "avarga": ""}  # incomplete, missing: blank
    assert "zz-stranger" not in text and "Student, Test" not in text
    assert any("new assignment" in n for n in notes)
    assert text.count("\r\n") == len(rows)  # Canvas's line endings kept


def test_canvas_missing_as_zero_gives_missing_zero_but_leaves_incomplete_blank(canvas_roster):
    rows = table(lms_export.canvas_csv(klass(canvas_roster), missing_as_zero=True)[0])
    grades = {r[3]: r[5] for r in rows[2:]}
    assert grades["avarga"] == "0" and grades["mlee"] == ""


def test_canvas_uses_an_existing_assignment_column_and_its_points(tmp_path):
    export = CANVAS_EXPORT.replace("Week 1 reading (88101)", "Tour <week> (88102)").replace(",10.00,", ",16.00,")
    path = tmp_path / "grades.csv"
    path.write_bytes(export.encode("utf-8"))
    text, notes = lms_export.canvas_csv(klass(read_roster(path)))
    rows = table(text)
    assert rows[0][-1] == "Tour <week> (88102)"  # Canvas matches the column by its id
    assert rows[1][-1] == "16"
    assert {r[3]: r[5] for r in rows[2:]}["sobrien"] == "15.34"  # 7.67 of 8, scaled to 16
    assert any("scaled" in n for n in notes)


def test_canvas_refuses_a_title_canvas_would_read_as_an_id(canvas_roster):
    rep = klass(canvas_roster)
    assert rep.assignment is not None
    rep.assignment.title = "Week (2027)"
    with pytest.raises(lms_export.ExportError, match="assignment id"):
        lms_export.canvas_csv(rep)


# ---------------------------------------------------------------- Moodle


def test_moodle_fills_grade_and_keeps_everything_else(moodle_roster):
    text, notes = lms_export.moodle_worksheet(klass(moodle_roster))
    rows = table(text)
    original = table(MOODLE_WORKSHEET)
    assert rows[0] == original[0] == MOODLE_HEADER.split(",")
    assert len(rows) == len(original)
    g = original[0].index("Grade")
    for new, old in zip(rows[1:], original[1:]):
        assert new[:g] + new[g + 1 :] == old[:g] + old[g + 1 :]  # only Grade changes
    grades = {r[2]: r[g] for r in rows[1:]}
    assert grades == {
        "jdoe@uni.example": "",  # no submission with this id: the graded rows carry SIS logins
        "sobrien@uni.example": "",
        "mlee@uni.example": "",
        "avarga@uni.example": "",
        "oberg@uni.example": "5.00",  # locked in Moodle: left as downloaded
    }
    assert "\r\n" not in text and text.count("\n") == len(rows)


def moodle_klass(roster: Roster) -> grade.Report:
    rep = klass(roster)
    emails = {"jdoe": "jdoe@uni.example", "sobrien": "sobrien@uni.example", "mlee": "mlee@uni.example"}
    by_id = {s.student_id: s for s in roster.students}
    for g in rep.graded:
        g.student_id = emails.get(g.student_id, g.student_id)
        g.student = by_id.get(g.student_id)
    return rep


def test_moodle_grades_by_participant(moodle_roster):
    text, notes = lms_export.moodle_worksheet(moodle_klass(moodle_roster))
    rows = table(text)
    g = rows[0].index("Grade")
    grades = {r[0]: r[g] for r in rows[1:]}
    assert grades == {
        "Participant 4301": "8.00",
        "Participant 4302": "7.67",
        "Participant 4303": "",  # incomplete: never the objective part alone
        "Participant 4304": "",  # missing
        "Participant 4305": "5.00",
    }
    assert any("locked" in n for n in notes)
    zero = {r[0]: r[g] for r in table(lms_export.moodle_worksheet(moodle_klass(moodle_roster), None, True)[0])[1:]}
    assert zero["Participant 4304"] == "0.00" and zero["Participant 4303"] == ""


def test_moodle_scales_to_the_maximum_grade_and_keeps_a_decimal_comma(tmp_path):
    sheet = MOODLE_WORKSHEET.replace(",8.00,", ',"100,00",').replace(",5.00,", ',"5,00",')
    path = tmp_path / "sheet.csv"
    path.write_bytes(sheet.encode("utf-8"))
    text, notes = lms_export.moodle_worksheet(moodle_klass(read_roster(path)))
    rows = table(text)
    g = rows[0].index("Grade")
    assert {r[0]: r[g] for r in rows[1:]}["Participant 4302"] == "95,88"  # 7.67 / 8 x 100
    assert any("scaled" in n for n in notes)


def test_moodle_never_writes_an_unknown_participant(tmp_path, moodle_roster):
    # a student graded but not on the worksheet is not added
    text, _ = lms_export.moodle_worksheet(moodle_klass(moodle_roster))
    assert "zz-stranger" not in text and len(table(text)) == 6
    # a worksheet edited after it was read (a participant the roster does not know): refused
    rep = moodle_klass(moodle_roster)
    Path(moodle_roster.path).write_bytes(
        (MOODLE_WORKSHEET + '"Participant 9999","Who Ever",who@uni.example,"No submission",,8.00,Yes,-,,-,\n').encode()
    )
    with pytest.raises(lms_export.ExportError, match="Participant 9999"):
        lms_export.moodle_worksheet(rep)


def test_each_export_needs_its_own_kind_of_roster(canvas_roster, moodle_roster):
    with pytest.raises(lms_export.ExportError, match="--moodle needs --roster"):
        lms_export.moodle_worksheet(klass(canvas_roster))
    with pytest.raises(lms_export.ExportError, match="--canvas needs --roster"):
        lms_export.canvas_csv(klass(moodle_roster))
    rep = klass(canvas_roster)
    rep.roster = None
    with pytest.raises(lms_export.ExportError, match="--canvas needs --roster FILE"):
        lms_export.canvas_csv(rep)


@pytest.mark.parametrize("flag", ["--canvas", "--moodle"])
def test_cli_lms_export_without_roster_exits_2_with_one_line(tmp_path, capsys, flag):
    code = cli.main(
        ["grade", "--assignment", str(tmp_path), str(tmp_path / "x.json"), "--out", str(tmp_path / "gb.csv")]
        + [flag, str(tmp_path / "out.csv")]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and f"{flag} needs --roster" in err
    assert not (tmp_path / "gb.csv").exists()  # refused before grading anything


def test_cli_grades_into_canvas_and_moodle_files(tmp_path, capsys):
    """`grade --roster … --canvas/--moodle` end to end, through grade's roster and counted rows."""
    from discourse_lab.course import assign
    from discourse_lab.exercises import catalogue

    exercises = [e for e in catalogue.bank(0) if e.id in ("tour-choice", "tour-span")]
    assign.assign(exercises, "Tour", tmp_path / "a", allow_public=True)
    instructor = tmp_path / "a" / "instructor"
    files = [
        str(
            write_submission(
                instructor, tmp_path / f"{sid}.json", sid, {"tour-choice": c, "tour-span": ["p2s2t6", "p2s2t7"]}
            )
        )
        for sid, c in (("jdoe", "minister"), ("sobrien", "reporter"), ("zz-stranger", "minister"))
    ]
    roster = tmp_path / "grades.csv"
    roster.write_bytes(CANVAS_EXPORT.encode("utf-8"))
    base = ["grade", "--assignment", str(tmp_path / "a" / "instructor"), *files, "--out", str(tmp_path / "gb.csv")]
    cli.main(base + ["--roster", str(roster), "--canvas", str(tmp_path / "canvas.csv")])
    rows = table((tmp_path / "canvas.csv").read_text(encoding="utf-8"))
    assert rows[0][-1] == "Tour" and rows[1][-1] == "2"
    assert {r[3]: r[5] for r in rows[2:]} == {"jdoe": "2", "sobrien": "1", "mlee": "", "avarga": ""}
    capsys.readouterr()
    code = cli.main(base + ["--roster", str(roster), "--moodle", str(tmp_path / "moodle.csv")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--moodle needs --roster with the Moodle grading worksheet" in err[0]
    assert not (tmp_path / "moodle.csv").exists()


def test_cli_fills_the_moodle_worksheet(tmp_path):
    """`grade --roster WORKSHEET --moodle FILE`: the worksheet's rows and columns back, Grade filled."""
    from discourse_lab.course import assign
    from discourse_lab.exercises import catalogue

    exercises = [e for e in catalogue.bank(0) if e.id in ("tour-choice", "tour-span")]
    assign.assign(exercises, "Tour", tmp_path / "a", allow_public=True)
    instructor = tmp_path / "a" / "instructor"
    files = [
        str(write_submission(instructor, tmp_path / f"{n}.json", sid, {"tour-choice": c, "tour-span": ["p2s2t3"]}))
        for n, (sid, c) in enumerate((("jdoe@uni.example", "minister"), ("sobrien@uni.example", "reporter")))
    ]
    sheet = tmp_path / "worksheet.csv"
    sheet.write_bytes(MOODLE_WORKSHEET.encode("utf-8"))
    out = tmp_path / "filled.csv"
    code = cli.main(
        ["grade", "--assignment", str(instructor), *files, "--out", str(tmp_path / "gb.csv")]
        + ["--roster", str(sheet), "--moodle", str(out), "--missing-as-zero"]
    )
    assert code == 0
    rows, original = table(out.read_text(encoding="utf-8")), table(MOODLE_WORKSHEET)
    assert rows[0] == original[0] and [r[0] for r in rows] == [r[0] for r in original]
    g = rows[0].index("Grade")
    # 2 points possible here, 8.00 in Moodle: scaled by 4; missing students 0; Ola Berg's grade is locked
    assert [r[g] for r in rows[1:]] == ["4.00", "0.00", "0.00", "0.00", "5.00"]
    assert sheet.read_text(encoding="utf-8") == MOODLE_WORKSHEET  # the download itself is untouched


def test_a_report_without_an_assignment_is_one_clear_error(canvas_roster):
    rep = grade.Report([], [], [], [])
    rep.roster = canvas_roster
    with pytest.raises(lms_export.ExportError, match="no assignment"):
        lms_export.canvas_csv(rep)
    with pytest.raises(lms_export.ExportError, match="no assignment"):
        lms_export.moodle_worksheet(rep)
