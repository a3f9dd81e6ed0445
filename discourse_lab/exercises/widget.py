"""The live exercise widget for JupyterLab 4 and Notebook 7 (anywidget).

The front end is the same ``assets/dl-exercises.js`` the static book uses, with a small bridge:
when the student checks an answer, the browser sets the ``answer`` trait; Python scores it
with :func:`scoring.score`, saves it in the answer store at once, and sends back ``feedback``
and ``attempts``. The ``spec`` trait never holds the key, in either mode: feedback is computed
in the kernel and sent only after an answer, and in graded mode it says only that the answer
was saved. Constructing the widget again (re-running the cell, or after a kernel restart)
restores the saved answer and its feedback from the store.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import anywidget
import traitlets

from . import scoring
from .scoring import AnswerError
from .spec import Exercise
from .store import AnswerStore, default_store

BRIDGE = """
const DL = globalThis.DLExercises;
function render({ model, el }) {
  const spec = model.get("spec");
  el.classList.add("dl-exercise");
  el.setAttribute("data-exercise-id", spec.id);
  const view = DL.render(el, spec, {
    initial: { answer: model.get("answer"), feedback: model.get("feedback"),
               attempts: model.get("attempts"), notice: model.get("notice") },
    commit(answer, v) {
      if (JSON.stringify(answer) === JSON.stringify(model.get("answer"))) {
        v.showFeedback(model.get("feedback"), model.get("attempts"));  // same answer: no new attempt
        return;
      }
      v.pending();
      model.set("answer", answer);
      model.save_changes();
    },
  });
  const update = () => view.showFeedback(model.get("feedback"), model.get("attempts"));
  const notice = () => view.setNotice(model.get("notice"));
  model.on("change:feedback", update);
  model.on("change:attempts", update);
  model.on("change:notice", notice);
  return () => {
    model.off("change:feedback", update);
    model.off("change:attempts", update);
    model.off("change:notice", notice);
  };
}
export default { render };
"""


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


class ExerciseWidget(anywidget.AnyWidget):
    """One exercise, live. Set ``answer`` (from the browser or a test) and read ``feedback``."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)
    answer = traitlets.Any(None, allow_none=True).tag(sync=True)
    feedback = traitlets.Dict().tag(sync=True)
    attempts = traitlets.Int(0).tag(sync=True)
    notice = traitlets.Unicode("").tag(sync=True)

    def __init__(self, exercise: Exercise, mode: str = "self-check", store: AnswerStore | None = None, **kwargs: Any):
        if mode not in ("self-check", "graded"):
            raise ValueError(f"mode must be 'self-check' or 'graded', not {mode!r}")
        spec = exercise.client_spec("graded")  # never the key: Python does the checking
        spec["mode"] = mode
        super().__init__(
            _esm=asset("dl-exercises.js") + BRIDGE, _css=asset("dl-exercises.css"), spec=spec, **kwargs
        )
        self.exercise = exercise
        self.mode = mode
        self.store = store or default_store()
        self.result: scoring.Result | None = None
        self._restore()
        self.observe(self._on_answer, names="answer")

    def _restore(self) -> None:
        entry = self.store.entry(self.exercise.id)
        if self.store.notice:
            self.notice = self.store.notice
        if entry is None:
            return
        if entry.get("exercise_version") != self.exercise.version:
            self.notice = "This exercise has changed since you last answered it, so your earlier answer is not shown."
            return
        try:
            feedback = self._feedback_for(entry["answer"])
        except AnswerError:
            self.notice = "Your saved answer to this exercise no longer fits it; please answer again."
            return
        self.answer = entry["answer"]
        self.attempts = entry.get("attempts", 0)
        self.feedback = feedback

    def _feedback_for(self, answer: Any) -> dict:
        if self.mode == "graded":
            scoring.check_answer(self.exercise, answer)
            self.result = None
            return scoring.graded_feedback()
        self.result = scoring.score(self.exercise, answer)
        return self.result.feedback

    def _on_answer(self, change: dict) -> None:
        answer = change["new"]
        try:
            feedback = self._feedback_for(answer)
        except AnswerError as exc:
            self.feedback = {"status": "error", "summary": "Answer not understood", "messages": [str(exc)]}
            return
        summary = None
        if self.result is not None:
            summary = {"points": self.result.points, "max_points": self.result.max_points, "correct": self.result.correct}
        try:
            entry = self.store.record(
                self.exercise.id, self.exercise.version, answer,
                exercise_type=self.exercise.type, mode=self.mode, result=summary,
            )
        except OSError as exc:
            # The answer stays on screen; the student is told it is not saved, never misled.
            feedback = dict(feedback, messages=[*feedback.get("messages", []),
                                                f"Your answer could NOT be saved ({exc.strerror or exc}); keep a copy."])
            self.feedback = feedback
            return
        if self.store.notice and self.store.notice != self.notice:
            self.notice = self.store.notice
        with self.hold_sync():
            self.attempts = entry["attempts"]
            self.feedback = feedback
