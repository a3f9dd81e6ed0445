"""The "replace it with said" test: is the right form of "say" put in, and is the note right?"""

from __future__ import annotations

import pytest

from discourse_lab import said_test
from discourse_lab.analysis import analyze


@pytest.mark.parametrize(
    "words, lemma, before, expected",
    [
        (["emphasized"], "emphasize", "Lavrov", "said"),  # regular past
        (["told"], "tell", "minister", "said"),  # irregular past
        (["revealing"], "reveal", "Kiev,", "saying"),  # -ing form
        (["insists"], "insist", "she", "says"),  # third person -s
        (["accuse"], "accuse", "to", "say"),  # base form after "to"
        (["warn"], "warn", "would", "say"),  # base form after a modal
        (["shed", "light", "on"], "shed", "interview", "said"),  # past spelled like the base
        (["deny"], "deny", "officials", "say"),  # present plural
        (["described", "as"], "describe", "he", "called"),  # a label: "call", not "say"
        (["describing", "as"], "describe", "and", "calling"),
    ],
)
def test_say_form(words, lemma, before, expected):
    assert said_test.say_form(words, lemma, before) == expected


def test_swaps_on_a_written_example():
    """Are cues with a content swapped cleanly, and cues with none flagged as the writer's?"""
    analysis = analyze(
        "The minister emphasized that talks would resume. The visit shed light on the dispute. "
        "The envoy was later seen to accuse the other side of stalling."
    )
    by_cue = {s.cue: s for s in said_test.swaps(analysis)}
    emphasized = by_cue["emphasized"]
    assert emphasized.swapped == "The minister said that talks would resume."
    assert emphasized.attributed and emphasized.note == said_test.NOTES["assertive"]
    shed = by_cue["shed light on"]
    assert shed.swapped == "The visit said the dispute."
    assert not shed.attributed and shed.note == said_test.NO_CONTENT_NOTE


def test_every_stance_category_has_a_note():
    from discourse_lab import lexicons

    assert set(lexicons.reporting_verbs().ids) <= set(said_test.NOTES)


def test_table_shows_a_window_and_escapes():
    analysis = analyze(
        "Officials said that <script>alert(1)</script> was harmless, and many more words follow here today."
    )
    html = said_test.table_html(said_test.swaps(analysis), words=3)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\u2026" in html  # the sentence is cut to a window around the cue


def test_table_filters_by_attribution():
    analysis = analyze("The minister emphasized that talks would resume. The visit shed light on the dispute.")
    swaps = said_test.swaps(analysis)
    assert "emphasized" in said_test.table_html(swaps, attributed=True)
    assert "emphasized" not in said_test.table_html(swaps, attributed=False)
