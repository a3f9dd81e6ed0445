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


def _voices(analysis, data, texts):
    for sid, voice in analysis.voice_of.items():
        reason = data["voice_reasons"].get(sid, "")
        yield sid, "voice", {"voice": voice, "rationale": f"Toolkit: {reason}." if reason else "Toolkit's voice label."}


def _attributions(analysis, data, texts):
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
        yield sid, "attributions", item


def _cues(analysis, data, texts):
    for cue in data["cues"]:
        if _in(cue["text"], texts.get(cue["sentence"], "")):
            rationale = f"Toolkit: a {cue['stance']} reporting cue."
            yield cue["sentence"], "cues", {"text": cue["text"], "stance": cue["stance"], "rationale": rationale}


def _framing(analysis, data, texts):
    framing = data["framing"]
    hints: dict[str, list[str]] = {}
    for hint in framing.get("hints", []):
        hints.setdefault(hint["sentence"], []).append(f"\u201c{hint['text']}\u201d ({hint['label']})")
    for sid in texts:
        words = hints.get(sid)
        rationale = "Toolkit's frame hints: " + ", ".join(words) + "." if words else "The toolkit found no frame hint."
        yield (
            sid,
            "framing",
            {
                "functions": list(framing.get("functions_by_sentence", {}).get(sid, [])),
                "frames": list(framing.get("frames_by_sentence", {}).get(sid, [])),
                "rationale": rationale,
            },
        )


def _naming(analysis, data, texts):
    for name in data["framing"].get("naming", []):
        if _in(name["text"], texts.get(name["sentence"], "")):
            rationale = f"Toolkit: the naming variant {name['variant']}."
            yield name["sentence"], "naming", {"text": name["text"], "variant": name["variant"], "rationale": rationale}


def _bias_cues(analysis, data, texts):
    for cue in (c.to_dict() for c in analysis.bias_cues):
        if _in(cue["text"], texts.get(cue["sentence"], "")):
            yield (
                cue["sentence"],
                "bias_cues",
                {
                    "text": cue["text"],
                    "kind": cue["kind"],
                    "category": cue["category"],
                    "rationale": f"Toolkit: a {cue['category']} word ({cue['kind']} bias).",
                },
            )


def _scare_quotes(analysis, data, texts):
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
            yield (
                quote["sentence"],
                "scare_quotes",
                {"text": span, "rationale": "Toolkit: quotation marks with no speaker."},
            )


# One maker per kind, in the order the widget lists a sentence's suggestions.
_MAKERS = (_voices, _attributions, _cues, _framing, _naming, _bias_cues, _scare_quotes)


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
    for maker in _MAKERS:
        for sid, kind, item in maker(analysis, data, texts):
            if sid in out:
                out[sid].append({"id": _id(sid, kind, item), "kind": kind, "item": item})
    return out
