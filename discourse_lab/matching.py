"""Find lexicon cues in a parsed document with spaCy's PhraseMatcher.

:class:`DocView` rebuilds one spaCy ``Doc`` from the tokens of :func:`text.parse` (words,
spaces and the same lower-cased lookup lemmas), so the matchers see exactly the tokens, ids and
offsets the rest of the toolkit uses; no pipeline is run twice. :func:`find` runs a lexicon's
phrase matcher over it and keeps the longest match where matches overlap.

What this cannot do: the matchers compare words, not parts of speech, so a cue that is both a
noun and a verb ("claims", "report") matches in both uses. The attribution rules tell the two
apart with the project's tagger and parser (:mod:`discourse_lab.syntax`); the other analyses
filter such cases by context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from . import lexicons, text

# spaCy token attribute used for each lexicon's `match` mode.
ATTRS = {"lemma": "LEMMA", "lower": "LOWER", "orth": "ORTH"}


class Match(NamedTuple):
    """A cue found in the document: token range [start, end) of the DocView, and its category."""

    label: str
    start: int
    end: int


@dataclass
class DocView:
    """A parsed :class:`text.Document` seen as one spaCy Doc, with maps back to sentences."""

    document: text.Document

    @cached_property
    def tokens(self) -> list[text.Token]:
        return [t for s in self.document.sentences for t in s.tokens]

    @cached_property
    def sentence_index(self) -> list[int]:
        """For each token, the index of its sentence in ``document.sentences``."""
        return [i for i, s in enumerate(self.document.sentences) for _ in s.tokens]

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """Token range [start, end) of each sentence."""
        bounds, pos = [], 0
        for s in self.document.sentences:
            bounds.append((pos, pos + len(s.tokens)))
            pos += len(s.tokens)
        return bounds

    @cached_property
    def doc(self):
        from spacy.tokens import Doc

        tokens = self.tokens
        starts: list[bool | int | None] = [False] * len(tokens)  # the type spaCy's Doc takes
        for a, _ in self.sentence_bounds:
            if a < len(tokens):
                starts[a] = True
        return Doc(
            text.nlp().vocab,
            words=[t.text for t in tokens],
            spaces=[t.whitespace for t in tokens],
            lemmas=[t.lemma for t in tokens],
            sent_starts=starts,
        )

    def span_text(self, start: int, end: int) -> str:
        """The document's characters covered by tokens [start, end)."""
        if end <= start:
            return ""
        return self.document.text[self.tokens[start].start : self.tokens[end - 1].end]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tokens[start].start, self.tokens[end - 1].end


def _pattern_doc(phrase: str, attr: str):
    """A pattern Doc carrying the same lower-cased lookup lemmas as parsed text."""
    from spacy.tokens import Doc

    nlp = text.nlp()
    if attr != "LEMMA":
        return nlp.make_doc(phrase)
    processed = nlp(phrase)
    return Doc(
        nlp.vocab,
        words=[t.text for t in processed],
        spaces=[bool(t.whitespace_) for t in processed],
        lemmas=[(t.lemma_ or t.text).lower() for t in processed],
    )


@lru_cache(maxsize=None)
def phrase_matcher(key: str, attr: str, entries: tuple[tuple[str, tuple[str, ...]], ...]):
    """A PhraseMatcher with one label per entry; cached by ``key`` for the life of the process."""
    from spacy.matcher import PhraseMatcher

    nlp = text.nlp()
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for label, phrases in entries:
        matcher.add(label, [_pattern_doc(p, attr) for p in phrases])
    return matcher


def lexicon_matcher(lexicon: lexicons.Lexicon):
    entries = tuple((c.id, c.cues) for c in lexicon.categories)
    return phrase_matcher(lexicon.name, ATTRS[lexicon.match], entries)


def longest(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest first on ties), sorted by position."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def run(view: DocView, matcher, keep_longest: bool = True) -> list[Match]:
    """Matches of ``matcher`` in the view that stay inside one sentence."""
    strings = view.doc.vocab.strings
    index = view.sentence_index
    found = [
        Match(strings[match_id], start, end)
        for match_id, start, end in matcher(view.doc)
        if index[start] == index[end - 1]
    ]
    return longest(found) if keep_longest else sorted(found, key=lambda m: m.start)


def find(view: DocView, lexicon: lexicons.Lexicon) -> list[Match]:
    """Every cue of ``lexicon`` in the document, longest match first where they overlap."""
    return run(view, lexicon_matcher(lexicon))


def find_phrases(view: DocView, key: str, phrases: tuple[str, ...], attr: str = "LOWER") -> list[Match]:
    """Matches of a plain list of phrases, all under the label ``key``."""
    return run(view, phrase_matcher(key, attr, ((key, phrases),)))
