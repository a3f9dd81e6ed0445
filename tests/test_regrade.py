"""`discourse-lab regrade`: after a key fix and a version bump, every submission is re-scored
against the bank's current key (answers to the old version included), the instructor key is
updated with the same shuffle, and the change per student is reported."""

from __future__ import annotations

import csv
import json

import pytest
import yaml

from discourse_lab import cli
from private_source import SLUG, write_source
from test_bank import hand_in

STANCE = f"gen-{SLUG}-stance-p2s2-1"
VOICES = f"gen-{SLUG}-voices"
EXERCISES = [VOICES, STANCE, f"gen-{SLUG}-unattributed"]


@pytest.fixture
def term(tmp_path, capsys):
    source = write_source(tmp_path / "sources")
    bank = tmp_path / "bank"
    assert cli.main(["bank", "new", str(bank), "--source", str(source)]) == 0
    out = tmp_path / "week1"
    assert (
        cli.main(
            ["assign", "--exercises", ",".join(EXERCISES), "--title", "Week 1", "--out", str(out), "--bank", str(bank)]
        )
        == 0
    )
    key = json.loads((out / "instructor" / "key.json").read_text())["exercises"]
    right = {ex_id: key[ex_id]["answer"] for ex_id in EXERCISES}
    subs = [
        hand_in("s001", out, right, tmp_path),  # distancing: right under the first key
        hand_in("s002", out, dict(right, **{STANCE: "neutral"}), tmp_path),
        hand_in("s003", out, {VOICES: right[VOICES]}, tmp_path),  # did not answer the stance item
    ]
    capsys.readouterr()
    return {"bank": bank, "out": out, "subs": [str(s) for s in subs], "tmp": tmp_path}


def fix_key(bank, ex_id, **fields):
    data = yaml.safe_load((bank / "generated.yml").read_text())
    for entry in data["exercises"]:
        if entry["id"] == ex_id:
            entry.update(fields)
            entry["version"] += 1
            version = entry["version"]
    (bank / "generated.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return version


def gradebook(path):
    return {r["student_id"]: r for r in csv.DictReader(path.open(newline="", encoding="utf-8"))}


def test_regrade_after_a_version_bump_rescores_and_reports_each_student(term, capsys):
    bank, out, tmp = term["bank"], term["out"], term["tmp"]
    instructor = str(out / "instructor")
    new_version = fix_key(bank, STANCE, answer="neutral")
    # Grading alone refuses the assignment and says what to run.
    assert (
        cli.main(["grade", "--assignment", instructor, *term["subs"], "--out", str(tmp / "g.csv"), "--bank", str(bank)])
        == 2
    )
    assert "run discourse-lab regrade" in capsys.readouterr().err
    handout_before = json.loads((out / "instructor" / "key.json").read_text())["exercises"][STANCE]["handout"]

    code = cli.main(
        ["regrade", "--assignment", instructor, *term["subs"], "--out", str(tmp / "g.csv"), "--bank", str(bank)]
    )
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert (
        f"  {STANCE}: version {new_version - 1} -> {new_version}; answers to version {new_version - 1} "
        "re-scored against the new key" in printed
    )
    assert f"  s001: 4.25 -> 3.25 ({STANCE} 1 -> 0)" in printed
    assert f"  s002: 3.25 -> 4.25 ({STANCE} 0 -> 1)" in printed
    assert "  1 student(s) unchanged" in printed  # s003 did not answer it
    rows = gradebook(tmp / "g.csv")
    assert (rows["s001"]["total"], rows["s002"]["total"], rows["s003"]["total"]) == ("3.25", "4.25", "1.25")
    assert "stale-version" not in rows["s001"]["flags"]

    # The key now holds the new version and key, the same handout ids, and accepts the old answers.
    key = json.loads((out / "instructor" / "key.json").read_text())["exercises"][STANCE]
    manifest = json.loads((out / "instructor" / "manifest.json").read_text())
    assert key["answer"] == "neutral" and key["version"] == new_version
    assert key["handout"] == handout_before and key["accepts_versions"] == [new_version - 1]
    assert {e["id"]: e["version"] for e in manifest["exercises"]}[STANCE] == new_version
    # From now on plain grade works, with the same scores.
    assert (
        cli.main(
            ["grade", "--assignment", instructor, *term["subs"], "--out", str(tmp / "g2.csv"), "--bank", str(bank)]
        )
        == 0
    )
    assert gradebook(tmp / "g2.csv")["s002"]["total"] == "4.25"
    # A second regrade finds nothing to change.
    assert (
        cli.main(
            ["regrade", "--assignment", instructor, *term["subs"], "--out", str(tmp / "g3.csv"), "--bank", str(bank)]
        )
        == 0
    )
    assert "the key matches the bank" in capsys.readouterr().out


def test_regrade_refuses_when_the_answer_shape_changed(term, capsys):
    bank, out, tmp = term["bank"], term["out"], term["tmp"]
    data = yaml.safe_load((bank / "generated.yml").read_text())
    (entry,) = [e for e in data["exercises"] if e["id"] == STANCE]
    entry["options"] = entry["options"][:-1] if entry["options"][-1]["id"] != entry["answer"] else entry["options"][1:]
    entry["version"] += 1
    (bank / "generated.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    before = {p.name: p.read_bytes() for p in (out / "instructor").iterdir()}
    assert (
        cli.main(
            [
                "regrade",
                "--assignment",
                str(out / "instructor"),
                *term["subs"],
                "--out",
                str(tmp / "g.csv"),
                "--bank",
                str(bank),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{STANCE}: version" in err[0] and "cannot be re-scored" in err[0]
    assert {p.name: p.read_bytes() for p in (out / "instructor").iterdir()} == before
    assert not (tmp / "g.csv").exists()


def test_regrade_keeps_manual_marks(tmp_path, capsys):
    """A judgement answer's mark survives a key fix elsewhere in the assignment."""
    source = write_source(tmp_path / "sources")
    bank = tmp_path / "bank"
    assert cli.main(["bank", "new", str(bank), "--source", str(source)]) == 0
    data = yaml.safe_load((bank / "templates.yml").read_text())
    data["exercises"] = [e for e in data["exercises"] if e["type"] == "short_text"]
    data["exercises"][0].update(title="What the chair says", prompt="What does the council's chair claim?")
    (bank / "templates.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    judged = data["exercises"][0]["id"]
    out = tmp_path / "w"
    assert (
        cli.main(
            ["assign", "--exercises", f"{STANCE},{judged}", "--title", "W", "--out", str(out), "--bank", str(bank)]
        )
        == 0
    )
    sub = hand_in("s001", out, {STANCE: "distancing", judged: "That the site is safe from floods."}, tmp_path)
    feedback = tmp_path / "fb"
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
                "--feedback",
                str(feedback),
            ]
        )
        == 0
    )
    sheet = list(csv.DictReader((feedback / "manual-scores.csv").open(newline="", encoding="utf-8")))
    sheet[0]["points"] = "2"
    with (tmp_path / "marks.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sheet[0]))
        writer.writeheader()
        writer.writerows(sheet)
    fix_key(bank, STANCE, answer="neutral")
    assert (
        cli.main(
            [
                "regrade",
                "--assignment",
                str(out / "instructor"),
                str(sub),
                "--out",
                str(tmp_path / "g.csv"),
                "--bank",
                str(bank),
                "--manual",
                str(tmp_path / "marks.csv"),
            ]
        )
        == 0
    )
    assert f"  s001: 3 -> 2 ({STANCE} 1 -> 0)" in capsys.readouterr().out
    row = gradebook(tmp_path / "g.csv")["s001"]
    assert row[judged] == "2" and row["total"] == "2" and row["status"] == "graded"
