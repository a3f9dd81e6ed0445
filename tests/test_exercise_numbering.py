"""Exercise numbers a syllabus can cite: "N.k", lesson N, k-th exercise of its bank file, and the
bank file in the order the lesson shows its exercises (so the numbers ascend down the page)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from discourse_lab.errors import DataFileError
from discourse_lab.exercises import catalogue, exercise_number, get, spec
from discourse_lab.exercises.static import render_html
from discourse_lab.exercises.widget import ExerciseWidget
from discourse_lab.paths import EXERCISES_DIR
from support import ROOT

LESSONS = sorted((ROOT / "chapters").glob("0[1-8]_*.ipynb"))
LITERAL_SHOW = re.compile(r"""show\(\s*["']([a-z0-9-]+)["']""")


def shown_ids(notebook):
    """The exercise ids a notebook's cells show by name, in cell order (Exercise objects are skipped)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [m for c in cells if c["cell_type"] == "code" for m in LITERAL_SHOW.findall("".join(c["source"]))]


def test_numbers_of_known_exercises():
    assert exercise_number("tour-choice") == "0.1"
    assert exercise_number("tour-graded") == "0.9"
    first = yaml.safe_load((EXERCISES_DIR / "ch02-who-speaks.yml").read_text(encoding="utf-8"))["exercises"][0]["id"]
    assert exercise_number(first) == "2.1"
    # a generated exercise numbered where its lesson shows it, among the entries
    assert exercise_number("gen-lavrov-interview-2024-voices") == "2.4"


def test_unknown_exercise_has_no_number():
    with pytest.raises(catalogue.UnknownExercise, match="no bank file"):
        exercise_number("no-such-exercise")
    with pytest.raises(catalogue.UnknownExercise):
        exercise_number(3)  # type: ignore[arg-type]  # not a string on purpose: a bad id from a notebook


def test_every_bank_exercise_has_one_number_and_numbers_run_one_to_m():
    by_lesson: dict[int, list[int]] = {}
    for number in spec.numbering(str(EXERCISES_DIR)).values():
        lesson, k = (int(x) for x in number.split("."))
        by_lesson.setdefault(lesson, []).append(k)
    for lesson, ks in by_lesson.items():
        assert sorted(ks) == list(range(1, len(ks) + 1)), lesson
    for ex in catalogue.bank():
        assert ex.number == exercise_number(ex.id)
        assert ex.number.split(".")[0] == str(ex.chapter)


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_shows_its_exercises_in_number_order(notebook):
    """The literal ids of each lesson's show(...) cells ascend (the built-site test checks every one)."""
    lesson = int(notebook.name[:2])
    numbers = [exercise_number(i) for i in shown_ids(notebook)]
    assert numbers, notebook.name
    assert all(n.startswith(f"{lesson}.") for n in numbers), numbers
    ks = [int(n.split(".")[1]) for n in numbers]
    assert ks == sorted(ks), (
        f"{notebook.name} shows {numbers}: reorder data/exercises/ch{lesson:02d}-*.yml to page order"
    )


def test_number_shown_in_static_html_live_widget_and_handout():
    ex = get("ch02-who-speaks-content")
    number = exercise_number(ex.id)
    assert f"Exercise {number} \u00b7 {ex.title}" in render_html(ex)
    assert ex.client_spec("graded")["number"] == number
    assert ExerciseWidget(ex, store=None).spec["number"] == number
    from discourse_lab.exercises import handout

    again = handout.from_client_spec(handout.client_spec(ex))
    assert again.number == number and again.client_spec("graded")["number"] == number
    assert again.display_title == f"Exercise {number} \u00b7 {ex.title}"


def write_bank(folder, generated):
    entry = {
        "id": "x-one",
        "version": 1,
        "chapter": 4,
        "type": "choice",
        "kind": "objective",
        "prompt": "P?",
        "explanation": "E.",
        "points": 1,
        "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        "answer": "a",
    }
    second = dict(entry, id="x-two")
    data = {"chapter": 4, "title": "T", "exercises": [entry, second], "generated": generated}
    (folder / "ch04-t.yml").write_text(yaml.safe_dump(data), encoding="utf-8")


def test_generated_list_places_exercises_among_the_entries(tmp_path):
    write_bank(tmp_path, [{"id": "gen-a", "after": "x-one"}, {"id": "gen-b"}, {"id": "gen-c", "after": "gen-a"}])
    spec.forget()
    try:
        numbers = spec.numbering(str(tmp_path))
        assert numbers == {"gen-b": "4.1", "x-one": "4.2", "gen-a": "4.3", "gen-c": "4.4", "x-two": "4.5"}
        assert exercise_number("x-two", tmp_path) == "4.5"
        assert {e.id: e.number for e in catalogue.bank(folder=tmp_path)} == {"x-one": "4.2", "x-two": "4.5"}
    finally:
        spec.forget()


def test_generated_list_naming_nothing_is_refused(tmp_path):
    write_bank(tmp_path, [{"id": "gen-a", "after": "x-three"}])
    spec.forget()
    try:
        with pytest.raises(DataFileError, match="ch04-t.yml.*gen-a.*x-three"):
            spec.numbering(str(tmp_path))
    finally:
        spec.forget()
