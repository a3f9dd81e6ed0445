"""The exercise engine: one spec per exercise, scored in Python, rendered live or static.

Notebook use::

    from discourse_lab.exercises import show, export_button
    show("ch01-source-dateline")            # self-check: instant feedback
    show("ch01-source-dateline", mode="graded")
    export_button()

Modules: :mod:`.spec` (the bank), :mod:`.scoring` (answers and feedback), :mod:`.store` (the
local answer file), :mod:`.widget` (the live notebook widget), :mod:`.static` (the book's HTML),
:mod:`.generate` (exercises from a source's annotations), :mod:`.catalogue` (both, by id), :mod:`.submission` (export),
:mod:`.check` (self-check without the key, for the student edition).
"""

from .scoring import AnswerError, Result, score
from .catalogue import bank, get, reload
from .spec import Exercise, UnknownExercise
from .store import AnswerStore
from .submission import export_submission
from .display import export_button, show

__all__ = [
    "AnswerError", "AnswerStore", "Exercise", "Result", "UnknownExercise",
    "bank", "export_button", "export_submission", "get", "reload", "score", "show",
]
