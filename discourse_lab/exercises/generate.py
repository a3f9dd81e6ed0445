"""Exercises generated from any annotated source: the standard set, keys from the annotations.

For a source with ``annotations.yml`` (the seed article, or an instructor's own text annotated
to ``data/schemas/annotations.schema.json``) this builds:

* ``gen-<slug>-voices`` (tagging): label every sentence source / journalist / mixed;
* ``gen-<slug>-cues-<sid>`` (span), one per sentence with reporting cues: select the cues;
* ``gen-<slug>-stance-<sid>-<n>`` (choice), one per cue: classify its stance with the
  categories of ``data/lexicons/reporting-verbs.yml``;
* ``gen-<slug>-unattributed`` (multi): which sentences carry an evaluation (a framing bias cue)
  that stands outside every attribution, in the writer's own voice.

No more than ``MAX_SAME_ANSWER`` (two) items of a kind have the same answer. A text of mostly
neutral "said" cues would otherwise give a run of identical items ("said", *neutral*) that test
nothing after the second. The rest are replaced, in text order, by items about the same relation
that still need the sentence read:

* ``gen-<slug>-content-<sid>-<n>`` (span): select what the sentence reports with that cue (the
  relation's content), in place of a cue item or, failing that, a stance item;
* ``gen-<slug>-type-<sid>-<n>`` (choice): direct, indirect or mixed, in place of a stance item whose
  relation was already asked about by its content (itself limited to two of each mode).

A replacement's prompt names the cue (or the source), never the content or the mode it asks for.

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
        (
            "source",
            "what a reported source said (named or not), quoted fragments included, in the writer's reporting frame",
        ),
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


# No more than this many generated items of one kind may have the same answer: a text of "said"
# cues would otherwise yield a run of "what stance is this cue?" items all answered "neutral",
# which test nothing after the second. The excess is replaced by an item about the same relation.
MAX_SAME_ANSWER = 2

# The three modes as the glossary names them (chapters/glossary.md).
TYPE_OPTIONS = (
    ("direct", "Direct quotation", "the content is given in quotation marks as the source's own words"),
    ("indirect", "Indirect quotation", "the content is a paraphrase, with no quotation marks"),
    ("mixed", "Mixed quotation", "a paraphrase that carries a fragment of the source's words in quotation marks"),
)
TYPE_LABELS = {mode: label for mode, label, _description in TYPE_OPTIONS}


class Variety:
    """Counts the answers given so far, kind by kind, so that no answer is keyed more than ``MAX_SAME_ANSWER`` times."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}
        self.asked: set[tuple[str, int]] = set()  # relations already asked about by their content

    def admit(self, kind: str, answer) -> bool:
        key = (kind, json.dumps(answer, sort_keys=True, ensure_ascii=False))
        if self.seen.get(key, 0) >= MAX_SAME_ANSWER:
            return False
        self.seen[key] = self.seen.get(key, 0) + 1
        return True

    def content(self, slug: str, chapter: int, s: dict, relations: list[tuple[int, dict]]) -> list[dict]:
        """The "select what is reported" item of the first of ``relations`` not yet asked about (none if all were)."""
        for n, attribution in relations:
            if (s["id"], n) not in self.asked and self.admit("content", attribution["content"]):
                self.asked.add((s["id"], n))
                return [_content_entry(slug, chapter, s["id"], n, attribution)]
        return []


def _cue_entry(slug: str, chapter: int, s: dict) -> dict:
    sid = s["id"]
    return {
        "id": f"{GENERATED_PREFIX}{slug}-cues-{sid}",
        "version": _version("cues", sid, s["cues"]),
        "chapter": chapter,
        "type": "span",
        "kind": "objective",
        "source": slug,
        "title": f"Find the reporting cues in {sid}",
        "prompt": "Select the words that report speech or judge what was said: the reporting verbs and phrases.",
        "sentence": sid,
        "answer": [c["text"] for c in s["cues"]],
        "feedback": [{"text": c["text"], "message": f"\u201c{c['text']}\u201d: {c['rationale']}"} for c in s["cues"]],
        "explanation": "The cues of this sentence are "
        + ", ".join(f"\u201c{c['text']}\u201d" for c in s["cues"])
        + ".",
        "points": 1,
    }


def _stance_entry(slug: str, chapter: int, sid: str, n: int, cue: dict, stance) -> dict:
    options = []
    for category in stance.categories:
        if category.id == cue["stance"]:
            feedback = f"Yes: {cue['rationale']}"
        elif category.get("without_content") == cue["stance"]:
            # The near miss: a verb of this kind, but with no content to vouch for.
            feedback = (
                f"Not here. {category.label.capitalize()} needs a content to vouch for, and no one's "
                f"words follow \u201c{cue['text']}\u201d here."
            )
        else:
            feedback = f"Not here. {category.label.capitalize()}: {' '.join(category.description.split())}"
        options.append({"id": category.id, "text": category.label, "feedback": feedback})
    return {
        "id": f"{GENERATED_PREFIX}{slug}-stance-{sid}-{n}",
        "version": _version("stance", sid, cue),
        "chapter": chapter,
        "type": "choice",
        "kind": "objective",
        "source": slug,
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
    }


def _reported_by(attribution: dict) -> str:
    """How a prompt names the relation without giving its content away: by its cue, else its source."""
    if attribution["cue"]:
        return f"with the cue \u201c{attribution['cue']}\u201d"
    return f"from {attribution['source']}" if attribution["source"] else "without a cue"


def _content_entry(slug: str, chapter: int, sid: str, n: int, attribution: dict) -> dict:
    return {
        "id": f"{GENERATED_PREFIX}{slug}-content-{sid}-{n}",
        "version": _version("content", sid, attribution),
        "chapter": chapter,
        "type": "span",
        "kind": "objective",
        "source": slug,
        "title": f"What is reported in {sid}?",
        "prompt": (
            f"Select what sentence {sid} reports {_reported_by(attribution)}: the words or the claim attributed "
            "to the source (the content), not the source or the cue."
        ),
        "sentence": sid,
        "answer": [attribution["content"]],
        "feedback": [{"text": attribution["content"], "message": attribution["rationale"]}],
        "explanation": f"The content is \u201c{attribution['content']}\u201d. {attribution['rationale']}",
        "points": 1,
    }


def _type_entry(slug: str, chapter: int, sid: str, n: int, attribution: dict) -> dict:
    options = [
        {
            "id": mode,
            "text": label,
            "feedback": ("Yes: " if mode == attribution["type"] else "Not here. ") + f"{label}: {description}.",
        }
        for mode, label, description in TYPE_OPTIONS
    ]
    return {
        "id": f"{GENERATED_PREFIX}{slug}-type-{sid}-{n}",
        "version": _version("type", sid, attribution),
        "chapter": chapter,
        "type": "choice",
        "kind": "objective",
        "source": slug,
        "title": f"How is it reported in {sid}?",
        "prompt": f"Sentence {sid} reports something {_reported_by(attribution)}. How does it report it?",
        "passage": [sid],
        "options": options,
        "answer": attribution["type"],
        "explanation": f"{TYPE_LABELS[attribution['type']]}. {attribution['rationale']}",
        "points": 1,
    }


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

    out.append(
        {
            "id": f"{GENERATED_PREFIX}{slug}-voices",
            "version": _version("voices", [(s["id"], s["voice"], s["rationale"]) for s in sentences]),
            "chapter": chapter,
            "type": "tagging",
            "kind": "objective",
            "source": slug,
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
        }
    )

    variety = Variety()
    for s in sentences:
        if not s["cues"]:
            continue
        sid = s["id"]
        relations = list(enumerate(s.get("attributions", []), start=1))
        cues = _cue_entry(slug, chapter, s)
        if variety.admit("cues", cues["answer"]):
            out.append(cues)
        else:  # a third "find the cue: said": ask instead what the sentence reports
            out += variety.content(slug, chapter, s, relations[:1])
        for n, cue in enumerate(s["cues"], start=1):
            if variety.admit("stance", cue["stance"]):
                out.append(_stance_entry(slug, chapter, sid, n, cue, stance))
                continue
            # A third cue of the same stance: the relation it reports, by its content, or else by its mode.
            own = [(m, a) for m, a in relations if a["cue"] == cue["text"]]
            replacement = variety.content(slug, chapter, s, own)
            if not replacement and own and variety.admit("type", own[0][1]["type"]):
                replacement = [_type_entry(slug, chapter, sid, *own[0])]
            out += replacement

    evaluated = {s["id"]: _unattributed_evaluations(s, document.sentence(s["id"]).text) for s in sentences}
    key = [sid for sid, cues in evaluated.items() if cues]
    if key:
        options = []
        for s in sentences:
            found = evaluated[s["id"]]
            if found:
                words = ", ".join(f"\u201c{c['text']}\u201d" for c in found)
                feedback = f"{s['id']}: {words} — {found[0]['rationale']}"
            else:
                feedback = f"{s['id']}: no evaluative word outside an attribution here."
            options.append(
                {"id": s["id"], "text": f"{s['id']}: {document.sentence(s['id']).text}", "feedback": feedback}
            )
        out.append(
            {
                "id": f"{GENERATED_PREFIX}{slug}-unattributed",
                "version": _version("unattributed", {k: v for k, v in evaluated.items() if v}),
                "chapter": chapter,
                "type": "multi",
                "kind": "objective",
                "source": slug,
                "title": "Unattributed evaluations",
                "prompt": (
                    "Which sentences evaluate in the writer's own voice: an evaluative word that no source "
                    "is reported as using? Select all that apply."
                ),
                "options": options,
                "answer": key,
                "explanation": (
                    "An evaluation inside an attributed content is the source's; one outside any "
                    "attribution is the writer's own. Here: "
                    + "; ".join(f"{sid} ({', '.join(c['text'] for c in evaluated[sid])})" for sid in key)
                    + "."
                ),
                "points": 2,
            }
        )
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
