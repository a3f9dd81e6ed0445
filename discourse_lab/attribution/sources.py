"""Finding a relation's source: the noun phrase before the cue, after it, the sentence's subject,
or the cue's grammatical subject in the parse; and the name a source phrase gives.

Every function takes the document's :class:`~.context.Context` and the sentence's state, and
returns a token range ``(start, end)`` or None; none changes anything.
"""

from __future__ import annotations

from .context import Context, SentenceState, glued, is_cap, low, text_of


def walk_back(ctx: Context, st: SentenceState, cue: int, a: int) -> tuple[int, int] | None:
    """The noun phrase right before a cue: a pronoun, a capitalised name or a short phrase
    headed by a speaker noun. None when the word before is something else.

    >>> "Lavrov has also said" -> "Lavrov";  "the Foreign Ministry said" -> "the Foreign Ministry"
    """
    w = ctx.words
    j = cue - 1
    while j >= a and low(ctx, j) in w["skip_before_cue"]:
        j -= 1
    if j >= a and ctx.tokens[j].text == ",":
        return comma_source(ctx, st, j, a)
    if j < a or ctx.tokens[j].is_punct:
        return None
    if low(ctx, j) in w["source_pronouns"]:
        return j, j + 1
    if not (is_cap(ctx, j) or low(ctx, j) in w["speaker_nouns"]):
        return determined_subject(ctx, j, a)
    return phrase_start(ctx, j, a), j + 1


def phrase_start(ctx: Context, j: int, a: int) -> int:
    """Where the source phrase ending at ``j`` begins: back over at most ``max_source_words``
    words, stopping at punctuation (but for a possessive) and at a word that opens a clause."""
    w = ctx.words
    k = j
    while k - 1 >= a and j - (k - 1) < ctx.limits["max_source_words"]:
        prev = k - 1
        word = low(ctx, prev)
        if ctx.tokens[prev].is_punct and word not in w["possessive_markers"] and not glued(ctx, prev):
            break
        if word in w["clause_openers"] or word in w["skip_before_cue"] or word == "what":
            break
        k = prev
    while k < j and low(ctx, k) in w["clause_openers"]:
        k += 1
    return k


def comma_source(ctx: Context, st: SentenceState, comma: int, a: int) -> tuple[int, int] | None:
    """The subject of a sentence whose cue follows a phrase in commas ("S, X, said"), where S
    opens the sentence. When X is a participle or relative clause ("A diplomat, speaking on
    condition of anonymity, said"; "Farmers' unions in Norland, which ..., said"), S is the
    source: the finite cue has no other subject. When S and X are a name and a description
    (an apposition: "Norland's trade minister, Erik Vass, said" or the reverse), the span
    covers both and :func:`name` takes the name. Anything else gives None (no guess)."""
    first = next((i for i in range(comma - 1, a - 1, -1) if ctx.tokens[i].text == ","), None)
    start = subject_start(ctx, a, comma)
    if first is None or first + 1 >= comma or not 0 < first - start <= ctx.limits["max_subject_tokens"]:
        return None
    opener = low(ctx, first + 1)
    if opener in ctx.words["interrupter_openers"] or (opener.endswith(("ing", "ed")) and not is_cap(ctx, first + 1)):
        return start, first
    head = walk_back(ctx, st, first, a)
    if head is None or head[0] != start:
        return None
    if is_name(ctx, st, first + 1, comma) or (is_name(ctx, st, *head) and has_speaker_noun(ctx, first + 1, comma)):
        return start, comma
    return None


def determined_subject(ctx: Context, j: int, a: int) -> tuple[int, int] | None:
    """A determiner and one or two words that open the sentence and end right before the cue
    ("His colleague told", "The document said"): a finite cue needs a subject, and a
    determiner opens a noun phrase, so this is the source even without a speaker noun."""
    share = share_before(ctx, j, a)
    if share is not None:
        return share, j + 1
    start = subject_start(ctx, a, j + 1)
    comma = next((i for i in range(j, start - 1, -1) if ctx.tokens[i].is_punct), None)
    if comma is not None:  # "Reacting to criticism, the retired neurosurgeon acknowledged": after a fronted phrase
        if ctx.tokens[comma].text != ",":
            return None
        start = comma + 1
    opens = low(ctx, start) in ctx.words["determiners"] | ctx.words["possessive_determiners"]
    words_between = j - start
    if not opens or not 1 <= words_between <= ctx.limits["max_determined_subject_words"]:
        return None
    return start, j + 1


def share_before(ctx: Context, j: int, a: int) -> int | None:
    """Where a share ending at ``j`` begins ("while most of his competitors called for"): at the
    sentence's start, after punctuation or after a word that opens a clause."""
    w = ctx.words
    for k in range(j, max(a, j - ctx.limits["max_subject_tokens"]) - 1, -1):
        if ctx.tokens[k].is_punct:
            return None
        opens_here = k == a or ctx.tokens[k - 1].is_punct or low(ctx, k - 1) in w["clause_openers"]
        if opens_here and partitive(ctx, k, j):
            return k
    return None


def partitive(ctx: Context, start: int, j: int) -> bool:
    """A share of a group as the whole subject, right before the cue: "Some of the women",
    "one in five", "Nearly a third", "many of her aides" (a quantifier opens it, a noun or a
    number ends it, and no verb stands inside)."""
    w, tags = ctx.words, ctx.syn.tags
    k = start + (1 if low(ctx, start) in w["approximators"] else 0)
    k += 1 if k < j and low(ctx, k) in w["determiners"] else 0
    if k > j or low(ctx, k) not in w["quantifiers"] or j - start > ctx.limits["max_subject_tokens"]:
        return False
    if any(tags[i].startswith(("VB", "MD")) for i in range(start, j + 1)):
        return False
    return k == j or (low(ctx, k + 1) in w["partitive_links"] and tags[j] in ctx.tags["source"] | {"CD"})


def is_name(ctx: Context, st: SentenceState, s: int, e: int) -> bool:
    """A short run of capitalised words: a person's or a body's name ("Erik Vass")."""
    return 0 < e - s <= ctx.limits["max_name_words"] and all(is_cap(ctx, i) for i in range(s, e) if i != st.a)


def has_speaker_noun(ctx: Context, s: int, e: int) -> bool:
    return any(low(ctx, i) in ctx.words["speaker_nouns"] for i in range(s, e))


def subject_start(ctx: Context, a: int, b: int) -> int:
    """Where the subject begins: after a fronted adverbial ("Moreover, ..."), else at ``a``."""
    first = low(ctx, a)
    if first in ctx.words["fronted_adverbials"] or first in ctx.words["clause_openers"] or first.endswith("ly"):
        for k in range(a, min(b, a + ctx.limits["max_fronted_tokens"])):
            if ctx.tokens[k].text == ",":
                return k + 1
    return a


def subject(ctx: Context, a: int, b: int) -> tuple[int, int] | None:
    """The sentence's subject: the first noun phrase after a fronted adverbial."""
    w = ctx.words
    i = subject_start(ctx, a, b)
    if i >= b:
        return None
    if low(ctx, i) in w["source_pronouns"] and low(ctx, i) not in w["possessive_determiners"]:
        return i, i + 1
    k = i
    if low(ctx, k) in w["determiners"] | w["possessive_determiners"]:  # "Her deputy": a determiner, not a pronoun
        k += 1
    end = capitalised_run(ctx, k, b)
    if end > k:  # "A Marovian official": the capitalised words and the speaker noun they modify
        reach = min(b, end + ctx.limits["speaker_noun_after_name"])
        head = next((h for h in range(end, reach) if low(ctx, h) in w["speaker_nouns"]), None)
        return (i, head + 1) if head is not None else (i, end)
    for end in range(k, min(b, k + ctx.limits["max_subject_noun_offset"])):  # "the minister", "the interview"
        if low(ctx, end) in w["speaker_nouns"]:
            return i, end + 1
    return None


def capitalised_run(ctx: Context, k: int, b: int) -> int:
    """The end of a run of capitalised words from ``k``, joined by "of" or a possessive."""
    joiners = ctx.words["possessive_markers"] | {"of"}
    end = k
    while end < b and (is_cap(ctx, end) or (low(ctx, end) in joiners and end + 1 < b and is_cap(ctx, end + 1))):
        end += 1
    return end


def name(ctx: Context, st: SentenceState, np: tuple[int, int] | None) -> tuple[str | None, str]:
    """A source's name (None when unnamed) and the suffix saying how it was resolved.

    >>> "Lavrov" -> ("Lavrov", "");  "he" after Lavrov -> ("Lavrov", "+pronoun");  "officials" -> (None, "")
    """
    if np is None:
        return None, "+unresolved"
    s, e = np
    comma = next((i for i in range(s, e) if ctx.tokens[i].text == ","), None)
    if comma is not None:  # an apposition (see comma_source): the name is the capitalised part
        named, _ = name(ctx, st, (comma + 1, e) if is_name(ctx, st, comma + 1, e) else (s, comma))
        return named, "+apposition"
    words = [low(ctx, i) for i in range(s, e)]
    if len(words) == 1 and words[0] in ctx.words["source_pronouns"]:
        return (st.last_named, "+pronoun") if st.last_named else (None, "+unresolved")
    return plain_name(ctx, st, s, e, words), ""


def plain_name(ctx: Context, st: SentenceState, s: int, e: int, words: list[str]) -> str | None:
    """The name of a source phrase with no comma and no lone pronoun."""
    unnamed = ctx.words["unnamed_source_heads"]
    if partitive(ctx, s, e - 1):  # "Some of the women", "Nearly a third": a share, unnamed
        return None
    capitalised = any(is_cap(ctx, i) for i in range(s, e) if i != st.a)
    if not capitalised and any(w in unnamed for w in words):
        return None
    if words[-1] in unnamed:
        for i in range(s, e):  # "Lavrov's remarks" names Lavrov
            if low(ctx, i) in ctx.words["possessive_markers"] and i > s and is_cap(ctx, i - 1):
                return text_of(ctx, s, i)
        return None
    while s < e - 1 and low(ctx, s) in ctx.words["determiners"]:
        s += 1
    return text_of(ctx, s, e)


def bad_source(ctx: Context, np: tuple[int, int]) -> bool:
    """A source found by word order that cannot be one: it opens with a word of ``not_sources``
    ("And", "Even", "Sunday"), or it is one word not tagged as a noun or pronoun."""
    s, e = np
    while s < e and ctx.tokens[s].text.isspace():
        s += 1
    if s >= e:
        return True
    if partitive(ctx, s, e - 1):
        return False
    if low(ctx, s) in ctx.words["not_sources"]:
        return True
    # A capitalised word tagged as a finite verb right before the cue is a name the tagger
    # misread ("Rhodes noted"): two finite verbs do not stand side by side.
    misread_name = is_cap(ctx, s) and ctx.syn.tags[s] in ctx.tags["finite"]
    return e - s == 1 and ctx.syn.tags[s] not in ctx.tags["source"] and not misread_name


def parsed_source(ctx: Context, cue: int, a: int, b: int) -> tuple[int, int] | None:
    """The cue's grammatical subject from the parse: its ``nsubj``, or that of the verb it
    hangs from ("..., saying that": advcl, xcomp, conj); a relative pronoun ("who said")
    stands for the noun its clause modifies. The span runs from the subject's first word to
    its head, so appositions and relative clauses after the head are left out."""
    syn, k = ctx.syn, cue
    for _ in range(int(ctx.limits["max_parse_hops"])):
        subj = syn.child(k, "nsubj")
        if subj is not None:
            if low(ctx, subj) in ctx.words["relative_pronouns"] and syn.deps[k] in ("relcl", "acl:relcl"):
                subj = syn.heads[k]
            return subject_phrase(ctx, subj, cue, a, b)
        if syn.deps[k] not in ctx.tags["clause_link_deps"] or syn.heads[k] == k:
            return None
        k = syn.heads[k]
    return None


def subject_phrase(ctx: Context, subj: int, cue: int, a: int, b: int) -> tuple[int, int] | None:
    """The span of a parsed subject: from its first word (past punctuation and non-sources)
    to its head and the words fixed to it, or its whole phrase when it has dependents."""
    syn = ctx.syn
    lo, _ = syn.subtree(subj)
    lo = max(lo, a)
    while lo < subj and (
        ctx.tokens[lo].is_punct or ctx.tokens[lo].text.isspace() or low(ctx, lo) in ctx.words["not_sources"]
    ):
        lo += 1
    end = subj + 1
    while end < b and syn.heads[end] == subj and syn.deps[end] in ("flat", "compound", "fixed"):
        end += 1
    one_word = not syn.children[subj]
    if syn.tags[subj] not in ctx.tags["source"] or (one_word and low(ctx, subj) in ctx.words["not_sources"]):
        return None
    if not one_word:  # "Some of the women", "one in five": the whole phrase
        whole = syn.subtree(subj)[1]
        end = max(end, whole if whole <= cue else end)
    return lo, end


def after_cue(ctx: Context, i: int, b: int) -> tuple[int, int] | None:
    """A source right after the cue ("said Lavrov", "said the minister")."""
    w = ctx.words
    if i >= b:
        return None
    if low(ctx, i) in w["source_pronouns"]:
        return i, i + 1
    j = i
    if low(ctx, j) in w["determiners"]:
        j += 1
    # Up to three lower-case modifiers tagged as adjectives or nouns before a name
    # ("said former Gov. Bill Richardson", "said conservative activist Bob Klaus").
    k = j
    modifier_tags = ctx.tags["adjective"] | ctx.tags["noun"]
    while (
        k < min(b, j + ctx.limits["max_modifiers_before_name"])
        and not is_cap(ctx, k)
        and low(ctx, k) not in w["speaker_nouns"]
        and ctx.syn.tags[k] in modifier_tags
    ):
        k += 1
    if j < k < b and is_cap(ctx, k):
        j = k
    end = j
    while end < b and (
        is_cap(ctx, end) or low(ctx, end) in w["speaker_nouns"] or low(ctx, end) in w["source_modifiers"]
    ):
        end += 1
    return (i, end) if end > j else None
