"""Are bias indicators found, placed in the right voice, and counted for any text?"""

import pytest

from discourse_lab import analysis, bias

CASES = [
    ("The minister knew that the plan had collapsed.", "factive", "knew"),
    ("The minister insisted that the plan was sound.", "assertive", "insisted"),
    ("The delegation failed to reach Geneva.", "implicative", "failed to"),
    ("The plan may perhaps be revived.", "hedge", "may"),
    ("The plan is clearly dead.", "booster", "clearly"),
    ("The regime's reckless gamble failed.", "subjective", "reckless"),
    ("Moscow made a gesture of goodwill.", "subjective", "gesture of goodwill"),
    # the modal verb stays a hedge, even in a sentence that also names the month
    ("The talks may resume in May.", "hedge", "may"),
    ("May the talks succeed where others failed.", "hedge", "May"),
]

# Words that look like a cue but are another word here: (sentence, category, text) must NOT be found.
NOT_CUES = [
    # "May" the month, reported by the lesson authors as a hedge
    ("The talks resumed in May.", "hedge", "May"),
    ("The talks may resume in May.", "hedge", "May"),
    ("Since May the border has been closed.", "hedge", "May"),
    ("The envoys met on 9 May 2024 in Geneva.", "hedge", "May"),
    ("May 9 is a public holiday in both countries.", "hedge", "May"),
    # the surname
    ("Former prime minister Theresa May said the deal was fair.", "hedge", "May"),
]


@pytest.mark.parametrize("sentence, category, text", CASES, ids=[c[1] for c in CASES])
def test_cue_category(sentence, category, text):
    found = bias.score_text(sentence)["cues"]
    assert {
        "text": text,
        "category": category,
        "kind": "framing" if category == "subjective" else "epistemological",
    } in found


@pytest.mark.parametrize("sentence, category, text", NOT_CUES, ids=[c[0][:40] for c in NOT_CUES])
def test_not_a_cue(sentence, category, text):
    found = bias.score_text(sentence)["cues"]
    assert [c for c in found if c["text"] == text and c["category"] == category] == []


def test_failed_as_adjective_is_not_implicative():
    """Is "the failed talks" kept apart from the implicative "failed to"?"""
    assert bias.score_text("The failed talks were not resumed.")["by_category"]["implicative"] == 0


def test_score_text_shape_and_rewrite_comparison():
    """Does a neutral rewrite score lower than the loaded original (the rewrite exercise)?"""
    original = bias.score_text(
        "Lavrov's interview provides valuable insights into Russia's approach to promoting stability."
    )
    rewrite = bias.score_text("Lavrov described Russia's approach in the interview.")
    assert set(original) == {"words", "total", "by_category", "by_kind", "reporting_stances", "cues"}
    assert set(original["by_category"]) == {"factive", "assertive", "implicative", "hedge", "booster", "subjective"}
    assert original["by_category"]["subjective"] == 3
    assert rewrite["total"] == 0 and rewrite["reporting_stances"]["neutral"] == 1
    assert original["total"] > rewrite["total"]


def test_score_text_of_blank_text_is_zero():
    assert bias.score_text("   ")["total"] == 0


def test_cue_voice_follows_attribution():
    """A subjective word inside attributed content is the source's; outside it, the writer's."""
    result = analysis.analyze("Lavrov said that Kyiv's reckless leaders had failed. The valuable talks ended.")
    voices = {c.text: c.voice for c in result.bias_cues}
    assert voices["reckless"] == "source"
    assert voices["valuable"] == "journalist"
    assert [e["sentence"] for e in result.bias["unattributed_evaluations"]] == ["p1s2"]


def test_source_diversity():
    text = (
        "Lavrov said that talks were possible. Sergey Lavrov added that Kyiv must decide. "
        "Kuleba said that Ukraine would not yield. Officials said that no date was set. The talks stalled."
    )
    d = analysis.analyze(text).bias["source_diversity"]
    assert d["distinct_sources"] == 2
    assert d["sources"] == {"Sergey Lavrov": 2, "Kuleba": 1}  # keyed by the full name the text gives
    assert d["unnamed_relations"] == 1
    assert d["sides"] == {"russia": 2, "ukraine": 1, "unnamed": 1}
    assert d["voice_counts"] == {"source": 4, "journalist": 1, "mixed": 0}
    assert d["share_attributed"] == 0.8
    assert d["source_entropy_bits"] == pytest.approx(1.5)


def test_entropy():
    from collections import Counter

    assert bias.entropy(Counter()) == 0.0
    assert bias.entropy(Counter({"a": 1})) == 0.0
    assert bias.entropy(Counter({"a": 1, "b": 1})) == 1.0
