"""Fixing a key after an assignment was handed out: ``discourse-lab regrade``.

When an exercise's key was wrong, the instructor fixes it in the bank and raises the exercise's
``version`` (the bank's rule, so that no answer is silently scored against another key). Grading
then refuses the assignment, because its manifest names the old version. :func:`regrade`

1. compares each exercise of the assignment with the bank's current one (the bank entry kept in
   ``key.json`` at ``assign`` time against the bank now);
2. for each exercise whose version or key changed, checks that its *answer shape* is unchanged:
   the same type, the same option, label, item and target ids, the same tagging sentences and
   the same span sentence (words). Then answers given to the old version are re-scored against
   the new key, and the instructor key is updated: the new version and key, the handout's id
   map kept as it was (the students' handout is unchanged), the old version recorded under
   ``accepts_versions`` so that grading counts those answers. When the shape changed (an option
   added or removed, another sentence), old answers cannot be read against the new exercise:
   regrade stops with one line and changes nothing; assign the fixed exercise anew instead;
3. grades every submission again (:func:`grade.grade`, with the manual marks given: judgement
   answers do not change with a key fix, so their marks stay valid), and
4. says per student what changed: old total -> new total and which items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import datafiles
from ..atomic import write_atomic
from ..errors import DiscourseLabError
from ..exercises import catalogue, scoring, spec
from ..exercises.spec import Exercise
from ..number_format import plain_number as _fmt
from . import assign, grade
from .shuffle import FIELDS


class RegradeError(DiscourseLabError):
    """The assignment cannot be regraded as asked (unknown exercise, answer shape changed …)."""


@dataclass
class Change:
    """One exercise of the assignment whose key or version differs in the bank now."""

    id: str
    old_version: int
    new_version: int
    old: Exercise | None  # from the entry kept in key.json (None for assignments made before it was kept)
    new: Exercise


@dataclass
class StudentChange:
    student_id: str
    old_total: float | None
    new_total: float | None
    items: list[tuple[str, float | None, float | None]] = field(default_factory=list)  # (exercise, old, new)


@dataclass
class RegradeReport:
    changes: list[Change]
    report: grade.Report
    students: list[StudentChange]
    unchanged: int


def answer_shape(exercise: Exercise) -> dict:
    """What an answer's ids refer to: if this is equal for two versions, an answer to one reads the same in the other."""
    d = exercise.data
    return {
        "type": exercise.type,
        **{name: sorted(x["id"] for x in d.get(name, [])) for name in FIELDS},
        "sentences": list(d.get("sentences", [])),
        "sentence": d.get("sentence") if exercise.type == "span" else None,
        "tokens": [(t.id, t.text) for t in exercise.tokens] if exercise.type == "span" else None,
    }


def _old_exercise(entry: dict | None, where: Path) -> Exercise | None:
    if not entry:
        return None
    try:
        return spec.build(entry, where, entry.get("source"))
    except DiscourseLabError:
        return None  # the source it quoted is gone: old scores are not known, new ones still are


def changes(folder: Path, bank: Path | str | None) -> tuple[dict, dict, list[Change]]:
    """The manifest, the key and the exercises that changed in the bank since the assignment was made."""
    try:
        bank_dir, man, key = assign.load_instructor_folder(folder, bank)
    except assign.AssignError as exc:
        raise RegradeError(str(exc)) from None
    key_path = folder / assign.KEY
    found = []
    for entry in man["exercises"]:
        try:
            new = catalogue.get(entry["id"], bank_dir)
        except catalogue.UnknownExercise as exc:
            hint = "" if bank else "; if the assignment was made with --bank DIR, regrade with the same --bank DIR"
            raise RegradeError(f"{folder / assign.MANIFEST}: {exc}{hint}") from None
        kept = key["exercises"].get(entry["id"], {})
        if new.version == entry["version"] and kept.get("answer") == new.answer_key and new.points == entry["points"]:
            continue
        old = _old_exercise(kept.get("entry"), key_path)
        if old is not None and answer_shape(old) != answer_shape(new):
            raise RegradeError(
                f"{entry['id']}: version {new.version} changed what answers refer to (its options, items or "
                f"sentences), so answers to version {entry['version']} cannot be re-scored; nothing was changed. "
                "Assign the fixed exercise anew"
            )
        if old is None and kept.get("type") != new.type:
            raise RegradeError(f"{entry['id']}: is a {new.type} exercise now, was {kept.get('type')}; assign it anew")
        found.append(Change(entry["id"], entry["version"], new.version, old, new))
    return man, key, found


def update_key(folder: Path, man: dict, key: dict, found: list[Change]) -> None:
    """Write the manifest and key with the bank's current versions and keys; the handout's id maps stay."""
    by_id = {c.id: c for c in found}
    for entry in man["exercises"]:
        change = by_id.get(entry["id"])
        if change is None:
            continue
        new = change.new
        entry.update(version=new.version, type=new.type, kind=new.kind, points=new.points, title=new.title)
        kept = key["exercises"].get(new.id, {})
        accepts = set(kept.get("accepts_versions", []))
        if change.old_version != new.version:
            accepts.add(change.old_version)
        accepts.discard(new.version)
        updated = assign.key_entry(new, kept.get("handout"))
        if accepts:
            updated["accepts_versions"] = sorted(accepts)
        key["exercises"][new.id] = updated
    man["total_points"] = sum(e["points"] for e in man["exercises"])
    datafiles.validate(man, assign.MANIFEST_SCHEMA, folder / assign.MANIFEST)
    write_atomic(folder / assign.KEY, json.dumps(key, ensure_ascii=False, indent=2) + "\n")
    write_atomic(folder / assign.MANIFEST, json.dumps(man, ensure_ascii=False, indent=2) + "\n")


def _student_changes(report: grade.Report, found: list[Change]) -> tuple[list[StudentChange], int]:
    out, unchanged = [], 0
    for g in report.graded:
        if g.rejected or not getattr(g, "counts", True) or not g.answers:
            continue
        items = []
        for change in found:
            if change.id not in g.answers:
                continue
            new_points = g.points.get(change.id)
            old_points = None
            if change.old is not None:
                try:
                    old_points = scoring.score(change.old, g.answers[change.id]).points
                except scoring.AnswerError:
                    old_points = None
            if old_points != new_points:
                items.append((change.id, old_points, new_points))
        if not items:
            unchanged += 1
            continue
        new_total = g.total
        known = all(old is not None for _, old, _ in items)
        old_total = None
        if new_total is not None and known:
            old_total = scoring.round_points(
                new_total - sum(n or 0 for _, _, n in items) + sum(o or 0 for _, o, _ in items)
            )
        out.append(StudentChange(g.student_id, old_total, new_total, items))
    return out, unchanged


def regrade(
    assignment_folder: Path | str,
    submissions: list[Path | str],
    out: Path | str,
    *,
    bank: Path | str | None = None,
    manual: Path | str | None = None,
    feedback: Path | str | None = None,
    roster: Path | str | None = None,
    late_policy: str | None = None,
) -> RegradeReport:
    """Bring the instructor key up to the bank's current keys, grade again, and say what changed per student."""
    folder = Path(assignment_folder)
    man, key, found = changes(folder, bank)
    if found:
        update_key(folder, man, key, found)
    report = grade.grade(folder, submissions, out, feedback, manual, bank=bank, roster=roster, late_policy=late_policy)
    students, unchanged = _student_changes(report, found)
    return RegradeReport(found, report, students, unchanged)


def change_lines(result: RegradeReport) -> list[str]:
    """What ``discourse-lab regrade`` prints about the key and the students."""
    lines = []
    if not result.changes:
        lines.append("the key matches the bank: nothing changed, graded as before")
    for c in result.changes:
        what = f"version {c.old_version} -> {c.new_version}" if c.old_version != c.new_version else "key changed"
        again = (
            f"; answers to version {c.old_version} re-scored against the new key"
            if c.old_version != c.new_version
            else ""
        )
        lines.append(f"  {c.id}: {what}{again}")
    for s in result.students:
        items = ", ".join(f"{ex} {_fmt(o) if o is not None else '?'} -> {_fmt(n)}" for ex, o, n in s.items)
        old = _fmt(s.old_total) if s.old_total is not None else "?"
        lines.append(f"  {s.student_id}: {old} -> {_fmt(s.new_total)} ({items})")
    if result.changes:
        lines.append(f"  {result.unchanged} student(s) unchanged")
    return lines
