"""Generic-frame coding: are the questions, the course's coding and the scores what lesson 4 says?"""

from __future__ import annotations

import pytest

from discourse_lab import frame_coding as fc
from discourse_lab.errors import DataFileError
from discourse_lab.exercises.store import AnswerStore


def test_question_counts_follow_semetko_and_valkenburg():
    """Does each frame have as many questions as the study used (5, 4, 5, 3, 3; 20 in all)?"""
    counts: dict[str, int] = {}
    for q in fc.questions():
        counts[q.frame] = counts.get(q.frame, 0) + 1
    assert counts == {"responsibility": 5, "conflict": 4, "human_interest": 5, "economic": 3, "morality": 3}
    assert len({q.id for q in fc.questions()}) == 20


def test_score_is_the_share_of_yes_answers():
    scores = {s.frame: s for s in fc.score({"conflict-1": True, "conflict-2": "yes", "conflict-3": "No"})}
    conflict = scores["conflict"]
    assert (conflict.yes, conflict.answered, conflict.questions) == (2, 3, 4)
    assert conflict.score == 0.5 and not conflict.complete
    assert scores["morality"].score == 0 and scores["morality"].answered == 0


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"conflict-9": True}, "unknown question"),
        ({"framing-1": True}, "unknown question"),
        ({"conflict-1": "maybe"}, "yes or no"),
        ({"conflict-1": 1}, "yes or no"),
    ],
)
def test_bad_codings_are_refused_with_a_reason(answers, message):
    with pytest.raises(fc.CodingError, match=message):
        fc.score(answers)


def test_course_coding_answers_every_question_with_a_reason():
    coding = fc.course_coding()
    assert set(coding.answers) == {q.id for q in fc.questions()}
    assert all(a.rationale for a in coding.entries)
    # a "yes" always points at evidence in the text
    assert all(a.sentences for a in coding.entries if a.answer)


def test_course_scores_are_the_ones_lesson_4_discusses():
    scores = {s.frame: (s.yes, s.questions) for s in fc.score(fc.course_coding().answers)}
    assert scores == {
        "responsibility": (3, 5),
        "conflict": (2, 4),
        "human_interest": (0, 5),
        "economic": (0, 3),
        "morality": (0, 3),
    }


def test_a_coding_missing_a_question_is_reported(tmp_path):
    import shutil

    from discourse_lab.paths import SOURCES_DIR

    src = SOURCES_DIR / "lavrov-interview-2024"
    dst = tmp_path / "lavrov-interview-2024"
    shutil.copytree(src, dst)
    text = (dst / "frame-coding.yml").read_text(encoding="utf-8")
    cut = text.index("  - question: morality-3")
    (dst / "frame-coding.yml").write_text(text[:cut], encoding="utf-8")
    with pytest.raises(DataFileError, match="missing.*morality-3"):
        fc.course_coding(root=tmp_path)


def test_answers_from_store_reads_the_matching_exercise(tmp_path, monkeypatch):
    """Does the notebook get a student's yes/no answers from the store, and nothing in the book build?"""
    monkeypatch.delenv("DISCOURSE_LAB_STATIC", raising=False)
    store = AnswerStore(tmp_path / "answers.json")
    store.record(
        fc.CODING_EXERCISE, 1, {"conflict-1": "yes", "morality-1": "no"}, exercise_type="matching", mode="self-check"
    )
    assert fc.answers_from_store(store=store) == {"conflict-1": True, "morality-1": False}
    assert fc.answers_from_store("no-such-exercise", store=store) == {}
    monkeypatch.setenv("DISCOURSE_LAB_STATIC", "1")
    assert fc.answers_from_store(store=store) == {}


def test_figure_has_alt_text_with_every_score():
    fig, alt = fc.frame_scores_figure({"course team": fc.course_coding().answers, "you": {"conflict-1": True}})
    assert "course team: attribution of responsibility 3 of 5" in alt
    assert "you: attribution of responsibility 0 of 5; conflict 1 of 4" in alt
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_tables_escape_text():
    html = fc.table_html({"<b>coder</b>": {}})
    assert "<b>coder</b>" not in html and "&lt;b&gt;coder&lt;/b&gt;" in html
