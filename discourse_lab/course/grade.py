"""Grading: read submission files as data, score them from the bank, write a gradebook and feedback.

Nothing in a submission is ever executed: a ``.json`` submission is parsed with :mod:`json`, a
``.ipynb`` is read as JSON too and only the submission its hand-in cell displayed
(:data:`assign.SUBMISSION_MIME`) is taken from it. Every submission is checked before any is
scored: size cap (refused unread), JSON Schema (``data/schemas/submission.schema.json``), the
assignment id, each answer's type and shape against the bank, and one submission per student.
A bad file costs only itself: it gets a one-line error naming the file and the reason, and a
``rejected`` row in the gradebook; every other submission is still graded.

Objective items are scored with :func:`discourse_lab.exercises.scoring.score` (partial credit
where the type has it). Judgement items go to a manual-scoring sheet with the rubric and model
answer; the filled sheet is read back with ``--manual``.

Where the grader writes: the gradebook file (``--out``) and, with ``--feedback``, one HTML file
per student and ``manual-scores.csv`` in that folder. File names come from student ids reduced to
``[A-Za-z0-9_-]`` and are checked to resolve inside the folder; every file is written to a
temporary name and renamed, so a symlink planted at a target is replaced, never followed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import datafiles
from . import assign, shuffle
from ..atomic import write_atomic
from ..errors import DataFileError, DiscourseLabError, display_path
from ..exercises import catalogue, scoring
from ..exercises.spec import Exercise
from ..exercises.submission import MAX_BYTES, SCHEMA
from ..number_format import plain_number as _fmt

NOTEBOOK_MAX_BYTES = 20_000_000  # a saved notebook carries outputs and widget state; still refused beyond this
MANUAL_SHEET = "manual-scores.csv"
MANUAL_COLUMNS = ("student_id", "exercise_id", "max_points", "points", "comment", "answer", "rubric", "model_answer")
# Markup in a text answer is shown as text (everything is escaped); the flag tells the instructor.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|javascript:|\bon[a-z]+\s*=", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class GradeError(DiscourseLabError):
    """The grading run cannot go ahead (bad assignment folder, bad manual-scores file …)."""


class Rejected(Exception):
    """One submission is refused; the message is the reason."""


# ---------------------------------------------------------------- the assignment


@dataclass
class Assignment:
    folder: Path
    id: str
    title: str
    exercises: list[Exercise]
    key: dict

    @property
    def total(self) -> float:
        return sum(e.points for e in self.exercises)

    def by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}


def load_assignment(folder: Path | str, bank: Path | str | None = None) -> Assignment:
    """The instructor folder written by ``assign``: manifest and key, checked against the bank.

    ``bank``: the private bank folder the assignment was made from (``assign --bank``).
    """
    folder = Path(folder)
    try:
        bank_dir = assign.bank_folder(bank)
    except assign.AssignError as exc:
        raise GradeError(str(exc)) from None
    if not folder.is_dir():
        raise GradeError(f"{folder}: not a folder (give the assignment's instructor/ folder)")
    man = assign.load_manifest(folder)
    key_path = folder / assign.KEY
    key = datafiles.load_structured(key_path)
    if (
        not isinstance(key, dict)
        or key.get("assignment_id") != man["assignment_id"]
        or not isinstance(key.get("exercises"), dict)
    ):
        raise DataFileError(key_path, f"is not the key of assignment {man['assignment_id']}")
    exercises = []
    for entry in man["exercises"]:
        try:
            ex = catalogue.get(entry["id"], bank_dir)
        except catalogue.UnknownExercise as exc:
            hint = "" if bank else "; if the assignment was made with --bank DIR, grade with the same --bank DIR"
            raise DataFileError(folder / assign.MANIFEST, f"{exc}{hint}") from None
        if ex.version != entry["version"]:
            raise DataFileError(
                folder / assign.MANIFEST,
                f"exercise {ex.id} is version {entry['version']} here but version {ex.version} in the bank; "
                "after a key fix run discourse-lab regrade, else grade with the bank the assignment was made from",
            )
        if key["exercises"].get(ex.id, {}).get("answer") != ex.answer_key:
            raise DataFileError(
                key_path, f"the key of {ex.id} differs from the bank's; after a key fix run discourse-lab regrade"
            )
        exercises.append(ex)
    return Assignment(folder, man["assignment_id"], man["title"], exercises, key["exercises"])


# ---------------------------------------------------------------- reading one submission


def _size(path: Path, cap: int) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise Rejected("file not found") from None
    if path.is_dir():
        raise Rejected("is a folder, not a submission file")
    if size > cap:
        raise Rejected(f"is {size} bytes; a submission may be at most {cap} (not read)")
    if size == 0:
        raise Rejected("is empty")


def _from_notebook(path: Path) -> dict:
    """The newest submission a saved student notebook carries in its hand-in output."""
    _size(path, NOTEBOOK_MAX_BYTES)
    try:
        nb = json.loads(datafiles.read_text(path))
    except json.JSONDecodeError as exc:
        raise Rejected(
            f"is not a readable notebook (invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    found = []
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise Rejected("is not a Jupyter notebook (no cells)")
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        for output in cell.get("outputs") or []:
            data = output.get("data") if isinstance(output, dict) else None
            if isinstance(data, dict) and assign.SUBMISSION_MIME in data:
                found.append(data[assign.SUBMISSION_MIME])
    if not found:
        raise Rejected(
            "a saved notebook holds no answers: ask the student for the file <assignment id>-<student id>.json "
            "that the notebook's Export my answers button wrote next to it, and grade that file"
        )
    # Handed in more than once: the newest export counts (the schema check follows in read()).
    dicts = [f for f in found if isinstance(f, dict)]
    return max(dicts, key=lambda d: str(d.get("created", ""))) if dicts else found[-1]


def read(path: Path) -> dict:
    """Read and schema-check one submission (``.json``, or ``.ipynb`` that embeds one). Raises Rejected."""
    path = Path(path)
    if path.is_dir():
        raise Rejected("is a folder, not a submission file")
    if not path.exists():
        raise Rejected("file not found")
    try:
        if path.suffix == ".ipynb":
            data = _from_notebook(path)
        elif path.suffix == ".json":
            _size(path, MAX_BYTES)
            data = datafiles.load_structured(path)
        else:
            raise Rejected("is not a submission: expected a .json file or a student .ipynb")
        datafiles.validate(data, SCHEMA, path)
        # Lone surrogates pass json and the schema but cannot be written out as UTF-8.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except DataFileError as exc:
        raise Rejected(exc.problem) from None
    except RecursionError:
        raise Rejected("is nested too deeply to be a submission") from None
    except UnicodeEncodeError:
        raise Rejected("contains text that is not valid Unicode (a lone surrogate)") from None
    return data


# ---------------------------------------------------------------- scoring one submission


@dataclass
class Graded:
    path: Path
    student_id: str = ""
    created: str = ""
    points: dict = field(default_factory=dict)  # exercise id -> points (None: not yet scored)
    results: dict = field(default_factory=dict)  # exercise id -> scoring.Result
    answers: dict = field(default_factory=dict)  # exercise id -> answer as submitted
    manual: dict = field(default_factory=dict)  # exercise id -> (points, comment)
    flags: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    rejected: str | None = None

    @property
    def total(self) -> float | None:
        if self.rejected:
            return None
        return scoring.round_points(sum(p for p in self.points.values() if p is not None))

    @property
    def status(self) -> str:
        if self.rejected:
            return "rejected"
        return "incomplete" if any(p is None for p in self.points.values()) else "graded"


def score_submission(path: Path, data: dict, assignment: Assignment) -> Graded:
    """Check the submission against the assignment and score it. Raises Rejected."""
    g = Graded(path=path, student_id=data["student_id"], created=data["created"])
    try:  # the handout's ids -> the bank's (course/shuffle.py); earlier versions the key accepts
        data = shuffle.bank_terms(data, assignment.key)
    except scoring.AnswerError as exc:
        raise Rejected(str(exc)) from None
    aid = data.get("assignment_id")
    if aid is None:
        g.flags.append("no-assignment-id")
        g.warnings.append("carries no assignment id (exported outside the assignment notebook); graded anyway")
    elif aid != assignment.id:
        raise Rejected(f"is for assignment {aid}, not {assignment.id}")
    exercises = assignment.by_id()
    for ex_id, entry in data["answers"].items():
        ex = exercises.get(ex_id)
        if ex is None:
            continue  # answers to other exercises of the book are not part of this assignment
        if entry["type"] != ex.type:
            raise Rejected(f"exercise {ex_id}: answer is of type {entry['type']}, the exercise is {ex.type}")
        try:
            scoring.check_answer(ex, entry["answer"])
        except scoring.AnswerError as exc:
            raise Rejected(str(exc)) from None
    for ex in assignment.exercises:
        entry = data["answers"].get(ex.id)
        if entry is None:
            g.points[ex.id] = 0.0
            g.flags.append(f"unanswered:{ex.id}")
            continue
        if entry["exercise_version"] != ex.version:
            g.points[ex.id] = 0.0
            g.flags.append(f"stale-version:{ex.id}")
            g.warnings.append(
                f"exercise {ex.id}: answered version {entry['exercise_version']}, assigned version {ex.version}; not scored"
            )
            continue
        answer = entry["answer"]
        g.answers[ex.id] = answer
        if isinstance(answer, str) and (MARKUP.search(answer) or CONTROL.search(answer)):
            g.flags.append(f"markup-in-answer:{ex.id}")
        result = scoring.score(ex, answer)
        g.results[ex.id] = result
        g.points[ex.id] = result.points  # None for judgement items until scored by hand
        if result.points is None:
            g.flags.append(f"needs-manual:{ex.id}")
    return g


def _newest_first(graded: list[Graded]) -> None:
    """Keep one submission per student (the newest); reject the others as duplicates, in place."""
    by_student: dict[str, list[Graded]] = {}
    for g in graded:
        if not g.rejected:
            by_student.setdefault(g.student_id.lower(), []).append(g)
    for group in by_student.values():
        if len(group) < 2:
            continue
        # Newest export wins; for equal times the file named last on the command line wins.
        keep = max(enumerate(group), key=lambda pair: (pair[1].created, pair[0]))[1]
        for g in group:
            if g is not keep:
                g.rejected = f"duplicate: student {g.student_id} also submitted {keep.path.name}, which is newer and was graded instead"
                g.flags = ["duplicate"]


# ---------------------------------------------------------------- manual scores


def read_manual(path: Path, assignment: Assignment) -> dict[tuple[str, str], tuple[float, str]]:
    """(student id lowercased, exercise id) -> (points, comment) from a filled manual-scores sheet."""
    path = Path(path)
    text = datafiles.read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    missing = {"student_id", "exercise_id", "points"} - set(reader.fieldnames or [])
    if missing:
        raise DataFileError(path, f"needs the column(s) {', '.join(sorted(missing))}")
    exercises = assignment.by_id()
    out = {}
    for row in reader:
        line = reader.line_num
        sid, ex_id = (row.get("student_id") or "").strip(), (row.get("exercise_id") or "").strip()
        raw = (row.get("points") or "").strip()
        if not raw:
            continue  # not scored yet
        ex = exercises.get(ex_id)
        if ex is None:
            raise DataFileError(path, f"line {line}: exercise {ex_id!r} is not in assignment {assignment.id}")
        if ex.objective:
            raise DataFileError(path, f"line {line}: {ex_id} is scored automatically, not by hand")
        try:
            points = float(raw)
        except ValueError:
            raise DataFileError(path, f"line {line}: points {raw!r} is not a number") from None
        if not 0 <= points <= ex.points:
            raise DataFileError(path, f"line {line}: points {raw} for {ex_id} must be between 0 and {_fmt(ex.points)}")
        if (sid.lower(), ex_id) in out:
            raise DataFileError(path, f"line {line}: a second score for {sid} on {ex_id}")
        out[(sid.lower(), ex_id)] = (points, (row.get("comment") or "").strip())
    return out


def apply_manual(graded: list[Graded], manual: dict, path: Path | None) -> list[str]:
    """Put manual scores into the graded submissions; return warnings for scores that fit no one."""
    used = set()
    for g in graded:
        if g.rejected:
            continue
        for ex_id, result in g.results.items():
            found = manual.get((g.student_id.lower(), ex_id))
            if result.points is None and found is not None:
                g.points[ex_id] = scoring.round_points(found[0])
                g.manual[ex_id] = found
                g.flags.remove(f"needs-manual:{ex_id}")
                used.add((g.student_id.lower(), ex_id))
    return (
        [
            f"{display_path(path)}: a score for {sid} on {ex_id} matches no graded submission; ignored"
            for sid, ex_id in sorted(set(manual) - used)
        ]
        if path
        else []
    )


# ---------------------------------------------------------------- writing


def csv_safe(value: Any) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (formula triggers) gets a quote mark."""
    text = "" if value is None else str(value)
    text = CONTROL.sub(" ", text)
    return "'" + text if text.startswith(CSV_TRIGGERS) else text


def gradebook_csv(graded: list[Graded], assignment: Assignment) -> str:
    ids = [e.id for e in assignment.exercises]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["student_id", "file", *ids, "total", "max_points", "status", "flags"])
    for g in graded:
        points = [""] * len(ids) if g.rejected else [_fmt(g.points.get(i)) for i in ids]
        flags = [f"rejected: {g.rejected}"] if g.rejected else g.flags
        writer.writerow(
            [
                csv_safe(c)
                for c in (
                    g.student_id,
                    g.path.name,
                    *points,
                    _fmt(g.total),
                    _fmt(assignment.total),
                    g.status,
                    "; ".join(flags),
                )
            ]
        )
    return buffer.getvalue()


def safe_name(student_id: str, taken: set[str]) -> str:
    """A file name stem from a student id: only [A-Za-z0-9_-], unique ignoring case."""
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", student_id)[:64].strip("_-") or "student"
    name, n = stem, 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name.lower())
    return name


def inside(folder: Path, name: str) -> Path:
    """``folder/name`` for a plain file name; the name itself is not resolved, so a symlink there is replaced."""
    if name in ("", ".", "..") or Path(name).name != name or "\\" in name:
        raise GradeError(f"refusing to write {name!r} outside {folder}")
    return folder.resolve() / name


def describe(ex: Exercise, answer: Any) -> list[str]:
    """The student's answer in words, for the feedback file and the manual-scoring sheet."""
    d = ex.data
    options = {o["id"]: o["text"] for o in d.get("options", [])}
    items = {i["id"]: i["text"] for i in d.get("items", [])}
    if ex.type == "choice":
        return [options[answer]]
    if ex.type == "multi":
        return [options[a] for a in answer] or ["(nothing selected)"]
    if ex.type == "tagging":
        labels = {label["id"]: label["text"] for label in d["labels"]}
        return [f"{sid}: {labels[answer[sid]]}" if sid in answer else f"{sid}: (no label)" for sid in d["sentences"]]
    if ex.type == "span":
        chosen = set(answer)
        words = [t.text for t in ex.tokens if t.id in chosen]
        return [" ".join(words) or "(nothing selected)"]
    if ex.type == "matching":
        targets = {t["id"]: t["text"] for t in d["targets"]}
        return [
            f"{items[i]} \u2192 {targets[answer[i]]}" if i in answer else f"{items[i]} \u2192 (no match)" for i in items
        ]
    if ex.type == "ordering":
        return [f"{n}. {items[i]}" for n, i in enumerate(answer, 1)]
    return [answer]


def feedback_html(g: Graded, assignment: Assignment) -> str:
    """One student's feedback page: every piece of submitted or bank text is escaped."""
    parts = [
        Markup(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<title>Feedback: {title} — {sid}</title>"
            "<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}}"
            "blockquote{{border-left:3px solid #555;margin:0;padding-left:1em;white-space:pre-wrap}}"
            ".pts{{font-weight:bold}}</style></head><body>"
            "<h1>{title}</h1><p>Student <strong>{sid}</strong> · assignment <code>{aid}</code></p>"
            '<p class="pts">Total: {total} of {max} points{pending}</p>'
        ).format(
            title=assignment.title,
            sid=g.student_id,
            aid=assignment.id,
            total=_fmt(g.total),
            max=_fmt(assignment.total),
            pending=" (some answers are still to be scored by your instructor)" if g.status == "incomplete" else "",
        )
    ]
    for n, ex in enumerate(assignment.exercises, 1):
        points = g.points.get(ex.id)
        parts.append(
            Markup("<section><h2>{n}. {title}</h2><p>{prompt}</p>").format(n=n, title=ex.title, prompt=ex.prompt)
        )
        if ex.id not in g.answers:
            why = (
                "answered in an older version of the exercise"
                if f"stale-version:{ex.id}" in g.flags
                else "no answer submitted"
            )
            parts.append(
                Markup('<p class="pts">0 of {max} points: {why}.</p></section>').format(max=_fmt(ex.points), why=why)
            )
            continue
        lines = describe(ex, g.answers[ex.id])
        parts.append(Markup("<h3>Your answer</h3><blockquote>{}</blockquote>").format(Markup("<br>").join(lines)))
        score_text = (
            "to be scored by your instructor" if points is None else f"{_fmt(points)} of {_fmt(ex.points)} points"
        )
        parts.append(Markup('<p class="pts">{}</p>').format(score_text))
        fb = g.results[ex.id].feedback
        if fb.get("status") != "recorded":
            parts.append(Markup("<p>{}</p>").format(fb.get("summary", "")))
        messages = list(fb.get("messages", []))
        if ex.id in g.manual and g.manual[ex.id][1]:
            messages.insert(0, "Your instructor: " + g.manual[ex.id][1])
        if messages:
            parts.append(
                Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(m) for m in messages))
            )
        parts.append(Markup("<p><em>Why:</em> {}</p>").format(ex.explanation))
        if not ex.objective:
            parts.append(
                Markup(
                    "<h3>What was looked for</h3><ul>{}</ul><h3>A model answer</h3><blockquote>{}</blockquote>"
                ).format(
                    Markup("").join(Markup("<li>{}</li>").format(r) for r in ex.data["rubric"]), ex.data["model_answer"]
                )
            )
        parts.append(Markup("</section>"))
    parts.append(Markup("</body></html>\n"))
    return str(Markup("").join(parts))


def manual_sheet(graded: list[Graded], assignment: Assignment) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANUAL_COLUMNS)
    for g in graded:
        if g.rejected:
            continue
        for ex in assignment.exercises:
            if ex.objective or ex.id not in g.results:
                continue
            points, comment = g.manual.get(ex.id, (None, ""))
            writer.writerow(
                [
                    csv_safe(c)
                    for c in (
                        g.student_id,
                        ex.id,
                        _fmt(ex.points),
                        _fmt(points),
                        comment,
                        g.answers[ex.id],
                        " | ".join(ex.data["rubric"]),
                        ex.data["model_answer"],
                    )
                ]
            )
    return buffer.getvalue()


# ---------------------------------------------------------------- the whole run


@dataclass
class Report:
    graded: list[Graded]
    errors: list[str]  # one line per rejected submission
    warnings: list[str]
    written: list[Path]

    @property
    def rejected(self) -> int:
        return sum(1 for g in self.graded if g.rejected)


def grade(
    assignment_folder: Path | str,
    submissions: list[Path | str],
    out: Path | str,
    feedback: Path | str | None = None,
    manual: Path | str | None = None,
    bank: Path | str | None = None,
) -> Report:
    """Grade every submission file; write the gradebook (and feedback). Returns what happened."""
    assignment = load_assignment(assignment_folder, bank)
    out = Path(out)
    if out.is_dir():
        raise GradeError(f"{out}: is a folder; --out takes a file name such as gradebook.csv")
    manual_scores = read_manual(Path(manual), assignment) if manual else {}
    graded: list[Graded] = []
    for raw in submissions:
        path = Path(raw)
        data = None
        try:
            data = read(path)
            graded.append(score_submission(path, data, assignment))
        except Rejected as exc:
            # The student id is shown only when the file passed the schema, so it is a safe id.
            graded.append(
                Graded(path=path, student_id=data["student_id"] if data else "", rejected=str(exc), flags=["rejected"])
            )
    _newest_first(graded)
    warnings = apply_manual(graded, manual_scores, Path(manual) if manual else None)
    errors = [f"{display_path(g.path)}: {g.rejected}" for g in graded if g.rejected]
    warnings += [f"{display_path(g.path)}: {w}" for g in graded if not g.rejected for w in g.warnings]
    written = []
    write_atomic(out, gradebook_csv(graded, assignment))
    written.append(out)
    if feedback:
        folder = Path(feedback)
        folder.mkdir(parents=True, exist_ok=True)
        taken: set[str] = {Path(MANUAL_SHEET).stem.lower()}
        for g in graded:
            if g.rejected:
                continue
            target = inside(folder, safe_name(g.student_id, taken) + ".html")
            write_atomic(target, feedback_html(g, assignment))
            written.append(target)
        if any(not e.objective for e in assignment.exercises):
            sheet = inside(folder, MANUAL_SHEET)
            if sheet.exists() and (not manual or sheet != Path(manual).resolve()) and _has_scores(sheet, assignment):
                warnings.append(f"{display_path(sheet)}: holds manual scores not passed with --manual; left unchanged")
            else:
                write_atomic(sheet, manual_sheet(graded, assignment))
                written.append(sheet)
    return Report(graded, errors, warnings, written)


def _has_scores(sheet: Path, assignment: Assignment) -> bool:
    try:
        return bool(read_manual(sheet, assignment))
    except DiscourseLabError:
        return True  # unreadable to us but maybe precious to the instructor: keep it
