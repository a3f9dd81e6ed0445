"""The rules that need no verb of saying, and :data:`RULES`, the ordered table of every rule.

Each rule is a function ``rule(ctx, st) -> SentenceState`` over the document's context and one
sentence's state; it returns the state with what it found added. Tokens a rule uses as its cue
are not used again by a later rule.
"""

from __future__ import annotations

from collections.abc import Callable
from .. import quotes
from ..matching import Match
from .context import Context, SentenceState, clause_end, low, reject, text_of, use, with_cue
from .quotations import quotations_left
from .relations import Found, add
from .reporting import content_following, reporting_cues
from .sources import walk_back


def passive_quoted(ctx: Context, st: SentenceState) -> SentenceState:
    """1. "X was quoted as saying (that) ...": the source stands before the passive cue.

    >>> "Novak was quoted as saying that supplies would resume."
    -> {"source": "Novak", "cue": "was quoted as saying", "content": "supplies would resume", "rule": "passive-quoted"}
    """
    for m in ctx.matches["passive"].get(st.n, ()):
        np = walk_back(ctx, st, m.start, st.a)
        c0 = m.end + (1 if m.end < st.b and low(ctx, m.end) == "that" else 0)
        end = clause_end(ctx, st, c0)
        if end > c0:
            st = add(ctx, st, Found(np, (m.start, m.end), (c0, end), "passive-quoted", "neutral"))
            st = use(st, m.start, m.end)
    return st


def according_to(ctx: Context, st: SentenceState) -> SentenceState:
    """2. "According to X, ..." / "..., according to X": no verb; "according to plan" and the
    other ``according_to_non_sources`` are no source.

    >>> "According to the Foreign Ministry, the delegation will arrive."
    -> {"source_span": "the Foreign Ministry", "source_kind": "named-organisation", "cue": "According to"}
    >>> "The meeting was postponed, according to Ambassador Lindqvist."
    -> {"source": "Ambassador Lindqvist", "content": "The meeting was postponed", "rule": "according-to"}
    """
    for m in ctx.matches["according"].get(st.n, ()):
        st = according_to_one(ctx, use(st, m.start, m.end), m)
    return st


def according_source_end(ctx: Context, st: SentenceState, m: Match) -> int:
    """The end of the source after "according to": the next comma or the sentence's end."""
    x1 = m.end
    stops = {","} | ctx.words["sentence_end"]
    while x1 < st.b and ctx.tokens[x1].text not in stops:
        x1 += 1
    return x1


def according_content(ctx: Context, st: SentenceState, m: Match, x1: int) -> tuple[int, int] | None:
    """The content of "according to X" ending at ``x1``: after it ("According to X, CONTENT."),
    before it ("CONTENT, according to X."), around it ("The talks, according to X, will
    resume.") or, after a relative pronoun, the relative clause alone: in "a policy which,
    according to AFP, the UN has criticised" the main clause is the writer's."""
    has_comma = x1 < st.b and ctx.tokens[x1].text == ","
    if m.start <= st.a + 1:  # "According to X, CONTENT."
        return (x1 + 1, clause_end(ctx, st, x1 + 1)) if has_comma else None
    comma_before = ctx.tokens[m.start - 1].text == ","
    rest = clause_end(ctx, st, x1 + 1) if has_comma else x1
    if comma_before and rest - (x1 + 1) >= ctx.limits["min_interposed_tail"]:
        opener = low(ctx, m.start - 2) if m.start - 2 >= st.a else ""
        relative = opener in ctx.words["relative_pronouns"] | ctx.words["complementisers"]
        return (x1 + 1, rest) if relative else (st.a, rest)
    return st.a, m.start - 1 if comma_before else m.start


def according_to_one(ctx: Context, st: SentenceState, m: Match) -> SentenceState:
    x0, x1 = m.end, according_source_end(ctx, st, m)
    if x1 == x0:
        return st
    x_text = text_of(ctx, x0, x1).lower()
    first_words = [w for w in x_text.split() if w not in ctx.words["determiners"]]
    non_sources = ctx.words["according_to_non_sources"]
    if any(x_text.startswith(p) for p in non_sources) or (first_words and first_words[0] in non_sources):
        return reject(ctx, st, m.start, x1, "according to a plan or rule, not a source")
    content = according_content(ctx, st, m, x1)
    if not content or content[1] <= content[0]:
        return reject(ctx, st, m.start, x1, "no content")
    return add(ctx, st, Found((x0, x1), (m.start, m.end), content, "according-to", "neutral"))


def colon_source(ctx: Context, st: SentenceState) -> SentenceState:
    """3. "NAME: CONTENT" opening a sentence (a headline, a transcript): the colon is the cue.

    >>> "Graham: Trump's rhetoric is hateful"
    -> {"source": "Graham", "cue": ":", "content": "Trump's rhetoric is hateful", "rule": "colon-source"}
    """
    a, b, lim = st.a, st.b, ctx.limits
    colon = next((i for i in range(a + 1, min(b, a + lim["max_colon_position"])) if ctx.tokens[i].text == ":"), None)
    if colon is None or quotes.inside(colon, st.qs) or colon - a > lim["max_colon_name_words"]:
        return st
    if not all(ctx.syn.tags[i] in {"NNP", "NNPS"} or ctx.tokens[i].text in {".", "-"} for i in range(a, colon)):
        return st
    if (
        any(low(ctx, i) in ctx.words["colon_cues"] for i in range(a, colon))
        or ctx.syn.tags[colon - 1] not in ctx.tags["source"]
    ):
        return st
    end = clause_end(ctx, st, colon + 1) if colon + 1 < b else colon + 1
    if sum(1 for i in range(colon + 1, end) if not ctx.tokens[i].is_punct) < lim["min_colon_content_words"]:
        return st
    st = with_cue(ctx, use(st, colon, colon + 1), Match("colon", colon, colon + 1), "neutral")
    return add(ctx, st, Found((a, colon), (colon, colon + 1), (colon + 1, end), "colon-source", "neutral"))


def renewed_call(ctx: Context, st: SentenceState) -> SentenceState:
    """4a. "Iran repeated its call for X to ...", "Ministers Renew Demand Sanctions Be Lifted":
    a verb of renewing (``renewal_verbs``) and a noun of request or warning (``renewed_nouns``)
    make one cue; the content is what follows, the source the verb's subject.

    >>> "Iran on Monday repeated its call for the United States to lift sanctions."
    -> {"source": "Iran", "cue": "repeated its call for", "content": "the United States to lift sanctions"}
    """
    w = ctx.words
    for i in range(st.a, st.b - 2):
        if ctx.tokens[i].lemma not in w["renewal_verbs"] or i in st.used or quotes.inside(i, st.qs):
            continue
        k = i + 1 + (1 if low(ctx, i + 1) in w["possessive_determiners"] else 0)
        if k >= st.b or ctx.tokens[k].lemma not in w["renewed_nouns"]:
            continue
        e = k + 1 + (1 if k + 1 < st.b and low(ctx, k + 1) in w["renewed_noun_links"] else 0)
        end = clause_end(ctx, st, e) if e < st.b else e
        if sum(1 for j in range(e, end) if not ctx.tokens[j].is_punct) >= 2:
            m = Match("directive", i, e)
            st = use(with_cue(ctx, st, m, "directive"), i, e)
            st = content_following(ctx, st, m, (e, end, "renewed-call"), "directive")
    return st


def hedged_source(ctx: Context, st: SentenceState) -> SentenceState:
    """5. "reportedly", "it is understood that", "is said to", "is expected to": source null.

    >>> "The minister reportedly left the summit early."
    -> {"source": None, "source_kind": "none", "cue": "reportedly", "rule": "hedged-source"}
    """
    covered = [r.content_bounds for r in st.made]
    for m in ctx.matches["hedged"].get(st.n, ()):
        cs, ce = ctx.view.char_span(m.start, m.end)
        if any(s <= cs and ce <= e for s, e in covered) or quotes.inside(m.start, st.qs):
            continue
        if m.start <= st.a + 1 or low(ctx, m.start) == "it":
            c0 = m.end + (1 if m.end < st.b and low(ctx, m.end) in {"that", ","} else 0)
        else:
            c0 = st.a
        content = (c0, clause_end(ctx, st, c0))
        st = add(ctx, st, Found(None, (m.start, m.end), content, "hedged-source", "tentative", named=(None, "")))
    return st


Rule = Callable[[Context, SentenceState], SentenceState]

# The rules, in the order they are applied to each sentence.
RULES: tuple[Rule, ...] = (
    passive_quoted,
    according_to,
    colon_source,
    renewed_call,
    reporting_cues,
    hedged_source,
    quotations_left,
)


def apply_rules(ctx: Context, st: SentenceState) -> SentenceState:
    """Every rule of :data:`RULES`, in order, each on the state the one before returned."""
    for rule in RULES:
        st = rule(ctx, st)
    return st
