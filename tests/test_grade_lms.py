"""Does `grade` know who handed in what, and when: rosters, the LMS's zips, due times, late policies?

The files are shaped like the real exports (tests/lms_files.py): a Canvas gradebook export with its
BOM, Points Possible and Manual Posting rows and Test Student; Canvas's "Download Submissions"
names (``lastfirst[_LATE]_<user id>_<attachment id>_<file>``, ``-1`` for a file uploaded again);
a Moodle grading worksheet and its "Download all submissions" folders.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lms_files import (
    Person,
    answers,
    canvas_gradebook,
    canvas_name,
    make_assignment,
    moodle_name,
    moodle_worksheet,
    right_answers,
    submission,
    write_zip,
)

from discourse_lab import cli
from discourse_lab.course import deadlines, grade, lms_zip, roster

EXERCISES = ["ch01-source-dateline", "ch01-source-what-the-item-says", "ch01-source-event-or-evaluation"]  # 1 + 2 + 3
DUE = "2026-02-10T23:59:00+01:00"
DUE_UTC = datetime(2026, 2, 10, 22, 59, tzinfo=timezone.utc)
JANE = Person("Doe, Jane", "4211", "s001")
OMAR = Person("Haddad, Omar", "4212", "s002")
LI = Person("Wei, Li", "4213", "s003")
ANA = Person("Silva, Ana", "4214", "s004")
BEN = Person("Okafor, Ben", "4215", "s005")
CLASS = [JANE, OMAR, LI, ANA, BEN]


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    out = tmp_path_factory.mktemp("week2")
    man = make_assignment(EXERCISES, "Week 2", out, due=DUE)
    return out / "instructor", man["assignment_id"]


def right(instructor: Path, **wrong) -> dict:
    chosen = right_answers(instructor)
    chosen.update({k.replace("_", "-"): v for k, v in wrong.items()})
    return answers(instructor, chosen)


def gradebook(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def identified(name: str) -> lms_zip.LmsFile:
    """The LMS file a member name is read as (it must be read as one)."""
    found = lms_zip.identify(name)
    assert found is not None, f"{name} is not read as a Canvas or Moodle file"
    return found


def run(instructor: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["grade", "--assignment", str(instructor), *args])
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- rosters


def test_canvas_export_is_read_with_bom_meta_rows_and_test_student(tmp_path):
    """Are Canvas's Points Possible and Manual Posting rows skipped, the Test Student kept apart, ids and names read?"""
    path = tmp_path / "grades.csv"
    path.write_bytes(canvas_gradebook(CLASS))
    r = roster.read_roster(path)
    assert r.kind == "canvas" and [s.student_id for s in r.students] == ["s001", "s002", "s003", "s004", "s005"]
    jane = r.students[0]
    assert (jane.name, jane.lms_user_id, jane.section) == ("Doe, Jane", "4211", "Section A")
    assert r.columns[:5] == list(roster.CANVAS_IDENTITY) and jane.fields["SIS User ID"] == "S001"
    assert r.test_user_ids == {"99999"}
    assert r.by_student_id("S001") is jane and r.by_lms_user_id("4211") is jane


def test_semicolon_roster_and_moodle_worksheet_and_plain_csv(tmp_path):
    """Are a European-locale (;) Canvas export, a Moodle worksheet (Participant n) and a plain student_id CSV read?"""
    (tmp_path / "semi.csv").write_bytes(canvas_gradebook(CLASS[:2], delimiter=";"))
    assert [s.student_id for s in roster.read_roster(tmp_path / "semi.csv").students] == ["s001", "s002"]
    (tmp_path / "moodle.csv").write_bytes(moodle_worksheet(CLASS[:2], bom=True))
    m = roster.read_roster(tmp_path / "moodle.csv")
    assert m.kind == "moodle" and [(s.student_id, s.lms_user_id, s.name) for s in m.students] == [
        ("s001@uni.example", "4211", "Jane Doe"),
        ("s002@uni.example", "4212", "Omar Haddad"),
    ]
    (tmp_path / "plain.csv").write_text("student_id,name\ns001,Jane Doe\ns002,Omar Haddad\n", encoding="utf-8")
    assert [s.name for s in roster.read_roster(tmp_path / "plain.csv").students] == ["Jane Doe", "Omar Haddad"]


@pytest.mark.parametrize(
    "content, problem",
    [
        pytest.param(b"name,email\nJane,j@x\n", "is not a roster", id="unknown-columns"),
        pytest.param(b"student_id\ns1\nS1\n", "lists student id S1 twice", id="duplicate-id"),
        pytest.param(b"PK\x03\x04rest", "is a spreadsheet workbook", id="xlsx"),
        pytest.param(b"Identifier,Full name\n7,Jane\n", "is not 'Participant <number>'", id="moodle-identifier"),
    ],
)
def test_bad_roster_is_one_line_and_exit_2(week, tmp_path, content, problem):
    instructor, aid = week
    (tmp_path / "r.csv").write_bytes(content)
    (tmp_path / "s.json").write_bytes(submission(aid, "s1", {}))
    code, _, err = run(instructor, str(tmp_path / "s.json"), "--out", str(tmp_path / "gb.csv"), "--roster",
                       str(tmp_path / "r.csv"))  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and problem in err and "r.csv" in err
    assert not (tmp_path / "gb.csv").exists()


# ---------------------------------------------------------------- a Canvas term's week


@pytest.fixture
def canvas_week(week, tmp_path):
    """A Canvas roster and "Download Submissions" zip with a resubmission, a late file, a mistyped and a forged id."""
    instructor, aid = week
    name = f"{aid}-{{}}.json"
    members = [
        (
            canvas_name(JANE, 90001, name.format("s001")),
            submission(aid, "s001", right(instructor), "2026-02-09T10:00:00Z"),
        ),
        (
            canvas_name(OMAR, 90002, name.format("s002")),
            submission(aid, "s002", right(instructor), "2026-02-10T20:00:00Z"),
        ),
        # Li typed a wrong id; Canvas knows it is Li's upload.
        (
            canvas_name(LI, 90003, name.format("s0003")),
            submission(aid, "s0003", right(instructor), "2026-02-10T21:00:00Z"),
        ),
        # Ana handed in a file with Jane's id and a created time in 2030.
        (
            canvas_name(ANA, 90004, name.format("s001")),
            submission(aid, "s001", right(instructor), "2030-01-01T00:00:00Z"),
        ),
        # Jane uploads the same file name again (dateline now wrong): Canvas adds -1.
        (
            canvas_name(JANE, 90007, f"{aid}-s001-1.json"),
            submission(aid, "s001", right(instructor, ch01_source_dateline="a"), "2026-02-10T12:00:00Z"),
        ),
        # Omar resubmits after the due time: Canvas marks it LATE.
        (
            canvas_name(OMAR, 90010, f"{aid}-s002-1.json", late=True),
            submission(aid, "s002", right(instructor), "2026-02-12T09:00:00Z"),
        ),
        ("studenttest_99999_90020_" + name.format("test"), submission(aid, "test", right(instructor))),
    ]
    zipped = write_zip(tmp_path / "submissions.zip", members)
    (tmp_path / "grades.csv").write_bytes(canvas_gradebook(CLASS))
    return instructor, zipped, tmp_path / "grades.csv"


def test_canvas_zip_identities_duplicates_late_and_missing(canvas_week, tmp_path):
    """Does the LMS's identity win, a forged id displace no one, Canvas's order decide duplicates, and Ben show as missing?"""
    instructor, zipped, grades = canvas_week
    code, out, err = run(instructor, str(zipped), "--roster", str(grades), "--out", str(tmp_path / "gb.csv"))
    assert code == 0, err
    rows = gradebook(tmp_path / "gb.csv")
    assert [(r["student_id"], r["status"], r["counts"], r["total"]) for r in rows] == [
        ("s001", "graded", "yes", "5"),
        ("s001", "superseded", "no", "6"),
        ("s002", "graded", "yes", "6"),
        ("s002", "superseded", "no", "6"),
        ("s003", "graded", "yes", "6"),
        ("s004", "graded", "yes", "6"),
        ("s005", "missing", "yes", ""),
    ]
    ids = [identified(r["file"].split("/", 1)[1]) for r in rows[:6]]
    assert [(i.user_id, i.order[0], i.late) for i in ids] == [
        ("4211", 90007, False), ("4211", 90001, False), ("4212", 90002, False), ("4212", 90010, True),
        ("4213", 90003, False), ("4214", 90004, False),
    ]  # fmt: skip
    assert all(r["file"].startswith("submissions.zip/") for r in rows[:6])
    jane, jane_old, omar, omar_late, li, ana, ben = rows
    assert (
        "superseded by submissions.zip/" in jane_old["flags"] and "newer by Canvas's upload order" in jane_old["flags"]
    )
    assert f"supersedes:{jane_old['file']}" in jane["flags"]
    # The late resubmission does not replace the on-time one (--late-policy none); both rows say so.
    assert omar_late["late"] == "yes" and omar_late["time_source"] == "lms" and omar_late["days_late"] == "2"
    assert "late resubmission;" in omar_late["flags"] and "handed in on time, counts" in omar_late["flags"]
    assert f"late-resubmission-not-counted:{omar_late['file']}" in omar["flags"]
    assert (
        omar["late"] == "no" and omar["time_source"] == "self-reported" and omar["submitted"] == "2026-02-10T20:00:00Z"
    )
    # Li's mistyped id and Ana's forged one: the LMS's identity counts, the row is flagged.
    assert "id-mismatch:s0003" in li["flags"] and li["name"] == "Wei, Li"
    assert "id-mismatch:s001" in ana["flags"] and "created-in-future" in ana["flags"] and ana["late"] == "yes"
    assert ana["days_late"] == str(math.ceil((datetime(2030, 1, 1, tzinfo=timezone.utc) - DUE_UTC) / timedelta(days=1)))
    assert ben["flags"] == "missing" and ben["name"] == "Okafor, Ben"
    assert [r["student_id"] for r in rows if "created-in-future" in r["flags"]] == ["s004"]
    assert "Test Student; not graded" in err and "studenttest" not in "".join(r["file"] for r in rows)
    assert "says student s0003, but Canvas user 4213 (weili) handed it in; graded as s003" in err
    assert "graded 4 students from 6 files (2 superseded, 0 rejected, 1 on the roster handed in nothing)" in out


def test_percent_per_day_accepts_the_late_resubmission_with_its_penalty(canvas_week, tmp_path):
    """With percent-per-day:10, does Omar's late file (34 h late = 2 started days) count, at 80 % of 6 points?"""
    instructor, zipped, grades = canvas_week
    report = grade.grade(instructor, [zipped], tmp_path / "gb.csv", roster=grades, late_policy="percent-per-day:10")
    omar = [g for g in report.graded if g.student_id == "s002"]
    counted = [g for g in omar if g.counts]
    assert len(counted) == 1 and counted[0].lms is not None and counted[0].lms.late and counted[0].days_late == 2
    assert (counted[0].raw_total, counted[0].penalty, counted[0].total) == (6.0, 0.2, 4.8)
    row = next(r for r in gradebook(tmp_path / "gb.csv") if r["student_id"] == "s002" and r["counts"] == "yes")
    assert (row["total"], row["penalty"], row["days_late"]) == ("4.8", "20%", "2")
    other = next(g for g in omar if not g.counts)
    assert other.superseded is not None and other.superseded.startswith("superseded by")
    assert other.status == "superseded"


def test_zero_policy_scores_late_only_work_zero(week, tmp_path):
    """Under --late-policy zero, is a student's only (late) file counted at 0, with the penalty on the row?"""
    instructor, aid = week
    late = submission(aid, "s001", right(instructor), "2026-02-11T00:00:00Z")  # 1 minute late
    zipped = write_zip(tmp_path / "s.zip", [(canvas_name(JANE, 1, "a.json"), late)])
    (tmp_path / "grades.csv").write_bytes(canvas_gradebook([JANE]))
    report = grade.grade(instructor, [zipped], tmp_path / "gb.csv", roster=tmp_path / "grades.csv", late_policy="zero")
    (g,) = report.counted
    assert (g.late, g.time_source, g.days_late, g.raw_total, g.total) == (True, "self-reported", 1, 6.0, 0.0)


def test_file_of_someone_not_on_the_roster_is_rejected(week, tmp_path):
    """Is a Canvas user missing from the roster rejected (never graded under a guess), with exit 1?"""
    instructor, aid = week
    stranger = Person("Smith, Pat", "5000", "s001")
    zipped = write_zip(
        tmp_path / "s.zip", [(canvas_name(stranger, 1, "a.json"), submission(aid, "s001", right(instructor)))]
    )
    (tmp_path / "grades.csv").write_bytes(canvas_gradebook([JANE]))
    code, _, err = run(
        instructor, str(zipped), "--roster", str(tmp_path / "grades.csv"), "--out", str(tmp_path / "gb.csv")
    )
    rows = gradebook(tmp_path / "gb.csv")
    assert code == 1 and "Canvas user 5000 (smithpat), who is not on the roster grades.csv" in err
    assert [(r["student_id"], r["status"]) for r in rows] == [("s001", "missing"), ("s001", "rejected")]
    assert rows[1]["name"] == "smithpat" and rows[1]["counts"] == "no"


def test_moodle_zip_layouts_and_worksheet(week, tmp_path):
    """Are Moodle 4.x folders, 3.x folders (trailing _) and flat names all read, identity from the participant number?"""
    instructor, aid = week
    members = [
        (moodle_name(JANE, f"{aid}-s001.json"), submission(aid, "s001", right(instructor))),
        (moodle_name(OMAR, f"{aid}-s002.json", "folder_"), submission(aid, "s002@uni.example", right(instructor))),
        (
            moodle_name(LI, f"{aid}-s003.JSON", "flat"),
            submission(aid, "s003", right(instructor, ch01_source_dateline="a")),
        ),
        (f"{LI.first_last}_{LI.user_id}_assignsubmission_onlinetext/onlinetext.html", b"<p>hello</p>"),
    ]
    zipped = write_zip(tmp_path / "moodle.zip", members)
    (tmp_path / "worksheet.csv").write_bytes(moodle_worksheet([JANE, OMAR, LI, BEN]))
    code, _, err = run(
        instructor, str(zipped), "--roster", str(tmp_path / "worksheet.csv"), "--out", str(tmp_path / "gb.csv")
    )
    assert code == 0, err
    rows = gradebook(tmp_path / "gb.csv")
    assert [(r["student_id"], r["name"], r["total"], r["status"]) for r in rows] == [
        ("s001@uni.example", "Jane Doe", "6", "graded"),
        ("s002@uni.example", "Omar Haddad", "6", "graded"),
        ("s003@uni.example", "Li Wei", "5", "graded"),
        ("s005@uni.example", "Ben Okafor", "", "missing"),
    ]
    # Jane typed s001, her roster id is her email s001@uni.example: the part before the @ is hers too.
    assert not any("id-mismatch" in r["flags"] for r in rows)


def test_lms_zip_with_the_other_lms_roster_stops(week, tmp_path):
    """Is a Moodle zip graded against a Canvas roster refused in one line (exit 2), not turned into rejections?"""
    instructor, aid = week
    zipped = write_zip(tmp_path / "moodle.zip", [(moodle_name(JANE, "a.json"), submission(aid, "s001", {}))])
    (tmp_path / "grades.csv").write_bytes(canvas_gradebook([JANE]))
    code, _, err = run(
        instructor, str(zipped), "--roster", str(tmp_path / "grades.csv"), "--out", str(tmp_path / "gb.csv")
    )
    assert code == 2 and "holds Moodle submissions, but" in err and "is a canvas roster" in err
    # A plain roster cannot say which LMS user is which student: the LMS's own export is asked for.
    (tmp_path / "plain.csv").write_text("student_id\ns001\n", encoding="utf-8")
    code, _, err = run(
        instructor, str(zipped), "--roster", str(tmp_path / "plain.csv"), "--out", str(tmp_path / "gb.csv")
    )
    assert code == 2 and "is a plain roster; give Moodle's grading worksheet" in err


# ---------------------------------------------------------------- loose files with a roster


def test_folder_with_roster_a_forged_future_file_displaces_no_one(week, tmp_path):
    """In a folder (recursive, .JSON, BOM, checkpoints skipped), does a 2030 file with a classmate's id lose to the real one?"""
    instructor, aid = week
    folder = tmp_path / "handed-in"
    (folder / "group-a" / ".ipynb_checkpoints").mkdir(parents=True)
    real = submission(aid, "s002", right(instructor), "2026-02-10T20:00:00Z")
    (folder / "group-a" / "omar.JSON").write_bytes(b"\xef\xbb\xbf" + real)  # upper-case suffix and a BOM
    forged = submission(aid, "s002", answers(instructor, {"ch01-source-dateline": "a"}), "2030-01-01T00:00:00Z")
    (folder / "forged.json").write_bytes(forged)
    (folder / "group-a" / ".ipynb_checkpoints" / "omar-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    (folder / "notes.txt").write_text("not a submission", encoding="utf-8")
    (folder / "stranger.json").write_bytes(submission(aid, "s999", right(instructor)))
    (tmp_path / "class.csv").write_text("student_id,name\ns002,Omar Haddad\ns005,Ben Okafor\n", encoding="utf-8")
    code, _, err = run(
        instructor, str(folder), "--roster", str(tmp_path / "class.csv"), "--out", str(tmp_path / "gb.csv")
    )
    rows = {r["file"]: r for r in gradebook(tmp_path / "gb.csv")}
    assert code == 1 and "stranger.json: student id s999 is not on the roster class.csv; not graded" in err
    assert set(rows) == {"group-a/omar.JSON", "forged.json", "stranger.json", ""}  # named below the folder given
    assert rows["group-a/omar.JSON"]["counts"] == "yes" and rows["group-a/omar.JSON"]["total"] == "6"
    assert (
        rows["forged.json"]["status"] == "superseded"
        and "created time is in the future" in rows["forged.json"]["flags"]
    )
    assert "created-in-future" not in rows["group-a/omar.JSON"]["flags"]
    assert rows[""]["student_id"] == "s005" and rows[""]["status"] == "missing"


# ---------------------------------------------------------------- zips read safely


def test_hostile_zip_members_are_rejected_one_line_each(week, tmp_path):
    """Are unsafe names, links, nested archives, encrypted and oversized members refused unread, the honest one graded?"""
    instructor, aid = week
    good = submission(aid, "s001", right(instructor))
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(canvas_name(JANE, 1, "good.json"), good)
        zf.writestr("../../outside.json", good)
        link = zipfile.ZipInfo("link.json")
        link.external_attr = 0o120777 << 16  # a symbolic link
        zf.writestr(link, "/etc/passwd")
        zf.writestr("inner.zip", b"PK\x05\x06" + b"\x00" * 18)
        zf.writestr("secret.json", good)
        zf.writestr("bomb.json", b" " * 3_000_000)  # 3 MB of spaces: a few KB packed
    mark_encrypted(path, "secret.json")
    report = grade.grade(instructor, [path], tmp_path / "gb.csv")
    reasons = {g.file.split("/", 1)[1]: g.rejected for g in report.graded}
    assert reasons[canvas_name(JANE, 1, "good.json")] is None
    rejected = {name: why for name, why in reasons.items() if why is not None}
    assert "unsafe name" in rejected["../../outside.json"]
    assert "symbolic link" in rejected["link.json"]
    assert "archive inside the archive" in rejected["inner.zip"]
    assert "encrypted" in rejected["secret.json"]
    assert "is 3000000 bytes; a submission may be at most 2000000" in rejected["bomb.json"]
    assert len(report.errors) == 5 and all(len(line) <= grade.LINE_LIMIT for line in report.errors)
    # The member is named as the archive stores it, inside the archive: never resolved to a path outside.
    assert any(line.endswith("evil.zip/../../outside.json: has an unsafe name in the archive (absolute, .. or backslash); not read")
               for line in report.errors), report.errors  # fmt: skip
    assert not (tmp_path.parent / "outside.json").exists()


def mark_encrypted(path: Path, name: str) -> None:
    """Set the "encrypted" bit of a member in the archive's central directory, as an encrypting zip tool writes it."""
    data = bytearray(path.read_bytes())
    record = data.index(b"PK\x01\x02")
    while True:
        size = int.from_bytes(data[record + 28 : record + 30], "little")
        if data[record + 46 : record + 46 + size] == name.encode():
            flags = int.from_bytes(data[record + 8 : record + 10], "little") | 0x1
            data[record + 8 : record + 10] = flags.to_bytes(2, "little")
            break
        record = data.index(b"PK\x01\x02", record + 4)
    path.write_bytes(bytes(data))


def test_a_corrupt_zip_is_an_input_error(week, tmp_path):
    instructor, _ = week
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    code, _, err = run(instructor, str(tmp_path / "broken.zip"), "--out", str(tmp_path / "gb.csv"))
    assert code == 2 and "broken.zip: is not a readable zip archive" in err and len(err.strip().splitlines()) == 1


def test_an_empty_zip_is_a_rejected_row_and_macos_litter_is_skipped(week, tmp_path):
    instructor, aid = week
    empty = write_zip(tmp_path / "empty.zip", [("__MACOSX/._a.json", b"x"), (".DS_Store", b"x"), ("._b.json", b"x")])
    report = grade.grade(instructor, [empty], tmp_path / "gb.csv")
    assert [g.rejected for g in report.graded] == ["is a zip archive with no submission files in it"]


def test_canvas_and_moodle_names_are_parsed():
    """Do Canvas's LATE marker, user and attachment ids and -N resubmission number, and Moodle's participant, come out?"""
    c = identified("doejane_LATE_4211_99321_week-2-s001-2.json")
    assert (c.kind, c.user_id, c.name, c.late, c.order, c.filename) == (
        "canvas", "4211", "doejane", True, (99321, 2), "week-2-s001-2.json"
    )  # fmt: skip
    assert identified("doejane_4211_99321_a_b.json").filename == "a_b.json"
    m = identified("Jane Doe_4211_assignsubmission_file/sub/w2.json")
    assert (m.kind, m.user_id, m.name, m.filename) == ("moodle", "4211", "Jane Doe", "w2.json")
    assert lms_zip.identify("week-2-s001.json") is None


# ---------------------------------------------------------------- rough edges


def test_long_answer_error_line_is_capped_and_names_the_file(week, tmp_path, capsys):
    """Does a 100,000-character value give an error line of at most 200 characters that still names the file?"""
    instructor, aid = week
    data = json.loads(submission(aid, "s001", {}))
    data["student_id"] = "a" * 100_000
    (tmp_path / "long.json").write_text(json.dumps(data), encoding="utf-8")
    data = json.loads(submission(aid, "s002", right(instructor)))
    data["answers"]["ch01-source-dateline"]["answer"] = "x" * 100_000
    (tmp_path / "long-answer.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(instructor, str(tmp_path / "long.json"), str(tmp_path / "long-answer.json"), "--out",
                       str(tmp_path / "gb.csv"))  # fmt: skip
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 2 and all(len(line) <= 200 for line in lines)
    assert "long.json: at student_id" in lines[0] and "long-answer.json: " in lines[1]
    assert all(len(cell) <= 300 for row in gradebook(tmp_path / "gb.csv") for cell in row.values())


def test_bad_late_policy_is_a_usage_error(week, tmp_path):
    instructor, aid = week
    (tmp_path / "s.json").write_bytes(submission(aid, "s1", {}))
    code, _, err = run(instructor, str(tmp_path / "s.json"), "--out", str(tmp_path / "gb.csv"), "--late-policy", "half")
    assert code == 2 and "--late-policy 'half': expected none, zero or percent-per-day:N" in err


@pytest.mark.parametrize(
    "submitted, lms_late, expected",
    [
        ("2026-02-10T23:59:00+01:00", False, None),  # at the due time: on time
        ("2026-02-10T23:00:00Z", False, 1),  # one minute late: a started day
        ("2026-02-11T22:59:00Z", False, 1),  # exactly 24 h late
        ("2026-02-11T22:59:01Z", False, 2),  # 24 h 1 s: two started days
        ("2026-02-10T12:00:00Z", True, 1),  # Canvas says late, the file's clock does not
    ],
)
def test_days_late_counts_every_started_day(submitted, lms_late, expected):
    assert deadlines.days_late(deadlines.parse_time(submitted), DUE_UTC, lms_late) == expected


def test_late_policy_penalties():
    assert deadlines.parse_policy("percent-per-day:12.5").penalty(3) == 0.375
    assert deadlines.parse_policy("percent-per-day:40").penalty(3) == 1.0
    assert deadlines.parse_policy("zero").penalty(1) == 1.0 and deadlines.parse_policy(None).penalty(9) == 0.0
    with pytest.raises(deadlines.PolicyError):
        deadlines.parse_policy("percent-per-day:150")


def test_email_local_part_is_an_alias_only_when_it_names_one_student(tmp_path):
    """Does ``s001`` find the student whose address is s001@…, but not when two addresses share it?"""
    (tmp_path / "r.csv").write_text(
        "student_id,name\ns001@uni.example,Jane\nx7@uni.example,Omar\nx7@other.example,Li\n", encoding="utf-8"
    )
    r = roster.read_roster(tmp_path / "r.csv")
    jane, li = r.by_student_id("S001"), r.by_student_id("x7@other.example")
    assert jane is not None and jane.name == "Jane" and r.by_student_id("x7") is None
    assert li is not None and li.name == "Li"


def test_csv_cells_keep_negative_numbers_and_quote_formulas():
    """Is a plain negative number (an item's discrimination) left a number, while -1+1 or =1 is quoted?"""
    assert [grade.csv_safe(v) for v in ("-0.219", "-3", "-1+1", "=1", "+2", "-", "@x")] == [
        "-0.219", "-3", "'-1+1", "'=1", "'+2", "'-", "'@x"
    ]  # fmt: skip
