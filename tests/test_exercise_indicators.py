"""A rewrite that deletes what the sentence says drops every indicator with it: the feedback says so
instead of letting the lower counts look like a more neutral sentence."""

from __future__ import annotations

import pytest

from discourse_lab.exercises import catalogue, score
from discourse_lab.exercises.indicators import content_kept, warnings

REWRITES = [e for e in catalogue.bank() if e.type == "rewrite"]


def original(ex):
    return ex.sentence_text[ex.data["sentence"]]


@pytest.mark.parametrize("ex", REWRITES, ids=lambda e: e.id)
def test_a_rewrite_that_deletes_the_content_is_warned_about(ex):
    fb = score(ex, "It is biased.").feedback
    assert all(row["rewrite"] == 0 for row in fb["indicators"])
    assert fb["warnings"] and "no longer reports what the sentence says" in fb["warnings"][0]


@pytest.mark.parametrize("ex", REWRITES, ids=lambda e: e.id)
def test_the_model_answer_is_not_warned_about(ex):
    assert "warnings" not in score(ex, ex.data["model_answer"]).feedback
    assert warnings(original(ex), ex.data["model_answer"]) == []


def test_indicator_words_do_not_count_as_content():
    # "shed light on" and "remarkable" are cues: a neutral rewrite is meant to drop them
    assert content_kept("The interview shed light on the remarkable negotiations.", "The negotiators") == (1, 2)


def test_a_close_neutral_rewrite_is_not_warned_about():
    tour = catalogue.get("tour-rewrite")
    assert warnings(original(tour), "The agreement sets out how the two countries will share the water.") == []
    assert warnings(original(tour), "I think the whole article is propaganda and nobody should read it at all.")
