"""The answer store: atomic writes, backups, corruption set aside, two writers at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import warnings

import pytest

from discourse_lab.exercises import store as store_module
from discourse_lab.exercises.store import AnswerStore, StoreWarning


def record(store: AnswerStore, exercise_id: str, answer, version: int = 1):
    return store.record(exercise_id, version, answer, exercise_type="choice", mode="self-check")


def saved_answer(store: AnswerStore, exercise_id: str) -> object:
    """The answer ``store`` holds for an exercise (it must hold an entry for it)."""
    entry = store.entry(exercise_id)
    assert entry is not None, f"{store.path} has no entry for {exercise_id}"
    return entry["answer"]


@pytest.fixture
def store(tmp_path) -> AnswerStore:
    return AnswerStore(tmp_path / "answers.json")


def test_first_answer_creates_the_store(store):
    entry = record(store, "ex-a", "b")
    assert entry["attempts"] == 1 and entry["answer"] == "b"
    data = json.loads(store.path.read_text())
    assert data["format"] == "discourse-lab-answers"
    assert data["answers"]["ex-a"]["exercise_version"] == 1


def test_previous_version_is_kept_as_backup(store):
    record(store, "ex-a", "a")
    record(store, "ex-a", "b")
    backup = json.loads(store.backup_path.read_text())
    assert backup["answers"]["ex-a"]["answer"] == "a"
    assert saved_answer(store, "ex-a") == "b"


def test_a_crash_mid_write_never_replaces_a_good_store(store, monkeypatch):
    """Does a write that dies after half the bytes leave the old store intact and readable?"""
    record(store, "ex-a", "a")
    good = store.path.read_bytes()

    real_fdopen = os.fdopen

    class Crash(Exception):
        pass

    def crashing_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        real_write = handle.write

        def write(payload):
            real_write(payload[: len(payload) // 2])  # half the file reaches the disk, then the crash
            raise Crash("simulated power cut")

        handle.write = write
        return handle

    monkeypatch.setattr(store_module.os, "fdopen", crashing_fdopen)
    with pytest.raises(Crash):
        record(store, "ex-b", "c")
    monkeypatch.undo()
    assert store.path.read_bytes() == good
    assert [p.name for p in store.path.parent.glob("*.tmp")] == []
    assert saved_answer(store, "ex-a") == "a"


def test_a_truncated_temporary_file_left_behind_is_ignored(store):
    """A stray temp file from a killed process must not be read as the store."""
    record(store, "ex-a", "a")
    (store.path.parent / "answers.json.x1y2.tmp").write_text('{"format": "discourse-lab-ans')
    assert saved_answer(AnswerStore(store.path), "ex-a") == "a"


def test_corrupted_store_is_reported_and_set_aside_and_backup_restored(store):
    record(store, "ex-a", "a")
    record(store, "ex-b", "b")  # backup now holds ex-a
    store.path.write_text('{"format": "discourse-lab-answers", "answers": {"ex-a": ')  # truncated
    fresh = AnswerStore(store.path)
    with pytest.warns(StoreWarning, match="moved aside"):
        data = fresh.load()
    assert data["answers"]["ex-a"]["answer"] == "a"  # restored from the backup
    aside = list(store.path.parent.glob("answers.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text().endswith('"ex-a": ')  # nothing deleted
    assert fresh.notice is not None and "restored the previous version" in fresh.notice


def test_corrupted_store_without_backup_is_kept_not_emptied(store):
    store.path.write_text("not json at all")
    with pytest.warns(StoreWarning, match="no usable backup"):
        record(store, "ex-a", "a")
    aside = list(store.path.parent.glob("answers.json.corrupt-*"))
    assert [p.read_text() for p in aside] == ["not json at all"]
    assert saved_answer(store, "ex-a") == "a"


def test_a_file_that_is_json_but_not_a_store_is_set_aside(store):
    store.path.write_text('["someone else\'s file"]')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store.load()
    assert any(issubclass(w.category, StoreWarning) for w in caught)
    assert len(list(store.path.parent.glob("answers.json.corrupt-*"))) == 1


def test_a_new_exercise_version_starts_a_new_record(store):
    record(store, "ex-a", "a")
    record(store, "ex-a", "b")
    entry = record(store, "ex-a", "b", version=2)
    assert entry["attempts"] == 1 and entry["exercise_version"] == 2


def _writer(path: str, prefix: str, count: int) -> None:
    s = AnswerStore(path)
    for i in range(count):
        s.record(f"{prefix}-{i}", 1, f"answer {i}", exercise_type="short_text", mode="self-check")


def test_two_notebooks_writing_at_once_keep_both_answers(tmp_path):
    """Two processes (two notebooks) each save 25 answers to one store: are all 50 there?"""
    path = str(tmp_path / "answers.json")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, prefix, 25)) for prefix in ("left", "right")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    answers = AnswerStore(path).answers()
    assert len(answers) == 50
    assert answers["left-24"]["answer"] == "answer 24" and answers["right-0"]["answer"] == "answer 0"


def test_two_store_objects_on_one_file_do_not_overwrite_each_other(tmp_path):
    one, two = AnswerStore(tmp_path / "s.json"), AnswerStore(tmp_path / "s.json")
    record(one, "ex-a", "a")
    record(two, "ex-b", "b")  # two never read ex-a itself: the re-read under the lock keeps it
    record(one, "ex-c", "c")
    assert set(AnswerStore(tmp_path / "s.json").answers()) == {"ex-a", "ex-b", "ex-c"}


def test_store_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "stores"))
    assert store_module.default_store().path == tmp_path / "stores" / "practice.json"
    assert (
        store_module.assignment_store("week-1-abc123").path
        == tmp_path / "stores" / "assignments" / "week-1-abc123.json"
    )


def test_practice_and_each_assignment_have_separate_stores(tmp_path, monkeypatch):
    """A graded answer must not show up in the lessons, nor practice pre-fill an assignment."""
    from discourse_lab.exercises import get, make_widget

    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    graded = store_module.assignment_store("week-1-abc123")
    record(graded, "ch01-source-dateline", "c")
    lesson = make_widget("ch01-source-dateline")
    assert lesson.answer is None and lesson.feedback == {}
    lesson.answer = "b"
    assert saved_answer(store_module.assignment_store("week-1-abc123"), "ch01-source-dateline") == "c"
    other = store_module.assignment_store("week-2-def456")
    assert other.entry("ch01-source-dateline") is None
    assert saved_answer(store_module.default_store(), "ch01-source-dateline") == "b"
    assert get("ch01-source-dateline").id in store_module.default_store().answers()


@pytest.mark.parametrize("bad", ["../x", "Week 1", "", "a/b", "x" * 81])
def test_an_assignment_id_that_is_no_file_name_is_refused(bad, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    with pytest.raises(store_module.StoreError, match="assignment id"):
        store_module.assignment_store(bad)


def test_an_old_single_store_becomes_the_practice_store_losing_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    old = AnswerStore(tmp_path / "answers.json")
    record(old, "ex-a", "a")
    record(old, "ex-b", "b")
    old.set_student_id("s1")
    before = (tmp_path / "answers.json").read_bytes()
    practice = store_module.default_store()
    assert practice.path == tmp_path / "practice.json"
    assert set(practice.answers()) == {"ex-a", "ex-b"} and practice.student_id() == "s1"
    assert (tmp_path / "answers.json.migrated").read_bytes() == before  # the old file is kept
    assert not (tmp_path / "answers.json").exists()


def test_migration_never_overwrites_an_existing_practice_store(tmp_path):
    record(AnswerStore(tmp_path / "answers.json"), "ex-a", "old")
    record(AnswerStore(tmp_path / "practice.json"), "ex-a", "new")
    assert store_module.migrate_legacy(tmp_path) is False
    assert saved_answer(AnswerStore(tmp_path / "practice.json"), "ex-a") == "new"
    assert saved_answer(AnswerStore(tmp_path / "answers.json"), "ex-a") == "old"
