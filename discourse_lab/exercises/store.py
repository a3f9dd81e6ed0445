"""The local answer stores: JSON files holding a student's answers, written so none is ever lost.

Where: one folder, ``$DISCOURSE_LAB_STORE_DIR`` if set, else ``~/.discourse_lab/``, holding

* ``practice.json``: every lesson's practice answers (one store per user account, shared by the
  lessons, so an answer given in one chapter is there in another);
* ``assignments/<assignment id>.json``: one store per assignment, so graded work and practice
  never see each other's answers (:func:`assignment_store`).

A store from before this layout, ``answers.json`` in that folder, becomes ``practice.json`` the
first time the practice store is used; the old file is kept as ``answers.json.migrated``.
Tests and throwaway servers set ``DISCOURSE_LAB_STORE_DIR`` to a fresh folder.

How a write stays safe:

* **Atomic**: the new content goes to a temporary file in the same folder, is flushed and
  fsynced, then ``os.replace`` puts it in place. A crash mid-write leaves a stray temporary file,
  never a truncated store.
* **Backup**: before each replace the current good store is copied to ``<store>.json.bak``.
* **No lost update**: two notebooks open at once each hold a :class:`AnswerStore`. Every write
  takes an exclusive ``fcntl`` lock on ``<store>.json.lock``, re-reads the file and changes only
  the one exercise's entry, so neither overwrites the other's answers.
* **Corruption is reported, never emptied**: a store that is not valid JSON or not a store is
  moved aside to ``<store>.json.corrupt-<time>``; the backup is restored if it is good; the
  ``notice`` attribute (shown by the widgets) and a warning say what happened and where the
  damaged file is.

``fcntl`` exists on Linux and macOS only; on Windows the lock is skipped (documented weakness:
two notebooks writing in the same second may then lose one update, though never the file).
"""

from __future__ import annotations

import copy
import json
import os
import re
import warnings
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .. import settings
from ..errors import DiscourseLabError

from ..atomic import locked, replace_with_backup, write_atomic

FORMAT = "discourse-lab-answers"
FORMAT_VERSION = 1


class StoreWarning(UserWarning):
    """The answer store had to be repaired; the message says what was set aside where."""


STORE_DIR_VARIABLE = settings.STORE_DIR
PRACTICE = "practice.json"
LEGACY = "answers.json"  # the single store of earlier versions
ASSIGNMENTS = "assignments"
EXPORTS = "exports"  # practice submission files: beside the stores, never in the lessons' folder
ASSIGNMENT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as in submission.schema.json


class StoreError(DiscourseLabError):
    """A store was asked for with a name that cannot be a file name."""


def store_dir() -> Path:
    """The folder of the answer stores: ``$DISCOURSE_LAB_STORE_DIR`` or ``~/.discourse_lab``."""
    return settings.store_dir()


def default_path() -> Path:
    """The practice store of the lessons."""
    return store_dir() / PRACTICE


def assignment_path(assignment_id: str) -> Path:
    """The store of one assignment's graded answers."""
    if not isinstance(assignment_id, str) or len(assignment_id) > 80 or not ASSIGNMENT_ID.match(assignment_id):
        raise StoreError(f"assignment id {assignment_id!r} is not valid: lower-case letters, digits and single hyphens")
    return store_dir() / ASSIGNMENTS / f"{assignment_id}.json"


def migrate_legacy(folder: Path) -> bool:
    """Turn ``answers.json`` of an earlier version into ``practice.json``; True if it did.

    Copied under the practice store's lock with its atomic write, and the old file kept as
    ``answers.json.migrated``: nothing is lost even if this is interrupted half-way.
    """
    legacy, practice = folder / LEGACY, folder / PRACTICE
    if not legacy.exists() or practice.exists():
        return False
    store = AnswerStore(practice)
    with store._locked():
        if practice.exists() or not legacy.exists():
            return False
        write_atomic(practice, legacy.read_bytes())
        os.replace(legacy, legacy.with_name(LEGACY + ".migrated"))
    return True


def now() -> str:
    """UTC time, ISO 8601 with milliseconds and a Z.

    When ``SOURCE_DATE_EPOCH`` is set (reproducible-builds.org; the book build sets it to the time
    of the last commit), that time is used instead, so a page that shows a timestamp written
    while it was built comes out the same in every build of a commit."""
    epoch = settings.source_date_epoch()
    moment = datetime.now(timezone.utc) if epoch is None else datetime.fromtimestamp(epoch, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def empty() -> dict:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "student_id": None, "answers": {}}


def _problem(data: Any) -> str | None:
    """Why ``data`` is not a store, or None if it is one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return "not a Discourse Lab answer store"
    if not isinstance(data.get("answers"), dict):
        return "its 'answers' member is not an object"
    for key, entry in data["answers"].items():
        if not isinstance(entry, dict) or "answer" not in entry:
            return f"the entry for {key!r} is not an answer"
    return None


class AnswerStore:
    """A student's answers in one JSON file. Each method re-reads the file, so it never serves stale data."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.notice: str | None = None  # set when the store had to be repaired

    def __repr__(self) -> str:
        return f"AnswerStore({str(self.path)!r})"

    # ------------------------------------------------------------------ reading

    def _read(self, path: Path) -> tuple[dict | None, str | None]:
        """(data, None) for a good store, (None, problem) for a bad one, (None, None) if absent."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return None, f"is not valid JSON ({exc.__class__.__name__})"
        problem = _problem(data)
        return (None, problem) if problem else (data, None)

    def _load_locked(self) -> dict:
        """The store's content; repairs a corrupted file (caller holds the lock)."""
        data, problem = self._read(self.path)
        if data is not None:
            return data
        if problem is None:
            return empty()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, aside)
        backup, _ = self._read(self.backup_path)
        if backup is not None:
            self._write_locked(backup, keep_backup=False)
            restored = f"restored the previous version from {self.backup_path.name}"
        else:
            backup = empty()
            restored = "no usable backup was found, so the store starts empty"
        self.notice = (
            f"Your answer store {self.path} {problem}. It was moved aside to {aside.name} "
            f"(nothing deleted) and {restored}."
        )
        warnings.warn(self.notice, StoreWarning, stacklevel=3)
        return backup

    def load(self) -> dict:
        with self._locked():
            return self._load_locked()

    def entry(self, exercise_id: str) -> dict | None:
        """The saved entry of one exercise (a copy), or None."""
        return copy.deepcopy(self.load()["answers"].get(exercise_id))

    def answers(self) -> dict:
        return self.load()["answers"]

    # ------------------------------------------------------------------ writing

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with locked(self.path):  # the lock file is self.lock_path
            yield

    def _write_locked(self, data: dict, keep_backup: bool = True) -> None:
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        replace_with_backup(self.path, payload, keep_backup=keep_backup)

    def update(self, exercise_id: str, change) -> dict:
        """Apply ``change(entry_or_None) -> entry`` to one exercise under the lock; return the entry."""
        with self._locked():
            data = self._load_locked()
            entry = change(copy.deepcopy(data["answers"].get(exercise_id)))
            data["answers"][exercise_id] = entry
            self._write_locked(data)
            return copy.deepcopy(entry)

    def record(
        self,
        exercise_id: str,
        version: int,
        answer: Any,
        *,
        exercise_type: str,
        mode: str,
        result: dict | None = None,
    ) -> dict:
        """Save an answer; count it as a new attempt when it differs from the last one saved."""
        stamp = now()

        def change(entry: dict | None) -> dict:
            if entry is None or entry.get("exercise_version") != version:
                # A new exercise version starts a fresh record: old answers fit the old key.
                entry = {"attempts": 0, "first_answered": stamp}
            if entry.get("answer") != answer or entry["attempts"] == 0:
                entry["attempts"] += 1
                entry.pop("rubric_ticks", None)  # ticks judged the previous answer
            entry.update(exercise_version=version, type=exercise_type, answer=answer, mode=mode, last_answered=stamp)
            if result is None:
                entry.pop("result", None)
            else:
                entry["result"] = result
            return entry

        return self.update(exercise_id, change)

    def set_rubric_ticks(self, exercise_id: str, version: int, ticks: list[bool]) -> dict | None:
        """Keep the student's rubric ticks with the saved answer they judge; None if there is none."""

        def change(entry: dict | None) -> dict | None:
            if entry is None or entry.get("exercise_version") != version:
                return entry
            if not ticks and "rubric_ticks" not in entry:
                return entry
            entry["rubric_ticks"] = [bool(t) for t in ticks]
            return entry

        with self._locked():
            data = self._load_locked()
            entry = change(copy.deepcopy(data["answers"].get(exercise_id)))
            if entry is None or entry == data["answers"].get(exercise_id):
                return copy.deepcopy(entry)
            data["answers"][exercise_id] = entry
            self._write_locked(data)
            return copy.deepcopy(entry)

    def set_student_id(self, student_id: str) -> None:
        with self._locked():
            data = self._load_locked()
            data["student_id"] = student_id
            self._write_locked(data)

    def student_id(self) -> str | None:
        return self.load().get("student_id")


_stores: dict[Path, AnswerStore] = {}


def _store_at(path: Path) -> AnswerStore:
    """One store object per file and kernel, so a repair notice is shown by every widget of it."""
    if path not in _stores:
        _stores[path] = AnswerStore(path)
    return _stores[path]


def default_store() -> AnswerStore:
    """The practice store at :func:`default_path`, migrating an old ``answers.json`` first."""
    path = default_path()
    if path not in _stores:
        migrate_legacy(path.parent)
    return _store_at(path)


def assignment_store(assignment_id: str) -> AnswerStore:
    """The store of one assignment (``assignments/<id>.json`` in :func:`store_dir`)."""
    return _store_at(assignment_path(assignment_id))
