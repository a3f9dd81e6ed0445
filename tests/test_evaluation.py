"""Does the toolkit reach its stated scores on the seed's gold annotations, and are its errors listed?

Thresholds are set once and never loosened to make a test pass. The rule and word lists were
drafted with the seed article in view, so these scores are an upper bound on what the toolkit
does with a new text; the sentence tables in the other test files are the fairer check.
A known miss is an xfail with its reason (strict, so fixing it forces the marker off).
"""

import pytest

from discourse_lab import analysis, evaluation
from discourse_lab.sources import load_source

# component -> (minimum precision, minimum recall)
THRESHOLDS = {
    "voice": (0.9, 0.9),
    "attributions": (0.9, 0.9),
    "attribution_type": (0.9, 0.9),
    "cues": (0.85, 0.9),
    "cue_stance": (0.9, 0.9),
    "naming": (0.9, 0.9),
    "bias_cues": (0.85, 0.85),
    # Framing hints are meant to over-suggest: recall matters, precision is low by design.
    "framing_functions": (0.4, 0.9),
    "framing_frames": (0.5, 0.75),
}


@pytest.fixture(scope="module")
def result():
    source = load_source()
    return evaluation.evaluate(analysis.analyze(source.document), source.annotations)


@pytest.mark.parametrize("component", sorted(THRESHOLDS))
def test_component_meets_threshold(result, component):
    score = result.scores[component]
    precision, recall = THRESHOLDS[component]
    assert score.precision is not None and score.precision >= precision, result.errors
    assert score.recall is not None and score.recall >= recall, result.errors


def test_errors_are_listed_for_every_miss(result):
    """Is every false positive and false negative of the counts listed as an error?"""
    for component, score in result.scores.items():
        errors = [e for e in result.errors if e["component"] == component]
        if component in {"voice", "attribution_type", "cue_stance", "attribution_content_exact"}:
            assert len(errors) == score.fn
        else:
            assert len(errors) == score.fp + score.fn


@pytest.mark.xfail(
    strict=True,
    reason="'failed' in 'the failed talks' is evaluative, but the subjective list "
    "leaves it out because 'failed' is usually plain description",
)
def test_known_miss_failed_talks(result):
    assert not [e for e in result.errors if e["component"] == "bias_cues" and "'failed'" in e.get("expected", "")]


@pytest.mark.xfail(
    strict=True,
    reason="'addressing regional challenges' means tackling, not speaking; with no "
    "sense disambiguation the topic verb 'address' is still taken as a reporting cue",
)
def test_known_miss_addressing_as_reporting_cue(result):
    assert not [e for e in result.errors if e["component"] == "cues" and e["error"] == "spurious"]


def test_evaluation_counts_a_wrong_prediction():
    """Does a deliberately wrong gold item show up as a miss (the scorer can fail)?"""
    source = load_source()
    gold = {**source.annotations, "sentences": [dict(s) for s in source.annotations["sentences"]]}
    before = evaluation.evaluate(analysis.analyze(source.document), gold).scores["voice"].fn
    gold["sentences"][0] = {**gold["sentences"][0], "voice": "source"}
    ev = evaluation.evaluate(analysis.analyze(source.document), gold)
    assert ev.scores["voice"].fn == before + 1
    assert {"component": "voice", "error": "wrong", "sentence": "p1s1"}.items() <= ev.errors[0].items()


def test_overlap():
    assert evaluation.overlap("that Russia would wait", "Russia would wait") == pytest.approx(6 / 7)
    assert evaluation.overlap("a", "") == 0.0
