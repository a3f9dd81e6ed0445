"""The exercise model: one exercise of the bank, loaded, checked and resolved against its source.

The bank is ``data/exercises/*.yml`` (one file per chapter, schema
``data/schemas/exercise-bank.schema.json``). The schema checks each file's shape; this module
checks what a schema cannot: that an answer names an option that exists, that every sentence id
is a sentence of the source, that a span's key phrases occur in its sentence. A broken bank
raises :class:`DataFileError` naming the file and the exercise.

An exercise's *client spec* (:meth:`Exercise.client_spec`) is the JSON that both renderings
(the notebook widget and the static page) draw from. Everything a student must not see before
answering sits under its ``"key"`` member, so graded mode only has to leave that one member out,
and the student edition's self-check replaces it with a ``"check"`` member of salted digests
(:mod:`.check`).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from .. import datafiles
from ..errors import DataFileError, DiscourseLabError
from ..paths import EXERCISES_DIR

TYPES = ("choice", "multi", "tagging", "span", "matching", "ordering", "short_text", "rewrite")

GENERATED_PREFIX = "gen-"

# The line under an exercise's prompt, by type; written answers in graded and review modes say what
# happens there instead, so no graded page promises a model answer it does not hold.
HELP = {
    "choice": "Choose one answer.",
    "multi": "Select every answer that applies.",
    "tagging": "Choose a label for each sentence.",
    "span": "Select words by clicking them, or move with the arrow keys and press Space.",
    "matching": "Choose a match for each item.",
    "ordering": "Use the Up and Down buttons to put the items in order.",
    "short_text": "Write your answer, then submit it to see the model answer and the rubric.",
    "rewrite": "Write your version of the sentence, then submit it to compare the indicators, the model answer and the rubric.",
}
HELP_SAVED = {
    "graded": {
        "short_text": "Write your answer, then save it. Your instructor marks it against a rubric; no model answer is shown here.",
        "rewrite": "Write your version of the sentence, then save it: you see its indicator counts, and your instructor marks it.",
    },
    "review": {
        "short_text": "Write your answer, then save it. This page does not check it: your instructor reviews it when you export your answers.",
        "rewrite": "Write your version of the sentence, then save it: you see its indicator counts, and your instructor reviews it.",
    },
}


def help_text(exercise_type: str, mode: str = "self-check", review: bool = False) -> str:
    """What the line under the prompt says for this type in this mode (``review``: the student
    edition's self-check of an exercise it cannot check)."""
    saved = HELP_SAVED["review" if review else "graded"] if review or mode == "graded" else {}
    return saved.get(exercise_type, HELP[exercise_type])


class UnknownExercise(DiscourseLabError):
    """No exercise with this id in the bank."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: the validated bank entry plus the source text it refers to."""

    id: str
    version: int
    chapter: int
    type: str
    kind: str
    prompt: str
    explanation: str
    points: float
    data: dict = field(repr=False)  # the bank entry as written
    path: Path | None = field(default=None, repr=False)
    # Resolved from the source: sentence id -> text, and the tokens of a span/rewrite sentence.
    sentence_text: dict = field(default_factory=dict, repr=False)
    tokens: tuple = field(default=(), repr=False)
    # Set for an exercise read from an assignment's handout file (:mod:`.handout`): its graded
    # client spec, the only rendering it has (it carries no key).
    client: dict | None = field(default=None, repr=False)
    # "N.k" (lesson N, k-th exercise of its bank file; see :func:`numbering`), None when unnumbered.
    number: str | None = None
    # What ticking each rubric item gives (judgement items), resolved by :func:`rubric_points`;
    # ``data["rubric"]`` itself holds the item texts only, so every reader of it sees strings.
    rubric_points: tuple = field(default=(), repr=False)

    @property
    def title(self) -> str:
        return self.data.get("title") or self.id

    @property
    def display_title(self) -> str:
        """The title a syllabus can cite: "Exercise 2.3 \u00b7 Who speaks?" (no number: "Exercise: …")."""
        number = self.number or public_number(self.id)
        return f"Exercise {number} \u00b7 {self.title}" if number else f"Exercise: {self.title}"

    @property
    def objective(self) -> bool:
        return self.kind == "objective"

    @property
    def rubric(self) -> list[tuple[str, float]]:
        """The rubric as (text, points) pairs; an exercise built without points shares them equally."""
        texts = self.data.get("rubric", [])
        points = self.rubric_points or rubric_points(texts, self.points)
        return list(zip(texts, points))

    @property
    def answer_key(self) -> Any:
        """The key in exactly the answer shape of this type (see :mod:`.scoring`); None for judgement."""
        if not self.objective:
            return None
        if self.type == "span":
            return list(span_key_tokens(self))
        if self.type == "tagging":  # in the order shown, which is the order feedback follows
            return {sid: self.data["answer"][sid] for sid in self.data["sentences"]}
        if self.type == "matching":
            return {i["id"]: self.data["answer"][i["id"]] for i in self.data["items"]}
        return self.data["answer"]

    def secret_strings(self) -> list[str]:
        """Every text that reveals the key: what graded mode must never put into a page."""
        out = [self.explanation, *self.data.get("rubric", [])]
        if "model_answer" in self.data:
            out.append(self.data["model_answer"])
        for option in self.data.get("options", []):
            if "feedback" in option:
                out.append(option["feedback"])
        feedback = self.data.get("feedback")
        if isinstance(feedback, dict):
            out.extend(feedback.values())
        elif isinstance(feedback, list):
            out.extend(entry["message"] for entry in feedback)
        return out

    def client_spec(self, mode: str = "self-check", salt: str | None = None) -> dict:
        """The JSON both renderings use; the ``key`` member only in self-check mode.

        With a ``salt`` (self-check in the student edition) there is no ``key``: a checkable
        exercise gets a ``check`` member of salted digests instead, and any other is rendered
        in graded mode with ``review: true`` (see :mod:`.check`).
        """
        if mode not in ("self-check", "graded"):
            raise ValueError(f"mode must be 'self-check' or 'graded', not {mode!r}")
        if salt is not None and mode != "self-check":
            raise ValueError("a salt is for self-check mode only: graded mode carries nothing to check against")
        if self.client is not None:
            if mode != "graded" or salt is not None:
                raise ValueError(f"exercise {self.id} comes from an assignment file without its key: graded mode only")
            from .indicators import client_lexicon

            handout: dict[str, Any] = copy.deepcopy(self.client)
            handout["help"] = help_text(self.type, "graded")
            if self.type == "rewrite":
                handout["lexicon"] = client_lexicon()
            return handout
        review = False
        if salt is not None:
            from .check import checkable

            if not checkable(self):
                mode, review = "graded", True
        d = self.data
        spec: dict[str, Any] = {
            "id": self.id,
            "version": self.version,
            "chapter": self.chapter,
            "type": self.type,
            "kind": self.kind,
            "title": self.title,
            "prompt": self.prompt,
            "points": self.points,
            "mode": mode,
        }
        number = self.number or public_number(self.id)
        if number:
            spec["number"] = number
        if d.get("passage"):
            spec["passage"] = [{"id": sid, "text": self.sentence_text[sid]} for sid in d["passage"]]
        if "options" in d:
            spec["options"] = [{"id": o["id"], "text": o["text"]} for o in d["options"]]
        if self.type == "tagging":
            spec["sentences"] = [{"id": sid, "text": self.sentence_text[sid]} for sid in d["sentences"]]
            spec["labels"] = [dict(label) for label in d["labels"]]
        if self.type in ("span", "rewrite"):
            spec["sentence"] = {"id": d["sentence"], "text": self.sentence_text[d["sentence"]]}
        if self.type == "span":
            spec["tokens"] = [
                {"id": t.id, "text": t.text, "ws": t.whitespace, "punct": t.is_punct} for t in self.tokens
            ]
        if "items" in d:
            spec["items"] = [dict(i) for i in d["items"]]
        if "targets" in d:
            spec["targets"] = [dict(t) for t in d["targets"]]
        if "max_words" in d:
            spec["max_words"] = d["max_words"]
        if self.type in ("short_text", "rewrite"):
            from .scoring import MAX_TEXT_ANSWER

            spec["max_chars"] = MAX_TEXT_ANSWER
        if self.type == "rewrite":
            # Counting needs no secret: the lexicon is public course data.
            from .indicators import client_lexicon

            spec["lexicon"] = client_lexicon()
        spec["help"] = help_text(self.type, mode, review)
        if review:
            spec["review"] = True
        elif salt is not None:
            from .check import check_member

            spec["check"] = check_member(self, salt)
        elif mode == "self-check":
            spec["key"] = self.key_for_client()
        if mode == "self-check":
            # Where to read again after a wrong try: a concept, never the answer (hints.py).
            from .hints import pointer

            found = pointer(self)
            if found:
                spec["hint"] = found
        return spec

    def key_for_client(self) -> dict:
        d = self.data
        key: dict[str, Any] = {"explanation": self.explanation}
        if self.objective:
            key["answer"] = self.answer_key
        if "options" in d:
            key["option_feedback"] = {o["id"]: o["feedback"] for o in d["options"] if "feedback" in o}
        if self.type == "span":
            key["feedback"] = [
                {"tokens": sorted(phrase_tokens(self, entry["text"]), key=_token_order), "message": entry["message"]}
                for entry in d.get("feedback", [])
            ]
        elif isinstance(d.get("feedback"), dict):
            key["feedback"] = dict(d["feedback"])
        for name in ("rubric", "model_answer"):
            if name in d:
                key[name] = d[name]
        return key


def rubric_points(rubric: list, total: float) -> tuple[float, ...]:
    """Points of each rubric item: an item ``{text, points}`` gives what it says; the plain-text
    items share equally what the named points leave of the exercise's ``total``. So a rubric of
    plain texts only splits the points equally, and ticking every item gives full marks."""
    named = [item["points"] for item in rubric if isinstance(item, dict)]
    plain = len(rubric) - len(named)
    share = (total - sum(named)) / plain if plain else 0.0
    return tuple(float(item["points"]) if isinstance(item, dict) else share for item in rubric)


def _check_rubric(entry: dict, fail) -> tuple[float, ...]:
    rubric = entry.get("rubric") or []
    if not rubric:
        return ()
    total = entry["points"]
    named = sum(item["points"] for item in rubric if isinstance(item, dict))
    plain = sum(1 for item in rubric if not isinstance(item, dict))
    if plain and named >= total - 1e-9:
        fail(
            f"the rubric items with points give {named:g} of {total:g}, leaving nothing for the {plain} item(s) without points"
        )
    if not plain and abs(named - total) > 1e-9:
        fail(f"the rubric items' points add up to {named:g}, but the exercise is worth {total:g}")
    return rubric_points(rubric, total)


def _token_order(token_id: str) -> int:
    return int(token_id.rsplit("t", 1)[1])


def phrase_tokens(exercise: Exercise, phrase: str) -> list[str]:
    """Ids of the word tokens (not punctuation) covering the first occurrence of ``phrase``."""
    sentence = exercise.sentence_text[exercise.data["sentence"]]
    at = sentence.find(phrase)
    if at < 0:
        raise DataFileError(
            exercise.path or EXERCISES_DIR,
            f"exercise {exercise.id}: phrase {phrase!r} is not in sentence {exercise.data['sentence']}",
        )
    base = exercise.tokens[0].start if exercise.tokens else 0
    start, end = base + at, base + at + len(phrase)
    return [t.id for t in exercise.tokens if not t.is_punct and t.start < end and t.end > start]


def span_key_tokens(exercise: Exercise) -> list[str]:
    ids: set[str] = set()
    for phrase in exercise.data["answer"]:
        ids.update(phrase_tokens(exercise, phrase))
    return sorted(ids, key=_token_order)


# ---------------------------------------------------------------- loading and cross-checks


@lru_cache(maxsize=8)
def _document(slug: str):
    from ..sources import load_source

    return load_source(slug).document


def build(entry: dict, path: Path | None, default_source: str | None = None) -> Exercise:
    """Turn one validated bank entry into an :class:`Exercise`, checking its references."""
    where = path or EXERCISES_DIR

    def fail(problem: str) -> NoReturn:
        raise DataFileError(where, f"exercise {entry.get('id')}: {problem}")

    etype = entry["type"]
    source = entry.get("source", default_source)
    sentence_ids = list(entry.get("passage", []))
    sentence_ids += entry.get("sentences", [])
    if "sentence" in entry:
        sentence_ids.append(entry["sentence"])
    sentence_text: dict[str, str] = {}
    tokens: tuple = ()
    if sentence_ids:
        if not source:
            fail("quotes sentences but names no source (set 'source' on it or on the file)")
        doc = _document(source)
        for sid in sentence_ids:
            try:
                sentence_text[sid] = doc.sentence(sid).text
            except KeyError:
                fail(f"sentence {sid} is not in source {source}")
        if "sentence" in entry:
            tokens = doc.sentence(entry["sentence"]).tokens

    def ids_of(name: str) -> list[str]:
        values = [x["id"] for x in entry.get(name, [])]
        if len(set(values)) != len(values):
            fail(f"duplicate id in {name}")
        return values

    answer = entry.get("answer")  # the schema requires one of every objective type, and of no other
    if answer is None:
        pass  # short_text, rewrite: no key to check against the ids
    elif etype in ("choice", "multi"):
        options = ids_of("options")
        for oid in [answer] if etype == "choice" else answer:
            if oid not in options:
                fail(f"answer {oid!r} is not one of the options")
    elif etype == "tagging":
        labels = ids_of("labels")
        if set(answer) != set(entry["sentences"]):
            fail("answer must give a label for exactly the listed sentences")
        for sid, label in answer.items():
            if label not in labels:
                fail(f"label {label!r} for {sid} is not one of the labels")
    elif etype == "matching":
        items, targets = ids_of("items"), ids_of("targets")
        if set(answer) != set(items):
            fail("answer must match every item exactly once")
        if any(t not in targets for t in answer.values()):
            fail("answer names a target that does not exist")
    elif etype == "ordering":
        if sorted(answer) != sorted(ids_of("items")):
            fail("answer must list every item exactly once")
    feedback = entry.get("feedback")
    if isinstance(feedback, dict):
        known = set(entry.get("sentences", [])) | {i["id"] for i in entry.get("items", [])}
        unknown = sorted(set(feedback) - known)
        if unknown:
            fail(f"feedback for unknown id(s) {', '.join(unknown)}")
    points_of_rubric = _check_rubric(entry, fail)
    if any(isinstance(item, dict) for item in entry.get("rubric", [])):
        entry = {**entry, "rubric": [item["text"] if isinstance(item, dict) else item for item in entry["rubric"]]}
    ex = Exercise(
        id=entry["id"],
        version=entry["version"],
        chapter=entry["chapter"],
        type=etype,
        kind=entry["kind"],
        prompt=entry["prompt"],
        explanation=entry["explanation"],
        points=entry["points"],
        data=entry,
        path=path,
        sentence_text=sentence_text,
        tokens=tokens,
        rubric_points=points_of_rubric,
    )
    if etype == "span":
        key = span_key_tokens(ex)  # raises if a phrase is missing
        if not key:
            fail("the answer phrases hold no words")
        for item in feedback or []:
            phrase_tokens(ex, item["text"])
    return ex


def sequence(data: dict, path: Path | None = None) -> list[str]:
    """The exercise ids of one bank file in the order they are numbered: the entries in file order,
    with each exercise of the file's ``generated`` list (made from annotations, shown by the lesson,
    not an entry here) placed right after the id its ``after`` names (at the start without one)."""
    order = [entry["id"] for entry in data["exercises"]]
    for shown in data.get("generated", []):
        if shown["id"] in order:
            raise DataFileError(path or EXERCISES_DIR, f"generated exercise {shown['id']} is listed twice")
        after = shown.get("after")
        if after is not None and after not in order:
            raise DataFileError(
                path or EXERCISES_DIR,
                f"generated exercise {shown['id']}: 'after' names {after}, neither an entry of the file nor listed above it",
            )
        order.insert(0 if after is None else order.index(after) + 1, shown["id"])
    return order


def file_numbers(data: dict, path: Path | None = None) -> dict[str, str]:
    """Exercise id -> "N.k" for one bank file: N its chapter (the lesson; the tour is 0), k the
    1-based place in :func:`sequence`, so the numbers ascend down the lesson page."""
    return {eid: f"{data['chapter']}.{k}" for k, eid in enumerate(sequence(data, path), 1)}


def load_file(path: Path) -> list[Exercise]:
    """Every exercise of one bank file, validated and cross-checked, each with its number."""
    path = Path(path)
    data = datafiles.load(path, "exercise-bank.schema.json")
    numbers = file_numbers(data, path)
    out = []
    for entry in data["exercises"]:
        if entry["chapter"] != data["chapter"]:
            raise DataFileError(
                path,
                f"exercise {entry['id']}: chapter {entry['chapter']} differs from the file's chapter {data['chapter']}",
            )
        out.append(dataclasses.replace(build(entry, path, data.get("source")), number=numbers[entry["id"]]))
    return out


@lru_cache(maxsize=4)
def numbering(folder: str) -> dict[str, str]:
    """Exercise id -> "N.k" for every exercise a bank folder numbers, generated ones included."""
    numbers: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yml")):
        data = datafiles.load(path, "exercise-bank.schema.json")
        for eid, number in file_numbers(data, path).items():
            if eid in numbers:
                raise DataFileError(path, f"exercise {eid} is numbered twice ({numbers[eid]} already)")
            numbers[eid] = number
    return numbers


def public_number(exercise_id: str) -> str | None:
    """The number the course's own bank gives an exercise (one generated by a lesson included), or None."""
    return numbering(str(EXERCISES_DIR)).get(exercise_id)


@lru_cache(maxsize=4)
def _load_bank(folder: str) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for path in sorted(Path(folder).glob("*.yml")):
        for ex in load_file(path):
            if ex.id in exercises:
                first = exercises[ex.id].path
                raise DataFileError(
                    path, f"exercise id {ex.id} is already used in {first.name if first else 'the bank'}"
                )
            exercises[ex.id] = ex
    return exercises


def load_bank(folder: Path) -> dict[str, Exercise]:
    """Every exercise of a bank folder by id, loaded once (:func:`forget` drops it)."""
    return _load_bank(str(folder))


def forget() -> None:
    """Drop the cached bank and parsed sources (``catalogue.reload`` also drops generated ones)."""
    _load_bank.cache_clear()
    numbering.cache_clear()
    _document.cache_clear()
