"""The trained tagger/parser ships and loads lazily; the real-news scorer counts what it should.

The scorer tests use a tiny brat file written here (sentences written for the tests, no PolNeAR
text). The last test reads the PolNeAR sample only when it sits beside the project.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import attribution_polnear as bench

ROOT = Path(__file__).resolve().parent.parent


def test_model_ships_in_the_package_with_its_card_and_accuracy():
    from discourse_lab import syntax

    folder = Path(str(syntax.model_path()))
    assert (folder / "README.md").is_file() and (folder / "config.cfg").is_file()
    accuracy = json.loads((folder / "accuracy.json").read_text())
    assert accuracy["held_out_test"]["tag_acc"] > 0.85 and accuracy["held_out_test"]["dep_uas"] > 0.7
    assert "CC BY-SA 4.0" in (folder / "README.md").read_text()


def test_parse_tags_and_attaches_within_each_sentence():
    from discourse_lab import syntax, text
    from discourse_lab.matching import DocView

    view = DocView(text.parse("The minister said the talks would resume. Fighters of the Islamic State left."))
    parse = syntax.parse(view)
    words = [t.text for t in view.tokens]
    said = words.index("said")
    assert parse.tags[said].startswith("VB") and parse.deps[words.index("minister")] == "nsubj"
    assert parse.heads[words.index("minister")] == said
    assert parse.tags[words.index("State")] in {"NNP", "NN"}
    for a, b in view.sentence_bounds:  # no arc crosses the toolkit's own sentence boundaries
        assert all(a <= parse.heads[i] < b for i in range(a, b))


def test_import_stays_lazy():
    code = "import sys, discourse_lab.analysis; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    body = "Ortiz said the border would reopen. The talks, officials believe, will fail."
    (tmp_path / "text" / "pub_a.txt").write_text(body, encoding="utf-8")
    ann = [
        "T1\tSource 0 5\tOrtiz",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 34\tthe border would reopen",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        "T4\tSource 47 56\tofficials",
        "T5\tCue 57 64\tbelieve",
        "T6\tContent 36 45;66 76\tThe talks will fail",
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
    ]
    (tmp_path / "attributions" / "pub_a_x1.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return tmp_path


def test_scorer_reads_brat_and_discontinuous_spans(corpus):
    gold = bench.read_gold(corpus / "attributions" / "pub_a_x1.ann")
    assert [g["cue"] for g in gold] == [(6, 10), (57, 64)]
    assert gold[1]["content"] == (36, 76)


def test_scorer_counts_a_wrong_source_and_a_missed_cue(corpus):
    def system(_text):  # one right cue with the wrong source, nothing for "believe"
        return [{"cue": (6, 10), "source": (11, 21), "content": (11, 34), "rule": "test"}]

    scores = bench.score(system, corpus, ["pub_a_x1"])
    assert scores["cue_overlap"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667}
    assert scores["source_accuracy"] == 0.0 and scores["relation"]["f1"] == 0.0
    assert scores["say_tell_recall"] == 1.0


def test_split_is_fixed_by_file_name(corpus):
    assert bench.articles(corpus) == [("pub_a_x1", "dev")]


@pytest.mark.skipif(not (bench.DEFAULT_DATA / "attributions").is_dir(), reason="PolNeAR sample absent")
def test_toolkit_beats_the_regex_on_a_few_development_articles():
    stems = [s for s, part in bench.articles(bench.DEFAULT_DATA) if part == "dev"][:6]
    toolkit = bench.score(bench.toolkit, bench.DEFAULT_DATA, stems)
    regex = bench.score(bench.baseline, bench.DEFAULT_DATA, stems)
    assert toolkit["cue_overlap"]["f1"] > regex["cue_overlap"]["f1"]
    assert toolkit["relation"]["f1"] > regex["relation"]["f1"]


def test_misses_lists_the_development_errors_and_refuses_the_held_out_part(corpus, capsys):
    """The error list the rules are tuned on comes from the development part only."""
    assert bench.main(["--data", str(corpus), "--part", "held-out", "--misses", "5"]) == 2
    assert "development part only" in capsys.readouterr().err
    assert bench.main(["--data", str(corpus), "--misses", "5"]) == 0
    out = capsys.readouterr().out
    assert "missed cues (development part" in out and "false cues (development part" in out
