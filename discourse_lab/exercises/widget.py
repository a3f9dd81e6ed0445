"""The live exercise widget for JupyterLab 4 and Notebook 7 (anywidget).

The front end is the same ``assets/dl-exercises.js`` the static book uses, with a small bridge:
when the student checks an answer, the browser sets the ``answer`` trait; Python scores it
with :func:`scoring.score`, saves it in the answer store at once, and sends back ``feedback``
and ``attempts``. The ``spec`` trait never holds the key, in either mode: feedback is computed
in the kernel and sent only after an answer, and in graded mode it says only that the answer
was saved. Constructing the widget again (re-running the cell, or after a kernel restart)
restores the saved answer, its feedback and the rubric ticks from the store.

The bridge never leaves a student waiting: an answer is kept in the browser's localStorage (keyed
by store, exercise id and version) until Python confirms it; with no reply within
``reply_timeout_ms``, a comm that is no longer live, or a kernel that restarts, the exercise says
to re-run the cells, and the widget rendered by the re-run hands the kept answer to Python.
"""

from __future__ import annotations

import hashlib
import weakref
from functools import lru_cache
from importlib import resources
from typing import Any

import anywidget
import traitlets

from . import scoring
from .scoring import AnswerError
from .spec import Exercise
from .store import AnswerStore, default_store

BRIDGE = r"""
const DL = globalThis.DLExercises;
const PENDING = "discourse-lab:pending:v1:";
const RESTART = "Run the cells again (Run \u2192 Run All Cells)";

// An answer not yet confirmed by Python is kept in localStorage, keyed by the store it belongs to,
// the exercise and its version, until Python has saved it: a kernel restart cannot lose it.
function keep(key, answer) {
  try { localStorage.setItem(key, JSON.stringify({ answer: answer, kept: new Date().toISOString() })); return true; }
  catch (e) { return false; }
}
function kept(key) {
  try { const raw = localStorage.getItem(key); return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
}
function forget(key) { try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ } }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Whether the model's comm is live (false once the kernel restarted or for a model restored from a
// saved notebook); undefined when the widget manager does not tell.
async function commLive(model, spec) {
  const models = model.widget_manager && model.widget_manager._models;
  if (!models) return undefined;
  for (const p of Object.values(models)) {
    const m = await Promise.resolve(p).catch(() => null);
    if (m && typeof m.get === "function" && m.get("spec") === spec) return m.comm_live;
  }
  return undefined;
}

function render({ model, el }) {
  const spec = model.get("spec");
  const key = PENDING + model.get("store_key") + ":" + spec.id + ":" + spec.version;
  const wait = model.get("reply_timeout_ms") || 5000;
  el.classList.add("dl-exercise");
  el.setAttribute("data-exercise-id", spec.id);
  let confirmed = model.get("answer");  // the answer Python last scored and saved
  let waiting = null;                   // {answer, timer, recovered} while Python has not replied
  let offline = false;

  function noReply(view, stored) {
    view.showFeedback({ status: "error", summary: "Not saved yet: the notebook's kernel did not reply",
      messages: [stored
        ? "Your answer is kept in this browser. " + RESTART + ": this exercise will then save it, and say so."
        : "This browser cannot keep it either: note your answer down. " + RESTART + ", then give it again."] },
      model.get("attempts"));
  }
  function send(answer, view, recovered) {
    const stored = keep(key, answer);
    if (waiting) clearTimeout(waiting.timer);
    if (offline) { waiting = null; noReply(view, stored); return; }
    view.pending();
    waiting = { answer: answer, recovered: recovered, timer: setTimeout(() => noReply(view, stored), wait) };
    try {
      model.set("answer", answer);
      model.save_changes();
    } catch (e) {  // no comm at all: say so now rather than after the timeout
      clearTimeout(waiting.timer);
      waiting = null;
      noReply(view, stored);
    }
  }
  const view = DL.render(el, spec, {
    initial: { answer: model.get("answer"), feedback: model.get("feedback"), attempts: model.get("attempts"),
               notice: model.get("notice"), rubric: model.get("rubric_ticks") },
    commit(answer, v) {
      if (!waiting && !offline && same(answer, confirmed)) {
        v.showFeedback(model.get("feedback"), model.get("attempts"));  // same answer: no new attempt
        return;
      }
      send(answer, v, false);
    },
    rubric(ticks) {
      try { model.set("rubric_ticks", ticks); model.save_changes(); } catch (e) { /* ticks are a convenience */ }
    },
  });
  const update = () => {
    view.showFeedback(model.get("feedback"), model.get("attempts"));
    view.setRubric(model.get("rubric_ticks"));
    if (waiting && same(model.get("answer"), waiting.answer)) {
      clearTimeout(waiting.timer);
      forget(key);
      if (waiting.recovered) view.setNotice("Your answer given while the kernel was not connected was kept in this browser; it is now saved.");
      waiting = null;
    }
    confirmed = model.get("answer");
    // The feedback shown is that of the saved answer, so the controls show that answer too: another
    // view of this notebook (a second tab) may have saved it.
    if (!waiting && confirmed !== null && confirmed !== undefined) view.set(confirmed);
  };
  const notice = () => view.setNotice(model.get("notice"));
  const goOffline = () => {
    offline = true;
    view.setNotice("This exercise lost its connection to the notebook's kernel (restarted or not running). " + RESTART +
                   " to use it again; an answer you check meanwhile is kept in this browser.");
  };
  model.on("change:feedback", update);
  model.on("change:attempts", update);
  model.on("change:notice", notice);
  // The store file is the truth: when this view is shown again (its tab or browser window brought to
  // the front), Python re-reads the store, and any answer saved elsewhere meanwhile replaces this one.
  const refresh = () => { if (!offline && !waiting) { try { model.send({ type: "refresh" }); } catch (e) { /* no comm */ } } };
  const seen = typeof IntersectionObserver === "function"
    ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) refresh(); }) : null;
  if (seen) seen.observe(el);
  const onVisible = () => { if (document.visibilityState === "visible") refresh(); };
  document.addEventListener("visibilitychange", onVisible);
  window.addEventListener("focus", refresh);
  const kernel = model.widget_manager && model.widget_manager.kernel;
  const onStatus = (_, status) => { if (status === "restarting" || status === "autorestarting" || status === "dead") goOffline(); };
  if (kernel && kernel.statusChanged && kernel.statusChanged.connect) kernel.statusChanged.connect(onStatus);
  commLive(model, spec).then((live) => {
    if (live === false) { goOffline(); return; }
    // An answer kept in this browser while the kernel was gone: hand it to Python now.
    const earlier = kept(key);
    if (!earlier) return;
    if (same(earlier.answer, model.get("answer"))) { forget(key); return; }
    view.set(earlier.answer);
    send(earlier.answer, view, true);
  });
  return () => {
    if (waiting) clearTimeout(waiting.timer);
    if (kernel && kernel.statusChanged && kernel.statusChanged.disconnect) kernel.statusChanged.disconnect(onStatus);
    model.off("change:feedback", update);
    model.off("change:attempts", update);
    model.off("change:notice", notice);
    if (seen) seen.disconnect();
    document.removeEventListener("visibilitychange", onVisible);
    window.removeEventListener("focus", refresh);
  };
}
export default { render };
"""


# Every exercise widget of this kernel. Two browser tabs on one notebook share its kernel but each
# draws widgets of its own: when one saves an answer, the others of the same exercise and store are
# told at once, so no tab keeps showing an older answer beside its "Correct".
_live: weakref.WeakSet = weakref.WeakSet()


def _answer_saved(by: ExerciseWidget) -> None:
    for other in list(_live):
        if other is not by and other.exercise.id == by.exercise.id and other.store_key == by.store_key:
            other.refresh()


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
    rubric_ticks = traitlets.List(traitlets.Bool()).tag(sync=True)
    # Which store the answers go to (a digest of its path): the browser keeps an unconfirmed
    # answer under this key, so it goes back to the same store after a kernel restart.
    store_key = traitlets.Unicode("").tag(sync=True)
    reply_timeout_ms = traitlets.Int(5000).tag(sync=True)

    def __repr__(self) -> str:
        # The text/plain fallback of the output: what a notebook shows when it cannot draw the
        # widget (an untrusted or reopened notebook, an exported copy). ipywidgets cuts it at 110 characters.
        return f"Exercise {self.exercise.id}: run this cell (Run \u2192 Run All Cells) to answer it here."

    def __init__(self, exercise: Exercise, mode: str = "self-check", store: AnswerStore | None = None, **kwargs: Any):
        if mode not in ("self-check", "graded"):
            raise ValueError(f"mode must be 'self-check' or 'graded', not {mode!r}")
        spec = exercise.client_spec("graded")  # never the key: Python does the checking
        spec["mode"] = mode
        from .spec import help_text

        spec["help"] = help_text(exercise.type, mode)
        super().__init__(_esm=asset("dl-exercises.js") + BRIDGE, _css=asset("dl-exercises.css"), spec=spec, **kwargs)
        self.exercise = exercise
        self.mode = mode
        self.store = store or default_store()
        self.store_key = hashlib.sha256(str(self.store.path.resolve()).encode("utf-8")).hexdigest()[:16]
        self.result: scoring.Result | None = None
        self._syncing = False  # True while the store's entry is copied in: not a new answer
        self._restore()
        self.observe(self._on_answer, names="answer")
        self.observe(self._on_ticks, names="rubric_ticks")
        self.on_msg(self._on_message)
        _live.add(self)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "refresh":
            self.refresh()

    def refresh(self) -> bool:
        """Show the store's saved answer if another view or kernel saved a different one; True if it did.

        Each browser view asks for this when it is shown again: the store file, not this widget, holds
        the answer that counts and that the export hands in.
        """
        entry = self.store.entry(self.exercise.id)
        if entry is None or entry.get("exercise_version") != self.exercise.version:
            return False
        saved = (entry["answer"], entry.get("attempts", 0), entry.get("rubric_ticks", []))
        if saved == (self.answer, self.attempts, list(self.rubric_ticks)):
            return False
        try:
            feedback = self._feedback_for(entry["answer"])
        except AnswerError:
            return False
        self._syncing = True
        try:
            with self.hold_sync():
                self.answer = entry["answer"]
                self.attempts = entry.get("attempts", 0)
                self.rubric_ticks = entry.get("rubric_ticks", [])
                self.feedback = feedback
        finally:
            self._syncing = False
        return True

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
        self.rubric_ticks = entry.get("rubric_ticks", [])

    def _on_ticks(self, change: dict) -> None:
        if self._syncing:
            return
        try:
            self.store.set_rubric_ticks(self.exercise.id, self.exercise.version, change["new"])
        except OSError:
            return  # ticks are the student's own notes on the rubric; the answer itself is saved
        _answer_saved(self)

    def _feedback_for(self, answer: Any) -> dict:
        if self.mode == "graded":
            scoring.check_answer(self.exercise, answer)
            self.result = None
            feedback = scoring.graded_feedback()
            if self.exercise.type == "rewrite":
                # The counts need no key (the lexicon is public), and the prompt asks about them.
                from .indicators import compare, warnings

                original = self.exercise.sentence_text[self.exercise.data["sentence"]]
                feedback["indicators"] = compare(original, answer)
                lost = warnings(original, answer)
                if lost:
                    feedback["warnings"] = lost
            return feedback
        self.result = scoring.score(self.exercise, answer)
        return self.result.feedback

    def _on_answer(self, change: dict) -> None:
        if self._syncing:
            return
        answer = change["new"]
        try:
            feedback = self._feedback_for(answer)
        except AnswerError as exc:
            self.feedback = {"status": "error", "summary": "Answer not understood", "messages": [str(exc)]}
            return
        summary = None
        if self.result is not None:
            summary = {
                "points": self.result.points,
                "max_points": self.result.max_points,
                "correct": self.result.correct,
            }
        try:
            entry = self.store.record(
                self.exercise.id,
                self.exercise.version,
                answer,
                exercise_type=self.exercise.type,
                mode=self.mode,
                result=summary,
            )
        except OSError as exc:
            # The answer stays on screen; the student is told it is not saved, never misled.
            feedback = dict(
                feedback,
                messages=[
                    *feedback.get("messages", []),
                    f"Your answer could NOT be saved ({exc.strerror or exc}); keep a copy.",
                ],
            )
            self.feedback = feedback
            return
        if self.store.notice and self.store.notice != self.notice:
            self.notice = self.store.notice
        with self.hold_sync():
            self.attempts = entry["attempts"]
            self.rubric_ticks = entry.get("rubric_ticks", [])
            self.feedback = feedback
        _answer_saved(self)
        from .display import answers_changed

        answers_changed()  # the export boxes shown count one more answer
