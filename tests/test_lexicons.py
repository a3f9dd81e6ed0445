"""Do the course lexicons load, validate, and hold what the analyses and the gold file rely on?"""

import copy

import pytest

from discourse_lab import datafiles, lexicons
from discourse_lab.errors import DataFileError
from discourse_lab.paths import LEXICONS_DIR
from discourse_lab.sources import load_source

FILES = sorted(LEXICONS_DIR.glob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_lexicon_validates(path):
    datafiles.load(path)


def test_every_category_cites_known_references():
    from support import ROOT

    bib = (ROOT / "chapters" / "references.bib").read_text(encoding="utf-8")
    for lexicon in (
        lexicons.reporting_verbs(),
        lexicons.bias_cues(),
        lexicons.framing_functions(),
        lexicons.generic_frames(),
    ):
        for category in lexicon.categories:
            for key in category.cite:
                assert "{" + key + "," in bib, f"{lexicon.name}/{category.id} cites unknown key {key}"


def test_a_cue_belongs_to_one_stance_only():
    seen: dict[str, str] = {}
    for category in lexicons.reporting_verbs().categories:
        for cue in category.cues:
            assert cue not in seen, f"{cue} in both {seen.get(cue)} and {category.id}"
            seen[cue] = category.id


def test_gold_ids_exist_in_the_lexicons():
    """Does every stance and naming variant used in the gold file exist in the lexicons?"""
    stances = set(lexicons.reporting_verbs().ids)
    for sentence in load_source().annotations["sentences"]:
        for cue in sentence["cues"]:
            assert cue["stance"] in stances
        for name in sentence["naming"]:
            lexicons.naming_variant(name["variant"])


def test_gold_spans_are_substrings_of_their_sentences():
    source = load_source()
    for sentence in source.annotations["sentences"]:
        text = source.document.sentence(sentence["id"]).text
        spans = [a["content"] for a in sentence["attributions"]] + [
            a["cue"] for a in sentence["attributions"] if a["cue"]
        ]
        spans += [c["text"] for key in ("cues", "naming", "bias_cues") for c in sentence[key]]
        for span in spans:
            assert span in text, (sentence["id"], span)


def test_a_broken_lexicon_is_rejected_with_one_line(tmp_path):
    data = copy.deepcopy(lexicons.raw("reporting-verbs"))
    data["categories"][0]["writer_stance"] = "approves"
    with pytest.raises(DataFileError) as caught:
        datafiles.validate(data, "lexicon.schema.json", tmp_path / "reporting-verbs.yml")
    assert "\n" not in str(caught.value) and "writer_stance" in str(caught.value)
