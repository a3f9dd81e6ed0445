"""One call that runs every analysis on a document: ``analyze(document) -> Analysis``.

The pipeline is the one the chapters teach, in order: segment (``text``), find attribution
relations (``attribution``), decide each sentence's voice (``voice``), then framing markers
(``framing``) and bias indicators (``bias``). ``Analysis.to_dict()`` is the JSON the
``discourse-lab analyze`` command prints::

    {"sentences": [{"id", "paragraph", "text", "voice"}],
     "attributions": [{"sentence", "source", "cue", "content", "type", "rule"}],
     "cues": [...], "scare_quotes": [...], "rejected_cues": [...],
     "framing": {...}, "bias": {...}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import bias, framing, text
from .attribution import AttributionResult, find_attributions
from .bias import BiasCue
from .errors import DataFileError
from .matching import DocView
from .voice import Voice, classify


@dataclass
class Analysis:
    document: text.Document
    result: AttributionResult
    voices: list[Voice]
    view: DocView = field(repr=False)

    @property
    def attributions(self):
        return self.result.attributions

    @property
    def cues(self):
        return self.result.cues

    @property
    def scare_quotes(self):
        return self.result.scare_quotes

    @cached_property
    def voice_of(self) -> dict[str, str]:
        return {v.sentence: v.voice for v in self.voices}

    @cached_property
    def framing(self) -> dict:
        return framing.summary(self.view)

    @cached_property
    def bias(self) -> dict:
        return bias.summary(self.view, self.attributions, self.voices, self.cues)

    # BiasCue, not bias.BiasCue: in this class's body `bias` names the property above, not the module.
    @cached_property
    def bias_cues(self) -> list[BiasCue]:
        return bias.find_cues(self.view, self.attributions, self.cues)

    def to_dict(self) -> dict:
        return {
            "dateline": None if self.document.dateline is None else self.document.dateline.text,
            "word_count": self.document.word_count,
            "sentences": [
                {"id": s.id, "paragraph": s.paragraph, "text": s.text, "voice": self.voice_of[s.id]}
                for s in self.document.sentences
            ],
            "attributions": [a.to_dict() for a in self.attributions],
            "cues": [c.to_dict() for c in self.cues],
            "scare_quotes": [q.to_dict() for q in self.scare_quotes],
            "rejected_cues": [r.to_dict() for r in self.result.rejected],
            "voice_reasons": {v.sentence: v.reason for v in self.voices},
            "framing": self.framing,
            "bias": self.bias,
        }


def analyze(document: text.Document | str) -> Analysis:
    """Run every analysis on a parsed document (or on a string, which is parsed first)."""
    if isinstance(document, str):
        document = text.parse(document)
    view = DocView(document)
    result = find_attributions(view)
    return Analysis(document=document, result=result, voices=classify(view, result.attributions), view=view)


# The longest file ``analyze_path`` reads: about 800,000 words, analysed in bounded memory.
MAX_FILE_CHARS = 5_000_000


def analyze_path(path: Path) -> Analysis:
    """Analyse a UTF-8 text file; raises DataFileError (one line) for a missing, empty,
    binary, non-UTF-8 or too long file, or one with a paragraph too long to segment."""
    from . import datafiles

    body = datafiles.read_text(Path(path))
    if not body.strip():
        raise DataFileError(path, "is empty")
    if len(body) > MAX_FILE_CHARS:
        raise DataFileError(path, f"is {len(body):,} characters long; the limit is {MAX_FILE_CHARS:,} (split the file)")
    try:
        document = text.parse(body)
    except text.TextTooLongError as exc:
        raise DataFileError(path, str(exc)) from None
    return analyze(document)


def text_report(analysis: Analysis) -> str:
    """A plain-text report for the terminal: each sentence with its voice, relations and cues."""
    lines = []
    by_sentence: dict[str, list] = {}
    for rel in analysis.attributions:
        by_sentence.setdefault(rel.sentence, []).append(rel)
    cues: dict[str, list] = {}
    for c in analysis.cues:
        cues.setdefault(c.sentence, []).append(c)
    bias_cues: dict[str, list] = {}
    for c in analysis.bias_cues:
        bias_cues.setdefault(c.sentence, []).append(c)
    for s in analysis.document.sentences:
        lines.append(f"{s.id:>6}  [{analysis.voice_of[s.id]}] {s.text}")
        for rel in by_sentence.get(s.id, []):
            lines.append(f"        {rel.type}: source={rel.source!r} cue={rel.cue!r} ({rel.rule})")
            lines.append(f"          content: {rel.content}")
        for c in cues.get(s.id, []):
            lines.append(f"        cue {c.text!r}: {c.stance}")
        for c in bias_cues.get(s.id, []):
            lines.append(f"        {c.kind} cue {c.text!r}: {c.category} (in the {c.voice}'s voice)")
    for q in analysis.scare_quotes:
        lines.append(f"{q.sentence:>6}  scare quote: {q.text!r}")
    d = analysis.bias["source_diversity"]
    lines.append(
        f"sources: {d['distinct_sources']} named, {d['unnamed_relations']} unnamed relations; "
        f"sentences attributed {d['share_attributed']:.0%}, writer only {d['share_writer_only']:.0%}; "
        f"entropy {d['source_entropy_bits']} bits"
    )
    for item in analysis.bias["unattributed_evaluations"]:
        lines.append(f"unattributed evaluation in {item['sentence']}: {', '.join(item['cues'])}")
    return "\n".join(lines)
