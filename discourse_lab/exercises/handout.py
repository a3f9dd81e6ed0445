"""An assignment's exercises as the student gets them: graded client specs, no key, no bank.

``assign`` writes ``<assignment id>.exercises.json`` beside the student notebook: for each
exercise its graded client spec (:meth:`Exercise.client_spec` in graded mode, which holds no key,
feedback, explanation, model answer or rubric). The notebook's ``show(id, assignment=…)`` loads
the exercise from that file, never from the bank, so a student environment needs no bank at all:
the answer shapes are checked against the ids in the spec, and a rewrite's indicator counts come
from the public lexicon.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import NamedTuple

from ..errors import DataFileError
from .spec import Exercise, UnknownExercise

FORMAT = "discourse-lab-handout"
SUFFIX = ".exercises.json"


class ClientToken(NamedTuple):
    """A token of a span sentence as the client spec gives it (enough to check and describe answers)."""

    id: str
    text: str
    whitespace: str
    is_punct: bool


def file_name(assignment_id: str) -> str:
    return f"{assignment_id}{SUFFIX}"


def client_spec(exercise: Exercise) -> dict:
    """The graded spec as stored in the file: the lexicon is left out (public data, added on load)."""
    spec = exercise.client_spec("graded")
    spec.pop("lexicon", None)
    return spec


def write(exercises: list[Exercise], assignment_id: str, folder: Path) -> Path:
    path = Path(folder) / file_name(assignment_id)
    data = {
        "format": FORMAT,
        "format_version": 1,
        "assignment_id": assignment_id,
        "exercises": [client_spec(e) for e in exercises],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def from_client_spec(spec: dict, path: Path | None = None) -> Exercise:
    """An :class:`Exercise` that can be shown graded and can check an answer's shape, built from a spec."""
    data: dict = {
        k: copy.deepcopy(spec[k]) for k in ("options", "labels", "items", "targets", "max_words") if k in spec
    }
    sentence_text = {}
    for name in ("passage", "sentences"):
        if name in spec:
            data[name] = [s["id"] for s in spec[name]]
            sentence_text.update({s["id"]: s["text"] for s in spec[name]})
    if "sentence" in spec:
        data["sentence"] = spec["sentence"]["id"]
        sentence_text[spec["sentence"]["id"]] = spec["sentence"]["text"]
    tokens = tuple(
        ClientToken(t["id"], t["text"], " " if t.get("ws") else "", bool(t.get("punct")))
        for t in spec.get("tokens", [])
    )
    return Exercise(
        id=spec["id"],
        version=spec["version"],
        chapter=spec["chapter"],
        type=spec["type"],
        kind=spec["kind"],
        prompt=spec["prompt"],
        explanation="",
        points=spec["points"],
        data=dict(data, title=spec.get("title")),
        path=path,
        sentence_text=sentence_text,
        tokens=tokens,
        client=spec,
        number=spec.get("number"),
    )


_cache: dict[Path, tuple[float, dict[str, Exercise]]] = {}


def load(assignment_id: str, folder: Path | str | None = None) -> dict[str, Exercise]:
    """Exercise id -> exercise, from the assignment's file in ``folder`` (default: the working folder)."""
    path = (Path(folder) if folder is not None else Path.cwd()) / file_name(assignment_id)
    try:
        stamp = path.stat().st_mtime
    except FileNotFoundError:
        raise DataFileError(
            path, "not found: this file comes with the assignment notebook; keep both in the same folder"
        ) from None
    if path in _cache and _cache[path][0] == stamp:
        return _cache[path][1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(
            path, f"is not valid JSON ({exc.__class__.__name__}); get a fresh copy from your instructor"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("assignment_id") != assignment_id:
        raise DataFileError(path, f"is not the exercise file of assignment {assignment_id}")
    try:
        exercises = {s["id"]: from_client_spec(s, path) for s in data["exercises"]}
    except (KeyError, TypeError) as exc:
        raise DataFileError(path, f"an exercise in it is incomplete ({exc})") from None
    _cache[path] = (stamp, exercises)
    return exercises


def get(assignment_id: str, exercise_id: str, folder: Path | str | None = None) -> Exercise:
    exercises = load(assignment_id, folder)
    if exercise_id not in exercises:
        raise UnknownExercise(f"no exercise '{exercise_id}' in assignment {assignment_id}")
    return exercises[exercise_id]
