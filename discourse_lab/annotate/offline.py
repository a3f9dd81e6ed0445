"""What a built page needs to Evaluate and Generate exercises without a kernel.

On the static site the toolkit cannot run (it is Python and spaCy), but on lesson 8's example its
analysis is fixed: the build runs it once and the page carries the part of it that
:func:`discourse_lab.evaluation.evaluate` reads (:func:`toolkit_reading`). What depends on the
reader's annotation is then only scoring and data: ``assets/annotate-tools.js`` ports
``evaluation.evaluate`` and ``exercises.generate.entries``/``bank_data`` and runs them on the
reader's annotation, with the lexicon entries, option texts and bank schema the Python code uses
(:func:`generation_data`), so the browser gives the same scores, errors and bank file
(tests/test_annotate_tools_js.py runs both on the same inputs).

The reply shapes are the live widget's (:func:`evaluation_reply`, used by both).
"""

from __future__ import annotations

from .. import datafiles, lexicons, text
from ..evaluation import CONTENT_OVERLAP, Evaluation

BANK_SCHEMA = "exercise-bank.schema.json"
BANK_FILE = "generated.yml"


def toolkit_reading(document: text.Document) -> dict:
    """The fields of the toolkit's analysis that ``evaluate`` compares, as JSON: the sentence ids,
    each sentence's voice, the relations, cues, naming choices, bias cues and framing hints."""
    from ..analysis import analyze

    analysis = analyze(document)
    fr = analysis.framing
    return {
        "sentences": [s.id for s in analysis.document.sentences],
        "voice": dict(analysis.voice_of),
        "attributions": [
            {k: a[k] for k in ("sentence", "source", "cue", "content", "type")}
            for a in (r.to_dict() for r in analysis.attributions)
        ],
        "cues": [{k: c[k] for k in ("sentence", "text", "stance")} for c in (c.to_dict() for c in analysis.cues)],
        "naming": [{k: n[k] for k in ("sentence", "text", "variant")} for n in fr["naming"]],
        "bias_cues": [
            {k: b[k] for k in ("sentence", "text", "category")} for b in (c.to_dict() for c in analysis.bias_cues)
        ],
        "functions": {sid: list(labels) for sid, labels in fr["functions_by_sentence"].items()},
        "frames": {sid: list(labels) for sid, labels in fr["frames_by_sentence"].items()},
        "content_overlap": CONTENT_OVERLAP,
    }


def generation_data(chapter: int = 0) -> dict:
    """The constants and lexicon entries ``exercises.generate`` builds a bank from, and the bank schema."""
    from ..exercises import generate as gen
    from ..exercises.spec import GENERATED_PREFIX

    stance = lexicons.reporting_verbs()
    return {
        "chapter": chapter,
        "prefix": GENERATED_PREFIX,
        "max_same_answer": gen.MAX_SAME_ANSWER,
        "voice_options": gen.VOICE_OPTIONS,
        "type_options": [list(option) for option in gen.TYPE_OPTIONS],
        "stance": [
            {"id": c.id, "label": c.label, "description": c.description, "without_content": c.get("without_content")}
            for c in stance.categories
        ],
        "schema": datafiles.schema(BANK_SCHEMA),
        "filename": BANK_FILE,
    }


def evaluation_reply(result: Evaluation, annotated: int) -> dict:
    """The Evaluate reply (the live widget's and the page's): a message, the score table, the errors."""
    errors = [
        {
            "sentence": e["sentence"],
            "component": e["component"],
            "error": e["error"],
            "text": str(e.get("expected") if e.get("expected") is not None else e.get("predicted", "")),
        }
        for e in result.errors
    ]
    return {
        "ok": True,
        "message": f"The toolkit against your annotation of {annotated} sentence(s): {len(errors)} error(s).",
        "scores": result.table(),
        "errors": errors,
    }


def page_tools(document: text.Document, chapter: int = 0) -> dict:
    """What the page carries for the two buttons: ``{"toolkit": ..., "generate": ...}``."""
    return {"toolkit": toolkit_reading(document), "generate": generation_data(chapter)}
