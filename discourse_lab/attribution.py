"""Attribution relations: who is reported (source), by what words (cue), saying what (content).

The model is PARC's (Pareti 2016): a relation has a source, a cue and a content span, and here a
type — ``direct`` (the content is a quotation), ``indirect`` (a reported clause with no quotation
marks) or ``mixed`` (a paraphrase carrying a quoted fragment). Every relation names the rule that
produced it, so a student can check the reasoning; the shape of the rules follows textacy's
``extract.triples`` (named tuples of speaker, cue, content; word lists kept as data).

Rules, tried in this order on each sentence:

* ``passive-quoted``: "X was quoted as saying (that) ..." — source before the cue.
* ``according-to``: "According to X, ..." / "..., according to X" — no verb; "according to plan"
  and the other non-sources in ``attribution-rules.yml`` are rejected.
* a reporting verb or phrase from ``reporting-verbs.yml`` with a content:
  ``verb-that`` (that-clause), ``verb-question`` (whether/if), ``verb-as`` ("described ... as X"),
  ``verb-object`` (a noun-phrase content after "outline", "accuse", ...), ``verb-zero-that``
  ("said Russia would ..."), ``quote-cue`` (a quotation before the cue) and ``cue-quote`` (right
  after it, or after a colon, a comma or a short recipient: a quotation further into a reported
  clause makes the clause mixed, "said her country was "ready to talk""); ``split-quotation`` for
  the second part of a quotation its cue interrupts ('"A," Lavrov said, "B."'), with the same
  source and cue. Verbs that name a topic only ("addressed", "discussed") never make a relation.
* ``hedged-source``: "reportedly", "it is understood that", "is said to" — source null.
* ``continuing-quotation``: a quotation with no cue of its own that continues the previous
  speaker — cue null. A quotation that a relation of the same sentence already covers is never
  reported again as a continuation.

Suffixes on the rule say how the source was found: ``+inverted`` (after the cue: "said Lavrov"),
``+subject`` (the sentence's subject, for "..., revealing that" or "only to accuse"),
``+apposition`` (the name in "Norland's trade minister, Erik Vass, said"), ``+pronoun`` (a
pronoun resolved to the nearest earlier named source), ``+unresolved``. A noun phrase before the
cue always wins over pronoun resolution: "Her deputy said" names the deputy, because "her"
first in a sentence is a determiner, not a subject.

Quotations that no relation covers are reported separately as scare quotes. Cues that were
found but made no relation are kept with the reason (negated, a noun, a fixed phrase such as
"that said", inside a quotation, topic only, no content).

What the rules cannot do: there is no parser, so a source is found by walking back from the cue
over a capitalised name, a pronoun or a short noun phrase headed by a speaker noun (a role not in
``speaker_nouns``, "her colleague", is not found), and a content runs from its first word to the
end of the clause (the sentence, or a comma before a participle). A phrase in commas between the
source and its cue is understood only when it is an apposition of a name and a description, or
opens with a participle or a relative pronoun, and the source opens the sentence. Discontinuous
contents (a split quotation gives two relations), a quotation that runs over several sentences
before its cue, and sources far from their cue defeat the rules; the book shows their errors on
the seed article and on the lesson 8 example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from . import lexicons, matching, quotes
from .matching import DocView, Match

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"

# A word before a cue that makes the cue a noun ("the claims", "Russia's claims").
NOMINAL_BEFORE = frozenset(
    "the a an this that these those his her its their our my your 's ’s such any no some every each "
    "several many new recent latest earlier previous repeated false".split()
)
# Words that may open a sentence before its subject, ended by a comma ("Moreover, Lavrov ...").
FRONTED = frozenset(
    "moreover however additionally meanwhile furthermore also earlier later separately still yet "
    "instead nevertheless nonetheless besides indeed then now today yesterday finally first second "
    "overall similarly likewise thus therefore".split()
)
COMPLEMENTISERS = frozenset({"that"})
QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "when", "what", "who", "where"})
# Verbs that take a recipient before their content ("told reporters that").
RECIPIENT_VERBS = frozenset({"tell", "assure", "inform", "warn", "remind", "promise", "notify", "convince", "urge"})
DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE = frozenset({"'s", "’s"})
ADVERBS = frozenset("once again repeatedly also earlier later publicly firmly".split())
# Closed class of auxiliaries and common finite verbs: the sign of a bare reported clause.
AUXILIARIES = frozenset(
    "is are was were will would could can should must might may had has have did does do "
    "remains remain remained wants wanted needs needed".split()
)
# -ing words that are prepositions, so a comma before them does not end the clause.
ING_PREPOSITIONS = frozenset("including regarding concerning following excluding notwithstanding".split())
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…"})
# Longest subject phrase taken whole before a phrase in commas ("Farmers' unions in Norland, which ...").
MAX_SUBJECT_TOKENS = 7
# Words after a cue that show it has no clausal content ("said on Friday.", "said nothing").
NOT_A_CLAUSE_START = frozenset(
    "on in at during for to from with about of by after before nothing little much so yes no "
    "again too also earlier later yesterday today".split()
)


class Span(NamedTuple):
    """Characters [start, end) of ``Document.text`` and the text they hold."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """One attribution relation. ``source`` is None when no one is named, ``cue`` None for a
    continuing quotation; ``rule`` names the rule that produced it."""

    sentence: str
    source: str | None
    cue: str | None
    content: str
    type: str
    rule: str
    stance: str | None = None
    source_span: Span | None = field(default=None, compare=False)
    cue_span: Span | None = field(default=None, compare=False)
    content_span: Span | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence, "source": self.source, "cue": self.cue,
            "content": self.content, "type": self.type, "rule": self.rule,
        }


class Cue(NamedTuple):
    """A reporting verb or phrase found in the text, with its stance category."""

    sentence: str
    text: str
    stance: str
    span: Span

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "text": self.text, "stance": self.stance}


class ScareQuote(NamedTuple):
    """Quotation marks that no attribution relation accounts for."""

    sentence: str
    text: str
    rule: str
    span: Span

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "text": self.text, "rule": self.rule}


class Rejection(NamedTuple):
    """A cue that made no relation, and why."""

    sentence: str
    text: str
    reason: str

    def to_dict(self) -> dict:
        return self._asdict()


@dataclass
class AttributionResult:
    attributions: list[Attribution] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


class _Finder:
    """The rules applied to one document; state is the last named speaker (for pronouns)."""

    def __init__(self, view: DocView):
        self.view = view
        self.tokens = view.tokens
        self.lists = lexicons.attribution_lists()
        self.verbs = lexicons.reporting_verbs()
        self.result = AttributionResult()
        self.last_named: str | None = None
        self.sentence_start = -1
        self.previous_speaker: str | None = None  # speaker of a direct/mixed quote in the last sentence
        matches = matching.find(view, self.verbs)
        self.cue_matches = self._by_sentence(matches)
        self.passive = self._by_sentence(matching.find_phrases(view, "passive", lexicons.attribution_phrases("passive_cues")))
        self.hedged = self._by_sentence(matching.find_phrases(view, "hedged", lexicons.attribution_phrases("hedged_sources")))
        self.traps = self._by_sentence(
            matching.find_phrases(view, "trap", lexicons.attribution_phrases("non_attributive_phrases"))
        )
        self.according = self._by_sentence(matching.find_phrases(view, "according", ("according to",)))

    # ----- helpers over tokens -------------------------------------------------------------
    def _by_sentence(self, matches: list[Match]) -> dict[int, list[Match]]:
        out: dict[int, list[Match]] = {}
        for m in matches:
            out.setdefault(self.view.sentence_index[m.start], []).append(m)
        return out

    def low(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def is_cap(self, i: int) -> bool:
        t = self.tokens[i].text
        return t[:1].isupper() and not self.tokens[i].is_punct

    def span(self, start: int, end: int) -> Span:
        a, b = self.view.char_span(start, end)
        return Span(a, b, self.view.document.text[a:b])

    def clause_end(self, start: int, b: int, qs: list[quotes.Quote]) -> int:
        """End of the clause that begins at ``start``: the sentence's end without its final
        punctuation, or a comma before a participle ("..., referring to ...")."""
        end = b
        while end > start and self.tokens[end - 1].text in SENTENCE_END:
            end -= 1
        for i in range(start + 1, end - 1):
            if (self.tokens[i].text == "," and not quotes.inside(i, qs)
                    and self.tokens[i + 1].text.endswith("ing") and not self.is_cap(i + 1)
                    and self.low(i + 1) not in ING_PREPOSITIONS):
                return i
        return end

    # ----- sources ---------------------------------------------------------------------------
    def walk_back(self, cue: int, a: int) -> tuple[int, int] | None:
        """The noun phrase right before a cue: a pronoun, a capitalised name or a short phrase
        headed by a speaker noun. None when the word before is something else."""
        j = cue - 1
        skip, pronouns, speakers, stops = (self.lists[k] for k in ("skip_before_cue", "source_pronouns", "speaker_nouns", "clause_openers"))
        while j >= a and self.low(j) in skip:
            j -= 1
        if j >= a and self.tokens[j].text == ",":
            return self.comma_source(j, a)
        if j < a or self.tokens[j].is_punct:
            return None
        if self.low(j) in pronouns:
            return j, j + 1
        if not (self.is_cap(j) or self.low(j) in speakers):
            return self.determined_subject(j, a)
        k = j
        while k - 1 >= a and j - (k - 1) < 7:
            prev = k - 1
            word = self.low(prev)
            if self.tokens[prev].is_punct and word not in POSSESSIVE:
                break
            if word in stops or word in skip or word == "what":
                break
            k = prev
        while k < j and self.low(k) in stops:
            k += 1
        return k, j + 1

    def comma_source(self, comma: int, a: int) -> tuple[int, int] | None:
        """The subject of a sentence whose cue follows a phrase in commas ("S, X, said"), where S
        opens the sentence. When X is a participle or relative clause ("A diplomat, speaking on
        condition of anonymity, said"; "Farmers' unions in Norland, which ..., said"), S is the
        source: the finite cue has no other subject. When S and X are a name and a description
        (an apposition: "Norland's trade minister, Erik Vass, said" or the reverse), the span
        covers both and :meth:`name` takes the name. Anything else gives None (no guess)."""
        first = next((i for i in range(comma - 1, a - 1, -1) if self.tokens[i].text == ","), None)
        start = self.subject_start(a, comma)
        if first is None or first + 1 >= comma or not 0 < first - start <= MAX_SUBJECT_TOKENS:
            return None
        opener = self.low(first + 1)
        if opener in self.lists["interrupter_openers"] or (opener.endswith(("ing", "ed")) and not self.is_cap(first + 1)):
            return start, first
        head = self.walk_back(first, a)
        if head is None or head[0] != start:
            return None
        if self.is_name(first + 1, comma) or (self.is_name(*head) and self.has_speaker_noun(first + 1, comma)):
            return start, comma
        return None

    def determined_subject(self, j: int, a: int) -> tuple[int, int] | None:
        """A determiner and one or two words that open the sentence and end right before the cue
        ("His colleague told", "The document said"): a finite cue needs a subject, and a
        determiner opens a noun phrase, so this is the source even without a speaker noun."""
        start = self.subject_start(a, j + 1)
        opens = self.low(start) in DETERMINERS | self.lists["possessive_determiners"]
        if opens and 1 <= j - start <= 2 and not any(self.tokens[i].is_punct for i in range(start, j + 1)):
            return start, j + 1
        return None

    def is_name(self, s: int, e: int) -> bool:
        """A short run of capitalised words: a person's or a body's name ("Erik Vass")."""
        return 0 < e - s <= 4 and all(self.is_cap(i) for i in range(s, e) if i != self.sentence_start)

    def has_speaker_noun(self, s: int, e: int) -> bool:
        return any(self.low(i) in self.lists["speaker_nouns"] for i in range(s, e))

    def subject_start(self, a: int, b: int) -> int:
        """Where the subject begins: after a fronted adverbial ("Moreover, ..."), else at ``a``."""
        first = self.low(a)
        if first in FRONTED or first in self.lists["clause_openers"] or first.endswith("ly"):
            for k in range(a, min(b, a + 14)):
                if self.tokens[k].text == ",":
                    return k + 1
        return a

    def subject(self, a: int, b: int) -> tuple[int, int] | None:
        """The sentence's subject: the first noun phrase after a fronted adverbial."""
        i = self.subject_start(a, b)
        if i >= b:
            return None
        possessive = self.lists["possessive_determiners"]
        if self.low(i) in self.lists["source_pronouns"] and self.low(i) not in possessive:
            return i, i + 1
        k = i
        if self.low(k) in DETERMINERS | possessive:  # "Her deputy": a determiner, not a pronoun
            k += 1
        end = k
        while end < b and (self.is_cap(end) or (self.low(end) in POSSESSIVE | {"of"} and end + 1 < b and self.is_cap(end + 1))):
            end += 1
        if end > k:  # "A Marovian official": the capitalised words and the speaker noun they modify
            head = next((h for h in range(end, min(b, end + 2)) if self.low(h) in self.lists["speaker_nouns"]), None)
            return (i, head + 1) if head is not None else (i, end)
        for end in range(k, min(b, k + 5)):  # "the minister", "the interview"
            if self.low(end) in self.lists["speaker_nouns"]:
                return i, end + 1
        return None

    def name(self, np: tuple[int, int] | None) -> tuple[str | None, str]:
        """A source's name (None when unnamed) and the suffix saying how it was resolved."""
        if np is None:
            return None, "+unresolved"
        s, e = np
        comma = next((i for i in range(s, e) if self.tokens[i].text == ","), None)
        if comma is not None:  # an apposition (see comma_source): the name is the capitalised part
            name, _ = self.name((comma + 1, e) if self.is_name(comma + 1, e) else (s, comma))
            return name, "+apposition"
        words = [self.low(i) for i in range(s, e)]
        if len(words) == 1 and words[0] in self.lists["source_pronouns"]:
            return (self.last_named, "+pronoun") if self.last_named else (None, "+unresolved")
        capitalised = any(self.is_cap(i) for i in range(s, e) if i != self.sentence_start)
        if not capitalised and any(w in self.lists["unnamed_source_heads"] for w in words):
            return None, ""
        if words[-1] in self.lists["unnamed_source_heads"]:
            for i in range(s, e):  # "Lavrov's remarks" names Lavrov
                if self.low(i) in POSSESSIVE and i > s and self.is_cap(i - 1):
                    return self.view.span_text(s, i), ""
            return None, ""
        while s < e - 1 and self.low(s) in DETERMINERS:
            s += 1
        return self.view.span_text(s, e), ""

    # ----- contents ----------------------------------------------------------------------------
    def content_after(self, cue_m: Match, b: int, qs: list[quotes.Quote]) -> tuple[int, int, str] | None:
        """The content that follows a cue, as (start, end, rule), or None."""
        start, end = cue_m.start, cue_m.end
        lemma = self.tokens[start].lemma
        limit = self.clause_end(end, b, qs) if end < b else end
        if end >= limit:
            return None
        quote = self.quote_after(end, b, lemma, qs)
        if quote is not None:
            return quote.start, quote.end, "cue-quote"
        if self.low(end - 1) == "as":  # "described ... as X"
            return end, limit, "verb-as"
        if self.low(end) in COMPLEMENTISERS:
            return end, limit, "verb-that"
        if self.low(end) in QUESTION_WORDS:
            return end, limit, "verb-question"
        cue_words = self.verbs_text(cue_m)
        if lemma in self.lists["content_object_verbs"] or cue_words in self.lists["content_object_verbs"]:
            return (end, limit, "verb-object") if limit - end >= 2 else None
        # "that" a few words on, after a recipient or an adverbial ("told reporters on Friday that").
        gap_ok = lemma in RECIPIENT_VERBS or self.low(end) in NOT_A_CLAUSE_START | ADVERBS
        for i in range(end + 1, min(limit, end + 8)):
            if self.tokens[i].is_punct and not self.tokens[i].is_quote:
                break
            if self.low(i) in COMPLEMENTISERS:
                if gap_ok or all(self.low(k).endswith("ly") for k in range(end, i)):
                    return i, limit, "verb-that"
                break
        if cue_m.end - cue_m.start > 1:  # multiword cues ("shed light on") take no bare clause
            return None
        first = end
        if lemma in RECIPIENT_VERBS and first < limit and (self.low(first) in {"him", "her", "them", "us", "me", "reporters", "journalists"}):
            first += 1
        if first < limit and self.tokens[first].text == ",":
            return None
        words = [i for i in range(first, limit) if not self.tokens[i].is_punct]
        # A bare reported clause needs a subject and something that looks finite soon after it
        # ("said Russia would ..."); without a tagger, an auxiliary or an -ed word is the signal.
        finite = any(
            self.low(i) in AUXILIARIES or (i > first and self.low(i).endswith("ed") and not self.is_cap(i))
            for i in words[:7]
        )
        if len(words) >= 3 and finite and self.low(first) not in NOT_A_CLAUSE_START:
            return first, limit, "verb-zero-that"
        return None

    def quote_after(self, end: int, b: int, lemma: str, qs: list[quotes.Quote]) -> quotes.Quote | None:
        """A quotation that is the cue's whole content: right after the cue, after a colon or
        comma ('said: “...”'), or after a short recipient ('told the committee “...”'). A quotation
        further on sits inside a reported clause ('said her country was "ready to talk"'): mixed."""
        openers = {q.open: q for q in qs}
        for k in range(end, min(b, end + 5)):
            if k in openers:
                gap = range(end, k)
                if not gap or self.tokens[k - 1].text in {":", ","} or (
                        lemma in RECIPIENT_VERBS and len(gap) <= 3 and not any(self.tokens[i].is_punct for i in gap)):
                    return openers[k]
                return None
            if (self.tokens[k].is_punct and self.tokens[k].text not in {":", ","}) or self.low(k) in COMPLEMENTISERS | QUESTION_WORDS:
                return None
        return None

    def verbs_text(self, m: Match) -> str:
        return " ".join(self.tokens[i].lemma for i in range(m.start, m.end))

    def quote_before(self, cue: int, a: int, qs: list[quotes.Quote]) -> quotes.Quote | None:
        """A quotation that ends just before the cue or its source: '“...,” Lavrov said'."""
        for q in qs:
            if q.close is None or q.close >= cue:
                continue
            gap = [i for i in range(q.close + 1, cue)]
            if len(gap) <= 6 and all(not self.tokens[i].is_quote for i in gap) and (
                not gap or self.tokens[gap[0]].text == "," or self.tokens[q.close - 1].text in {",", "?", "!"}
            ):
                return q
        return None

    def kind(self, start: int, end: int, qs: list[quotes.Quote]) -> str:
        for q in qs:
            if q.start <= start and end <= q.end:
                return DIRECT
        if any(start <= q.start and q.end <= end for q in qs):
            return MIXED
        return INDIRECT

    # ----- the rules ---------------------------------------------------------------------------
    def add(self, sid, np, name_rule, cue_range, content, rule, qs, stance=None):
        s, e = content
        while e > s and self.tokens[e - 1].text == ",":
            e -= 1
        source, how = name_rule if isinstance(name_rule, tuple) else self.name(np)
        rel = Attribution(
            sentence=sid,
            source=source,
            cue=None if cue_range is None else self.view.span_text(*cue_range),
            content=self.view.span_text(s, e),
            type=self.kind(s, e, qs),
            rule=rule + how,
            stance=stance,
            source_span=None if np is None else self.span(*np),
            cue_span=None if cue_range is None else self.span(*cue_range),
            content_span=self.span(s, e),
        )
        self.result.attributions.append(rel)
        if source and how != "+pronoun":
            self.last_named = source
        return rel

    def reject(self, sid, a, b, reason):
        self.result.rejected.append(Rejection(sid, self.view.span_text(a, b), reason))

    def sentence(self, n: int) -> None:
        view, tokens = self.view, self.tokens
        a, b = view.sentence_bounds[n]
        sid = view.document.sentences[n].id
        qs = quotes.find(view, a, b)
        self.sentence_start = a
        used: set[int] = set()
        made: list[Attribution] = []
        trap_tokens = {i for m in self.traps.get(n, []) for i in range(m.start, m.end)}

        for m in self.passive.get(n, []):
            np = self.walk_back(m.start, a)
            c0 = m.end + (1 if m.end < b and self.low(m.end) == "that" else 0)
            end = self.clause_end(c0, b, qs)
            if end > c0:
                made.append(self.add(sid, np, None, (m.start, m.end), (c0, end), "passive-quoted", qs, "neutral"))
                used.update(range(m.start, m.end))

        for m in self.according.get(n, []):
            used.update(range(m.start, m.end))
            x0 = m.end
            x1 = x0
            while x1 < b and tokens[x1].text not in {","} | SENTENCE_END:
                x1 += 1
            if x1 == x0:
                continue
            x_text = view.span_text(x0, x1).lower()
            first_words = [w for w in x_text.split() if w not in DETERMINERS]
            non_sources = self.lists["according_to_non_sources"]
            if any(x_text.startswith(p) for p in non_sources) or (first_words and first_words[0] in non_sources):
                self.reject(sid, m.start, x1, "according to a plan or rule, not a source")
                continue
            if m.start <= a + 1:  # "According to X, CONTENT."
                content = (x1 + 1, self.clause_end(x1 + 1, b, qs)) if x1 < b and tokens[x1].text == "," else None
            else:  # "CONTENT, according to X."
                stop = m.start - 1 if tokens[m.start - 1].text == "," else m.start
                content = (a, stop)
            if not content or content[1] <= content[0]:
                self.reject(sid, m.start, x1, "no content")
                continue
            made.append(self.add(sid, (x0, x1), None, (m.start, m.end), content, "according-to", qs, "neutral"))

        for m in self.cue_matches.get(n, []):
            if used.intersection(range(m.start, m.end)):
                continue
            category = self.verbs.category(m.label)
            prev = self.low(m.start - 1) if m.start > a else ""
            if trap_tokens.intersection(range(m.start, m.end)):
                self.reject(sid, m.start, m.end, "part of a fixed phrase that reports no one")
                continue
            if quotes.inside(m.start, qs):
                self.reject(sid, m.start, m.end, "inside a quotation: the speaker's words, not a report")
                continue
            if prev in NOMINAL_BEFORE or m.start == a or (m.start == a + 1 and tokens[a].is_quote):
                self.reject(sid, m.start, m.end, "used as a noun, not a verb of saying")
                continue
            window = [tokens[i].lemma for i in range(max(a, m.start - 3), m.start)]
            if "not" in window or "never" in window or any(
                " ".join(window[i:i + 2]) in self.lists["negators"] for i in range(len(window) - 1)
            ):
                self.reject(sid, m.start, m.end, "negated: the saying did not happen")
                continue
            cue = Cue(sid, view.span_text(m.start, m.end), m.label, self.span(m.start, m.end))
            self.result.cues.append(cue)
            self.remember(self.walk_back(m.start, a))
            if not category.get("reports_content", True):
                self.reject(sid, m.start, m.end, "names a topic only, so there is no content to attribute")
                continue
            # A quotation before the cue: '“...,” Lavrov said' or '“...,” said Lavrov'.
            q = self.quote_before(m.start, a, qs)
            after = self.content_after(m, b, qs)
            if q is not None and (after is None or after[2] in ("verb-zero-that", "cue-quote")):
                np, named, rule = self.walk_back(m.start, a), None, "quote-cue"
                if np is None or np[0] < q.outer[1]:
                    np, rule = self.after_cue(m.end, b), "quote-cue+inverted"
                    named = self.name(np)
                    if named[1] == "+unresolved" and np is None:
                        named = (None, "")
                first = self.add(sid, np, named, (m.start, m.end), (q.start, q.end), rule, qs, m.label)
                made.append(first)
                if after is not None and after[2] == "cue-quote":  # '"A," Lavrov said, "B."': B has the same cue
                    how = first.rule[len(rule):]  # the source span stays with the first part, shown once
                    made.append(self.add(sid, None, (first.source, how), (m.start, m.end), after[:2], "split-quotation", qs, m.label))
                continue
            if after is None:
                self.reject(sid, m.start, m.end, "no content: the verb reports no words or view")
                continue
            np = self.walk_back(m.start, a)
            rule = after[2]
            if np is None:
                np, suffix = self.subject(a, b), "+subject"
                source, how = self.name(np)
                made.append(self.add(sid, np, (source, suffix if how == "" else how), (m.start, m.end), after[:2], rule, qs, m.label))
            else:
                made.append(self.add(sid, np, None, (m.start, m.end), after[:2], rule, qs, m.label))

        covered = [(r.content_span.start, r.content_span.end) for r in made]
        for m in self.hedged.get(n, []):
            cs, ce = view.char_span(m.start, m.end)
            if any(s <= cs and ce <= e for s, e in covered) or quotes.inside(m.start, qs):
                continue
            if m.start <= a + 1 or self.low(m.start) == "it":
                c0 = m.end + (1 if m.end < b and self.low(m.end) in {"that", ","} else 0)
            else:
                c0 = a
            made.append(self.add(sid, None, (None, ""), (m.start, m.end), (c0, self.clause_end(c0, b, qs)), "hedged-source", qs, "tentative"))

        self.unattributed_quotes(sid, a, b, qs, made)
        speakers = [r.source for r in made if r.type in (DIRECT, MIXED) and r.source]
        self.previous_speaker = speakers[-1] if speakers else None

    def remember(self, np) -> None:
        """A named speaker of any reporting verb, even one with no content ("Lavrov spoke"),
        is the nearest antecedent for a later pronoun."""
        if np is not None and not (np[1] - np[0] == 1 and self.low(np[0]) in self.lists["source_pronouns"]):
            name, _ = self.name(np)
            if name and any(self.is_cap(i) for i in range(*np)):
                self.last_named = name

    def after_cue(self, i: int, b: int) -> tuple[int, int] | None:
        """A source right after the cue ("said Lavrov", "said the minister")."""
        if i >= b:
            return None
        if self.low(i) in self.lists["source_pronouns"]:
            return i, i + 1
        j = i
        if self.low(j) in DETERMINERS:
            j += 1
        end = j
        while end < b and (self.is_cap(end) or self.low(end) in self.lists["speaker_nouns"]
                           or (self.low(end) in {"foreign", "senior", "deputy", "russian", "ukrainian"})):
            end += 1
        return (i, end) if end > j else None

    def unattributed_quotes(self, sid, a, b, qs, made):
        """Quotations no relation covers: a continuation of the last speaker, or scare quotes."""
        spans = [(r.content_span.start, r.content_span.end) for r in made]
        words = sum(1 for i in range(a, b) if not self.tokens[i].is_punct)
        direct_here = [r for r in made if r.type == DIRECT and r.source]
        for q in qs:
            qa, qb = self.view.char_span(q.start, q.end)
            if any(s < qb and qa < e for s, e in spans):
                continue
            qwords = sum(1 for i in range(q.start, q.end) if not self.tokens[i].is_punct)
            speaker = direct_here[-1].source if direct_here else self.previous_speaker
            if speaker and (direct_here or qwords >= 0.6 * words):
                rel = self.add(sid, None, (speaker, ""), None, (q.start, q.end), "continuing-quotation", qs)
                made.append(rel)
                spans.append((qa, qb))
                continue
            rule = "scare-quote" if qwords <= 6 else "unattributed-quotation"
            s, e = q.start, q.end
            self.result.scare_quotes.append(ScareQuote(sid, self.view.span_text(s, e), rule, self.span(s, e)))


def find_attributions(view: DocView) -> AttributionResult:
    """All attribution relations, reporting cues, scare quotes and rejected cues of a document."""
    finder = _Finder(view)
    for n in range(len(view.document.sentences)):
        finder.sentence(n)
    return finder.result


def attributions_in(text_or_document) -> list[Attribution]:
    """Convenience: the relations of a text (str) or a parsed document."""
    from . import text as text_model

    document = text_model.parse(text_or_document) if isinstance(text_or_document, str) else text_or_document
    return find_attributions(DocView(document)).attributions
