"""Contents that stand before their cue or around it: "CONTENT, officials said." (``clause-cue``),
"A, she said, B." (``clause-cue+interposed``), "As X observed, CONTENT." and "CONTENT, as X put
it." (``as-clause``). Each function returns the source's and the content's token ranges, or None."""

from __future__ import annotations

from ..matching import Match
from .context import Context, SentenceState, clause_end, low
from .sources import after_cue, bad_source, parsed_source, subject_start, walk_back

Range = tuple[int, int]


def content_end(ctx: Context, st: SentenceState, m: Match) -> int:
    """The sentence's end without its final punctuation and closing quotation marks."""
    end = st.b
    while end > m.end and (ctx.tokens[end - 1].text in ctx.words["sentence_end"] or ctx.tokens[end - 1].is_quote):
        end -= 1
    return end


def source_around(ctx: Context, st: SentenceState, m: Match) -> Range | None:
    """The source of a cue after its content: before the cue, after it, or the parsed subject."""
    np = walk_back(ctx, st, m.start, st.a)
    if np is None or bad_source(ctx, np):
        np = after_cue(ctx, m.end, st.b) or parsed_source(ctx, m.start, st.a, st.b)
    return np


def comma_before(ctx: Context, st: SentenceState, i: int) -> int | None:
    """The comma that ends a content before token ``i`` (past closing quotation marks), if any."""
    comma = i - 1
    while comma > st.a and ctx.tokens[comma].is_quote:
        comma -= 1
    return comma if comma > st.a and ctx.tokens[comma].text == "," else None


def content_before(ctx: Context, st: SentenceState, m: Match) -> tuple[Range, Range, str] | None:
    """The content before the cue, its source and the rule: "CONTENT, officials said." or
    "CONTENT, said Smith." (``clause-cue``): the source sits between a comma and the cue (or
    right after the cue), and what follows the cue is short and reports nothing more; or
    "A, she said, B." (``clause-cue+interposed``): source and cue in commas inside the
    content, which then runs over both parts.

    >>> "The talks failed, officials said." -> content "The talks failed"
    >>> "As winter nears, she said, the need for fuel is pressing." -> content over both parts
    """
    a = st.a
    end = content_end(ctx, st, m)
    np = source_around(ctx, st, m)
    if np is None:
        return None
    comma = comma_before(ctx, st, min(np[0], m.start))
    if comma is None:
        return None
    start = subject_start(ctx, a, comma) if low(ctx, a) in ctx.words["fronted_adverbials"] else a
    if sum(1 for i in range(start, comma) if not ctx.tokens[i].is_punct) < 2:
        return None
    tail = max(np[1], m.end)
    if tail < end and ctx.tokens[tail].text == "," and end - tail > ctx.limits["min_interposed_tail"]:
        return np, (start, clause_end(ctx, st, tail + 1)), "clause-cue+interposed"
    return (np, (start, comma), "clause-cue") if short_tail(ctx, m, tail, end) else None


def short_tail(ctx: Context, m: Match, tail: int, end: int) -> bool:
    """What follows a cue whose content is before it is short and reports nothing more ("...,
    officials said on Monday."), with no "that" of a content of its own."""
    if end - tail > ctx.limits["max_tail_after_cue"]:
        return False
    return not any(low(ctx, i) in ctx.words["complementisers"] for i in range(m.end, end))


def as_opener(ctx: Context, st: SentenceState, m: Match) -> int | None:
    """The "as" that opens the cue's clause (at the sentence's start or after a comma), with only
    its source between it and the cue."""
    a = st.a
    reach = max(a, m.start - ctx.limits["max_as_clause_tokens"]) - 1
    k = next(
        (j for j in range(m.start - 1, reach, -1) if low(ctx, j) == "as" and (j == a or ctx.tokens[j - 1].text == ",")),
        None,
    )
    if k is None or k + 1 >= m.start:
        return None
    markers = ctx.words["possessive_markers"]
    if any(ctx.tokens[j].is_punct and low(ctx, j) not in markers for j in range(k + 1, m.start)):
        return None
    return k


def as_clause(ctx: Context, st: SentenceState, m: Match) -> tuple[Range, Range] | None:
    """ "As X observed, CONTENT." or "CONTENT, as X put it.": the cue stands in a clause opened
    by "as" (at the sentence's start or after a comma) with its source and nothing else, and
    the content is the rest of the sentence on the other side of the clause's comma.

    >>> "As the envoy observed, the border stayed closed." -> envoy, "the border stayed closed"
    """
    a, b = st.a, st.b
    k = as_opener(ctx, st, m)
    if k is None:
        return None
    np = walk_back(ctx, st, m.start, k + 1)
    if np is None or np[0] != k + 1 or bad_source(ctx, np):
        return None
    e = m.end
    if low(ctx, e) == "it" and low(ctx, m.start) in ctx.words["put_it_verbs"]:  # "as she put it"
        e += 1
    if e < b and ctx.tokens[e].text == ",":  # "(Of course,) as X observed, CONTENT."
        end = clause_end(ctx, st, e + 1)
        if end - (e + 1) >= ctx.limits["min_as_clause_content"]:
            return np, (e + 1, end)
    if k > a and (e >= b or ctx.tokens[e].text in ctx.words["sentence_end"]):  # "CONTENT, as X put it."
        return (np, (a, k - 1)) if k - 1 - a >= ctx.limits["min_as_clause_content"] else None
    return None
