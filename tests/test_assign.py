"""Does `discourse-lab assign` write a usable student notebook and an exact, private key?"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from discourse_lab import cli, datafiles, paths
from discourse_lab.course import assign, shuffle
from discourse_lab.exercises import catalogue, scoring
from discourse_lab.exercises.spec import TYPES

CHAPTER_1 = [e.id for e in catalogue.bank(1)]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignment")
    assert (
        cli.main(["assign", "--chapter", "1", "--title", "Week 1: The source", "--out", str(out), "--allow-public"])
        == 0
    )
    return out


def student_files(made):
    return [p for p in (made / "student").rglob("*") if p.is_file()]


def test_exercises_lists_the_bank_as_a_table(capsys):
    """Does `exercises --chapter 1` print one row per exercise with its type, points and kind?"""
    assert cli.main(["exercises", "--chapter", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "chapter", "type", "points", "kind"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert list(rows) == CHAPTER_1
    assert rows["ch01-source-left-out"] == ["1", "short_text", "3", "judgement"]
    assert rows["ch01-source-dateline"] == ["1", "choice", "1", "objective"]


def test_student_notebook_is_valid_and_holds_only_imports_and_calls(made):
    """Is the student notebook valid nbformat, output-free, and free of def/class/lambda?"""
    (path,) = (made / "student").glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    manifest = json.loads((made / "instructor" / "manifest.json").read_text())
    assert nb.metadata["discourse_lab"]["assignment_id"] == manifest["assignment_id"]
    # The Colab set-up cell (the lessons' own, which installs the package on Colab) is the one exception.
    setup = [c for c in nb.cells if c.get("id") == "colab-setup"]
    assert len(setup) == 1 and nb.cells.index(setup[0]) == 1
    code = [c.source for c in nb.cells if c.cell_type == "code" and c.get("id") != "colab-setup"]
    for source in code:
        for node in ast.walk(ast.parse(source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda, ast.AsyncFunctionDef))
        for stmt in ast.parse(source).body:
            assert isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            ), f"not an import or a call: {source}"
    text = "\n".join(code)
    for ex_id in CHAPTER_1:
        assert f"show({ex_id!r}, assignment={manifest['assignment_id']!r})" in text
    assert "hand_in" not in text  # one way to hand in: the export box
    assert f"assignment_id={manifest['assignment_id']!r}" in text  # the export carries the id
    assert "passages_html('lavrov-interview-2024'" in text


def test_manifest_lists_ids_versions_and_points(made):
    """Does the manifest validate and record every exercise's id, version and points?"""
    manifest = datafiles.load(made / "instructor" / "manifest.json", assign.MANIFEST_SCHEMA)
    assert [e["id"] for e in manifest["exercises"]] == CHAPTER_1
    assert all(e["version"] == catalogue.get(e["id"]).version for e in manifest["exercises"])
    assert manifest["total_points"] == sum(catalogue.get(i).points for i in CHAPTER_1)
    datafiles.validate(
        {
            "format": "discourse-lab-submission",
            "format_version": 1,
            "student_id": "s1",
            "assignment_id": manifest["assignment_id"],
            "created": "2026-01-01T00:00:00Z",
            "answers": {},
        },
        "submission.schema.json",
        made,
    )


def test_key_has_exactly_the_submission_answer_shape(made):
    """Does each objective key pass the answer-shape check and score full marks?"""
    key = json.loads((made / "instructor" / "key.json").read_text())["exercises"]
    assert list(key) == CHAPTER_1
    for ex_id, entry in key.items():
        ex = catalogue.get(ex_id)
        if ex.objective:
            scoring.check_answer(ex, entry["answer"])
            result = scoring.score(ex, entry["answer"])
            assert result.correct and result.points == ex.points
        else:
            assert entry["answer"] is None
            assert entry["model_answer"] == ex.data["model_answer"]
            assert entry["rubric"] == ex.data["rubric"]


def test_student_folder_contains_no_key_model_answer_or_rubric(made):
    """Is every secret string of every assigned exercise absent from every student file?"""
    key = json.loads((made / "instructor" / "key.json").read_text())["exercises"]
    texts = {p: p.read_text(encoding="utf-8") for p in student_files(made)}
    for ex_id in CHAPTER_1:
        ex = catalogue.get(ex_id)
        secrets = ex.secret_strings()
        if ex.objective:
            secrets.append(json.dumps(key[ex_id]["answer"]))
        for path, text in texts.items():
            # The exercise file holds every option and token id (the widgets need them), so only
            # the notebook is searched for the bare key; both for every secret text.
            for secret in secrets if path.suffix == ".ipynb" else ex.secret_strings():
                assert secret not in text, f"{path.name} reveals {ex_id}: {secret[:60]!r}"


def test_student_folder_holds_the_notebook_and_the_keyless_exercise_file(made):
    from discourse_lab.exercises import handout

    manifest = json.loads((made / "instructor" / "manifest.json").read_text())
    aid = manifest["assignment_id"]
    assert sorted(p.name for p in student_files(made)) == [f"{aid}.exercises.json", f"{aid}.ipynb"]
    data = json.loads((made / "student" / f"{aid}.exercises.json").read_text())
    assert [s["id"] for s in data["exercises"]] == CHAPTER_1
    assert all("key" not in s and s["mode"] == "graded" for s in data["exercises"])
    loaded = handout.load(aid, made / "student")
    for ex_id in CHAPTER_1:  # the file's exercises are the bank's, shuffled for this assignment
        shown, _ = shuffle.handout_exercise(catalogue.get(ex_id), aid)
        assert loaded[ex_id].client_spec("graded") == shown.client_spec("graded")


def test_a_missing_exercise_file_is_one_line_naming_it(tmp_path):
    from discourse_lab.errors import DataFileError
    from discourse_lab.exercises import show

    with pytest.raises(DataFileError, match=r"week-1-abc123\.exercises\.json: not found: .*same folder"):
        show("ch01-source-dateline", assignment="week-1-abc123")


def test_private_bank_outside_the_repository(tmp_path, capsys):
    """assign --bank DIR takes exercises from a private folder; grade needs the same --bank."""
    import shutil

    bank = tmp_path / "private-bank"
    bank.mkdir()
    text = (paths.EXERCISES_DIR / "ch01-source.yml").read_text(encoding="utf-8")
    (bank / "week.yml").write_text(text.replace("id: ch01-source-dateline", "id: private-dateline"), encoding="utf-8")
    out = tmp_path / "a"
    argv = ["assign", "--exercises", "private-dateline", "--title", "Private", "--out", str(out), "--bank", str(bank)]
    # Copied into a private folder under another id, it is still the public question: refused.
    assert cli.main(argv) == 2
    assert "private-dateline: public exercise" in capsys.readouterr().err
    assert cli.main([*argv, "--allow-public"]) == 0
    aid = json.loads((out / "instructor" / "manifest.json").read_text())["assignment_id"]
    key = json.loads((out / "instructor" / "key.json").read_text())["exercises"]["private-dateline"]
    answer = shuffle.handout_answer("choice", key["handout"], "b")  # what the student's widget saves
    sub = tmp_path / "s.json"
    sub.write_text(
        json.dumps(
            {
                "format": "discourse-lab-submission",
                "format_version": 1,
                "student_id": "s1",
                "assignment_id": aid,
                "created": "2026-01-01T00:00:00.000Z",
                "answers": {
                    "private-dateline": {
                        "exercise_version": catalogue.get("ch01-source-dateline").version,
                        "type": "choice",
                        "answer": answer,
                        "attempts": 1,
                        "first_answered": "2026-01-01T00:00:00.000Z",
                        "last_answered": "2026-01-01T00:00:00.000Z",
                    }
                },
            }
        )
    )
    capsys.readouterr()
    assert cli.main(["grade", "--assignment", str(out / "instructor"), str(sub), "--out", str(tmp_path / "g.csv")]) == 2
    assert "--bank" in capsys.readouterr().err  # the public bank does not have it, and says how to grade
    assert (
        cli.main(
            [
                "grade",
                "--assignment",
                str(out / "instructor"),
                str(sub),
                "--out",
                str(tmp_path / "g.csv"),
                "--bank",
                str(bank),
            ]
        )
        == 0
    )
    assert ",1,1,1,graded," in (tmp_path / "g.csv").read_text()
    shutil.rmtree(bank)
    assert (
        cli.main(
            [
                "grade",
                "--assignment",
                str(out / "instructor"),
                str(sub),
                "--out",
                str(tmp_path / "g.csv"),
                "--bank",
                str(bank),
            ]
        )
        == 2
    )
    assert "not a bank folder" in capsys.readouterr().err


def test_exercises_named_in_the_given_order(tmp_path):
    """Are exercises given with --exercises asked in that order, and only they?"""
    ids = ["ch01-source-timeline", "ch01-source-dateline"]
    argv = ["assign", "--exercises", ",".join(ids), "--title", "Quiz", "--out", str(tmp_path), "--allow-public"]
    assert cli.main(argv) == 0
    manifest = json.loads((tmp_path / "instructor" / "manifest.json").read_text())
    assert [e["id"] for e in manifest["exercises"]] == ids
    assert manifest["assignment_id"].startswith("quiz-")


@pytest.mark.parametrize(
    "argv, problem",
    [
        pytest.param(["--exercises", "no-such-exercise"], "no exercise 'no-such-exercise'", id="unknown-id"),
        pytest.param(["--exercises", "ch01-source-dateline,ch01-source-dateline"], "listed twice", id="repeated-id"),
        pytest.param(["--chapter", "99"], "no exercises for chapter 99", id="empty-chapter"),
    ],
)
def test_bad_selection_is_one_line_error(tmp_path, capsys, argv, problem):
    """Does a bad selection end with one line on stderr, exit 2, and nothing written?"""
    assert cli.main(["assign", *argv, "--title", "T", "--out", str(tmp_path / "a"), "--allow-public"]) == 2
    err = capsys.readouterr().err
    assert problem in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "a").exists()


def test_existing_assignment_is_never_overwritten(made, capsys):
    """Does assigning into a folder in use refuse, leaving the key untouched?"""
    before = (made / "instructor" / "key.json").read_bytes()
    assert cli.main(["assign", "--chapter", "1", "--title", "Other", "--out", str(made), "--allow-public"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (made / "instructor" / "key.json").read_bytes() == before


# ---------------------------------------------------------------- public exercises, shuffling, due time, Colab


def test_public_exercises_are_refused_with_one_line_naming_them(tmp_path, capsys):
    """Without --allow-public, assign from the public bank exits 2 with one line: which, and the way out."""
    argv = [
        "assign",
        "--exercises",
        "ch01-source-dateline,ch02-who-speaks-quote-modes",
        "--title",
        "W",
        "--out",
        str(tmp_path / "a"),
    ]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "ch01-source-dateline, ch02-who-speaks-quote-modes" in err[0]
    assert "bank new" in err[0] and "--bank DIR" in err[0] and "--allow-public" in err[0]
    assert not (tmp_path / "a").exists()


def test_allow_public_warns_once_that_the_keys_are_public(tmp_path, capsys):
    argv = [
        "assign",
        "--exercises",
        "ch01-source-dateline",
        "--title",
        "W",
        "--out",
        str(tmp_path / "a"),
        "--allow-public",
    ]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    warnings = captured.err.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("discourse-lab: warning: 1 of 1 exercises are public")
    assert "keys" in warnings[0]
    assert "no key in them" not in captured.out  # the printed summary does not claim otherwise


def display_shows_key(exercise_type: str, spec: dict, key) -> bool:
    """Does the handout's display order (a client spec) equal the key (in the handout's ids)?"""
    ids = {name: [x["id"] for x in spec.get(name, [])] for name in ("options", "labels", "items", "targets")}
    if exercise_type == "ordering":
        return ids["items"] == key
    if exercise_type == "matching":
        return ids["targets"][: len(ids["items"])] == [key[i] for i in ids["items"]]
    if exercise_type == "tagging":
        return ids["labels"][: len(spec["sentences"])] == [key[s["id"]] for s in spec["sentences"]]
    if exercise_type == "choice":
        return ids["options"][:1] == [key]
    if exercise_type == "multi":
        return sorted(ids["options"][: len(key)]) == sorted(key)
    return False


def test_no_display_order_equals_a_key_for_any_type_over_many_seeds():
    """For every exercise of the bank (all eight types) and 60 assignments: opaque ids, no order that is the key,
    a key that maps back to full marks, and for choice and multi a key that is not always in one place."""
    bank = catalogue.bank()
    assert {e.type for e in bank} == set(TYPES)
    seeds = [f"week-{n}-abc{n:03d}" for n in range(60)]
    for ex in bank:
        places = set()
        for seed in seeds:
            shown, back = shuffle.handout_exercise(ex, seed)
            spec = shown.client_spec("graded")
            assert shown.client_spec("graded") == shuffle.handout_exercise(ex, seed)[0].client_spec(
                "graded"
            )  # reproducible
            for name in ("options", "labels", "items", "targets"):
                if name in spec and ex.type != "span":
                    assert all(re.fullmatch(r"[olit][0-9]+", x["id"]) for x in spec[name]), (ex.id, name)
                    assert sorted(back[name].values()) == sorted(x["id"] for x in ex.data[name])
            if not ex.objective:
                continue
            key = shuffle.handout_answer(ex.type, back, ex.answer_key)
            assert not display_shows_key(ex.type, spec, key) or ex.type in ("choice", "multi"), (ex.id, seed)
            assert scoring.score(ex, shuffle.bank_answer(ex.type, back, key)).points == ex.points
            if ex.type in ("choice", "multi"):  # where the (first) key option is shown
                places.add([x["id"] for x in spec["options"]].index(key if ex.type == "choice" else key[0]))
        if ex.type in ("choice", "multi"):
            assert len(places) >= 2, f"{ex.id}: the key sits in the same place in every assignment"


def test_the_written_handout_never_shows_a_matching_key_in_order(made):
    """A matching exercise whose bank lists the targets in its items' key order: the handout does not."""
    import copy
    import dataclasses

    public = catalogue.get("ch02-who-speaks-quote-modes")
    data = copy.deepcopy(public.data)
    in_key_order = list(dict.fromkeys(public.answer_key[i["id"]] for i in data["items"]))
    rank = {t: n for n, t in enumerate(in_key_order)}
    data["targets"].sort(key=lambda t: rank.get(t["id"], len(rank)))
    bank_ex = dataclasses.replace(public, data=data)
    assert display_shows_key("matching", bank_ex.client_spec("graded"), bank_ex.answer_key)
    out = made.parent / "quote-modes"
    assign.assign([bank_ex], "Q", out, allow_public=True)
    aid = json.loads((out / "instructor" / "manifest.json").read_text())["assignment_id"]
    (spec,) = json.loads((out / "student" / f"{aid}.exercises.json").read_text())["exercises"]
    back = json.loads((out / "instructor" / "key.json").read_text())["exercises"][bank_ex.id]["handout"]
    assert not display_shows_key("matching", spec, shuffle.handout_answer("matching", back, bank_ex.answer_key))
    assert json.loads((out / "instructor" / "manifest.json").read_text())["seed"] == aid


def test_an_entry_without_a_key_has_no_order_that_shows_it():
    """reveals_key on data with no answer (nothing to reveal) says so instead of failing on None."""
    items = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
    assert not shuffle.reveals_key("ordering", {"items": items})
    assert not shuffle.reveals_key("matching", {"items": items, "targets": items})
    assert not shuffle.reveals_key("tagging", {"sentences": ["s1"], "labels": items})
    assert shuffle.reveals_key("ordering", {"items": items, "answer": ["a", "b"]})


@pytest.mark.parametrize(
    "due, stored",
    [
        ("2027-02-10T23:59+01:00", "2027-02-10T23:59:00+01:00"),
        ("2027-02-10T22:59Z", "2027-02-10T22:59:00+00:00"),
    ],
)
def test_due_time_is_stored_in_the_manifest(tmp_path, capsys, due, stored):
    argv = [
        "assign",
        "--exercises",
        "ch01-source-dateline",
        "--title",
        "W",
        "--out",
        str(tmp_path / "a"),
        "--allow-public",
        "--due",
        due,
    ]
    assert cli.main(argv) == 0
    manifest = datafiles.load(tmp_path / "a" / "instructor" / "manifest.json", assign.MANIFEST_SCHEMA)
    assert manifest["due"] == stored
    assert f"due {stored}" in capsys.readouterr().out
    nb = nbformat.read(next((tmp_path / "a" / "student").glob("*.ipynb")), as_version=4)
    assert f"**Due:** {stored}" in nb.cells[0].source


@pytest.mark.parametrize(
    "due, problem",
    [
        ("2027-02-10T23:59", "give the UTC offset"),
        ("next friday", "not a date and time"),
    ],
)
def test_due_time_without_offset_is_one_line_error(tmp_path, capsys, due, problem):
    argv = [
        "assign",
        "--exercises",
        "ch01-source-dateline",
        "--title",
        "W",
        "--out",
        str(tmp_path / "a"),
        "--allow-public",
        "--due",
        due,
    ]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and problem in err[0] and due in err[0]
    assert not (tmp_path / "a").exists()


def test_handout_has_the_lessons_colab_set_up_cell(made):
    """The handed-out notebook's second cell installs the package on Colab: the lessons' own cell, same repository."""
    import yaml

    from scripts import colab_cell

    config = yaml.safe_load((paths.DATA_DIR.parent / "_config.yml").read_text(encoding="utf-8"))
    assert assign.REPOSITORY_URL == config["repository"]["url"].rstrip("/")
    (path,) = (made / "student").glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[1].cell_type == "code" and nb.cells[1].get("id") == "colab-setup"
    assert nb.cells[1].source == colab_cell.cell_source()
    assert "Files pane" in nb.cells[0].source  # says what to upload on Colab
