"""The exercise tour's prose tells the truth about the exercises under it, in every edition."""

from __future__ import annotations

import json
import re

from support import ROOT

TOUR = ROOT / "chapters" / "exercise-types.ipynb"


def cells():
    return json.loads(TOUR.read_text(encoding="utf-8"))["cells"]


def test_the_tour_does_not_say_nothing_is_graded_above_a_graded_exercise():
    code = "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "code")
    prose = " ".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown")
    assert 'mode="graded"' in code
    assert not re.search(r"nothing (here )?is graded", prose, re.IGNORECASE)


def test_written_answer_prose_follows_the_build():
    """No fixed promise of a model answer: the sentence comes from help_for, per edition."""
    prose = {c["source"][0].strip(): "".join(c["source"]) for c in cells() if c["cell_type"] == "markdown"}
    assert "{eval}`short_help`" in prose["## Writing a short answer"]
    assert "{eval}`rewrite_help`" in prose["## Rewriting a sentence"]
    for text in prose.values():
        assert "only then do you see a\nmodel answer" not in text and "see a model answer" not in text
