"""Per-assignment order and ids of what a student chooses from, and the map back to the bank.

A bank exercise as written often gives its key away by order or by id: the right option first,
the targets of a matching listed in the order of its items, ordering items written in the right
order, or ids (such as sentence ids) that sort into the key. The handout therefore shows the
options, labels, items and targets of every exercise in an order drawn from a random generator
seeded with the assignment id and the exercise id (the same assignment always gives the same
handout), under opaque ids numbered in display order: ``o1, o2 …`` options, ``l1 …`` labels,
``i1 …`` items, ``t1 …`` targets. A drawn order that would show the key (:func:`reveals_key`)
is drawn again.

``key.json`` keeps, per exercise, the map from handout ids back to the bank's (its ``handout``
member). :func:`bank_terms` turns a submission's answers into bank ids before they are checked
and scored, so grading never needs a student's display order.

Left in reading order: the sentences of a tagging exercise and the words of a span exercise,
which are the text being read; their ids are positions in the article and say nothing of the key.
An ordering or matching exercise of two items can only be shown in the one order that is not the
key, which tells a student who knows this rule the answer: give such exercises three items or more.
"""

from __future__ import annotations

import copy
import dataclasses
import random
from typing import Any

from ..exercises.scoring import AnswerError
from ..exercises.spec import Exercise

# What is shuffled, with the prefix of its opaque ids.
FIELDS = {"options": "o", "labels": "l", "items": "i", "targets": "t"}
MAX_DRAWS = 1000


def reveals_key(exercise_type: str, data: dict) -> bool:
    """Does the display order of ``data`` (a bank entry's shape, in display order) show its key?

    ordering: the items are shown in the key's order. matching: the targets are shown in the
    order of the items' keys (item 1's target first, …). tagging: the labels are shown in the
    order of the sentences' keys. choice and multi have no order that equals their key; they
    are shuffled and renamed all the same, so neither position nor id carries it.
    """
    answer = data.get("answer")
    if answer is None:
        return False  # no key (a judgement exercise, or an entry the schema would refuse): none to show
    if exercise_type == "ordering":
        return [i["id"] for i in data["items"]] == list(answer)
    if exercise_type == "matching":
        keyed = [answer[i["id"]] for i in data["items"] if i["id"] in answer]
        return [t["id"] for t in data["targets"]][: len(keyed)] == keyed
    if exercise_type == "tagging":
        keyed = [answer[s] for s in data["sentences"] if s in answer]
        return len(keyed) <= len(data["labels"]) and [x["id"] for x in data["labels"]][: len(keyed)] == keyed
    return False


def _rename(answer: Any, exercise_type: str, maps: dict[str, dict[str, str]]) -> Any:
    """An answer (or key) with its ids replaced through ``maps`` (field -> old id -> new id)."""
    if exercise_type == "choice":
        return maps["options"].get(answer, answer) if isinstance(answer, str) else answer
    if exercise_type == "multi":
        return [maps["options"].get(a, a) for a in answer] if isinstance(answer, list) else answer
    if exercise_type == "tagging":
        if not isinstance(answer, dict):
            return answer
        return {sid: maps["labels"].get(v, v) if isinstance(v, str) else v for sid, v in answer.items()}
    if exercise_type == "matching":
        if not isinstance(answer, dict):
            return answer
        return {
            maps["items"].get(k, k): maps["targets"].get(v, v) if isinstance(v, str) else v for k, v in answer.items()
        }
    if exercise_type == "ordering":
        return (
            [maps["items"].get(a, a) if isinstance(a, str) else a for a in answer]
            if isinstance(answer, list)
            else answer
        )
    return answer


def handout_exercise(exercise: Exercise, assignment_id: str) -> tuple[Exercise, dict[str, dict[str, str]]]:
    """The exercise as this assignment's handout shows it, and its map: field -> handout id -> bank id.

    Exercises with nothing to choose from (span, short_text, rewrite) come back unchanged with
    an empty map.
    """
    fields = [f for f in FIELDS if f in exercise.data and exercise.type != "span"]
    if not fields:
        return exercise, {}
    rng = random.Random(f"{assignment_id}/{exercise.id}")
    for _ in range(MAX_DRAWS):
        data = copy.deepcopy(exercise.data)
        maps: dict[str, dict[str, str]] = {}
        for name in fields:
            entries = list(data[name])
            rng.shuffle(entries)
            maps[name] = {e["id"]: f"{FIELDS[name]}{n}" for n, e in enumerate(entries, 1)}
            # Only what the student sees: text (and a label's description); feedback stays in the bank.
            data[name] = [
                {"id": maps[name][e["id"]], **{k: e[k] for k in ("text", "description") if k in e}} for e in entries
            ]
        for name in FIELDS:
            maps.setdefault(name, {})
        if "answer" in data:
            data["answer"] = _rename(data["answer"], exercise.type, maps)
        if not reveals_key(exercise.type, data):
            break
    else:  # pragma: no cover - every exercise the schema admits has an order that is not its key
        raise ValueError(f"exercise {exercise.id}: no order found that does not show the key")
    for secret in ("feedback", "explanation", "rubric", "model_answer"):
        data.pop(secret, None)
    back = {name: {new: old for old, new in maps[name].items()} for name in fields}
    return dataclasses.replace(exercise, data=data, explanation=""), back


# An id the handout never showed gets the message scoring.check_answer gives for an unknown id.
UNKNOWN = {
    "options": "answer must be one option id",
    "multi": "answer must be a list of distinct option ids",
    "labels": "answer uses a label that does not exist",
    "items": "answer must map item ids to target ids",
    "targets": "answer uses a target that does not exist",
    "ordering": "answer must list every item id exactly once",
}


def bank_answer(exercise_type: str, handout: dict[str, dict[str, str]], answer: Any, exercise_id: str = "") -> Any:
    """A handout answer in the bank's ids. An id the handout never showed raises :class:`AnswerError`
    (the message scoring gives for an unknown id); an answer of the wrong shape is returned as it
    is, for :func:`scoring.check_answer` to refuse."""
    if not handout:
        return answer
    maps = {name: handout.get(name, {}) for name in FIELDS}
    used: list[tuple[str, str, Any]] = []  # (field, message, id)
    if exercise_type == "choice" and isinstance(answer, str):
        used = [("options", UNKNOWN["options"], answer)]
    elif exercise_type == "multi" and isinstance(answer, list):
        used = [("options", UNKNOWN["multi"], a) for a in answer]
    elif exercise_type == "tagging" and isinstance(answer, dict):
        used = [("labels", UNKNOWN["labels"], v) for v in answer.values()]
    elif exercise_type == "matching" and isinstance(answer, dict):
        used = [("items", UNKNOWN["items"], k) for k in answer] + [
            ("targets", UNKNOWN["targets"], v) for v in answer.values()
        ]
    elif exercise_type == "ordering" and isinstance(answer, list):
        used = [("items", UNKNOWN["ordering"], a) for a in answer]
    for name, message, value in used:
        if isinstance(value, str) and value not in maps[name]:
            raise AnswerError(f"exercise {exercise_id}: {message} (this assignment's handout shows no {value[:40]!r})")
    return _rename(answer, exercise_type, maps)


def handout_answer(exercise_type: str, handout: dict[str, dict[str, str]], answer: Any) -> Any:
    """A bank answer in the handout's ids (what a student's widget saves): the inverse of :func:`bank_answer`."""
    inverse = {name: {old: new for new, old in handout.get(name, {}).items()} for name in FIELDS}
    return _rename(answer, exercise_type, inverse) if handout else answer


def bank_terms(submission: dict, key: dict) -> dict:
    """A copy of a submission with every answer in the bank's ids, read through the assignment's key.

    ``key``: exercise id -> key.json entry. An answer to a version the key lists under
    ``accepts_versions`` (an earlier version whose answer shape the current one keeps, recorded
    by ``discourse-lab regrade``) counts as an answer to the current version.
    """
    out = dict(submission)
    answers = {}
    for ex_id, entry in (submission.get("answers") or {}).items():
        k = key.get(ex_id)
        if not isinstance(k, dict) or not isinstance(entry, dict):
            answers[ex_id] = entry
            continue
        entry = dict(entry)
        if entry.get("exercise_version") in k.get("accepts_versions", []):
            entry["exercise_version"] = k["version"]
        if k.get("handout") and entry.get("type") == k.get("type"):
            entry["answer"] = bank_answer(k["type"], k["handout"], entry.get("answer"), ex_id)
        answers[ex_id] = entry
    out["answers"] = answers
    return out
