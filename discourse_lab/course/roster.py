"""The class list: who is enrolled, and by which ids the LMS knows them.

``read_roster(path)`` reads one of three spreadsheets, recognised by their header:

* **Canvas** gradebook export (Grades → Export → CSV): ``Student, ID, SIS User ID, SIS Login ID,
  [Integration ID,] Section, …``. Under the header Canvas writes a ``Points Possible`` row (and, in
  some versions, a ``Muted`` or ``Manual Posting`` row) before the students; those are skipped, and
  so is Canvas's "Test Student" (the Student View account), whose LMS id is kept apart so that its
  files can be left out with a note. Canvas's numeric ``ID`` is the user id that names each file
  of its "Download Submissions" zip.
* **Moodle** grading worksheet (Assignment → View all submissions → Download grading worksheet):
  ``Identifier, Full name, [Email address, ID number, …,] Status, Grade, …``, where ``Identifier``
  is ``Participant <n>`` and ``<n>`` is the number that names each folder of Moodle's "Download
  all submissions" zip.
* **plain** CSV with a ``student_id`` column (``name`` and ``section`` columns are read if present).

Spreadsheets save these with or without a UTF-8 BOM and with ``,`` or ``;`` between cells (a
European locale); both are read. A problem ends in one :class:`RosterError` line naming the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import datafiles
from ..errors import DataFileError

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
# Rows Canvas writes between the header and the students (the first cell, or any cell, says which).
CANVAS_META_ROWS = ("Points Possible", "Muted", "Manual Posting")
CANVAS_TEST_STUDENT = ("Student, Test", "Test Student")
# "Participant 123" in English; Moodle translates the word, so any word(s) then the number.
MOODLE_PARTICIPANT = re.compile(r"^\s*[^\W\d][^\d]*?\s+(\d+)\s*$")
MAX_ROSTER_BYTES = 20_000_000


class RosterError(DataFileError):
    """The roster cannot be read (unknown layout, duplicate or blank ids …): one line naming the file."""


@dataclass(frozen=True)
class Student:
    student_id: str  # the id grading uses (see read_roster for which column it comes from)
    name: str
    lms_user_id: str | None  # Canvas "ID"; Moodle participant number of "Identifier"
    section: str | None
    fields: dict[str, str]  # the roster row exactly as read: original column names, in order
    aliases: tuple[str, ...] = ()  # other ids of the same student a file may carry (SIS User ID, email …)


@dataclass
class Roster:
    kind: str  # "canvas" | "moodle" | "plain"
    path: Path
    columns: list[str]
    students: list[Student]
    test_user_ids: set[str] = field(default_factory=set)  # Canvas Test Student: files left out, not graded
    _by_id: dict[str, Student] = field(default_factory=dict, repr=False)
    _by_alias: dict[str, Student] = field(default_factory=dict, repr=False)
    _by_lms: dict[str, Student] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for s in self.students:
            self._by_id[s.student_id.lower()] = s
            if s.lms_user_id:
                self._by_lms[s.lms_user_id] = s
        # Other ids a student may type: the roster's other id columns, and the part of an email
        # address before the @ (s001@uni.example -> s001). An alias two students share, or that is
        # another student's own id, names no one.
        owners: dict[str, set[int]] = {}
        for n, s in enumerate(self.students):
            names = {a.lower() for a in s.aliases}
            names |= {v.split("@", 1)[0] for v in (*names, s.student_id.lower()) if "@" in v}
            for alias in names - {s.student_id.lower()}:
                owners.setdefault(alias, set()).add(n)
        for alias, who in owners.items():
            if len(who) == 1 and alias not in self._by_id:
                self._by_alias[alias] = self.students[who.pop()]

    def by_student_id(self, sid: str) -> Student | None:
        """The student with this id (ignoring case), or whose other roster id it is."""
        key = (sid or "").strip().lower()
        return self._by_id.get(key) or self._by_alias.get(key)

    def by_lms_user_id(self, uid: str) -> Student | None:
        return self._by_lms.get(str(uid).strip())

    def position(self, student: Student) -> int:
        return self.students.index(student)


def _decode(path: Path) -> str:
    raw = datafiles.read_bytes(path, RosterError, "is a folder; --roster takes the CSV exported from the LMS")
    if len(raw) > MAX_ROSTER_BYTES:
        raise RosterError(path, f"is {len(raw)} bytes; a roster may be at most {MAX_ROSTER_BYTES}")
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(path, "is a spreadsheet workbook (.xlsx/.xls), not CSV: export or save it as CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(path, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8") from None


def read_rows(path: Path, text: str) -> list[list[str]]:
    """The CSV's rows, with ``,`` or ``;`` between cells, whichever the header line uses."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise RosterError(path, f"is not readable CSV ({exc})") from None
    return [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]


def read_roster(path: Path | str) -> Roster:
    """Read a Canvas gradebook export, a Moodle grading worksheet or a plain ``student_id`` CSV.

    The id grading uses: Canvas ``SIS Login ID``, else ``SIS User ID``, else ``ID``; Moodle
    ``ID number``, else ``Email address``, else the participant number of ``Identifier``; plain:
    ``student_id``. A file may also carry any other of the student's roster ids (an alias).
    """
    path = Path(path)
    rows = read_rows(path, _decode(path))
    if not rows:
        raise RosterError(path, "is empty")
    header = rows[0]
    if len(set(header)) != len(header):
        raise RosterError(path, "has two columns with the same name")
    if "Student" in header and "ID" in header and ("SIS User ID" in header or "SIS Login ID" in header):
        roster = _canvas(path, header, rows[1:])
    elif "Identifier" in header and "Full name" in header:
        roster = _moodle(path, header, rows[1:])
    elif "student_id" in header:
        roster = _plain(path, header, rows[1:])
    else:
        raise RosterError(
            path,
            "is not a roster: expected a Canvas gradebook export (Student, ID, SIS User ID, SIS Login ID, Section), "
            "a Moodle grading worksheet (Identifier, Full name, …) or a CSV with a student_id column",
        )
    if not roster.students:
        raise RosterError(path, "lists no students")
    seen: dict[str, int] = {}
    for n, s in enumerate(roster.students):
        key = s.student_id.lower()
        if key in seen:
            raise RosterError(path, f"lists student id {s.student_id} twice")
        seen[key] = n
    return roster


def _row_dict(header: list[str], row: list[str]) -> dict[str, str]:
    cells = row + [""] * (len(header) - len(row))
    return dict(zip(header, cells))


def _canvas(path: Path, header: list[str], rows: list[list[str]]) -> Roster:
    students, tests = [], set()
    for line, row in enumerate(rows, 2):
        fields = _row_dict(header, row)
        name = fields.get("Student", "")
        if name in CANVAS_META_ROWS or (not name and not fields.get("ID") and any(c in CANVAS_META_ROWS for c in row)):
            continue
        if name in CANVAS_TEST_STUDENT:
            if fields.get("ID"):
                tests.add(fields["ID"])
            continue
        uid = fields.get("ID", "")
        sid = fields.get("SIS Login ID") or fields.get("SIS User ID") or uid
        if not sid:
            raise RosterError(path, f"line {line}: student {name!r} has no ID, SIS User ID or SIS Login ID")
        aliases = tuple(v for v in (fields.get("SIS User ID"), fields.get("SIS Login ID")) if v and v != sid)
        students.append(Student(sid, name, uid or None, fields.get("Section") or None, fields, aliases))
    return Roster("canvas", path, header, students, tests)


def _moodle(path: Path, header: list[str], rows: list[list[str]]) -> Roster:
    students = []
    for line, row in enumerate(rows, 2):
        fields = _row_dict(header, row)
        match = MOODLE_PARTICIPANT.match(fields.get("Identifier", ""))
        if not match:
            raise RosterError(
                path, f"line {line}: Identifier {fields.get('Identifier', '')!r} is not 'Participant <number>'"
            )
        number = match.group(1)
        ids = [fields.get("ID number", ""), fields.get("Email address", "")]
        sid = next((v for v in ids if v), number)
        aliases = tuple(v for v in [*ids, fields.get("Username", "")] if v and v != sid)
        students.append(Student(sid, fields.get("Full name", ""), number, None, fields, aliases))
    return Roster("moodle", path, header, students)


def _plain(path: Path, header: list[str], rows: list[list[str]]) -> Roster:
    students = []
    for line, row in enumerate(rows, 2):
        fields = _row_dict(header, row)
        sid = fields["student_id"]
        if not sid:
            raise RosterError(path, f"line {line}: blank student_id")
        students.append(Student(sid, fields.get("name", ""), None, fields.get("section") or None, fields))
    return Roster("plain", path, header, students)
