"""Bias indicators: epistemological and framing cues, per sentence and per voice; source diversity.

Following Recasens, Danescu-Niculescu-Mizil and Jurafsky (2013), *epistemological* cues change
how certain a proposition is made to look (factives presuppose it, assertives assert it,
implicatives entail it or its negation, hedges soften it, boosters harden it) and *framing* cues
are subjective, one-sided words. Each cue found is placed in the voice it stands in: inside an
attribution relation's content it is the source's; anywhere else it is the writer's.

Source diversity follows Masini et al. (2017, actor diversity) and Baden and Springer (2017,
number and distinctness of viewpoints): the distinct named sources, keyed by the entity each
source stands for (:mod:`entities`: a surname, title or pronoun counts as the full name it
refers to), the unnamed ones with their spans as written, the kinds of source, the sides they
belong to (``sides`` in ``attribution-rules.yml``), the share of sentences in each voice and the
Shannon entropy (bits) of relations over sources.

A cue that is also another word is dropped where the lexicon's ``other_readings`` say so: "May"
the month or surname is not the modal "may" (capitalised after the first word, or next to a number).

What this cannot do: a word list cannot tell a loaded use from a plain one ("responsible for the
delay"), nor see bias that lies in what a report leaves out. The "May" test trusts spelling: a
month written "may" is still a hedge, "May" first in a sentence with no number ("May saw the
talks resume") is still the modal, and in a title-case line every "May" counts. Counts are hints
for a reader.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from . import entities, lexicons, matching, source_span
from .attribution import Attribution
from .matching import DocView
from .voice import JOURNALIST, SOURCE, VOICES, Voice


class BiasCue(NamedTuple):
    sentence: str
    text: str
    category: str
    kind: str  # framing | epistemological
    voice: str  # source (inside an attributed content) | journalist
    start: int
    end: int

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("sentence", "text", "category", "kind", "voice")}


def categories() -> list[str]:
    return lexicons.bias_cues().ids


NUMBER = re.compile(r"^\d+(st|nd|rd|th)?$")


def _sentence_words(view: DocView, i: int) -> list[int]:
    """Token indices of the words (not punctuation) of the sentence holding token ``i``."""
    a, b = view.sentence_bounds[view.sentence_index[i]]
    return [k for k in range(a, b) if not view.tokens[k].is_punct]


def _capitalised_mid_sentence(view: DocView, i: int) -> bool:
    """Capitalised and not the sentence's first word, in a sentence not set in title case."""
    words = _sentence_words(view, i)
    if not view.tokens[i].text[:1].isupper() or not words or words[0] == i:
        return False
    long_words = [view.tokens[k].text for k in words if len(view.tokens[k].text) >= 4]
    return not all(w[:1].isupper() for w in long_words)  # a headline capitalises every word


def _next_to_number(view: DocView, i: int) -> bool:
    """A number is the word before or after ("9 May", "May 2024")."""
    words = _sentence_words(view, i)
    at = words.index(i)
    return any(NUMBER.match(view.tokens[k].text) for k in words[max(0, at - 1) : at + 2] if k != i)


# The named tests an ``other_readings`` entry of bias-cues.yml may use.
READING_TESTS = {"capitalised_mid_sentence": _capitalised_mid_sentence, "next_to_number": _next_to_number}


def _other_readings() -> dict[str, list[dict]]:
    """Category id → its other-reading rules from the lexicon."""
    return {c.id: list(c.get("other_readings", ())) for c in lexicons.bias_cues().categories}


def is_other_reading(view: DocView, m: matching.Match, rules: list[dict]) -> bool:
    """Is this one-word match another word here (the month "May", not the modal)?"""
    if m.end - m.start != 1:
        return False
    token = view.tokens[m.start]
    return any(token.lemma == r["cue"] and any(READING_TESTS[t](view, m.start) for t in r["when"]) for r in rules)


def _no_content_spans(reporting_cues) -> set[tuple[int, int]]:
    """Character spans of the reporting cues that found no content and are shown with a
    ``without_content`` stance of reporting-verbs.yml (the writer's evaluation)."""
    readings = {c.get("without_content") for c in lexicons.reporting_verbs().categories} - {None}
    return {(c.span.start, c.span.end) for c in reporting_cues if c.stance in readings}


def find_cues(view: DocView, attributions: Sequence[Attribution] = (), reporting_cues=()) -> list[BiasCue]:
    """Every bias cue of the document, placed in the source's or the writer's voice. A factive
    whose reporting cue (from ``reporting_cues``) found no content is counted in its category's
    ``without_content`` category instead: with nothing to presuppose it is an evaluation."""
    lexicon = lexicons.bias_cues()
    kind_of = {c.id: c.get("bias_kind") for c in lexicon.categories}
    reread = {c.id: c.get("without_content") for c in lexicon.categories if c.get("without_content")}
    no_content = _no_content_spans(reporting_cues)
    contents: dict[str, list[tuple[int, int]]] = {}
    for rel in attributions:
        if rel.content_span is not None:
            contents.setdefault(rel.sentence, []).append((rel.content_span.start, rel.content_span.end))
    sentences = view.document.sentences
    readings = _other_readings()
    out = []
    for m in matching.find(view, lexicon):
        if is_other_reading(view, m, readings[m.label]):
            continue
        sid = sentences[view.sentence_index[m.start]].id
        a, b = view.char_span(m.start, m.end)
        voice = SOURCE if any(s <= a and b <= e for s, e in contents.get(sid, ())) else JOURNALIST
        label = reread[m.label] if m.label in reread and (a, b) in no_content else m.label
        out.append(BiasCue(sid, view.document.text[a:b], label, kind_of[label], voice, a, b))
    return out


def entropy(counts: Counter) -> float:
    """Shannon entropy in bits of a distribution given as counts (0 for none or one value)."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return round(-sum(c / total * math.log2(c / total) for c in counts.values() if c) + 0.0, 4)


def side_of(source: str | None) -> str:
    if source is None:
        return "unnamed"
    words = set(source.replace("'s", " ").replace("’s", " ").split())
    for side, entry in lexicons.raw("attribution-rules").get("sides", {}).items():
        if words.intersection(entry["words"]):
            return side
    return "other"


def source_key(rel: Attribution) -> str | None:
    """The entity a relation's source stands for (``source_span.describe_sources``: the full name,
    which a later surname, title or pronoun links to), None when no one is named. Never the last
    word: "North Korea" and "South Korea" are two sources."""
    info = rel.source_info
    if info is not None:
        return info.entity
    return None if rel.source is None else entities.normalise(rel.source)


def _side(rel: Attribution) -> str:
    """The side of a relation's source, from its name and its span as written ("Russian Foreign
    Minister Sergey Lavrov"), or its antecedent's."""
    info = rel.source_info
    if source_key(rel) is None:
        return "unnamed"
    written = " ".join(x for x in (rel.source, info and info.text, info and info.antecedent, source_key(rel)) if x)
    return side_of(written)


def source_diversity(attributions: list[Attribution], voices: list[Voice]) -> dict:
    """Who speaks: relations per distinct named source (keyed by entity), unnamed relations (with
    their spans as written), relations per source kind, sides, voices and entropy."""
    named = Counter(k for k in map(source_key, attributions) if k is not None)
    unnamed = [r for r in attributions if source_key(r) is None]
    with_unnamed = named + (Counter({"(unnamed)": len(unnamed)}) if unnamed else Counter())
    kinds = Counter(r.source_info.kind for r in attributions if r.source_info is not None)
    voice_counts = Counter(v.voice for v in voices)
    total = len(voices) or 1
    return {
        "distinct_sources": len(named),
        "sources": dict(named),
        "unnamed_relations": len(unnamed),
        "unnamed_sources": [r.source_info.text for r in unnamed if r.source_info is not None and r.source_info.text],
        "source_kinds": {k: kinds.get(k, 0) for k in source_span.KINDS},
        "sides": dict(Counter(map(_side, attributions))),
        "distinct_sides": len({_side(r) for r in attributions if source_key(r) is not None}),
        "relations": len(attributions),
        "sentences": len(voices),
        "voice_counts": {v: voice_counts.get(v, 0) for v in VOICES},
        "share_attributed": round((voice_counts[SOURCE] + voice_counts["mixed"]) / total, 4),
        "share_writer_only": round(voice_counts[JOURNALIST] / total, 4),
        "source_entropy_bits": entropy(with_unnamed),
    }


def unattributed_evaluations(cues: list[BiasCue], view: DocView) -> list[dict]:
    """Sentences where a subjective word stands in the writer's own voice."""
    by_sentence: dict[str, list[str]] = {}
    for c in cues:
        if c.kind == "framing" and c.voice == JOURNALIST:
            by_sentence.setdefault(c.sentence, []).append(c.text)
    return [
        {"sentence": s.id, "text": s.text, "cues": by_sentence[s.id]}
        for s in view.document.sentences
        if s.id in by_sentence
    ]


def _counts(cues) -> dict:
    found = Counter(c.category for c in cues)
    return {cat: found.get(cat, 0) for cat in categories()}


def summary(view: DocView, attributions: list[Attribution], voices: list[Voice], reporting_cues=()) -> dict:
    """The bias section of an analysis (``reporting_cues``: see :func:`find_cues`)."""
    cues = find_cues(view, attributions, reporting_cues)
    per_sentence = {}
    for s in view.document.sentences:
        mine = [c for c in cues if c.sentence == s.id]
        if mine:
            per_sentence[s.id] = _counts(mine)
    voice_of = {v.sentence: v.voice for v in voices}
    return {
        "cues": [c.to_dict() for c in cues],
        "counts": _counts(cues),
        "by_kind": dict(Counter(c.kind for c in cues)),
        "per_sentence": per_sentence,
        # Where the cue stands: inside attributed content (source) or in the writer's words.
        "per_cue_voice": {v: _counts([c for c in cues if c.voice == v]) for v in (SOURCE, JOURNALIST)},
        # Cues counted by the voice of the sentence they are in (source / journalist / mixed).
        "per_sentence_voice": {v: _counts([c for c in cues if voice_of.get(c.sentence) == v]) for v in VOICES},
        "source_diversity": source_diversity(attributions, voices),
        "unattributed_evaluations": unattributed_evaluations(cues, view),
        "note": "Indicators are hints from course-written word lists, never verdicts.",
    }


def score_text(text: str) -> dict:
    """Indicator counts for an arbitrary text (e.g. a student's rewrite of one sentence).

    Returns ``{"words", "total", "by_category", "by_kind", "reporting_stances", "cues"}``:
    ``by_category`` always holds every bias category (factive, assertive, implicative, hedge,
    booster, subjective) with a count, ``by_kind`` the framing and epistemological totals,
    ``reporting_stances`` the count of reporting verbs per stance category, and ``cues`` each cue
    found as ``{"text", "category", "kind"}``. An empty or blank text scores zero everywhere.
    """
    from . import text as text_model
    from .attribution import find_attributions

    document = text_model.parse(text or "")
    view = DocView(document)
    stances: Counter[str]
    if not document.sentences:
        cues, stances = [], Counter()
    else:
        result = find_attributions(view)
        cues = find_cues(view, result.attributions, result.cues)
        stances = Counter(c.stance for c in result.cues)
    by_kind = Counter(c.kind for c in cues)
    return {
        "words": document.word_count,
        "total": len(cues),
        "by_category": _counts(cues),
        "by_kind": {"framing": by_kind.get("framing", 0), "epistemological": by_kind.get("epistemological", 0)},
        "reporting_stances": {c: stances.get(c, 0) for c in lexicons.reporting_verbs().ids},
        "cues": [{"text": c.text, "category": c.category, "kind": c.kind} for c in cues],
    }
