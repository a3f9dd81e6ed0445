"""Hints that hint: a wrong try of a tagging, matching or ordering exercise names the wrong rows or
positions and one concept to read again; the per-row reasons, which state the answer, are kept
apart and shown only after the second try (or on request), in Python as in the page."""

from __future__ import annotations

import json
import re

import pytest

from discourse_lab.exercises import catalogue, exercise_number, get, hints, score, spec
from discourse_lab.exercises.scoring import shown_now
from discourse_lab.paths import EXERCISES_DIR
from support import ROOT

ROW_TYPES = ("tagging", "matching", "ordering")


def numbered_row_exercises():
    """Every tagging, matching and ordering exercise the tour and the lessons show (generated ones too)."""
    from discourse_lab.exercises import generate

    sarn = {e.id: e for e in generate.generate("sarn-river-treaty", chapter=8)}
    out = []
    for eid in spec.numbering(str(EXERCISES_DIR)):
        ex = sarn[eid] if eid in sarn else get(eid)
        if ex.type in ROW_TYPES:
            out.append(ex)
    return out


ROW_EXERCISES = numbered_row_exercises()


def wrong_answer(ex):
    """Every row wrong (a label or target other than the key's), or the order reversed."""
    if ex.type == "ordering":
        return list(reversed(ex.answer_key))
    choices = [c["id"] for c in ex.data["labels" if ex.type == "tagging" else "targets"]]
    return {row: next(c for c in choices if c != right) for row, right in ex.answer_key.items()}


def test_there_are_nineteen_such_exercises():
    assert len(ROW_EXERCISES) == 19  # 16 in the lessons, 3 in the tour
    assert sum(not e.id.startswith("tour-") for e in ROW_EXERCISES) == 16


@pytest.mark.parametrize("ex", ROW_EXERCISES, ids=lambda e: e.id)
def test_first_wrong_try_names_rows_and_a_pointer_but_no_reason(ex):
    fb = score(ex, wrong_answer(ex)).feedback
    reasons = fb["reasons"]
    assert reasons, "the bank gives per-row reasons for every such exercise"
    first = json.dumps(shown_now(fb, 1), ensure_ascii=False)
    for reason in reasons:
        assert reason not in first
    assert ex.explanation not in first
    assert fb["hint"].startswith("Look again at") and hints.pointer_entry(ex.id) is not None
    assert fb["messages"][0].startswith(("Not right yet:", "Out of place:"))
    # the second try shows them
    second = shown_now(fb, 2)
    assert second["reasons"] == reasons and second["explanation"] == ex.explanation


def test_wrong_rows_are_named_and_right_ones_not():
    ex = get("ch01-source-spellings")
    answer = dict(ex.answer_key, kiev="uk")
    fb = score(ex, answer).feedback
    assert fb["messages"] == ["Not right yet: \u201cKiev\u201d (1 of 4 items)."]
    assert fb["wrong"] == ["kiev"] and fb["reasons"] == [ex.data["feedback"]["kiev"]]
    assert fb["hint"] == "Look again at \u201cHouse-style fingerprints\u201d, above on this page."


def test_ordering_names_the_places_in_the_students_order():
    ex = get("ch01-source-timeline")
    key = ex.answer_key
    answer = [key[0], key[2], key[1], key[3]]
    fb = score(ex, answer).feedback
    assert fb["messages"] == ["Out of place: positions 2 and 3 of your order (2 of 4)."]
    assert fb["wrong"] == [2, 3]
    assert fb["reasons"] == [ex.data["feedback"][key[2]], ex.data["feedback"][key[1]]]


def test_many_or_alike_names_become_a_count():
    ex = get("ch04-framing-code-frames")
    fb = score(ex, wrong_answer(ex)).feedback
    n = len(ex.answer_key)
    assert fb["messages"] == [f"Not right yet: {n} of {n} items, each marked \u2716 below."]


def test_a_right_answer_has_no_hint():
    fb = score(get("tour-tagging"), get("tour-tagging").answer_key).feedback
    assert fb["messages"] == [] and "hint" not in fb and "reasons" not in fb


def test_repeated_option_feedback_reads_as_one_sentence():
    ex = get("ch07-voices-ratings")
    fb = score(ex, ["outlet", "time", "axis"]).feedback
    assert fb["messages"] == ["Right (3 choices).", "1 correct option not selected."]


def test_fallback_pointer_for_an_exercise_without_one():
    from dataclasses import replace

    ex = replace(get("tour-tagging"), id="my-own-tagging")
    assert hints.pointer(ex) == {"text": "Look again at the description of each label above the sentences."}
    assert hints.pointer(get("tour-choice")) is None


def glossary_terms():
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip() for line in block.splitlines() if line and not line.startswith((" ", ":"))}


def headings(lesson: int):
    name = "exercise-types" if lesson == 0 else next(p.stem for p in (ROOT / "chapters").glob(f"{lesson:02d}_*.ipynb"))
    cells = json.loads((ROOT / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    md = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return {m.strip() for m in re.findall(r"(?m)^#+ (.+)$", md)}


def test_every_pointer_names_a_glossary_term_or_a_heading_that_exists():
    data = hints._hints()
    terms = glossary_terms()
    assert "Voice" in terms and len(terms) > 30
    for eid, entry in list(data["exercises"].items()) + [(f"gen-x-{k}", v) for k, v in data["generated"].items()]:
        if "term" in entry:
            assert entry["term"] in terms, (eid, entry)
        if "section" in entry:
            lesson = entry.get(
                "lesson", int(exercise_number(eid).split(".")[0]) if not eid.startswith("gen-x-") else None
            )
            assert entry["section"] in headings(lesson), (eid, entry)
    for eid in data["exercises"]:
        assert get(eid).type in ROW_TYPES, eid


def test_spec_carries_the_pointer_in_self_check_only():
    ex = get("tour-tagging")
    assert ex.client_spec()["hint"] == {
        "text": "Look again at \u201cDirect quotation\u201d in the glossary.",
        "href": "glossary.html#term-Direct-quotation",
    }
    assert "hint" not in ex.client_spec("graded")
    assert "hint" in ex.client_spec(salt="abc")
    assert catalogue.get("tour-choice").client_spec().get("hint") is None
