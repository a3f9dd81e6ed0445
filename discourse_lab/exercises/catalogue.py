"""The catalogue of exercises: the hand-written bank and the exercises generated from annotated
sources, found by id. It sits above :mod:`.spec` (the exercise model and the bank loader) and
:mod:`.generate` (which builds exercises with :mod:`.spec`), so neither imports the other's user.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import EXERCISES_DIR
from . import generate, spec
from .spec import GENERATED_PREFIX, Exercise, UnknownExercise


def bank(chapter: int | None = None, folder: Path = EXERCISES_DIR) -> list[Exercise]:
    """The exercises of the bank in file order, optionally only one chapter's."""
    exercises = list(spec.load_bank(folder).values())
    return [e for e in exercises if chapter is None or e.chapter == chapter]


def get(exercise_id: str, folder: Path = EXERCISES_DIR) -> Exercise:
    """One exercise by id: from the bank, or generated from a source's annotations (``gen-…``)."""
    if not isinstance(exercise_id, str):
        raise UnknownExercise(f"exercise id must be a string, not {type(exercise_id).__name__}")
    found = spec.load_bank(folder).get(exercise_id)
    if found is not None:
        return found
    if exercise_id.startswith(GENERATED_PREFIX):
        found = generate.generated_by_id(exercise_id)
        if found is not None:
            return found
    raise UnknownExercise(f"no exercise '{exercise_id}' in the bank ({folder})")


def exercise_number(exercise_id: str, folder: Path = EXERCISES_DIR) -> str:
    """The number a syllabus cites, "N.k": N the exercise's lesson (its chapter; the tour is 0), k
    its 1-based place in that lesson's bank file (``data/exercises/chNN-*.yml``), where the entries
    stand in the order the lesson page shows them and the generated exercises the lesson shows are
    placed by the file's ``generated`` list. UnknownExercise for an id no bank file numbers."""
    if not isinstance(exercise_id, str):
        raise UnknownExercise(f"exercise id must be a string, not {type(exercise_id).__name__}")
    number = spec.numbering(str(folder)).get(exercise_id)
    if number is None:
        raise UnknownExercise(f"exercise '{exercise_id}' has no number: no bank file in {folder} lists it")
    return number


def lesson_exercise_ids(folder: Path = EXERCISES_DIR) -> list[str]:
    """The ids of every numbered exercise of the lessons (not the tour, lesson 0), in number order:
    what an export form counts as "41 of 55 answered"."""
    numbers = spec.numbering(str(folder))

    def key(eid: str) -> tuple[int, int]:
        lesson, k = numbers[eid].split(".")
        return int(lesson), int(k)

    return sorted((e for e in numbers if key(e)[0] > 0), key=key)


def reload() -> None:
    """Forget every cached exercise (after editing a bank file or annotations in a running kernel):
    the bank, the parsed sources, and the exercises generated from annotations."""
    spec.forget()
    generate.generate.cache_clear()
