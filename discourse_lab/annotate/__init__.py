"""Annotating an article in the notebook: ``annotate(SLUG or folder)``.

``annotate("sarn-river-treaty", suggestions=False)`` shows the annotation widget
(:mod:`.widget`, whose docstring is the front-end's contract) on a course source, saved in a
working copy (:func:`.store.resolve`); ``annotate("~/my-sources/my-article")`` on a folder made by
``discourse-lab new-source``, saved in that folder's ``annotations.yml``. Bad input (a missing
folder, a broken annotations.yml) gives a widget showing one line, and the same line as its text,
never a traceback, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DiscourseLabError

__all__ = ["annotate"]


def annotate(source: str | Path, suggestions: bool = True, annotator: str | None = None, chapter: int = 0):
    """The annotation widget of a source folder or a course source's slug (the notebook shows it).

    ``suggestions=False`` hides the toolkit's suggestions (annotate blind first; the key ``s`` turns
    them on). ``annotator`` fills the file's annotator when it is new. ``chapter`` is the chapter
    number of the exercises "Generate exercises" writes."""
    from ..settings import static_build

    if static_build():
        # The built site has no kernel: the same front end, driven by the page's own copy of the
        # text and suggestions, saved in the browser (discourse_lab.annotate.static).
        from IPython.display import HTML

        from .static import course_annotation, render_html, static_state, static_tools

        state = static_state(source, suggestions=suggestions)
        return HTML(render_html(state, course_annotation(source), tools=static_tools(source, chapter)))
    from . import store
    from .widget import AnnotationWidget

    try:
        target = store.resolve(source)
    except DiscourseLabError as exc:
        widget = AnnotationWidget(error=str(exc))
    else:
        widget = AnnotationWidget(target, suggestions=suggestions, annotator=annotator, chapter=chapter)
    return widget
