"""What a notebook cell calls: ``show(exercise_id)`` and ``export_button()``.

When the environment variable ``DISCOURSE_LAB_STATIC`` is ``1`` (the book build sets it;
:func:`discourse_lab.settings.static_build`), both
display the static HTML rendering (``text/html``) instead of a live widget, so the built page
carries no widget state and loads no widget manager: the book's own copy of dl-exercises.js
brings the exercise to life in the browser.
"""

from __future__ import annotations

import json
import weakref
from functools import cache
from pathlib import Path

from ..book.student_edition import edition_mode, edition_salt
from ..settings import static_build
from .catalogue import get
from .spec import Exercise
from .store import AnswerStore, default_store

MODES = ("self-check", "graded")


def help_for(exercise_id: str, mode: str = "self-check") -> str:
    """The line an exercise shows under its prompt in this build (the student edition may show it
    graded or for review: :mod:`discourse_lab.book.student_edition`): for prose that must say what the page really does with an answer."""
    from .spec import help_text

    shown = edition_mode(mode)
    exercise = get(exercise_id)
    review = False
    if shown == "self-check" and edition_salt() is not None:
        from .check import checkable

        review = not checkable(exercise)
    return help_text(exercise.type, shown, review)


def _display_html(html: str) -> None:
    from IPython.display import display

    display({"text/html": html}, raw=True)


def _exercise_and_store(
    exercise_id: str | Exercise, mode: str, store: AnswerStore | Path | str | None, assignment: str | None
) -> tuple[Exercise, str, AnswerStore | None]:
    """The exercise to show (from the assignment's file when given, else the bank) and its store."""
    from .store import assignment_store

    if assignment is not None:
        from . import handout

        exercise = exercise_id if isinstance(exercise_id, Exercise) else handout.get(assignment, exercise_id)
        if store is None:
            store = assignment_store(assignment)
        mode = "graded"  # an assignment's exercises carry no key
    else:
        exercise = exercise_id if isinstance(exercise_id, Exercise) else get(exercise_id)
    if store is not None and not isinstance(store, AnswerStore):
        store = AnswerStore(store)
    return exercise, mode, store


def make_widget(
    exercise_id: str | Exercise,
    mode: str = "self-check",
    store: AnswerStore | Path | str | None = None,
    assignment: str | None = None,
):
    """The live widget of one exercise, not displayed: for tests and curious students.

    Read its ``feedback`` after setting ``answer``; ``display(w)`` shows it. ``store`` is an
    :class:`AnswerStore` or a path to one (default: the practice store, or the assignment's
    store with ``assignment=``; see :mod:`.store`). With ``assignment`` the exercise comes from
    that assignment's exercise file in the working folder (:mod:`.handout`), in graded mode.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    exercise, mode, answers = _exercise_and_store(exercise_id, edition_mode(mode), store, assignment)
    from .widget import ExerciseWidget

    return ExerciseWidget(exercise, mode=mode, store=answers)


def show(
    exercise_id: str | Exercise,
    mode: str = "self-check",
    store: AnswerStore | Path | str | None = None,
    assignment: str | None = None,
) -> None:
    """Display one exercise: the live widget in a notebook, the static HTML in the book build.

    Returns None, so the cell shows the exercise once (a returned widget would be displayed a
    second time as the cell's value). :func:`make_widget` gives the widget object instead.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if static_build():
        from .static import render_html

        exercise, mode, _ = _exercise_and_store(exercise_id, edition_mode(mode), None, assignment)
        _display_html(render_html(exercise, mode, edition_salt() if mode == "self-check" else None))
        return None
    from IPython.display import display

    display(make_widget(exercise_id, mode, store, assignment))
    return None


# What the export box says; it talks about the box and the button, never about code.
NO_ID = "Type your student id in the box, then press \u201cExport my answers\u201d again."
BAD_ID = (
    "That student id cannot be used: use letters, digits, '.', '_', '@' or '-' (at most 64), "
    "then press \u201cExport my answers\u201d again."
)


@cache  # one class, made on first use: ipywidgets is imported only when a box is shown
def _export_box_class():
    import ipywidgets as widgets

    class ExportBox(widgets.HBox):
        """The export box; its text/plain fallback says what to do where the widget cannot be drawn."""

        def __repr__(self) -> str:
            return "Export box: run this cell (Run \u2192 Run All Cells) to hand in your answers here."

    class ExportPanel(widgets.VBox):
        """The heading and "41 of 55 answered" line above an export box, and the box itself."""

        def __repr__(self) -> str:
            return "Export box: run this cell (Run \u2192 Run All Cells) to hand in your answers here."

    return ExportBox, ExportPanel


# The count lines of the export boxes on screen, refreshed when an exercise widget saves an answer.
_counters: weakref.WeakSet = weakref.WeakSet()


def answers_changed() -> None:
    """Called by an exercise widget after it saved an answer: recount every export box shown."""
    for counter in list(_counters):
        counter.refresh()


def _answered_line(store: AnswerStore, ids: list[str], noun: str) -> str:
    saved = store.answers()  # one read of the file
    answered = sum(1 for i in ids if i in saved)
    return f"{answered} of {len(ids)} {noun} answered."


def _exported_line(path: Path) -> str:
    """The export box's report: how many answers went to which file in which folder, and the same
    file as a download link (the folder may be outside what JupyterLab's file browser shows)."""
    from base64 import b64encode
    from html import escape

    payload = path.read_bytes()
    count = len(json.loads(payload)["answers"])
    href = "data:application/json;base64," + b64encode(payload).decode("ascii")
    return (
        f'<span role="status">\u2714 {count} answer{"" if count == 1 else "s"} exported to '
        f"<strong>{escape(path.name)}</strong> in the folder <code>{escape(str(path.resolve().parent))}</code>. "
        f'Hand in that file: <a class="dl-export-download" href="{href}" download="{escape(path.name)}">'
        f"download {escape(path.name)}</a>.</span>"
    )


def export_box(
    store: AnswerStore | Path | str | None = None,
    assignment_id: str | None = None,
    exercises: list[str] | None = None,
    folder: Path | str | None = None,
):
    """The student-id box and "Export my answers" button (an ipywidgets HBox), not displayed.

    Without ``assignment_id`` it exports the practice store (a lesson's box); with it, that
    assignment's store, limited to ``exercises``. The file goes into ``folder`` if given, else
    where :func:`~.submission.default_export_path` puts it (practice: beside the stores, never
    among the lessons); the box names the folder and offers the file as a download.
    """
    import ipywidgets as widgets

    from ..errors import DiscourseLabError
    from .store import assignment_store
    from .submission import STUDENT_ID, default_export_path, export_submission

    ExportBox, _ = _export_box_class()

    if store is not None and not isinstance(store, AnswerStore):
        store = AnswerStore(store)
    store = store or (assignment_store(assignment_id) if assignment_id else default_store())
    student = widgets.Text(
        value=store.student_id() or "",
        description="Student id",
        placeholder="e.g. s1234567",
        style={"description_width": "initial"},
    )
    button = widgets.Button(
        description="Export my answers",
        button_style="primary",
        icon="download",
        tooltip="Write your saved answers to one submission file",
        # ipywidgets gives a button a fixed 148 px, which cut its words to "Export my ans…"; it is
        # as wide as its words, and never shrinks below them in a narrow notebook.
        layout=widgets.Layout(width="auto", flex="0 0 auto"),
    )
    status = widgets.HTML(layout=widgets.Layout(margin="0 0 0 0.5em"))

    def on_click(_):
        from html import escape

        sid = student.value.strip()
        problem = NO_ID if not sid else None if STUDENT_ID.match(sid) else BAD_ID
        if problem:
            status.value = f'<span role="alert">\u26a0 Not exported. {escape(problem)}</span>'
            return
        try:
            path = default_export_path(store, sid, assignment_id)
            if folder is not None:
                path = Path(folder) / path.name
            path = export_submission(path, sid, store=store, exercises=exercises, assignment_id=assignment_id)
        except DiscourseLabError as exc:
            status.value = f'<span role="alert">\u26a0 Not exported: {escape(str(exc))}</span>'
            return
        status.value = _exported_line(path)

    button.on_click(on_click)
    # The status line (a long folder name) wraps under the box, instead of squeezing the button.
    box = ExportBox([student, button, status], layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
    # What the box will hand in, counted now and again after every answer saved in this kernel.
    from .catalogue import lesson_exercise_ids

    ids = list(exercises) if exercises is not None else lesson_exercise_ids()
    noun = "exercises" if exercises is not None else "lesson exercises"
    count = widgets.HTML(_answered_line(store, ids, noun))
    count.refresh = lambda: setattr(count, "value", _answered_line(store, ids, noun))
    _counters.add(count)
    box.header = [widgets.HTML("<strong>Export your answers</strong>"), count]
    return box


def export_button(
    store: AnswerStore | Path | str | None = None,
    assignment_id: str | None = None,
    exercises: list[str] | None = None,
    folder: Path | str | None = None,
) -> None:
    """Display the export box (:func:`export_box`); returns None so it is shown once."""
    if static_build():
        from .static import export_html

        _display_html(export_html())
        return None
    from IPython.display import display

    box = export_box(store, assignment_id, exercises, folder)
    _, ExportPanel = _export_box_class()
    display(ExportPanel([*box.header, box]))
    return None
