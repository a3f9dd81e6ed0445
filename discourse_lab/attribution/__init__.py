"""Attribution relations: who is reported (source), by what words (cue), saying what (content).

The model is PARC's (Pareti 2016): a relation has a source, a cue and a content span, and here a
type — ``direct`` (the content is a quotation), ``indirect`` (a reported clause with no quotation
marks) or ``mixed`` (a paraphrase carrying a quoted fragment). PARC counts as attribution not only
speech but thoughts, beliefs, intentions and evidence, cued by verbs, nouns or prepositions;
``reporting-verbs.yml`` holds the verbs of saying the lessons sort by stance, and
``attribution-cues.yml`` the other PARC types, each mapped onto the stance the lessons teach.
Every relation names the rule that produced it, so a student can check the reasoning.

The package is a set of rule functions over one parsed document, in the way textacy's
``extract/triples.py`` and spaCy's matchers are written:

* :mod:`.context` — :class:`~.context.Context` (the tokens, the parse of the project's own
  tagger and parser, the cue matches, the word lists) and :class:`~.context.SentenceState`
  (what the rules have found in a sentence), passed into every rule and returned, never changed;
* :mod:`.rules` — :data:`RULES`, the one ordered table of rules, each a function
  ``rule(ctx, st) -> SentenceState``:

  1. ``passive_quoted``: "X was quoted as saying (that) ..." — source before the cue.
  2. ``according_to``: "According to X, ..." / "..., according to X" — no verb; "according to plan"
     and the other non-sources in ``attribution-rules.yml`` are rejected.
  3. ``colon_source``: "NAME: CONTENT" opening a sentence (headlines, transcripts) — the colon is the cue.
  3a. ``renewed_call``: "repeated its call for X to ...", "Renew Demand" in a headline — the verb
     of renewing and the noun of request are one cue.
  4. ``reporting_cues`` (:mod:`.reporting`): a cue of the two lexicons that passes every guard of
     :data:`CUE_GUARDS` (:mod:`.guards`, a table: each guard beside the reason a student reads
     when it rejects a cue), then a content (:mod:`.contents`, tried in the order of
     ``AFTER_CUE``): ``verb-that`` (that-clause), ``verb-question`` (whether/if), ``verb-as``
     ("described the plan as reckless", "see golf courses as wasted space"), ``verb-object`` (a
     noun-phrase content after "outline", "accuse", "cite", ...; a gerund clause, "reported
     raising $9 million"; someone and a to-infinitive after "urge", "expect", "want"; the object
     and its label after a verb of naming, 'called the law "much better"'), ``verb-infinitive`` (a promise, threat, request or
     plan and the action it is about: "vowed to reopen", "asked to depose"), ``verb-zero-that``
     ("said Russia would ..."), ``verb-clause`` (the clause the parser hangs from the cue: "said
     on Tuesday that", "wants to"), ``quote-cue`` (a quotation before the cue) and ``cue-quote``
     (right after it, or after a colon, a comma or a short recipient: a quotation further into a
     reported clause makes the clause mixed); ``split-quotation`` for the second part of a
     quotation its cue interrupts; ``clause-cue`` for a content before the cue ("..., officials
     said.") and ``clause-cue+interposed`` for "A, she said, B"; ``as-clause`` for "As X
     observed, CONTENT", "CONTENT, as X noted in ...", "A, as X attested, B" and "CONTENT, as X
     put it" (the quotation it points at); ``relative-object`` for "a policy which the UN has
     criticised" (:mod:`.before_cue`); ``verb-nominal`` for a verb whose object is a report
     ("echoed the president's statement, ..., that"); ``nominal-that`` / ``nominal-of`` for a
     noun cue ("the allegations that ...", "claims of fraud") and ``nominal-owned`` for one
     with its owner and a preposition ("Trump's attacks on Curiel"). A verb of saying after a
     name inside a quotation reports a nested attribution ('"The minister told us ...," the
     envoy said'). Verbs that
     name a topic only ("addressed") never make a relation.
  5. ``hedged_source``: "reportedly", "it is understood that", "is said to", "is expected to" —
     source null.
  6. ``quotations_left`` (:mod:`.quotations`): a quotation with no cue of its own that continues
     the previous speaker (``continuing-quotation``, cue null), else a scare quote. A quotation
     left open at the end of a sentence runs on through the following sentences of its
     paragraph; when it closes on a cue that names its source ('"We will not sign. It is
     unfair," the deputy added.'), its earlier sentences take that source and cue
     (``quotation-before-cue``).

* :mod:`.sources` — finding and naming the source; :mod:`.relations` — making a relation;
  :mod:`.document` — the sentences in order, with the state one passes to the next;
* :mod:`.lexicon` — every word list (``attribution-rules.yml``), number and tag class
  (``attribution-parameters.yml``) the rules read, each with its origin in ``data/lexicons/``.

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
clause; discontinuous contents are one span (or two relations for a split quotation); a nested
attribution inside a quotation is reported only after a name or a speaker noun, and a nested
wish or stance inside another report's content not at all; a quotation over several paragraphs is cut at
each paragraph's end. Measured on real political news (PolNeAR,
``benchmarks/attribution_polnear.py``) the rules find a little over half of the relations that
annotators mark, well over four in five of those they report being right; lesson 8 reports the figures.
"""

from __future__ import annotations

from .context import SentenceState
from .document import find_attributions
from .guards import CUE_GUARDS
from .model import DIRECT, INDIRECT, MIXED, Attribution, AttributionResult, Cue, Rejection, ScareQuote, Span
from .reporting import NO_AS_CLAUSE, NO_CONTENT_REASON, NO_NOMINAL_CONTENT, NO_QUOTATION, REPORTS_NOTHING
from .rules import RULES

# Every reason a rejected cue can carry that the rules themselves write (a category of
# reporting-verbs.yml may give its own ``no_content_reason``).
REJECTION_REASONS: tuple[str, ...] = (
    *(why for _, why in CUE_GUARDS),
    NO_QUOTATION,
    NO_AS_CLAUSE,
    REPORTS_NOTHING,
    NO_NOMINAL_CONTENT,
    NO_CONTENT_REASON,
    "according to a plan or rule, not a source",
    "no content",
)


def attributions_in(text_or_document) -> list[Attribution]:
    """Convenience: the relations of a text (str) or a parsed document."""
    from .. import text as text_model
    from ..matching import DocView

    document = text_model.parse(text_or_document) if isinstance(text_or_document, str) else text_or_document
    return find_attributions(DocView(document)).attributions


__all__ = [
    "CUE_GUARDS",
    "DIRECT",
    "INDIRECT",
    "MIXED",
    "REJECTION_REASONS",
    "RULES",
    "Attribution",
    "AttributionResult",
    "Cue",
    "Rejection",
    "ScareQuote",
    "SentenceState",
    "Span",
    "attributions_in",
    "find_attributions",
]
