"""Hints that hint: what a wrong try of a row-by-row exercise (tagging, matching, ordering) says.

A first wrong try names the rows or positions that are wrong and gives one pointer to the concept
(a glossary term or a lesson section, from ``data/exercise-hints.yml``); the per-row reasons of the
bank, which state the answer, are kept apart (``reasons``) and shown, like the explanation, only
after the second try or when the student asks ("Show why"). :mod:`.scoring` builds the feedback
with these functions; ``assets/dl-exercises.js`` mirrors :func:`wrong_rows_message` and reads the
pointer from the spec (``hint``), and ``tests/test_exercise_js.py`` checks that both agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import datafiles
from ..paths import DATA_DIR

HINTS_FILE = DATA_DIR / "exercise-hints.yml"
ROW_TYPES = ("tagging", "matching", "ordering")

# Where no pointer is written (an instructor's own bank), a pointer that fits the type.
FALLBACK = {
    "tagging": "the description of each label above the sentences",
    "matching": "the words of each item that decide its match",
    "ordering": "the dates and sequence words the text gives",
}


@lru_cache(maxsize=1)
def _hints() -> dict:
    return datafiles.load(HINTS_FILE, "exercise-hints.schema.json")


def forget() -> None:
    _hints.cache_clear()


def slug(heading: str) -> str:
    """The anchor Sphinx gives a heading or glossary term (docutils' ``make_id``, for plain text)."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def pointer_entry(exercise_id: str) -> dict | None:
    """The pointer written for an exercise: by id, or for a generated one by the kind its id ends with."""
    data = _hints()
    if exercise_id in data["exercises"]:
        return data["exercises"][exercise_id]
    if exercise_id.startswith("gen-"):
        for kind, entry in data.get("generated", {}).items():
            if exercise_id.endswith("-" + kind):
                return entry
    return None


def pointer(exercise) -> dict | None:
    """``{"text": …, "href": …}`` for a row-by-row exercise (``href`` only where the book has the
    target on a page of its own: the glossary, or a section of this lesson); None for other types."""
    if exercise.type not in ROW_TYPES:
        return None
    entry = pointer_entry(exercise.id)
    if entry is None:
        return {"text": f"Look again at {FALLBACK[exercise.type]}."}
    if "term" in entry:
        term = entry["term"]
        # Sphinx keeps the term's case in its anchor: "term-Direct-quotation".
        return {
            "text": f"Look again at \u201c{term}\u201d in the glossary.",
            "href": "glossary.html#term-" + re.sub(r"\s+", "-", term),
        }
    if "section" in entry:
        section = entry["section"]
        if entry.get("lesson") is not None and entry["lesson"] != exercise.chapter:
            return {"text": f"Look again at \u201c{section}\u201d in lesson {entry['lesson']}."}
        return {"text": f"Look again at \u201c{section}\u201d, above on this page.", "href": "#" + slug(section)}
    return {"text": f"Look again at {entry['text']}."}


def join(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c" (mirror of ``joinNames`` in dl-exercises.js)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


SHORT_NAME = 48  # characters of a matching item's text quoted in a hint (the rows are marked on screen too)


def short_name(text: str) -> str:
    """A matching item named in a hint: its text, quoted, cut at a word before ``SHORT_NAME`` characters."""
    if len(text) > SHORT_NAME:
        cut = text[: SHORT_NAME + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
        text = cut + "\u2026"
    return f"\u201c{text}\u201d"


LONG_MESSAGE = 160  # characters: a longer list of names is said as a count, the rows being marked on screen


def wrong_rows_message(exercise_type: str, wrong: list[str], total: int) -> str:
    """Which rows (tagging: sentence ids; matching: the items' texts, quoted) or positions
    (ordering: places in the student's order) are wrong, and how many of how many. Names that are
    too many or alike to read are given as the count of rows marked on screen."""
    counted = f"{len(wrong)} of {total}"
    if exercise_type == "ordering":
        where = "position" + ("s " if len(wrong) > 1 else " ") + join(wrong)
        return f"Out of place: {where} of your order ({counted})."
    noun = "sentence" if exercise_type == "tagging" else "item"
    message = f"Not right yet: {join(wrong)} ({counted} {noun}{'' if total == 1 else 's'})."
    if len(message) > LONG_MESSAGE or len(set(wrong)) < len(wrong):
        message = f"Not right yet: {counted} {noun}{'' if total == 1 else 's'}, each marked \u2716 below."
    return message
