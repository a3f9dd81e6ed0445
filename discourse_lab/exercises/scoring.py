"""Scoring and feedback for every exercise type: the single source of truth.

The notebook widget, the instructor's grader and the tests all call :func:`score`. The static
book checks answers with the same rules in JavaScript (``assets/dl-exercises.js``, function
``score``); ``tests/test_exercise_js.py`` runs both on the same answers and compares them.

Answer shapes (what a widget stores, what a submission file holds, and what an instructor's
``key.json`` must use for the key):

=============  ==========================================  ===================================
type           answer                                      example
=============  ==========================================  ===================================
choice         one option id (string)                      ``"b"``
multi          list of option ids, no repeats              ``["a", "c"]``
tagging        object: sentence id -> label id             ``{"p2s2": "source", "p4s1": "journalist"}``
span           list of token ids of the sentence (words)   ``["p2s2t2"]``
matching       object: item id -> target id                ``{"kyiv": "ua", "kiev": "ru"}``
ordering       list of every item id, in order             ``["announce", "interview", "report"]``
short_text     string                                      ``"The item names no agency ..."``
rewrite        string (the rewritten sentence)             ``"Lavrov said that ..."``
=============  ==========================================  ===================================

Partial credit: *multi* scores (right picks − wrong picks) / number of right options, never
below 0; *tagging* and *matching* the share of items right; *span* the F1 of token overlap
between the selection and the key (punctuation ignored); *ordering* the share of item pairs in
the right relative order. Points are rounded half up to two decimals (``floor(x*100+0.5)/100``,
the same expression in JavaScript, so both sides round identically). Judgement types
(*short_text*, *rewrite*) get no points here: ``points`` is None and the feedback carries the
model answer and rubric for the student (self-check) or the instructor (grading).

Feedback members: ``status``, ``summary``, ``score`` and ``messages`` are shown at once. For a
wrong try of tagging, matching or ordering, ``messages`` names the wrong rows or positions (never
the right label), ``hint`` points to one concept (:mod:`.hints`) and ``wrong`` lists the rows
(ids) or positions (1-based) to mark on screen; ``reasons`` (the bank's per-row feedback) and
``explanation`` state the answer and are shown only once :func:`reveal_explanation` allows
(:func:`shown_now`), or when the student opens "Show why". A rewrite may carry ``warnings``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..errors import DiscourseLabError
from ..number_format import plain_number as _fmt
from . import hints
from .spec import Exercise, span_key_tokens

# The one limit on a written answer (characters, as Python's len counts them), for every edition:
# the static page and the notebook widget get it in the spec (``max_chars``) and will not send a
# longer answer, showing a counter as the student types; check_answer refuses one; the grader
# checks submissions with check_answer. Longer answers are refused, never truncated.
MAX_TEXT_ANSWER = 5000


class AnswerError(DiscourseLabError):
    """An answer does not have the shape its exercise type expects."""


@dataclass(frozen=True)
class Result:
    points: float | None  # None for judgement items (scored by a person)
    max_points: float
    correct: bool | None  # None for judgement items
    feedback: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "points": self.points,
            "max_points": self.max_points,
            "correct": self.correct,
            "feedback": self.feedback,
        }


SUMMARY = {
    "correct": "Correct",
    "partial": "Partly right",
    "incorrect": "Not quite",
    "recorded": "Answer recorded",
}


def round_points(x: float) -> float:
    return math.floor(x * 100 + 0.5) / 100


def _fail(exercise: Exercise, problem: str):
    raise AnswerError(f"exercise {exercise.id}: {problem}")


def check_answer(exercise: Exercise, answer: Any) -> None:
    """Raise :class:`AnswerError` unless ``answer`` has the shape of this exercise's type."""
    t, d = exercise.type, exercise.data

    def ids(name: str) -> set[str]:
        return {x["id"] for x in d.get(name, [])}

    def is_str_list(value) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    if t == "choice":
        if not isinstance(answer, str) or answer not in ids("options"):
            _fail(exercise, "answer must be one option id")
    elif t == "multi":
        if not is_str_list(answer) or len(set(answer)) != len(answer) or not set(answer) <= ids("options"):
            _fail(exercise, "answer must be a list of distinct option ids")
    elif t == "tagging":
        if not isinstance(answer, dict) or not set(answer) <= set(d["sentences"]):
            _fail(exercise, "answer must map sentence ids of the exercise to labels")
        if not all(isinstance(v, str) and v in ids("labels") for v in answer.values()):
            _fail(exercise, "answer uses a label that does not exist")
    elif t == "span":
        valid = {tok.id for tok in exercise.tokens}
        if not is_str_list(answer) or len(set(answer)) != len(answer) or not set(answer) <= valid:
            _fail(exercise, "answer must be a list of distinct token ids of the sentence")
    elif t == "matching":
        if not isinstance(answer, dict) or not set(answer) <= ids("items"):
            _fail(exercise, "answer must map item ids to target ids")
        if not all(isinstance(v, str) and v in ids("targets") for v in answer.values()):
            _fail(exercise, "answer uses a target that does not exist")
    elif t == "ordering":
        if not is_str_list(answer) or sorted(answer) != sorted(ids("items")):
            _fail(exercise, "answer must list every item id exactly once")
    elif t in ("short_text", "rewrite"):
        if not isinstance(answer, str):
            _fail(exercise, "answer must be text")
        if len(answer) > MAX_TEXT_ANSWER:
            _fail(exercise, f"answer is longer than {MAX_TEXT_ANSWER} characters")
    else:  # pragma: no cover - the schema admits no other type
        _fail(exercise, f"unknown type {t}")


def _status(fraction: float) -> str:
    if fraction >= 1:
        return "correct"
    return "partial" if fraction > 0 else "incorrect"


def _feedback(exercise: Exercise, status: str, messages: list[str], points: float | None) -> dict:
    fb = {
        "status": status,
        "summary": SUMMARY[status],
        "messages": messages,
        "explanation": exercise.explanation,
    }
    if points is not None:
        fb["score"] = f"{_fmt(points)} of {_fmt(exercise.points)} points"
    return fb


def reveal_explanation(status: str, attempts: int) -> bool:
    """Is the full explanation ("Why") shown at once? Hint first: after a wrong or partly right
    answer only the messages are shown, and the explanation, which states the answer, waits until
    the second try (or until the student asks for it). Mirror of ``revealExplanation`` in
    ``assets/dl-exercises.js``."""
    return status in ("correct", "recorded") or attempts >= 2


def shown_now(feedback: dict, attempts: int) -> dict:
    """What the student sees of ``feedback`` at this attempt: without the per-row ``reasons`` and
    the ``explanation`` until :func:`reveal_explanation` (they wait behind "Show why")."""
    if reveal_explanation(feedback.get("status", ""), attempts):
        return dict(feedback)
    return {k: v for k, v in feedback.items() if k not in ("reasons", "explanation")}


def _reasons(exercise: Exercise, ids: list[str]) -> list[str]:
    """The bank's per-row reasons (its ``feedback`` member) for these rows: they state the answer."""
    feedback = exercise.data.get("feedback") or {}
    return [feedback[i] for i in ids if i in feedback]


def _row_hint(exercise: Exercise, wrong_names: list[str], total: int, wrong_ids: list[str]) -> dict:
    """The hint of a wrong try of a row-by-row exercise: which rows, one pointer, the reasons apart."""
    out = {
        "messages": [hints.wrong_rows_message(exercise.type, wrong_names, total)],
        "wrong": wrong_ids if exercise.type != "ordering" else [int(n) for n in wrong_names],
        "reasons": _reasons(exercise, wrong_ids),
    }
    found = hints.pointer(exercise)
    if found:
        out["hint"] = found["text"]
    return out


def _option_messages(options: list[dict], chosen: set[str]) -> list[str]:
    """The feedback of each chosen option, in the order shown; one text given for several options is
    said once ("Right (3 choices).") instead of repeated."""
    texts = [o["feedback"] for o in options if o["id"] in chosen and o.get("feedback")]
    out = []
    for text in dict.fromkeys(texts):
        n = texts.count(text)
        out.append(text if n == 1 else f"{text.rstrip('.')} ({n} choices).")
    return out


def score(exercise: Exercise, answer: Any) -> Result:
    """Score one answer. Raises :class:`AnswerError` when the answer has the wrong shape."""
    check_answer(exercise, answer)
    t, d, maxp = exercise.type, exercise.data, exercise.points
    messages: list[str] = []
    extra: dict = {}  # a row-by-row exercise's hint: which rows are wrong, a pointer, the reasons apart
    if t in ("short_text", "rewrite"):
        fb = _feedback(exercise, "recorded", messages, None)
        fb["model_answer"] = d["model_answer"]
        fb["rubric"] = list(d["rubric"])
        if t == "rewrite":
            from .indicators import compare, warnings

            fb["indicators"] = compare(exercise.sentence_text[d["sentence"]], answer)
            lost = warnings(exercise.sentence_text[d["sentence"]], answer)
            if lost:
                fb["warnings"] = lost
        word_count = len(answer.split())
        if d.get("max_words") and word_count > d["max_words"]:
            messages.append(f"Your answer has {word_count} words; aim for at most {d['max_words']}.")
        return Result(None, maxp, None, fb)

    if t == "choice":
        fraction = 1.0 if answer == d["answer"] else 0.0
        messages += _option_messages(d["options"], {answer})
    elif t == "multi":
        key = set(d["answer"])
        chosen = set(answer)
        hits, false_picks = len(chosen & key), len(chosen - key)
        fraction = max(0.0, (hits - false_picks) / len(key))
        messages += _option_messages(d["options"], chosen)  # in the order shown, not the order clicked
        missed = len(key - chosen)
        if missed:
            messages.append(f"{missed} correct option{'' if missed == 1 else 's'} not selected.")
    elif t in ("tagging", "matching"):
        key = exercise.answer_key
        wrong = [i for i in key if answer.get(i) != key[i]]
        fraction = (len(key) - len(wrong)) / len(key)
        if wrong:
            texts = {i["id"]: i["text"] for i in d.get("items", [])}
            names = wrong if t == "tagging" else [hints.short_name(texts[i]) for i in wrong]
            extra = _row_hint(exercise, names, len(key), wrong)
    elif t == "span":
        key = set(span_key_tokens(exercise))
        words = {tok.id for tok in exercise.tokens if not tok.is_punct}
        chosen = set(answer) & words
        overlap = len(chosen & key)
        if overlap == 0:
            fraction = 0.0
        else:
            precision, recall = overlap / len(chosen), overlap / len(key)
            fraction = 2 * precision * recall / (precision + recall)
        for item in exercise.key_for_client().get("feedback", []):
            if chosen & set(item["tokens"]):
                messages.append(item["message"])
        if chosen - key:
            messages.append("Some selected words are not part of the answer.")
        if key - chosen:
            messages.append("Some words of the answer are not selected.")
    elif t == "ordering":
        key = d["answer"]
        position = {item: i for i, item in enumerate(answer)}
        pairs = [(a, b) for i, a in enumerate(key) for b in key[i + 1 :]]
        fraction = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
        misplaced = [i for i, item in enumerate(answer) if key[i] != item]  # places in the student's order
        if misplaced:
            extra = _row_hint(exercise, [str(i + 1) for i in misplaced], len(key), [answer[i] for i in misplaced])
    else:  # pragma: no cover
        _fail(exercise, f"unknown type {t}")

    points = round_points(maxp * fraction)
    status = _status(fraction)
    fb = _feedback(exercise, status, messages + extra.get("messages", []), points)
    for name in ("hint", "wrong", "reasons"):
        if name in extra:
            fb[name] = extra[name]
    return Result(points, maxp, status == "correct", fb)


def graded_feedback() -> dict:
    """What a student sees in graded mode: the answer is saved, nothing about its correctness."""
    return {
        "status": "saved",
        "summary": "Answer saved",
        "messages": ["Your answer is saved. Your instructor will grade it; you can change it until you export."],
    }
