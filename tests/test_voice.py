"""Is each sentence given the right voice: the source's, the journalist's, or mixed?"""

import pytest

from discourse_lab import analysis

CASES = [
    ("Lavrov said that Moscow would wait.", "source"),
    ('"We will wait," Lavrov said.', "source"),
    ("The talks collapsed in the spring.", "journalist"),
    ("The interview shed light on the ministry's thinking.", "journalist"),
    # an attribution plus a claim in the writer's own words
    ("After a generous gesture of goodwill by Moscow, Lavrov said that Kyiv had walked away.", "mixed"),
    # a quoted fragment inside a paraphrase stays in the source's voice (lesson 2: "a mixed
    # quotation is not a mixed voice")
    ('Lavrov said that Russia had offered "very serious guarantees" to Kyiv.', "source"),
    ('The minister said the plan was "a good start" for the region.', "source"),
    # a mixed quotation beside the writer's own claim is still mixed, for that claim
    ('After a generous gesture of goodwill by Moscow, Lavrov said Kyiv had made "no serious offer".', "mixed"),
]


@pytest.mark.parametrize("sentence, voice", CASES, ids=[c[0][:40] for c in CASES])
def test_voice(sentence, voice):
    result = analysis.analyze(sentence)
    assert [result.voice_of[s.id] for s in result.document.sentences] == [voice]


def test_seed_key_sentences():
    """The seed's goodwill sentence and closing evaluation carry the writer's voice."""
    from discourse_lab.sources import load_source

    result = analysis.analyze(load_source().document)
    assert result.voice_of["p5s1"] == "journalist"
    assert result.voice_of["p2s4"] in {"journalist", "mixed"}


def test_a_mixed_quotation_is_not_a_mixed_voice():
    """The quoted fragment is part of the attributed content, so it adds no claim of the writer's;
    the reason says so instead of calling the sentence mixed."""
    result = analysis.analyze('The minister said the plan was "a good start" for the region.')
    (relation,) = result.attributions
    assert relation.type == "mixed"
    (voice,) = result.voices
    assert voice.voice == "source" and voice.writer_words == ()
    assert "quoted fragment" in voice.reason and "source's" in voice.reason


def test_sarn_quotation_fragment_is_in_the_sources_voice():
    """Lesson 8's second text: p3s1 (Quell added that ... "a floor, not a ceiling" ...) is the
    source's voice for the toolkit and for the gold that keys the generated exercise."""
    from discourse_lab import gold
    from discourse_lab.exercises import get
    from discourse_lab.sources import load_source

    result = analysis.analyze(load_source("sarn-river-treaty").document)
    assert result.voice_of["p3s1"] == "source"
    assert gold.voice("p3s1", "sarn-river-treaty") == "source"
    assert get("gen-sarn-river-treaty-voices").answer_key["p3s1"] == "source"


def test_writer_words_are_reported():
    """Does a mixed sentence say which words are the writer's own?"""
    result = analysis.analyze("After a generous gesture of goodwill by Moscow, Lavrov said that Kyiv had walked away.")
    (voice,) = result.voices
    assert {"generous", "gesture", "goodwill", "Moscow"} <= set(voice.writer_words)
