"""Is the source segmented into exactly the expected paragraphs and sentences, with stable ids?"""

from __future__ import annotations

import pytest

from discourse_lab import text
from discourse_lab.sources import load_source

# The seed's sentences as a careful human reader splits them (checked by hand against the file).
EXPECTED_SEED = [
    (
        "p1s1",
        "Russian Foreign Minister Sergey Lavrov recently conducted a comprehensive 90-minute interview with several media outlets, including Sputnik, Moscow Speaks, and Komsomolskaya Pravda.",
    ),
    (
        "p1s2",
        "During the interview, Lavrov addressed various pressing issues, including the ongoing conflict in Ukraine and tensions between Iran and Israel, offering insights into Russia's perspective on these matters.",
    ),
    ("p2s1", "One of the central themes of the interview was Russia's stance on the Ukraine conflict."),
    (
        "p2s2",
        "Lavrov emphasized that Russia remains skeptical of engaging in peace talks with Ukraine due to what he described as Kiev's lack of trustworthiness.",
    ),
    (
        "p2s3",
        "Despite Moscow's willingness to negotiate, Lavrov asserted that Russia would not repeat past experiences, referring to the failed talks in Istanbul in the spring of 2022.",
    ),
    (
        "p2s4",
        "During those talks, Russia withdrew its forces from the outskirts of Kiev as a gesture of goodwill, only to later accuse Ukraine of reneging on agreements, leading to a breakdown in negotiations.",
    ),
    (
        "p3s1",
        'Moreover, Lavrov discussed the issue of security guarantees for Kiev, revealing that Russia and Ukraine had explored the possibility of providing "very serious security guarantees" to the Ukrainian capital.',
    ),
    ("p3s2", "However, these guarantees did not extend to regions such as Donbass and the Crimean Peninsula."),
    (
        "p3s3",
        "Lavrov outlined provisions that included restrictions on hosting foreign military bases and limitations on Ukraine's military capabilities, including the size of its armed forces and the conduct of military exercises involving third-party nations.",
    ),
    (
        "p4s1",
        "The interview shed light on Russia's perspective on the Ukraine conflict, highlighting its concerns regarding the trustworthiness of Ukrainian negotiators and the complexities of ensuring security guarantees while respecting regional dynamics.",
    ),
    (
        "p4s2",
        "Additionally, Lavrov's remarks underscored Russia's ongoing engagement with geopolitical issues beyond its immediate vicinity, including tensions in the Middle East, particularly between Iran and Israel.",
    ),
    (
        "p5s1",
        "As diplomatic efforts continue to navigate the complexities of these conflicts, Lavrov's interview provides valuable insights into Russia's approach and priorities in addressing regional challenges and promoting stability in volatile regions.",
    ),
]


@pytest.fixture(scope="module")
def seed():
    return load_source().document


def test_seed_segmentation_is_exactly_the_expected_sentences(seed):
    assert [(s.id, s.text) for s in seed.sentences] == EXPECTED_SEED


def test_seed_dateline_is_kept_apart(seed):
    assert seed.dateline is not None
    assert (seed.dateline.date, seed.dateline.agency) == ("2024-04-23", "MENAFN")
    assert "MENAFN" not in seed.sentences[0].text


def test_offsets_point_back_into_the_text(seed):
    for sentence in seed.sentences:
        assert seed.text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert seed.text[token.start : token.end] == token.text
            assert token.id.startswith(sentence.id + "t")


def test_paragraph_count_and_ids(seed):
    assert [p.id for p in seed.paragraphs] == ["p1", "p2", "p3", "p4", "p5"]


def test_lemmas_come_from_the_lookup_table(seed):
    lemmas = {t.text: t.lemma for t in seed.sentence("p2s2").tokens}
    assert lemmas["emphasized"] == "emphasize" and lemmas["talks"] == "talk"


@pytest.mark.parametrize(
    "raw, expected",
    [
        # the blank sentencizer leaves an opening curly quote on the previous sentence
        ("He stopped. \u201cWe will not go,\u201d he said.", ["He stopped.", "\u201cWe will not go,\u201d he said."]),
        ('He stopped. "We will not go," he said.', ["He stopped.", '"We will not go," he said.']),
        ("Mr. Lavrov met U.S. envoys. Talks ended.", ["Mr. Lavrov met U.S. envoys.", "Talks ended."]),
        (
            "The talks \u2014 brief and tense \u2014 ended. Then came lunch.",
            ["The talks \u2014 brief and tense \u2014 ended.", "Then came lunch."],
        ),
        ("A question? An answer! Done.", ["A question?", "An answer!", "Done."]),
    ],
    ids=["curly-quote", "straight-quote", "abbreviations", "em-dashes", "question-exclamation"],
)
def test_sentence_boundaries(raw, expected):
    assert [s.text for s in text.parse(raw).sentences] == expected


def test_no_sentence_crosses_a_paragraph():
    doc = text.parse("First paragraph has no full stop\n\nSecond one does.\n \nThird.")
    assert [(s.id, s.text) for s in doc.sentences] == [
        ("p1s1", "First paragraph has no full stop"),
        ("p2s1", "Second one does."),
        ("p3s1", "Third."),
    ]


@pytest.mark.parametrize(
    "raw, place, agency",
    [
        ("MOSCOW, April 19 (Reuters) - Talks resumed.", "MOSCOW", "Reuters"),
        ("KYIV (AP) \u2014 Talks resumed.", "KYIV", "AP"),
        ("date 2024-04-23 (MENAFN) Talks resumed.", None, "MENAFN"),
    ],
)
def test_datelines(raw, place, agency):
    doc = text.parse(raw)
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.agency) == (place, agency)
    assert doc.sentences[0].text == "Talks resumed."


def test_no_dateline_in_ordinary_text():
    assert text.parse("Officials in MOSCOW said (quietly) - no.").dateline is None


def test_empty_text_has_no_paragraphs():
    assert text.parse("  \n\n ").paragraphs == ()


def test_sentences_with_matches_whole_words_only(seed):
    assert seed.sentences_with("Donbass") == ["p3s2"]
    assert seed.sentences_with("Donbas") == []
    assert seed.sentences_with("Kiev") == ["p2s2", "p2s4", "p3s1"]
    assert seed.sentences_with("Moscow Speaks") == ["p1s1"]
    assert seed.sentences_with("kiev") == []
