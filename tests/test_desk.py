"""The marking desk's Python side: what the browser sets (the ``edit`` trait) lands in the marks file.

The browser is stood in for by setting the traits it sets; the live JupyterLab test
(tests/live/test_desk.py) presses the keys.
"""

from __future__ import annotations

import json

import pytest
from support import ANSWERS, CLOSE, LEFT_OUT, make_assignment, submission

from discourse_lab import cli
from discourse_lab.course import marks
from discourse_lab.course.desk import Desk, DeskError


@pytest.fixture
def week(tmp_path):
    instructor, aid = make_assignment(tmp_path / "week")
    files = [submission(tmp_path / f"{aid}-{sid}.json", sid, aid, answers) for sid, answers in ANSWERS.items()]
    return instructor, aid, files


def edit(desk: Desk, item: str, n: int, seq: int = 1, **mark) -> dict:
    row = desk.rows[item][n]
    base = {"seq": seq, "item": item, "token": row["token"], "digest": row["digest"], "rubric": [], "points": None}
    desk.edit = {**base, "comment": "", **mark}
    return row


def saved(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["marks"]


def test_students_are_anonymised_in_a_stable_order(week, tmp_path):
    instructor, _, files = week
    desk = Desk(instructor, *files, marks=tmp_path / "marks.json")
    state = json.dumps(desk.get_state(), ensure_ascii=False)
    assert all(sid not in state for sid in ANSWERS), "a student id reached the browser while anonymised"
    labels = [r["label"] for r in desk.rows[LEFT_OUT]]
    assert labels == ["Student 1", "Student 2", "Student 3"]
    again = Desk(instructor, *reversed(files), marks=tmp_path / "marks.json")
    assert [r["answer"] for r in again.rows[LEFT_OUT]] == [r["answer"] for r in desk.rows[LEFT_OUT]]
    # The same student has the same number on every item.
    by_answer = {r["answer"]: r["label"] for r in desk.rows[CLOSE]}
    for answers in ANSWERS.values():
        if CLOSE in answers:
            first = next(r["label"] for r in desk.rows[LEFT_OUT] if r["answer"] == answers[LEFT_OUT])
            assert by_answer[answers[CLOSE]] == first
    desk.show_ids = True
    assert sorted(r["student"] for r in desk.rows[LEFT_OUT]) == sorted(ANSWERS)


def test_ticks_comment_and_override_are_saved_after_each_change(week, tmp_path):
    instructor, _, files = week
    path = tmp_path / "marks.json"
    desk = Desk(instructor, *files, marks=path)
    row = edit(desk, LEFT_OUT, 0, seq=1, rubric=[1])
    assert desk.ack == {"seq": 1, "ok": True, "updated": desk.ack["updated"]}
    assert [(m["rubric"], m["points"], m["digest"]) for m in saved(path)] == [([1], 0.75, row["digest"])]
    edit(desk, LEFT_OUT, 0, seq=2, rubric=[1, 2], comment="Name the outlet.")
    assert [(m["rubric"], m["points"], m["comment"]) for m in saved(path)] == [([1, 2], 1.5, "Name the outlet.")]
    edit(desk, LEFT_OUT, 1, seq=3, points=0)  # "0": no rubric item met
    assert desk.progress()[LEFT_OUT] == (2, 3)
    assert desk.marks[f"{LEFT_OUT}|{row['token']}"]["points"] == 1.5
    # Out-of-range points are refused, said in the ack, and the file keeps the mark it had.
    before = path.read_bytes()
    edit(desk, LEFT_OUT, 0, seq=4, rubric=[1, 2], points=7)
    assert desk.ack["ok"] is False and "between 0 and 3" in desk.ack["error"]
    assert path.read_bytes() == before
    # Unticking everything with no comment leaves no mark.
    edit(desk, LEFT_OUT, 1, seq=5)
    assert [m["points"] for m in saved(path)] == [1.5]
    # grade --manual takes the desk's file.
    code = cli.main(
        ["grade", "--assignment", str(instructor), *map(str, files), "--out", str(tmp_path / "gb.csv")]
        + ["--manual", str(path)]
    )
    assert code == 0
    assert ",1.5," in (tmp_path / "gb.csv").read_text(encoding="utf-8")


def test_a_desk_opened_again_shows_the_saved_marks(week, tmp_path):
    instructor, _, files = week
    path = tmp_path / "marks.json"
    first = Desk(instructor, *files, marks=path)
    row = edit(first, CLOSE, 1, rubric=[2, 4], comment="Keeps the core.")
    second = Desk(instructor, *files, marks=path)
    assert second.marks[f"{CLOSE}|{row['token']}"] == dict(first.marks[f"{CLOSE}|{row['token']}"])
    assert second.marks[f"{CLOSE}|{row['token']}"]["stale"] is False


def test_a_mark_of_an_earlier_answer_shows_as_stale(week, tmp_path):
    instructor, aid, files = week
    path = tmp_path / "marks.json"
    old = marks.Mark("s002", LEFT_OUT, marks.answer_digest("An earlier answer."), 3.0, (1, 2, 3, 4), "Full marks")
    marks.write_marks(path, [old], aid)
    desk = Desk(instructor, *files, marks=path)
    stale = [m for m in desk.marks.values() if m["stale"]]
    assert len(stale) == 1 and stale[0]["points"] == 3
    assert desk.progress()[LEFT_OUT] == (0, 3)
    # An edit carrying a digest other than the answer shown is refused.
    row = desk.rows[LEFT_OUT][0]
    desk.edit = {"seq": 9, "item": LEFT_OUT, "token": row["token"], "digest": "sha256:0000000000000000", "rubric": [1]}
    assert desk.ack["ok"] is False and "changed" in desk.ack["error"]


def test_an_unreadable_marks_file_is_never_written_over(week, tmp_path):
    instructor, _, files = week
    path = tmp_path / "marks.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DeskError, match="will not write over it"):
        Desk(instructor, *files, marks=path)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_failed_save_is_said_in_the_ack(week, tmp_path, monkeypatch):
    instructor, _, files = week
    desk = Desk(instructor, *files, marks=tmp_path / "marks.json")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(marks, "save_marks", full)
    edit(desk, LEFT_OUT, 0, rubric=[1])
    assert desk.ack == {"seq": 1, "ok": False, "error": "not saved: No space left on device"}
    assert desk.marks == {}
