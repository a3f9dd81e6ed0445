"""Golden files: the whole ``analyze`` output on the course texts, frozen, and every relation of
the course texts and of issue 19's sentences as written by hand.

Any change of behaviour on the course texts shows in ``analyze-<slug>.json`` as a diff, so it is
made on purpose: after a deliberate change, regenerate those files and review the diff in the
commit::

    .venv/bin/python tests/test_analyze_golden.py --update

``relations.yml`` is never regenerated: it was written from reading the texts. Where the toolkit
does not yet agree with it, the difference is listed there under ``known_disagreements`` with its
reason; the list may only shrink (a listed disagreement that has gone fails the test too).
"""

import json
import sys
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parent / "golden"
SLUGS = ["lavrov-interview-2024", "sarn-river-treaty", "state-rubio-lavrov-2025"]
HAND = GOLDEN / "relations.yml"
SOURCE_FIELDS = ("source_span", "source_head", "source_kind", "antecedent", "source_entity", "type")


def current(slug: str) -> dict:
    from discourse_lab import analysis
    from discourse_lab.sources import load_source

    # Through JSON, so tuples and lists compare as the file stores them.
    return json.loads(json.dumps(analysis.analyze(load_source(slug).document).to_dict(), ensure_ascii=False))


def golden_path(slug: str) -> Path:
    return GOLDEN / f"analyze-{slug}.json"


@pytest.mark.parametrize("slug", SLUGS)
def test_analyze_matches_golden_file(slug):
    expected = json.loads(golden_path(slug).read_text(encoding="utf-8"))
    got = current(slug)
    for key in expected:  # one key at a time, so a failure points at the part that changed
        assert got.get(key) == expected[key], f"{slug}: '{key}' differs from {golden_path(slug).name}"
    assert set(got) == set(expected)


# ----- the hand-written relations ------------------------------------------------------------------
def case_id(case: dict) -> str:
    return case.get("id") or f"{case['source']}#{case['sentence']}"


def _name(source: str | None) -> str | None:
    if source is None:
        return None
    words = source.lower().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in {"the", "a", "an"} else words)


def _same_source(expected: str | None, got: str | None) -> bool:
    """The course's own test of a source's name (``evaluation``): equal, or held in the output's
    name with its title ("Ilse Darrow" in "Marovian Foreign Minister Ilse Darrow")."""
    e, g = _name(expected), _name(got)
    return e == g or (e is not None and g is not None and f" {e}" in f" {g}")


def _same_cue(expected: str, got: str | None) -> bool:
    """Either cue's words begin the other's ("put" and "put it"), or one holds the other."""
    if got is None:
        return False
    e, g = expected.lower().split(), got.lower().split()
    return e[: len(g)] == g or g[: len(e)] == e or " ".join(e) in " ".join(g) or " ".join(g) in " ".join(e)


def _content_ok(expected: dict, got: str) -> bool:
    if "content" in expected:
        return got == expected["content"]
    at = 0
    for part in expected["content_parts"]:
        found = got.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def analysed(case: dict) -> tuple[dict, list[dict]]:
    """The analysis a case is read from, and the relations of its sentence (or of its whole text)."""
    from discourse_lab import analysis

    if "text" in case:
        out = analysis.analyze(" ".join(case["text"].split())).to_dict()
        return out, out["attributions"]
    out = _course(case["source"])
    return out, [r for r in out["attributions"] if r["sentence"] == case["sentence"]]


_COURSE: dict[str, dict] = {}


def _course(slug: str) -> dict:
    if slug not in _COURSE:
        from discourse_lab import analysis
        from discourse_lab.sources import load_source

        _COURSE[slug] = analysis.analyze(load_source(slug).document).to_dict()
    return _COURSE[slug]


def disagreements(case: dict) -> set[tuple[str, str, str]]:
    """(case, cue, field) for every way the toolkit's output differs from the hand-written case."""
    out, got = analysed(case)
    cid, found = case_id(case), set()
    left = list(got)
    for rel in case["relations"]:
        match = next((g for g in left if _same_cue(rel["cue"], g.get("cue"))), None)
        if match is None:
            found.add((cid, rel["cue"], "missing"))
            continue
        left.remove(match)
        if not _same_source(rel["source"], match.get("source")):
            found.add((cid, rel["cue"], "source"))
        for field in SOURCE_FIELDS:
            if field in rel and rel[field] != match.get(field):
                found.add((cid, rel["cue"], field))
        if not _content_ok(rel, match["content"]):
            found.add((cid, rel["cue"], "content"))
    found.update((cid, g.get("cue") or "-", "extra") for g in left)
    sentences = [s for s in out["sentences"] if "text" in case or s["id"] == case["sentence"]]
    if "voice" in case and any(s["voice"] != case["voice"] for s in sentences):
        found.add((cid, "-", "voice"))
    cues = {c["text"].lower() for c in out["cues"] if "text" in case or c["sentence"] == case["sentence"]}
    found.update((cid, word, "listed as a cue") for word in case.get("not_cues", []) if word in cues)
    if case.get("no_scare_quotes") and out["scare_quotes"]:
        found.add((cid, "-", "scare quote"))
    return found


def hand_written() -> dict:
    return yaml.safe_load(HAND.read_text(encoding="utf-8"))


def test_hand_written_cases_cover_every_course_sentence():
    """Every sentence of the three course texts has a case, so no relation goes unchecked."""
    from discourse_lab.sources import load_source

    covered = {(c["source"], c["sentence"]) for c in hand_written()["cases"] if "source" in c}
    for slug in SLUGS:
        missing = [s.id for s in load_source(slug).document.sentences if (slug, s.id) not in covered]
        assert not missing, f"{HAND.name}: no case for {slug} {missing}"


def test_known_disagreements_have_reasons():
    for entry in hand_written()["known_disagreements"]:
        assert set(entry) == {"case", "cue", "field", "reason"} and entry["reason"].strip(), entry


@pytest.mark.parametrize("case", hand_written()["cases"], ids=case_id)
def test_relations_as_written_by_hand(case):
    known = {
        (d["case"], d["cue"], d["field"]) for d in hand_written()["known_disagreements"] if d["case"] == case_id(case)
    }
    found = disagreements(case)
    new = sorted(found - known)
    gone = sorted(known - found)
    assert not new, f"{case_id(case)}: the toolkit differs from {HAND.name} in {new}"
    assert not gone, f"{case_id(case)}: {gone} now agree with {HAND.name}: delete them from known_disagreements"


if __name__ == "__main__" and "--update" in sys.argv:
    for slug in SLUGS:
        golden_path(slug).write_text(json.dumps(current(slug), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {golden_path(slug)}")
if __name__ == "__main__" and "--disagreements" in sys.argv:  # a starting list to review, never to paste unread
    for case in hand_written()["cases"]:
        for cid, cue, field in sorted(disagreements(case)):
            print(f"  - {{case: {cid}, cue: {cue!r}, field: {field}, reason: ...}}")
