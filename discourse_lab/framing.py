"""Framing markers: naming choices, Entman's framing functions and the generic news frames.

Naming variants (``naming.yml``) are matched on the words as written ("Kiev" is not "Kyiv");
a variant of a group with ``requires_in_sentence`` counts only in a sentence that also names one
of those words, so "conflict" counts as naming the war in Ukraine only near "Ukraine".

Framing functions (Entman 1993) and generic frames (Semetko and Valkenburg 2000) are judgements
about a text. The cue lists of ``framing-cues.yml`` only point a student at sentences worth
asking the frame's questions about: a sentence gets a *hint* for every function or frame one of
whose cues it contains. What this cannot do: decide that a frame is present, see a frame built
without its usual words, or tell a cue used literally from one used figuratively.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from . import lexicons, matching
from .matching import DocView


class NamingChoice(NamedTuple):
    sentence: str
    text: str
    group: str
    variant: str

    def to_dict(self) -> dict:
        return self._asdict()


class Hint(NamedTuple):
    sentence: str
    text: str
    kind: str  # "function" or "frame"
    label: str

    def to_dict(self) -> dict:
        return self._asdict()


def naming_choices(view: DocView) -> list[NamingChoice]:
    groups = lexicons.naming_groups()
    entries = tuple((v.id, v.forms) for g in groups for v in g.variants)
    matcher = matching.phrase_matcher("naming", "ORTH", entries)
    group_of = {v.id: g for g in groups for v in g.variants}
    sentences = view.document.sentences
    choices = []
    for m in matching.run(view, matcher):
        group = group_of[m.label]
        n = view.sentence_index[m.start]
        if group.requires_in_sentence and not group.requires_in_sentence.intersection(
            t.text for t in sentences[n].tokens
        ):
            continue
        choices.append(NamingChoice(sentences[n].id, view.span_text(m.start, m.end), group.id, m.label))
    return choices


def hints(view: DocView) -> list[Hint]:
    sentences = view.document.sentences
    out = []
    for kind, lexicon in (("function", lexicons.framing_functions()), ("frame", lexicons.generic_frames())):
        # Cues may belong to several categories, so overlapping matches are all kept.
        for m in matching.run(view, matching.lexicon_matcher(lexicon), keep_longest=False):
            out.append(Hint(sentences[view.sentence_index[m.start]].id, view.span_text(m.start, m.end), kind, m.label))
    return out


def labels_by_sentence(hint_list: list[Hint], kind: str) -> dict[str, list[str]]:
    """Sentence id → the sorted labels of one kind hinted in it."""
    out: dict[str, set[str]] = {}
    for h in hint_list:
        if h.kind == kind:
            out.setdefault(h.sentence, set()).add(h.label)
    return {sid: sorted(labels) for sid, labels in out.items()}


def summary(view: DocView) -> dict:
    """The framing section of an analysis: hints per sentence, counts, naming choices, and the
    questions a student should ask for each frame."""
    hint_list = hints(view)
    naming = naming_choices(view)
    frames = lexicons.generic_frames()
    return {
        "hints": [h.to_dict() for h in hint_list],
        "functions_by_sentence": labels_by_sentence(hint_list, "function"),
        "frames_by_sentence": labels_by_sentence(hint_list, "frame"),
        "function_counts": dict(Counter(h.label for h in hint_list if h.kind == "function")),
        "frame_counts": dict(Counter(h.label for h in hint_list if h.kind == "frame")),
        "naming": [c.to_dict() for c in naming],
        "naming_groups": {
            g: sorted({c.variant for c in naming if c.group == g}) for g in sorted({c.group for c in naming})
        },
        "frame_questions": {c.id: list(c.get("questions", ())) for c in frames.categories},
        "note": "Cue words are hints of where to look, never verdicts: a frame is a judgement about the text.",
    }
