"""Private banks: `bank new` from an instructor's own annotated source, `validate --bank`, and a whole
round through assign, hand-in and grade on a source written into tmp_path (tests/private_source.py)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from discourse_lab import cli, paths
from discourse_lab.course import shuffle
from discourse_lab.exercises import handout
from discourse_lab.exercises.store import AnswerStore
from discourse_lab.exercises.submission import export_submission
from discourse_lab.exercises.widget import ExerciseWidget
from private_source import SLUG, write_source

GENERATED = [f"gen-{SLUG}-voices", f"gen-{SLUG}-cues-p2s2", f"gen-{SLUG}-stance-p2s2-1", f"gen-{SLUG}-unattributed"]


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("term")
    source = write_source(root / "my-sources")
    assert cli.main(["bank", "new", str(root / "bank"), "--source", str(source)]) == 0
    return root / "bank"


def hand_in(student_id: str, out: Path, answers: dict, folder: Path) -> Path:
    """A student answers through the handout's widgets (graded mode) and exports, as the notebook does."""
    man = json.loads((out / "instructor" / "manifest.json").read_text())
    key = json.loads((out / "instructor" / "key.json").read_text())["exercises"]
    shown = handout.load(man["assignment_id"], out / "student")
    store = AnswerStore(folder / f"{student_id}-store.json")
    for ex_id, answer in answers.items():
        widget = ExerciseWidget(shown[ex_id], mode="graded", store=store)
        widget.answer = shuffle.handout_answer(key[ex_id]["type"], key[ex_id].get("handout", {}), answer)
        assert widget.feedback["status"] == "saved"
    return export_submission(
        folder / f"{man['assignment_id']}-{student_id}.json",
        student_id,
        store=store,
        exercises=list(key),
        assignment_id=man["assignment_id"],
    )


def test_bank_new_writes_generated_exercises_templates_and_the_source(bank, capsys):
    assert sorted(p.name for p in bank.iterdir()) == ["generated.yml", "sources", "templates.yml"]
    assert sorted(p.name for p in (bank / "sources" / SLUG).iterdir()) == ["annotations.yml", "article.txt", "meta.yml"]
    generated = yaml.safe_load((bank / "generated.yml").read_text())
    ids = [e["id"] for e in generated["exercises"]]
    assert set(GENERATED) <= set(ids) and generated["source"] == SLUG
    templates = yaml.safe_load((bank / "templates.yml").read_text())["exercises"]
    assert sorted(e["type"] for e in templates) == ["matching", "ordering", "rewrite", "short_text"]
    assert all(e["title"].startswith("TEMPLATE") for e in templates)
    assert [e for e in templates if e["kind"] == "judgement" and not e["rubric"]] == []


def test_validate_bank_passes_a_new_bank_and_notes_the_templates(bank, capsys):
    assert cli.main(["validate", "--bank", str(bank)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"10 of 10 exercises valid in {bank}"
    notes = captured.err.strip().splitlines()
    assert len(notes) == 4 and all("still a template" in n and "templates.yml: exercise" in n for n in notes)


def test_validate_bank_gives_one_line_per_problem_naming_file_and_exercise(bank, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(bank, broken)
    data = yaml.safe_load((broken / "generated.yml").read_text())
    by_id = {e["id"]: e for e in data["exercises"]}
    by_id[f"gen-{SLUG}-stance-p2s2-1"]["answer"] = "no-such-option"
    by_id[f"gen-{SLUG}-voices"]["points"] = -1
    by_id[f"gen-{SLUG}-cues-p2s2"]["sentence"] = "p9s9"
    (broken / "generated.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    assert cli.main(["validate", "--bank", str(broken)]) == 1
    problems = [line for line in capsys.readouterr().err.splitlines() if "note:" not in line]
    assert len(problems) == 3, problems
    for ex_id, reason in (
        (f"gen-{SLUG}-stance-p2s2-1", "is not one of the options"),
        (f"gen-{SLUG}-voices", "points"),
        (f"gen-{SLUG}-cues-p2s2", "p9s9"),
    ):
        (line,) = [p for p in problems if f"exercise {ex_id}:" in p]
        assert "generated.yml" in line and reason in line, line


def test_a_public_exercise_copied_into_a_private_bank_is_noted(bank, tmp_path, capsys):
    mixed = tmp_path / "mixed"
    shutil.copytree(bank, mixed)
    text = (paths.EXERCISES_DIR / "ch01-source.yml").read_text(encoding="utf-8")
    (mixed / "copied.yml").write_text(text.replace("id: ch01-source-dateline", "id: my-dateline"), encoding="utf-8")
    assert cli.main(["validate", "--bank", str(mixed)]) == 0
    assert "exercise my-dateline: asks the public exercise ch01-source-dateline's question" in capsys.readouterr().err


@pytest.mark.parametrize(
    "where, problem",
    [
        ("existing", "exists and is not empty"),
        ("data", "inside the course's public data/ folder"),
        ("public-source", "is a source of the public course"),
    ],
)
def test_bank_new_refuses_with_one_line(bank, tmp_path, capsys, where, problem):
    source = bank / "sources" / SLUG
    target = tmp_path / "new-bank"
    if where == "existing":
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    elif where == "data":
        target = paths.DATA_DIR / "exercises" / "private"
    else:
        source = paths.SOURCES_DIR / "sarn-river-treaty"
    assert cli.main(["bank", "new", str(target), "--source", str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0], err
    if where == "existing":
        assert [p.name for p in target.iterdir()] == ["notes.txt"]
    elif where == "data":
        assert not target.exists()


def test_a_broken_source_is_one_line_naming_its_file(tmp_path, capsys):
    source = write_source(tmp_path / "src")
    annotations = yaml.safe_load((source / "annotations.yml").read_text())
    annotations["sentences"][0]["id"] = "p7s1"
    (source / "annotations.yml").write_text(yaml.safe_dump(annotations))
    assert cli.main(["bank", "new", str(tmp_path / "b"), "--source", str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "annotations.yml: sentence p7s1 is not in article.txt" in err[0]
    assert not (tmp_path / "b").exists() and [p.name for p in tmp_path.iterdir()] == ["src"]


def test_assign_refuses_unedited_templates(bank, tmp_path, capsys):
    argv = [
        "assign",
        "--exercises",
        f"{SLUG}-ordering",
        "--title",
        "T",
        "--out",
        str(tmp_path / "a"),
        "--bank",
        str(bank),
    ]
    assert cli.main(argv) == 2
    assert "still the template text" in capsys.readouterr().err


def test_bank_new_validate_assign_hand_in_grade(bank, tmp_path, capsys):
    """The instructor's round on a private bank: assigned without --allow-public and without warning,
    answered through the handout's widgets, graded to the points the answers are worth."""
    out = tmp_path / "week1"
    code = cli.main(
        [
            "assign",
            "--exercises",
            ",".join(GENERATED),
            "--title",
            "Week 1",
            "--out",
            str(out),
            "--bank",
            str(bank),
            "--due",
            "2027-02-10T23:59+01:00",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    assert "(hand out both; no key in them; options shuffled)" in captured.out
    # The student's notebook carries the private text itself: the student's package does not have it.
    nb = nbformat.read(next((out / "student").glob("*.ipynb")), as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "passages_html(" not in text.split("import passages_html", 1)[1]
    assert "`p2s2` Local booksellers claimed that the council had spent too much on the design." in text
    key = json.loads((out / "instructor" / "key.json").read_text())["exercises"]
    right = {ex_id: key[ex_id]["answer"] for ex_id in GENERATED}
    half = dict(right)
    half[f"gen-{SLUG}-stance-p2s2-1"] = "neutral"  # "claimed" is distancing
    half[f"gen-{SLUG}-voices"] = dict(right[f"gen-{SLUG}-voices"], p2s2="journalist")  # 4 of 5 right
    subs = [hand_in("s001", out, right, tmp_path), hand_in("s002", out, half, tmp_path)]
    gradebook = tmp_path / "gradebook.csv"
    assert (
        cli.main(
            [
                "grade",
                "--assignment",
                str(out / "instructor"),
                *map(str, subs),
                "--out",
                str(gradebook),
                "--bank",
                str(bank),
            ]
        )
        == 0
    )
    rows = {r["student_id"]: r for r in csv.DictReader(gradebook.open(newline="", encoding="utf-8"))}
    assert rows["s001"]["total"] == "5.25" and rows["s001"]["status"] == "graded"
    assert rows["s002"][f"gen-{SLUG}-stance-p2s2-1"] == "0" and rows["s002"][f"gen-{SLUG}-voices"] == "1"
    assert rows["s002"]["total"] == "4"
    # What the student's widgets saved is in the handout's ids, never the bank's.
    saved = json.loads(subs[0].read_text())["answers"][f"gen-{SLUG}-stance-p2s2-1"]["answer"]
    assert saved.startswith("o") and saved != right[f"gen-{SLUG}-stance-p2s2-1"]
