"""What the annotation widget's live tests share: waiting on the file it writes, and marking spans by key."""

from __future__ import annotations

import time

from .lab import UI_TIMEOUT


def wait_for(check, what: str, timeout: float = UI_TIMEOUT / 1000):
    """Poll ``check`` (it reads a file the widget writes: no event to wait on) until it gives a truthy value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"never happened: {what}")


def token_range(sentence, span: str) -> tuple[int, int]:
    """The first and last token index of ``span`` in a ``discourse_lab`` sentence (the widget's tokens)."""
    start = sentence.text.index(span) + sentence.start
    end = start + len(span)
    idx = [i for i, t in enumerate(sentence.tokens) if t.start >= start and t.end <= end]
    return idx[0], idx[-1]


def mark_relation(keys, sentence, cue: str, source: str, content: str) -> None:
    """With the word cursor at the sentence's first token: select each span with the arrow keys, press 1-3."""
    cursor = 0
    for span, role in ((cue, "1"), (source, "2"), (content, "3")):
        first, last = token_range(sentence, span)
        for _ in range(abs(first - cursor)):
            keys.press("ArrowRight" if first > cursor else "ArrowLeft")
        for _ in range(last - first):
            keys.press("Shift+ArrowRight")
        cursor = last
        keys.press(role)
