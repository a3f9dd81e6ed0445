"""Exercises generated from annotations: keys come from the annotations, for any annotated source."""

from __future__ import annotations

import yaml

from discourse_lab.exercises import generate, get, score, spec
from discourse_lab.sources import load_source

SEED = "lavrov-interview-2024"


def test_seed_set_has_every_standard_kind():
    ids = [e.id for e in generate.generate(SEED)]
    assert f"gen-{SEED}-voices" in ids and f"gen-{SEED}-unattributed" in ids
    assert any(i.startswith(f"gen-{SEED}-cues-") for i in ids)
    assert any(i.startswith(f"gen-{SEED}-stance-") for i in ids)


def test_voice_key_is_the_annotated_voice():
    annotations = load_source(SEED).annotations
    ex = get(f"gen-{SEED}-voices")
    assert ex.answer_key == {s["id"]: s["voice"] for s in annotations["sentences"]}
    assert score(ex, ex.answer_key).correct


def test_source_voice_label_covers_every_source_the_keys_put_there():
    """The key puts sentences whose source is unnamed or a document in the source's voice (lesson 8's
    p4s3 and p3s2), as the annotation guidelines do; the label must not tell students otherwise."""
    for slug in ("sarn-river-treaty", SEED, "state-rubio-lavrov-2025"):
        ex = get(f"gen-{slug}-voices")
        label = next(x for x in ex.data["labels"] if x["id"] == "source")
        for s in load_source(slug).annotations["sentences"]:
            if s["voice"] == "source" and any(a["source"] is None for a in s["attributions"]):
                assert "named or not" in label["description"], (slug, s["id"], label["description"])
        assert "what a named source" not in label["description"]
    assert get("gen-sarn-river-treaty-voices").answer_key["p4s3"] == "source"


def test_cue_and_stance_keys_follow_the_annotations():
    annotations = {s["id"]: s for s in load_source(SEED).annotations["sentences"]}
    cue = annotations["p2s2"]["cues"][0]
    stance = get(f"gen-{SEED}-stance-p2s2-1")
    assert stance.answer_key == cue["stance"]
    span = get(f"gen-{SEED}-cues-p2s2")
    words = {t.id: t.text for t in span.tokens}
    assert cue["text"] in " ".join(words[i] for i in span.answer_key)


def test_unattributed_evaluations_leave_out_evaluations_inside_an_attribution():
    """p2s2's "trustworthiness" sits inside what Lavrov is reported to say: not the writer's."""
    ex = get(f"gen-{SEED}-unattributed")
    assert "p5s1" in ex.answer_key and "p2s2" not in ex.answer_key


def test_generated_bank_written_to_a_file_validates_as_a_bank(tmp_path):
    path = generate.write_bank(SEED, tmp_path / "ch08-generated.yml", chapter=8)
    exercises = spec.load_file(path)
    assert len(exercises) == len(generate.generate(SEED))


def test_versions_change_when_the_annotation_changes():
    assert generate._version("stance", "p2s2", {"stance": "assertive"}) != generate._version(
        "stance", "p2s2", {"stance": "neutral"}
    )
    assert generate._version("a") == generate._version("a")


def test_an_instructors_own_annotated_text(tmp_path):
    """A new source with its own annotations gets the standard set, keyed from its annotations."""
    folder = tmp_path / "my-text"
    folder.mkdir()
    (folder / "article.txt").write_text(
        "The minister claimed that the talks had failed. The shameful delay continues.\n", encoding="utf-8"
    )
    empty_framing = {"functions": [], "frames": [], "rationale": "None here."}
    (folder / "annotations.yml").write_text(
        yaml.safe_dump(
            {
                "source": "my-text",
                "annotator": "A. Teacher",
                "guidelines": "Course guidelines.",
                "sentences": [
                    {
                        "id": "p1s1",
                        "voice": "source",
                        "rationale": "Reports the minister.",
                        "attributions": [
                            {
                                "source": "minister",
                                "cue": "claimed",
                                "content": "that the talks had failed",
                                "type": "indirect",
                                "rationale": "Indirect speech.",
                            }
                        ],
                        "cues": [{"text": "claimed", "stance": "distancing", "rationale": "Casts doubt."}],
                        "framing": empty_framing,
                        "naming": [],
                        "bias_cues": [],
                    },
                    {
                        "id": "p1s2",
                        "voice": "journalist",
                        "rationale": "The writer's own words.",
                        "attributions": [],
                        "cues": [],
                        "framing": empty_framing,
                        "naming": [],
                        "bias_cues": [
                            {"text": "shameful", "kind": "framing", "category": "subjective", "rationale": "Judges."}
                        ],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    entries = {e["id"]: e for e in generate.bank_data("my-text", root=tmp_path)["exercises"]}
    assert entries["gen-my-text-voices"]["answer"] == {"p1s1": "source", "p1s2": "journalist"}
    assert entries["gen-my-text-cues-p1s1"]["answer"] == ["claimed"]
    assert entries["gen-my-text-stance-p1s1-1"]["answer"] == "distancing"
    assert entries["gen-my-text-unattributed"]["answer"] == ["p1s2"]


def test_reload_drops_cached_generated_exercises():
    """After ``reload()`` (say, once an annotations file was edited) a generated exercise is built
    afresh, not served from the cache of the old annotations."""
    from discourse_lab.exercises import reload

    before = get(f"gen-{SEED}-voices")
    assert get(f"gen-{SEED}-voices") is before  # cached
    reload()
    after = get(f"gen-{SEED}-voices")
    assert after is not before and after.answer_key == before.answer_key
