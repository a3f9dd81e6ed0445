"""Exercises generated from any annotated source: the standard set, keys from the annotations.

For a source with ``annotations.yml`` (the seed article, or an instructor's own text annotated
to ``data/schemas/annotations.schema.json``) this builds:

* ``gen-<slug>-voices`` (tagging): label every sentence source / journalist / mixed;
* ``gen-<slug>-cues-<sid>`` (span), one per sentence with reporting cues: select the cues;
* ``gen-<slug>-stance-<sid>-<n>`` (choice), one per cue: classify its stance with the
  categories of ``data/lexicons/reporting-verbs.yml``;
* ``gen-<slug>-unattributed`` (multi): which sentences carry an evaluation (a framing bias cue)
  that stands outside every attribution, in the writer's own voice.

Each annotation's rationale becomes the feedback. The ``version`` of a generated exercise is
derived from a hash of the annotations it was built from, so it changes whenever they change
and old answers are never graded against a new key. Generated exercises pass the same schema
and cross-checks as the hand-written bank, and :func:`catalogue.get` finds them by id.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import yaml

from .. import datafiles
from ..paths import SOURCES_DIR
from ..sources import Source, list_sources, load_source, source_at
from ..voice import VOICE_LABELS
from .spec import GENERATED_PREFIX, Exercise, build

VOICE_OPTIONS = [
    {"id": voice, "text": VOICE_LABELS[voice].capitalize(), "description": description}
    for voice, description in (
        ("source", "what a named source said, quoted fragments included, in the writer's reporting frame"),
        ("journalist", "the writer's own assertion; no one is reported"),
        ("mixed", "an attribution beside a claim in the writer's own voice"),
    )
]


def _version(*parts) -> int:
    """A positive integer that changes whenever the annotations behind an exercise change."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return 1 + int(digest[:7], 16)


def _unattributed_evaluations(sentence: dict, text: str) -> list[dict]:
    """Framing bias cues of a sentence that lie outside every attributed content."""
    contents = []
    for attribution in sentence.get("attributions", []):
        at = text.find(attribution["content"])
        if at >= 0:
            contents.append((at, at + len(attribution["content"])))
    out = []
    for cue in sentence.get("bias_cues", []):
        if cue["kind"] != "framing":
            continue
        at = text.find(cue["text"])
        if not any(a <= at and at + len(cue["text"]) <= b for a, b in contents):
            out.append(cue)
    return out


def source_of(ref: str | Path | Source, root: Path = SOURCES_DIR) -> Source:
    """The source to generate from: a slug under ``root``, or (a :class:`~pathlib.Path`) the folder
    of a source kept anywhere, e.g. an instructor's annotated article outside the repository."""
    if isinstance(ref, Source):
        return ref
    if isinstance(ref, Path):
        return source_at(ref)
    return load_source(ref, root)


def entries(slug: str | Path | Source, chapter: int = 0, root: Path = SOURCES_DIR) -> list[dict]:
    """The generated exercises of one source as bank entries (plain data, not yet checked).

    ``slug`` names a source under ``root`` or is a source folder's path (:func:`source_of`)."""
    from .. import lexicons

    source = source_of(slug, root)
    slug = source.slug
    annotations = source.annotations
    document = source.document
    sentences = annotations["sentences"]
    stance = lexicons.reporting_verbs()
    out: list[dict] = []

    out.append({
        "id": f"{GENERATED_PREFIX}{slug}-voices",
        "version": _version("voices", [(s["id"], s["voice"], s["rationale"]) for s in sentences]),
        "chapter": chapter, "type": "tagging", "kind": "objective", "source": slug,
        "title": "Whose voice?",
        "prompt": "Label each sentence with the voice it speaks in: a reported source, the journalist, or a mix of both.",
        "sentences": [s["id"] for s in sentences],
        "labels": VOICE_OPTIONS,
        "answer": {s["id"]: s["voice"] for s in sentences},
        "feedback": {s["id"]: f"{s['id']}: look again at who asserts it. {s['rationale']}" for s in sentences},
        "explanation": (
            "A sentence is in the source's voice when everything it asserts is attributed, in the "
            "journalist's when no one is reported, and mixed when an attribution sits beside the "
            "writer's own claim. A quoted fragment inside a paraphrase is still the source's: a "
            "mixed quotation is not a mixed voice. The labels follow the annotation guidelines of "
            "this source."
        ),
        "points": len(sentences) / 4,
    })

    for s in sentences:
        if not s["cues"]:
            continue
        sid = s["id"]
        out.append({
            "id": f"{GENERATED_PREFIX}{slug}-cues-{sid}",
            "version": _version("cues", sid, s["cues"]),
            "chapter": chapter, "type": "span", "kind": "objective", "source": slug,
            "title": f"Find the reporting cues in {sid}",
            "prompt": "Select the words that report speech or judge what was said: the reporting verbs and phrases.",
            "sentence": sid,
            "answer": [c["text"] for c in s["cues"]],
            "feedback": [{"text": c["text"], "message": f"\u201c{c['text']}\u201d: {c['rationale']}"} for c in s["cues"]],
            "explanation": "The cues of this sentence are " + ", ".join(f"\u201c{c['text']}\u201d" for c in s["cues"]) + ".",
            "points": 1,
        })
        for n, cue in enumerate(s["cues"], start=1):
            options = []
            for category in stance.categories:
                if category.id == cue["stance"]:
                    feedback = f"Yes: {cue['rationale']}"
                elif category.get("without_content") == cue["stance"]:
                    # The near miss: a verb of this kind, but with no content to vouch for.
                    feedback = (f"Not here. {category.label.capitalize()} needs a content to vouch for, and no one's "
                                f"words follow \u201c{cue['text']}\u201d here.")
                else:
                    feedback = f"Not here. {category.label.capitalize()}: {' '.join(category.description.split())}"
                options.append({"id": category.id, "text": category.label, "feedback": feedback})
            out.append({
                "id": f"{GENERATED_PREFIX}{slug}-stance-{sid}-{n}",
                "version": _version("stance", sid, cue),
                "chapter": chapter, "type": "choice", "kind": "objective", "source": slug,
                "title": f"The stance of \u201c{cue['text']}\u201d",
                "prompt": f"In sentence {sid}, what does the cue \u201c{cue['text']}\u201d do to the writer's commitment to what is reported?",
                "passage": [sid],
                "options": options,
                "answer": cue["stance"],
                "explanation": (
                    f"\u201c{cue['text']}\u201d: {stance.category(cue['stance']).label}. {cue['rationale']} "
                    "Try the \u2018replace it with said\u2019 test: what changes?"
                ),
                "points": 1,
            })

    evaluated = {
        s["id"]: _unattributed_evaluations(s, document.sentence(s["id"]).text) for s in sentences
    }
    key = [sid for sid, cues in evaluated.items() if cues]
    if key:
        options = []
        for s in sentences:
            cues = evaluated[s["id"]]
            if cues:
                words = ", ".join(f"\u201c{c['text']}\u201d" for c in cues)
                feedback = f"{s['id']}: {words} — {cues[0]['rationale']}"
            else:
                feedback = f"{s['id']}: no evaluative word outside an attribution here."
            options.append({"id": s["id"], "text": f"{s['id']}: {document.sentence(s['id']).text}", "feedback": feedback})
        out.append({
            "id": f"{GENERATED_PREFIX}{slug}-unattributed",
            "version": _version("unattributed", {k: v for k, v in evaluated.items() if v}),
            "chapter": chapter, "type": "multi", "kind": "objective", "source": slug,
            "title": "Unattributed evaluations",
            "prompt": (
                "Which sentences evaluate in the writer's own voice: an evaluative word that no source "
                "is reported as using? Select all that apply."
            ),
            "options": options,
            "answer": key,
            "explanation": (
                "An evaluation inside an attributed content is the source's; one outside any "
                "attribution is the writer's own. Here: " + "; ".join(
                    f"{sid} ({', '.join(c['text'] for c in evaluated[sid])})" for sid in key) + "."
            ),
            "points": 2,
        })
    return out


def bank_data(slug: str | Path | Source, chapter: int = 0, root: Path = SOURCES_DIR) -> dict:
    """The generated set as a bank file's content, validated against the bank schema."""
    source = source_of(slug, root)
    slug = source.slug
    data = {
        "chapter": chapter,
        "title": f"Generated exercises for {slug}",
        "source": slug,
        "exercises": entries(source, chapter),
    }
    return datafiles.validate(data, "exercise-bank.schema.json", source.folder / "annotations.yml")


@lru_cache(maxsize=8)
def generate(slug: str, chapter: int = 0) -> tuple[Exercise, ...]:
    """The standard generated exercises of a source, checked like the hand-written bank."""
    annotations_path = load_source(slug).folder / "annotations.yml"
    return tuple(build(entry, annotations_path, slug) for entry in bank_data(slug, chapter)["exercises"])


def generated_by_id(exercise_id: str) -> Exercise | None:
    """Find a ``gen-<slug>-…`` exercise among the annotated sources."""
    for slug in sorted(list_sources(), key=len, reverse=True):
        if exercise_id.startswith(f"{GENERATED_PREFIX}{slug}-") and load_source(slug).has_annotations:
            for ex in generate(slug):
                if ex.id == exercise_id:
                    return ex
    return None


def write_bank(slug: str | Path | Source, path: Path | str, chapter: int = 0, root: Path = SOURCES_DIR) -> Path:
    """Write the generated set as a bank YAML file an instructor can edit and add to the bank."""
    path = Path(path)
    source = source_of(slug, root)
    data = bank_data(source, chapter)
    where = f"data/sources/{source.slug}" if source.folder.parent == SOURCES_DIR else f"the source {source.slug}"
    header = f"# Generated from {where}/annotations.yml by discourse_lab.exercises.generate.\n"
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return path
