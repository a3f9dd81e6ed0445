"""Are naming choices found with their variants, and framing cues offered only as hints?"""

import pytest

from discourse_lab import analysis, framing
from discourse_lab.matching import DocView
from discourse_lab.text import parse

NAMING = [
    ("Talks were held in Kiev.", "kiev"),
    ("Talks were held in Kyiv.", "kyiv"),
    ("Shelling continued in Donbass.", "donbass"),
    ("Shelling continued in the Donbas.", "donbas"),
    ("Moscow calls it a special military operation in Ukraine.", "special_military_operation"),
    ("The invasion of Ukraine entered its third year.", "invasion"),
    ("The war in Ukraine entered its third year.", "war"),
    ("Sergei Lavrov spoke.", "sergei"),
    ("Guarantees did not cover occupied Crimea.", "occupied_crimea"),
]


@pytest.mark.parametrize("sentence, variant", NAMING, ids=[n[1] for n in NAMING])
def test_naming_variant(sentence, variant):
    choices = framing.naming_choices(DocView(parse(sentence)))
    assert variant in [c.variant for c in choices]


def test_conflict_names_the_war_only_near_ukraine():
    """Is "conflict" counted as naming the war only when the war in Ukraine is meant?"""
    assert framing.naming_choices(DocView(parse("The conflict between the two firms ended."))) == []
    assert [c.variant for c in framing.naming_choices(DocView(parse("The Ukraine conflict went on.")))] == ["conflict"]


def test_hints_name_their_cue_and_label():
    summary = analysis.analyze("Sanctions raised the price of gas, due to the war in Ukraine.").framing
    frames = {(h["label"], h["text"]) for h in summary["hints"] if h["kind"] == "frame"}
    assert ("economic", "price") in frames
    assert "causal_interpretation" in summary["functions_by_sentence"]["p1s1"]
    assert "never verdicts" in summary["note"]


def test_frame_questions_follow_the_published_counts():
    """Semetko and Valkenburg (2000): responsibility 5, human interest 5, conflict 4, morality 3, economic 3."""
    questions = analysis.analyze("A sentence.").framing["frame_questions"]
    assert {k: len(v) for k, v in questions.items()} == {
        "responsibility": 5,
        "conflict": 4,
        "human_interest": 5,
        "economic": 3,
        "morality": 3,
    }
