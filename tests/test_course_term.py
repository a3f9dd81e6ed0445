"""A simulated term, end to end, through the command line an instructor runs.

A private bank made with ``bank new`` from a source outside the repository (tests/private_source.py),
three assignments with due times, a class of six on a Canvas roster. Week 1 comes back as Canvas's
"Download Submissions" zip with a resubmission after the due time, a mistyped id, a forged id with a
created time in 2030, a file handed in late only, Canvas's Test Student, and a student who handed
nothing in; it is marked through a sheet saved by a European-locale Excel (BOM, ``;``, decimal
comma), exported to Canvas and summarised in the class report. Week 2's key is fixed after grading
and regraded. Week 3 runs through Moodle: its grading worksheet as the roster, its zip, its export.
Every figure of the outputs is worked out here by hand from the exercises' points.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import statistics
from pathlib import Path

import pytest
import yaml
from lms_files import (
    Person,
    answers,
    canvas_gradebook,
    canvas_name,
    moodle_name,
    moodle_worksheet,
    submission,
    write_zip,
)
from private_source import write_source

from discourse_lab import cli
from discourse_lab.exercises import catalogue

STANCE_1, CUES_1, TEXT = "gen-velm-library-stance-p2s1-1", "gen-velm-library-cues-p2s1", "velm-library-short-answer"
VOICES, STANCE_2, UNATTRIBUTED = (
    "gen-velm-library-voices",
    "gen-velm-library-stance-p2s2-1",
    "gen-velm-library-unattributed",
)
CUES_2 = "gen-velm-library-cues-p2s2"
WEEKS = {  # title -> (Canvas assignment id, exercises, due time, points)
    "Week 1": ("5001", [STANCE_1, CUES_1, TEXT], "2026-02-10T23:59+01:00", 1 + 1 + 3),
    "Week 2": ("5002", [VOICES, STANCE_2, UNATTRIBUTED], "2026-02-17T23:59+01:00", 1.25 + 1 + 2),
    "Week 3": ("5003", [CUES_2, VOICES], "2026-02-24T23:59+01:00", 1 + 1.25),
}
JANE, OMAR, LI = (
    Person("Doe, Jane", "4211", "s001"),
    Person("Haddad, Omar", "4212", "s002"),
    Person("Wei, Li", "4213", "s003"),
)
ANA, BEN, CLEO = (
    Person("Silva, Ana", "4214", "s004"),
    Person("Okafor, Ben", "4215", "s005"),
    Person("Berg, Cleo", "4216", "s006"),
)
CLASS = [JANE, OMAR, LI, ANA, BEN, CLEO]
VOICES_KEY = {"p1s1": "journalist", "p1s2": "journalist", "p2s1": "source", "p2s2": "source", "p3s1": "journalist"}


def run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def rows_of(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def excel_european(sheet: Path, points: dict[str, str]) -> bytes:
    """The marking sheet as a European-locale Excel saves it: BOM, ';', every cell quoted, CRLF,
    decimal commas; ``points``: student id -> the points typed in (with a comma)."""
    rows = rows_of(sheet)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]), delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        row["points"] = points.get(row["student_id"], row["points"])
        row["max_points"] = row["max_points"].replace(".", ",")
        writer.writerow(row)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """The bank, the three assignments and the Canvas roster, made through the command line."""
    home = tmp_path_factory.mktemp("term")
    source = write_source(home / "my-source")
    assert run("bank", "new", home / "bank", "--source", source)[0] == 0
    templates = yaml.safe_load((home / "bank" / "templates.yml").read_text(encoding="utf-8"))
    (short,) = [e for e in templates["exercises"] if e["id"] == TEXT]
    short |= {"title": "What the report leaves out", "prompt": "What does sentence p1s1 leave out? Two sentences."}
    short |= {"rubric": ["names a missing fact", "says why it matters", "stays neutral"], "model_answer": "Who paid."}
    templates["exercises"] = [short]
    (home / "bank" / "templates.yml").write_text(yaml.safe_dump(templates, allow_unicode=True), encoding="utf-8")
    code, out, err = run("validate", "--bank", home / "bank")
    assert code == 0, err
    ids = {}
    for title, (_, exercises, due, points) in WEEKS.items():
        folder = home / title.lower().replace(" ", "")
        code, out, err = run("assign", "--exercises", ",".join(exercises), "--title", title, "--out", folder,
                             "--bank", home / "bank", "--due", due)  # fmt: skip
        assert code == 0, err
        manifest = json.loads((folder / "instructor" / "manifest.json").read_text())
        assert manifest["total_points"] == points and manifest["due"].startswith(due[:16])
        ids[title] = manifest["assignment_id"]
    (home / "grades.csv").write_bytes(canvas_gradebook(CLASS, [(t, w[0], w[3]) for t, w in WEEKS.items()]))
    return home, ids


def hand_in(home: Path, week: str, aid: str, sid: str, chosen: dict, created: str) -> bytes:
    return submission(aid, sid, answers(home / week / "instructor", chosen), created)


def test_week_1_canvas_zip_marks_export_and_report(term):
    home, ids = term
    aid, w1 = ids["Week 1"], home / "week1"
    right = {STANCE_1: "neutral", CUES_1: ["p2s1t15"]}
    name = f"{aid}-{{}}.json"
    members = [
        (canvas_name(JANE, 90001, name.format("s001")),
         hand_in(home, "week1", aid, "s001", right | {TEXT: "It does not say who paid for the building."}, "2026-02-09T10:00:00Z")),
        (canvas_name(OMAR, 90002, name.format("s002")),  # on time, one wrong
         hand_in(home, "week1", aid, "s002", right | {STANCE_1: "endorsing", TEXT: "Nothing."}, "2026-02-10T20:00:00Z")),
        (canvas_name(LI, 90003, name.format("s03")),  # Li mistyped the id
         hand_in(home, "week1", aid, "s03", right | {CUES_1: ["p2s1t2"], TEXT: "The cost is not given."}, "2026-02-10T21:00:00Z")),
        (canvas_name(ANA, 90004, name.format("s001")),  # Ana hands in a file with Jane's id, dated 2030
         hand_in(home, "week1", aid, "s001", right | {TEXT: "Copied."}, "2030-01-01T00:00:00Z")),
        (canvas_name(OMAR, 90010, name.format("s002-1"), late=True),  # 34 h after the due time: 2 started days
         hand_in(home, "week1", aid, "s002", right | {TEXT: "It leaves out the cost."}, "2026-02-12T09:00:00Z")),
        (canvas_name(BEN, 90011, name.format("s005"), late=True),  # 9 h late: 1 day
         hand_in(home, "week1", aid, "s005", right | {STANCE_1: "assertive", TEXT: "The flood's damage."}, "2026-02-11T08:00:00Z")),
        ("studenttest_99999_90012_" + name.format("test"), hand_in(home, "week1", aid, "test", right, "2026-02-09T09:00:00Z")),
    ]  # fmt: skip
    zipped = write_zip(home / "week1-submissions.zip", members)
    common = ["--assignment", w1 / "instructor", zipped, "--bank", home / "bank", "--roster", home / "grades.csv",
              "--late-policy", "percent-per-day:10"]  # fmt: skip
    code, out, err = run("grade", *common, "--out", home / "w1.csv", "--feedback", home / "w1-feedback")
    assert code == 0, err
    assert "graded 5 students from 6 files (1 superseded, 0 rejected, 1 on the roster handed in nothing)" in out
    assert "Canvas's Test Student; not graded" in err and "says student s03, but Canvas user 4213 (weili)" in err

    # Marks typed into the sheet in a European Excel: 2,5 / 1,5 / 3 / 2 / 2 of 3.
    sheet = home / "w1-feedback" / "manual-scores.csv"
    assert sorted(r["student_id"] for r in rows_of(sheet)) == ["s001", "s002", "s003", "s004", "s005"]
    marked = home / "marks-excel.csv"
    marked.write_bytes(excel_european(sheet, {"s001": "2,5", "s002": "1,5", "s003": "3", "s004": "2", "s005": "2"}))
    code, out, err = run("grade", *common, "--out", home / "w1.csv", "--manual", marked, "--feedback", home / "w1-feedback",
                         "--canvas", home / "canvas.csv",
                         "--report", home / "w1.html", "--item-stats", home / "w1-items.csv")  # fmt: skip
    assert code == 0, err
    book = rows_of(home / "w1.csv")
    got = [(r["student_id"], r["status"], r["counts"], r[STANCE_1], r[CUES_1], r[TEXT], r["total"], r["late"],
            r["days_late"], r["penalty"]) for r in book]  # fmt: skip
    assert got == [
        ("s001", "graded", "yes", "1", "1", "2.5", "4.5", "no", "", ""),
        ("s002", "graded", "yes", "1", "1", "1.5", "2.8", "yes", "2", "20%"),  # (1 + 1 + 1.5) x 0.8
        ("s002", "superseded", "no", "0", "1", "", "1", "no", "", ""),  # the on-time file, not marked
        ("s003", "graded", "yes", "1", "0", "3", "4", "no", "", ""),
        ("s004", "graded", "yes", "1", "1", "2", "0", "yes", book[4]["days_late"], "100%"),  # 2030: late beyond 10 days
        ("s005", "graded", "yes", "0", "1", "2", "2.7", "yes", "1", "10%"),  # (0 + 1 + 2) x 0.9
        ("s006", "missing", "yes", "", "", "", "", "", "", ""),
    ]
    assert int(book[4]["days_late"]) > 10 and [r["student_id"] for r in book if "created-in-future" in r["flags"]] == [
        "s004"
    ]
    assert "id-mismatch:s001" in book[4]["flags"] and "id-mismatch:s03" in book[3]["flags"]
    assert book[1]["time_source"] == "lms" and book[0]["time_source"] == "self-reported"
    assert book[0]["submitted"] == "2026-02-09T10:00:00Z" and book[0]["file"].endswith(
        "_4211_90001_" + name.format("s001")
    )
    assert "superseded by week1-submissions.zip/haddadomar_LATE_4212_90010_" in book[2]["flags"]
    page = (home / "w1-feedback" / "s002.html").read_text(encoding="utf-8")
    assert "Total: 2.8 of 5 points" in page and "Handed in late (2 days); the late policy took 20 % off the 3.5" in page

    # Canvas import: the five identity columns, one column for the assignment, 5 points possible.
    canvas = list(csv.reader(io.StringIO((home / "canvas.csv").read_text(encoding="utf-8-sig"))))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1 (5001)"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][5] == "5"
    assert [(r[1], r[3], r[5]) for r in canvas[2:]] == [
        ("4211", "s001", "4.5"), ("4212", "s002", "2.8"), ("4213", "s003", "4"), ("4214", "s004", "0"),
        ("4215", "s005", "2.7"), ("4216", "s006", ""),
    ]  # fmt: skip

    # The class report's item figures: difficulty = mean fraction of the points over the 5 handed in.
    items = {r["exercise_id"]: r for r in rows_of(home / "w1-items.csv")}
    assert float(items[STANCE_1]["difficulty"]) == pytest.approx(4 / 5)  # Ben chose "insistent"
    assert items[STANCE_1]["most_common_wrong"] == "insistent" and items[STANCE_1]["most_common_wrong_count"] == "1"
    assert float(items[CUES_1]["difficulty"]) == pytest.approx(4 / 5)  # Li picked another word
    assert float(items[TEXT]["difficulty"]) == pytest.approx((2.5 + 1.5 + 3 + 2 + 2) / 5 / 3, abs=1e-3)
    assert [items[i]["unanswered"] for i in (STANCE_1, CUES_1, TEXT)] == ["0", "0", "0"]
    # Discrimination over the points earned before the late penalty (the report says so): Jane, Omar, Li, Ana, Ben.
    raw: dict[str, list[float]] = {STANCE_1: [1, 1, 1, 1, 0], CUES_1: [1, 1, 0, 1, 1], TEXT: [2.5, 1.5, 3, 2, 2]}
    totals = [sum(points) for points in zip(*raw.values())]
    assert totals == [4.5, 3.5, 4, 4, 3]
    for ex_id, item in raw.items():
        rest = [t - p for t, p in zip(totals, item)]
        assert float(items[ex_id]["point_biserial"]) == pytest.approx(statistics.correlation(item, rest), abs=1e-3)
    # Upper-lower with round(27 % of 5) = 1 student a group: Jane (4.5) minus Ben (3).
    assert [float(items[i]["upper_lower"]) for i in raw] == pytest.approx([1 - 0, 1 - 1, (2.5 - 2) / 3], abs=1e-3)
    page = (home / "w1.html").read_text(encoding="utf-8")
    assert "<script" not in page and "Week 1" in page and "http://" not in page.replace("http://www.w3.org", "")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", page, flags=re.S))).split())
    assert "on the roster: 6 handed in: 5 complete (every answer scored): 5" in text
    assert "missing: 1 late: 3 files rejected: 0 superseded by a later file: 1" in text
    mean, sd = statistics.fmean(totals), statistics.stdev(totals)
    assert f"Mean {mean:.2f} · median {statistics.median(totals):.2f} · standard deviation {sd:.2f}" in text
    assert "lowest 3 · highest 4.5 (of 5)" in text and "3–3.5: 1; 3.5–4: 1; 4–4.5: 2; 4.5–5: 1." in text


def test_week_2_key_fix_and_regrade(term):
    home, ids = term
    aid, w2 = ids["Week 2"], home / "week2"
    right = {VOICES: VOICES_KEY, UNATTRIBUTED: ["p3s1"]}
    files = home / "week2-files"
    files.mkdir()
    for sid, stance in (("s001", "assertive"), ("s002", "distancing"), ("s003", "assertive")):
        (files / f"{aid}-{sid}.json").write_bytes(
            hand_in(home, "week2", aid, sid, right | {STANCE_2: stance}, "2026-02-15T10:00:00Z")
        )
    common = ["--assignment", w2 / "instructor", files, "--bank", home / "bank", "--roster", home / "grades.csv"]
    code, out, err = run("grade", *common, "--out", home / "w2.csv")
    assert code == 0, err
    assert [(r["student_id"], r["total"], r["status"]) for r in rows_of(home / "w2.csv")] == [
        ("s001", "3.25", "graded"), ("s002", "4.25", "graded"), ("s003", "3.25", "graded"),
        ("s004", "", "missing"), ("s005", "", "missing"), ("s006", "", "missing"),
    ]  # fmt: skip
    # The key of "claimed" is fixed in the bank (answer and version, as the bank's comment asks).
    generated = home / "bank" / "generated.yml"
    bank = yaml.safe_load(generated.read_text(encoding="utf-8"))
    (entry,) = [e for e in bank["exercises"] if e["id"] == STANCE_2]
    entry["answer"], entry["version"] = "assertive", entry["version"] + 1
    generated.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalogue.reload()  # each discourse-lab command is a new process; this one keeps the bank cached
    code, out, err = run("grade", *common, "--out", home / "w2-again.csv")
    assert code == 2 and "regrade" in err  # the old key no longer matches the bank: grade says what to run
    code, out, err = run("regrade", *common, "--out", home / "w2-fixed.csv")
    assert code == 0, err
    assert "  s001: 3.25 -> 4.25" in out and "  s002: 4.25 -> 3.25" in out and "  s003: 3.25 -> 4.25" in out
    assert [(r["student_id"], r[STANCE_2], r["total"]) for r in rows_of(home / "w2-fixed.csv")][:3] == [
        ("s001", "1", "4.25"), ("s002", "0", "3.25"), ("s003", "1", "4.25"),
    ]  # fmt: skip


def test_week_3_moodle_zip_and_worksheet(term):
    home, ids = term
    aid, w3 = ids["Week 3"], home / "week3"
    (home / "worksheet.csv").write_bytes(moodle_worksheet(CLASS, max_grade=2.25))
    li_voices = VOICES_KEY | {"p3s1": "source"}  # 4 of 5 sentences right: 0.8 x 1.25 = 1
    members = [
        (moodle_name(JANE, f"{aid}-s001.json"), hand_in(home, "week3", aid, "s001", {CUES_2: ["p2s2t3"], VOICES: VOICES_KEY}, "2026-02-20T10:00:00Z")),
        (moodle_name(OMAR, f"{aid}-s002.json"), hand_in(home, "week3", aid, "s002", {CUES_2: ["p2s2t1"], VOICES: VOICES_KEY}, "2026-02-20T11:00:00Z")),
        (moodle_name(LI, f"{aid}-s003.json", "folder_"), hand_in(home, "week3", aid, "s003@uni.example", {CUES_2: ["p2s2t3"], VOICES: li_voices}, "2026-02-21T09:00:00Z")),
    ]  # fmt: skip
    zipped = write_zip(home / "week3-moodle.zip", members)
    code, out, err = run("grade", "--assignment", w3 / "instructor", zipped, "--bank", home / "bank", "--roster",
                         home / "worksheet.csv", "--out", home / "w3.csv", "--moodle", home / "w3-moodle.csv")  # fmt: skip
    assert code == 0, err
    book = rows_of(home / "w3.csv")
    assert [(r["student_id"], r[CUES_2], r[VOICES], r["total"], r["status"]) for r in book] == [
        ("s001@uni.example", "1", "1.25", "2.25", "graded"),
        ("s002@uni.example", "0", "1.25", "1.25", "graded"),
        ("s003@uni.example", "1", "1", "2", "graded"),
        ("s004@uni.example", "", "", "", "missing"),
        ("s005@uni.example", "", "", "", "missing"),
        ("s006@uni.example", "", "", "", "missing"),
    ]
    assert not any("id-mismatch" in r["flags"] for r in book)  # s001 is the start of s001@uni.example
    sheet = rows_of(home / "w3-moodle.csv")
    assert [(r["Identifier"], r["Grade"]) for r in sheet] == [
        ("Participant 4211", "2.25"), ("Participant 4212", "1.25"), ("Participant 4213", "2.00"),
        ("Participant 4214", ""), ("Participant 4215", ""), ("Participant 4216", ""),
    ]  # fmt: skip
