"""Checking an answer in the browser without the key: salted SHA-256 digests of the right answer.

The student edition's self-check pages (``scripts/build_student_edition.py --mode self-check``)
carry, instead of an exercise's ``key`` member, a ``check`` member::

    {"salt": "<per-build random hex>", "answer": "<hex digest>"}          # choice, multi, ordering
    {"salt": "<per-build random hex>", "rows": {"<row id>": "<hex>", …}}  # tagging, matching

Each digest is SHA-256 (lower-case hex) of the UTF-8 bytes of the compact JSON array
``[salt, exercise id, part, value]`` — exactly what JavaScript's ``JSON.stringify`` gives for
it — where ``part`` is ``"answer"`` for a whole answer or a sentence/item id for one row, and
``value`` the *normalised* right answer:

=========  ================================  =====================================================
type       part → value                      what the page can tell the student
=========  ================================  =====================================================
choice     answer → the option id            right or not, with the points (all or nothing anyway)
multi      answer → sorted list of ids       whether the whole selection is right (partial credit
                                             would need each option's status, i.e. the key)
tagging    sentence id → label id            which sentences are labelled right, and the points
matching   item id → target id               which pairs are right, and the points
ordering   answer → the list of item ids     whether the whole order is right (see below)
=========  ================================  =====================================================

Ordering has no per-position digests: with the salt in the page, a digest per position can be
inverted by trying each item in each position (n² hashes, 25 for five items), and even through
the buttons it lets a student fix the order one slot at a time, so the order would be trivially
recoverable. A whole-order digest leaves only trying the n! orders (120 for five items).

The browser computes the same digests with ``crypto.subtle.digest`` (``assets/dl-exercises.js``,
``digest``); ``tests/test_exercise_js.py`` checks that both agree. Any answer space this small
can be searched by trying candidates against the digests, as a student can by pressing *Check*:
what the digests keep out of the page is the key as text, and with it the explanation, option
feedback, model answer and rubric, which are left out entirely.

Exercises that cannot be checked this way (span, whose partial credit by token overlap needs the
key tokens; short_text and rewrite, judged against a model answer and a rubric) are rendered as
in graded mode, with a ``review`` flag: the answer is saved and the page says the instructor
will review it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

CHECKABLE_TYPES = ("choice", "multi", "tagging", "matching", "ordering")
ROW_TYPES = ("tagging", "matching")
WHOLE = "answer"  # the part name of a whole-answer digest (row ids are sentence or item ids)


def new_salt() -> str:
    """A fresh random salt for one build of the student edition (128 bits, hex)."""
    return secrets.token_hex(16)


def checkable(exercise) -> bool:
    return exercise.objective and exercise.type in CHECKABLE_TYPES


def normalise(exercise_type: str, answer: Any) -> Any:
    """The form of an answer that is hashed: a multi answer as its sorted set, others as they are."""
    if exercise_type == "multi":
        return sorted(set(answer))
    return answer


def digest(salt: str, exercise_id: str, part: str, value: Any) -> str:
    """SHA-256 hex of ``[salt, exercise_id, part, value]`` as JSON.stringify writes it."""
    # Compact separators and no ASCII escaping: the bytes of JSON.stringify for these values
    # (ids are ASCII by the bank's schema, so key order and escaping cannot differ).
    message = json.dumps([salt, exercise_id, part, value], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(message.encode("utf-8")).hexdigest()


def check_member(exercise, salt: str) -> dict:
    """The ``check`` member of a checkable exercise's spec; ValueError for any other exercise."""
    if not checkable(exercise):
        raise ValueError(f"exercise {exercise.id} ({exercise.kind} {exercise.type}) cannot be checked without its key")
    if not isinstance(salt, str) or not salt:
        raise ValueError("the salt must be a non-empty string")
    key = exercise.answer_key
    if exercise.type in ROW_TYPES:
        return {"salt": salt, "rows": {row: digest(salt, exercise.id, row, value) for row, value in key.items()}}
    return {"salt": salt, "answer": digest(salt, exercise.id, WHOLE, normalise(exercise.type, key))}
