"""Which exercises are public: their keys can be read in the public book or the installed package.

Public are the exercises of the public bank (``data/exercises``, shipped in the package and shown
with their keys on the lesson pages) and the exercises generated from the course's annotated
sources (``data/sources/*/annotations.yml``, whose gold analysis is the key).

"Public" is decided by content, not by folder or id. :func:`fingerprint` compares what a student
is asked: the exercise type, the prompt, the text of every sentence it quotes (passage, tagging
sentences, the span or rewrite sentence) and the texts of its options, labels, items and targets
(as sets, so reordering does not hide them), with whitespace and case ignored. It leaves out the
id, version, chapter, points, title, feedback, explanation and the key: a public question copied
into a private folder, renamed or re-keyed, is still answered by the public page that asks it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from ..exercises import catalogue, generate
from ..exercises.spec import Exercise
from ..paths import EXERCISES_DIR
from ..sources import list_sources, load_source


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def fingerprint(exercise: Exercise) -> str:
    """A digest of the question as a student meets it (see the module docstring for what counts)."""
    d = exercise.data
    sentence_ids = list(d.get("passage", [])) + list(d.get("sentences", []))
    if "sentence" in d:
        sentence_ids.append(d["sentence"])
    question = {
        "type": exercise.type,
        "prompt": _norm(exercise.prompt),
        "sentences": [_norm(exercise.sentence_text.get(sid, sid)) for sid in sentence_ids],
        **{
            name: sorted(_norm(x["text"]) for x in d.get(name, []))
            for name in ("options", "labels", "items", "targets")
        },
    }
    return hashlib.sha256(json.dumps(question, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=1)
def _public() -> dict[str, str]:
    """Fingerprint -> id of the public exercise with that question."""
    found: dict[str, str] = {}
    for ex in catalogue.bank(None, EXERCISES_DIR):
        found.setdefault(fingerprint(ex), ex.id)
    for slug in list_sources():
        if load_source(slug).has_annotations:
            for ex in generate.generate(slug):
                found.setdefault(fingerprint(ex), ex.id)
    return found


def public_match(exercise: Exercise) -> str | None:
    """The id of the public exercise that asks the same question, or None."""
    return _public().get(fingerprint(exercise))


def public_exercises(exercises: list[Exercise]) -> list[Exercise]:
    """Those of ``exercises`` that are public, in the order given."""
    return [e for e in exercises if public_match(e) is not None]
