"""What a notebook cell calls: ``show(exercise_id)`` and ``export_button()``.

When the environment variable ``DISCOURSE_LAB_STATIC`` is ``1`` (the book build sets it), both
display the static HTML rendering (``text/html``) instead of a live widget, so the built page
carries no widget state and loads no widget manager: the book's own copy of dl-exercises.js
brings the exercise to life in the browser.
"""

from __future__ import annotations

import os
from pathlib import Path

from .catalogue import get
from .spec import Exercise
from .store import AnswerStore, default_store

MODES = ("self-check", "graded")
SALT_VARIABLE = "DISCOURSE_LAB_CHECK_SALT"


def static_build() -> bool:
    return os.environ.get("DISCOURSE_LAB_STATIC") == "1"


def edition_mode(mode: str) -> str:
    """The mode to show an exercise in: the student edition of the book may override the cell's.

    ``scripts/build_student_edition.py`` sets ``DISCOURSE_LAB_EDITION=student`` and
    ``DISCOURSE_LAB_EXERCISE_MODE``: ``graded`` renders every exercise graded; ``self-check``
    keeps the cell's mode (an exercise a lesson shows in graded mode stays graded) and checks
    answers without the key (:func:`edition_salt`).
    """
    if os.environ.get("DISCOURSE_LAB_EDITION") == "student":
        chosen = os.environ.get("DISCOURSE_LAB_EXERCISE_MODE", "graded")
        if chosen == "graded":
            return chosen
        if chosen == "self-check":
            return mode
        raise ValueError(f"the student edition shows exercises in graded or self-check mode, not {chosen!r}")
    return mode


def edition_salt() -> str | None:
    """The salt of the student edition's self-check pages; None in any other build.

    Those pages check answers against salted digests (:mod:`.check`), never the key, so a
    self-check student edition without a salt is refused rather than rendered with the key.
    """
    if os.environ.get("DISCOURSE_LAB_EDITION") != "student":
        return None
    if os.environ.get("DISCOURSE_LAB_EXERCISE_MODE", "graded") != "self-check":
        return None
    salt = os.environ.get(SALT_VARIABLE, "")
    if not salt:
        raise ValueError(f"the student edition's self-check needs {SALT_VARIABLE} (scripts/build_student_edition.py sets it)")
    return salt


def _display_html(html: str) -> None:
    from IPython.display import display

    display({"text/html": html}, raw=True)


def show(exercise_id: str | Exercise, mode: str = "self-check", store: AnswerStore | Path | str | None = None):
    """Display one exercise: the live widget in a notebook, the static HTML in the book build.

    Returns the widget (or None in the static build), so a test or a curious student can read
    its ``feedback``. ``store`` is an :class:`AnswerStore` or a path to one (default: the
    per-user store, see :mod:`.store`).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    mode = edition_mode(mode)
    exercise = exercise_id if isinstance(exercise_id, Exercise) else get(exercise_id)
    if static_build():
        from .static import render_html

        _display_html(render_html(exercise, mode, edition_salt() if mode == "self-check" else None))
        return None
    from IPython.display import display

    from .widget import ExerciseWidget

    if store is not None and not isinstance(store, AnswerStore):
        store = AnswerStore(store)
    widget = ExerciseWidget(exercise, mode=mode, store=store)
    display(widget)
    return widget


def export_button(store: AnswerStore | Path | str | None = None, assignment_id: str | None = None,
                  exercises: list[str] | None = None, folder: Path | str = "."):
    """A student-id box and an "Export my answers" button that writes the submission file."""
    if static_build():
        from .static import export_html

        _display_html(export_html())
        return None
    import ipywidgets as widgets
    from IPython.display import display

    from ..errors import DiscourseLabError
    from .submission import export_submission

    if store is not None and not isinstance(store, AnswerStore):
        store = AnswerStore(store)
    store = store or default_store()
    student = widgets.Text(value=store.student_id() or "", description="Student id",
                           placeholder="e.g. s1234567", style={"description_width": "initial"})
    button = widgets.Button(description="Export my answers", button_style="primary", icon="download",
                            tooltip="Write your saved answers to one submission file")
    status = widgets.HTML(layout=widgets.Layout(margin="0 0 0 0.5em"))

    def on_click(_):
        from html import escape

        try:
            name = f"{assignment_id or 'submission'}-{student.value.strip()}.json"
            path = export_submission(Path(folder) / name, student.value.strip(), store=store,
                                     exercises=exercises, assignment_id=assignment_id)
        except DiscourseLabError as exc:
            status.value = f'<span role="alert">\u26A0 Not exported: {escape(str(exc))}</span>'
            return
        status.value = f'<span role="status">\u2714 Exported to {escape(str(path.resolve()))}</span>'

    button.on_click(on_click)
    box = widgets.HBox([student, button, status])
    display(box)
    return box
