"""The source of each relation as the text gives it: its whole span, its head, its kind, the
antecedent of a pronoun and the entity the source stands for.

The rules find where a source is; this step, run once over a document's relations in order,
describes it (PARC's source span, Pareti 2016):

* ``source_text``: the span as written, grown to the whole noun phrase when the rules found only
  part of it ("officials in besieged Kherson", not "besieged Kherson"; "The Under-Secretary-General
  for Political Affairs, Maria Lind", not "The Under-Secretary");
* ``source_head``: the word the phrase is about ("diplomats" in "Two diplomats"; the surname of a
  named person, "Lind");
* ``source_kind``: ``named-person``, ``named-organisation``, ``unnamed`` (anonymous or generic),
  ``pronoun`` or ``none`` (agentless: "reportedly", "it is understood");
* ``antecedent``: for a pronoun, the earlier source mention it stands for ("he" -> "Lavrov");
* ``source_entity``: the key :mod:`discourse_lab.entities` gives the source, so a surname, a title
  or a pronoun counts as the full name it refers to.

``source`` keeps its meaning: the name of the source, None when no one is named; a pronoun the
rules left unresolved ("it added") takes its antecedent's name, and a grown span its name.
Word lists: ``data/lexicons/source-kinds.yml`` and ``attribution-rules.yml``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import entities, lexicons
from .entities import ORGANISATION, PERSON

UNNAMED, PRONOUN, NONE = "unnamed", "pronoun", "none"
KINDS = (PERSON, ORGANISATION, UNNAMED, PRONOUN, NONE)
# Words that end a source's head phrase: a preposition or a comma starts what modifies the head.
HEAD_ENDS = frozenset({"in", "from", "of", "at", "for", "with", "on", "to", ","})
# Words that may join a name grown rightwards ("-General for Political Affairs, Maria Lind").
NAME_GLUE = frozenset({"-", "for", "of", "and", "the", ","})
# Prepositions that join an unnamed head to its place ("officials in Kherson", "diplomats from Paris").
PLACE_PREPOSITIONS = frozenset({"in", "from", "at", "of", "with"})
# Longest place phrase after an unnamed head ("from the monitoring mission").
MAX_PLACE_TOKENS = 6
# Sentences back a pronoun may look for its antecedent: the paragraph's recent speakers.
PRONOUN_REACH = 3


@dataclass(frozen=True)
class SourceInfo:
    """What a relation's source is: see the module docstring."""

    text: str | None
    head: str | None
    kind: str
    antecedent: str | None = None
    entity: str | None = None
    name: str | None = None  # the relation's ``source`` after this step
    start: int | None = None  # character range of ``text`` in the document
    end: int | None = None

    def to_dict(self) -> dict:
        return {
            "source_span": self.text,
            "source_head": self.head,
            "source_kind": self.kind,
            "antecedent": self.antecedent,
            "source_entity": self.entity,
        }


def _lists() -> dict[str, frozenset[str]]:
    return {**lexicons.attribution_lists(), **entities.words()}


class _Tokens:
    """Token positions of a document view by character offset."""

    def __init__(self, view):
        self.view = view
        self.tokens = view.tokens
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.by_end = {t.end: i for i, t in enumerate(self.tokens)}

    def range_of(self, start: int, end: int) -> tuple[int, int] | None:
        a, b = self.by_start.get(start), self.by_end.get(end)
        return None if a is None or b is None else (a, b + 1)

    def low(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def cap(self, i: int) -> bool:
        return self.tokens[i].text[:1].isupper()


def _grow(tok: _Tokens, span: tuple[int, int], cue_start: int | None, bounds: tuple[int, int]) -> tuple[int, int]:
    """The whole noun phrase around a span the rules found part of."""
    lists = _lists()
    a, b = span
    lo, hi = bounds
    # Leftwards over "<unnamed head> <preposition>": "officials in | besieged Kherson".
    if a - 2 >= lo and tok.low(a - 1) in PLACE_PREPOSITIONS and tok.low(a - 2) in lists["unnamed_source_heads"]:
        a -= 2
        while (
            a - 1 >= lo
            and not tok.tokens[a - 1].is_punct
            and tok.low(a - 1) not in lists["clause_openers"]
            and (
                tok.low(a - 1) in lists["determiners"]
                or tok.low(a - 1).isdigit()
                or tok.low(a - 1) in {"two", "three", "several", "some", "many", "senior", "western"}
            )
        ):
            a -= 1
    # Rightwards over "<preposition> ..." up to the cue: "Observers | from the monitoring mission | said".
    if (
        cue_start is not None
        and b < cue_start <= hi
        and tok.low(b - 1) in lists["unnamed_source_heads"]
        and tok.low(b) in PLACE_PREPOSITIONS
        and cue_start - b <= MAX_PLACE_TOKENS
        and not any(tok.tokens[i].is_punct for i in range(b, cue_start))
    ):
        return a, cue_start
    # Rightwards up to the cue over a title and an apposition: "The Under-Secretary | -General for
    # Political Affairs, Maria Lind | , noted".
    if cue_start is not None and b < cue_start <= hi:
        end = cue_start
        while end > b and tok.tokens[end - 1].text in {",", " "}:
            end -= 1
        stretch = range(b, end)
        if (
            end > b
            and tok.cap(end - 1)
            and all(tok.cap(i) or tok.low(i) in NAME_GLUE for i in stretch)
            and any(tok.tokens[i].text == "," for i in stretch) | (tok.tokens[b].text == "-")
        ):
            b = end
    return a, b


def _head(words: list[str], name: str | None) -> str | None:
    if name:
        return name.split()[-1]
    cut = next((i for i, w in enumerate(words) if w.lower() in HEAD_ENDS and i > 0), len(words))
    head = words[:cut]
    return entities.POSSESSIVE.sub("", head[-1]) if head else None


def _named_kind(text: str, head: str | None, index: entities.EntityIndex) -> str:
    """A named source: a person or an organisation (a body, a state, a document it issued)."""
    lists = _lists()
    key = entities.normalise(text)
    low = [entities.POSSESSIVE.sub("", w).lower() for w in text.replace(",", " ").split()]
    if (
        key.lower() in lists["states"]
        or (head or "").lower() in lists["organisation_heads"]
        and not index.is_person(text)
    ):
        return ORGANISATION
    if any(w in lists["place_words"] for w in low):
        return ORGANISATION
    if any(w in lists["honorifics"] for w in low) or any(entities._is_title(w) for w in low):
        return PERSON
    if head and len(head) > 1 and head.isupper():  # an acronym: "AFP", "NATO"
        return ORGANISATION
    name = entities.person_name(text)
    # A capitalised name that is no state or body is a person's, a surname alone included ("Kuleba").
    return PERSON if name else ORGANISATION


def _antecedent(word: str, sid_index: int, done: list[tuple[int, SourceInfo]]) -> SourceInfo | None:
    """The nearest earlier named source a pronoun fits: a person for he/she, an organisation for
    it/they, within the last few sentences."""
    lists = _lists()
    wanted = (
        {PERSON} if word in lists["person_pronouns"] else {ORGANISATION} if word in lists["group_pronouns"] else set()
    )
    for n, info in reversed(done):
        if sid_index - n > PRONOUN_REACH:
            return None
        if info.kind in wanted:
            return info
    return None


def describe(view, relations) -> list[SourceInfo]:
    """The :class:`SourceInfo` of each relation, in the order given (the document's)."""
    tok = _Tokens(view)
    lists = _lists()
    index = entities.EntityIndex()
    sentence_of = {s.id: n for n, s in enumerate(view.document.sentences)}
    read_upto = -1
    done: list[tuple[int, SourceInfo]] = []
    out: list[SourceInfo] = []
    for rel in relations:
        n = sentence_of.get(rel.sentence, 0)
        while read_upto < n:  # names of every sentence up to this one, before keying its sources
            read_upto += 1
            index.read(view.document.sentences[read_upto].text)
        info = _describe_one(rel, n, tok, index, done, lists)
        done.append((n, info))
        out.append(info)
    return [_settled(info, index) for info in out]


def _settled(info: SourceInfo, index: entities.EntityIndex) -> SourceInfo:
    """A source keyed before the text had given its full name: "Lavrov said ... Sergey Lavrov added"."""
    entity = index.settle(info.entity)
    return info if entity == info.entity else dataclasses.replace(info, entity=entity)


def describe_sources(view, relations: list) -> list:
    """The relations with ``source_info`` (a :class:`SourceInfo`) set, and ``source`` and
    ``source_span`` updated where this step names or spans the source better than the rules."""
    from .attribution import Span

    out = []
    for rel, info in zip(relations, describe(view, relations)):
        span = rel.source_span
        if (
            info.start is not None
            and info.end is not None
            and info.text is not None
            and (span is None or (span.start, span.end) != (info.start, info.end))
        ):
            span = Span(info.start, info.end, info.text)
        out.append(dataclasses.replace(rel, source=info.name, source_span=span, source_info=info))
    return out


def _describe_one(rel, n, tok: _Tokens, index, done, lists) -> SourceInfo:
    span = rel.source_span
    if span is None and rel.source is not None:  # a quotation continued or split: its speaker's source
        earlier = next((info for _, info in reversed(done) if info.name == rel.source), None)
        if earlier is not None:
            return earlier
    rng = None if span is None else tok.range_of(span.start, span.end)
    if rng is None:
        return (
            SourceInfo(None, None, NONE, name=rel.source)
            if span is None
            else SourceInfo(
                span.text, span.text.split()[-1], UNNAMED if rel.source is None else ORGANISATION, name=rel.source
            )
        )
    cue_tok = None if rel.cue_span is None else tok.by_start.get(rel.cue_span.start)
    grown = _grow(tok, rng, cue_tok, tok.view.sentence_bounds[n])
    a, b = grown
    text = tok.view.span_text(a, b)
    start, end = tok.tokens[a].start, tok.tokens[b - 1].end
    words = text.split()
    if b - a == 1 and tok.low(a) in lists["person_pronouns"] | lists["group_pronouns"] | lists["speaker_pronouns"]:
        return _pronoun(rel, text, n, done, lists, start, end)
    name = rel.source
    if grown != rng:  # the rules' name came from part of the phrase: name the whole one again
        person = entities.person_name(text) if "," in text else None
        head_word = words[0] if tok.low(a) in lists["unnamed_source_heads"] else None
        name = person if person else None if head_word else rel.source
    if name is None:
        return SourceInfo(text, _head(words, None), UNNAMED, name=None, start=start, end=end)
    kind_head = _head(words, None)
    kind = _named_kind(text, kind_head, index)
    person = entities.person_name(text) if kind == PERSON else None
    head = _head(words, person)
    entity = index.key(text, kind)
    return SourceInfo(text, head, kind, entity=entity, name=name, start=start, end=end)


def _pronoun(rel, text, n, done, lists, start, end) -> SourceInfo:
    word = text.lower()
    earlier = None
    if rel.source and rel.source.lower() != word:  # the rules resolved it: find the mention they meant
        earlier = next((info for _, info in reversed(done) if info.name == rel.source and info.kind != PRONOUN), None)
        if earlier is None:
            return SourceInfo(
                text, text, PRONOUN, antecedent=rel.source, entity=rel.source, name=rel.source, start=start, end=end
            )
    elif word not in lists["speaker_pronouns"]:
        earlier = _antecedent(word, n, done)
    if earlier is None:
        name = rel.source if word in lists["speaker_pronouns"] else None
        return SourceInfo(text, text, PRONOUN, name=name, start=start, end=end)
    return SourceInfo(
        text, text, PRONOUN, antecedent=earlier.text, entity=earlier.entity, name=earlier.name, start=start, end=end
    )
