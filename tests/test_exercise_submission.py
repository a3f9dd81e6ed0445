"""export_submission: one file with the student id, answers, times, exercise ids and versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discourse_lab import datafiles
from discourse_lab.errors import DataFileError
from discourse_lab.exercises import AnswerStore, export_submission, get, score
from discourse_lab.exercises.static import render_html
from discourse_lab.exercises.submission import SubmissionError, read_submission
from discourse_lab.exercises.widget import ExerciseWidget


@pytest.fixture
def answered(tmp_path):
    store = AnswerStore(tmp_path / "answers.json")
    ExerciseWidget(get("ch01-source-dateline"), store=store).answer = "b"
    ExerciseWidget(get("ch01-source-house-style"), store=store).answer = ["p1s1t22"]
    ExerciseWidget(get("ch01-source-left-out"), mode="graded", store=store).answer = "It leaves out the pause."
    return store


def test_export_writes_a_valid_submission(answered, tmp_path):
    path = export_submission(tmp_path / "out.json", student_id="s1234567", store=answered)
    data = json.loads(path.read_text())
    datafiles.validate(data, "submission.schema.json", path)
    assert data["student_id"] == "s1234567"
    assert data["answers"]["ch01-source-dateline"] == {
        **{k: data["answers"]["ch01-source-dateline"][k] for k in ("first_answered", "last_answered")},
        "exercise_version": 2,
        "type": "choice",
        "answer": "b",
        "attempts": 1,
    }
    assert set(data["answers"]) == {"ch01-source-dateline", "ch01-source-house-style", "ch01-source-left-out"}
    assert "result" not in json.dumps(data)  # no scores travel with the answers


def test_submitted_answers_rescore_as_in_the_notebook(answered, tmp_path):
    """The grader will score the file's answers again: same shape, same points."""
    data = read_submission(export_submission(tmp_path / "s.json", student_id="s1", store=answered))
    entry = data["answers"]["ch01-source-house-style"]
    assert score(get("ch01-source-house-style"), entry["answer"]).points == 1.33


def test_export_can_be_limited_to_an_assignment(answered, tmp_path):
    path = export_submission(
        student_id="s1",
        store=answered,
        exercises=["ch01-source-dateline"],
        assignment_id="week-1",
        path=tmp_path / "w.json",
    )
    data = json.loads(path.read_text())
    assert list(data["answers"]) == ["ch01-source-dateline"] and data["assignment_id"] == "week-1"


def test_student_id_is_remembered(answered, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export_submission(student_id="s42", store=answered)
    second = export_submission(store=answered)
    assert second.name == "submission-s42.json" and second.exists()


@pytest.mark.parametrize("bad", ["", "../etc/passwd", "a b", "<script>", "x" * 65])
def test_bad_student_ids_are_refused_in_one_line(answered, tmp_path, bad):
    with pytest.raises(SubmissionError) as info:
        export_submission(tmp_path / "x.json", student_id=bad, store=answered)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "x.json").exists()


def test_no_student_id_at_all_says_how_to_give_one(answered, tmp_path):
    with pytest.raises(SubmissionError, match="student_id="):
        export_submission(tmp_path / "x.json", store=answered)


def test_reading_a_broken_submission_is_one_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "discourse-lab-submission", "format_version": 1}')
    with pytest.raises(DataFileError, match="bad.json: at top level: 'student_id' is a required property"):
        read_submission(path)


def encodings(secret: str) -> set[str]:
    """A key string as it could appear in a page: raw, HTML-escaped, or inside the spec JSON."""
    from html import escape

    from discourse_lab.exercises.static import spec_json

    return {secret, escape(secret), spec_json(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}


def test_static_graded_rendering_holds_no_key_string():
    for exercise_id in (
        "ch01-source-dateline",
        "ch01-source-house-style",
        "ch01-source-left-out",
        "ch01-source-neutral-close",
        "ch01-source-timeline",
        "gen-lavrov-interview-2024-voices",
    ):
        ex = get(exercise_id)
        graded = render_html(ex, "graded")
        assert '"key"' not in graded
        for secret in ex.secret_strings():
            for form in encodings(secret):
                assert form not in graded
        # the control: the same check finds the explanation in the self-check rendering
        assert any(form in render_html(ex, "self-check") for form in encodings(ex.explanation))


def test_static_spec_cannot_break_out_of_its_script_element():
    from discourse_lab.exercises.static import spec_json

    text = spec_json({"prompt": "</script><script>alert(1)</script><!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text)["prompt"].startswith("</script>")


def test_lesson_export_box_exports_the_practice_answers_only(tmp_path, monkeypatch):
    """The lessons' box must not hand in an assignment's graded answers, and talks about the box."""
    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.display import export_box
    from discourse_lab.exercises.store import assignment_store

    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "stores"))
    assignment_store("week-1-abc123").record("ch01-source-timeline", 1, ["a"], exercise_type="ordering", mode="graded")
    make_widget("ch01-source-dateline").answer = "b"
    box = export_box(folder=tmp_path)
    student, button, status = box.children
    button.click()
    assert "Type your student id in the box" in status.value and "export_submission" not in status.value
    student.value = "not an id!"
    button.click()
    assert "cannot be used" in status.value and not list(tmp_path.glob("*.json"))
    student.value = "s9"
    button.click()
    assert "1 answer exported to <strong>submission-s9.json</strong>" in status.value
    data = json.loads((tmp_path / "submission-s9.json").read_text())
    assert list(data["answers"]) == ["ch01-source-dateline"]


def test_export_box_counts_the_answers_it_will_hand_in(tmp_path, monkeypatch):
    """Heading and "n of N lesson exercises answered", counted again when a widget saves an answer."""
    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.catalogue import lesson_exercise_ids
    from discourse_lab.exercises.display import export_box

    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "stores"))
    total = len(lesson_exercise_ids())
    # Counted independently: one show(...) call per exercise in the code of lessons 1-8.
    import re

    import nbformat
    from support import ROOT

    shown = sum(
        len(re.findall(r"\bshow\(", cell.source))
        for path in sorted((ROOT / "chapters").glob("0[1-8]_*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
    )
    assert total == shown
    box = export_box(folder=tmp_path)
    heading, count = box.header
    assert "Export your answers" in heading.value
    assert count.value == f"0 of {total} lesson exercises answered."
    make_widget("ch01-source-dateline").answer = "b"
    make_widget("tour-choice").answer = "a"  # the tour is not a lesson
    assert count.value == f"1 of {total} lesson exercises answered."
    mine = export_box(assignment_id="week-1-abc123", exercises=["ch01-source-timeline", "ch01-source-dateline"])
    assert mine.header[1].value == "0 of 2 exercises answered."


def test_static_export_form_has_a_heading_and_the_lesson_ids():
    from discourse_lab.exercises.catalogue import lesson_exercise_ids
    from discourse_lab.exercises.scoring import MAX_TEXT_ANSWER
    from discourse_lab.exercises.static import export_html

    html = export_html()
    assert '<h2 class="dl-export-title">Export your answers</h2>' in html
    spec = json.loads(html.split('class="dl-export-spec">', 1)[1].split("</script>", 1)[0])
    assert spec == {"exercises": lesson_exercise_ids(), "max_chars": MAX_TEXT_ANSWER}


def test_how_to_use_sends_readers_to_the_lesson_that_holds_the_export_form():
    import re

    from support import ROOT

    holding = []
    for nb in sorted((ROOT / "chapters").glob("0[1-8]_*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        if any("export_button(" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"):
            holding.append(int(nb.name[:2]))
    assert holding, "no lesson shows the export form"
    text = (ROOT / "chapters" / "how_to_use.md").read_text(encoding="utf-8")
    named = {int(n) for n in re.findall(r"at the end of lesson (\d+)", text)}
    assert named == {holding[-1]}, (named, holding)


def test_practice_export_goes_beside_the_stores_not_into_the_lessons_folder(tmp_path, monkeypatch):
    """A lesson's kernel runs in chapters/ (a clone of the course on a hub): the practice export must
    not write there, and the box names the folder it wrote to and offers the same file to download."""
    import base64
    import re

    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.display import export_box

    lessons = tmp_path / "course" / "chapters"
    lessons.mkdir(parents=True)
    monkeypatch.chdir(lessons)
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "stores"))
    make_widget("ch01-source-dateline").answer = "b"
    student, button, status = export_box().children
    student.value = "s7"
    button.click()
    written = tmp_path / "stores" / "exports" / "submission-s7.json"
    assert written.exists() and list(lessons.iterdir()) == []
    assert f"<code>{written.parent}</code>" in status.value
    link = re.search(r'href="data:application/json;base64,([^"]+)" download="submission-s7.json"', status.value)
    assert link and base64.b64decode(link.group(1)) == written.read_bytes()
    # export_submission() without a path does the same; an assignment's file stays beside its notebook.
    assert export_submission(student_id="s7") == written
    assert export_submission(student_id="s7", assignment_id="week-1") == Path("week-1-s7.json")
