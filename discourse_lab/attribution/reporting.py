"""Rule 4, reporting cues: a cue of ``reporting-verbs.yml`` or ``attribution-cues.yml`` that passes
every guard of :data:`~.guards.CUE_GUARDS`, with its content (after the cue, a quotation before
it, or the clause before it) and its source (the words before the cue, after it, or the parsed
subject)."""

from __future__ import annotations

from dataclasses import replace

from .. import quotes
from ..matching import Match
from .contents import Content, content_after, content_parsed, nominal_content, quote_after, quote_before
from .context import Context, SentenceState, category, clause_end, is_cap, low, reject, span, stance, with_cue
from .guards import USED_AS_NOUN, rejection
from .before_cue import as_clause, as_opener, content_before, relative_object
from .relations import Found, add, remember
from .sources import after_cue, bad_source, name, parsed_source, subject, walk_back

NO_QUOTATION = "reports speech only beside a quotation, and none is here"
NO_AS_CLAUSE = "reports wording only in a clause opened by 'as' ('as she put it')"
NO_CONTENT_REASON = "no content: the verb reports no words or view"
NO_NOMINAL_CONTENT = "a nominal cue with no that-clause or of-phrase after it"
REPORTS_NOTHING = "reports no content, so there is none to attribute"


def reporting_cues(ctx: Context, st: SentenceState) -> SentenceState:
    """4. Every cue of the sentence not used by an earlier rule, in order.

    >>> "Lavrov said that Moscow would consider any serious proposal."
    -> {"source": "Lavrov", "cue": "said", "type": "indirect", "rule": "verb-that"}
    >>> '"We will not be rushed," Lavrov said.'
    -> {"source": "Lavrov", "cue": "said", "content": "We will not be rushed", "type": "direct"}
    """
    for m in ctx.matches["cues"].get(st.n, ()):
        if not st.used.intersection(range(m.start, m.end)):
            before = st.last_named
            st = reporting_cue(ctx, st, m)
            if quotes.inside(m.start, st.qs):  # a nested source is no antecedent for the quoted speaker's "he"
                st = replace(st, last_named=before)
    return st


def reporting_cue(ctx: Context, st: SentenceState, m: Match) -> SentenceState:
    """One cue: rejected by a guard, or kept as a cue with the relation it makes."""
    reason = cue_rejection(ctx, st, m)
    if reason is not None:
        return as_noun(ctx, st, m) if reason == USED_AS_NOUN else reject(ctx, st, m.start, m.end, reason)
    cat = category(ctx, m.label)
    shown_as = stance(ctx, m.label)
    st = remember(ctx, st, walk_back(ctx, st, m.start, st.a))
    if cat.get("part_of_speech") == "noun":  # listed as a cue only with a content ("news conference": none)
        return nominal(ctx, st, m, shown_as)
    st = with_cue(ctx, st, m, shown_as)
    if not cat.get("reports_content", True):
        return reject(ctx, st, m.start, m.end, cat.get("no_content_reason", REPORTS_NOTHING))
    return verb_content(ctx, st, m, shown_as)


def verb_content(ctx: Context, st: SentenceState, m: Match, shown_as: str) -> SentenceState:
    """A verb cue's relation: an as-clause around it, a quotation before it, a content after it
    (or parsed from it), else a content before it."""
    cat = category(ctx, m.label)
    if as_opener(ctx, st, m) is not None and as_clause(ctx, st, m) is not None:
        return content_not_after(ctx, st, m, shown_as)  # "A, as X attested, B": before a quotation after it
    q = quote_before(ctx, st, m.start)
    after = content_after(ctx, st, m)
    if q is not None and (after is None or after[2] in ("verb-zero-that", "cue-quote")):
        return quote_then_cue(ctx, st, m, q, after, shown_as)
    if after is None and cat.get("content") != "object-as":  # "see" needs its "as"
        after = content_parsed(ctx, st, m)
    if after is None:
        return content_not_after(ctx, st, m, shown_as)
    return content_following(ctx, st, m, after, shown_as)


def cue_rejection(ctx: Context, st: SentenceState, m: Match) -> str | None:
    """Why the cue makes no relation: a guard's reason, or a verb that reports speech only
    beside a quotation ("spoke", "went on") with none before or after it; else None."""
    reason = rejection(ctx, st, m)
    if reason is None and category(ctx, m.label).get("content") == "as-clause":
        return None if as_opener(ctx, st, m) is not None else NO_AS_CLAUSE
    if reason is not None or category(ctx, m.label).get("content") != "quotation":
        return reason
    if quote_before(ctx, st, m.start) is None and quote_after(ctx, st, m.end, ctx.tokens[m.start].lemma) is None:
        return NO_QUOTATION
    return None


def quote_then_cue(ctx: Context, st: SentenceState, m: Match, q, after: Content | None, shown_as: str) -> SentenceState:
    """``quote-cue``: a quotation before the cue, '“...,” Lavrov said' or '“...,” said Lavrov'
    (``+inverted``), and ``split-quotation`` for '"A," Lavrov said, "B."'."""
    np, named, rule = walk_back(ctx, st, m.start, st.a), None, "quote-cue"
    if np is None or np[0] < q.outer[1]:
        np, rule = after_cue(ctx, m.end, st.b), "quote-cue+inverted"
        if np is None or ctx.tokens[m.start].lemma in ctx.words["recipient_verbs"] or bad_source(ctx, np):
            parsed = parsed_source(ctx, m.start, st.a, st.b)
            if parsed is not None:
                np, rule = parsed, "quote-cue+parsed"
        named = name(ctx, st, np)
        if named[1] == "+unresolved" and np is None:
            named = (None, "")
    st = add(ctx, st, Found(np, (m.start, m.end), (q.start, q.end), rule, shown_as, named))
    if after is not None and after[2] == "cue-quote":  # B has the same cue and source
        first = st.made[-1]
        how = first.rule[len(rule) :]  # the source span stays with the first part, shown once
        split = Found(None, (m.start, m.end), after[:2], "split-quotation", shown_as, (first.source, how))
        st = add(ctx, st, split)
    return st


def content_not_after(ctx: Context, st: SentenceState, m: Match, shown_as: str) -> SentenceState:
    """A cue with nothing to report after it: "As X observed, CONTENT" (``as-clause``),
    "CONTENT, officials said" (``clause-cue``), else rejected."""
    found = as_clause(ctx, st, m)
    if found is not None:
        np, content = found
        if category(ctx, m.label).get("content") == "as-clause":  # "as X put it": the quoted words
            q = next((q for q in reversed(st.qs) if content[0] <= q.start and q.end <= content[1]), None)
            content = content if q is None else (q.start, q.end)
        return add(ctx, st, Found(np, (m.start, m.end), content, "as-clause", shown_as))
    relative = relative_object(ctx, st, m)
    if relative is not None:
        return add(ctx, st, Found(relative[0], (m.start, m.end), relative[1], "relative-object", shown_as))
    before = content_before(ctx, st, m)
    if before is not None:
        np, content, rule = before
        return add(ctx, st, Found(np, (m.start, m.end), content, rule, shown_as))
    return read_without_content(ctx, reject(ctx, st, m.start, m.end, NO_CONTENT_REASON), m)


def content_following(ctx: Context, st: SentenceState, m: Match, after: Content, shown_as: str) -> SentenceState:
    """A content after the cue; the source before the cue, else the parsed subject
    (``+parsed``), else the sentence's subject (``+subject``: "..., revealing that")."""
    np = walk_back(ctx, st, m.start, st.a)
    if np is None and m.start - 1 > st.a and low(ctx, m.start - 1) in ctx.words["relative_pronouns"]:
        np = walk_back(ctx, st, m.start - 1, st.a)  # "businesses that warn": the noun the clause is about
    if np is not None and bad_source(ctx, np):
        np = None
    if np is not None:
        return add(ctx, st, Found(np, (m.start, m.end), after[:2], after[2], shown_as))
    parsed = parsed_source(ctx, m.start, st.a, st.b)
    np, suffix = (parsed, "+parsed") if parsed is not None else (subject(ctx, st.a, st.b), "+subject")
    if suffix == "+subject" and np is not None and bad_source(ctx, np):
        np = None
    source, how = name(ctx, st, np)
    return add(
        ctx, st, Found(np, (m.start, m.end), after[:2], after[2], shown_as, (source, suffix if how == "" else how))
    )


def read_without_content(ctx: Context, st: SentenceState, m: Match) -> SentenceState:
    """A cue that found no content is shown with its category's ``without_content`` stance:
    "Lavrov's remarks underscored Russia's engagement" presupposes nothing, since a factive
    needs a content, so it is the writer's evaluation (reporting-verbs.yml)."""
    other = category(ctx, m.label).get("without_content") if m.label in ctx.verbs.ids else None
    if other is None:
        return st
    where = span(ctx, m.start, m.end)
    for k in range(len(st.cues) - 1, -1, -1):
        if st.cues[k].span == where:
            cues = (*st.cues[:k], st.cues[k]._replace(stance=other), *st.cues[k + 1 :])
            return replace(st, cues=cues)
    return st


def nominal(ctx: Context, st: SentenceState, m: Match, shown_as: str) -> SentenceState:
    """``nominal-that`` / ``nominal-of``: a noun cue ("the allegations that ...", "his claim of
    fraud", "news that ..."); the source is its possessor, else no one named."""
    found = nominal_content(ctx, st, m)
    if found is None or found[0][1] - found[0][0] < 2:
        return possessed_nominal(ctx, st, m, shown_as) or reject(ctx, st, m.start, m.end, NO_NOMINAL_CONTENT)
    content, rule = found
    st = with_cue(ctx, st, m, shown_as)
    owner = ctx.syn.child(m.start, "nmod:poss")
    np = None if owner is None else (ctx.syn.subtree(owner)[0], owner + 1)
    return add(ctx, st, Found(np, (m.start, m.end), content, rule, shown_as, None if np else (None, "")))


def as_noun(ctx: Context, st: SentenceState, m: Match) -> SentenceState:
    """A verb cue used as a noun: a nominal cue with a that-clause when its form is one
    ("Karimova's warning, ..., that": "warning" is matched as the verb "warn"), one with an owner and a preposition
    ("Trump's attacks on"), else rejected."""
    found = nominal_content(ctx, st, m) if low(ctx, m.start) in ctx.extra.category("nominal").cues else None
    if found is not None and found[1] == "nominal-that":  # not "in charge of"
        return nominal(ctx, st, m, stance(ctx, "nominal"))
    return possessed_nominal(ctx, st, m, stance(ctx, m.label)) or reject(ctx, st, m.start, m.end, USED_AS_NOUN)


def possessor(ctx: Context, st: SentenceState, m: Match) -> tuple[int, int] | None:
    """The owner before a noun cue, past its adjectives: "Trump's (highly personal) attacks",
    "his support": a name or noun and the possessive clitic, or a possessive determiner."""
    j = m.start - 1
    while (
        j > st.a
        and m.start - j <= ctx.limits["max_modifiers_before_name"]
        and ctx.syn.tags[j] in ctx.tags["adjective"] | ctx.tags["adverb"]
    ):
        j -= 1
    if j < st.a:
        return None
    if low(ctx, j) in ctx.words["possessive_determiners"] - {"its", "my", "our", "your"}:
        return j, j + 1
    if low(ctx, j) not in ctx.words["possessive_markers"] or j <= st.a:
        return None
    np = walk_back(ctx, st, j, st.a)
    return None if np is None else (np[0], j)


def phrase_end(ctx: Context, st: SentenceState, start: int) -> int:
    """The end of the noun phrase from ``start``: before the clause's verb or a comma ("on
    Curiel | are unusual")."""
    end = clause_end(ctx, st, start)
    stops = ctx.tags["finite"] | {"MD"}
    return next((k for k in range(start, end) if ctx.syn.tags[k] in stops or ctx.tokens[k].text in {",", ";"}), end)


def possessed_nominal(ctx: Context, st: SentenceState, m: Match, shown_as: str) -> SentenceState | None:
    """``nominal-owned``: a cue used as a noun with its owner before it and a preposition after
    it ("Trump's attacks on Curiel", "his support for abortion rights", "the State Department's
    request for records"): the owner is the source, what follows the preposition the content.
    None when the cue is not used so."""
    e = m.end
    if e + 1 >= st.b or low(ctx, e) not in ctx.words["nominal_links"] or is_cap(ctx, m.start):
        return None
    if low(ctx, m.start) not in ctx.words["owned_nominal_cues"]:
        return None
    np = possessor(ctx, st, m)
    if np is None:
        return None
    end = phrase_end(ctx, st, e + 1)
    if end - (e + 1) < 1:
        return None
    named = None
    if np[1] - np[0] == 1 and low(ctx, np[0]) in ctx.words["possessive_determiners"]:  # "his": the last named
        named = (st.last_named, "+pronoun") if st.last_named else (None, "+unresolved")
    st = with_cue(ctx, st, m, shown_as)
    return add(ctx, st, Found(np, (m.start, m.end), (e + 1, end), "nominal-owned", shown_as, named))
