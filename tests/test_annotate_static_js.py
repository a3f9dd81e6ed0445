"""The static site's stand-in for the kernel agrees with Python: the same file, the same problems.

``assets/annotate-static.js`` does on the built page what :mod:`discourse_lab.annotate.store` does
in the kernel: it puts an edited document in the file's form (``canonical``), says what is wrong
per sentence (``problems``, the same lines), and writes ``annotations.yml`` (``dumpYaml``). Both run
here on the same inputs, in headless Chromium on a blank page (no server, no network); the YAML the
browser writes is read back with PyYAML and by the store.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from discourse_lab import datafiles
from discourse_lab.annotate import static, store
from discourse_lab.sources import list_sources, load_source


@pytest.fixture(scope="module")
def js(browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # nothing may be fetched
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<!doctype html><title>t</title><body></body>")
    page.add_script_tag(content=static.asset(static.STATIC_JS))
    assert page.evaluate("typeof DLAnnotateStatic.dumpYaml") == "function"
    yield page
    assert errors == []
    context.close()


KEYS = static.store_keys()
ORDER = static.yaml_order(KEYS)
SCHEMA = static.annotation_schema()


def js_yaml(page, doc, header=""):
    return page.evaluate("([d, o, h]) => DLAnnotateStatic.dumpYaml(d, o, h)", [doc, ORDER, header])


def js_canonical(page, doc, order):
    return page.evaluate("([d, k, o]) => DLAnnotateStatic.canonical(d, k, o)", [doc, KEYS, order])


def js_problems(page, doc, article):
    return page.evaluate("([d, a, s]) => DLAnnotateStatic.problems(d, a, s)", [doc, article, SCHEMA])


def article_of(document) -> dict:
    """The ``article`` trait's paragraphs, as the widget sends them (widget.article_data)."""
    return {
        "paragraphs": [
            {"id": p.id, "sentences": [{"id": s.id, "text": s.text, "tokens": []} for s in p.sentences]}
            for p in document.paragraphs
        ]
    }


def gold(slug):
    source = load_source(slug)
    return source, datafiles.load_structured(source.folder / "annotations.yml")


TRICKY = [
    "yes",
    "No",
    "OFF",
    "null",
    "~",
    "",
    " lead",
    "trail ",
    "a: b",
    "# c",
    "x #y",
    "'q'",
    '"dq"',
    "it's",
    "2024",
    "1e3",
    "0x1F",
    "-dash",
    "? q",
    "[a]",
    "{b}",
    "a, b",
    "tab\there",
    "line\nbreak",
    "para\u2028sep",
    "emoji \U0001f600",
    "bell \x07",
    "del \x7f",
    "nel \x85",
    "\ufeffbom",
    "caf\u00e9",
    "\u00dcn\u00efcode",
    "@at",
    "`bt",
    "%pct",
    "!bang",
    "&amp",
    "*star",
    "|pipe",
    ">gt",
    "back\\slash",
    "true",
    "On",
    "=",
    "<<",
    ".inf",
    "1:30",
    "2024-01-01",
    "Marovia\u2019s minister said: \u201cno\u201d.",
    "x" * 300,
    "a  b",
    "trailing\n",
]


def tricky_doc():
    sentence = {
        "id": "p1s1",
        "voice": "journalist",
        "rationale": "x",
        "attributions": [{"source": None, "cue": None, "content": s, "type": "direct", "rationale": s} for s in TRICKY],
        "cues": [],
        "framing": {"functions": ["moral_evaluation"], "frames": TRICKY[:8], "rationale": "r"},
        "naming": [{"text": "Sarn", "variant": "v", "marked": False, "rationale": "n/a"}],
        "bias_cues": [],
    }
    return {
        "source": "x",
        "annotator": "A \u00b7 B",
        "guidelines": 'g: "h"',
        "sentences": [sentence],
        "extra": {"n": 3, "f": 1.5, "t": True, "words": ["two words", "one"], "empty": {}, "deep": [[1, 2], {}]},
    }


@pytest.mark.parametrize("slug", list_sources())
def test_yaml_of_the_gold_files_reads_back_the_same(js, slug):
    source, doc = gold(slug)
    text = js_yaml(js, doc)
    assert yaml.safe_load(text) == doc
    # and the store's form of it, key for key in the store's order
    canon = store.canonical(doc, [s.id for s in source.document.sentences])
    text = js_yaml(js, canon)
    assert yaml.safe_load(text) == canon
    assert json.dumps(yaml.safe_load(text)) == json.dumps(yaml.safe_load(store.dump(canon)))  # same key order


def test_yaml_of_awkward_strings_reads_back_the_same(js):
    doc = tricky_doc()
    text = js_yaml(js, doc, "# a header\n")
    assert text.startswith("# a header\n")
    assert yaml.safe_load(text) == doc


@pytest.mark.parametrize("slug", list_sources())
def test_yaml_is_the_stores_byte_for_byte(js, slug):
    """The same text as the kernel's store.dump: a file the browser wrote and the kernel later
    rewrites changes only where the annotation did."""
    source, doc = gold(slug)
    canon = store.canonical(doc, [s.id for s in source.document.sentences])
    assert js_yaml(js, canon) == store.dump(canon)


EDITS = [
    lambda d: d,
    lambda d: {**d, "sentences": list(reversed(d["sentences"]))},  # out of order
    lambda d: {**d, "annotator": "", "guidelines": None},
    lambda d: {**d, "sentences": [{**s, "voice": "", "rationale": "  padded  "} for s in d["sentences"]]},
    lambda d: {**d, "sentences": [{"id": s["id"]} for s in d["sentences"]]},  # nothing annotated: dropped
    lambda d: {
        **d,
        "sentences": [{"id": "p9s9", "voice": "source"}, *d["sentences"], "not a sentence", {"voice": "x"}],
    },
    lambda d: {**d, "sentences": [{**s, "voice": "bogus", "extra": 1} for s in d["sentences"][:3]]},
    lambda d: {
        **d,
        "sentences": [
            {
                **s,
                "attributions": [
                    {"source": None, "cue": "said", "content": "  ", "type": "quote", "rationale": "ab"},
                    {"source": "", "cue": None, "content": "nowhere in it", "type": "direct"},
                    {},
                    "x",
                ],
                "cues": [{"text": "said", "stance": "Not A Stance"}],
                "framing": {
                    "functions": ["problem_definition", "problem_definition"],
                    "frames": ["war"],
                    "rationale": " ",
                },
                "naming": [{"text": "Sarn", "variant": "river", "marked": False}],
                "bias_cues": [{"text": "x", "kind": "framing", "category": "loaded", "rationale": "why"}],
                "scare_quotes": [{"text": "", "rationale": ""}],
            }
            for s in d["sentences"][:2]
        ],
    },
    lambda d: {"sentences": []},
    lambda d: {**d, "sentences": d["sentences"] * 2, "comment": "kept"},
]


@pytest.mark.parametrize("slug", list_sources())
@pytest.mark.parametrize("edit", range(len(EDITS)))
def test_canonical_and_problems_as_the_kernel_says_them(js, slug, edit):
    source, doc = gold(slug)
    edited = EDITS[edit](copy.deepcopy(doc))
    order = [s.id for s in source.document.sentences]
    python = store.canonical(copy.deepcopy(edited), order)
    browser = js_canonical(js, edited, order)
    assert json.dumps(browser) == json.dumps(python)  # same keys, same order
    assert js_problems(js, python, article_of(source.document)) == store.problems(python, source.document)


def test_problems_are_named_beside_their_sentence(js):
    """The control: a document with a wrong voice and a missing rationale has problems, under its sentence."""
    source, doc = gold("sarn-river-treaty")
    doc = copy.deepcopy(doc)
    doc["sentences"][1]["voice"] = "bogus"
    del doc["sentences"][1]["rationale"]
    found = js_problems(js, doc, article_of(source.document))
    sid = doc["sentences"][1]["id"]
    assert found == store.problems(doc, source.document)
    assert set(found) == {sid} and any("rationale is missing" in line for line in found[sid])
    assert any("'bogus' is not one of source, journalist, mixed" in line for line in found[sid])


@pytest.mark.parametrize("edit", range(len(EDITS)))
def test_schema_errors_as_jsonschema_words_them(js, edit):
    source, doc = gold("lavrov-interview-2024")
    edited = EDITS[edit](copy.deepcopy(doc))
    validator = datafiles._jsonschema().Draft202012Validator(SCHEMA)
    python = [(list(e.absolute_path), e.message) for e in validator.iter_errors(edited)]
    browser = [
        (e["path"], e["message"]) for e in js.evaluate("([d, s]) => DLAnnotateStatic.validate(d, s)", [edited, SCHEMA])
    ]
    assert browser == python


def test_the_downloaded_file_is_read_and_validated_by_the_store(js, tmp_path):
    source, doc = gold("sarn-river-treaty")
    order = [s.id for s in source.document.sentences]
    canon = store.canonical(doc, order)
    header = store.header_of(None, "sarn-river-treaty")
    folder = tmp_path / "sarn-river-treaty"
    folder.mkdir()
    (folder / "article.txt").write_bytes((source.folder / "article.txt").read_bytes())
    (folder / "annotations.yml").write_text(js_yaml(js, canon, header), encoding="utf-8")
    read, raw = store.read(folder / "annotations.yml")
    assert read == canon and raw is not None and raw.startswith(header.encode())
    datafiles.validate(read, "annotations.schema.json", folder / "annotations.yml")
    assert store.problems(read, source.document) == {}
    target = store.Target("sarn-river-treaty", folder)
    assert store.AnnotationFile(target, source.document).load() == canon


# ---------------------------------------------------------------- Compare: agree.compare in the browser


def js_agreement(page, a, b, article):
    return page.evaluate("([a, b, t]) => DLAnnotateStatic.agreement(a, b, t)", [a, b, article])


def python_agreement(a, b, document) -> dict:
    from discourse_lab.annotate import agree

    texts = {s.id: s.text for s in document.sentences}
    found = agree.compare("x", Path("a.yml"), a, Path("b.yml"), b, texts).to_dict()
    return {k: v for k, v in found.items() if k not in ("source", "a", "b")}


def test_compare_gives_the_agree_figures_on_the_pair_with_known_differences(js, tmp_path):
    """The pair of tests/test_agree.py, whose figures are worked out by hand there: the browser's
    Compare says what ``discourse-lab agree`` says, figure for figure and line for line."""
    from private_source import ANNOTATIONS, write_source
    from test_agree import annotator_b

    from discourse_lab.sources import source_at

    document = source_at(write_source(tmp_path)).document
    b = annotator_b()
    browser = js_agreement(js, ANNOTATIONS, b, article_of(document))
    assert browser == python_agreement(ANNOTATIONS, b, document)
    assert browser["voice"]["agreed"] == 3 and browser["voice"]["kappa"] == pytest.approx(1 / 3, abs=1e-4)
    assert browser["relations"]["f1"] == 0.8 and browser["cues"]["stance"]["kappa"] == 0


COMPARE_EDITS = [
    lambda d: d,
    lambda d: {**d, "sentences": d["sentences"][::2]},  # half the sentences annotated
    lambda d: {**d, "sentences": [{**s, "voice": "mixed"} for s in d["sentences"]]},
    lambda d: {**d, "sentences": [{**s, "attributions": s["attributions"][1:]} for s in d["sentences"]]},
    lambda d: {
        **d,
        "sentences": [
            {
                **s,
                "attributions": [
                    {**r, "content": r["content"][: max(1, len(r["content"]) // 2)], "type": "mixed"}
                    for r in s["attributions"]
                ],
                "cues": [{**c, "stance": "distancing"} for c in s["cues"]],
            }
            for s in d["sentences"]
        ],
    },
    lambda d: {
        **d,
        "sentences": [
            {**s, "attributions": [{**r, "source": None, "source_span": None} for r in s["attributions"]]}
            for s in d["sentences"]
        ],
    },
]


@pytest.mark.parametrize("slug", list_sources())
@pytest.mark.parametrize("edit", range(len(COMPARE_EDITS)))
def test_compare_as_agree_on_the_course_files(js, slug, edit):
    source, doc = gold(slug)
    mine = COMPARE_EDITS[edit](copy.deepcopy(doc))
    browser = js_agreement(js, mine, doc, article_of(source.document))
    assert browser == python_agreement(mine, doc, source.document)
    if edit:
        assert browser["disagreements"], "an edit that changes nothing tests nothing"
