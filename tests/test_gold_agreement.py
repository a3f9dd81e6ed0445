"""Do the exercise keys, the lesson tables and the lesson prose agree with the gold annotations?

The gold annotations (``data/sources/<slug>/annotations.yml``, read through
``discourse_lab.gold``) are the one source of truth for every analytic claim about a sentence of
the seed. A careful student who follows the book must not lose points: each key below is derived
from, or checked against, what the annotations and the lessons say.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from discourse_lab import gold, lexicons, tables
from discourse_lab.analysis import analyze
from discourse_lab.exercises import get
from discourse_lab.sources import load_source

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "chapters").glob("0*_*.ipynb"))
SID = re.compile(r"`(p\d+s\d+)`")


def lesson_markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def statements(text: str) -> list[str]:
    """Sentences of the prose (list items split first): the units a claim about a sentence is made in."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        for part in re.split(r"\n(?=\s*(?:- |\d+\. ))", block):
            out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(`*])", part) if s.strip()]
    return out


# ------------------------------------------------------------------ keys


def test_unattributed_key_is_the_gold_reading():
    """Is gen-...-unattributed keyed to exactly the sentences the gold analysis finds evaluating in the writer's voice?"""
    assert get("gen-lavrov-interview-2024-unattributed").answer_key == list(gold.unattributed_evaluations())


def test_p4s1_is_an_evaluation_in_the_writers_voice():
    """Lessons 1, 2, 3 and 7 call p4s1 the writer's verdict on the interview: does the key agree?"""
    assert gold.voice("p4s1") == "journalist"
    assert "p4s1" in gold.unattributed_evaluations()
    assert "p4s1" in get("gen-lavrov-interview-2024-unattributed").answer_key


def test_toolkit_table_above_the_unattributed_exercise_lists_the_same_sentences():
    """Lesson 2's table of the toolkit's unattributed evaluations: the same sentences as the key?"""
    analysis = analyze(load_source().document)
    listed = [item["sentence"] for item in analysis.bias["unattributed_evaluations"]]
    assert listed == list(gold.unattributed_evaluations())
    html = tables.unattributed_html(analysis, caption="t")
    for sid in listed:
        assert sid in html


@pytest.mark.parametrize("exercise_id, sid", [("ch05-naming-places", "p3s2"), ("ch01-source-house-style", "p1s1")])
def test_naming_keys_are_the_marked_names_of_the_gold(exercise_id, sid):
    """A name that takes no position (the geographic "Crimean Peninsula") must not be keyed as taking one."""
    exercise = get(exercise_id)
    assert exercise.data["sentence"] == sid
    assert sorted(exercise.data["answer"]) == sorted(gold.marked_names(sid))
    for name in gold.unmarked_names(sid):
        assert name not in exercise.data["answer"]


def test_crimean_peninsula_takes_no_position_in_lexicon_and_gold():
    variant = next(v for g in lexicons.naming_groups() for v in g.variants if v.id == "crimean_peninsula")
    assert "no position" in variant.usage
    assert "Crimean Peninsula" in gold.unmarked_names("p3s2")


def test_whose_evaluation_names_one_word_per_item_and_keys_its_gold_voice():
    """ch06-bias-whose: each item names a word and its sentence; the key is where the gold puts that word."""
    exercise = get("ch06-bias-whose")
    for item in exercise.data["items"]:
        m = re.fullmatch(r"\u201c(.+)\u201d in (p\d+s\d+)", item["text"])
        assert m, f"item {item['id']} does not name one word and its sentence"
        word, sid = m.groups()
        assert exercise.answer_key[item["id"]] == gold.word_voice(sid, word), item["text"]


def test_mixed_sentence_of_whose_evaluation_is_asked_word_by_word():
    """A sentence with words in both voices (p2s4) appears with one item per word, keyed both ways."""
    exercise = get("ch06-bias-whose")
    p2s4 = {exercise.answer_key[i["id"]] for i in exercise.data["items"] if i["text"].endswith("p2s4")}
    assert p2s4 == {"source", "writer"}


def test_timeline_items_are_all_dated_by_the_lesson_and_the_source():
    """ch01-source-timeline asks only about events lesson 1 presents (meta.yml's dates, p2s3's Istanbul talks)."""
    source = load_source()
    exercise = get("ch01-source-timeline")
    evidence = {
        "menafn": source.meta["published"],
        "interview": source.meta["event"]["date"],
        "announced": source.meta["event"]["announced"],
        "istanbul": "Istanbul" in source.document.sentence("p2s3").text,
    }
    assert {i["id"] for i in exercise.data["items"]} <= set(evidence)
    assert all(evidence.values())
    assert "01_source" in str(LESSONS[0])
    lesson1 = lesson_markdown(LESSONS[0])
    assert "Istanbul" in lesson1 or "p2s3" in lesson1


def test_spellings_key_follows_the_naming_lexicon():
    """ch01-source-spellings: each spelling keyed to the language the lexicon says it comes from; one answer each."""
    exercise = get("ch01-source-spellings")
    usage = {v.id: v.usage for g in lexicons.naming_groups() for v in g.variants}
    language = {"ru": "from Russian", "uk": "from Ukrainian"}
    assert {t["id"] for t in exercise.data["targets"]} == set(language)
    for item in exercise.data["items"]:
        assert language[exercise.answer_key[item["id"]]] in usage[item["id"]], item["text"]


def test_the_only_quotation_is_a_mixed_quotation_in_a_source_voice_sentence():
    """p3s1's attribution mode is mixed; the 'mixed' voice is kept for an attribution beside the writer's own claim."""
    types = gold.quotation_types()
    assert [sid for sid, t in types.items() if {"direct", "mixed"} & set(t)] == ["p3s1"]
    assert get("ch02-who-speaks-p3s1-quote").answer_key == "mixed"
    for sid in gold.sentences_with_voice("mixed"):
        assert gold.sentence(sid)["attributions"], sid
        assert gold.unattributed_evaluations().get(sid) or "writer" in gold.sentence(sid)["rationale"], sid


def test_voice_exercise_is_keyed_from_the_gold():
    exercise = get("gen-lavrov-interview-2024-voices")
    assert exercise.answer_key == {sid: gold.voice(sid) for sid in gold.sentence_ids()}


def test_kiev_as_metonymy_is_recorded_where_it_stands_for_the_state():
    assert {sid for sid, name, _ in gold.metonyms()} == {"p2s2", "p3s1"}
    assert "Ukrainian capital" in load_source().document.sentence("p3s1").text


# ------------------------------------------------------------------ prose

WRITER_CLAIM = re.compile(
    r"writer's (?:own )?(?:voice|verdicts?|evaluation|judgements?)|attributed to no one|unattributed", re.IGNORECASE
)
SOURCE_CLAIM = re.compile(r"in the source's voice", re.IGNORECASE)
SPURIOUS = re.compile(r"\bspurious\b|not in the gold", re.IGNORECASE)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_prose_that_puts_a_sentence_in_the_writers_voice_agrees_with_the_gold(path):
    """A statement naming sentence ids and putting them in the writer's voice: does each id hold a writer's claim?"""
    writerly = set(gold.sentences_with_voice("journalist")) | set(gold.sentences_with_voice("mixed"))
    offenders = []
    for statement in statements(lesson_markdown(path)):
        ids = SID.findall(statement)
        if not ids or not WRITER_CLAIM.search(statement) or SOURCE_CLAIM.search(statement):
            continue
        if re.search(r"(?<!un)attributed(?! to no one)|source's", statement):
            continue  # the statement contrasts a writer's claim with an attributed part of the sentence
        offenders += [(sid, statement[:80]) for sid in ids if sid not in writerly]
    assert offenders == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_lesson_calls_the_writers_verdict_in_p4s1_spurious(path):
    """Only one lesson called p4s1 spurious; the gold counts its evaluation. No typed claim may say otherwise."""
    for statement in statements(lesson_markdown(path)):
        if "p4s1" in statement and SPURIOUS.search(statement):
            pytest.fail(f"{path.name}: {statement[:120]}")


def test_attributed_or_unattributed_claims_quote_the_stored_coverage():
    """ch07-voices-coverage-claims labels sentences of other outlets' reports: each item quotes an
    excerpt of the coverage file word for word, after its outlet's name."""
    from discourse_lab import coverage

    excerpts = coverage.load_comparison().excerpts
    exercise = get("ch07-voices-coverage-claims")
    for item in exercise.data["items"]:
        outlet, quoted = item["text"].split(": ", 1)
        words = " ".join(quoted.strip('"“”').split())
        assert any(e.outlet == outlet and words in e.text for e in excerpts), item["id"]


def test_event_content_or_evaluation_key_agrees_with_the_gold():
    """ch01-source-event-or-evaluation: "what was said" only where the gold attributes content;
    "the writer's evaluation" only where the gold finds an evaluation in the writer's voice."""
    exercise = get("ch01-source-event-or-evaluation")
    evaluations = gold.unattributed_evaluations()
    for sid, label in exercise.answer_key.items():
        if label == "content":
            assert gold.sentence(sid)["attributions"], sid
        if label == "evaluation":
            assert sid in evaluations and not gold.sentence(sid)["attributions"], sid


def test_readout_omission_key_is_the_point_the_coverage_file_marks_absent():
    from discourse_lab import coverage

    exercise = get("ch05-readout-omission")
    comparison = coverage.load_comparison("state-rubio-lavrov-2025")
    absent = {p.id for p in comparison.points if p.in_source == "absent"}
    assert exercise.answer_key in absent
    assert {o["id"] for o in exercise.data["options"]} - {exercise.answer_key} - {"call_happened"} <= {
        p.id for p in comparison.points
    } - absent


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_prose_that_puts_a_sentence_in_the_sources_voice_agrees_with_the_gold(path):
    offenders = []
    for statement in statements(lesson_markdown(path)):
        if SOURCE_CLAIM.search(statement) and not WRITER_CLAIM.search(statement):
            offenders += [sid for sid in SID.findall(statement) if gold.voice(sid) != "source"]
    assert offenders == []


# ------------------------------------------------------------------ lessons 2 and 3 after issue 17


def test_shed_light_on_is_keyed_as_the_evaluation_lesson_3_calls_it():
    """Lesson 3: 'here "shed light on" is not a factive but an evaluation'. The generated item's
    key and its option label say the same; no option is labelled as a factive."""
    exercise = get("gen-lavrov-interview-2024-stance-p4s1-1")
    assert exercise.answer_key == "evaluation"
    labels = {o["id"]: o["text"] for o in exercise.data["options"]}
    assert labels["evaluation"] == "writer's evaluation"
    assert not any("factive" in text for text in labels.values())
    assert "not a factive but an evaluation" in lesson_markdown(LESSONS[2])


def test_lesson_3_speaks_of_one_endorsing_cue_and_the_toolkit_has_one():
    """Lesson 3 contrasts "the one endorsing cue" ("revealing", p3s1) with the writer's evaluations."""
    analysis = analyze(load_source().document)
    assert [(c.sentence, c.text) for c in analysis.cues if c.stance == "endorsing"] == [("p3s1", "revealing")]
    assert "the one endorsing cue" in " ".join(lesson_markdown(LESSONS[2]).split())
    gold_evaluations = {
        c["text"] for s in gold._sentences(gold.SEED_SLUG).values() for c in s["cues"] if c["stance"] == "evaluation"
    }
    assert {c.text for c in analysis.cues if c.stance == "evaluation"} == gold_evaluations


def test_lesson_2_reason_for_the_toolkits_p3s1_is_the_topic_clause():
    """Lesson 2 says the toolkit's label for p3s1 comes from the words of the topic clause, not the
    quotation: every word it counts as the writer's lies in "Lavrov discussed ... for Kiev"."""
    analysis = analyze(load_source().document)
    (voice,) = [v for v in analysis.voices if v.sentence == "p3s1"]
    clause = "Lavrov discussed the issue of security guarantees for Kiev"
    assert clause in load_source().document.sentence("p3s1").text
    assert voice.writer_words and set(voice.writer_words) <= set(clause.split())
    assert clause in " ".join(lesson_markdown(LESSONS[1]).split())
