"""`discourse-lab agree`: two annotations of the Velm item (tests/private_source.py) with differences made by hand.

Annotator A is the fixture's annotation. Annotator B differs in these ways, and every figure below
is worked out by hand from them:

* voices (A / B): p1s1 J/J, p1s2 J/S, p2s1 S/S, p2s2 S/M, p3s1 J/J: 3 of 5 agree (0.6). Chance
  agreement from the label counts (A: J3 S2; B: J2 S2 M1) is (3x2 + 2x2 + 0x1) / 25 = 0.4, so
  kappa = (0.6 - 0.4) / (1 - 0.4) = 1/3;
* relations: A has 2 (p2s1 "said", p2s2 "claimed"), B the same two plus one in p1s1 ("opened"):
  2 matched, F1 = 2 x 2 / (2 + 3) = 0.8. In p2s1, B's source span is "Mira Olsen" (A: "the
  council's chair, Mira Olsen") and B's content stops at "We wanted a place": both overlap, neither
  is exact, so source and content are exact 1 of 2 and overlap 2 of 2;
* type: p2s1 direct/direct, p2s2 indirect/mixed: 1 of 2; chance (1x1 + 1x0 + 0x1) / 4 = 0.25, kappa
  = (0.5 - 0.25) / 0.75 = 1/3;
* cues: A said, claimed; B said, claimed, opened: 2 matched, F1 0.8; stance of "claimed":
  distancing/neutral, so 1 of 2; chance (A: neutral 1, distancing 1; B: neutral 2) = 2/4 = 0.5,
  kappa = (0.5 - 0.5) / 0.5 = 0.
"""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from discourse_lab import cli
from discourse_lab.annotate import agree
from private_source import ANNOTATIONS, SLUG, write_source


def annotator_b() -> dict:
    data = copy.deepcopy(ANNOTATIONS)
    data["annotator"] = "annotator B"
    s = {entry["id"]: entry for entry in data["sentences"]}
    s["p1s2"]["voice"] = "source"
    s["p2s2"]["voice"] = "mixed"
    said = s["p2s1"]["attributions"][0]
    said["source_span"] = "Mira Olsen"
    said["content"] = "We wanted a place"
    s["p2s2"]["attributions"][0]["type"] = "mixed"
    s["p2s2"]["cues"][0]["stance"] = "neutral"
    s["p1s1"]["attributions"] = [
        {
            "source": "The town council of Velm",
            "cue": "opened",
            "content": "a rebuilt public library",
            "type": "indirect",
            "rationale": "B reads the opening as a report.",
        }
    ]
    s["p1s1"]["cues"] = [{"text": "opened", "stance": "neutral", "rationale": "B's reading."}]
    return data


@pytest.fixture
def pair(tmp_path):
    folder = write_source(tmp_path)
    b = folder / "annotations-b.yml"
    b.write_text(yaml.safe_dump(annotator_b(), sort_keys=False), encoding="utf-8")
    return folder / "annotations.yml", b


def test_figures_computed_by_hand(pair):
    result = agree.agree(*pair).to_dict()
    assert result["voice"] == {"units": 5, "agreed": 3, "agreement": 0.6, "kappa": 0.3333}
    relations = result["relations"]
    assert (relations["in_a"], relations["in_b"], relations["matched"], relations["f1"]) == (2, 3, 2, 0.8)
    assert relations["source"] == {"exact": 1, "exact_share": 0.5, "overlap": 2, "overlap_share": 1.0}
    assert relations["content"] == {"exact": 1, "exact_share": 0.5, "overlap": 2, "overlap_share": 1.0}
    assert relations["type"] == {"units": 2, "agreed": 1, "agreement": 0.5, "kappa": 0.3333}
    assert relations["stance"] == {"units": 2, "agreed": 1, "agreement": 0.5, "kappa": 0.0}
    cues = result["cues"]
    assert (cues["in_a"], cues["in_b"], cues["matched"], cues["f1"]) == (2, 3, 2, 0.8)
    assert cues["stance"] == {"units": 2, "agreed": 1, "agreement": 0.5, "kappa": 0.0}


def test_disagreements_are_listed_by_sentence_in_text_order(pair):
    listed = [(d["sentence"], d["field"], d["a"], d["b"]) for d in agree.agree(*pair).disagreements]
    assert listed == [
        ("p1s1", "relation", None, "'The town council of Velm' / 'opened' / indirect: a rebuilt public library"),
        ("p1s1", "cue", None, "opened"),
        ("p1s2", "voice", "journalist", "source"),
        ("p2s1", "relation 'said': source", "the council's chair, Mira Olsen", "Mira Olsen"),
        ("p2s1", "relation 'said': content", "We wanted a place that the next flood cannot reach", "We wanted a place"),
        ("p2s2", "voice", "source", "mixed"),
        ("p2s2", "relation 'claimed': type", "indirect", "mixed"),
        ("p2s2", "cue 'claimed': stance", "distancing", "neutral"),
    ]


def test_agreement_is_symmetric(pair):
    forward, backward = agree.agree(*pair).to_dict(), agree.agree(*reversed(pair)).to_dict()
    for part in ("voice", "relations", "cues"):
        f, b = dict(forward[part]), dict(backward[part])
        if "in_a" in f:
            f["in_a"], f["in_b"] = f["in_b"], f["in_a"]
        assert f == b


def test_identical_files_agree_fully_and_kappa_is_undefined_when_chance_is_certain(tmp_path):
    folder = write_source(tmp_path)
    result = agree.agree(folder / "annotations.yml", folder / "annotations.yml").to_dict()
    assert result["voice"]["agreement"] == 1.0 and result["voice"]["kappa"] == 1.0
    assert result["relations"]["f1"] == 1.0 and result["disagreements"] == []
    # Both annotators use one label for everything: chance agreement is 1, kappa has no value.
    assert agree.cohen_kappa([("neutral", "neutral")] * 3) is None


def test_a_repeated_cue_is_taken_where_it_is_nearest_its_content():
    sentence = 'He said the talks failed, and "we said no," the minister said.'
    content = (sentence.index("we said no"), sentence.index("we said no") + len("we said no"))
    assert agree.locate(sentence, "said", near=content) == (sentence.index(" said.") + 1, len(sentence) - 1)
    assert agree.locate(sentence, "said") == (3, 7)


def test_cli_text_and_json(pair, capsys):
    assert cli.main(["agree", str(pair[0]), str(pair[1])]) == 0
    out = capsys.readouterr().out
    assert "voice      3 of 5 sentences agree (0.60), Cohen's kappa 0.33" in out
    assert "relations  A 2, B 3, matched on the cue 2: F1 0.80" in out
    assert "  p2s2    cue 'claimed': stance: A distancing | B neutral" in out
    assert cli.main(["agree", str(pair[0]), str(pair[1]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == SLUG and len(data["disagreements"]) == 8


def test_two_annotations_of_different_texts_are_refused(tmp_path, capsys):
    one = write_source(tmp_path / "one")
    other = write_source(tmp_path / "two")
    (other / "article.txt").write_text(
        (other / "article.txt").read_text(encoding="utf-8").replace("Saturday", "Sunday"), encoding="utf-8"
    )
    assert cli.main(["agree", str(one / "annotations.yml"), str(other / "annotations.yml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "annotate different texts" in err and "Traceback" not in err

    sarn = "data/sources/sarn-river-treaty/annotations.yml"
    assert cli.main(["agree", str(one / "annotations.yml"), sarn]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "('velm-library' and 'sarn-river-treaty')" in err


def test_a_file_that_is_not_an_annotation_is_one_line(tmp_path, capsys):
    folder = write_source(tmp_path)
    assert cli.main(["agree", str(folder / "annotations.yml"), str(folder / "meta.yml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "meta.yml" in err
