"""Running the rules over a whole document, sentence by sentence, with explicit state between
sentences (:class:`DocumentState`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import quotes, source_span
from ..matching import DocView
from .context import Context, SentenceState, build
from .model import DIRECT, MIXED, AttributionResult
from .quotations import Part, earlier_parts, withdrawn
from .rules import apply_rules


@dataclass(frozen=True)
class DocumentState:
    """What one sentence passes to the next: the last named speaker (for pronouns), the speaker
    of a direct or mixed quotation in the last sentence (for a continuing quotation), the
    paragraph, whether a quotation opened earlier in it is still open, and the earlier parts of
    that quotation that wait for its cue."""

    last_named: str | None = None
    previous_speaker: str | None = None
    paragraph: int = 0
    open_quote: bool = False
    open_parts: tuple[Part, ...] = ()


def sentence_state(ctx: Context, doc: DocumentState, n: int) -> tuple[SentenceState, DocumentState]:
    """The state sentence ``n`` starts from: its quotations (the whole sentence when it is the
    middle of a quotation over several sentences), and the document state as it enters it."""
    view = ctx.view
    a, b = view.sentence_bounds[n]
    sentence = view.document.sentences[n]
    qs = tuple(quotes.find(view, a, b))
    if sentence.paragraph != doc.paragraph:  # a quotation left open never runs past its paragraph
        doc = replace(doc, paragraph=sentence.paragraph, open_quote=False, open_parts=())
    if doc.open_quote and not qs:  # the middle sentence of a quotation over several sentences
        qs = (quotes.Quote(None, None, a, b),)
    elif qs:
        doc = replace(doc, open_quote=qs[-1].close is None)
    traps = frozenset(i for m in ctx.matches["traps"].get(n, ()) for i in range(m.start, m.end))
    st = SentenceState(
        n=n,
        sid=sentence.id,
        a=a,
        b=b,
        qs=qs,
        traps=traps,
        last_named=doc.last_named,
        previous_speaker=doc.previous_speaker,
    )
    return st, doc


def analyse_sentence(ctx: Context, doc: DocumentState, n: int) -> tuple[SentenceState, DocumentState, frozenset]:
    """Apply the rules to sentence ``n``; returns its final state, the document state after it,
    and the keys of earlier results its cue takes over (see :func:`quotations.earlier_parts`)."""
    st, doc = sentence_state(ctx, doc, n)
    st = apply_rules(ctx, st)
    st, waiting, taken = earlier_parts(ctx, st, doc.open_parts)
    speakers = [r.source for r in st.made if r.type in (DIRECT, MIXED) and r.source]
    doc = replace(
        doc,
        last_named=st.last_named,
        previous_speaker=speakers[-1] if speakers else None,
        open_parts=waiting,
    )
    return st, doc, taken


def find_attributions(view: DocView) -> AttributionResult:
    """All attribution relations, reporting cues, scare quotes and rejected cues of a document."""
    ctx = build(view)
    doc = DocumentState()
    done: list[SentenceState] = []
    for n in range(len(view.document.sentences)):
        st, doc, taken = analyse_sentence(ctx, doc, n)
        if taken:
            done = [withdrawn(earlier, taken) for earlier in done]
        done.append(st)
    return AttributionResult(
        attributions=source_span.describe_sources(view, [r for st in done for r in st.made]),
        cues=[c for st in done for c in st.cues],
        scare_quotes=[q for st in done for q in st.scare_quotes],
        rejected=[r for st in done for r in st.rejected],
    )
