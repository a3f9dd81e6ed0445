"""Self-check without the key (the student edition): the ``check`` member of salted digests.

Python side only; ``tests/test_exercise_js.py`` checks that the browser computes the same digests
and reaches the same verdicts, and ``tests/site/test_student_edition.py`` the built site.
"""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest

from discourse_lab.exercises import bank, get, score
from discourse_lab.exercises import check
from discourse_lab.exercises.static import render_html

SALT = "0123456789abcdef0123456789abcdef"
CHECKABLE = [e for e in bank() if check.checkable(e)]


def secret_forms(exercise) -> set[str]:
    from html import escape

    from discourse_lab.exercises.static import spec_json

    out = set()
    for secret in exercise.secret_strings():
        out |= {secret, escape(secret), spec_json(secret)[1:-1]}
    return out


def test_the_bank_has_every_checkable_type():
    assert {e.type for e in CHECKABLE} == set(check.CHECKABLE_TYPES)


def test_digest_is_sha256_of_the_compact_json_array():
    expected = hashlib.sha256(b'["s","ex-1","answer",["a","c"]]').hexdigest()
    assert check.digest("s", "ex-1", "answer", ["a", "c"]) == expected
    # non-ASCII goes in as UTF-8, as the browser's TextEncoder gives it
    assert (
        check.digest("\u00e9", "x", "answer", "b") == hashlib.sha256('["\u00e9","x","answer","b"]'.encode()).hexdigest()
    )


@pytest.mark.parametrize("exercise", CHECKABLE, ids=lambda e: e.id)
def test_the_check_spec_verifies_the_key_and_nothing_else(exercise):
    """Does the digest of the right answer match, and of every other candidate not?"""
    spec = exercise.client_spec("self-check", SALT)
    assert "key" not in spec and spec["mode"] == "self-check" and spec["check"]["salt"] == SALT
    d, key = exercise.data, exercise.answer_key
    if exercise.type in check.ROW_TYPES:
        choices = [x["id"] for x in d["labels" if exercise.type == "tagging" else "targets"]]
        assert list(spec["check"]["rows"]) == list(key)
        for row, right in key.items():
            matching = [c for c in choices if check.digest(SALT, exercise.id, row, c) == spec["check"]["rows"][row]]
            assert matching == [right]
        return
    if exercise.type == "choice":
        candidates = [o["id"] for o in d["options"]]
    elif exercise.type == "multi":
        ids = [o["id"] for o in d["options"]]
        candidates = [list(c) for n in range(1, len(ids) + 1) for c in itertools.combinations(ids, n)]
    else:
        candidates = [list(p) for p in itertools.permutations(key)]
    matching = [
        c
        for c in candidates
        if check.digest(SALT, exercise.id, "answer", check.normalise(exercise.type, c)) == spec["check"]["answer"]
    ]
    assert len(matching) == 1 and score(exercise, matching[0]).correct


def test_a_multi_answer_is_checked_as_a_set():
    exercise = get("ch01-source-what-the-item-says")
    spec = exercise.client_spec("self-check", SALT)
    shuffled = list(reversed(exercise.answer_key))
    assert shuffled != exercise.answer_key
    assert check.digest(SALT, exercise.id, "answer", check.normalise("multi", shuffled)) == spec["check"]["answer"]


def test_the_salt_the_exercise_and_the_row_change_every_digest():
    """Equal answers never give equal digests: not in two rows (which would show that two sentences
    share a label), not in two exercises, not in two builds."""
    tagging = get("ch01-source-event-or-evaluation")
    rows = tagging.client_spec("self-check", SALT)["check"]["rows"]
    assert tagging.answer_key["p2s2"] == tagging.answer_key["p3s3"] and rows["p2s2"] != rows["p3s3"]
    assert len(set(rows.values())) == len(rows)
    assert check.digest(SALT, "ch01-source-dateline", "answer", "b") != check.digest(
        SALT, "ch05-naming-war", "answer", "b"
    )
    ex = get("ch01-source-dateline")
    assert ex.client_spec("self-check", SALT)["check"] != ex.client_spec("self-check", check.new_salt())["check"]
    assert check.new_salt() != check.new_salt() and len(check.new_salt()) == 32


@pytest.mark.parametrize("exercise", bank(), ids=lambda e: e.id)
def test_no_self_check_spec_holds_a_secret(exercise):
    """Is every secret string of every exercise absent from its self-check rendering (in any escaping)?"""
    html = render_html(exercise, "self-check", SALT)
    assert '"key"' not in html
    assert not [form for form in secret_forms(exercise) if form.strip() and form in html]


def test_what_cannot_be_checked_is_rendered_for_review():
    for exercise in bank():
        spec = exercise.client_spec("self-check", SALT)
        if check.checkable(exercise):
            continue
        assert exercise.type in ("span", "short_text", "rewrite")
        assert spec["mode"] == "graded" and spec["review"] is True
        assert "check" not in spec and "key" not in spec
        assert 'data-mode="graded"' in render_html(exercise, "self-check", SALT)


def test_graded_mode_and_empty_salts_are_refused():
    with pytest.raises(ValueError, match="self-check mode only"):
        get("ch01-source-dateline").client_spec("graded", SALT)
    with pytest.raises(ValueError, match="salt"):
        check.check_member(get("ch01-source-dateline"), "")
    with pytest.raises(ValueError, match="cannot be checked"):
        check.check_member(get("ch01-source-house-style"), SALT)


def test_the_instructor_rendering_is_unchanged():
    """Without a salt, self-check still carries the key (the instructor edition and notebooks)."""
    spec = get("ch01-source-dateline").client_spec("self-check")
    assert spec["key"]["answer"] == "b" and "check" not in spec


# ------------------------------------------------------------------ the edition switch in display.show


@pytest.fixture
def shown(monkeypatch):
    out = []
    monkeypatch.setenv("DISCOURSE_LAB_STATIC", "1")
    monkeypatch.setenv("DISCOURSE_LAB_EDITION", "student")
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: out.append(obj["text/html"]))
    return out


def spec_of(html: str) -> dict:
    return json.loads(html.split('class="dl-exercise-spec">', 1)[1].split("</script>", 1)[0])


def test_the_self_check_edition_renders_digests_and_keeps_graded_cells_graded(shown, monkeypatch):
    from discourse_lab.exercises import show

    monkeypatch.setenv("DISCOURSE_LAB_EXERCISE_MODE", "self-check")
    monkeypatch.setenv("DISCOURSE_LAB_CHECK_SALT", SALT)
    show("ch01-source-dateline")
    show("ch01-source-interview-date", mode="graded")
    first, second = map(spec_of, shown)
    assert first["check"]["salt"] == SALT and "key" not in first
    assert second["mode"] == "graded" and "check" not in second and "key" not in second


def test_the_self_check_edition_without_a_salt_refuses_to_render(shown, monkeypatch):
    from discourse_lab.exercises import show

    monkeypatch.setenv("DISCOURSE_LAB_EXERCISE_MODE", "self-check")
    monkeypatch.delenv("DISCOURSE_LAB_CHECK_SALT", raising=False)
    with pytest.raises(ValueError, match="DISCOURSE_LAB_CHECK_SALT"):
        show("ch01-source-dateline")
    assert shown == []


def test_the_graded_edition_ignores_a_salt(shown, monkeypatch):
    from discourse_lab.exercises import show

    monkeypatch.setenv("DISCOURSE_LAB_EXERCISE_MODE", "graded")
    monkeypatch.setenv("DISCOURSE_LAB_CHECK_SALT", SALT)
    show("ch01-source-dateline")
    (spec,) = map(spec_of, shown)
    assert spec["mode"] == "graded" and "check" not in spec and "key" not in spec


def test_an_unknown_edition_mode_is_refused(shown, monkeypatch):
    from discourse_lab.exercises import show

    monkeypatch.setenv("DISCOURSE_LAB_EXERCISE_MODE", "exam")
    with pytest.raises(ValueError, match="graded or self-check"):
        show("ch01-source-dateline")
