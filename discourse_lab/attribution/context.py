"""What every rule reads (:class:`Context`, the parsed document) and what it passes on
(:class:`SentenceState`, the sentence being analysed), with the small token tests they share.

The context is built once per document and never changes: the tokens, the tags and dependencies
of the project's own parser (:mod:`discourse_lab.syntax`), the two cue lexicons and their
matches by sentence, and the word lists, numbers and tag classes of ``data/lexicons/``. A rule
takes the context and a sentence state and returns a new state; nothing is changed in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .. import lexicons, matching, quotes, syntax
from ..matching import DocView, Match
from . import lexicon
from .model import Attribution, Cue, Rejection, ScareQuote, Span


@dataclass(frozen=True)
class Context:
    """One parsed document and everything the rules look up in it."""

    view: DocView
    tokens: list
    syn: syntax.Parse
    verbs: lexicons.Lexicon
    extra: lexicons.Lexicon
    words: Mapping[str, frozenset[str]]
    limits: Mapping[str, Any]
    tags: Mapping[str, frozenset[str]]
    # Matches by sentence index, under "cues", "passive", "hedged", "traps" and "according".
    matches: Mapping[str, Mapping[int, tuple[Match, ...]]]


@dataclass(frozen=True)
class SentenceState:
    """What the rules know about the sentence being analysed: its index and id, token range
    [a, b), its quotations, the tokens of fixed phrases (traps), the last named speaker (for
    pronouns) and the previous sentence's quoted speaker, and what the rules have produced so
    far: the cue tokens used, relations, cues, rejected cues and scare quotes."""

    n: int
    sid: str
    a: int
    b: int
    qs: tuple[quotes.Quote, ...]
    traps: frozenset[int]
    last_named: str | None = None
    previous_speaker: str | None = None
    used: frozenset[int] = frozenset()
    made: tuple[Attribution, ...] = ()
    cues: tuple[Cue, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    scare_quotes: tuple[ScareQuote, ...] = ()


def by_sentence(view: DocView, found: list[Match]) -> dict[int, tuple[Match, ...]]:
    out: dict[int, list[Match]] = {}
    for m in found:
        out.setdefault(view.sentence_index[m.start], []).append(m)
    return {k: tuple(v) for k, v in out.items()}


def build(view: DocView) -> Context:
    """Parse the document and find every cue and fixed phrase the rules need."""
    words = lexicon.words()
    verbs, extra = lexicons.reporting_verbs(), lexicons.attribution_cues()
    verb_matches = matching.find(view, verbs)
    taken = {i for m in verb_matches for i in range(m.start, m.end)}
    extra_matches = [m for m in matching.find(view, extra) if not taken.intersection(range(m.start, m.end))]
    # "regarding", "concerning": prepositions, no cues
    cue_matches = [
        m
        for m in verb_matches + extra_matches
        if not (m.end - m.start == 1 and view.tokens[m.start].text.lower() in words["ing_prepositions"])
    ]
    phrases = {
        "passive": ("passive", lexicons.attribution_phrases("passive_cues")),
        "hedged": ("hedged", lexicons.attribution_phrases("hedged_sources")),
        "traps": ("trap", lexicons.attribution_phrases("non_attributive_phrases")),
        "according": ("according", lexicon.phrases("according_to_cues")),
    }
    matches = {"cues": by_sentence(view, sorted(cue_matches, key=lambda m: m.start))}
    for name, (key, listed) in phrases.items():
        matches[name] = by_sentence(view, matching.find_phrases(view, key, listed))
    return Context(
        view=view,
        tokens=view.tokens,
        syn=syntax.parse(view),
        verbs=verbs,
        extra=extra,
        words=words,
        limits=lexicon.limits(),
        tags=lexicon.tag_classes(),
        matches=matches,
    )


# ----- the lexicons' categories ------------------------------------------------------------------
def category(ctx: Context, label: str) -> lexicons.Category:
    """The lexicon category of a cue label (reporting-verbs.yml, else attribution-cues.yml)."""
    return ctx.verbs.category(label) if label in ctx.verbs.ids else ctx.extra.category(label)


def stance(ctx: Context, label: str) -> str:
    """The teaching stance a cue is shown with: its own category, or the one its PARC class maps to."""
    return label if label in ctx.verbs.ids else ctx.extra.category(label).get("stance")


def in_class(label: str, class_name: str) -> bool:
    """Is a cue label one of the lexicon categories grouped as ``class_name`` (attribution-parameters.yml)?"""
    return label in lexicon.cue_classes()[class_name]


# ----- tokens ------------------------------------------------------------------------------------
def low(ctx: Context, i: int) -> str:
    return ctx.tokens[i].text.lower()


def is_cap(ctx: Context, i: int) -> bool:
    t = ctx.tokens[i].text
    return t[:1].isupper() and not ctx.tokens[i].is_punct


def glued(ctx: Context, j: int) -> bool:
    """A hyphen inside a word ("Secretary-General"): no space on either side."""
    return ctx.tokens[j].text == "-" and not ctx.tokens[j - 1].whitespace and not ctx.tokens[j].whitespace


def span(ctx: Context, start: int, end: int) -> Span:
    a, b = ctx.view.char_span(start, end)
    return Span(a, b, ctx.view.document.text[a:b])


def text_of(ctx: Context, start: int, end: int) -> str:
    return ctx.view.span_text(start, end)


def lemmas_text(ctx: Context, m: Match) -> str:
    return " ".join(ctx.tokens[i].lemma for i in range(m.start, m.end))


def clause_end(ctx: Context, st: SentenceState, start: int) -> int:
    """End of the clause that begins at ``start``: the sentence's end without its final
    punctuation, or a comma before a participle ("..., referring to ...")."""
    end = st.b
    while end > start and ctx.tokens[end - 1].text in ctx.words["sentence_end"]:
        end -= 1
    for i in range(start + 1, end - 1):
        if ctx.tokens[i].text != "," or quotes.inside(i, st.qs):
            continue
        nxt = ctx.tokens[i + 1]
        participle = nxt.text.endswith("ing") and not is_cap(ctx, i + 1)
        if participle and low(ctx, i + 1) not in ctx.words["ing_prepositions"]:
            return i
        if low(ctx, i + 1) == "as" and closing_as_cue(ctx, st, i + 1, end):
            return i  # "CONTENT, as the Secretary-General put it.": the clause is another attribution
    return end


def closing_as_cue(ctx: Context, st: SentenceState, k: int, end: int) -> bool:
    """Is there a cue a few words after the "as" at ``k``, near the end of the sentence ("...,
    as the Secretary-General put it.", "..., as the mission noted in a May report.")?"""
    near = k + 1 + ctx.limits["max_as_clause_tokens"]
    tail = ctx.limits["max_tail_after_cue"]
    return any(k + 1 < m.start <= near and end - m.end <= tail for m in ctx.matches["cues"].get(st.n, ()))


def is_passive(ctx: Context, i: int) -> bool:
    """A participle after a form of "be" (adverbs between), or with a passive auxiliary in the parse."""
    j = i - 1
    while j >= 0 and low(ctx, j) in ctx.words["passive_adverbs"]:
        j -= 1
    if ctx.syn.child(i, "aux:pass") is not None:
        return True
    return j >= 0 and ctx.tokens[j].lemma == "be" and ctx.syn.tags[i] == "VBN"


# ----- producing results -------------------------------------------------------------------------
def use(st: SentenceState, start: int, end: int) -> SentenceState:
    """Mark tokens [start, end) as a cue already used, so no later rule takes them again."""
    return replace(st, used=st.used | frozenset(range(start, end)))


def reject(ctx: Context, st: SentenceState, start: int, end: int, reason: str) -> SentenceState:
    return replace(st, rejected=(*st.rejected, Rejection(st.sid, text_of(ctx, start, end), reason)))


def with_cue(ctx: Context, st: SentenceState, m: Match, shown_as: str) -> SentenceState:
    cue = Cue(st.sid, text_of(ctx, m.start, m.end), shown_as, span(ctx, m.start, m.end))
    return replace(st, cues=(*st.cues, cue))
