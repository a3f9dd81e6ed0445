"""Contents that stand before their cue or around it: "CONTENT, officials said." (``clause-cue``),
"A, she said, B." (``clause-cue+interposed``), "As X observed, CONTENT." and "CONTENT, as X put
it." (``as-clause``). Each function returns the source's and the content's token ranges, or None."""

from __future__ import annotations

from ..matching import Match
from .context import Context, SentenceState, clause_end, glued, low
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
    words_before = sum(1 for i in range(start, comma) if not ctx.tokens[i].is_punct)
    tail = max(np[1], m.end)
    # "Regrettably, she added, the talks have stalled.": one word before an interposed cue will do
    if words_before and tail < end and ctx.tokens[tail].text == "," and end - tail > ctx.limits["min_interposed_tail"]:
        return np, (start, clause_end(ctx, st, tail + 1)), "clause-cue+interposed"
    if words_before < 2:
        return None
    return (np, (start, comma), "clause-cue") if short_tail(ctx, m, tail, end) else None


def short_tail(ctx: Context, m: Match, tail: int, end: int) -> bool:
    """What follows a cue whose content is before it is short and reports nothing more ("...,
    officials said on Monday."), with no "that" of a content of its own."""
    if end - tail > ctx.limits["max_tail_after_cue"]:
        return False
    return not any(low(ctx, i) in ctx.words["complementisers"] for i in range(m.end, end))


def before_adverbs(ctx: Context, st: SentenceState, i: int, lo: int) -> int:
    """Back from token ``i`` over adverbs and auxiliaries ("has soberly attested", "expressly
    noted"): where the source before them ends."""
    while i > lo and (
        ctx.syn.tags[i - 1] in ctx.tags["adverb"]
        or low(ctx, i - 1) in ctx.words["skip_before_cue"]
        or low(ctx, i - 1).endswith("ly")  # the tagger reads some adverbs as adjectives
    ):
        i -= 1
    return i


def as_opener(ctx: Context, st: SentenceState, m: Match) -> int | None:
    """The "as" that opens the cue's clause (at the sentence's start or after a comma), with only
    its source (and adverbs) between it and the cue."""
    a = st.a
    reach = max(a, m.start - ctx.limits["max_as_clause_tokens"]) - 1
    k = next(
        (j for j in range(m.start - 1, reach, -1) if low(ctx, j) == "as" and (j == a or ctx.tokens[j - 1].text == ",")),
        None,
    )
    if k is None or k + 1 >= m.start:
        return None
    markers = ctx.words["possessive_markers"]
    if any(ctx.tokens[j].is_punct and low(ctx, j) not in markers and not glued(ctx, j) for j in range(k + 1, m.start)):
        return None
    return k


def as_tail_end(ctx: Context, st: SentenceState, e: int) -> bool:
    """Does the sentence end at ``e``, or after a short phrase that opens with a preposition
    and reports nothing more ("..., as the mission noted in a May report.")?"""
    end = content_end(ctx, st, Match("", e, e))
    if e >= end:
        return True
    tags = ctx.syn.tags
    short = end - e <= ctx.limits["max_tail_after_cue"]
    return short and tags[e] == "IN" and not any(tags[i] in ctx.tags["finite"] for i in range(e, end))


def as_clause(ctx: Context, st: SentenceState, m: Match) -> tuple[Range, Range] | None:
    """ "As X observed, CONTENT.", "CONTENT, as X put it." or "A, as X attested, B.": the cue
    stands in a clause opened by "as" (at the sentence's start or after a comma) with its
    source and nothing else, and the content is the rest of the sentence on the other side of
    the clause's commas (both sides when the part before is a clause left open, "The siege
    has, as the mayor attested, ...").

    >>> "As the envoy observed, the border stayed closed." -> envoy, "the border stayed closed"
    >>> "This includes the harbour, as the UN mission noted in a May report." -> "This includes the harbour"
    """
    a, b = st.a, st.b
    k = as_opener(ctx, st, m)
    if k is None:
        return None
    np = walk_back(ctx, st, before_adverbs(ctx, st, m.start, k + 1), k + 1)
    if np is None or np[0] != k + 1 or bad_source(ctx, np):
        return None
    e = m.end
    if e < b and low(ctx, e) == "it" and low(ctx, m.start) in ctx.words["put_it_verbs"]:  # "as she put it"
        e += 1
    before = (a, k - 1)
    if e < b and ctx.tokens[e].text == ",":  # "(Of course,) as X observed, CONTENT."
        end = clause_end(ctx, st, e + 1)
        if end - (e + 1) < ctx.limits["min_as_clause_content"]:
            return None
        left_open = any(ctx.syn.tags[i] in ctx.tags["finite"] | {"MD"} for i in range(*before))
        return np, ((a, end) if left_open else (e + 1, end))
    if k > a and as_tail_end(ctx, st, e):  # "CONTENT, as X put it."
        return (np, before) if before[1] - a >= ctx.limits["min_as_clause_content"] else None
    return None


def relative_head(ctx: Context, st: SentenceState, r: int) -> int:
    """Where the noun phrase a relative pronoun at ``r`` points back to begins: after the last
    finite verb or punctuation before it ("kept | a policy of closing ports which")."""
    k = r
    while k > st.a and not ctx.tokens[k - 1].is_punct and ctx.syn.tags[k - 1] not in ctx.tags["finite"] | {"MD"}:
        k -= 1
    return k


def relative_object(ctx: Context, st: SentenceState, m: Match) -> tuple[Range, Range] | None:
    """ "... a policy of closing ports which, according to AFP, the UN has criticised.": a verb
    whose object is its content ends the sentence inside a relative clause; the content is the
    noun phrase the relative pronoun stands for.

    >>> "They kept a policy of closing ports which the UN has criticised." -> UN, "a policy of closing ports"
    """
    lemma = ctx.tokens[m.start].lemma
    if lemma not in ctx.words["content_object_verbs"] or content_end(ctx, st, m) != m.end:
        return None
    np = walk_back(ctx, st, before_adverbs(ctx, st, m.start, st.a), st.a)
    if np is None or bad_source(ctx, np):
        return None
    r = np[0] - 1
    if ctx.tokens[r].text == ",":  # past a phrase in commas: "which, according to AFP, the UN"
        r = next((j for j in range(r - 1, st.a, -1) if ctx.tokens[j].text == ","), st.a) - 1
    if r <= st.a or low(ctx, r) not in ctx.words["relative_pronouns"] - {"who"}:
        return None
    start = relative_head(ctx, st, r)
    return (np, (start, r)) if r - start >= 2 else None
