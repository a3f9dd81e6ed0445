"""Every rule of the attribution table runs its own docstring examples.

Each rule in ``attribution.RULES`` documents the form it finds with examples written as

    >>> "A sentence."
    -> {"source": "...", "cue": "...", ...}

the sentence a Python string literal, the expected relation a dict of the fields of
``Attribution.to_dict()`` it must have (a subset; ``{"scare_quote": "..."}`` expects a scare quote
instead). The example passes when some relation of ``analyze(sentence)`` has every field given, so
the docstring cannot drift from what the rule does.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

import pytest

from discourse_lab import attribution
from discourse_lab.analysis import analyze

EXAMPLE = re.compile(r"^\s*>>> (?P<sentence>.+)\n\s*-> (?P<expected>\{.*\})\s*$", re.M)


def examples(rule: Callable) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for m in EXAMPLE.finditer(rule.__doc__ or ""):
        sentence = ast.literal_eval(m["sentence"])
        expected = ast.literal_eval(m["expected"])
        assert isinstance(sentence, str) and isinstance(expected, dict), m.group(0)
        found.append((sentence, expected))
    return found


CASES = [
    pytest.param(sentence, expected, id=f"{rule.__name__}-{k}")
    for rule in attribution.RULES
    for k, (sentence, expected) in enumerate(examples(rule), 1)
]


def test_every_rule_has_an_example():
    """A rule added to the table without a runnable example fails here."""
    missing = [rule.__name__ for rule in attribution.RULES if not examples(rule)]
    assert not missing, f"rules with no '>>> sentence / -> {{fields}}' example: {missing}"
    lines = sum((rule.__doc__ or "").count(">>>") for rule in attribution.RULES)
    assert lines == len(CASES), "a '>>>' line in a rule's docstring is not in the runnable form"


@pytest.mark.parametrize("sentence, expected", CASES)
def test_rule_docstring_example(sentence: str, expected: dict[str, Any]):
    result = analyze(sentence)
    if "scare_quote" in expected:
        assert expected["scare_quote"] in [q.text for q in result.scare_quotes]
        return
    relations = [r.to_dict() for r in result.attributions]
    assert any(all(r.get(k) == v for k, v in expected.items()) for r in relations), (
        f"{sentence!r}: no relation with {expected}; got {relations}"
    )


def test_a_wrong_example_fails():
    """The check can fail: the first example with its source changed matches no relation."""
    sentence, expected = examples(attribution.RULES[0])[0]
    wrong = {**expected, "source": "Somebody Else"}
    relations = [r.to_dict() for r in analyze(sentence).attributions]
    assert not any(all(r.get(k) == v for k, v in wrong.items()) for r in relations)
