"""Do the exercise banks of lessons 2-4 agree with the data they teach from?

A key typed into a bank file can drift from the lexicon or the annotations it was taken from;
these checks tie each such key to its source of truth.
"""

from __future__ import annotations

from discourse_lab import frame_coding, lexicons
from discourse_lab.exercises import get
from discourse_lab.sources import load_source


def test_stance_matching_key_follows_the_reporting_verb_lexicon():
    """Is each verb of ch03-verbs-stance-match keyed to the category the lexicon puts it in?"""
    exercise = get("ch03-verbs-stance-match")
    category_of = {cue: c.id for c in lexicons.reporting_verbs().categories for cue in c.cues}
    lemma = {
        "alleged": "allege",
        "confirmed": "confirm",
        "stressed": "stress",
        "conceded": "concede",
        "told reporters": "tell",
        "denounced the other side, saying ...": "denounce",
    }
    for item in exercise.data["items"]:
        assert exercise.answer_key[item["id"]] == category_of[lemma[item["text"]]], item["text"]


def test_frame_coding_exercise_asks_the_lexicon_questions_with_the_course_key():
    """Are the items of ch04-framing-code-frames the lexicon's questions, keyed to the course's coding?"""
    exercise = get(frame_coding.CODING_EXERCISE)
    labels = {c.id: c.label for c in lexicons.generic_frames().categories}
    questions = {q.id: q for q in frame_coding.questions()}
    items = {i["id"]: i["text"] for i in exercise.data["items"]}
    assert list(items) == list(questions)
    for qid, text in items.items():
        q = questions[qid]
        assert text == f"{labels[q.frame].capitalize()}: {q.text}"
    course = frame_coding.course_coding().answers
    assert exercise.answer_key == {qid: ("yes" if course[qid] else "no") for qid in questions}
    assert {t["id"] for t in exercise.data["targets"]} == {frame_coding.YES, frame_coding.NO}


def test_framing_function_key_is_in_the_gold_annotations():
    """Is every sentence of ch04-framing-functions keyed to a function the annotations give it?"""
    exercise = get("ch04-framing-functions")
    gold = {s["id"]: s["framing"]["functions"] for s in load_source().annotations["sentences"]}
    for sid, function in exercise.answer_key.items():
        assert function in gold[sid], sid
    assert {label["id"] for label in exercise.data["labels"]} == set(lexicons.framing_functions().ids)


def test_generated_exercises_shown_in_lessons_exist():
    for exercise_id in [
        "gen-lavrov-interview-2024-voices",
        "gen-lavrov-interview-2024-unattributed",
        "gen-lavrov-interview-2024-stance-p2s2-1",
        "gen-lavrov-interview-2024-stance-p4s1-1",
    ]:
        assert get(exercise_id).id == exercise_id


def test_p3s1_is_the_only_quotation_and_it_is_mixed():
    """Lesson 2 says so; do the annotations agree?"""
    annotations = load_source().annotations["sentences"]
    quoted = [s["id"] for s in annotations for a in s["attributions"] if a["type"] in ("direct", "mixed")]
    assert quoted == ["p3s1"]
    assert get("ch02-who-speaks-p3s1-quote").answer_key == "mixed"
