"""Quotations no cue of their own accounts for: continuations of the last speaker, scare quotes,
and the earlier sentences of a quotation that runs over several sentences before its cue."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .context import Context, SentenceState, span, text_of
from .model import DIRECT, Attribution, ScareQuote
from .relations import Found, add

CONTINUING = "continuing-quotation"


class Part(NamedTuple):
    """An earlier sentence's part of a quotation still open: its sentence id, quoted token range,
    and the key of what was made for it meanwhile (see :func:`part_key`)."""

    sentence: str
    tokens: tuple[int, int]
    key: tuple[str, str, int, int]


def part_key(kind: str, sentence: str, start: int, end: int) -> tuple[str, str, int, int]:
    """A scare quote or continuing quotation, by value: its kind, sentence id and characters."""
    return kind, sentence, start, end


def words_in(ctx: Context, start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if not ctx.tokens[i].is_punct)


def quotations_left(ctx: Context, st: SentenceState) -> SentenceState:
    """Quotations no relation covers: a quotation continuing the speaker quoted in this sentence
    or the last (``continuing-quotation``, cue null) when it is most of the sentence, else a
    scare quote (``scare-quote``, a few words) or an ``unattributed-quotation``.

    >>> '"We are ready," Lavrov said. "But we will not be fooled twice."'
    -> {"source": "Lavrov", "cue": None, "content": "But we will not be fooled twice.", "rule": "continuing-quotation"}
    >>> 'The so-called "peace plan" was never published.'
    -> {"scare_quote": "peace plan"}
    """
    spans = [r.content_bounds for r in st.made]
    words = words_in(ctx, st.a, st.b)
    direct_here = [r for r in st.made if r.type == DIRECT and r.source]
    for q in st.qs:
        qa, qb = ctx.view.char_span(q.start, q.end)
        if any(s < qb and qa < e for s, e in spans):
            continue
        qwords = words_in(ctx, q.start, q.end)
        speaker = direct_here[-1].source if direct_here else st.previous_speaker
        if speaker and (direct_here or qwords >= ctx.limits["continuing_quotation_share"] * words):
            st = add(ctx, st, Found(None, None, (q.start, q.end), CONTINUING, named=(speaker, "")))
            spans.append((qa, qb))
            continue
        rule = "scare-quote" if qwords <= ctx.limits["max_scare_quote_words"] else "unattributed-quotation"
        scare = ScareQuote(st.sid, text_of(ctx, q.start, q.end), rule, span(ctx, q.start, q.end))
        st = replace(st, scare_quotes=(*st.scare_quotes, scare))
    return st


def closing_cue(ctx: Context, st: SentenceState) -> int | None:
    """The place in ``st.made`` of the relation whose cue closes a quotation opened in an
    earlier sentence, if any."""
    if st.qs[0].open is not None:
        return None
    first = ctx.tokens[st.qs[0].start].start
    return next(
        (
            k
            for k, r in enumerate(st.made)
            if r.rule.startswith("quote-cue") and r.cue_span is not None and r.content_bounds[0] <= first
        ),
        None,
    )


def earlier_parts(
    ctx: Context, st: SentenceState, waiting: tuple[Part, ...]
) -> tuple[SentenceState, tuple[Part, ...], frozenset]:
    """A quotation over several sentences before its cue ('"We will not sign. It is unfair,"
    the deputy added.'): the sentences before the cue have no cue of their own, so they were
    left as scare quotes or continuations of the last speaker. When the quotation closes on a
    cue that names its source, those parts get that source and cue (``quotation-before-cue``),
    and what was made for them is withdrawn; while it stays open, this sentence's part waits
    with them. Returns the new state, the parts still waiting and the keys to withdraw."""
    if not st.qs:
        return st, waiting, frozenset()
    at = closing_cue(ctx, st)
    if at is not None and waiting:
        closing = st.made[at]
        parts = tuple(
            Attribution(
                sentence=p.sentence,
                source=closing.source,
                cue=closing.cue,
                content=text_of(ctx, *p.tokens),
                type=DIRECT,
                rule="quotation-before-cue",
                stance=closing.stance,
                source_span=closing.source_span,
                cue_span=closing.cue_span,
                content_span=span(ctx, *p.tokens),
            )
            for p in waiting
        )
        made = (*st.made[:at], *parts, *st.made[at:])
        return replace(st, made=made), (), frozenset(p.key for p in waiting)
    last = st.qs[-1]
    if last.close is not None:
        return st, (), frozenset()
    qa, qb = ctx.view.char_span(last.start, last.end)
    if any((q.span.start, q.span.end) == (qa, qb) for q in st.scare_quotes):
        key = part_key("scare", st.sid, qa, qb)
    elif any(r.rule == CONTINUING and r.content_bounds == (qa, qb) for r in st.made):
        key = part_key("relation", st.sid, qa, qb)
    else:  # the part has a cue of its own ('He said: "A. B," ...'): nothing waits
        return st, (), frozenset()
    return st, (*waiting, Part(st.sid, (last.start, last.end), key)), frozenset()


def withdrawn(st: SentenceState, keys: frozenset) -> SentenceState:
    """A finished sentence without the scare quotes and continuing quotations of ``keys``."""
    scares = tuple(q for q in st.scare_quotes if part_key("scare", q.sentence, q.span.start, q.span.end) not in keys)
    made = tuple(
        r for r in st.made if not (r.rule == CONTINUING and part_key("relation", r.sentence, *r.content_bounds) in keys)
    )
    return replace(st, scare_quotes=scares, made=made)
