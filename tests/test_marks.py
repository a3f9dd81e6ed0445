"""Do hand-given marks survive spreadsheets, resubmissions and failed writes?

The manual-scores sheet goes through what Excel and LibreOffice write (byte-order mark, ``;``,
decimal commas, CRLF, every cell quoted, comments that start with ``=`` or ``-``) and through
three regrades, and must come back byte for byte. A mark judged one answer: when another answer
counts, it is stale, flagged and not applied. A save that fails leaves the old marks file whole.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from typing import Any

import pytest
from support import ANSWERS, CLOSE, LEFT_OUT, make_assignment, submission

from discourse_lab import atomic, cli
from discourse_lab.course import grade, marks
from discourse_lab.errors import DataFileError
from discourse_lab.exercises import spec


@pytest.fixture
def week(tmp_path):
    instructor, aid = make_assignment(tmp_path / "week")
    files = [submission(tmp_path / f"{aid}-{sid}.json", sid, aid, answers) for sid, answers in ANSWERS.items()]
    return instructor, aid, files


def run_grade(tmp_path, instructor, files, manual=None) -> tuple[int, dict]:
    args = ["grade", "--assignment", str(instructor), *map(str, files), "--out", str(tmp_path / "gb.csv")]
    args += ["--feedback", str(tmp_path / "fb")]
    if manual:
        args += ["--manual", str(manual)]
    code = cli.main(args)
    with open(tmp_path / "gb.csv", newline="", encoding="utf-8") as handle:
        return code, {row["student_id"]: row for row in csv.DictReader(handle)}


def excel_european(sheet: str, fill: dict) -> bytes:
    """The sheet as a European-locale Excel saves it after marking: 'CSV UTF-8' with a BOM, ';'
    between cells, decimal commas, every cell quoted, CRLF. ``fill``: (sid, ex id) -> cells to set."""
    rows = list(csv.DictReader(io.StringIO(sheet)))
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]), delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        row.update(fill.get((row["student_id"], row["exercise_id"]), {}))
        row["max_points"] = row["max_points"].replace(".", ",")
        writer.writerow(row)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def test_answer_digest_is_the_documented_canonical_json():
    assert marks.answer_digest({"b": 1, "a": "é"}) == marks.answer_digest({"a": "é", "b": 1})
    assert marks.answer_digest("x").startswith("sha256:") and len(marks.answer_digest("x")) == 7 + 16
    assert marks.answer_digest("x") != marks.answer_digest("x ")


def test_sheet_is_grouped_by_item_with_rubric_columns(week, tmp_path):
    """One row per (student, item), all answers to item 1 first, then item 2; a tick column per rubric item."""
    instructor, _, files = week
    code, _ = run_grade(tmp_path, instructor, files)
    assert code == 0
    rows = list(csv.DictReader(open(tmp_path / "fb" / grade.MANUAL_SHEET, newline="", encoding="utf-8")))
    assert [(r["exercise_id"], r["student_id"]) for r in rows] == [
        (LEFT_OUT, "s001"),
        (LEFT_OUT, "s002"),
        (LEFT_OUT, "s003"),
        (CLOSE, "s001"),
        (CLOSE, "s002"),
    ]
    assert {"rubric_1", "rubric_2", "rubric_3", "rubric_4", "answer_digest"} <= set(rows[0])
    assert rows[0]["answer_digest"] == marks.answer_digest(ANSWERS["s001"][LEFT_OUT])
    assert "1. Names a point reported elsewhere" in rows[0]["rubric"] and "(0.75)" in rows[0]["rubric"]


def test_excel_european_sheet_round_trip_is_idempotent_over_three_regrades(week, tmp_path):
    """BOM, ';', decimal comma, quoted cells, CRLF and '=' / '-' comments: read right, written back unchanged."""
    instructor, _, files = week
    run_grade(tmp_path, instructor, files)
    sheet = tmp_path / "fb" / grade.MANUAL_SHEET
    fill = {
        ("s001", LEFT_OUT): {"points": "2,5", "comment": "= good, but name the outlet"},
        ("s002", LEFT_OUT): {"rubric_4": "x", "comment": '- no point named; "nothing" is not an answer'},
        ("s001", CLOSE): {"rubric_1": "x", "rubric_2": "1", "rubric_3": "WAHR"},
        ("s002", CLOSE): {"points": "0", "comment": "+ see the model answer"},
    }
    sheet.write_bytes(excel_european(sheet.read_text(encoding="utf-8"), fill))
    written = []
    for _ in range(3):
        code, book = run_grade(tmp_path, instructor, files, manual=sheet)
        assert code == 0
        written.append(sheet.read_bytes())
        assert book["s001"][LEFT_OUT] == "2.5" and book["s002"][LEFT_OUT] == "0.75"
        assert book["s001"][CLOSE] == "2.25" and book["s002"][CLOSE] == "0"
        assert book["s003"][LEFT_OUT] == "" and book["s003"]["status"] == "incomplete"
    assert written[0] == written[1] == written[2]
    text = written[0].decode("utf-8")
    assert text.startswith("\ufeff") and ";" in text.splitlines()[0] and "\r\n" in text  # kept as the locale wrote it
    read = marks.read_marks(sheet, grade.load_assignment(instructor))
    assert read[("s001", LEFT_OUT)].comment == "= good, but name the outlet"
    assert read[("s002", LEFT_OUT)].comment == '- no point named; "nothing" is not an answer'
    assert read[("s002", CLOSE)].comment == "+ see the model answer"
    assert read[("s001", CLOSE)].rubric == (1, 2, 3) and read[("s001", CLOSE)].points == 2.25
    assert "'= good, but name the outlet" in text and "''=" not in text  # one guard quote, never a second
    assert "2,5" in text and "2.5" not in text
    page = (tmp_path / "fb" / "s001.html").read_text(encoding="utf-8")
    assert "= good, but name the outlet" in page and "&#39;=" not in page


def test_comma_sheet_with_bom_and_crlf_is_read(week, tmp_path):
    """Excel's 'CSV UTF-8 (Comma delimited)': BOM and CRLF; the header is found, not refused."""
    instructor, _, files = week
    run_grade(tmp_path, instructor, files)
    sheet = tmp_path / "fb" / grade.MANUAL_SHEET
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    rows[0]["points"] = "3"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    code, book = run_grade(tmp_path, instructor, files, manual=sheet)
    assert code == 0 and book["s001"][LEFT_OUT] == "3"


@pytest.mark.parametrize(
    "raw, problem",
    [
        pytest.param("student_id,exercise_id,points\r\n".encode("utf-16"), "UTF-16", id="utf-16"),
        pytest.param("student_id;exercise_id;points\r\ns001;x;caf\xe9\r\n".encode("cp1252"), "not UTF-8", id="cp1252"),
    ],
)
def test_sheet_in_another_encoding_is_one_line(week, tmp_path, capsys, raw, problem):
    instructor, _, files = week
    (tmp_path / "m.csv").write_bytes(raw)
    code = cli.main(
        ["grade", "--assignment", str(instructor), *map(str, files), "--out", str(tmp_path / "gb.csv")]
        + ["--manual", str(tmp_path / "m.csv")]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and problem in err[0] and "m.csv" in err[0]


def test_points_that_differ_from_the_ticks_need_a_comment(week, tmp_path):
    instructor, _, _ = week
    assignment = grade.load_assignment(instructor)
    digest = marks.answer_digest(ANSWERS["s001"][LEFT_OUT])
    head = "student_id,exercise_id,points,rubric_1,rubric_2,comment,answer_digest\r\n"
    (tmp_path / "m.csv").write_text(head + f"s001,{LEFT_OUT},3,x,,,{digest}\r\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 2: points 3 differ from the ticked rubric items \(0.75\)"):
        marks.read_marks(tmp_path / "m.csv", assignment)
    (tmp_path / "m.csv").write_text(head + f"s001,{LEFT_OUT},3,x,,the rest is implied,{digest}\r\n", encoding="utf-8")
    assert marks.read_marks(tmp_path / "m.csv", assignment)[("s001", LEFT_OUT)].points == 3
    (tmp_path / "m.csv").write_text(head + f"s001,{LEFT_OUT},,x,x,,{digest}\r\n", encoding="utf-8")
    assert marks.read_marks(tmp_path / "m.csv", assignment)[("s001", LEFT_OUT)].points == 1.5


def test_a_mark_of_another_answer_is_stale_not_applied(week, tmp_path, capsys):
    """s001 hands in again with a different answer: the 3/3 given to the first answer must not count."""
    instructor, aid, files = week
    assignment = grade.load_assignment(instructor)
    first = marks.Mark("s001", LEFT_OUT, marks.answer_digest(ANSWERS["s001"][LEFT_OUT]), 3.0, (1, 2, 3, 4), "", "")
    marks.write_marks(tmp_path / "marks.json", [first], assignment.id)
    code, book = run_grade(tmp_path, instructor, files, manual=tmp_path / "marks.json")
    assert code == 0 and book["s001"][LEFT_OUT] == "3"
    later = dict(ANSWERS["s001"], **{LEFT_OUT: "It leaves out nothing worth saying here at all, I think."})
    again = submission(tmp_path / "again.json", "s001", aid, later, created="2027-02-02T09:00:00Z")
    capsys.readouterr()
    (tmp_path / "fb" / grade.MANUAL_SHEET).unlink()  # the sheet is made again from the marks file
    code, book = run_grade(tmp_path, instructor, [*files, again], manual=tmp_path / "marks.json")
    out = capsys.readouterr()
    assert book["s001"][LEFT_OUT] == "" and book["s001"]["status"] == "incomplete"
    assert f"stale-mark:{LEFT_OUT}" in book["s001"]["flags"]
    assert "judged another answer" in out.out + out.err
    # The mark itself is kept: in the marks file, and as a stale row of the sheet beside the new answer's row.
    assert marks.read_marks(tmp_path / "marks.json", assignment)[("s001", LEFT_OUT)].points == 3
    rows = list(csv.DictReader(open(tmp_path / "fb" / grade.MANUAL_SHEET, newline="", encoding="utf-8")))
    mine = [r for r in rows if r["student_id"] == "s001" and r["exercise_id"] == LEFT_OUT]
    assert [(r["status"], r["points"]) for r in mine] == [("stale", "3"), ("", "")]
    assert mine[1]["answer"] == later[LEFT_OUT]
    # Read back, the sheet still does not apply the stale mark, and marking the new row wins.
    sheet = tmp_path / "fb" / grade.MANUAL_SHEET
    text = sheet.read_text(encoding="utf-8")
    code, book = run_grade(tmp_path, instructor, [*files, again], manual=sheet)
    assert book["s001"][LEFT_OUT] == "" and f"stale-mark:{LEFT_OUT}" in book["s001"]["flags"]
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        if r["student_id"] == "s001" and r["exercise_id"] == LEFT_OUT and r["status"] == "":
            r["rubric_1"] = "x"  # the instructor marks the new answer
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    code, book = run_grade(tmp_path, instructor, [*files, again], manual=sheet)
    assert book["s001"][LEFT_OUT] == "0.75" and "stale-mark" not in book["s001"]["flags"]


def test_a_failed_write_keeps_the_old_marks_file(tmp_path, monkeypatch):
    path = tmp_path / "marks.json"
    one = marks.Mark("s001", LEFT_OUT, marks.answer_digest("a"), 1.5, (1, 2), "ok", "2027-01-01T00:00:00Z")
    marks.save_marks(path, [one], "week-abc123")
    before = path.read_bytes()

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    two = marks.Mark("s002", LEFT_OUT, marks.answer_digest("b"), 3.0, (), "", "")
    with pytest.raises(OSError):
        marks.save_marks(path, [two], "week-abc123")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []
    marks.save_marks(path, [two], "week-abc123")
    assert marks.backup_path(path).read_bytes() == before  # one step back
    saved = json.loads(path.read_text(encoding="utf-8"))["marks"]
    assert [(m["student_id"], m["points"]) for m in saved] == [("s001", 1.5), ("s002", 3.0)]


def test_concurrent_saves_lose_no_mark(tmp_path):
    """Two desks saving into one marks file at the same time: every mark of both is there."""
    path = tmp_path / "marks.json"

    def desk(prefix: str):
        for n in range(25):
            marks.save_marks(path, [marks.Mark(f"{prefix}{n}", LEFT_OUT, marks.answer_digest(n), 1.0)], "w-abc123")

    threads = [threading.Thread(target=desk, args=(p,)) for p in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = json.loads(path.read_text(encoding="utf-8"))["marks"]
    assert len(saved) == 50


def test_marks_file_of_another_assignment_is_refused(week, tmp_path):
    instructor, _, _ = week
    marks.write_marks(tmp_path / "marks.json", [], "other-abc123")
    with pytest.raises(DataFileError, match="holds the marks of assignment other-abc123"):
        marks.read_marks(tmp_path / "marks.json", grade.load_assignment(instructor))


def rubric_entry(rubric, points=3):
    return {
        "id": "x-judge",
        "version": 1,
        "chapter": 1,
        "type": "short_text",
        "kind": "judgement",
        "prompt": "Why?",
        "explanation": "Because.",
        "points": points,
        "rubric": rubric,
        "model_answer": "So.",
    }


def test_rubric_items_may_carry_points():
    ex = spec.build(rubric_entry([{"text": "Names it", "points": 2}, "Says where", "Neutral"], points=3), None)
    assert ex.rubric == [("Names it", 2.0), ("Says where", 0.5), ("Neutral", 0.5)]
    assert ex.data["rubric"] == ["Names it", "Says where", "Neutral"]  # every reader of the texts sees strings
    assert spec.build(rubric_entry(["a", "b", "c"]), None).rubric == [("a", 1.0), ("b", 1.0), ("c", 1.0)]
    with pytest.raises(DataFileError, match="add up to 2, but the exercise is worth 3"):
        spec.build(rubric_entry([{"text": "a", "points": 1}, {"text": "b", "points": 1}]), None)
    with pytest.raises(DataFileError, match="leaving nothing"):
        spec.build(rubric_entry([{"text": "a", "points": 3}, "b"]), None)


def test_bank_schema_takes_rubric_items_with_points(tmp_path):
    from discourse_lab import datafiles

    bank: dict[str, Any] = {
        "chapter": 1,
        "title": "T",
        "exercises": [rubric_entry([{"text": "a", "points": 1}, "b"], points=2)],
    }
    datafiles.validate(bank, "exercise-bank.schema.json", tmp_path / "b.yml")
    bank["exercises"][0]["rubric"] = [{"text": "a"}]
    with pytest.raises(DataFileError):
        datafiles.validate(bank, "exercise-bank.schema.json", tmp_path / "b.yml")


def test_an_id_a_spreadsheet_turned_into_a_number_still_finds_its_answer(tmp_path):
    """Excel reads the id 0012345 as the number 12345 and saves it so: the mark still lands."""
    instructor, aid = make_assignment(tmp_path / "week")
    answer = ANSWERS["s001"][LEFT_OUT]
    files = [submission(tmp_path / "a.json", "0012345", aid, {LEFT_OUT: answer})]
    digest = marks.answer_digest(answer)
    sheet = tmp_path / "m.csv"
    sheet.write_text(
        f"student_id;exercise_id;points;answer_digest\r\n12345;{LEFT_OUT};1,5;{digest}\r\n", encoding="utf-8"
    )
    code, book = run_grade(tmp_path, instructor, files, manual=sheet)
    assert code == 0 and book["0012345"][LEFT_OUT] == "1.5"
    rows = list(csv.DictReader(open(tmp_path / "fb" / grade.MANUAL_SHEET, newline="", encoding="utf-8"), delimiter=";"))
    assert [(r["student_id"], r["points"], r["status"]) for r in rows] == [("0012345", "1,5", "")]
