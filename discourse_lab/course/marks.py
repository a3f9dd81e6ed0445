"""The marks store: the points and comments given by hand to judgement answers, each keyed to the answer it judged.

A mark belongs to one student's answer to one judgement item and records the digest of that
answer (:func:`answer_digest`). When the answer that counts changes (a resubmission, another file
counts), the mark no longer fits it: :func:`apply_marks` leaves it out, flags the row
``stale-mark:<exercise id>`` and says so; the mark itself is kept, never silently moved to the new
answer.

Two files hold marks, and :func:`read_marks` reads both:

- **the marks file** (``.json``) the marking desk (:mod:`.desk`) saves after every change: format
  ``discourse-lab-marks``, schema ``data/schemas/marks.schema.json``. Every save goes through a lock,
  re-reads the file and changes only the marks it was given (two desks on one file lose nothing),
  writes a temporary file and renames it over the old one (a crash leaves the old file whole), and
  first copies the old file to ``<name>.bak`` (one step back).
- **the manual-scores sheet** (``.csv``, :func:`manual_sheet`) for a spreadsheet: one row per
  student and judgement item, grouped by item, with one ``rubric_N`` column per rubric item to tick
  (``x``, ``1``, ``yes``, ``TRUE``, a check mark), ``points`` (blank: the ticked items' sum; a
  different number overrides it and needs a comment), ``comment`` and the ``answer_digest`` of the
  answer the row shows. It is read as spreadsheets write it: UTF-8 with or without a byte-order mark,
  ``,`` ``;`` or tab between cells (taken from the header), decimal commas (``2,5``), CRLF line ends,
  quoted cells. A cell that would start a formula (``= + - @``) is written with a leading ``'`` and
  read back without it, so a comment such as ``- cites no source`` survives any number of regrades
  unchanged; the sheet is written back in the delimiter, decimal mark and BOM it was read with.

A rubric item's points come from the bank (``Exercise.rubric``: ``{text, points}``, or an equal
share for plain-text items); ticked items add up to the mark's points unless the marker gave other
points, with a comment saying why.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import datafiles
from ..atomic import locked, replace_with_backup
from ..errors import DataFileError, display_path
from ..exercises import scoring
from ..number_format import plain_number

FORMAT = "discourse-lab-marks"
FORMAT_VERSION = 1
SCHEMA = "marks.schema.json"
BASE_COLUMNS = ("student_id", "exercise_id", "max_points", "points")
TEXT_COLUMNS = ("comment", "answer", "rubric", "model_answer", "answer_digest", "status")
# status of a sheet row: "" the answer that counts now; "stale" a mark of an earlier answer, kept;
# "unmatched" a mark of a student with no graded submission now, kept.
STALE, UNMATCHED = "stale", "unmatched"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TICKED = {"x", "1", "yes", "y", "true", "\u2713", "\u2714", "\u2611", "ja", "oui", "vrai", "wahr", "si", "s\u00ed"}
UNTICKED = {"", "0", "no", "n", "false", "-", "nein", "non", "faux", "falsch"}
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def answer_digest(answer: Any) -> str:
    """``sha256:`` and 16 hex digits of the answer's canonical JSON: equal answers, equal digests."""
    text = json.dumps(answer, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Mark:
    """One hand-given mark. ``points`` None: begun (ticks or a comment) but not yet a score."""

    student_id: str
    exercise_id: str
    digest: str  # answer_digest of the answer this mark judged
    points: float | None
    rubric: tuple[int, ...] = ()  # 1-based rubric items ticked, ascending
    comment: str = ""
    updated: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.student_id.lower(), self.exercise_id)

    @property
    def empty(self) -> bool:
        return self.points is None and not self.rubric and not self.comment

    def to_json(self) -> dict:
        return {
            "student_id": self.student_id,
            "exercise_id": self.exercise_id,
            "digest": self.digest,
            "points": self.points,
            "rubric": list(self.rubric),
            "comment": self.comment,
            "updated": self.updated,
        }


@dataclass(frozen=True)
class SheetFormat:
    """How a sheet was written, so that it is written back the same way."""

    delimiter: str = ","
    decimal: str = "."
    bom: bool = False


class Marks(dict):
    """(student id lowercased, exercise id) -> :class:`Mark`, and the sheet format of the file read."""

    def __init__(self, *args, sheet: SheetFormat | None = None, source: Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet or SheetFormat()
        self.source = source


# ---------------------------------------------------------------- points


def ticked_points(exercise, rubric: tuple[int, ...] | list[int]) -> float:
    """What the ticked rubric items (1-based) are worth together."""
    items = exercise.rubric
    return scoring.round_points(sum(items[i - 1][1] for i in rubric))


def is_override(exercise, mark: Mark) -> bool:
    """Points other than the ticked items' sum (a plain score with no ticks is not an override)."""
    if mark.points is None or not mark.rubric:
        return False
    return abs(mark.points - ticked_points(exercise, mark.rubric)) > 0.005


def check_mark(exercise, mark: Mark) -> str | None:
    """What is wrong with a mark for this exercise, or None."""
    if exercise.objective:
        return f"{exercise.id} is scored automatically, not by hand"
    n = len(exercise.rubric)
    bad = [i for i in mark.rubric if not 1 <= i <= n]
    if bad:
        return f"rubric item {bad[0]} ticked for {exercise.id}, which has {n} rubric item(s)"
    if mark.points is not None:
        if not math.isfinite(mark.points) or not 0 <= mark.points <= exercise.points:
            return f"points {plain_number(mark.points)} for {exercise.id} must be between 0 and {plain_number(exercise.points)}"
    return None


# ---------------------------------------------------------------- the marks file (JSON)


def backup_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + ".bak")


def _mark_from_json(entry: dict) -> Mark:
    points = entry.get("points")
    return Mark(
        student_id=entry["student_id"],
        exercise_id=entry["exercise_id"],
        digest=entry["digest"],
        points=None if points is None else float(points),
        rubric=tuple(sorted(set(entry.get("rubric", [])))),
        comment=entry.get("comment", ""),
        updated=entry.get("updated", ""),
    )


def _read_json(path: Path) -> tuple[str | None, list[Mark]]:
    """The assignment id and marks of a marks file, schema-checked (not yet against an assignment)."""
    data = datafiles.load(path, SCHEMA)
    return data.get("assignment_id"), [_mark_from_json(m) for m in data["marks"]]


def _json_text(marks, assignment_id: str | None) -> str:
    ordered = sorted(marks, key=lambda m: (m.exercise_id, m.student_id.lower()))
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "assignment_id": assignment_id,
        "marks": [m.to_json() for m in ordered if not m.empty],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _replace(path: Path, text: str) -> None:
    """Atomic write that first keeps the current file as ``<name>.bak`` (itself written atomically)."""
    replace_with_backup(path, text)


def write_marks(path: Path | str, marks: dict | list, assignment_id: str | None = None) -> None:
    """Write the marks file: exactly ``marks`` (a dict as :func:`read_marks` gives, or a list), atomically."""
    path = Path(path)
    values = list(marks.values()) if isinstance(marks, dict) else list(marks)
    with locked(path):
        _replace(path, _json_text(values, assignment_id))


def save_marks(path: Path | str, changed: list[Mark], assignment_id: str | None = None) -> list[Mark]:
    """Put ``changed`` into the marks file, keeping every other mark in it (a mark with nothing
    in it is removed). Under the lock the file is re-read, so marks another desk saved meanwhile stay.
    Returns every mark now in the file."""
    path = Path(path)
    with locked(path):
        current: dict[tuple[str, str], Mark] = {}
        stored_id = assignment_id
        if path.exists():
            stored_id, found = _read_json(path)
            if assignment_id and stored_id and stored_id != assignment_id:
                raise DataFileError(path, f"holds the marks of assignment {stored_id}, not {assignment_id}")
            current = {m.key: m for m in found}
        for mark in changed:
            if mark.empty:
                current.pop(mark.key, None)
            else:
                current[mark.key] = mark
        _replace(path, _json_text(current.values(), stored_id or assignment_id))
        return list(current.values())


# ---------------------------------------------------------------- reading either file


def read_marks(path: Path | str, assignment) -> Marks:
    """Every mark in a marks file (``.json``, the desk's) or a manual-scores sheet (``.csv``), checked
    against the assignment: one-line :class:`DataFileError` naming the file and the line."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _read_marks_json(path, assignment)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return _read_sheet(path, assignment)
    raise DataFileError(path, "is not a marks file: give the desk's marks .json or a manual-scores .csv")


def _read_marks_json(path: Path, assignment) -> Marks:
    stored_id, found = _read_json(path)
    if stored_id and stored_id != assignment.id:
        raise DataFileError(path, f"holds the marks of assignment {stored_id}, not {assignment.id}")
    exercises = assignment.by_id()
    out = Marks(source=path)
    for n, mark in enumerate(found):
        ex = exercises.get(mark.exercise_id)
        if ex is None:
            raise DataFileError(
                path, f"mark {n + 1}: exercise {mark.exercise_id!r} is not in assignment {assignment.id}"
            )
        problem = check_mark(ex, mark)
        if problem:
            raise DataFileError(path, f"mark {n + 1}: {problem}")
        if mark.key in out:
            raise DataFileError(path, f"mark {n + 1}: a second mark for {mark.student_id} on {mark.exercise_id}")
        out[mark.key] = mark
    return out


def _decode(path: Path) -> tuple[str, bool]:
    raw = datafiles.read_bytes(path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError(path, "is UTF-16 text (Excel's 'Unicode Text'); save it as 'CSV UTF-8' instead")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            path, f"is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8 (Comma delimited)'"
        ) from None
    return text.replace("\x00", ""), raw.startswith(codecs.BOM_UTF8)


def _header_names(cells: list[str]) -> list[str]:
    return [unguard(c).strip().lower() for c in cells]


def _delimiter(path: Path, text: str) -> str:
    first = text.splitlines()[0] if text.strip() else ""
    for delimiter in (",", ";", "\t"):
        names = set(_header_names(next(csv.reader([first], delimiter=delimiter), [])))
        if {"student_id", "exercise_id"} <= names:
            return delimiter
    names = set(_header_names(next(csv.reader([first]), [])))
    missing = sorted({"student_id", "exercise_id", "points"} - names)
    raise DataFileError(path, f"needs the column(s) {', '.join(missing)} in its first line")


def unguard(text: str) -> str:
    """A cell as typed: the ``'`` :func:`guard` put before a formula character taken off again."""
    return text[1:] if text.startswith("'") and text[1:2] and text[1] in FORMULA_START else text


def guard(value: Any) -> str:
    """A cell a spreadsheet shows as text: one ``'`` before a leading = + - @ (never a second one)."""
    text = CONTROL.sub(" ", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def _number(raw: str) -> tuple[float | None, bool]:
    """(value, written with a decimal comma); value None when the cell is not a number."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    comma = bool(DECIMAL_COMMA.fullmatch(text))
    if comma:
        text = text.replace(",", ".")
    if not NUMBER.fullmatch(text):
        return None, comma
    return float(text), comma


def _read_sheet(path: Path, assignment) -> Marks:
    text, bom = _decode(path)
    delimiter = _delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _header_names(next(reader))
    if "points" not in header and not any(h.startswith("rubric_") for h in header):
        raise DataFileError(path, "needs the column(s) points")
    exercises = assignment.by_id()
    comma_seen = False
    rows: dict[tuple[str, str], tuple[int, str, Mark]] = {}
    updated = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    for cells in reader:
        line = reader.line_num
        row = {name: unguard(cells[i]).replace("\r\n", "\n") if i < len(cells) else "" for i, name in enumerate(header)}
        if not any(v.strip() for v in row.values()):
            continue  # a blank row (spreadsheets add them at the end)
        sid, ex_id = row.get("student_id", "").strip(), row.get("exercise_id", "").strip()
        ticks = []
        for name, value in row.items():
            if not name.startswith("rubric_") or not name[7:].isdigit():
                continue
            word = value.strip().lower()
            if word in TICKED:
                ticks.append(int(name[7:]))
            elif word not in UNTICKED:
                raise DataFileError(
                    path, f"line {line}: {name} is {value.strip()!r}; tick it with x (or leave it empty)"
                )
        raw = row.get("points", "").strip()
        comment = row.get("comment", "").strip()
        if not raw and not ticks and not comment:
            continue  # not marked yet
        if not sid or not ex_id:
            raise DataFileError(path, f"line {line}: a mark needs both student_id and exercise_id")
        ex = exercises.get(ex_id)
        if ex is None:
            raise DataFileError(path, f"line {line}: exercise {ex_id!r} is not in assignment {assignment.id}")
        if ex.objective:
            raise DataFileError(path, f"line {line}: {ex_id} is scored automatically, not by hand")
        points = None
        if raw:
            points, comma = _number(raw)
            comma_seen |= comma
            if points is None:
                raise DataFileError(path, f"line {line}: points {raw!r} is not a number")
        elif ticks:
            points = ticked_points(ex, ticks) if max(ticks) <= len(ex.rubric) else None
        mark = Mark(
            sid, ex_id, row.get("answer_digest", "").strip(), points, tuple(sorted(set(ticks))), comment, updated
        )
        problem = check_mark(ex, mark)
        if problem:
            raise DataFileError(path, f"line {line}: {problem}")
        if not mark.digest:  # a sheet from before digests: the answer it shows is the answer judged
            if "answer" not in row:
                raise DataFileError(path, f"line {line}: needs the answer_digest (or the answer) the mark judged")
            mark.digest = answer_digest(row["answer"])
        if raw and is_override(ex, mark) and not comment:
            raise DataFileError(
                path,
                f"line {line}: points {raw} differ from the ticked rubric items ({plain_number(ticked_points(ex, ticks))}); "
                "say why in the comment, or leave points empty",
            )
        status = row.get("status", "").strip().lower()
        earlier = rows.get(mark.key)
        if earlier is not None:
            # A kept stale mark and a new mark of the answer that counts: the new one wins.
            if earlier[1] == STALE and status != STALE:
                pass
            elif status == STALE and earlier[1] != STALE:
                continue
            else:
                raise DataFileError(path, f"line {line}: a second mark for {sid} on {ex_id} (line {earlier[0]})")
        rows[mark.key] = (line, status, mark)
    # A ";" sheet comes from a locale that writes decimal commas, so it gets them back.
    decimal = "," if comma_seen or delimiter == ";" else "."
    return Marks(
        {key: mark for key, (_, _, mark) in rows.items()},
        sheet=SheetFormat(delimiter, decimal, bom),
        source=path,
    )


# ---------------------------------------------------------------- applying marks to graded rows


def _counts(g) -> bool:
    return not g.rejected and getattr(g, "counts", True)


def find_mark(marks: dict, student_id: str, exercise_id: str) -> tuple[tuple[str, str], Mark | None]:
    """The mark of a student on an item, and the key it is under. A spreadsheet turns an id of
    digits into a number and drops its leading zeros ("0012345" -> "12345"): such a mark is found too."""
    key = (student_id.lower(), exercise_id)
    if key in marks:
        return key, marks[key]
    if student_id.isdigit() and student_id.startswith("0"):
        short = (student_id.lstrip("0") or "0", exercise_id)
        if short in marks:
            return short, marks[short]
    return key, None


def apply_marks(graded: list, marks: dict, source: Path | None = None) -> list[str]:
    """Put each mark into the row that counts for its student when it judged the answer that row
    holds; a mark of another answer is stale: not applied, flag ``stale-mark:<exercise id>``.
    Returns warnings (stale marks; with ``source``, marks that fit no graded submission)."""
    where = display_path(source) if source else "marks"
    used: set[tuple[str, str]] = set()
    warnings = []
    for g in graded:
        if not _counts(g):
            continue
        for ex_id, result in g.results.items():
            key, mark = find_mark(marks, g.student_id, ex_id)
            if result.points is not None or mark is None:
                continue
            used.add(key)
            if mark.digest != answer_digest(g.answers[ex_id]):
                if f"stale-mark:{ex_id}" not in g.flags:
                    g.flags.append(f"stale-mark:{ex_id}")
                warnings.append(
                    f"{where}: the mark for {g.student_id} on {ex_id} judged another answer than the one that counts "
                    f"now ({g.path.name}); not applied: mark it again"
                )
                continue
            if mark.points is None:
                continue
            g.points[ex_id] = scoring.round_points(mark.points)
            g.manual[ex_id] = (mark.points, mark.comment)
            if f"needs-manual:{ex_id}" in g.flags:
                g.flags.remove(f"needs-manual:{ex_id}")
    if source:
        warnings += [
            f"{where}: a score for {marks[key].student_id} on {key[1]} matches no graded submission; ignored"
            for key in sorted(set(marks) - used)
        ]
    return warnings


# ---------------------------------------------------------------- the sheet


def _fmt(value, decimal: str) -> str:
    text = plain_number(value)
    return text.replace(".", decimal) if decimal != "." else text


def sheet_columns(assignment) -> list[str]:
    n = max((len(e.rubric) for e in assignment.exercises if not e.objective), default=0)
    return [*BASE_COLUMNS, *(f"rubric_{i}" for i in range(1, n + 1)), *TEXT_COLUMNS]


def manual_sheet(graded: list, assignment, marks: dict | None = None) -> str:
    """The CSV to mark in a spreadsheet: per judgement item (in assignment order), one row per
    student whose counted submission answered it (ordered by student id). A mark of an earlier
    answer is kept as its own ``stale`` row beside the row of the answer that counts; a mark of a
    student with no graded submission now as an ``unmatched`` row. Without ``marks``, the marks
    already applied to the rows are written."""
    if marks is None:
        marks = Marks()
        for g in graded:
            if _counts(g):
                for ex_id, (points, comment) in g.manual.items():
                    marks[(g.student_id.lower(), ex_id)] = Mark(
                        g.student_id, ex_id, answer_digest(g.answers[ex_id]), points, (), comment
                    )
    fmt = getattr(marks, "sheet", SheetFormat())
    columns = sheet_columns(assignment)
    ticks = [c for c in columns if c.startswith("rubric_")]
    buffer = io.StringIO()
    if fmt.bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    counted = sorted((g for g in graded if _counts(g)), key=lambda g: g.student_id.lower())
    seen: set[tuple[str, str]] = set()

    def row(ex, sid, mark: Mark | None, answer, digest, status):
        cells = {
            "student_id": sid,
            "exercise_id": ex.id,
            "max_points": _fmt(ex.points, fmt.decimal),
            "points": _fmt(mark.points, fmt.decimal) if mark else "",
            "comment": mark.comment if mark else "",
            "answer": answer,
            "rubric": " | ".join(
                f"{n}. {text} ({_fmt(scoring.round_points(p), fmt.decimal)})"
                for n, (text, p) in enumerate(ex.rubric, 1)
            ),
            "model_answer": ex.data.get("model_answer", ""),
            "answer_digest": digest,
            "status": status,
        }
        for name in ticks:
            cells[name] = "x" if mark and int(name[7:]) in mark.rubric else ""
        writer.writerow([guard(cells[c]) for c in columns])

    for ex in assignment.exercises:
        if ex.objective:
            continue
        for g in counted:
            if ex.id not in g.answers or ex.id not in g.results:
                continue
            key, mark = find_mark(marks, g.student_id, ex.id)
            seen.add(key)
            digest = answer_digest(g.answers[ex.id])
            if mark is not None and mark.digest != digest:
                row(ex, g.student_id, mark, "(an earlier answer, no longer the one that counts)", mark.digest, STALE)
                mark = None
            row(ex, g.student_id, mark, g.answers[ex.id], digest, "")
        for key in sorted(k for k in marks if k[1] == ex.id and k not in seen):
            mark = marks[key]
            row(ex, mark.student_id, mark, "(no graded submission of this student now)", mark.digest, UNMATCHED)
    return buffer.getvalue()


__all__ = [
    "Mark",
    "Marks",
    "SheetFormat",
    "answer_digest",
    "apply_marks",
    "backup_path",
    "check_mark",
    "find_mark",
    "guard",
    "is_override",
    "manual_sheet",
    "read_marks",
    "save_marks",
    "sheet_columns",
    "ticked_points",
    "unguard",
    "write_marks",
]
