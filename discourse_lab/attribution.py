"""Attribution relations: who is reported (source), by what words (cue), saying what (content).

The model is PARC's (Pareti 2016): a relation has a source, a cue and a content span, and here a
type — ``direct`` (the content is a quotation), ``indirect`` (a reported clause with no quotation
marks) or ``mixed`` (a paraphrase carrying a quoted fragment). PARC counts as attribution not only
speech but thoughts, beliefs, intentions and evidence, cued by verbs, nouns or prepositions;
``reporting-verbs.yml`` holds the verbs of saying the lessons sort by stance, and
``attribution-cues.yml`` the other PARC types, each mapped onto the stance the lessons teach.
Every relation names the rule that produced it, so a student can check the reasoning.

Each sentence goes through :data:`RULES`, in this order, one method ``rule_<name>`` each, over an
explicit :class:`SentenceState` (the sentence's tokens, quotations, used cue tokens, relations):

1. ``passive_quoted``: "X was quoted as saying (that) ..." — source before the cue.
2. ``according_to``: "According to X, ..." / "..., according to X" — no verb; "according to plan"
   and the other non-sources in ``attribution-rules.yml`` are rejected.
3. ``colon_source``: "NAME: CONTENT" opening a sentence (headlines, transcripts) — the colon is the cue.
4. ``reporting_cues``: a cue of the two lexicons that passes every guard of :data:`CUE_GUARDS`
   (a table: each guard beside the reason a student reads when it rejects a cue), then a content:
   ``verb-that`` (that-clause), ``verb-question`` (whether/if), ``verb-as`` ("described the plan
   as reckless", "see golf courses as wasted space"), ``verb-object`` (a noun-phrase content after
   "outline", "accuse", "cite", ...; a gerund clause, "reported raising $9 million"; someone and
   a to-infinitive after "urge", "expect", "want"; the object and its label after a verb of
   naming, 'called the law "much better"'), ``verb-zero-that``
   ("said Russia would ..."), ``verb-clause`` (the clause the parser hangs from the cue: "said on
   Tuesday that", "wants to"), ``quote-cue`` (a quotation before the cue) and ``cue-quote`` (right
   after it, or after a colon, a comma or a short recipient: a quotation further into a reported
   clause makes the clause mixed); ``split-quotation`` for the second part of a quotation its cue
   interrupts; ``clause-cue`` for a content before the cue ("..., officials said.") and
   ``clause-cue+interposed`` for "A, she said, B"; ``as-clause`` for "As X observed, CONTENT" and
   "CONTENT, as X put it"; ``nominal-that`` / ``nominal-of`` for a noun
   cue ("the allegations that ...", "claims of fraud"). Verbs that name a topic only
   ("addressed") never make a relation.
5. ``hedged_source``: "reportedly", "it is understood that", "is said to", "is expected to" —
   source null.
6. ``quotations_left``: a quotation with no cue of its own that continues the previous speaker
   (``continuing-quotation``, cue null), else a scare quote. A quotation left open at the end of a
   sentence runs on through the following sentences of its paragraph; when it closes on a cue
   that names its source ('"We will not sign. It is unfair," the deputy added.'), its earlier
   sentences take that source and cue (``quotation-before-cue``).

Part-of-speech tags and dependencies come from the project's own trained model
(:mod:`discourse_lab.syntax`): a cue tagged as a noun in a noun phrase ("Islamic State", "the
state officials") is no verb of saying, and a source that word order gets wrong ("And", "Even",
a weekday; "who said") is replaced by the cue's grammatical subject. Where the small tagger errs,
word order overrules it: a cue between a subject and "that" is a verb ("economists warn that"),
an inflected cue after a name in a headline set in title case is a verb ("Fiorina Endorses
Cruz"), and the bare forms in ``noun_first_cues`` ("state funding") are nouns unless a verb must
stand there.

Suffixes on the rule say how the source was found: ``+inverted`` (after the cue: "said Lavrov"),
``+subject`` (the sentence's subject, for "..., revealing that" or "only to accuse"),
``+parsed`` (the cue's subject in the dependency parse), ``+apposition`` (the name in
"Norland's trade minister, Erik Vass, said"), ``+pronoun`` (a pronoun resolved to the nearest
earlier named source), ``+unresolved``. A noun phrase before the cue always wins over pronoun
resolution: "Her deputy said" names the deputy, because "her" first in a sentence is a
determiner, not a subject.

Quotations that no relation covers are reported separately as scare quotes. Cues that were
found but made no relation are kept with the reason.

What the rules cannot do: the parser errs on about one head in five (see its model card), so the
rules use it as evidence beside word order; a content runs from its first word to the end of the
clause; discontinuous contents are one span (or two relations for a split quotation); nested
attributions inside a quotation are not reported; a quotation over several paragraphs is cut at
each paragraph's end. Measured on real political news (PolNeAR,
``benchmarks/attribution_polnear.py``) the rules find a little over half of the relations that
annotators mark, nine in ten of those they report being right; lesson 8 reports the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from . import lexicons, matching, quotes, source_span, syntax
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
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
POSSESSIVE = frozenset({"'s", "’s"})
ADVERBS = frozenset("once again repeatedly also earlier later publicly firmly".split())
# Closed class of auxiliaries and common finite verbs: the sign of a bare reported clause.
AUXILIARIES = frozenset(
    "is are was were will would could can should must might may had has have did does do "
    "remains remain remained wants wanted needs needed".split()
)
# -ing words that are prepositions, so a comma before them does not end the clause.
ING_PREPOSITIONS = frozenset("including regarding concerning following excluding notwithstanding".split())
# -ing words that are pronouns, not gerunds ("said nothing").
INDEFINITE_PRONOUNS = frozenset("nothing something anything everything".split())
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…"})
# Longest subject phrase taken whole before a phrase in commas ("Farmers' unions in Norland, which ...").
MAX_SUBJECT_TOKENS = 7
# Words after a cue that show it has no clausal content ("said on Friday.", "said nothing").
NOT_A_CLAUSE_START = frozenset(
    "on in at during for to from with about of by after before nothing little much so yes no "
    "again too also earlier later yesterday today "
    # an object pronoun or a conjunction opens no reported clause ("has known them since", "declined to comment and ...")
    "them him us me and or but".split()
)


# Penn Treebank tags (from the trained tagger, syntax.py) that mark a noun or an adjective.
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
# Tags before a word that make it the head of a noun phrase: a determiner, possessive, adjective, number, preposition.
# (Not another noun: "the poll showed" puts a noun before a verb.)
NOUN_CONTEXT_TAGS = ADJECTIVE_TAGS | {"DT", "PRP$", "POS", "CD", "IN"}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Classes of attribution-cues.yml whose cue inside another report's content is part of that report.
NESTING_CLASSES = frozenset({"thought", "intention", "support", "opposition"})
# Dependency relations of a noun phrase ("state officials": compound; "the swing state": obj ...).
NOMINAL_DEPS = frozenset({"compound", "nsubj", "nsubj:pass", "obj", "iobj", "nmod", "obl", "nmod:poss", "appos"})
# Tags a source's head may have: a noun, a pronoun, a number ("Three said"), a possessive name.
SOURCE_TAGS = NOUN_TAGS | {"PRP", "CD", "NNP", "POS", "WP"}

# The rules, in the order they are applied to each sentence (methods ``rule_<name>``). A rule
# reads and extends the sentence's explicit state (SentenceState); tokens a rule uses as its cue
# are not used again by a later rule.
RULES = ("passive_quoted", "according_to", "colon_source", "reporting_cues", "hedged_source", "quotations_left")

# The guards a reporting cue must pass, in order (methods ``guard_<name>``), beside the reason a
# student reads when a guard rejects the cue (``AttributionResult.rejected``).
CUE_GUARDS: tuple[tuple[str, str], ...] = (
    ("fixed_phrase", "part of a fixed phrase that reports no one"),
    ("inside_quotation", "inside a quotation: the speaker's words, not a report"),
    ("not_a_verb", "used as a noun, not a verb of saying"),
    ("not_a_finite_verb", "not a verb here, or not a finite one where an actual stance is needed"),
    ("not_a_noun", "not used as a noun here, so not a nominal cue"),
    ("negated", "negated: the saying did not happen"),
    ("passive", "passive: its subject is not the one who thinks or wants it"),
    ("first_person", "'I think', 'you know': the speaker's own words, not a report"),
    (
        "nested_thought",
        "a thought inside what someone is reported to say ('said he believes'), or a thought or wish in a relative clause that describes someone",
    ),
    ("named_thing", "'a class called \"Perception\"', 'so-called': the name of a thing, not someone's words"),
    ("not_evidence", "'show' or 'find' reports evidence only with a poll, a study or a document as its subject"),
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
    # The source as written, its head, kind, antecedent and entity (source_span.describe_sources).
    source_info: object = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence,
            "source": self.source,
            "cue": self.cue,
            "content": self.content,
            "type": self.type,
            "rule": self.rule,
            **({} if self.source_info is None else self.source_info.to_dict()),
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
class SentenceState:
    """What the rules know about the sentence being analysed: its id, token range [a, b), its
    quotations, the tokens of fixed phrases (traps), the cue tokens already used, and the
    relations made so far."""

    n: int
    sid: str
    a: int
    b: int
    qs: list
    traps: set[int]
    used: set[int] = field(default_factory=set)
    made: list = field(default_factory=list)


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
        self.paragraph = 0
        self.open_quote = False  # a quotation opened in an earlier sentence of the paragraph is still open
        # Earlier sentences of the open quotation that no cue of their own attributed: (sentence id,
        # quoted token range, the scare quote or continuing-quotation relation made for it).
        self.open_parts: list[tuple[str, tuple[int, int], object]] = []
        self.extra = lexicons.attribution_cues()
        self.syn = syntax.parse(view)
        verb_matches = matching.find(view, self.verbs)
        taken = {i for m in verb_matches for i in range(m.start, m.end)}
        extra = [m for m in matching.find(view, self.extra) if not taken.intersection(range(m.start, m.end))]
        cue_matches = [
            m
            for m in verb_matches + extra  # "regarding", "concerning": prepositions, no cues
            if not (m.end - m.start == 1 and view.tokens[m.start].text.lower() in ING_PREPOSITIONS)
        ]
        self.cue_matches = self._by_sentence(sorted(cue_matches, key=lambda m: m.start))
        self.passive = self._by_sentence(
            matching.find_phrases(view, "passive", lexicons.attribution_phrases("passive_cues"))
        )
        self.hedged = self._by_sentence(
            matching.find_phrases(view, "hedged", lexicons.attribution_phrases("hedged_sources"))
        )
        self.traps = self._by_sentence(
            matching.find_phrases(view, "trap", lexicons.attribution_phrases("non_attributive_phrases"))
        )
        self.according = self._by_sentence(matching.find_phrases(view, "according", ("according to",)))

    # ----- cue classes -------------------------------------------------------------------------
    def category(self, label: str):
        """The lexicon category of a cue label (reporting-verbs.yml, else attribution-cues.yml)."""
        return self.verbs.category(label) if label in self.verbs.ids else self.extra.category(label)

    def stance(self, label: str) -> str:
        """The teaching stance a cue is shown with: its own category, or the one its PARC class maps to."""
        return label if label in self.verbs.ids else self.extra.category(label).get("stance")

    def read_without_content(self, m: Match) -> None:
        """A cue that found no content is shown with its category's ``without_content`` stance:
        "Lavrov's remarks underscored Russia's engagement" presupposes nothing, since a factive
        needs a content, so it is the writer's evaluation (reporting-verbs.yml)."""
        other = self.category(m.label).get("without_content") if m.label in self.verbs.ids else None
        if other is None:
            return
        span = self.span(m.start, m.end)
        for k in range(len(self.result.cues) - 1, -1, -1):
            if self.result.cues[k].span == span:
                self.result.cues[k] = self.result.cues[k]._replace(stance=other)
                return

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
            if (
                self.tokens[i].text == ","
                and not quotes.inside(i, qs)
                and self.tokens[i + 1].text.endswith("ing")
                and not self.is_cap(i + 1)
                and self.low(i + 1) not in ING_PREPOSITIONS
            ):
                return i
        return end

    # ----- sources ---------------------------------------------------------------------------
    def walk_back(self, cue: int, a: int) -> tuple[int, int] | None:
        """The noun phrase right before a cue: a pronoun, a capitalised name or a short phrase
        headed by a speaker noun. None when the word before is something else."""
        j = cue - 1
        skip, pronouns, speakers, stops = (
            self.lists[k] for k in ("skip_before_cue", "source_pronouns", "speaker_nouns", "clause_openers")
        )
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
        if opener in self.lists["interrupter_openers"] or (
            opener.endswith(("ing", "ed")) and not self.is_cap(first + 1)
        ):
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
        while end < b and (
            self.is_cap(end) or (self.low(end) in POSSESSIVE | {"of"} and end + 1 < b and self.is_cap(end + 1))
        ):
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

    def bad_source(self, np: tuple[int, int]) -> bool:
        """A source found by word order that cannot be one: it opens with a word of ``not_sources``
        ("And", "Even", "Sunday"), or it is one word not tagged as a noun or pronoun."""
        s, e = np
        while s < e and self.tokens[s].text.isspace():
            s += 1
        if s >= e or self.low(s) in self.lists["not_sources"]:
            return True
        return e - s == 1 and self.syn.tags[s] not in SOURCE_TAGS

    def parsed_source(self, cue: int, a: int, b: int) -> tuple[int, int] | None:
        """The cue's grammatical subject from the parse: its ``nsubj``, or that of the verb it
        hangs from ("..., saying that": advcl, xcomp, conj); a relative pronoun ("who said")
        stands for the noun its clause modifies. The span runs from the subject's first word to
        its head, so appositions and relative clauses after the head are left out."""
        syn, k = self.syn, cue
        for _ in range(3):
            subj = syn.child(k, "nsubj")
            if subj is not None:
                if self.low(subj) in {"who", "that", "which"} and syn.deps[k] in ("relcl", "acl:relcl"):
                    subj = syn.heads[k]
                lo, _ = syn.subtree(subj)
                lo = max(lo, a)
                while lo < subj and (
                    self.tokens[lo].is_punct
                    or self.tokens[lo].text.isspace()
                    or self.low(lo) in self.lists["not_sources"]
                ):
                    lo += 1
                end = subj + 1
                while end < b and syn.heads[end] == subj and syn.deps[end] in ("flat", "compound", "fixed"):
                    end += 1
                one_word = not syn.children[subj]
                if syn.tags[subj] not in SOURCE_TAGS or (one_word and self.low(subj) in self.lists["not_sources"]):
                    return None
                if not one_word:  # "Some of the women", "one in five": the whole phrase
                    end = max(end, syn.subtree(subj)[1] if syn.subtree(subj)[1] <= cue else end)
                return lo, end
            if syn.deps[k] not in ("advcl", "xcomp", "conj", "parataxis") or syn.heads[k] == k:
                return None
            k = syn.heads[k]
        return None

    def content_parsed(self, cue_m: Match, b: int, qs: list[quotes.Quote]) -> tuple[int, int, str] | None:
        """The clause the parser hangs from the cue, after it ("said on Tuesday that ...",
        "wants to ..."): a ``ccomp``, or an ``xcomp`` of a thought or intention verb."""
        deps = ("ccomp", "xcomp") if cue_m.label in {"thought", "intention"} else ("ccomp",)
        for c in self.syn.children[cue_m.start]:
            if c >= cue_m.end and self.syn.deps[c] in deps and c < b:
                lo, _ = self.syn.subtree(c)
                lo = max(lo, cue_m.end)
                end = self.clause_end(lo, b, qs)
                if end - lo >= 2:
                    return lo, end, "verb-clause"
        return None

    def content_before(self, st: SentenceState, m: Match) -> tuple[tuple[int, int] | None, tuple[int, int], str] | None:
        """The content before the cue, its source and the rule: "CONTENT, officials said." or
        "CONTENT, said Smith." (``clause-cue``): the source sits between a comma and the cue (or
        right after the cue), and what follows the cue is short and reports nothing more; or
        "A, she said, B." (``clause-cue+interposed``): source and cue in commas inside the
        content, which then runs over both parts."""
        a, b = st.a, st.b
        end = b
        while end > m.end and (self.tokens[end - 1].text in SENTENCE_END or self.tokens[end - 1].is_quote):
            end -= 1
        np = self.walk_back(m.start, a)
        if np is None or self.bad_source(np):
            np = self.after_cue(m.end, b) or self.parsed_source(m.start, a, b)
        if np is None:
            return None
        comma = min(np[0], m.start) - 1
        while comma > a and self.tokens[comma].is_quote:
            comma -= 1
        if comma <= a or self.tokens[comma].text != ",":
            return None
        start = self.subject_start(a, comma) if self.low(a) in FRONTED else a
        if sum(1 for i in range(start, comma) if not self.tokens[i].is_punct) < 2:
            return None
        tail = max(np[1], m.end)
        if tail < end and self.tokens[tail].text == "," and end - tail > 3:  # "A, she said, B."
            return np, (start, self.clause_end(tail + 1, b, st.qs)), "clause-cue+interposed"
        if end - tail > 6 or any(self.low(i) in COMPLEMENTISERS for i in range(m.end, end)):
            return None
        return np, (start, comma), "clause-cue"

    def as_clause(self, st: SentenceState, m: Match) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
        """ "As X observed, CONTENT." or "CONTENT, as X put it.": the cue stands in a clause opened
        by "as" (at the sentence's start or after a comma) with its source and nothing else, and
        the content is the rest of the sentence on the other side of the clause's comma."""
        a, b = st.a, st.b
        k = next(
            (
                j
                for j in range(m.start - 1, max(a, m.start - 9) - 1, -1)
                if self.low(j) == "as" and (j == a or self.tokens[j - 1].text == ",")
            ),
            None,
        )
        if (
            k is None
            or k + 1 >= m.start
            or any(self.tokens[j].is_punct and self.low(j) not in POSSESSIVE for j in range(k + 1, m.start))
        ):
            return None
        np = self.walk_back(m.start, k + 1)
        if np is None or np[0] != k + 1 or self.bad_source(np):
            return None
        e = m.end
        if self.low(e) == "it" and self.low(m.start) in {"put", "puts"}:  # "as she put it"
            e += 1
        if e < b and self.tokens[e].text == ",":  # "(Of course,) as X observed, CONTENT."
            end = self.clause_end(e + 1, b, st.qs)
            if end - (e + 1) >= 3:
                return np, (e + 1, end)
        if k > a and (e >= b or self.tokens[e].text in SENTENCE_END):  # "CONTENT, as X put it."
            return (np, (a, k - 1)) if k - 1 - a >= 3 else None
        return None

    def nominal(self, st: SentenceState, m: Match, stance: str) -> None:
        """A nominal cue ("the allegations that ...", "his claim of fraud", "news that ..."): the
        content is the that-clause or of-phrase after the noun, the source its possessor or the
        "by" phrase after it, else no one named."""
        syn, sid = self.syn, st.sid
        content = None
        nxt = m.end
        if nxt < st.b and self.low(nxt) == "that":
            clause = next(
                (c for c in syn.children[m.start] if syn.deps[c] in ("acl", "ccomp", "acl:relcl") and c > nxt), None
            )
            if clause is not None and syn.child(clause, "mark") == nxt:
                content, rule = (nxt, self.clause_end(nxt, st.b, st.qs)), "nominal-that"
        elif (
            nxt < st.b
            and self.low(nxt) == "of"
            and self.tokens[m.start].lemma
            in {"allegation", "accusation", "claim", "charge", "warning", "fear", "news", "denial", "admission"}
        ):
            obj = next((c for c in syn.children[m.start] if syn.deps[c] in ("nmod", "acl") and c > nxt), None)
            if obj is not None:
                content, rule = (nxt + 1, syn.subtree(obj)[1]), "nominal-of"
        if content is None or content[1] - content[0] < 2:
            self.reject(sid, m.start, m.end, "a nominal cue with no that-clause or of-phrase after it")
            return
        owner = syn.child(m.start, "nmod:poss")
        np = None
        if owner is not None:
            np = (syn.subtree(owner)[0], owner + 1)
        st.made.append(self.add(sid, np, None if np else (None, ""), (m.start, m.end), content, rule, st.qs, stance))

    # ----- contents ----------------------------------------------------------------------------
    def content_after(self, cue_m: Match, b: int, qs: list[quotes.Quote]) -> tuple[int, int, str] | None:
        """The content that follows a cue, as (start, end, rule), or None."""
        start, end = cue_m.start, cue_m.end
        lemma = self.tokens[start].lemma
        limit = self.clause_end(end, b, qs) if end < b else end
        if end >= limit:
            return None
        if lemma in self.lists["quantity_verbs"] and any(
            self.syn.tags[i] == "CD" for i in range(end, min(limit, end + 3))
        ):
            return None  # "added 292,000 jobs": an amount, not words
        quote = self.quote_after(end, b, lemma, qs)
        if quote is not None:
            return quote.start, quote.end, "cue-quote"
        content_kind = self.category(cue_m.label).get("content")
        if content_kind == "object-quotation":  # 'called the law "much, much better"'
            opener = next((q for q in qs if end < q.open < min(limit, end + 7)), None)
            if opener is None or any(self.tokens[i].text in SENTENCE_END | {","} for i in range(end, opener.open)):
                return None
            return end, max(opener.end, limit), "verb-object"
        if self.low(end - 1) == "as":  # "described ... as X"
            return end, limit, "verb-as"
        if lemma in self.lists["as_verbs"]:  # "described the plan as reckless": the object, then "as"
            for i in range(end + 1, min(limit, end + 8)):
                if self.tokens[i].is_punct or self.syn.tags[i] in FINITE_TAGS | {"MD"}:
                    break
                if self.low(i) == "as":
                    return end, limit, "verb-as"
        if content_kind == "object-as":
            return None
        if self.low(end) in COMPLEMENTISERS:
            return end, limit, "verb-that"
        if self.low(end) in QUESTION_WORDS:
            return end, limit, "verb-question"
        if (
            self.low(end).endswith("ing")
            and len(self.low(end)) > 5
            and not self.is_cap(end)
            and self.low(end) not in ING_PREPOSITIONS | INDEFINITE_PRONOUNS
            and limit - end >= 2
        ):
            return end, limit, "verb-object"  # a gerund clause as object: "reported raising $9 million"
        if cue_m.label in {"directive", "thought", "intention"}:
            # someone and what they are asked, expected or wanted to do: "urged leaders to ...", "expect it to rise"
            for i in range(end + 1, min(limit, end + 6)):
                if self.tokens[i].is_punct:
                    break
                if self.low(i) == "to":
                    return end, limit, "verb-object"
        cue_words = self.verbs_text(cue_m)
        if (
            lemma in self.lists["content_object_verbs"]
            or cue_words in self.lists["content_object_verbs"]
            or self.category(cue_m.label).get("content") == "clause-or-object"
        ):
            if self.is_passive(start):  # "the claims were dismissed": the object is the subject
                return None
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
        if (
            lemma in RECIPIENT_VERBS
            and first < limit
            and (self.low(first) in {"him", "her", "them", "us", "me", "reporters", "journalists"})
        ):
            first += 1
        if first < limit and self.tokens[first].text == ",":
            return None
        words = [i for i in range(first, limit) if not self.tokens[i].is_punct]
        # A bare reported clause needs a subject and something that looks finite soon after it
        # ("said Russia would ..."): an auxiliary or an -ed word soon after it, or a word the tagger
        # reads as a finite verb or a modal further on ("said the mother of ..., who died, is ...").
        finite = any(
            self.low(i) in AUXILIARIES or (i > first and self.low(i).endswith("ed") and not self.is_cap(i))
            for i in words[:7]
        ) or any(i > first and self.syn.tags[i] in FINITE_TAGS | {"MD"} for i in words[:15])
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
                if (
                    not gap
                    or self.tokens[k - 1].text in {":", ","}
                    or (lemma in RECIPIENT_VERBS and len(gap) <= 3 and not any(self.tokens[i].is_punct for i in gap))
                ):
                    return openers[k]
                return None
            if (self.tokens[k].is_punct and self.tokens[k].text not in {":", ","}) or self.low(
                k
            ) in COMPLEMENTISERS | QUESTION_WORDS:
                return None
        return None

    def is_passive(self, i: int) -> bool:
        """A participle after a form of "be" (adverbs between), or with a passive auxiliary in the parse."""
        j = i - 1
        while j >= 0 and self.low(j) in ADVERBS | {"not", "never", "widely", "roundly", "quickly"}:
            j -= 1
        return self.syn.child(i, "aux:pass") is not None or (
            j >= 0 and self.tokens[j].lemma == "be" and self.syn.tags[i] == "VBN"
        )

    def verbs_text(self, m: Match) -> str:
        return " ".join(self.tokens[i].lemma for i in range(m.start, m.end))

    def quote_before(self, cue: int, a: int, qs: list[quotes.Quote]) -> quotes.Quote | None:
        """A quotation that ends just before the cue or its source: '“...,” Lavrov said'."""
        for q in qs:
            if q.close is None or q.close >= cue:
                continue
            gap = [i for i in range(q.close + 1, cue)]
            if (
                len(gap) <= 14
                and all(not self.tokens[i].is_quote for i in gap)
                and (not gap or self.tokens[gap[0]].text == "," or self.tokens[q.close - 1].text in {",", "?", "!"})
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
        while e > s and (self.tokens[e - 1].text == "," or self.tokens[e - 1].text.isspace()):
            e -= 1
        if np is not None:  # a source never starts or ends with a line break ("\nThe report")
            ns, ne = np
            while ns < ne and self.tokens[ns].text.isspace():
                ns += 1
            while ne > ns and self.tokens[ne - 1].text.isspace():
                ne -= 1
            np = (ns, ne) if ne > ns else None
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

    # ----- the pipeline ----------------------------------------------------------------------
    def sentence(self, n: int) -> None:
        """Apply :data:`RULES` to sentence ``n``, in order, over one explicit state."""
        a, b = self.view.sentence_bounds[n]
        sentence = self.view.document.sentences[n]
        qs = quotes.find(self.view, a, b)
        if sentence.paragraph != self.paragraph:  # a quotation left open never runs past its paragraph
            self.paragraph, self.open_quote, self.open_parts = sentence.paragraph, False, []
        if self.open_quote and not qs:  # the middle sentence of a quotation over several sentences
            qs = [quotes.Quote(None, None, a, b)]
        elif qs:
            self.open_quote = qs[-1].close is None
        st = SentenceState(
            n=n,
            sid=sentence.id,
            a=a,
            b=b,
            qs=qs,
            traps={i for m in self.traps.get(n, []) for i in range(m.start, m.end)},
        )
        self.sentence_start = a
        scare_before = len(self.result.scare_quotes)
        for rule in RULES:
            getattr(self, "rule_" + rule)(st)
        self.earlier_parts(st, scare_before)
        speakers = [r.source for r in st.made if r.type in (DIRECT, MIXED) and r.source]
        self.previous_speaker = speakers[-1] if speakers else None

    def earlier_parts(self, st: SentenceState, scare_before: int) -> None:
        """A quotation over several sentences before its cue ('"We will not sign. It is unfair,"
        the deputy added.'): the sentences before the cue have no cue of their own, so they were
        left as scare quotes or continuations of the last speaker. When the quotation closes on a
        cue that names its source, those parts get that source and cue (``quotation-before-cue``);
        while it stays open, this sentence's part waits with them."""
        if not st.qs:
            return
        last = st.qs[-1]
        closing = next(
            (
                r
                for r in st.made
                if r.rule.startswith("quote-cue")
                and r.cue_span is not None
                and st.qs[0].open is None
                and r.content_span.start <= self.tokens[st.qs[0].start].start
            ),
            None,
        )
        if closing is not None and self.open_parts:
            # By identity: an equal relation or scare quote elsewhere in the text is another one.
            waiting = {id(made) for _, _, made in self.open_parts}
            self.result.scare_quotes[:] = [q for q in self.result.scare_quotes if id(q) not in waiting]
            self.result.attributions[:] = [r for r in self.result.attributions if id(r) not in waiting]
            at = next(i for i, r in enumerate(self.result.attributions) if r is closing)
            for sid, (qs_, qe), _ in self.open_parts:
                rel = Attribution(
                    sentence=sid,
                    source=closing.source,
                    cue=closing.cue,
                    content=self.view.span_text(qs_, qe),
                    type=DIRECT,
                    rule="quotation-before-cue",
                    stance=closing.stance,
                    source_span=closing.source_span,
                    cue_span=closing.cue_span,
                    content_span=self.span(qs_, qe),
                )
                self.result.attributions.insert(at, rel)
                at += 1
            self.open_parts = []
            return
        if last.close is not None:
            self.open_parts = []
            return
        qa, qb = self.view.char_span(last.start, last.end)
        part = next(
            (q for q in self.result.scare_quotes[scare_before:] if (q.span.start, q.span.end) == (qa, qb)), None
        )
        if part is None:
            part = next(
                (
                    r
                    for r in st.made
                    if r.rule == "continuing-quotation" and (r.content_span.start, r.content_span.end) == (qa, qb)
                ),
                None,
            )
        if part is None:  # the part has a cue of its own ('He said: "A. B," ...'): nothing waits
            self.open_parts = []
        else:
            self.open_parts.append((st.sid, (last.start, last.end), part))

    def rule_passive_quoted(self, st: SentenceState) -> None:
        """1. "X was quoted as saying (that) ...": the source stands before the passive cue."""
        for m in self.passive.get(st.n, []):
            np = self.walk_back(m.start, st.a)
            c0 = m.end + (1 if m.end < st.b and self.low(m.end) == "that" else 0)
            end = self.clause_end(c0, st.b, st.qs)
            if end > c0:
                st.made.append(
                    self.add(st.sid, np, None, (m.start, m.end), (c0, end), "passive-quoted", st.qs, "neutral")
                )
                st.used.update(range(m.start, m.end))

    def rule_according_to(self, st: SentenceState) -> None:
        """2. "According to X, ..." / "..., according to X": no verb; "according to plan" is no source."""
        tokens, a, b = self.tokens, st.a, st.b
        for m in self.according.get(st.n, []):
            st.used.update(range(m.start, m.end))
            x0 = m.end
            x1 = x0
            while x1 < b and tokens[x1].text not in {","} | SENTENCE_END:
                x1 += 1
            if x1 == x0:
                continue
            x_text = self.view.span_text(x0, x1).lower()
            first_words = [w for w in x_text.split() if w not in DETERMINERS]
            non_sources = self.lists["according_to_non_sources"]
            if any(x_text.startswith(p) for p in non_sources) or (first_words and first_words[0] in non_sources):
                self.reject(st.sid, m.start, x1, "according to a plan or rule, not a source")
                continue
            if m.start <= a + 1:  # "According to X, CONTENT."
                content = (x1 + 1, self.clause_end(x1 + 1, b, st.qs)) if x1 < b and tokens[x1].text == "," else None
            else:  # "CONTENT, according to X."
                stop = m.start - 1 if tokens[m.start - 1].text == "," else m.start
                content = (a, stop)
            if not content or content[1] <= content[0]:
                self.reject(st.sid, m.start, x1, "no content")
                continue
            st.made.append(
                self.add(st.sid, (x0, x1), None, (m.start, m.end), content, "according-to", st.qs, "neutral")
            )

    def rule_colon_source(self, st: SentenceState) -> None:
        """3. "NAME: CONTENT" opening a sentence (a headline, a transcript): the colon is the cue."""
        a, b = st.a, st.b
        colon = next((i for i in range(a + 1, min(b, a + 6)) if self.tokens[i].text == ":"), None)
        if colon is None or quotes.inside(colon, st.qs):
            return
        words = range(a, colon)
        if colon - a > 3 or not all(
            self.syn.tags[i] in {"NNP", "NNPS"} or self.tokens[i].text in {".", "-"} for i in words
        ):
            return
        if any(self.low(i) in self.lists["colon_cues"] for i in words) or self.syn.tags[colon - 1] not in SOURCE_TAGS:
            return
        end = self.clause_end(colon + 1, b, st.qs) if colon + 1 < b else colon + 1
        if sum(1 for i in range(colon + 1, end) if not self.tokens[i].is_punct) < 3:
            return
        st.used.add(colon)
        self.result.cues.append(Cue(st.sid, ":", "neutral", self.span(colon, colon + 1)))
        st.made.append(
            self.add(st.sid, (a, colon), None, (colon, colon + 1), (colon + 1, end), "colon-source", st.qs, "neutral")
        )

    def rule_reporting_cues(self, st: SentenceState) -> None:
        """4. A cue of reporting-verbs.yml or attribution-cues.yml that passes every guard of
        :data:`CUE_GUARDS`, with its content (after the cue, a quotation before it, or the clause
        before it) and its source (the words before the cue, after it, or the parsed subject)."""
        a, b, qs, sid = st.a, st.b, st.qs, st.sid
        for m in self.cue_matches.get(st.n, []):
            if st.used.intersection(range(m.start, m.end)):
                continue
            reason = next((why for name, why in CUE_GUARDS if getattr(self, "guard_" + name)(st, m)), None)
            if reason is not None:
                self.reject(sid, m.start, m.end, reason)
                continue
            if (
                self.category(m.label).get("content") == "quotation"
                and self.quote_before(m.start, a, qs) is None
                and self.quote_after(m.end, b, self.tokens[m.start].lemma, qs) is None
            ):
                self.reject(sid, m.start, m.end, "reports speech only beside a quotation, and none is here")
                continue
            stance = self.stance(m.label)
            self.result.cues.append(Cue(sid, self.view.span_text(m.start, m.end), stance, self.span(m.start, m.end)))
            self.remember(self.walk_back(m.start, a))
            if not self.category(m.label).get("reports_content", True):
                why = self.category(m.label).get(
                    "no_content_reason", "reports no content, so there is none to attribute"
                )
                self.reject(sid, m.start, m.end, why)
                continue
            if self.category(m.label).get("part_of_speech") == "noun":
                self.nominal(st, m, stance)
                continue
            # A quotation before the cue: '“...,” Lavrov said' or '“...,” said Lavrov'.
            q = self.quote_before(m.start, a, qs)
            after = self.content_after(m, b, qs)
            if q is not None and (after is None or after[2] in ("verb-zero-that", "cue-quote")):
                np, named, rule = self.walk_back(m.start, a), None, "quote-cue"
                if np is None or np[0] < q.outer[1]:
                    np, rule = self.after_cue(m.end, b), "quote-cue+inverted"
                    if np is None or self.tokens[m.start].lemma in RECIPIENT_VERBS or self.bad_source(np):
                        parsed = self.parsed_source(m.start, a, b)
                        if parsed is not None:
                            np, rule = parsed, "quote-cue+parsed"
                    named = self.name(np)
                    if named[1] == "+unresolved" and np is None:
                        named = (None, "")
                first = self.add(sid, np, named, (m.start, m.end), (q.start, q.end), rule, qs, stance)
                st.made.append(first)
                if after is not None and after[2] == "cue-quote":  # '"A," Lavrov said, "B."': B has the same cue
                    how = first.rule[len(rule) :]  # the source span stays with the first part, shown once
                    st.made.append(
                        self.add(
                            sid, None, (first.source, how), (m.start, m.end), after[:2], "split-quotation", qs, stance
                        )
                    )
                continue
            if after is None and self.category(m.label).get("content") != "object-as":  # "see" needs its "as"
                after = self.content_parsed(m, b, qs)
            if after is None:
                as_clause = self.as_clause(st, m)
                if as_clause is not None:
                    np, content = as_clause
                    st.made.append(self.add(sid, np, None, (m.start, m.end), content, "as-clause", qs, stance))
                    continue
                before = self.content_before(st, m)
                if before is not None:
                    np, content, rule = before
                    st.made.append(self.add(sid, np, None, (m.start, m.end), content, rule, qs, stance))
                    continue
                self.reject(sid, m.start, m.end, "no content: the verb reports no words or view")
                self.read_without_content(m)
                continue
            np = self.walk_back(m.start, a)
            rule = after[2]
            if np is not None and self.bad_source(np):
                np = None
            if np is None:
                parsed = self.parsed_source(m.start, a, b)
                np, suffix = (parsed, "+parsed") if parsed is not None else (self.subject(a, b), "+subject")
                if suffix == "+subject" and np is not None and self.bad_source(np):
                    np = None
                source, how = self.name(np)
                st.made.append(
                    self.add(
                        sid, np, (source, suffix if how == "" else how), (m.start, m.end), after[:2], rule, qs, stance
                    )
                )
            else:
                st.made.append(self.add(sid, np, None, (m.start, m.end), after[:2], rule, qs, stance))

    def rule_hedged_source(self, st: SentenceState) -> None:
        """5. "reportedly", "it is understood that", "is said to": source null."""
        covered = [(r.content_span.start, r.content_span.end) for r in st.made]
        for m in self.hedged.get(st.n, []):
            cs, ce = self.view.char_span(m.start, m.end)
            if any(s <= cs and ce <= e for s, e in covered) or quotes.inside(m.start, st.qs):
                continue
            if m.start <= st.a + 1 or self.low(m.start) == "it":
                c0 = m.end + (1 if m.end < st.b and self.low(m.end) in {"that", ","} else 0)
            else:
                c0 = st.a
            st.made.append(
                self.add(
                    st.sid,
                    None,
                    (None, ""),
                    (m.start, m.end),
                    (c0, self.clause_end(c0, st.b, st.qs)),
                    "hedged-source",
                    st.qs,
                    "tentative",
                )
            )

    def rule_quotations_left(self, st: SentenceState) -> None:
        """6. Quotations no relation covers: a continuing quotation, or scare quotes."""
        self.unattributed_quotes(st.sid, st.a, st.b, st.qs, st.made)

    # ----- cue guards (CUE_GUARDS, in order) -------------------------------------------------------
    def guard_fixed_phrase(self, st: SentenceState, m: Match) -> bool:
        return bool(st.traps.intersection(range(m.start, m.end)))

    def guard_inside_quotation(self, st: SentenceState, m: Match) -> bool:
        return quotes.inside(m.start, st.qs)

    def guard_not_a_verb(self, st: SentenceState, m: Match) -> bool:
        if self.category(m.label).get("part_of_speech") == "noun":
            return False
        a = st.a
        prev = self.low(m.start - 1) if m.start > a else ""
        if prev == "-" and not self.tokens[m.start - 1].whitespace:  # "her newly-announced running mate"
            return True
        if prev in NOMINAL_BEFORE or m.start == a or (m.start == a + 1 and self.tokens[a].is_quote):
            return True
        tags, i = self.syn.tags, m.start
        if self.verb_by_position(st, m) or self.headline_verb(st, m):
            return False
        if (
            m.end - m.start == 1
            and self.low(i) in self.lists["noun_first_cues"]
            and not (
                self.low(i - 1) in self.lists["verb_before_cue"] | SUBJECT_PRONOUNS
                or self.tokens[i - 1].text in {",", ";"}
            )
        ):
            return True  # "state funding", "the jobs report": the bare form is a noun
        # Tagged a noun in a noun phrase ("Islamic State", "the report", "Trump's claims"): the
        # tag alone is not trusted after "to" or a modal, where a verb must follow.
        if (
            tags[i] in NOUN_TAGS
            and tags[i - 1] not in {"TO", "MD"}
            and (self.is_cap(i) or tags[i - 1] in NOUN_CONTEXT_TAGS or self.syn.deps[i] in NOMINAL_DEPS)
            and self.syn.child(i, "nsubj") is None
            and self.syn.deps[i] != "ROOT"
        ):
            return True
        if tags[i] in ADJECTIVE_TAGS and self.syn.deps[i] == "amod" and tags[i - 1] in NOUN_CONTEXT_TAGS:
            return True  # "the outlined plan"
        # A participle that modifies a noun ("Russian-backed", "the claims made"): not a report.
        return self.category(m.label).get("part_of_speech") == "verb" and self.syn.deps[m.start] in ("amod", "compound")

    def headline_verb(self, st: SentenceState, m: Match) -> bool:
        """An inflected cue in a headline set in title case ("Carly Fiorina Endorses Ted Cruz"),
        after a capitalised word: there every word is capitalised, so the tagger reads them all as
        names, but an inflected form after a name is the verb."""
        words = [i for i in range(st.a, st.b) if self.tokens[i].text[:1].isalpha()]
        if len(words) < 4 or sum(self.is_cap(i) for i in words) < 0.8 * len(words):
            return False
        i = m.start
        inflected = self.low(i) != self.tokens[i].lemma and self.low(i).endswith(("s", "ed", "old", "aid"))
        return inflected and i > st.a and self.is_cap(i - 1)

    def verb_by_position(self, st: SentenceState, m: Match) -> bool:
        """Word order that only a verb fits, whatever the tagger says: a name or pronoun before
        the cue and "that" or a subject pronoun after it ("economists warn that", "analysts
        predict they will"), or a name right before a cue that ends the sentence ("...,
        Blackwell maintains."). The tagger, trained on little data, reads such verbs as nouns."""
        i, e = m.start, m.end
        if i <= st.a:
            return False
        before = self.tokens[i - 1]
        subject_before = (
            (self.is_cap(i - 1) and i - 1 != st.a)
            or self.low(i - 1) in SUBJECT_PRONOUNS
            or self.syn.tags[i - 1] in {"NNS", "NNPS"}
        )
        if not subject_before or before.is_punct:
            return False
        if self.low(i - 1) in SUBJECT_PRONOUNS:  # "It plans to ...": a subject pronoun before a noun is no determiner
            return True
        if self.is_cap(i) or (self.low(i) in self.lists["noun_first_cues"] and not self.is_cap(i - 1)):
            return False  # "the Islamic State that ...", "a savings plan that ...": a noun after all
        if e < st.b and (self.low(e) in COMPLEMENTISERS or self.low(e) in SUBJECT_PRONOUNS):
            return True
        return self.is_cap(i - 1) and (e >= st.b or self.tokens[e].text in SENTENCE_END)

    def guard_not_a_finite_verb(self, st: SentenceState, m: Match) -> bool:
        """Only for the classes of attribution-cues.yml: their verbs must be tagged as verbs
        ("back" the adverb is no cue), and as finite verbs where the class says ``finite_only``."""
        if m.label not in self.extra.ids or self.category(m.label).get("part_of_speech") != "verb":
            return False
        if self.verb_by_position(st, m) or self.headline_verb(st, m):
            return False
        tag = self.syn.tags[m.start]
        if self.category(m.label).get("finite_only"):
            return tag not in FINITE_TAGS
        return not tag.startswith("VB")

    def guard_not_a_noun(self, st: SentenceState, m: Match) -> bool:
        """Only for nominal cues: tagged as a noun, and not part of a name ("Fox News")."""
        if self.category(m.label).get("part_of_speech") != "noun":
            return False
        return self.syn.tags[m.start] not in NOUN_TAGS or (m.start > st.a and self.is_cap(m.start))

    def guard_negated(self, st: SentenceState, m: Match) -> bool:
        window = [self.tokens[i].lemma for i in range(max(st.a, m.start - 3), m.start)]
        return (
            "not" in window
            or "never" in window
            or any(" ".join(window[i : i + 2]) in self.lists["negators"] for i in range(len(window) - 1))
        )

    def guard_passive(self, st: SentenceState, m: Match) -> bool:
        """Only for the classes of attribution-cues.yml ("is expected to", "was planned")."""
        return m.label in self.extra.ids and self.syn.child(m.start, "aux:pass", "nsubj:pass") is not None

    def guard_first_person(self, st: SentenceState, m: Match) -> bool:
        """Only for the classes of attribution-cues.yml: a thought cue with "I", "we" or "you"
        as subject is a speaker talking (in a transcript or a quotation), not a report."""
        if m.label not in self.extra.ids:
            return False
        subj = self.syn.child(m.start, "nsubj")
        return subj is not None and self.low(subj) in {"i", "we", "you"}

    def guard_nested_thought(self, st: SentenceState, m: Match) -> bool:
        """Only for thought, intention, support and opposition cues: one inside the content of a relation already
        made in the sentence ("said he believes ...") is part of that report, and a thought or
        wish in a relative clause ("Republicans who want to win") describes someone rather than
        reports. Support and opposition there still report a stance ("a PAC that backed Rubio")."""
        if m.label not in NESTING_CLASSES:
            return False
        cs, ce = self.view.char_span(m.start, m.end)
        if any(r.content_span and r.content_span.start <= cs and ce <= r.content_span.end for r in st.made):
            return True
        subj = self.syn.child(m.start, "nsubj")
        return (
            m.label in {"thought", "intention"}
            and self.syn.deps[m.start] in ("acl:relcl", "relcl")
            and subj is not None
            and self.syn.tags[subj] in {"WP", "WDT"}
        )

    def guard_named_thing(self, st: SentenceState, m: Match) -> bool:
        """Only for verbs of naming: right after a singular common noun or "so" the participle
        names the thing ("a formula called ..."); a speaker before it is a name, a pronoun or a
        plural ("critics called it ...")."""
        if self.category(m.label).get("content") != "object-quotation" or m.start <= st.a:
            return False
        prev = self.tokens[m.start - 1]
        word = prev.text.lower()
        return word == "so" or (
            prev.text.isalpha()
            and prev.text.islower()
            and (not word.endswith("s") or word.endswith("ss"))
            and word not in SUBJECT_PRONOUNS | self.lists["source_pronouns"]
        )

    def guard_not_evidence(self, st: SentenceState, m: Match) -> bool:
        subjects = self.category(m.label).get("subjects")
        if not subjects:
            return False
        subj = self.syn.child(m.start, "nsubj")
        near = set(range(max(st.a, m.start - 6), m.start))
        if subj is not None:
            near.update(range(*self.syn.subtree(subj)))
        return not any(self.tokens[i].lemma in subjects for i in near)

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
        # Up to three lower-case modifiers tagged as adjectives or nouns before a name
        # ("said former Gov. Bill Richardson", "said conservative activist Bob Klaus").
        k = j
        while (
            k < min(b, j + 3)
            and not self.is_cap(k)
            and self.low(k) not in self.lists["speaker_nouns"]
            and self.syn.tags[k] in ADJECTIVE_TAGS | NOUN_TAGS
        ):
            k += 1
        if k > j and k < b and self.is_cap(k):
            j = k
        end = j
        while end < b and (
            self.is_cap(end)
            or self.low(end) in self.lists["speaker_nouns"]
            or (self.low(end) in {"foreign", "senior", "deputy", "russian", "ukrainian"})
        ):
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
    finder.result.attributions = source_span.describe_sources(view, finder.result.attributions)
    return finder.result


def attributions_in(text_or_document) -> list[Attribution]:
    """Convenience: the relations of a text (str) or a parsed document."""
    from . import text as text_model

    document = text_model.parse(text_or_document) if isinstance(text_or_document, str) else text_or_document
    return find_attributions(DocView(document)).attributions
