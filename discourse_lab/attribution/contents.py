"""Finding a relation's content: after the cue, in a quotation before it, or in the clause before.

:func:`content_after` tries the forms of :data:`AFTER_CUE` in order; each form returns a content
``(start, end, rule)``, None to let the next form try, or :data:`NO_CONTENT` to say the cue has
none after it. Every function takes the document's context and the sentence's state and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import quotes
from ..matching import Match
from .model import DIRECT, INDIRECT, MIXED
from .context import Context, SentenceState, category, clause_end, in_class, is_cap, is_passive, lemmas_text, low

Content = tuple[int, int, str]
NO_CONTENT: Content = (-1, -1, "")  # a form that rules out any content after the cue


def quantity(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """ "added 292,000 jobs": a verb of saying that also adds to an amount, before a number."""
    reach = min(limit, m.end + ctx.limits["number_after_quantity_verb"])
    if ctx.tokens[m.start].lemma in ctx.words["quantity_verbs"] and any(
        ctx.syn.tags[i] == "CD" for i in range(m.end, reach)
    ):
        return NO_CONTENT
    return None


def quotation(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``cue-quote``: 'said: "We are ready."', 'told the committee "..."'."""
    q = quote_after(ctx, st, m.end, ctx.tokens[m.start].lemma)
    return None if q is None else (q.start, q.end, "cue-quote")


def object_quotation(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-object`` of a verb of naming: 'called the law "much, much better"'."""
    if category(ctx, m.label).get("content") != "object-quotation":
        return None
    end = m.end
    reach = min(limit, end + ctx.limits["max_object_before_label"])
    opener = next((q for q in st.qs if q.open is not None and end < q.open < reach), None)
    stops = ctx.words["sentence_end"] | {","}
    if opener is None or opener.open is None or any(ctx.tokens[i].text in stops for i in range(end, opener.open)):
        return NO_CONTENT
    return end, max(opener.end, limit), "verb-object"


def verb_as(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-as``: "described as reckless", "described the plan as reckless"; "see" needs its "as"."""
    end = m.end
    if low(ctx, end - 1) == "as":
        return end, limit, "verb-as"
    if ctx.tokens[m.start].lemma in ctx.words["as_verbs"]:
        finite = ctx.tags["finite"] | {"MD"}
        for i in range(end + 1, min(limit, end + ctx.limits["max_object_before_as"])):
            if ctx.tokens[i].is_punct or ctx.syn.tags[i] in finite:
                break
            if low(ctx, i) == "as":
                return end, limit, "verb-as"
    return NO_CONTENT if category(ctx, m.label).get("content") == "object-as" else None


def that_or_question(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-that`` ("said that ...") and ``verb-question`` ("asked whether ...")."""
    if low(ctx, m.end) in ctx.words["complementisers"]:
        return m.end, limit, "verb-that"
    if low(ctx, m.end) in ctx.words["question_words"]:
        return m.end, limit, "verb-question"
    return None


def gerund(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-object``: a gerund clause as object, "reported raising $9 million"."""
    end, word = m.end, low(ctx, m.end)
    if not word.endswith("ing") or len(word) <= ctx.limits["min_gerund_letters"] or is_cap(ctx, end):
        return None
    if word in ctx.words["ing_prepositions"] | ctx.words["indefinite_pronouns"] or limit - end < 2:
        return None
    return end, limit, "verb-object"


def infinitive(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-infinitive``: a promise, threat, request or plan and the action it is about, a
    to-infinitive right after the cue ("vowed to be tougher", "threatened to run", "asked to
    depose"); in the passive ("was asked to comment") the subject is not the one who asks."""
    end = m.end
    if ctx.tokens[m.start].lemma not in ctx.words["infinitive_cues"] or end + 1 >= limit or low(ctx, end) != "to":
        return None
    if is_passive(ctx, m.start) or ctx.syn.tags[end + 1] not in ctx.tags["infinitive_verb"]:
        return None
    return end, limit, "verb-infinitive"


def object_infinitive(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-object``: someone and what they are asked, expected or wanted to do ("urged
    leaders to ...", "expect it to rise")."""
    if not in_class(m.label, "object_infinitive"):
        return None
    for i in range(m.end + 1, min(limit, m.end + ctx.limits["max_object_before_to"])):
        if ctx.tokens[i].is_punct:
            break
        if low(ctx, i) == "to":
            return m.end, limit, "verb-object"
    return None


def noun_phrase_object(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-object`` of a verb whose object is the content ("outlined three conditions")."""
    lemma = ctx.tokens[m.start].lemma
    listed = ctx.words["content_object_verbs"]
    if not (
        lemma in listed or lemmas_text(ctx, m) in listed or category(ctx, m.label).get("content") == "clause-or-object"
    ):
        return None
    if is_passive(ctx, m.start):  # "the claims were dismissed": the object is the subject
        return NO_CONTENT
    return (m.end, limit, "verb-object") if limit - m.end >= 2 else NO_CONTENT


def that_after_gap(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-that`` with "that" a few words on, after a recipient or an adverbial ("told
    reporters on Friday that"); a multiword cue ("shed light on") takes no bare clause after."""
    w, end = ctx.words, m.end
    gap_ok = (
        ctx.tokens[m.start].lemma in w["recipient_verbs"] or low(ctx, end) in w["not_a_clause_start"] | w["cue_adverbs"]
    )
    for i in range(end + 1, min(limit, end + ctx.limits["max_gap_before_that"])):
        if ctx.tokens[i].is_punct and not ctx.tokens[i].is_quote:
            break
        if low(ctx, i) in w["complementisers"]:
            if gap_ok or all(low(ctx, k).endswith("ly") for k in range(end, i)):
                return i, limit, "verb-that"
            break
    return NO_CONTENT if m.end - m.start > 1 else None


def zero_that(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-zero-that``: a bare reported clause, "said Russia would ...". It needs a subject
    and something that looks finite soon after it: an auxiliary or an -ed word soon after it, or
    a word the tagger reads as a finite verb or a modal further on ("said the mother of ...,
    who died, is ...")."""
    w, first = ctx.words, m.end
    if ctx.tokens[m.start].lemma in w["recipient_verbs"] and first < limit and low(ctx, first) in w["recipient_words"]:
        first += 1
    if first < limit and ctx.tokens[first].text == ",":
        return NO_CONTENT
    words = [i for i in range(first, limit) if not ctx.tokens[i].is_punct]
    near, far = int(ctx.limits["finite_word_window"]), int(ctx.limits["finite_tag_window"])
    finite_tags = ctx.tags["finite"] | {"MD"}
    finite = any(
        low(ctx, i) in w["finite_markers"] or (i > first and low(ctx, i).endswith("ed") and not is_cap(ctx, i))
        for i in words[:near]
    ) or any(i > first and ctx.syn.tags[i] in finite_tags for i in words[:far])
    if len(words) >= ctx.limits["min_bare_clause_words"] and finite and low(ctx, first) not in w["not_a_clause_start"]:
        return first, limit, "verb-zero-that"
    return NO_CONTENT


def past_parenthetical(ctx: Context, st: SentenceState, i: int) -> int:
    """The token after a phrase in commas that starts at ``i`` ("the statement, based on the
    reports we have all seen, that ..."), or ``i`` when no such phrase stands there."""
    if i >= st.b or ctx.tokens[i].text != ",":
        return i
    reach = min(st.b - 1, i + 1 + ctx.limits["max_parenthetical_tokens"])
    close = next((k for k in range(i + 1, reach) if ctx.tokens[k].text == ","), None)
    return i if close is None else close + 1


def nominal_content(ctx: Context, st: SentenceState, m: Match) -> tuple[tuple[int, int], str] | None:
    """The that-clause ("the allegations that ...", also past a phrase in commas) or of-phrase
    ("claims of fraud") after a noun cue."""
    syn, nxt = ctx.syn, m.end
    if nxt >= st.b:
        return None
    after = past_parenthetical(ctx, st, nxt)
    if after > nxt and after < st.b and low(ctx, after) in ctx.words["complementisers"]:
        return (after, clause_end(ctx, st, after)), "nominal-that"
    if low(ctx, nxt) == "that":
        deps = ("acl", "ccomp", "acl:relcl")
        clause = next((c for c in syn.children[m.start] if syn.deps[c] in deps and c > nxt), None)
        if clause is not None and syn.child(clause, "mark") == nxt:
            return (nxt, clause_end(ctx, st, nxt)), "nominal-that"
    elif low(ctx, nxt) == "of" and ctx.tokens[m.start].lemma in ctx.words["nominal_of_cues"]:
        obj = next((c for c in syn.children[m.start] if syn.deps[c] in ("nmod", "acl") and c > nxt), None)
        if obj is not None:
            return (nxt + 1, syn.subtree(obj)[1]), "nominal-of"
    return None


def nominal_object(ctx: Context, st: SentenceState, m: Match, limit: int) -> Content | None:
    """``verb-nominal``: a verb whose object is someone's report, the content of that report
    ("I echoed the president's statement that crimes had been committed")."""
    reach = min(limit, m.end + ctx.limits["max_object_before_nominal"] + 1)
    nouns = frozenset(ctx.extra.category("nominal").cues)  # "warning" is matched as the verb "warn"
    for n in ctx.matches["cues"].get(st.n, ()):
        noun = category(ctx, n.label).get("part_of_speech") == "noun" or low(ctx, n.start) in nouns
        if m.end < n.start < reach and noun:
            found = nominal_content(ctx, st, n)
            if found is not None and found[1] == "nominal-that":
                return found[0][0], found[0][1], "verb-nominal"
    return None


# The forms of a content after the cue, in the order they are tried.
AFTER_CUE: tuple[Callable[[Context, SentenceState, Match, int], Content | None], ...] = (
    quantity,
    quotation,
    object_quotation,
    verb_as,
    that_or_question,
    nominal_object,
    gerund,
    infinitive,
    object_infinitive,
    noun_phrase_object,
    that_after_gap,
    zero_that,
)


def within_quotation(st: SentenceState, i: int, limit: int) -> int:
    """A nested cue's content ends with the quotation it stands in."""
    return min([limit] + [q.end for q in st.qs if q.start <= i < q.end])


def content_after(ctx: Context, st: SentenceState, m: Match) -> Content | None:
    """The content that follows a cue, as (start, end, rule), or None."""
    limit = within_quotation(st, m.start, clause_end(ctx, st, m.end) if m.end < st.b else m.end)
    if m.end >= limit:
        return None
    for form in AFTER_CUE:
        found = form(ctx, st, m, limit)
        if found is not None:
            return None if found is NO_CONTENT else found
    return None


def quote_after(ctx: Context, st: SentenceState, end: int, lemma: str) -> quotes.Quote | None:
    """A quotation that is the cue's whole content: right after the cue, after a colon or
    comma ('said: “...”'), or after a short recipient ('told the committee “...”'). A quotation
    further on sits inside a reported clause ('said her country was "ready to talk"'): mixed."""
    openers = {q.open: q for q in st.qs}
    stops = ctx.words["complementisers"] | ctx.words["question_words"]
    for k in range(end, min(st.b, end + ctx.limits["max_gap_before_quote"])):
        if k in openers:
            return openers[k] if quote_follows(ctx, end, k, lemma) else None
        if (ctx.tokens[k].is_punct and ctx.tokens[k].text not in {":", ","}) or low(ctx, k) in stops:
            return None
    return None


def quote_follows(ctx: Context, end: int, k: int, lemma: str) -> bool:
    """Is the quotation opening at ``k`` the cue's content: nothing between, a colon or comma
    before it, or a short recipient after a verb that takes one?"""
    gap = range(end, k)
    if not gap or ctx.tokens[k - 1].text in {":", ","}:
        return True
    return (
        lemma in ctx.words["recipient_verbs"]
        and len(gap) <= ctx.limits["max_recipient_tokens"]
        and not any(ctx.tokens[i].is_punct for i in gap)
    )


def quote_before(ctx: Context, st: SentenceState, cue: int) -> quotes.Quote | None:
    """A quotation that ends just before the cue or its source: '“...,” Lavrov said'."""
    for q in st.qs:
        if q.close is None or q.close >= cue:
            continue
        gap = list(range(q.close + 1, cue))
        if len(gap) > ctx.limits["max_gap_after_quote"] or any(ctx.tokens[i].is_quote for i in gap):
            continue
        if not gap or ctx.tokens[gap[0]].text == "," or ctx.tokens[q.close - 1].text in {",", "?", "!", "…"}:
            return q
    return None


def content_parsed(ctx: Context, st: SentenceState, m: Match) -> Content | None:
    """``verb-clause``: the clause the parser hangs from the cue, after it ("said on Tuesday
    that ...", "wants to ..."): a ``ccomp``, or an ``xcomp`` of a thought or intention verb."""
    deps = ("ccomp", "xcomp") if in_class(m.label, "clausal_object") else ("ccomp",)
    for c in ctx.syn.children[m.start]:
        if c >= m.end and ctx.syn.deps[c] in deps and c < st.b:
            lo = max(ctx.syn.subtree(c)[0], m.end)
            end = within_quotation(st, m.start, clause_end(ctx, st, lo))
            if end - lo >= 2:
                return lo, end, "verb-clause"
    return None


def kind(st: SentenceState, start: int, end: int) -> str:
    """``direct`` inside a quotation, ``mixed`` around one, else ``indirect``."""
    if any(q.start <= start and end <= q.end for q in st.qs):
        return DIRECT
    if any(start <= q.start and q.end <= end for q in st.qs):
        return MIXED
    return INDIRECT
