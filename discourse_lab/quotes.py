"""Quotation spans inside a sentence.

Pairs opening and closing quotation marks (curly “ ”, straight ", guillemets « », and single
curly ‘ ’ when an opening ‘ is present) token by token. A closing mark with no opening one means
the quotation began in an earlier sentence; an opening mark never closed means it runs on into
the next. Two apostrophes (''like this'', as some newspapers print them) pair like a straight quote.
What this cannot do: nested quotations are flattened to the outer one, and a single
straight ' is never treated as a quotation mark (it is too often an apostrophe).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .matching import DocView

OPENERS = {"\u201c", "\u00ab"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes used as a double quotation mark (''like this''), paired like "
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"


class Quote(NamedTuple):
    """Token indices of a quotation: marks ``open``/``close`` (None when outside the sentence)
    and the quoted words [start, end)."""

    open: int | None
    close: int | None
    start: int
    end: int

    @property
    def outer(self) -> tuple[int, int]:
        return (self.start if self.open is None else self.open, self.end if self.close is None else self.close + 1)


def find(view: DocView, a: int, b: int) -> list[Quote]:
    """Quotations in the sentence whose tokens are [a, b)."""
    tokens = view.tokens
    quotes: list[Quote] = []
    open_at: int | None = None
    single_at: int | None = None
    for i in range(a, b):
        t = tokens[i].text
        if t in OPENERS and open_at is None:
            open_at = i
        elif t in CLOSERS:
            if open_at is not None:
                quotes.append(Quote(open_at, i, open_at + 1, i))
                open_at = None
            elif not quotes:
                quotes.append(Quote(None, i, a, i))
        elif t == STRAIGHT or t == DOUBLED:
            glued_left = i > a and not tokens[i - 1].whitespace
            if open_at is not None:
                quotes.append(Quote(open_at, i, open_at + 1, i))
                open_at = None
            elif glued_left and not quotes and i > a:
                quotes.append(Quote(None, i, a, i))
            else:
                open_at = i
        elif t == SINGLE_OPEN and open_at is None and single_at is None:
            single_at = i
        elif t == SINGLE_CLOSE and single_at is not None:
            quotes.append(Quote(single_at, i, single_at + 1, i))
            single_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, None, open_at + 1, b))
    return [q for q in quotes if q.end > q.start]


def inside(index: int, quotes: Sequence[Quote]) -> bool:
    return any(q.outer[0] <= index < q.outer[1] for q in quotes)
