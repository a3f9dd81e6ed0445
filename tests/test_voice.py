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
    # a quoted fragment inside a paraphrase
    ('Lavrov said that Russia had offered "very serious guarantees" to Kyiv.', "mixed"),
]


@pytest.mark.parametrize("sentence, voice", CASES, ids=[c[0][:40] for c in CASES])
def test_voice(sentence, voice):
    result = analysis.analyze(sentence)
    assert [result.voice_of[s.id] for s in result.document.sentences] == [voice]


def test_seed_key_sentences():
    """The seed's goodwill sentence and closing evaluation carry the writer's voice; p3s1 is mixed."""
    from discourse_lab.sources import load_source

    result = analysis.analyze(load_source().document)
    assert result.voice_of["p5s1"] == "journalist"
    assert result.voice_of["p2s4"] in {"journalist", "mixed"}
    assert result.voice_of["p3s1"] == "mixed"


def test_writer_words_are_reported():
    """Does a mixed sentence say which words are the writer's own?"""
    result = analysis.analyze("After a generous gesture of goodwill by Moscow, Lavrov said that Kyiv had walked away.")
    (voice,) = result.voices
    assert {"generous", "gesture", "goodwill", "Moscow"} <= set(voice.writer_words)
