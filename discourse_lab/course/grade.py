"""Grading: read submission files as data, score them from the bank, write a gradebook and feedback.

One run is one path through six steps, in :func:`grade`:

1. **read inputs**: files, folders (recursively: ``.json``, ``.ipynb``, ``.zip``, any case) and the
   LMS's zip of all submissions (:mod:`.lms_zip`), each file read as data and schema-checked;
2. **identify**: whose work each file is. Where the LMS names the student (the zip), that identity
   wins over the id typed in the file, and a mismatch is a flag; with a roster (:mod:`.roster`)
   an id that is not on it is rejected, never graded under a guess;
3. **score** each file against the assignment (:mod:`discourse_lab.exercises.scoring`);
4. **choose the counted row** per student: duplicates are ordered by the LMS where it knows the
   order, else by their ``created`` time; late work follows the late policy (:mod:`.deadlines`);
   every row that does not count says which one does, and why;
5. **apply marks**: the manual scores of judgement items, and late penalties;
6. **write** the gradebook (one row per file, plus a ``missing`` row per roster student with none),
   and, with ``--feedback``, a page per counted student and the manual-scoring sheet.

Nothing in a submission is ever executed: a ``.json`` submission is parsed with :mod:`json`, a
``.ipynb`` is read as JSON too and only the submission its hand-in cell displayed
(:data:`assign.SUBMISSION_MIME`) is taken from it. A bad file costs only itself: one line naming
the file and the reason (at most :data:`LINE_LIMIT` characters), and a ``rejected`` row.

Where the grader writes: the gradebook file (``--out``) and, with ``--feedback``, one HTML file
per student and ``manual-scores.csv`` in that folder. File names come from student ids reduced to
``[A-Za-z0-9_-]`` and are checked to resolve inside the folder; every file is written to a
temporary name and renamed, so a symlink planted at a target is replaced, never followed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import datafiles
from . import assign, deadlines, lms_zip, marks, shuffle
from .roster import Roster, Student, read_roster
from ..atomic import write_atomic
from ..errors import DataFileError, DiscourseLabError, display_path
from ..exercises import catalogue, scoring
from ..exercises.spec import Exercise
from ..exercises.submission import MAX_BYTES, SCHEMA
from ..number_format import plain_number as _fmt

NOTEBOOK_MAX_BYTES = 20_000_000  # a saved notebook carries outputs and widget state; still refused beyond this
SUBMISSION_SUFFIXES = (".json", ".ipynb")  # compared in lower case: .JSON is a submission too
LINE_LIMIT = 200  # an error or warning line, file name included
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


def cap_line(text: str, limit: int = LINE_LIMIT) -> str:
    """One line of at most ``limit`` characters: newlines flattened, the end cut with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def short_name(name: str, limit: int = 80) -> str:
    """A long file name cut in the middle, so that its start and its end stay readable."""
    return name if len(name) <= limit else name[: limit // 2 - 1] + "\u2026" + name[-(limit // 2) :]


def where(path: Path, file: str = "", archive: Path | None = None) -> str:
    """A file as an error line names it: the path as given (a zip member as ``archive.zip/member``,
    its name as stored, never resolved), or, when that is long, ``…/`` and its name."""
    shown = display_path(archive) + file[len(archive.name) :] if archive else display_path(path)
    if len(shown) <= 70:
        return shown
    return "\u2026/" + short_name(file or Path(shown).name, 70)


# ---------------------------------------------------------------- the assignment


@dataclass
class Assignment:
    folder: Path
    id: str
    title: str
    exercises: list[Exercise]
    key: dict
    due: datetime | None = None  # assign --due

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
        bank_dir, man, key = assign.load_instructor_folder(folder, bank)
    except assign.AssignError as exc:
        raise GradeError(str(exc)) from None
    key_path = folder / assign.KEY
    try:
        due = deadlines.due_time(man)
    except deadlines.PolicyError as exc:
        raise DataFileError(folder / assign.MANIFEST, str(exc)) from None
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
    return Assignment(folder, man["assignment_id"], man["title"], exercises, key["exercises"], due)


# ---------------------------------------------------------------- 1. reading the inputs


@dataclass
class Input:
    """One file to grade: on disk, or a member of an LMS zip (``member`` set)."""

    path: Path  # shown in the gradebook and the error lines (archive.zip/member for a zip member)
    index: int  # its place in the order given: command line, then folder and zip order
    member: lms_zip.Member | None = None
    reader: lms_zip.Reader | None = None
    problem: str | None = None  # why it is refused before reading, if it is
    label: str | None = None  # the name below the folder it was found in, for a file of a folder

    @property
    def lms(self) -> lms_zip.LmsFile | None:
        return self.member.lms if self.member else None

    @property
    def archive(self) -> Path | None:
        return self.member.archive if self.member else None

    @property
    def file(self) -> str:
        """The gradebook's ``file`` cell: the file's name (below the folder given), or archive/member."""
        if self.member:
            return f"{self.member.archive.name}/{self.member.name}"
        return self.label or self.path.name


def collect(paths: Sequence[Path | str]) -> tuple[list[Input], list[lms_zip.Reader]]:
    """Every file to grade, in order: files as given, folders walked, zips opened. Raises ZipError."""
    inputs: list[Input] = []
    readers: list[lms_zip.Reader] = []

    def add_zip(path: Path) -> None:
        found = lms_zip.members(path)  # raises ZipError for an archive that cannot be read
        if not found:
            inputs.append(Input(path, len(inputs), problem="is a zip archive with no submission files in it"))
            return
        reader = lms_zip.Reader(path)
        readers.append(reader)
        for m in found:
            inputs.append(Input(m.path, len(inputs), m, reader))

    try:
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found = _walk(path)
                if not found:
                    inputs.append(
                        Input(path, len(inputs), problem="is a folder with no .json, .ipynb or .zip file in it")
                    )
                for file in found:
                    if lms_zip.is_zip(file):
                        add_zip(file)
                    else:
                        inputs.append(Input(file, len(inputs), label=file.relative_to(path).as_posix()))
            elif lms_zip.is_zip(path) and path.is_file():
                add_zip(path)
            else:
                inputs.append(Input(path, len(inputs)))  # a missing or odd file is rejected with its reason
    except BaseException:
        for reader in readers:
            reader.close()
        raise
    return inputs, readers


def _walk(folder: Path) -> list[Path]:
    """Submission files and zips below a folder, sorted; hidden files and folders (.ipynb_checkpoints) skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if not name.startswith(".") and (suffix in SUBMISSION_SUFFIXES or suffix == ".zip"):
                found.append(Path(root) / name)
    return found


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


def _text(raw: bytes) -> str:
    """Submission bytes as text: UTF-8, with or without the BOM some editors and Windows tools write."""
    if not raw:
        raise Rejected("is empty")
    if b"\x00" in raw:
        raise Rejected("looks like a binary file, not a JSON submission")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected(f"is not valid UTF-8 (byte {exc.start})") from None


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(f"is not {what} (invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def _from_notebook(text: str) -> dict:
    """The newest submission a saved student notebook carries in its hand-in output."""
    nb = _json(text, "a readable notebook")
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
            "is a saved notebook with no answers in it: grade the <assignment id>-<student id>.json "
            "that its Export my answers button wrote beside it"
        )
    # Handed in more than once: the newest export counts (the schema check follows in parse()).
    dicts = [f for f in found if isinstance(f, dict)]
    return max(dicts, key=lambda d: str(d.get("created", ""))) if dicts else found[-1]


def parse(raw: bytes, suffix: str, path: Path) -> dict:
    """Parse and schema-check one submission's bytes (``.json``, or ``.ipynb`` that embeds one). Raises Rejected."""
    try:
        text = _text(raw)
        data = _from_notebook(text) if suffix == ".ipynb" else _json(text, "a readable submission")
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


def _cap(suffix: str) -> int:
    if suffix not in SUBMISSION_SUFFIXES:
        raise Rejected("is not a submission: expected a .json file or a student .ipynb")
    return NOTEBOOK_MAX_BYTES if suffix == ".ipynb" else MAX_BYTES


def read(path: Path | str) -> dict:
    """Read and schema-check one submission file on disk. Raises Rejected."""
    path = Path(path)
    if path.is_dir():
        raise Rejected("is a folder, not a submission file")
    if not path.exists():
        raise Rejected("file not found")
    suffix = path.suffix.lower()
    cap = _cap(suffix)
    _size(path, cap)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Rejected(f"cannot be read ({exc.strerror})") from None
    return parse(raw, suffix, path)


def read_input(item: Input) -> dict:
    """Read one input, from disk or from its zip. Raises Rejected."""
    if item.problem:
        raise Rejected(item.problem)
    if item.member is None:
        return read(item.path)
    if item.member.problem:
        raise Rejected(item.member.problem)
    assert item.reader is not None, "collect() gives every zip member its archive's reader"
    cap = _cap(item.member.suffix)
    try:
        raw = item.reader.read(item.member, cap)
    except ValueError as exc:
        raise Rejected(str(exc)) from None
    return parse(raw, item.member.suffix, item.path)


# ---------------------------------------------------------------- one gradebook row


@dataclass
class Graded:
    path: Path | None  # None on a roster student's "missing" row
    student_id: str = ""  # the id the row is graded under (the roster's, where there is one)
    created: str = ""
    points: dict = field(default_factory=dict)  # exercise id -> points (None: not yet scored)
    results: dict = field(default_factory=dict)  # exercise id -> scoring.Result
    answers: dict = field(default_factory=dict)  # exercise id -> answer as submitted
    manual: dict = field(default_factory=dict)  # exercise id -> (points, comment)
    flags: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    rejected: str | None = None
    # Identity, time and which row counts (steps 2 and 4).
    file: str = ""  # the gradebook's file cell (archive/member for a file from an LMS zip)
    typed_id: str = ""  # the id typed in the file, when it could be read
    student: Student | None = None  # the roster's student, when there is a roster
    lms: lms_zip.LmsFile | None = None  # what the LMS's file name says
    archive: Path | None = None  # the zip it came from, if it did
    index: int = -1  # place in the order given
    submitted: str | None = None  # ISO 8601: when the work was handed in, as far as anyone says
    time_source: str | None = None  # "lms" (the LMS's verdict) | "self-reported" (the file's created time)
    late: bool = False
    days_late: int | None = None
    penalty: float = 0.0  # fraction of the points taken off by the late policy (0 … 1)
    counts: bool = False  # True on exactly the one row per student that counts (a missing row counts: it is theirs)
    superseded: str | None = None  # why another row counts instead of this one
    missing: bool = False  # a roster student who handed nothing in

    @property
    def raw_total(self) -> float | None:
        if self.rejected or self.missing:
            return None
        return scoring.round_points(sum(p for p in self.points.values() if p is not None))

    @property
    def total(self) -> float | None:
        """The points after the late penalty."""
        raw = self.raw_total
        if raw is None or not self.penalty:
            return raw
        return scoring.round_points(raw * (1 - self.penalty))

    @property
    def status(self) -> str:
        if self.rejected:
            return "rejected"
        if self.missing:
            return "missing"
        if self.superseded:
            return "superseded"
        return "incomplete" if any(p is None for p in self.points.values()) else "graded"


def score_submission(path: Path, data: dict, assignment: Assignment) -> Graded:
    """Check the submission against the assignment and score it. Raises Rejected."""
    g = Graded(path=path, student_id=data["student_id"], created=data["created"], typed_id=data["student_id"])
    try:  # the handout's ids -> the bank's (course/shuffle.py); earlier versions the key accepts
        data = shuffle.bank_terms(data, assignment.key)
    except scoring.AnswerError as exc:
        raise Rejected(str(exc)) from None
    aid = data.get("assignment_id")
    if aid is None:
        # The book's static export box writes no assignment id: such a file answers the public pages.
        raise Rejected(
            "carries no assignment id: it was exported from the book or a lesson, not from the assignment "
            f"notebook of {assignment.id}; ask the student to hand in that notebook's export"
        )
    if aid != assignment.id:
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


# ---------------------------------------------------------------- 2. whose work it is


def _lms_label(lms: lms_zip.LmsFile) -> str:
    who = "Canvas user" if lms.kind == "canvas" else "Moodle participant"
    return f"{who} {lms.user_id} ({lms.name})"


def check_lms_roster(inputs: list[Input], roster: Roster | None) -> None:
    """A zip from one LMS needs that LMS's roster: its names carry user ids that only that roster maps to students."""
    if roster is None:
        return
    for item in inputs:
        member = item.member  # an LMS file is always a zip member
        if member and member.lms and member.lms.kind != roster.kind:
            lms = member.lms.kind.capitalize()
            export = "gradebook export (Grades, Export)" if member.lms.kind == "canvas" else "grading worksheet"
            raise GradeError(
                f"{display_path(member.archive)}: holds {lms} submissions, but {display_path(roster.path)} is "
                f"a {roster.kind} roster; give {lms}'s {export}, whose user ids the file names carry"
            )


def identify(item: Input, typed: str | None, roster: Roster | None) -> tuple[str, Student | None, list[str]]:
    """(the id to grade under, the roster student, flags) for one file. Raises Rejected when it is no one's.

    The LMS's word wins over the id typed in the file; a roster turns every id into a roster student
    or a rejection; without either, the typed id is all there is.
    """
    lms = item.lms
    flags: list[str] = []
    if lms and roster:  # check_lms_roster made sure the roster is that LMS's
        student = roster.by_lms_user_id(lms.user_id)
        if student is None:
            raise Rejected(f"was handed in by {_lms_label(lms)}, who is not on the roster {roster.path.name}")
        if typed and roster.by_student_id(typed) is not student:
            flags.append(f"id-mismatch:{typed}")
        return student.student_id, student, flags
    if roster:
        student = roster.by_student_id(typed) if typed else None
        if student is None:
            raise Rejected(f"student id {typed} is not on the roster {roster.path.name}; not graded")
        return student.student_id, student, flags
    return typed or "", None, flags


def group_key(g: Graded) -> str:
    """Rows with the same key are one student's: the roster student, else the LMS user, else the typed id."""
    if g.student is not None:
        return "roster:" + g.student.student_id.lower()
    if g.lms is not None:
        return f"{g.lms.kind}:{g.lms.user_id}"
    return "id:" + g.student_id.lower()


# ---------------------------------------------------------------- 4. the row that counts


def set_times(g: Graded, due: datetime | None, now: datetime) -> None:
    """``submitted``, ``time_source``, ``late`` and ``days_late`` of one readable row."""
    created = deadlines.parse_time(g.created)
    g.submitted = created.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if created else None
    lms_late = bool(g.lms and g.lms.late)
    g.time_source = "lms" if lms_late else "self-reported"
    if deadlines.in_future(created, now):
        g.flags.append("created-in-future")
        g.warnings.append(f"says it was created {g.created}, in the future; that time is not believed")
    g.days_late = deadlines.days_late(created, due, lms_late)
    g.late = g.days_late is not None
    if g.late:
        g.flags.append("late-lms" if lms_late else "late")


CANVAS_ORDER = "Canvas's upload order"


def _newest_order(group: list[Graded], now: datetime) -> tuple[list[Graded], str]:
    """One student's rows, oldest first, and the words for the order used."""
    canvas = [(g.lms, g) for g in group if g.lms and g.lms.kind == "canvas"]
    if len(canvas) == len(group) and len({lms.user_id for lms, _ in canvas}) == 1:
        return [g for _, g in sorted(canvas, key=lambda pair: (pair[0].order, pair[1].index))], CANVAS_ORDER

    def when(g: Graded) -> tuple:
        created = deadlines.parse_time(g.created)
        believed = created is not None and not deadlines.in_future(created, now)
        return (believed, created if believed else datetime.min.replace(tzinfo=timezone.utc), g.index)

    return sorted(group, key=when), "the created time in the files"


def choose_counted(graded: list[Graded], policy: deadlines.LatePolicy, now: datetime) -> None:
    """Mark the one row that counts per student; every other row says which one does, and why."""
    groups: dict[str, list[Graded]] = {}
    for g in graded:
        if not g.rejected:
            groups.setdefault(group_key(g), []).append(g)
    for group in groups.values():
        ordered, how = _newest_order(group, now)
        on_time = [g for g in ordered if not g.late]
        keep = ordered[-1] if policy.accepts_late_work or not on_time else on_time[-1]
        keep.counts = True
        for g in ordered:
            if g is keep:
                continue
            newer = ordered.index(g) > ordered.index(keep)
            if newer and g.late:
                g.superseded = (
                    f"late resubmission; {keep.file}, handed in on time, counts (--late-policy {policy.describe()})"
                )
                keep.flags.append(f"late-resubmission-not-counted:{g.file}")
            elif "created-in-future" in g.flags and how != CANVAS_ORDER:
                g.superseded = f"superseded by {keep.file}: this file's created time is in the future, not believed"
                keep.flags.append(f"supersedes:{g.file}")
            else:
                g.superseded = f"superseded by {keep.file}, newer by {how}"
                keep.flags.append(f"supersedes:{g.file}")
            # Only the counted row is marked by hand: a pending mark on this one is not pending.
            g.flags = [f for f in g.flags if not f.startswith("needs-manual:")] + [f"superseded-by:{keep.file}"]
    # Without a roster, two LMS users who typed the same id are both kept: say so on both rows.
    by_id: dict[str, list[Graded]] = {}
    for g in graded:
        if g.counts and g.student is None and g.lms is not None:
            by_id.setdefault(g.student_id.lower(), []).append(g)
    for rows in by_id.values():
        if len(rows) > 1:
            for g in rows:
                others = ", ".join(o.file for o in rows if o is not g)
                g.flags.append(f"same-id-as:{others}")
                g.warnings.append(
                    f"id {g.student_id} is also in {others}, handed in by another LMS user; give --roster"
                )


# ---------------------------------------------------------------- 5. manual scores


def read_manual(path: Path, assignment: Assignment) -> marks.Marks:
    """(student id lowercased, exercise id) -> :class:`marks.Mark` from a filled manual-scores sheet
    or the marking desk's marks file (see :func:`marks.read_marks`)."""
    return marks.read_marks(path, assignment)


def apply_manual(graded: list[Graded], manual: dict, path: Path | None) -> list[str]:
    """Put manual marks into the graded submissions (stale ones are flagged, not applied); return warnings."""
    return marks.apply_marks(graded, manual, path)


# ---------------------------------------------------------------- 6. writing


PLAIN_NUMBER = re.compile(r"^-\d+(\.\d+)?$")


def csv_safe(value: Any) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (formula triggers) gets a quote mark.
    A plain negative number (``-0.25``, a discrimination index) is no formula and stays a number."""
    text = "" if value is None else str(value)
    text = CONTROL.sub(" ", text)
    return "'" + text if text.startswith(CSV_TRIGGERS) and not PLAIN_NUMBER.match(text) else text


GRADEBOOK_COLUMNS_BEFORE = ("student_id", "name", "file")
GRADEBOOK_COLUMNS_AFTER = (
    "total", "max_points", "status", "counts", "submitted", "time_source", "late", "days_late", "penalty", "flags"
)  # fmt: skip


def _flags_cell(g: Graded) -> str:
    if g.rejected:
        return f"rejected: {g.rejected}"
    head = [f"superseded: {g.superseded}"] if g.superseded else []
    return "; ".join(head + [f for f in g.flags if not f.startswith("superseded-by:")])


def gradebook_csv(graded: list[Graded], assignment: Assignment) -> str:
    ids = [e.id for e in assignment.exercises]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*GRADEBOOK_COLUMNS_BEFORE, *ids, *GRADEBOOK_COLUMNS_AFTER])
    for g in graded:
        points = [""] * len(ids) if g.rejected or g.missing else [_fmt(g.points.get(i)) for i in ids]
        readable = not (g.rejected or g.missing)
        writer.writerow(
            [
                csv_safe(c)
                for c in (
                    g.student_id,
                    g.student.name if g.student else (g.lms.name if g.lms else ""),
                    g.file,
                    *points,
                    _fmt(g.total),
                    _fmt(assignment.total),
                    g.status,
                    "yes" if g.counts else "no",
                    g.submitted or "",
                    g.time_source or "",
                    ("yes" if g.late else "no") if readable else "",
                    g.days_late or "",
                    f"{_fmt(round(g.penalty * 100, 2))}%" if g.penalty else "",
                    _flags_cell(g),
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
    if g.late:
        days = f"{g.days_late} day{'s' if g.days_late != 1 else ''}" if g.days_late else "after the due time"
        cost = (
            Markup("; the late policy took {p} % off the {raw} points scored").format(
                p=_fmt(round(g.penalty * 100, 2)), raw=_fmt(g.raw_total)
            )
            if g.penalty
            else ""
        )
        parts.append(Markup("<p>Handed in late ({days}){cost}.</p>").format(days=days, cost=cost))
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
        # The page is read after grading, so each wrong row's reason is given (in the notebook it waits
        # for a second try); "marked below" refers to the widget's marks, which this page has not.
        reasons = list(fb.get("reasons", []))
        messages = [m.replace(", each marked \u2716 below.", ", each explained below.") for m in fb.get("messages", [])]
        messages += reasons
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


def manual_sheet(graded: list[Graded], assignment: Assignment, manual: dict | None = None) -> str:
    """The manual-scores sheet (see :func:`marks.manual_sheet`)."""
    return marks.manual_sheet(graded, assignment, manual)


# ---------------------------------------------------------------- the whole run


@dataclass
class Report:
    graded: list[Graded]  # every gradebook row, in the gradebook's order
    errors: list[str]  # one line per rejected submission
    warnings: list[str]
    written: list[Path]
    assignment: Assignment | None = None
    roster: Roster | None = None
    late_policy: deadlines.LatePolicy | None = None

    @property
    def rejected(self) -> int:
        return sum(1 for g in self.graded if g.rejected)

    @property
    def superseded(self) -> int:
        return sum(1 for g in self.graded if g.superseded)

    @property
    def missing(self) -> int:
        return sum(1 for g in self.graded if g.missing)

    @property
    def counted(self) -> list[Graded]:
        """The one row per student that counts, ``missing`` rows included."""
        return [g for g in self.graded if g.counts]

    @property
    def handed_in(self) -> list[Graded]:
        """Counted rows with a submission behind them."""
        return [g for g in self.counted if not g.missing]


def _line(g: Graded, text: str) -> str:
    return cap_line(f"{where(g.path, g.file, g.archive) if g.path else g.student_id}: {text}")


def grade(
    assignment_folder: Path | str,
    submissions: Sequence[Path | str],
    out: Path | str,
    feedback: Path | str | None = None,
    manual: Path | str | None = None,
    bank: Path | str | None = None,
    roster: Path | str | None = None,
    late_policy: str | None = None,
) -> Report:
    """Grade every submission (files, folders, LMS zips); write the gradebook (and feedback). Returns what happened."""
    assignment = load_assignment(assignment_folder, bank)
    try:
        policy = deadlines.parse_policy(late_policy)
    except deadlines.PolicyError as exc:
        raise GradeError(str(exc)) from None
    out = Path(out)
    if out.is_dir():
        raise GradeError(f"{out}: is a folder; --out takes a file name such as gradebook.csv")
    class_list = read_roster(roster) if roster else None
    manual_scores = read_manual(Path(manual), assignment) if manual else {}
    now = datetime.now(timezone.utc)

    # 1. read inputs
    inputs, readers = collect(submissions)
    check_lms_roster(inputs, class_list)
    graded: list[Graded] = []
    warnings: list[str] = []
    try:
        for item in inputs:
            if item.lms and class_list and item.lms.user_id in class_list.test_user_ids:
                warnings.append(
                    cap_line(f"{where(item.path, item.file, item.archive)}: Canvas's Test Student; not graded")
                )
                continue
            data = None
            try:
                data = read_input(item)
                # 2. identify, 3. score
                typed = data["student_id"]
                sid, student, flags = identify(item, typed, class_list)
                g = score_submission(item.path, data, assignment)
                g.student_id, g.student, g.flags = sid, student, flags + g.flags
                if flags and item.lms:  # identify flags an id mismatch only for a file an LMS handed in
                    g.warnings.append(
                        f"the file says student {typed}, but {_lms_label(item.lms)} handed it in; graded as {sid}"
                    )
            except Rejected as exc:
                # Whose file it was is shown when the LMS or the schema-checked file says so.
                try:
                    sid, student, _ = identify(item, data["student_id"] if data else None, class_list)
                except Rejected:
                    sid, student = (data["student_id"] if data else ""), None
                g = Graded(path=item.path, student_id=sid, student=student, rejected=cap_line(str(exc)))
                g.flags = ["rejected"]
                g.typed_id = data["student_id"] if data else ""
            g.file, g.lms, g.index, g.archive = item.file, item.lms, item.index, item.archive
            graded.append(g)
    finally:
        for reader in readers:
            reader.close()

    # 4. choose the counted row per student
    for g in graded:
        if not g.rejected:
            set_times(g, assignment.due, now)
    choose_counted(graded, policy, now)
    graded = _in_gradebook_order(graded, class_list)

    # 5. apply marks: manual scores, then the late penalty on the total
    counted = [g for g in graded if g.counts and not g.missing]
    warnings += apply_manual(counted, manual_scores, Path(manual) if manual else None)
    for g in counted:
        g.penalty = policy.penalty(g.days_late) if g.late else 0.0
        if g.penalty:
            g.flags.append(f"late-penalty:{_fmt(round(g.penalty * 100, 2))}%")

    # 6. write
    errors = [_line(g, g.rejected) for g in graded if g.rejected]
    warnings = [cap_line(w) for w in warnings] + [_line(g, w) for g in graded if not g.rejected for w in g.warnings]
    written = []
    write_atomic(out, gradebook_csv(graded, assignment))
    written.append(out)
    if feedback:
        written += _write_feedback(Path(feedback), counted, assignment, manual, manual_scores, warnings)
    return Report(graded, errors, warnings, written, assignment, class_list, policy)


def _in_gradebook_order(graded: list[Graded], roster: Roster | None) -> list[Graded]:
    """Roster order, each student's counted row first and a ``missing`` row for who handed in nothing;
    rows of no roster student after them, in the order given. Without a roster: the order given."""
    if roster is None:
        return sorted(graded, key=lambda g: g.index)
    rows: dict[str, list[Graded]] = {}
    for g in sorted(graded, key=lambda g: (not g.counts, g.index)):
        rows.setdefault(g.student.student_id.lower() if g.student else "", []).append(g)
    ordered = []
    for s in roster.students:
        found = rows.pop(s.student_id.lower(), None)
        ordered += found or [
            Graded(path=None, student_id=s.student_id, student=s, missing=True, counts=True, flags=["missing"])
        ]
    return ordered + sorted((g for rest in rows.values() for g in rest), key=lambda g: g.index)


def _write_feedback(
    folder: Path, counted: list[Graded], assignment: Assignment, manual, manual_scores, warnings: list[str]
) -> list[Path]:
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = {Path(MANUAL_SHEET).stem.lower()}
    for g in counted:
        target = inside(folder, safe_name(g.student_id, taken) + ".html")
        write_atomic(target, feedback_html(g, assignment))
        written.append(target)
    if any(not e.objective for e in assignment.exercises):
        sheet = inside(folder, MANUAL_SHEET)
        if sheet.exists() and (not manual or sheet != Path(manual).resolve()) and _has_scores(sheet, assignment):
            warnings.append(
                cap_line(f"{display_path(sheet)}: holds manual scores not passed with --manual; left unchanged")
            )
        else:
            write_atomic(sheet, manual_sheet(counted, assignment, manual_scores))
            written.append(sheet)
    return written


def _has_scores(sheet: Path, assignment: Assignment) -> bool:
    try:
        return bool(read_manual(sheet, assignment))
    except DiscourseLabError:
        return True  # unreadable to us but maybe precious to the instructor: keep it
