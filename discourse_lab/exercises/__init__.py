"""The exercise engine: one spec per exercise, scored in Python, rendered live or static.

Notebook use::

    from discourse_lab.exercises import show, export_button
    show("ch01-source-dateline")            # self-check: instant feedback
    show("ch01-source-dateline", mode="graded")
    export_button()                          # the practice answers, to one submission file
    w = make_widget("ch01-source-dateline") # the widget object, not displayed: w.answer = "b"; w.feedback

Modules: :mod:`.spec` (the bank), :mod:`.scoring` (answers and feedback), :mod:`.store` (the
local answer file), :mod:`.widget` (the live notebook widget), :mod:`.static` (the book's HTML),
:mod:`.generate` (exercises from a source's annotations), :mod:`.catalogue` (both, by id),
:mod:`.submission` (export), :mod:`.check` (self-check without the key, for the student
edition), :mod:`.handout` (an assignment's exercises without the bank).
"""

from .scoring import AnswerError, Result, score
from .catalogue import bank, exercise_number, get, reload
from .spec import Exercise, UnknownExercise
from .store import AnswerStore
from .submission import export_submission
from .display import export_box, export_button, make_widget, show

__all__ = [
    "AnswerError",
    "AnswerStore",
    "Exercise",
    "Result",
    "UnknownExercise",
    "bank",
    "exercise_number",
    "export_box",
    "export_button",
    "export_submission",
    "get",
    "make_widget",
    "reload",
    "score",
    "show",
]
