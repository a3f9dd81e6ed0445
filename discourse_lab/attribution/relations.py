"""Making a relation from what a rule found: :class:`Found` in, a new sentence state out."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .contents import kind
from .context import Context, SentenceState, is_cap, low, span, text_of
from .model import INDIRECT, Attribution
from .sources import name


class Found(NamedTuple):
    """What a rule found: token ranges of the source (None when no one is named), the cue (None
    for a continuing quotation) and the content, the rule's name, the cue's stance, and the
    source's name and suffix when the rule has decided them (else :func:`sources.name` does)."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    rule: str
    stance: str | None = None
    named: tuple[str | None, str] | None = None


def trimmed(ctx: Context, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """A source never starts or ends with a line break ("\\nThe report")."""
    if np is None:
        return None
    ns, ne = np
    while ns < ne and ctx.tokens[ns].text.isspace():
        ns += 1
    while ne > ns and ctx.tokens[ne - 1].text.isspace():
        ne -= 1
    return (ns, ne) if ne > ns else None


def nested_kind(st: SentenceState, cue: tuple[int, int] | None, s: int, e: int) -> str:
    """The relation's type; a cue inside the quotation that holds its content reports a nested
    attribution, which the quoted speaker words in their own way: indirect."""
    if cue is not None and any(q.start <= cue[0] < q.end and q.start <= s and e <= q.end for q in st.qs):
        return INDIRECT
    return kind(st, s, e)


def relation(ctx: Context, st: SentenceState, found: Found) -> Attribution:
    """The relation for what a rule found, its content without a trailing comma or space."""
    s, e = found.content
    while e > s and (ctx.tokens[e - 1].text == "," or ctx.tokens[e - 1].text.isspace()):
        e -= 1
    np = trimmed(ctx, found.source)
    source, how = found.named if found.named is not None else name(ctx, st, np)
    cue = found.cue
    return Attribution(
        sentence=st.sid,
        source=source,
        cue=None if cue is None else text_of(ctx, *cue),
        content=text_of(ctx, s, e),
        type=nested_kind(st, cue, s, e),
        rule=found.rule + how,
        stance=found.stance,
        source_span=None if np is None else span(ctx, *np),
        cue_span=None if cue is None else span(ctx, *cue),
        content_span=span(ctx, s, e),
    )


def add(ctx: Context, st: SentenceState, found: Found) -> SentenceState:
    """The state with the new relation made; a named source becomes the antecedent of a later
    pronoun (``last_named``)."""
    np = trimmed(ctx, found.source)
    source, how = found.named if found.named is not None else name(ctx, st, np)
    rel = relation(ctx, st, found._replace(source=np, named=(source, how)))
    last = source if source and how != "+pronoun" else st.last_named
    return replace(st, made=(*st.made, rel), last_named=last)


def remember(ctx: Context, st: SentenceState, np: tuple[int, int] | None) -> SentenceState:
    """A named speaker of any reporting verb, even one with no content ("Lavrov spoke"),
    is the nearest antecedent for a later pronoun."""
    if np is None or (np[1] - np[0] == 1 and low(ctx, np[0]) in ctx.words["source_pronouns"]):
        return st
    named, _ = name(ctx, st, np)
    if named and any(is_cap(ctx, i) for i in range(*np)):
        return replace(st, last_named=named)
    return st
