"""The "replace it with *said*" test: each reporting cue of a text, swapped for a form of "say".

Newsroom guidance and discourse analysts treat "said" as the baseline reporting verb: it only
*appears* neutral (Caldas-Coulthard 1994), but every other verb adds something to it — a
commitment to the content (factive "revealed"), insistence ("asserted"), doubt ("claimed"), a
charge ("accused"). Swapping the cue for "said" and reading the two sentences side by side
shows what the original verb contributed. :func:`swaps` does the swap for every cue the
toolkit found (:attr:`discourse_lab.analysis.Analysis.cues`) and says, from the cue's stance
category in ``data/lexicons/reporting-verbs.yml``, what the swap takes away.

How the form of "say" is chosen (rules, in order, on the cue's first word):

* ``-ing`` form ("revealing") → "saying";
* a cue ending in "as" ("described as") → a form of "call", since "said" cannot take a label;
* a third-person ``-s`` form ("emphasizes") → "says";
* any other form that differs from its lemma ("emphasized", "told") → "said";
* the bare form after "to" or a modal ("to later accuse") → "say";
* the bare form otherwise → "said" for verbs whose past is spelled like the base ("shed", "cast",
  "set", "put"; news narrates in the past), else "say".

What this cannot do: it swaps words, not grammar. "Accuse Ukraine of reneging" becomes "say
Ukraine of reneging", and "the interview shed light on X" becomes "the interview said X". A
broken swap is itself a result: the original verb did more than report words (it packed a
charge, or it was the writer's own comment with no one's words behind it).
"""

from __future__ import annotations

from typing import NamedTuple

from . import lexicons

# Verbs whose past tense is spelled like the base form.
SAME_FORM_PAST = frozenset({"shed", "cast", "set", "put", "spread", "let", "read", "hit"})
# Words after which a verb is in its base form ("to accuse", "would insist").
BASE_FORM_AFTER = frozenset(
    {"to", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "did", "does", "do"}
)
# Adverbs that may stand between "to" and the verb ("to later accuse").
SPLITTING_ADVERBS = frozenset(
    {"later", "also", "then", "again", "once", "repeatedly", "publicly", "firmly", "not", "never"}
)

# What the swap takes away, by stance category of reporting-verbs.yml. A category added to the
# lexicon without a note here gets GENERIC_NOTE.
NOTES = {
    "neutral": "Little changes: the verb already adds no verdict on the content.",
    "endorsing": "With \u201csaid\u201d the writer stops vouching for the content: it becomes the speaker's claim, no longer a fact brought to light.",
    "assertive": "\u201cSaid\u201d drops the insistence: the claim stays the speaker's, but no longer sounds forceful.",
    "distancing": "\u201cSaid\u201d removes the doubt or distance the verb put between the writer and the content.",
    "confrontational": "\u201cSaid\u201d removes the charge: the verb itself no longer frames the report as an attack or a rebuttal.",
    "concessive": "\u201cSaid\u201d removes the implication that the speaker gave ground and that the content is true.",
    "tentative": "\u201cSaid\u201d makes a hedged offer sound like a plain statement.",
    "directive": "\u201cSaid\u201d turns a demand into a statement.",
    "topic": "\u201cSaid\u201d needs a content, and there is none: the verb named a topic only.",
    "evaluation": "\u201cSaid\u201d needs a content, and there is none: the cue was the writer's own verdict on a thing.",
}
GENERIC_NOTE = "Compare the two sentences: what did the original verb add to \u201csaid\u201d?"
NO_CONTENT_NOTE = (
    "No one's words are reported here, so \u201csaid\u201d does not fit: the original cue is the writer's own comment."
)


class Swap(NamedTuple):
    sentence: str  # sentence id
    cue: str  # the cue as written
    stance: str  # stance category id
    stance_label: str
    writer_stance: str  # what the category does to the writer's commitment
    attributed: bool  # did the cue make an attribution relation (with a content)?
    replacement: str  # the form of "say" (or "call") put in its place
    original: str  # the sentence as written
    swapped: str  # the sentence with the cue replaced
    note: str  # what the swap takes away
    at: int  # where the cue (and its replacement) starts in the sentence


def say_form(cue_words: list[str], cue_lemma: str, word_before: str | None) -> str:
    """The form of "say" (or "call", for "described as") that fits where the cue stood."""
    first = cue_words[0].lower()
    call = len(cue_words) > 1 and cue_words[-1].lower() == "as"
    base, third, past, ing = ("call", "calls", "called", "calling") if call else ("say", "says", "said", "saying")
    if first.endswith("ing") and first != cue_lemma:
        return ing
    if first != cue_lemma and first.endswith("s") and first in (cue_lemma + "s", cue_lemma + "es"):
        return third
    if first != cue_lemma:
        return past
    if word_before is not None and word_before.lower() in BASE_FORM_AFTER:
        return base
    return past if first in SAME_FORM_PAST else base


def _word_before(sentence, start: int) -> str | None:
    """The nearest word before character ``start`` of the text, skipping splitting adverbs."""
    words = [t for t in sentence.tokens if t.end <= start and not t.is_punct]
    while words and words[-1].text.lower() in SPLITTING_ADVERBS:
        words.pop()
    return words[-1].text if words else None


def swaps(analysis) -> list[Swap]:
    """Every reporting cue of an :class:`~discourse_lab.analysis.Analysis`, swapped for "said"."""
    document = analysis.document
    verbs = lexicons.reporting_verbs()
    attributed_spans = {(r.cue_span.start, r.cue_span.end) for r in analysis.attributions if r.cue_span is not None}
    out = []
    for cue in analysis.cues:
        sentence = document.sentence(cue.sentence)
        tokens = [t for t in sentence.tokens if cue.span.start <= t.start and t.end <= cue.span.end]
        words = [t.text for t in tokens] or cue.text.split()
        lemma = tokens[0].lemma if tokens else words[0].lower()
        replacement = say_form(words, lemma, _word_before(sentence, cue.span.start))
        a, b = cue.span.start - sentence.start, cue.span.end - sentence.start
        swapped = sentence.text[:a] + replacement + sentence.text[b:]
        try:
            category = verbs.category(cue.stance)
            label, writer = category.label, category.get("writer_stance", "")
        except KeyError:
            label, writer = cue.stance, ""
        attributed = (cue.span.start, cue.span.end) in attributed_spans
        if attributed or cue.stance == "topic":
            note = NOTES.get(cue.stance, GENERIC_NOTE)
        else:
            note = NO_CONTENT_NOTE
        out.append(
            Swap(
                cue.sentence,
                cue.text,
                cue.stance,
                label,
                writer,
                attributed,
                replacement,
                sentence.text,
                swapped,
                note,
                a,
            )
        )
    return out


def _window(text: str, start: int, length: int, words: int):
    """``text`` cut to ``words`` words either side of [start, start + length), the span marked.

    The mark is an underlined ``<mark>``, so the change is not shown by colour alone.
    """
    from markupsafe import Markup

    before, span, after = text[:start], text[start : start + length], text[start + length :]
    head = before.split(" ")
    tail = after.split(" ")
    if words and len(head) > words + 1:
        before = "\u2026 " + " ".join(head[-(words + 1) :])
    if words and len(tail) > words + 1:
        after = " ".join(tail[: words + 1]) + " \u2026"
    return Markup(
        '{}<mark class="dl-swap" style="text-decoration:underline;text-decoration-thickness:2px">{}</mark>{}'
    ).format(before, span, after)


def table_html(rows: list[Swap], caption: str = "", attributed: bool | None = None, words: int = 7):
    """The swaps as an HTML table: each cue in a window of ``words`` words either side, as
    written and with "said" in its place (0 shows whole sentences). ``attributed`` keeps only
    the cues that make (True) or do not make (False) an attribution. Source text is escaped.
    """
    from markupsafe import Markup

    from .tables import table_html as build

    body = []
    for row in rows:
        if attributed is not None and row.attributed != attributed:
            continue
        cue = Markup("{}<br><small>{}</small>").format(row.cue, row.stance_label)
        body.append(
            (
                Markup("<code>{}</code>").format(row.sentence),
                cue,
                _window(row.original, row.at, len(row.cue), words),
                _window(row.swapped, row.at, len(row.replacement), words),
                row.note,
            )
        )
    headers = ["id", "cue", "as written", "with \u201csaid\u201d", "what the swap takes away"]
    return build(headers, body, caption, "dl-said-test")
