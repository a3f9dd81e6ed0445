"""Are content-less thing-subject verbs ("shed light on", "highlighting", "underscored",
"offering insights") coded alike, as the writer's evaluation, by the toolkit and the gold?

A factive needs a content to presuppose (chapters/glossary.md, "Factive"): "Lavrov underscored
that talks would resume" endorses a content; "Lavrov's remarks underscored Russia's engagement"
has none, so it is the writer's verdict, and its bias cue is subjective, not factive.
"""

from __future__ import annotations

import pytest

from discourse_lab import gold, lexicons
from discourse_lab.analysis import analyze
from discourse_lab.sources import load_source

THING_SUBJECT = ["shed light on", "highlighting", "underscored", "offering insights"]


def cue(result, text):
    (found,) = [c for c in result.cues if c.text == text]
    return found


def bias(result, text):
    (found,) = [c for c in result.bias_cues if c.text == text]
    return found


def test_an_endorsing_verb_without_content_is_the_writers_evaluation():
    result = analyze("Lavrov's remarks underscored Russia's engagement with the region.")
    assert result.attributions == []
    assert cue(result, "underscored").stance == "evaluation"
    assert (bias(result, "underscored").category, bias(result, "underscored").kind) == ("subjective", "framing")
    assert [u["sentence"] for u in result.bias["unattributed_evaluations"]] == ["p1s1"]


def test_the_same_verb_with_a_content_still_endorses_it():
    result = analyze("Lavrov underscored that the talks would resume in May.")
    (relation,) = result.attributions
    assert relation.content.startswith("that the talks")
    assert cue(result, "underscored").stance == "endorsing"
    assert bias(result, "underscored").category == "factive"


@pytest.mark.parametrize("text", ["shed light on", "highlighting", "underscored"])
def test_seed_toolkit_reads_p4_verbs_as_evaluations(text):
    result = analyze(load_source().document)
    assert cue(result, text).stance == "evaluation"
    assert bias(result, text).category == "subjective"


def test_gold_codes_every_thing_subject_verb_alike():
    """Every one of the four is a cue with stance "evaluation" and none is a factive bias cue."""
    stances, factives = {}, []
    for s in gold._sentences(gold.SEED_SLUG).values():
        for c in s["cues"]:
            stances[c["text"]] = c["stance"]
        factives += [c["text"] for c in s["bias_cues"] if c["category"] == "factive"]
    assert {t: stances[t] for t in THING_SUBJECT} == dict.fromkeys(THING_SUBJECT, "evaluation")
    assert not set(THING_SUBJECT) & set(factives)
    assert factives == ["revealing"]  # the one factive of the seed has a content (p3s1)


def test_p4s1_and_p4s2_are_both_unattributed_evaluations():
    """Lesson 2 calls them "the writer's verdicts": the gold and the toolkit both list both."""
    assert {"p4s1", "p4s2"} <= set(gold.unattributed_evaluations())
    listed = [u["sentence"] for u in analyze(load_source().document).bias["unattributed_evaluations"]]
    assert {"p4s1", "p4s2"} <= set(listed)


def test_the_evaluation_stance_is_a_content_less_category_with_a_glossary_label():
    category = lexicons.reporting_verbs().category("evaluation")
    assert category.get("reports_content") is False
    assert lexicons.stance_label("evaluation") == "writer's evaluation"
    assert lexicons.stance_label("assertive") == "insistent"
    assert lexicons.reporting_verbs().category("endorsing").get("without_content") == "evaluation"


def test_the_generated_stance_item_explains_the_near_miss():
    """Choosing "endorsing" for "shed light on" is told why not: no content follows it."""
    from discourse_lab.exercises import get

    exercise = get("gen-lavrov-interview-2024-stance-p4s1-1")
    feedback = {o["id"]: o["feedback"] for o in exercise.data["options"]}
    assert exercise.answer_key == "evaluation"
    assert "needs a content" in feedback["endorsing"] and "shed light on" in feedback["endorsing"]
    assert feedback["evaluation"].startswith("Yes")
