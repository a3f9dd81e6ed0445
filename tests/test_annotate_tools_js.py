"""Evaluate and Generate without a kernel agree with Python: the same scores, errors and bank.

``assets/annotate-tools.js`` ports ``evaluation.evaluate`` and ``exercises.generate.bank_data``; the
page carries the toolkit's reading of its text (:func:`discourse_lab.annotate.offline.toolkit_reading`).
Both sides run here on the same annotation files, in headless Chromium on a blank page (no server,
no network): the course's annotations, one with known differences, one with nothing but voices,
one with a relation the toolkit lacks, one of mostly neutral cues (the variety rule at work).
"""

from __future__ import annotations

from pathlib import Path
import copy
import hashlib
import json
import shutil

import pytest
import yaml

from discourse_lab import datafiles
from discourse_lab.analysis import analyze
from discourse_lab.annotate import offline, static
from discourse_lab.annotate.widget import options
from discourse_lab.evaluation import evaluate, evaluate_source
from discourse_lab.exercises import generate as gen
from discourse_lab.sources import list_sources, load_source, source_at

SLUG = "sarn-river-treaty"


@pytest.fixture(scope="module")
def js(browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # nothing may be fetched
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<!doctype html><title>t</title><body></body>")
    page.add_script_tag(content=static.asset(static.STATIC_JS))
    page.add_script_tag(content=static.asset(static.TOOLS_JS))
    assert page.evaluate("typeof DLAnnotateTools.evaluate") == "function"
    yield page
    assert errors == []
    context.close()


def course(slug: str = SLUG) -> dict:
    return copy.deepcopy(load_source(slug).annotations)


def with_differences() -> dict:
    """The course's file with known differences: a voice changed, a relation's source and a cue's
    stance changed, a relation dropped, a spurious naming, a frame the toolkit does not hint."""
    doc = course()
    by = {s["id"]: s for s in doc["sentences"]}
    by["p1s1"]["voice"] = "source" if by["p1s1"]["voice"] != "source" else "journalist"
    by["p2s1"]["attributions"][0]["source"] = "Someone Else"
    by["p2s2"]["cues"][0]["stance"] = "endorsing" if by["p2s2"]["cues"][0]["stance"] != "endorsing" else "neutral"
    by["p3s1"]["attributions"] = []
    first_word = load_source(SLUG).document.sentence("p1s1").text.split()[0]
    variant = options()["naming_variant"][0]["id"]
    by["p1s1"]["naming"].append({"text": first_word, "variant": variant, "rationale": "x y z"})
    by["p1s3"]["framing"]["frames"] = sorted(set(by["p1s3"]["framing"]["frames"]) | {"conflict"})
    return doc


def voices_only() -> dict:
    """Every sentence with its voice and rationale and nothing else."""
    doc = course()
    for s in doc["sentences"]:
        s.update(
            attributions=[],
            cues=[],
            naming=[],
            bias_cues=[],
            framing={"functions": [], "frames": [], "rationale": "none"},
        )
        s.pop("scare_quotes", None)
    return doc


def extra_relation() -> dict:
    """A relation the toolkit does not find, with its cue, in the headline-like first sentence."""
    doc = course()
    s = doc["sentences"][0]
    text = load_source(SLUG).document.sentence(s["id"]).text
    words = text.split()
    s["attributions"].append(
        {"source": None, "cue": words[1], "content": " ".join(words[2:6]), "type": "indirect", "rationale": "x y z"}
    )
    return doc


def mostly_neutral() -> dict:
    """Every cue neutral: the third and later neutral stance items must be replaced."""
    doc = course()
    for s in doc["sentences"]:
        for c in s["cues"]:
            c["stance"] = "neutral"
    return doc


FILES = {
    "course": course,
    "differences": with_differences,
    "voices only": voices_only,
    "extra relation": extra_relation,
    "mostly neutral": mostly_neutral,
}


def valid(doc: dict) -> dict:
    return datafiles.validate(doc, "annotations.schema.json", Path("test annotations.yml"))


@pytest.fixture(scope="module")
def reading():
    return offline.toolkit_reading(load_source(SLUG).document)


def js_evaluate(page, reading, doc):
    return page.evaluate(
        "([r, d]) => { const ev = DLAnnotateTools.evaluate(r, d);"
        " return {dict: ev.toDict(), reply: DLAnnotateTools.evaluationReply(ev, d.sentences.length)}; }",
        [reading, doc],
    )


def test_the_course_file_scores_as_evaluate_source(js, reading):
    result = js_evaluate(js, reading, course())
    assert result["dict"] == evaluate_source(SLUG).to_dict()


@pytest.mark.parametrize("name", sorted(FILES))
def test_evaluate_is_pythons(js, reading, name):
    doc = valid(FILES[name]())
    expected = evaluate(analyze(load_source(SLUG).document), doc)
    result = js_evaluate(js, reading, doc)
    assert result["dict"] == expected.to_dict()
    assert result["reply"] == offline.evaluation_reply(expected, len(doc["sentences"]))
    assert list(result["dict"]["scores"]) == list(expected.scores)  # the components in the same order


def test_the_differences_are_found(js, reading):
    """The known differences show up as errors (so the comparison above is not of two empty lists)."""
    errors = js_evaluate(js, reading, valid(with_differences()))["dict"]["errors"]
    assert {"component": "voice", "sentence": "p1s1", "error": "wrong"}.items() <= next(
        e for e in errors if e["component"] == "voice" and e["sentence"] == "p1s1"
    ).items()
    assert any(
        e["component"] == "attributions" and e["sentence"] == "p3s1" and e["error"] == "spurious" for e in errors
    )
    assert any(e["component"] == "naming" and e["sentence"] == "p1s1" and e["error"] == "missed" for e in errors)
    assert js_evaluate(js, reading, valid(extra_relation()))["dict"]["scores"]["attributions"]["fn"] >= 1


@pytest.mark.parametrize("slug", list_sources())
def test_evaluate_on_every_course_source(js, slug):
    source = load_source(slug)
    result = js_evaluate(js, offline.toolkit_reading(source.document), source.annotations)
    assert result["dict"] == evaluate_source(slug).to_dict()


def test_no_sentence_annotated(js, reading):
    result = js_evaluate(js, reading, {"sentences": []})
    assert result["dict"] == evaluate(analyze(load_source(SLUG).document), {"sentences": []}).to_dict()


def test_repr_of_awkward_spans(js):
    texts = [
        "it's",
        'say "no"',
        "both ' and \"",
        "back\\slash",
        "tab\t",
        "nbsp\u00a0x",
        "bell\x07",
        "\u2028",
        "caf\u00e9 \U0001f600",
    ]
    assert js.evaluate("t => t.map(DLAnnotateTools.repr)", texts) == [repr(t) for t in texts]


def test_sha256_and_json_are_pythons(js):
    values = [
        ["cues", "p1s1", [{"text": "said", "stance": "neutral", "rationale": "\u201cq\u201d \u00e9 \U0001f600"}]],
        ["x" * 55],
        ["y" * 56],
        ["z" * 64],
        ["voices", [["p1s1", "source", 'a "b" \\ c\n']]],
        ["unattributed", {"p2s1": [{"b": 1, "a": None, "c": True}], "p10s1": []}],
    ]
    for v in values:
        text = json.dumps(v, sort_keys=True, ensure_ascii=False)
        assert js.evaluate("v => DLAnnotateTools.pyJson(v)", v) == text
        assert js.evaluate("t => DLAnnotateTools.sha256(t)", text) == hashlib.sha256(text.encode()).hexdigest()


# ------------------------------------------------------------------ generate


def python_bank(doc: dict, tmp_path, chapter: int = 0) -> dict:
    """``generate.bank_data`` on a copy of the example's folder holding ``doc``."""
    folder = tmp_path / SLUG
    folder.mkdir(exist_ok=True)
    src = load_source(SLUG).folder
    for name in ("article.txt", "meta.yml"):
        shutil.copy(src / name, folder / name)
    (folder / "annotations.yml").write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return gen.bank_data(source_at(folder), chapter)


def js_bank(page, doc, chapter=0):
    texts = {s.id: s.text for s in load_source(SLUG).document.sentences}
    return page.evaluate(
        "([slug, d, t, g]) => { const made = DLAnnotateTools.bankData(slug, d, t, g);"
        " return {data: DLAnnotateTools.plain(made.data), errors: made.errors,"
        " yaml: DLAnnotateTools.bankYaml(made.data, '# h\\n'), kinds: DLAnnotateTools.kindCounts(made.data, g.prefix)}; }",
        [SLUG, doc, texts, offline.generation_data(chapter)],
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_generate_is_pythons(js, tmp_path, name):
    doc = valid(FILES[name]())
    expected = python_bank(doc, tmp_path)
    made = js_bank(js, doc)
    assert made["errors"] == []
    assert made["data"] == expected
    assert made["yaml"] == "# h\n" + yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=100)
    assert sum(k["count"] for k in made["kinds"]) == len(expected["exercises"])


def test_generate_in_another_chapter(js, tmp_path):
    assert js_bank(js, course(), chapter=8)["data"] == python_bank(course(), tmp_path, chapter=8)


def test_variety_no_more_than_two_of_a_kind_with_the_same_answer(js, tmp_path):
    made = js_bank(js, valid(mostly_neutral()))["data"]
    assert made == python_bank(mostly_neutral(), tmp_path)

    def kind(e):  # gen-<slug>-<kind>-...
        return e["id"][len(gen.GENERATED_PREFIX + SLUG) + 1 :].split("-")[0]

    stances = [e["answer"] for e in made["exercises"] if kind(e) == "stance"]
    assert stances.count("neutral") == gen.MAX_SAME_ANSWER
    assert "content" in map(kind, made["exercises"])  # the neutral cues beyond two: "what is reported?"
    seen: dict = {}
    for e in made["exercises"]:
        key = (kind(e), json.dumps(e["answer"], sort_keys=True))
        seen[key] = seen.get(key, 0) + 1
    assert max(seen.values()) <= gen.MAX_SAME_ANSWER


def test_a_bank_the_schema_refuses_is_refused(js):
    """The browser validates the bank as bank_data does: a broken one gives the schema's lines."""
    data = offline.generation_data()
    bad = {
        "chapter": 0,
        "title": "t",
        "source": SLUG,
        "exercises": [{"id": "gen-x", "type": "choice", "kind": "objective"}],
    }
    errors = js.evaluate("([b, s]) => DLAnnotateStatic.validate(b, s).map(e => e.message)", [bad, data["schema"]])
    assert errors
    with pytest.raises(datafiles.DataFileError):
        datafiles.validate(bad, offline.BANK_SCHEMA, Path("bad.yml"))
    ok = python_bank_plain()
    assert js.evaluate("([b, s]) => DLAnnotateStatic.validate(b, s).length", [ok, data["schema"]]) == 0


def python_bank_plain() -> dict:
    return gen.bank_data(SLUG)


def test_the_page_carries_the_tools_only_when_given(tmp_path):
    """Lesson 8's page carries the toolkit's reading and says the buttons work; a page without it keeps
    the note that they need a kernel; a folder that cannot be read gives no tools (the widget's error)."""
    state = static.static_state(SLUG)
    without = static.page_data(state)
    assert "tools" not in without and without["kernel_note"] == static.KERNEL_NOTE
    assert not without["state"].get("offline_tools")
    tools = static.static_tools(SLUG)
    assert tools is not None
    page = static.page_data(state, None, tools)
    assert page["tools"]["toolkit"] == offline.toolkit_reading(load_source(SLUG).document)
    assert page["tools"]["generate"] == offline.generation_data(0)
    assert page["state"]["offline_tools"] is True and page["kernel_note"] == static.TOOLS_NOTE
    assert static.static_tools(tmp_path / "no-such-folder") is None
    assert static.TOOLS_JS in static.js_files() and static.TOOLS_JS in static.site_files()
