"""Scoring: partial credit by type, answer shapes, and the key in the answer shape."""

from __future__ import annotations

import pytest

from discourse_lab.exercises import AnswerError, get, score


@pytest.mark.parametrize(
    "exercise_id, answer, points, status",
    [
        ("ch01-source-dateline", "b", 1, "correct"),
        ("ch01-source-dateline", "a", 0, "incorrect"),
        # multi: (right picks - wrong picks) / right options, times 2 points
        ("ch01-source-what-the-item-says", ["date", "outlets"], 1.33, "partial"),
        ("ch01-source-what-the-item-says", ["date", "outlets", "length", "writer"], 1.33, "partial"),
        ("ch01-source-what-the-item-says", ["writer", "agency"], 0, "incorrect"),
        # tagging: share of sentences right, times 3 points
        (
            "ch01-source-event-or-evaluation",
            {"p1s1": "event", "p2s2": "content", "p3s3": "evaluation", "p4s1": "evaluation", "p5s1": "event"},
            1.8,
            "partial",
        ),
        # span: F1 of token overlap (key: Moscow, Speaks), times 2 points
        ("ch01-source-house-style", ["p1s1t4", "p1s1t22"], 1, "partial"),
        ("ch01-source-house-style", ["p1s1t4", "p1s1t22", "p1s1t23", "p1s1t5"], 1.33, "partial"),
        ("ch01-source-house-style", ["p1s1t5"], 0, "incorrect"),
        # matching: share of items right, times 2 points
        ("ch01-source-spellings", {"kiev": "ru", "kyiv": "uk", "donbass": "uk", "donbas": "ru"}, 1, "partial"),
        # ordering: share of pairs in the right relative order (5 of 6), times 2 points
        ("ch01-source-timeline", ["istanbul", "announced", "menafn", "interview"], 1.67, "partial"),
        ("ch01-source-timeline", ["menafn", "interview", "announced", "istanbul"], 0, "incorrect"),
    ],
)
def test_partial_credit(exercise_id, answer, points, status):
    result = score(get(exercise_id), answer)
    assert result.points == points
    assert result.feedback["status"] == status
    assert result.correct is (status == "correct")


def test_incomplete_tagging_counts_missing_rows_as_wrong():
    result = score(get("ch01-source-event-or-evaluation"), {"p1s1": "event"})
    assert result.points == 0.6


def test_option_feedback_follows_the_options_order():
    result = score(get("ch01-source-what-the-item-says"), ["writer", "date"])
    assert result.feedback["messages"][:2] == [
        'The page gives 23 April 2024, which the copying program recorded as "date 2024-04-23"; the item\'s own text carries no date line.',
        "The item has no byline, so its writer is unknown.",
    ]
    assert result.feedback["messages"][2] == "2 correct options not selected."


def test_span_ignores_punctuation_tokens():
    ex = get("ch01-source-house-style")
    comma = next(t.id for t in ex.tokens if t.text == ",")
    assert score(ex, ["p1s1t22", "p1s1t23", comma]).correct


def test_judgement_items_get_no_points_but_model_answer_and_rubric():
    ex = get("ch01-source-left-out")
    result = score(ex, "No pause in fighting is missing.")
    assert result.points is None and result.correct is None and result.max_points == 3
    assert result.feedback["rubric"] == ex.data["rubric"]


def test_too_long_short_text_gets_a_word_count_message():
    result = score(get("ch01-source-left-out"), "word " * 130)
    assert "Your answer has 130 words; aim for at most 120." in result.feedback["messages"]


@pytest.mark.parametrize(
    "exercise_id, answer",
    [
        ("ch01-source-dateline", ["b"]),
        ("ch01-source-dateline", "z"),
        ("ch01-source-what-the-item-says", ["date", "date"]),
        ("ch01-source-what-the-item-says", "date"),
        ("ch01-source-event-or-evaluation", {"p9s9": "event"}),
        ("ch01-source-event-or-evaluation", {"p1s1": "opinion"}),
        ("ch01-source-house-style", ["p2s2t1"]),
        ("ch01-source-spellings", {"kiev": "fr"}),
        ("ch01-source-timeline", ["jan2022", "istanbul"]),
        ("ch01-source-left-out", 42),
        ("ch01-source-left-out", "x" * 5001),
    ],
)
def test_wrong_answer_shapes_are_refused_in_one_line(exercise_id, answer):
    with pytest.raises(AnswerError) as info:
        score(get(exercise_id), answer)
    assert str(info.value).startswith(f"exercise {exercise_id}: ") and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "exercise_id",
    [
        "ch01-source-dateline",
        "ch01-source-what-the-item-says",
        "ch01-source-event-or-evaluation",
        "ch01-source-house-style",
        "ch01-source-spellings",
        "ch01-source-timeline",
    ],
)
def test_the_key_in_answer_shape_scores_full_marks(exercise_id):
    """key.json will hold answer_key: does it score as a correct answer?"""
    ex = get(exercise_id)
    result = score(ex, ex.answer_key)
    assert result.correct and result.points == ex.points
