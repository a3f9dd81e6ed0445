"""Generated exercises stay varied: no more than two items of a kind with the same answer.

A text whose reports are nearly all "said" used to yield one "find the cue" item answered "said"
and one "what stance is this cue?" item answered "neutral" per sentence. The excess is now
replaced by items about the same relations that still need the sentence read: what it reports (a
span of the content), or how (direct, indirect, mixed).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from discourse_lab import sources, text
from discourse_lab.course import bank
from discourse_lab.exercises import generate, spec

SLUG = "port-talks"
# Fiction written for this test: seven reports, six of them with "said".
ARTICLE = """\
The harbour minister said that the talks on the new port would resume in May. Officials said the first round had been useful.

"We are ready to sign the lease," the mayor said. The shipping board said the dredging would start in the autumn.

A spokesman for the dockers said that the union had not been consulted. "The port will bring work," the minister said.

The opposition claimed that the lease had been agreed in secret.
"""

# (sentence id, source, source span, cue, content, type, stance)
REPORTS = [
    (
        "p1s1",
        "harbour minister",
        "The harbour minister",
        "said",
        "that the talks on the new port would resume in May",
        "indirect",
        "neutral",
    ),
    ("p1s2", "Officials", "Officials", "said", "the first round had been useful", "indirect", "neutral"),
    ("p2s1", "mayor", "the mayor", "said", "We are ready to sign the lease", "direct", "neutral"),
    (
        "p2s2",
        "The shipping board",
        "The shipping board",
        "said",
        "the dredging would start in the autumn",
        "indirect",
        "neutral",
    ),
    (
        "p3s1",
        "A spokesman for the dockers",
        "A spokesman for the dockers",
        "said",
        "that the union had not been consulted",
        "indirect",
        "neutral",
    ),
    ("p3s2", "harbour minister", "the minister", "said", "The port will bring work", "direct", "neutral"),
    (
        "p4s1",
        "The opposition",
        "The opposition",
        "claimed",
        "that the lease had been agreed in secret",
        "indirect",
        "distancing",
    ),
]


def gold_annotations() -> dict:
    plain = {"functions": [], "frames": [], "rationale": "Reports without judging."}
    return {
        "source": SLUG,
        "annotator": "test fixture",
        "guidelines": "As in data/lexicons/README.md.",
        "sentences": [
            {
                "id": sid,
                "voice": "source",
                "rationale": "Everything it asserts is attributed.",
                "attributions": [
                    {
                        "source": source,
                        "source_span": span,
                        "cue": cue,
                        "content": content,
                        "type": mode,
                        "rationale": f"A {mode} report.",
                    }
                ],
                "cues": [{"text": cue, "stance": stance, "rationale": "How the writer reports it."}],
                "framing": plain,
                "naming": [],
                "bias_cues": [],
            }
            for sid, source, span, cue, content, mode, stance in REPORTS
        ],
    }


META = {
    "slug": SLUG,
    "title": "Port talks to resume",
    "outlet": "Test fixture (fiction)",
    "published": "2026-12-01",
    "language": "en",
    "provenance": {"upstream_agency": None, "transcript_linked": False, "obtained": "Written for the test."},
    "quoting": "Test fixture: copy freely.",
    "licence": "Test fixture, under the repository's licence.",
}


@pytest.fixture
def said_source(tmp_path):
    folder = tmp_path / "sources" / SLUG
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "meta.yml").write_text(yaml.safe_dump(META, sort_keys=False), encoding="utf-8")
    (folder / "annotations.yml").write_text(yaml.safe_dump(gold_annotations(), sort_keys=False), encoding="utf-8")
    return folder


def kind(entry: dict) -> str:
    """The family of a generated id: gen-<slug>-<kind>-…"""
    rest = entry["id"][len(generate.GENERATED_PREFIX) :]
    return rest.split("-")[len(entry["source"].split("-"))]


def same_answers(entries: list[dict]) -> Counter:
    return Counter((kind(e), json.dumps(e["answer"], sort_keys=True)) for e in entries)


def test_fixture_is_what_it_says():
    document = text.parse(ARTICLE)
    assert [s.id for s in document.sentences] == [r[0] for r in REPORTS]
    for sid, _source, span, cue, content, _mode, _stance in REPORTS:
        sentence = document.sentence(sid).text
        assert span in sentence and cue in sentence and content in sentence


def test_no_more_than_two_items_of_a_kind_with_the_same_answer(said_source):
    entries = generate.bank_data(said_source)["exercises"]
    counts = same_answers(entries)
    assert max(counts.values()) <= generate.MAX_SAME_ANSWER, counts.most_common(3)
    assert counts[("stance", '"neutral"')] == 2 and counts[("cues", '["said"]')] == 2
    # What replaced the rest: the content of the same reports, and how they are reported.
    ids = [e["id"] for e in entries]
    # p1s1, p1s2 keep both items; the cue items of p2s1 to p3s2 become content items, their stance
    # items (content already asked) type items: direct p2s1, indirect p2s2, indirect p3s1, direct p3s2.
    assert [e["sentence"] for e in entries if kind(e) == "content"] == ["p2s1", "p2s2", "p3s1", "p3s2"]
    assert [(e["passage"][0], e["answer"]) for e in entries if kind(e) == "type"] == [
        ("p2s1", "direct"),
        ("p2s2", "indirect"),
        ("p3s1", "indirect"),
        ("p3s2", "direct"),
    ]
    assert f"gen-{SLUG}-stance-p4s1-1" in ids  # "claimed" keeps its stance item


def test_replacements_ask_about_the_sentence_and_do_not_give_their_key_away(said_source):
    entries = generate.bank_data(said_source)["exercises"]
    document = sources.source_at(said_source).document
    reports = {r[0]: r for r in REPORTS}
    for e in entries:
        if kind(e) == "content":
            sid = e["sentence"]
            assert e["answer"] == [reports[sid][4]] and e["answer"][0] in document.sentence(sid).text
            assert e["answer"][0] not in e["prompt"] and e["answer"][0] not in e["title"]
        if kind(e) == "type":
            sid = e["passage"][0]
            assert e["answer"] == reports[sid][5]
            assert {o["id"] for o in e["options"]} == {"direct", "indirect", "mixed"}
            assert not any(word in e["prompt"].lower() for word in ("direct", "indirect", "mixed", "quotation"))
    # Every report of the text is still asked about by at least one item.
    asked = {e.get("sentence") or e["passage"][0] for e in entries if kind(e) in ("cues", "stance", "content", "type")}
    assert asked == set(reports)


def test_generation_is_deterministic_and_every_item_checks(said_source):
    first = generate.bank_data(said_source)
    assert generate.bank_data(said_source) == first
    path = said_source / "annotations.yml"
    sources.add_private_root(said_source.parent)  # as a private bank makes its sources findable
    for entry in first["exercises"]:
        ex = spec.build(entry, path, SLUG)
        if ex.type == "span":
            assert spec.span_key_tokens(ex)  # the key is words of the sentence


def test_a_private_bank_of_the_said_text_validates(said_source, tmp_path):
    made = bank.new_bank(tmp_path / "bank", said_source)
    problems, _notes, count = bank.validate_bank(made.folder)
    assert problems == [] and count == len(made.generated) + len(made.templates)


@pytest.mark.parametrize("slug", sources.list_sources())
def test_generated_banks_of_the_course_texts_validate(slug, tmp_path):
    if not sources.load_source(slug).has_annotations:
        pytest.skip(f"{slug} has no annotations")
    folder = tmp_path / "bank"
    folder.mkdir()
    generate.write_bank(slug, folder / "generated.yml", chapter=8)
    problems, _notes, count = bank.validate_bank(folder)
    assert problems == [] and count > 0
    counts = same_answers(generate.bank_data(slug, 8)["exercises"])
    assert max(counts.values()) <= generate.MAX_SAME_ANSWER
