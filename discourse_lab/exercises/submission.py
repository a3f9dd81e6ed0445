"""Export a student's saved answers as one submission file (format: docs/submission-format.md).

The file holds the student id, optional assignment id, the time of export, and for each answered
exercise its version, type, answer, attempt count and first/last answer times. It never holds
scores or feedback: the instructor's grader scores the answers again from the bank.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

from .. import __version__, datafiles
from ..atomic import write_atomic
from ..errors import DataFileError, DiscourseLabError
from .store import EXPORTS, AnswerStore, default_store, now

FORMAT = "discourse-lab-submission"
SCHEMA = "submission.schema.json"
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MAX_BYTES = 2_000_000  # a real submission is a few kB; anything this big is refused unread
ENTRY_FIELDS = ("exercise_version", "type", "answer", "attempts", "first_answered", "last_answered")


class SubmissionError(DiscourseLabError):
    """The submission cannot be written as asked (no student id, bad path …)."""


def build_submission(
    store: AnswerStore, student_id: str, exercises: Iterable[str] | None = None, assignment_id: str | None = None
) -> dict:
    if not isinstance(student_id, str) or not STUDENT_ID.match(student_id):
        raise SubmissionError(
            f"student id {student_id!r} is not valid: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"
        )
    saved = store.answers()
    wanted = list(saved) if exercises is None else list(exercises)
    answers = {ex_id: {name: saved[ex_id][name] for name in ENTRY_FIELDS} for ex_id in sorted(wanted) if ex_id in saved}
    data = {
        "format": FORMAT,
        "format_version": 1,
        "student_id": student_id,
        "assignment_id": assignment_id,
        "created": now(),
        "generator": f"discourse_lab {__version__}",
        "answers": answers,
    }
    datafiles.validate(data, SCHEMA, store.path)
    return data


def default_export_path(store: AnswerStore, student_id: str, assignment_id: str | None = None) -> Path:
    """Where a submission goes when no path is given.

    Practice answers go to ``exports/submission-<student id>.json`` beside the answer stores
    (``~/.discourse_lab/exports/``): a lesson runs in the course's own folder (a clone of its
    repository on a hub), and a file written there would sit among the lessons and hold back the
    next update of the clone. An assignment's file goes beside its notebook, in the working folder,
    where ``discourse-lab grade`` and the instructor's collection expect it.
    """
    if assignment_id:
        return Path(f"{assignment_id}-{student_id}.json")
    return store.path.parent / EXPORTS / f"submission-{student_id}.json"


def export_submission(
    path: Path | str | None = None,
    student_id: str | None = None,
    *,
    store: AnswerStore | None = None,
    exercises: Iterable[str] | None = None,
    assignment_id: str | None = None,
) -> Path:
    """Write the saved answers to one submission file and return its path.

    ``student_id`` defaults to the one saved in the store by an earlier export; it is then saved
    for next time. ``path`` defaults to :func:`default_export_path`: practice answers to
    ``exports/submission-<student id>.json`` beside the store, an assignment's to
    ``<assignment id>-<student id>.json`` in the working folder. ``exercises`` limits the export to
    those exercise ids. An existing file is replaced atomically.
    """
    store = store or default_store()
    student_id = student_id or store.student_id()
    if not student_id:
        raise SubmissionError("no student id: call export_submission(student_id='your id')")
    data = build_submission(store, student_id, exercises, assignment_id)
    path = default_export_path(store, student_id, assignment_id) if path is None else Path(path)
    if path.is_dir():
        raise SubmissionError(f"{path}: is a folder; give a file name ending in .json")
    if store.student_id() != student_id:
        store.set_student_id(student_id)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, payload)
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be written ({exc.strerror})") from None
    return path


def read_submission(path: Path | str) -> dict:
    """Read and validate one submission file; a bad file raises a one-line :class:`DataFileError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    if size > MAX_BYTES:
        raise DataFileError(path, f"is {size} bytes; a submission may be at most {MAX_BYTES}")
    return datafiles.load(path, SCHEMA)
