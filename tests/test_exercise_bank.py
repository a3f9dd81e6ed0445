"""The exercise bank as data: every file validates, every exercise explains itself, and a broken
bank gives one line naming the file and the exercise."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from discourse_lab import datafiles
from discourse_lab.errors import DataFileError
from discourse_lab.exercises import catalogue, spec
from discourse_lab.paths import EXERCISES_DIR

BANK_FILES = sorted(EXERCISES_DIR.glob("*.yml"))


def test_there_is_a_bank():
    assert BANK_FILES, "data/exercises/ holds no bank file"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_every_bank_file_validates_and_cross_checks(path):
    exercises = spec.load_file(path)
    assert exercises
    assert datafiles.schema_for(path) == "exercise-bank.schema.json"


def test_no_exercise_lacks_an_explanation():
    for ex in catalogue.bank():
        assert ex.explanation.strip(), ex.id


def test_judgement_items_have_rubric_and_model_answer():
    for ex in catalogue.bank():
        if ex.kind == "judgement":
            assert ex.data["rubric"] and ex.data["model_answer"].strip(), ex.id


def test_ids_are_unique_and_get_finds_each():
    ids = [ex.id for ex in catalogue.bank()]
    assert len(ids) == len(set(ids))
    for exercise_id in ids:
        assert catalogue.get(exercise_id).id == exercise_id


def test_chapter_one_has_every_type():
    assert {ex.type for ex in catalogue.bank(chapter=1)} == set(spec.TYPES)


def test_unknown_id_is_a_clear_error():
    with pytest.raises(spec.UnknownExercise, match="no exercise 'ch99-nope'"):
        catalogue.get("ch99-nope")


# A valid one-exercise bank to break in each of the ways below.
BASE: dict[str, Any] = {
    "chapter": 1,
    "title": "Fixture",
    "source": "lavrov-interview-2024",
    "exercises": [
        {
            "id": "fx-span",
            "version": 1,
            "chapter": 1,
            "type": "span",
            "kind": "objective",
            "prompt": "Pick the cue.",
            "sentence": "p2s2",
            "answer": ["emphasized"],
            "explanation": "The reporting verb.",
            "points": 1,
        }
    ],
}

BROKEN = {
    "missing explanation": (lambda e: e.pop("explanation"), "'explanation' is a required property"),
    "phrase not in sentence": (lambda e: e.update(answer=["claimed"]), "phrase 'claimed' is not in sentence p2s2"),
    "sentence not in source": (lambda e: e.update(sentence="p9s9"), "sentence p9s9 is not in source"),
    "judgement kind on objective type": (lambda e: e.update(kind="judgement"), "kind"),
    "unknown type": (lambda e: e.update(type="essay"), "type"),
    "bad id": (lambda e: e.update(id="../etc"), "id"),
    "choice answer not an option": (
        lambda e: e.update(type="choice", options=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], answer="c"),
        "answer 'c' is not one of the options",
    ),
    "ordering answer misses an item": (
        lambda e: e.update(
            type="ordering", items=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], answer=["a", "c"]
        ),
        "answer must list every item exactly once",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_bank_file_is_one_line_naming_file_and_problem(case, tmp_path):
    data = copy.deepcopy(BASE)
    breaker, expected = BROKEN[case]
    breaker(data["exercises"][0])
    path = tmp_path / "ch01-broken.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(DataFileError) as info:
        spec.load_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert "ch01-broken.yml" in message and expected in message


def test_the_unbroken_fixture_loads(tmp_path):
    path = tmp_path / "ch01-ok.yml"
    path.write_text(yaml.safe_dump(BASE))
    (ex,) = spec.load_file(path)
    assert ex.answer_key == ["p2s2t2"]


def test_duplicate_ids_across_files_are_refused(tmp_path):
    for name in ("a.yml", "b.yml"):
        (tmp_path / name).write_text(yaml.safe_dump(BASE))
    catalogue.reload()
    with pytest.raises(DataFileError, match="already used in a.yml"):
        catalogue.bank(folder=Path(tmp_path))
    catalogue.reload()
