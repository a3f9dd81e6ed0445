"""Pre-annotation: the toolkit's reading of an article as suggestions the annotator accepts, edits or rejects.

:func:`suggestions` runs :func:`discourse_lab.analysis.analyze` once and turns its output into the
annotation file's own shapes (``annotations.schema.json``), sentence by sentence, so accepting a
suggestion puts exactly that item into the file. Each suggestion has an ``id`` made from its
content, so a rejection (kept beside the file, :data:`store.REVIEW`) still applies after a
restart, and a changed analysis makes a new suggestion rather than hiding it. Rationales say that
the toolkit made the item and why (its rule or reason): an annotator who accepts one should
reword it in their own words.
"""

from __future__ import annotations

import hashlib
import json

from .. import text
from ..analysis import analyze

KINDS = ("voice", "attributions", "cues", "framing", "naming", "bias_cues", "scare_quotes")


def _id(sid: str, kind: str, item: dict) -> str:
    blob = json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{sid}:{kind}:{hashlib.sha256(blob).hexdigest()[:10]}"


def _in(span, sentence: str) -> bool:
    return isinstance(span, str) and bool(span) and span in sentence


def suggestions(document: text.Document) -> dict[str, list[dict]]:
    """``{sentence id: [{"id", "kind", "item"}]}``: the toolkit's items, in the schema's shapes.

    ``kind`` is ``voice`` (item: ``{"voice", "rationale"}``), ``framing`` (the sentence's framing
    object) or the name of a list of the schema (``attributions``, ``cues``, ``naming``,
    ``bias_cues``, ``scare_quotes``; item: one entry of that list). A span that is not an exact
    substring of its sentence is never suggested."""
    analysis = analyze(document)
    data = analysis.to_dict()
    texts = {s.id: s.text for s in document.sentences}
    out: dict[str, list[dict]] = {sid: [] for sid in texts}

    def add(sid: str, kind: str, item: dict) -> None:
        if sid in out:
            out[sid].append({"id": _id(sid, kind, item), "kind": kind, "item": item})

    for sid, voice in analysis.voice_of.items():
        reason = data["voice_reasons"].get(sid, "")
        add(sid, "voice", {"voice": voice, "rationale": f"Toolkit: {reason}." if reason else "Toolkit's voice label."})
    for rel in data["attributions"]:
        sid = rel["sentence"]
        sentence = texts.get(sid, "")
        if not _in(rel.get("content"), sentence) or (rel.get("cue") is not None and not _in(rel["cue"], sentence)):
            continue
        item = {
            "source": rel.get("source"),
            "cue": rel.get("cue"),
            "content": rel["content"],
            "type": rel["type"],
            "rationale": f"Toolkit rule {rel.get('rule', '?')}.",
        }
        span = rel.get("source_span")
        if _in(span, sentence) and span != item["source"]:
            item["source_span"] = span
        add(sid, "attributions", item)
    for cue in data["cues"]:
        if _in(cue["text"], texts.get(cue["sentence"], "")):
            add(
                cue["sentence"],
                "cues",
                {
                    "text": cue["text"],
                    "stance": cue["stance"],
                    "rationale": f"Toolkit: a {cue['stance']} reporting cue.",
                },
            )
    framing = data["framing"]
    hints: dict[str, list[str]] = {}
    for hint in framing.get("hints", []):
        hints.setdefault(hint["sentence"], []).append(f"\u201c{hint['text']}\u201d ({hint['label']})")
    for sid in texts:
        words = hints.get(sid)
        add(
            sid,
            "framing",
            {
                "functions": list(framing.get("functions_by_sentence", {}).get(sid, [])),
                "frames": list(framing.get("frames_by_sentence", {}).get(sid, [])),
                "rationale": "Toolkit's frame hints: " + ", ".join(words) + "."
                if words
                else "The toolkit found no frame hint.",
            },
        )
    for name in framing.get("naming", []):
        if _in(name["text"], texts.get(name["sentence"], "")):
            add(
                name["sentence"],
                "naming",
                {
                    "text": name["text"],
                    "variant": name["variant"],
                    "rationale": f"Toolkit: the naming variant {name['variant']}.",
                },
            )
    for cue in (c.to_dict() for c in analysis.bias_cues):
        if _in(cue["text"], texts.get(cue["sentence"], "")):
            add(
                cue["sentence"],
                "bias_cues",
                {
                    "text": cue["text"],
                    "kind": cue["kind"],
                    "category": cue["category"],
                    "rationale": f"Toolkit: a {cue['category']} word ({cue['kind']} bias).",
                },
            )
    for quote in data["scare_quotes"]:
        sentence = texts.get(quote["sentence"], "")
        # The course's files keep the quotation marks in a scare quote's text.
        span = next(
            (
                f"{o}{quote['text']}{c}"
                for o, c in ('""', "\u201c\u201d", "''", "\u2018\u2019")
                if f"{o}{quote['text']}{c}" in sentence
            ),
            quote["text"],
        )
        if _in(span, sentence):
            add(
                quote["sentence"],
                "scare_quotes",
                {"text": span, "rationale": "Toolkit: quotation marks with no speaker."},
            )
    return out
