"""Does `discourse-lab grade` score honest submissions and refuse hostile ones, one line each?

The end-to-end test answers an assignment as a student would: through the live exercise widgets
in graded mode (set ``answer``, as the browser does), saved in a private answer store, then
handed in both as a submission file and as a saved notebook run by a real kernel.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import nbformat
import pytest

from markupsafe import Markup

from discourse_lab import cli, settings
from discourse_lab.course import assign, grade, shuffle
from discourse_lab.exercises import catalogue
from discourse_lab.exercises.store import AnswerStore
from discourse_lab.exercises.submission import export_submission
from discourse_lab.exercises.widget import ExerciseWidget

IDS = [e.id for e in catalogue.bank(1)]
# A student who gets some right, some partly right, and writes markup into a text answer.
STUDENT_ANSWERS = {
    "ch01-source-dateline": "b",  # right: 1 of 1
    "ch01-source-interview-date": "apr23",  # wrong: 0 of 1
    "ch01-source-what-the-item-says": ["date", "outlets", "writer"],  # (2 - 1) / 3 of 2 = 0.67
    "ch01-source-event-or-evaluation": {
        "p1s1": "event",
        "p2s2": "content",
        "p3s3": "content",
        "p4s1": "content",
        "p5s1": "evaluation",
    },  # 4 of 5 of 3 = 2.4
    "ch01-source-spellings": {"kiev": "ru", "kyiv": "uk", "donbass": "ru", "donbas": "uk"},
    "ch01-source-timeline": ["announced", "istanbul", "interview", "menafn"],  # 5 of 6 pairs of 2 = 1.67
    "ch01-source-left-out": "TASS reported no pause in fighting <script>alert('x')</script>",
}
EXPECTED = {
    "ch01-source-dateline": "1",
    "ch01-source-interview-date": "0",
    "ch01-source-what-the-item-says": "0.67",
    "ch01-source-event-or-evaluation": "2.4",
    "ch01-source-house-style": "0",
    "ch01-source-spellings": "2",
    "ch01-source-timeline": "1.67",
    "ch01-source-left-out": "",
    "ch01-source-neutral-close": "0",
}


@pytest.fixture(scope="module")
def assignment(tmp_path_factory):
    out = tmp_path_factory.mktemp("week1")
    manifest = assign.assign(catalogue.bank(1), "Week 1", out, allow_public=True)
    return out, manifest["assignment_id"]


def shown(aid: str, ex_id: str, answer):
    """A bank answer in the ids of the assignment's handout: what the student's widget saves."""
    ex = catalogue.get(ex_id)
    return shuffle.handout_answer(ex.type, shuffle.handout_exercise(ex, aid)[1], answer)


def answer_as_student(store_path: Path, answers: dict, aid: str) -> AnswerStore:
    store = AnswerStore(store_path)
    for ex_id, answer in answers.items():
        handed_out, _ = shuffle.handout_exercise(catalogue.get(ex_id), aid)  # as the handout shows it
        widget = ExerciseWidget(handed_out, mode="graded", store=store)
        widget.answer = shown(aid, ex_id, answer)
        assert widget.feedback["status"] == "saved"  # graded mode says nothing about correctness
    return store


@pytest.fixture(scope="module")
def honest(assignment, tmp_path_factory):
    """A real submission file of one student, exported from the answer store."""
    out, aid = assignment
    folder = tmp_path_factory.mktemp("honest")
    store = answer_as_student(folder / "answers.json", STUDENT_ANSWERS, aid)
    return export_submission(folder / f"{aid}-s001.json", "s001", store=store, exercises=IDS, assignment_id=aid)


def read_gradebook(path: Path) -> dict[str, dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def test_end_to_end_answer_export_grade(assignment, honest, tmp_path, capsys):
    """Do the gradebook's points match the engine's partial credit, with judgement items left to score?"""
    out, aid = assignment
    code = cli.main(
        [
            "grade",
            "--assignment",
            str(out / "instructor"),
            str(honest),
            "--out",
            str(tmp_path / "gradebook.csv"),
            "--feedback",
            str(tmp_path / "feedback"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    row = read_gradebook(tmp_path / "gradebook.csv")[honest.name]
    assert row["student_id"] == "s001"
    assert {i: row[i] for i in IDS} == EXPECTED
    assert row["total"] == "7.74" and row["max_points"] == "19" and row["status"] == "incomplete"
    assert "needs-manual:ch01-source-left-out" in row["flags"]
    assert "unanswered:ch01-source-house-style" in row["flags"]
    assert "markup-in-answer:ch01-source-left-out" in row["flags"]
    page = (tmp_path / "feedback" / "s001.html").read_text()
    assert "&lt;script&gt;" in page and "<script" not in page
    sheet = list(csv.DictReader(open(tmp_path / "feedback" / grade.MANUAL_SHEET, newline="")))
    assert [(r["student_id"], r["exercise_id"]) for r in sheet] == [("s001", "ch01-source-left-out")]
    assert "Names a point reported elsewhere" in sheet[0]["rubric"]

    # The instructor fills in the sheet and grades again: the score lands in the gradebook.
    sheet[0]["points"], sheet[0]["comment"] = "2", "Good point; say where it was reported."
    with open(tmp_path / "feedback" / grade.MANUAL_SHEET, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sheet[0]))
        writer.writeheader()
        writer.writerows(sheet)
    code = cli.main(
        [
            "grade",
            "--assignment",
            str(out / "instructor"),
            str(honest),
            "--out",
            str(tmp_path / "gradebook.csv"),
            "--feedback",
            str(tmp_path / "feedback"),
            "--manual",
            str(tmp_path / "feedback" / grade.MANUAL_SHEET),
        ]
    )
    assert code == 0
    row = read_gradebook(tmp_path / "gradebook.csv")[honest.name]
    assert row["ch01-source-left-out"] == "2" and row["total"] == "9.74" and row["status"] == "graded"
    assert "Good point; say where it was reported." in (tmp_path / "feedback" / "s001.html").read_text()
    kept = list(csv.DictReader(open(tmp_path / "feedback" / grade.MANUAL_SHEET, newline="")))
    assert kept[0]["points"] == "2"  # rewriting the sheet keeps the instructor's scores


def bankless_root(tmp_path: Path) -> Path:
    """A folder to put first on PYTHONPATH: the package with every data folder but the exercise
    bank, which is what a student may hold (the kernel imports this copy, not the installed one)."""
    import discourse_lab
    from discourse_lab import paths

    root = tmp_path / "no-bank"
    package = root / "discourse_lab"
    (package / "data").mkdir(parents=True)
    for child in Path(discourse_lab.__file__).parent.iterdir():
        if child.name not in ("data", "__pycache__"):
            (package / child.name).symlink_to(child)
    for child in paths.DATA_DIR.iterdir():
        if child.name not in ("exercises", "__pycache__"):
            (package / "data" / child.name).symlink_to(child)
    return root


def test_student_notebook_runs_saves_and_hands_in_without_the_bank(assignment, tmp_path):
    """The handed-out folder run by a real kernel with no bank anywhere: do the exercises show once
    each, save answers to the assignment's store, and does the export box write the file `grade` takes?"""
    import shutil

    from nbclient import NotebookClient

    out, aid = assignment
    student = tmp_path / "student"
    shutil.copytree(out / "student", student)
    (path,) = student.glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    # What the student does in the browser, on the same objects: the bridge sets `answer`, the box
    # gets the id typed and the button pressed.
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import discourse_lab.paths\n"
            "from discourse_lab.exercises import make_widget\n"
            "from discourse_lab.exercises.display import export_box\n"
            "assert not discourse_lab.paths.EXERCISES_DIR.exists()\n"
            f"make_widget('ch01-source-dateline', assignment={aid!r}).answer = {shown(aid, 'ch01-source-dateline', 'b')!r}\n"
            f"make_widget('ch01-source-timeline', assignment={aid!r}).answer = "
            f"{shown(aid, 'ch01-source-timeline', STUDENT_ANSWERS['ch01-source-timeline'])!r}\n"
            f"box = export_box(assignment_id={aid!r}, exercises={IDS!r})\n"
            "box.children[1].click()\n"
            "print(box.children[2].value)\n"
            "box.children[0].value = 's002'\n"
            "box.children[1].click()\n"
            "print(box.children[2].value)"
        )
    )
    env = {"PYTHONPATH": str(bankless_root(tmp_path)), "DISCOURSE_LAB_STORE_DIR": str(tmp_path / "stores")}
    with settings.override(env):  # the kernel inherits them; this session keeps its own
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(student)}}).execute()
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("show("):  # each exercise shown once, no Out
            assert [o.output_type for o in cell.outputs] == ["display_data"], cell.source
            assert "application/vnd.jupyter.widget-view+json" in cell.outputs[0].data
    printed = nb.cells[-1].outputs[0].text
    assert "Type your student id in the box" in printed and "export_submission" not in printed
    assert f"exported to <strong>{aid}-s002.json</strong>" in printed
    stored = json.loads((tmp_path / "stores" / "assignments" / f"{aid}.json").read_text())
    assert set(stored["answers"]) == {"ch01-source-dateline", "ch01-source-timeline"}
    report = grade.grade(out / "instructor", [student / f"{aid}-s002.json"], tmp_path / "gb.csv")
    assert report.errors == []
    (g,) = report.graded
    assert (g.student_id, g.points["ch01-source-dateline"], g.points["ch01-source-timeline"]) == ("s002", 1.0, 1.67)
    saved = tmp_path / "saved.ipynb"  # File > Save of the notebook is not a submission, and grade says what is
    nbformat.write(nb, saved)
    report = grade.grade(out / "instructor", [saved], tmp_path / "gb2.csv")
    assert "Export my answers" in report.errors[0]


def test_an_old_notebook_with_a_hand_in_output_is_still_graded(assignment, tmp_path):
    """Notebooks made before the export box was the one way carry the submission in an output."""
    out, aid = assignment
    data = json.loads(
        export_submission(
            tmp_path / "x.json",
            "s003",
            store=answer_as_student(tmp_path / "a.json", {"ch01-source-dateline": "b"}, aid),
            exercises=IDS,
            assignment_id=aid,
        ).read_text()
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "hand_in(...)",
                outputs=[
                    nbformat.v4.new_output("display_data", data={assign.SUBMISSION_MIME: data, "text/plain": "x"})
                ],
            )
        ]
    )
    nbformat.write(nb, tmp_path / "old.ipynb")
    report = grade.grade(out / "instructor", [tmp_path / "old.ipynb"], tmp_path / "gb.csv")
    assert report.errors == [] and report.graded[0].points["ch01-source-dateline"] == 1.0


def test_hand_in_with_an_empty_id_prints_what_to_do(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert assign.hand_in(student_id="", assignment_id="week-1-abc123", exercises=IDS) is None  # type: ignore[func-returns-value]  # the test checks at run time what the annotation says: the value a notebook cell would show
    assert "put your student id between the quotes" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "stores"))
    # A valid id writes the file and returns nothing, so the cell shows no stray "Out: PosixPath(...)".
    assert assign.hand_in(student_id="s7", assignment_id="week-1-abc123", exercises=IDS) is None  # type: ignore[func-returns-value]  # the test checks at run time what the annotation says: the value a notebook cell would show
    assert (tmp_path / "week-1-abc123-s7.json").exists()


# ---------------------------------------------------------------- hostile and malformed submissions


def good(aid: str) -> dict:
    return {
        "format": "discourse-lab-submission",
        "format_version": 1,
        "student_id": "s100",
        "assignment_id": aid,
        "created": "2026-04-01T10:00:00.000Z",
        "generator": "test",
        "answers": {
            "ch01-source-dateline": {
                "exercise_version": 1,
                "type": "choice",
                "answer": shown(aid, "ch01-source-dateline", "b"),
                "attempts": 1,
                "first_answered": "2026-04-01T09:00:00.000Z",
                "last_answered": "2026-04-01T09:00:00.000Z",
            }
        },
    }


def with_answer(aid, answer, type_="choice", ex_id="ch01-source-dateline"):
    data = good(aid)
    data["answers"] = {ex_id: dict(data["answers"]["ch01-source-dateline"], type=type_, answer=answer)}
    return data


def changed(aid, **fields):
    data = good(aid)
    data.update(fields)
    return data


def text(content: str):
    return lambda aid, folder: content


def as_json(build):
    return lambda aid, folder: json.dumps(build(aid))


def notebook_with(build):
    def make(aid, folder):
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(
                    "hand_in(...)",
                    outputs=[
                        nbformat.v4.new_output(
                            "display_data", data={assign.SUBMISSION_MIME: build(aid), "text/plain": "x"}
                        )
                    ],
                )
            ]
        )
        return nbformat.writes(nb)

    return make


HOSTILE = [
    pytest.param(
        "truncated.json", lambda aid, folder: json.dumps(good(aid))[:150], "invalid JSON", id="truncated-json"
    ),
    pytest.param("empty.json", text(""), "is empty", id="empty-file"),
    pytest.param("huge.json", text(" " * 2_000_001), "at most 2000000 (not read)", id="oversized"),
    pytest.param("deep.json", text("[" * 100_000 + "]" * 100_000), "nested too deeply", id="nesting-bomb"),
    pytest.param("list.json", text("[1, 2, 3]"), "is not of type 'object'", id="not-an-object"),
    pytest.param(
        "other.json",
        as_json(lambda aid: changed(aid, assignment_id="another-assignment")),
        "is for assignment another-assignment",
        id="wrong-assignment",
    ),
    pytest.param("format.json", as_json(lambda aid: changed(aid, format="gradebook")), "at format", id="wrong-format"),
    pytest.param(
        "extra.json", as_json(lambda aid: changed(aid, score=100)), "Additional properties", id="self-awarded-score"
    ),
    pytest.param(
        "path.json",
        as_json(lambda aid: changed(aid, student_id="../../etc/passwd")),
        "at student_id",
        id="path-in-student-id",
    ),
    pytest.param(
        "formula.json",
        as_json(lambda aid: changed(aid, student_id="=HYPERLINK(1)")),
        "at student_id",
        id="formula-in-student-id",
    ),
    pytest.param(
        "exid.json",
        as_json(lambda aid: changed(aid, answers={"../../x": good(aid)["answers"]["ch01-source-dateline"]})),
        "at answers",
        id="path-in-exercise-id",
    ),
    pytest.param(
        "script.json",
        as_json(lambda aid: with_answer(aid, "<script>alert(1)</script>")),
        "answer must be one option id",
        id="script-as-option",
    ),
    pytest.param(
        "list-answer.json",
        as_json(lambda aid: with_answer(aid, ["b"])),
        "answer must be one option id",
        id="list-for-choice",
    ),
    pytest.param(
        "type.json",
        as_json(lambda aid: with_answer(aid, ["b"], type_="multi")),
        "answer is of type multi, the exercise is choice",
        id="type-mismatch",
    ),
    pytest.param(
        "label.json",
        as_json(lambda aid: with_answer(aid, {"p1s1": "<b>evil</b>"}, "tagging", "ch01-source-event-or-evaluation")),
        "label that does not exist",
        id="markup-as-label",
    ),
    pytest.param(
        "attempts.json",
        as_json(
            lambda aid: (
                with_answer(aid, "b")
                | {
                    "answers": {
                        "ch01-source-dateline": dict(good(aid)["answers"]["ch01-source-dateline"], attempts="many")
                    }
                }
            )
        ),
        "at answers/ch01-source-dateline/attempts",
        id="wrong-type-attempts",
    ),
    pytest.param(
        "surrogate.json",
        text(
            '{"format": "discourse-lab-submission", "format_version": 1, "student_id": "s9", '
            '"created": "2026-04-01T10:00:00Z", "answers": {"ch01-source-left-out": {"exercise_version": 1, '
            '"type": "short_text", "answer": "\\ud800", "attempts": 1, "first_answered": "2026-04-01T10:00:00Z", '
            '"last_answered": "2026-04-01T10:00:00Z"}}}'
        ),
        "not valid Unicode",
        id="lone-surrogate",
    ),
    pytest.param("answers.txt", as_json(good), "expected a .json file or a student .ipynb", id="wrong-extension"),
    pytest.param(
        "blank.ipynb",
        lambda aid, folder: nbformat.writes(nbformat.v4.new_notebook()),
        "is a saved notebook with no answers in it",
        id="notebook-without-submission",
    ),
    pytest.param(
        "bad.ipynb",
        notebook_with(lambda aid: changed(aid, student_id="")),
        "at student_id",
        id="notebook-with-invalid-submission",
    ),
]


@pytest.mark.parametrize("name, make, reason", HOSTILE)
def test_hostile_submission_is_rejected_and_others_still_graded(assignment, honest, tmp_path, name, make, reason):
    """Is a bad submission rejected with one line naming the file and the reason, and flagged, while the good one is graded?"""
    out, aid = assignment
    bad = tmp_path / name
    bad.write_text(make(aid, tmp_path), encoding="utf-8", errors="surrogatepass")
    report = grade.grade(out / "instructor", [bad, honest], tmp_path / "gb.csv", tmp_path / "fb")
    assert len(report.errors) == 1
    line = report.errors[0]
    assert "\n" not in line and name in line and reason in line, line
    rows = read_gradebook(tmp_path / "gb.csv")
    assert rows[name]["status"] == "rejected" and reason in rows[name]["flags"]
    assert rows[honest.name]["status"] == "incomplete" and rows[honest.name]["total"] == "7.74"
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == [grade.MANUAL_SHEET, "s001.html"]


def test_missing_file_and_empty_folder_are_rejected(assignment, honest, tmp_path, capsys, monkeypatch):
    """Do a missing file and a folder without submissions each get a one-line error on stderr, and exit status 1?"""
    out, _ = assignment
    monkeypatch.chdir(tmp_path)  # the error lines name files as given, relative to where grade runs
    Path("empty").mkdir()
    code = cli.main(
        ["grade", "--assignment", str(out / "instructor"), "gone.json", "empty", str(honest), "--out", "gb.csv"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert [line for line in err if "rejected" in line] == [
        "discourse-lab: rejected: gone.json: file not found",
        "discourse-lab: rejected: empty: is a folder with no .json, .ipynb or .zip file in it",
    ]


def test_duplicate_student_keeps_the_newest(assignment, tmp_path, capsys):
    """Are two submissions of one student reduced to the newest, both rows saying so, and is that no failure (exit 0)?"""
    out, aid = assignment
    old, new = good(aid), good(aid)
    new["created"] = "2026-04-02T10:00:00.000Z"
    new["student_id"] = "S100"  # the same student, whatever the case
    new["answers"]["ch01-source-dateline"]["answer"] = shown(aid, "ch01-source-dateline", "a")
    (tmp_path / "new.json").write_text(json.dumps(new))
    (tmp_path / "old.json").write_text(json.dumps(old))
    code = cli.main(
        [
            "grade",
            "--assignment",
            str(out / "instructor"),
            str(tmp_path / "new.json"),
            str(tmp_path / "old.json"),
            "--out",
            str(tmp_path / "gb.csv"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    rows = read_gradebook(tmp_path / "gb.csv")
    assert rows["new.json"]["ch01-source-dateline"] == "0" and rows["new.json"]["counts"] == "yes"
    assert rows["old.json"]["status"] == "superseded" and rows["old.json"]["counts"] == "no"
    assert "superseded by new.json, newer by the created time in the files" in rows["old.json"]["flags"]
    assert "supersedes:old.json" in rows["new.json"]["flags"]
    assert "1 superseded" in capsys.readouterr().out


def test_stale_version_is_flagged_and_an_export_without_assignment_id_rejected(assignment, tmp_path):
    """Is an answer to an older exercise version left unscored, and a file with no assignment id (the book's export) rejected?"""
    out, aid = assignment
    data = good(aid)
    data["answers"]["ch01-source-dateline"]["exercise_version"] = 7
    (tmp_path / "s.json").write_text(json.dumps(data))
    static = good(aid) | {"assignment_id": None, "student_id": "s200"}
    (tmp_path / "static.json").write_text(json.dumps(static))
    report = grade.grade(out / "instructor", [tmp_path / "s.json", tmp_path / "static.json"], tmp_path / "gb.csv")
    rows = read_gradebook(tmp_path / "gb.csv")
    row = rows["s.json"]
    assert row["status"] == "graded" and row["ch01-source-dateline"] == "0"
    assert "stale-version:ch01-source-dateline" in row["flags"]
    assert rows["static.json"]["status"] == "rejected" and rows["static.json"]["student_id"] == "s200"
    assert len(report.errors) == 1 and "carries no assignment id" in report.errors[0] and len(report.warnings) == 1


def test_csv_cells_cannot_start_a_formula(assignment, honest, tmp_path):
    """Is a submission file named like a formula neutralised in the gradebook?"""
    out, _ = assignment
    evil = tmp_path / "=HYPERLINK(evil)+1.json"
    evil.write_bytes(honest.read_bytes())
    grade.grade(out / "instructor", [evil], tmp_path / "gb.csv")
    rows = list(csv.reader(open(tmp_path / "gb.csv", newline="")))
    assert rows[1][rows[0].index("file")] == "'=HYPERLINK(evil)+1.json"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_grader_never_writes_through_a_planted_symlink(assignment, honest, tmp_path):
    """Does a symlink planted at a feedback file's name get replaced, leaving its target untouched?"""
    out, _ = assignment
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "fb"
    folder.mkdir()
    (folder / "s001.html").symlink_to(outside)
    grade.grade(out / "instructor", [honest], tmp_path / "gb.csv", folder)
    assert outside.read_text() == "precious"
    assert not (folder / "s001.html").is_symlink()


def test_feedback_names_are_sanitised_and_unique():
    """Are ids with dots or @ turned into safe, distinct file names?"""
    taken: set[str] = set()
    names = [grade.safe_name(s, taken) for s in ("a..b", "a__b", "x@uni.edu", "A..B")]
    assert names == ["a__b", "a__b-2", "x_uni_edu", "A__B-3"]
    assert all("/" not in n and not n.startswith(".") for n in names)


@pytest.mark.parametrize(
    "content, problem",
    [
        pytest.param(
            "student_id,exercise_id,points\ns001,ch01-source-left-out,9\n",
            "must be between 0 and 3",
            id="too-many-points",
        ),
        pytest.param(
            "student_id,exercise_id,points\ns001,ch01-source-dateline,1\n", "scored automatically", id="objective-item"
        ),
        pytest.param(
            "student_id,exercise_id,points\ns001,ch01-source-left-out,lots\n", "is not a number", id="not-a-number"
        ),
        pytest.param("student,points\n", "needs the column(s) exercise_id, student_id", id="wrong-columns"),
    ],
)
def test_bad_manual_scores_stop_before_writing(assignment, honest, tmp_path, capsys, content, problem):
    """Does a bad manual-scores file end with one line and exit 2, and no gradebook written?"""
    out, _ = assignment
    (tmp_path / "m.csv").write_text(content)
    code = cli.main(
        [
            "grade",
            "--assignment",
            str(out / "instructor"),
            str(honest),
            "--out",
            str(tmp_path / "gb.csv"),
            "--manual",
            str(tmp_path / "m.csv"),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and problem in err[0] and "m.csv" in err[0]
    assert not (tmp_path / "gb.csv").exists()


def test_changed_bank_stops_grading(assignment, tmp_path, capsys):
    """Does a manifest whose exercise version differs from the bank refuse to grade, in one line?"""
    out, _ = assignment
    folder = tmp_path / "instructor"
    folder.mkdir()
    manifest = json.loads((out / "instructor" / "manifest.json").read_text())
    manifest = copy.deepcopy(manifest)
    bank_version = manifest["exercises"][0]["version"]
    manifest["exercises"][0]["version"] = bank_version + 1
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "key.json").write_bytes((out / "instructor" / "key.json").read_bytes())
    code = cli.main(["grade", "--assignment", str(folder), str(tmp_path / "x.json"), "--out", str(tmp_path / "gb.csv")])
    err = capsys.readouterr().err
    assert code == 2 and f"is version {bank_version + 1} here but version {bank_version} in the bank" in err


def test_feedback_page_gives_each_wrong_rows_reason(tmp_path):
    """The page a student reads after grading explains each wrong row (the widget keeps the reasons for
    a second try) and does not point at marks it does not show."""
    from lms_files import answers, make_assignment, right_answers, submission

    ex = catalogue.get("ch01-source-event-or-evaluation")
    man = make_assignment([ex.id], "Reasons", tmp_path / "a")
    instructor = tmp_path / "a" / "instructor"
    wrong = dict(right_answers(instructor)[ex.id])
    flipped = next(iter(wrong))
    others = [label["id"] for label in ex.data["labels"] if label["id"] != wrong[flipped]]
    wrong[flipped] = others[0]
    sub = tmp_path / "s1.json"
    sub.write_bytes(submission(man["assignment_id"], "s1", answers(instructor, {ex.id: wrong})))
    grade.grade(instructor, [sub], tmp_path / "gb.csv", feedback=tmp_path / "fb")
    page = (tmp_path / "fb" / "s1.html").read_text(encoding="utf-8")
    reason = ex.data["feedback"][flipped]
    assert str(Markup.escape(reason)) in page
    assert "marked \u2716" not in page
