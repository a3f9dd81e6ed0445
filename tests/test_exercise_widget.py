"""The live widget driven as a Python object: set the answer trait, read the feedback.

No browser here: the browser sets ``answer`` exactly as these tests do, and reads the same traits.
"""

from __future__ import annotations

import json

import pytest

from discourse_lab.exercises import AnswerStore, get, show
from discourse_lab.exercises.widget import ExerciseWidget

# One right and one wrong answer for an exercise of each type in the chapter 1 bank.
CASES = {
    "ch01-source-dateline": ("b", "c"),
    "ch01-source-what-the-item-says": (["date", "outlets", "length"], ["date", "writer"]),
    "ch01-source-event-or-evaluation": (
        {"p1s1": "event", "p2s2": "content", "p3s3": "content", "p4s1": "evaluation", "p5s1": "evaluation"},
        {"p1s1": "event", "p2s2": "evaluation", "p3s3": "content", "p4s1": "content", "p5s1": "evaluation"},
    ),
    "ch01-source-house-style": (["p1s1t22", "p1s1t23"], ["p1s1t4", "p1s1t5"]),
    "ch01-source-spellings": (
        {"kiev": "ru", "kyiv": "uk", "donbass": "ru", "donbas": "uk"},
        {"kiev": "uk", "kyiv": "ru", "donbass": "ru", "donbas": "uk"},
    ),
    "ch01-source-timeline": (
        ["istanbul", "announced", "interview", "menafn"],
        ["announced", "istanbul", "interview", "menafn"],
    ),
}


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


@pytest.mark.parametrize("exercise_id", sorted(CASES))
def test_objective_widget_gives_feedback(exercise_id, store):
    """Does setting a right, then a wrong answer give 'Correct', then not, with the explanation?"""
    right, wrong = CASES[exercise_id]
    widget = ExerciseWidget(get(exercise_id), store=store)
    assert widget.feedback == {} and widget.attempts == 0
    widget.answer = right
    assert widget.feedback["status"] == "correct"
    assert widget.feedback["summary"] == "Correct"
    assert widget.feedback["explanation"] == get(exercise_id).explanation
    assert widget.attempts == 1
    widget.answer = wrong
    assert widget.feedback["status"] in ("partial", "incorrect")
    assert widget.feedback["summary"] in ("Partly right", "Not quite")
    assert widget.attempts == 2


def test_partial_credit_is_reported(store):
    widget = ExerciseWidget(get("ch01-source-house-style"), store=store)
    widget.answer = ["p1s1t22"]  # "Moscow" only: precision 1, recall 1/2
    assert widget.feedback["status"] == "partial"
    assert widget.feedback["score"] == "1.33 of 2 points"
    assert "Some words of the answer are not selected." in widget.feedback["messages"]


def test_short_text_shows_model_answer_and_rubric_after_commit(store):
    ex = get("ch01-source-left-out")
    widget = ExerciseWidget(ex, store=store)
    assert "model_answer" not in widget.feedback
    widget.answer = "TASS reported that there would be no pause in fighting; MENAFN leaves it out."
    assert widget.feedback["status"] == "recorded"
    assert widget.feedback["model_answer"] == ex.data["model_answer"]
    assert widget.feedback["rubric"] == ex.data["rubric"]


def test_rewrite_shows_indicators_beside_the_original(store):
    widget = ExerciseWidget(get("ch01-source-neutral-close"), store=store)
    widget.answer = "In the interview, Lavrov set out Russia's approach to the conflicts."
    rows = {row["id"]: row for row in widget.feedback["indicators"]}
    assert rows["subjective"]["original"] >= 3  # valuable, insights, promoting stability, volatile
    assert rows["subjective"]["rewrite"] == 0


def test_answer_is_saved_at_once_and_restored_by_a_new_widget(store):
    """Re-running the cell (or a kernel restart) builds a new widget: is the answer back?"""
    first = ExerciseWidget(get("ch01-source-dateline"), store=store)
    first.answer = "c"
    first.answer = "b"
    saved = json.loads(store.path.read_text())["answers"]["ch01-source-dateline"]
    assert saved["answer"] == "b" and saved["attempts"] == 2
    again = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(store.path))
    assert again.answer == "b"
    assert again.attempts == 2
    assert again.feedback["status"] == "correct"


def test_the_same_answer_twice_is_one_attempt(store):
    widget = ExerciseWidget(get("ch01-source-dateline"), store=store)
    widget.answer = "a"
    widget.answer = "a"
    assert widget.attempts == 1


def test_malformed_answer_is_reported_not_saved(store):
    widget = ExerciseWidget(get("ch01-source-dateline"), store=store)
    widget.answer = "zz"
    assert widget.feedback["status"] == "error"
    assert "one option id" in widget.feedback["messages"][0]
    assert not store.path.exists()


def test_graded_widget_saves_and_says_so_without_key(store):
    ex = get("ch01-source-what-the-item-says")
    widget = ExerciseWidget(ex, mode="graded", store=store)
    widget.answer = ["date"]
    assert widget.feedback["status"] == "saved"
    assert "saved" in widget.feedback["messages"][0]
    entry = store.entry(ex.id)
    assert entry["answer"] == ["date"] and entry["mode"] == "graded" and "result" not in entry


@pytest.mark.parametrize("exercise_id", [e for e in CASES] + ["ch01-source-left-out", "ch01-source-neutral-close"])
def test_graded_widget_state_holds_no_key_string(exercise_id, store):
    """Is none of the key, feedback, explanation, model answer or rubric in the synced state?"""
    ex = get(exercise_id)
    widget = ExerciseWidget(ex, mode="graded", store=store)
    widget.answer = CASES.get(exercise_id, ("some text", None))[0]
    state = json.dumps(widget.get_state(), ensure_ascii=False)
    for secret in ex.secret_strings():
        assert json.dumps(secret, ensure_ascii=False)[1:-1] not in state
    assert '"key"' not in json.dumps(widget.spec)


def test_self_check_widget_spec_holds_no_key_either(store):
    """The key stays in the kernel even in self-check mode; only feedback after an answer leaves it."""
    ex = get("ch01-source-dateline")
    widget = ExerciseWidget(ex, store=store)
    assert "key" not in widget.spec
    assert json.dumps(ex.explanation)[1:-1] not in json.dumps(widget.get_state())
    widget.answer = "b"  # the control: after an answer the explanation does travel
    assert json.dumps(ex.explanation)[1:-1] in json.dumps(widget.get_state())


def test_widget_esm_is_the_shared_core(store):
    from discourse_lab.exercises.widget import asset

    widget = ExerciseWidget(get("ch01-source-dateline"), store=store)
    assert widget._esm.startswith(asset("dl-exercises.js"))
    assert "export default" in widget._esm
    assert widget._css == asset("dl-exercises.css")


def test_show_displays_static_html_in_the_book_build(monkeypatch, capsys):
    """With DISCOURSE_LAB_STATIC=1, does show() emit text/html and no widget?"""
    shown = []
    monkeypatch.setenv("DISCOURSE_LAB_STATIC", "1")
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    assert show("ch01-source-dateline") is None  # type: ignore[func-returns-value]  # the test checks at run time what the annotation says: the value a notebook cell would show
    (bundle,) = shown
    assert set(bundle) == {"text/html"}
    assert 'data-exercise-id="ch01-source-dateline"' in bundle["text/html"]


def test_show_displays_one_widget_and_returns_nothing(monkeypatch, tmp_path):
    """A returned widget would be displayed again as the cell's value: show() must return None."""
    shown = []
    monkeypatch.delenv("DISCOURSE_LAB_STATIC", raising=False)
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    assert show("ch01-source-dateline", store=tmp_path / "a.json") is None  # type: ignore[func-returns-value]  # the test checks at run time what the annotation says: the value a notebook cell would show
    (widget,) = shown
    assert isinstance(widget, ExerciseWidget) and widget.store.path == tmp_path / "a.json"


def test_widget_gives_the_object_without_displaying_it(monkeypatch, tmp_path):
    from discourse_lab.exercises import make_widget

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    w = make_widget("ch01-source-dateline", store=tmp_path / "a.json")
    assert shown == [] and isinstance(w, ExerciseWidget)
    w.answer = "b"
    assert w.feedback["status"] == "correct"


def test_export_button_displays_once_and_returns_nothing(monkeypatch, tmp_path):
    from discourse_lab.exercises import export_button

    shown = []
    monkeypatch.delenv("DISCOURSE_LAB_STATIC", raising=False)
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    assert export_button(store=tmp_path / "a.json") is None  # type: ignore[func-returns-value]  # the test checks at run time what the annotation says: the value a notebook cell would show
    assert len(shown) == 1


def test_rubric_ticks_are_saved_with_the_answer_and_restored(store):
    ex = get("ch01-source-left-out")
    first = ExerciseWidget(ex, store=store)
    first.answer = "TASS reported a point the item leaves out."
    first.rubric_ticks = [True, False, True]  # what the browser sends when the student ticks
    assert store.entry(ex.id)["rubric_ticks"] == [True, False, True]
    again = ExerciseWidget(ex, store=AnswerStore(store.path))
    assert again.rubric_ticks == [True, False, True]
    again.answer = "A different answer."  # ticks judged the old answer
    assert again.rubric_ticks == [] and "rubric_ticks" not in store.entry(ex.id)


def test_graded_rewrite_shows_the_indicator_counts_its_prompt_mentions(store):
    ex = get("ch01-source-neutral-close")
    assert "indicator" in ex.prompt  # the prompt asks the student to compare them
    widget = ExerciseWidget(ex, mode="graded", store=store)
    widget.answer = "In the interview, Lavrov set out Russia's approach to the conflicts."
    assert widget.feedback["status"] == "saved"
    rows = {row["id"]: row for row in widget.feedback["indicators"]}
    assert rows["subjective"]["original"] >= 3 and rows["subjective"]["rewrite"] == 0


def test_store_key_names_the_store_not_the_exercise(tmp_path):
    a = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(tmp_path / "a.json"))
    b = ExerciseWidget(get("ch01-source-timeline"), store=AnswerStore(tmp_path / "a.json"))
    c = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(tmp_path / "b.json"))
    assert a.store_key == b.store_key != c.store_key and len(a.store_key) == 16


def test_show_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="mode"):
        show("ch01-source-dateline", mode="exam")


def test_other_widgets_of_the_exercise_show_the_saved_answer(store, tmp_path):
    """Two tabs on one notebook: two widgets of one exercise in one kernel. An answer saved by one
    reaches the other at once (answer, feedback, attempts), never the other store's widgets."""
    right, wrong = CASES["ch01-source-dateline"]
    one = ExerciseWidget(get("ch01-source-dateline"), store=store)
    two = ExerciseWidget(get("ch01-source-dateline"), store=store)
    elsewhere = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(tmp_path / "other.json"))
    one.answer = right
    assert (two.answer, two.feedback["status"], two.attempts) == (right, "correct", 1)
    two.answer = wrong
    assert (one.answer, one.feedback["status"], one.attempts) == (wrong, "incorrect", 2)
    assert store.entry("ch01-source-dateline")["answer"] == wrong
    assert elsewhere.answer is None and elsewhere.attempts == 0


def test_refresh_reads_an_answer_saved_by_another_kernel(store):
    """A widget asked to refresh (its view shown again) takes the store's answer another kernel saved."""
    right, wrong = CASES["ch01-source-dateline"]
    widget = ExerciseWidget(get("ch01-source-dateline"), store=store)
    widget.answer = right
    exercise = get("ch01-source-dateline")
    AnswerStore(store.path).record(exercise.id, exercise.version, wrong, exercise_type=exercise.type, mode="self-check")
    assert widget.refresh() is True
    assert widget.answer == wrong and widget.feedback["status"] != "correct"
    assert widget.refresh() is False
