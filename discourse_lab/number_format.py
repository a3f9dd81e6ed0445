"""How numbers are written for people: points in feedback, gradebooks and tables."""

from __future__ import annotations


def plain_number(value) -> str:
    """2.0 -> "2", 0.5 -> "0.5", None -> "": the text JavaScript's ``String(number)`` gives, so the
    browser's feedback and Python's agree. Anything else is written as ``str`` writes it."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def count_noun(n: int, singular: str, plural: str | None = None) -> str:
    """1 -> "1 named source", 2 -> "2 named sources": a count with its noun in the right number."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
