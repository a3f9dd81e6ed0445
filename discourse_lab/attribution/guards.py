"""The guards a reporting cue must pass before it makes a relation, as one table.

Each guard is a function ``guard(ctx, st, m) -> bool`` that is True when the cue must be rejected;
:data:`CUE_GUARDS` pairs each with the reason a student reads (``AttributionResult.rejected``),
in the order they are tried.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import quotes
from ..matching import Match
from .context import Context, SentenceState, category, in_class, is_cap, low


def fixed_phrase(ctx: Context, st: SentenceState, m: Match) -> bool:
    """ "That said, ...", "needless to say": a cue inside a fixed phrase of ``non_attributive_phrases``."""
    return bool(st.traps.intersection(range(m.start, m.end)))


def inside_quotation(ctx: Context, st: SentenceState, m: Match) -> bool:
    """'"They say the talks failed," he said': "say" is the speaker's word, not a report; but
    a verb of saying with a source of its own, named or a speaker noun, reports a nested
    attribution ('"The minister told us the talks had failed," the envoy said')."""
    return quotes.inside(m.start, st.qs) and not nested_in_quotation(ctx, st, m)


def nested_in_quotation(ctx: Context, st: SentenceState, m: Match) -> bool:
    """A finite verb of saying (reporting-verbs.yml) right after a name or a speaker noun inside a
    quotation ("The minister told us", not "Bernie Sanders announcing")."""
    if m.label not in ctx.verbs.ids or not category(ctx, m.label).get("reports_content", True):
        return False
    j = m.start - 1
    while j > st.a and low(ctx, j) in ctx.words["skip_before_cue"]:
        j -= 1
    if j <= st.a or not quotes.inside(j, st.qs) or ctx.syn.tags[j] not in ctx.tags["noun"]:
        return False
    finite = ctx.syn.tags[m.start] in ctx.tags["finite"] or low(ctx, m.start) != ctx.tokens[m.start].lemma
    return (
        finite
        and not low(ctx, m.start).endswith("ing")
        and (is_cap(ctx, j) or low(ctx, j) in ctx.words["speaker_nouns"])
    )


def noun_by_position(ctx: Context, st: SentenceState, m: Match) -> bool:
    """ "her newly-announced running mate", "the claims", a cue opening the sentence: a noun."""
    a = st.a
    prev = low(ctx, m.start - 1) if m.start > a else ""
    if prev == "-" and not ctx.tokens[m.start - 1].whitespace:
        return True
    if prev in ctx.words["quantifiers"] and ctx.syn.tags[m.start] in ctx.tags["finite"]:
        return False  # "Some said", "Many say": a share as subject, then the verb
    return prev in ctx.words["nominal_before"] or m.start == a or (m.start == a + 1 and ctx.tokens[a].is_quote)


def noun_first_form(ctx: Context, st: SentenceState, m: Match) -> bool:
    """ "state funding", "the jobs report": the bare form of a ``noun_first_cues`` word is a noun
    unless a verb must stand there (after "to", a modal, a subject pronoun or a comma)."""
    i, w = m.start, ctx.words
    if m.end - m.start != 1 or low(ctx, i) not in w["noun_first_cues"]:
        return False
    before = low(ctx, i - 1) in w["verb_before_cue"] | w["subject_pronouns"] or ctx.tokens[i - 1].text in {",", ";"}
    return not before


def tagged_noun(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Tagged a noun in a noun phrase ("Islamic State", "the report", "Trump's claims"); the tag
    alone is not trusted after "to" or a modal, where a verb must follow."""
    tags, i, t = ctx.syn.tags, m.start, ctx.tags
    if tags[i] not in t["noun"] or tags[i - 1] in {"TO", "MD"}:
        return False
    in_phrase = is_cap(ctx, i) or tags[i - 1] in t["noun_context"] or ctx.syn.deps[i] in t["nominal_deps"]
    return in_phrase and ctx.syn.child(i, "nsubj") is None and ctx.syn.deps[i] != "ROOT"


def not_a_verb(ctx: Context, st: SentenceState, m: Match) -> bool:
    """A verb cue used as a noun or a modifier: "the claims", "Russian-backed", "the outlined plan"."""
    if category(ctx, m.label).get("part_of_speech") == "noun":
        return False
    if noun_by_position(ctx, st, m):
        return True
    if verb_here(ctx, st, m):
        return False
    if noun_first_form(ctx, st, m) or tagged_noun(ctx, st, m):
        return True
    tags, i = ctx.syn.tags, m.start
    if tags[i] in ctx.tags["adjective"] and ctx.syn.deps[i] == "amod" and tags[i - 1] in ctx.tags["noun_context"]:
        return True  # "the outlined plan"
    # A participle that modifies a noun ("Russian-backed", "the claims made"): not a report.
    return category(ctx, m.label).get("part_of_speech") == "verb" and ctx.syn.deps[m.start] in ("amod", "compound")


def headline_verb(ctx: Context, st: SentenceState, m: Match) -> bool:
    """An inflected cue in a headline set in title case ("Carly Fiorina Endorses Ted Cruz"),
    after a capitalised word: there every word is capitalised, so the tagger reads them all as
    names, but an inflected form after a name is the verb."""
    words = [i for i in range(st.a, st.b) if ctx.tokens[i].text[:1].isalpha()]
    if len(words) < ctx.limits["min_headline_words"]:
        return False
    if sum(is_cap(ctx, i) for i in words) < ctx.limits["headline_capitalised_share"] * len(words):
        return False
    i = m.start
    inflected = low(ctx, i) != ctx.tokens[i].lemma and low(ctx, i).endswith(("s", "ed", "old", "aid"))
    return inflected and i > st.a and is_cap(ctx, i - 1)


def verb_by_position(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Word order that only a verb fits, whatever the tagger says: a name or pronoun before
    the cue and "that" or a subject pronoun after it ("economists warn that", "analysts
    predict they will"), or a name right before a cue that ends the sentence ("...,
    Blackwell maintains."). The tagger, trained on little data, reads such verbs as nouns."""
    i, e, w = m.start, m.end, ctx.words
    if i <= st.a:
        return False
    pronoun_before = low(ctx, i - 1) in w["subject_pronouns"]
    subject_before = (is_cap(ctx, i - 1) and i - 1 != st.a) or pronoun_before or ctx.syn.tags[i - 1] in {"NNS", "NNPS"}
    if not subject_before or ctx.tokens[i - 1].is_punct:
        return False
    if pronoun_before:  # "It plans to ...": a subject pronoun before a noun is no determiner
        return True
    if is_cap(ctx, i) or (low(ctx, i) in w["noun_first_cues"] and not is_cap(ctx, i - 1)):
        return False  # "the Islamic State that ...", "a savings plan that ...": a noun after all
    if e < st.b and (low(ctx, e) in w["complementisers"] or low(ctx, e) in w["subject_pronouns"]):
        return True
    return is_cap(ctx, i - 1) and (e >= st.b or ctx.tokens[e].text in w["sentence_end"])


def verb_here(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Word order that makes the cue a verb whatever the tagger says."""
    return verb_by_position(ctx, st, m) or headline_verb(ctx, st, m) or agreeing_verb(ctx, st, m)


def agreeing_verb(ctx: Context, st: SentenceState, m: Match) -> bool:
    """A singular noun, then the cue in its -s form, then "that" ("the government assesses
    that"): the verb agreeing with its subject. The bare nouns of ``noun_first_cues`` ("the
    fraud claims that") stay nouns."""
    i, e, w = m.start, m.end, ctx.words
    if ctx.syn.tags[i - 1] != "NN" or m.end - m.start != 1 or e >= st.b:
        return False
    word = low(ctx, i)
    return word.endswith("s") and word not in w["noun_first_cues"] and low(ctx, e) in w["complementisers"]


def not_a_finite_verb(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for the classes of attribution-cues.yml: their verbs must be tagged as verbs
    ("back" the adverb is no cue), and as finite verbs where the class says ``finite_only``."""
    if m.label not in ctx.extra.ids or category(ctx, m.label).get("part_of_speech") != "verb":
        return False
    if verb_here(ctx, st, m):
        return False
    tag = ctx.syn.tags[m.start]
    if category(ctx, m.label).get("finite_only"):
        return tag not in ctx.tags["finite"] and not (tag.startswith("VB") and after_auxiliary(ctx, st, m.start))
    return not tag.startswith("VB")


def after_auxiliary(ctx: Context, st: SentenceState, i: int) -> bool:
    """A participle or bare verb after an auxiliary of tense or a modal, adverbs between: a finite
    verb phrase ("has endorsed", "did support", "have vehemently opposed", "had previously backed")."""
    j = i - 1
    while j > st.a and ctx.syn.tags[j] in ctx.tags["adverb"] and i - j <= ctx.limits["max_adverbs_after_auxiliary"]:
        j -= 1
    if j < st.a or low(ctx, j) not in ctx.words["finite_auxiliaries"]:
        return False
    # "a developer who had supported Rubio": a stance in a relative clause describes someone
    # (as nested_thought says of thoughts), and its source is no more than the pronoun.
    return j == st.a or low(ctx, j - 1) not in ctx.words["relative_pronouns"]


def not_a_noun(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for nominal cues: tagged as a noun, and not part of a name ("Fox News")."""
    if category(ctx, m.label).get("part_of_speech") != "noun":
        return False
    return ctx.syn.tags[m.start] not in ctx.tags["noun"] or (m.start > st.a and is_cap(ctx, m.start))


def negated(ctx: Context, st: SentenceState, m: Match) -> bool:
    """ "did not say", "declined to comment": the saying did not happen."""
    start = max(st.a, m.start - ctx.limits["negation_window"])
    window = [ctx.tokens[i].lemma for i in range(start, m.start)]
    if "not" in window or "never" in window:
        return True
    return any(" ".join(window[i : i + 2]) in ctx.words["negators"] for i in range(len(window) - 1))


def passive(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for the classes of attribution-cues.yml ("is expected to", "was planned")."""
    return m.label in ctx.extra.ids and ctx.syn.child(m.start, "aux:pass", "nsubj:pass") is not None


def first_person(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for the classes of attribution-cues.yml that are not speech: a thought cue with "I",
    "we" or "you" as subject is a speaker talking (in a transcript or a quotation), not a
    report; a verb of saying is a report whoever its subject ("I echoed the statement that")."""
    if m.label not in ctx.extra.ids or category(ctx, m.label).get("parc_type") == "speech":
        return False
    subj = ctx.syn.child(m.start, "nsubj")
    return subj is not None and low(ctx, subj) in ctx.words["first_person"]


def nested_thought(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for thought, intention, support and opposition cues: one inside the content of a relation already
    made in the sentence ("said he believes ...") is part of that report, and a thought or
    wish in a relative clause ("Republicans who want to win") describes someone rather than
    reports. Support and opposition there still report a stance ("a PAC that backed Rubio")."""
    if not in_class(m.label, "nesting"):
        return False
    cs, ce = ctx.view.char_span(m.start, m.end)
    subj = ctx.syn.child(m.start, "nsubj")
    if any(r.content_span and r.content_span.start <= cs and ce <= r.content_span.end for r in st.made):
        # "said he believes": the same speaker's report; "announce that the government
        # assesses that": a nested thought of another source, reported as its own relation
        # (a nested wish or stance, "found Democrats favored Clinton", stays part of the report:
        # PolNeAR's annotators leave those out).
        return not (m.label == "thought" and nested_source(ctx, st, m))
    return (
        in_class(m.label, "clausal_object")
        and ctx.syn.deps[m.start] in ("acl:relcl", "relcl")
        and subj is not None
        and ctx.syn.tags[subj] in {"WP", "WDT"}
    )


def nested_source(ctx: Context, st: SentenceState, m: Match) -> bool:
    """A source of its own right before a cue nested in another report: a name, or a noun
    phrase headed by a speaker noun ("that the government assesses"); not a pronoun, the same
    speaker ("said he believes"), nor a thing ("that the figures favoured")."""
    j = m.start - 1
    if j <= st.a or ctx.syn.tags[j] not in ctx.tags["noun"] or low(ctx, j) in ctx.words["subject_pronouns"]:
        return False
    if not (is_cap(ctx, j) or low(ctx, j) in ctx.words["speaker_nouns"]):
        return False
    k = j - 1
    while k > st.a and ctx.syn.tags[k] in ctx.tags["noun"] | ctx.tags["adjective"]:
        k -= 1
    return low(ctx, k) in ctx.words["determiners"] | ctx.words["possessive_determiners"] or is_cap(ctx, k + 1)


def named_thing(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for verbs of naming: right after a singular common noun or "so" the participle
    names the thing ("a formula called ..."); a speaker before it is a name, a pronoun or a
    plural ("critics called it ...")."""
    if category(ctx, m.label).get("content") != "object-quotation" or m.start <= st.a:
        return False
    prev = ctx.tokens[m.start - 1]
    word = prev.text.lower()
    if word == "so":
        return True
    singular = not word.endswith("s") or word.endswith("ss")
    pronoun = word in ctx.words["subject_pronouns"] | ctx.words["source_pronouns"]
    return prev.text.isalpha() and prev.text.islower() and singular and not pronoun


def not_evidence(ctx: Context, st: SentenceState, m: Match) -> bool:
    """ "show" or "find" reports evidence only with a poll, a study or a document as its subject."""
    subjects = category(ctx, m.label).get("subjects")
    if not subjects:
        return False
    subj = ctx.syn.child(m.start, "nsubj")
    near = set(range(max(st.a, m.start - ctx.limits["evidence_subject_window"]), m.start))
    if subj is not None:
        near.update(range(*ctx.syn.subtree(subj)))
    return not any(ctx.tokens[i].lemma in subjects for i in near)


def needs_a_clause(ctx: Context, st: SentenceState, m: Match) -> bool:
    """Only for the verbs of ``clause_only_cues``: "aim", "maintain", "respond", "attack" and
    "establish" report only with a clause, a quotation or nothing after them ("maintained that
    ...", '"...," he maintained', "aims to"). With an object or a phrase after them they name an
    act: "rounds aimed at a mast", "would attack any ships", "have maintained a policy"."""
    if ctx.tokens[m.start].lemma not in ctx.words["clause_only_cues"] or m.end >= st.b:
        return False
    nxt = ctx.tokens[m.end]
    if nxt.is_punct or nxt.is_quote or low(ctx, m.end) in ctx.words["clause_only_openers"]:
        return False
    if ctx.tokens[m.start].lemma in ctx.words["explicit_clause_cues"]:
        return True  # "establishes the strongest form ... the council can create": no bare clause
    return ctx.syn.child(m.start, "ccomp", "xcomp", "parataxis") is None


USED_AS_NOUN = "used as a noun, not a verb of saying"
Guard = Callable[[Context, SentenceState, Match], bool]

# The guards in the order they are tried, each beside the reason a student reads when it rejects a cue.
CUE_GUARDS: tuple[tuple[Guard, str], ...] = (
    (fixed_phrase, "part of a fixed phrase that reports no one"),
    (inside_quotation, "inside a quotation: the speaker's words, not a report"),
    (not_a_verb, USED_AS_NOUN),
    (not_a_finite_verb, "not a verb here, or not a finite one where an actual stance is needed"),
    (not_a_noun, "not used as a noun here, so not a nominal cue"),
    (negated, "negated: the saying did not happen"),
    (passive, "passive: its subject is not the one who thinks or wants it"),
    (first_person, "'I think', 'you know': the speaker's own words, not a report"),
    (
        nested_thought,
        "a thought inside what someone is reported to say ('said he believes'), or a thought or wish in a "
        "relative clause that describes someone",
    ),
    (named_thing, "'a class called \"Perception\"', 'so-called': the name of a thing, not someone's words"),
    (not_evidence, "'show' or 'find' reports evidence only with a poll, a study or a document as its subject"),
    (needs_a_clause, "'aimed at', 'attack any ships', 'maintained a policy': with an object this verb reports nothing"),
)


def rejection(ctx: Context, st: SentenceState, m: Match) -> str | None:
    """The reason of the first guard that rejects the cue, or None when it passes them all."""
    return next((why for guard, why in CUE_GUARDS if guard(ctx, st, m)), None)
