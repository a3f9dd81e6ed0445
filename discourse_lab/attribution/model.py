"""The records the attribution rules produce: relations, cues, scare quotes and rejected cues.

The model is PARC's (Pareti 2016): a relation has a source, a cue and a content span, and here a
type: ``direct`` (the content is a quotation), ``indirect`` (a reported clause with no quotation
marks) or ``mixed`` (a paraphrase carrying a quoted fragment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # source_span imports this module for Span
    from ..source_span import SourceInfo

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"


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
    source_info: SourceInfo | None = field(default=None, compare=False)

    @property
    def content_bounds(self) -> tuple[int, int]:
        """[start, end) of the content; every relation the rules make has a content span."""
        assert self.content_span is not None, "a relation without a content span"
        return self.content_span.start, self.content_span.end

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
class AttributionResult:
    attributions: list[Attribution] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
