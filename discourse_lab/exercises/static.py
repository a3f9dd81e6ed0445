"""The static rendering for the built book: an HTML shell plus the exercise's spec as JSON.

The page's copy of ``assets/dl-exercises.js`` (added to every page by ``_config.yml``) finds
each ``<div class="dl-exercise" data-exercise-id=…>``, reads the JSON and draws the exercise;
answers are checked in the browser and kept in ``localStorage``. In graded mode the JSON has no
``key`` member, so neither the key, the feedback, the model answer nor the rubric reaches the page;
the student edition's self-check has a ``check`` member of salted digests instead (:mod:`.check`).

Without JavaScript the reader sees the title and prompt and a line saying the exercise needs it.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from .spec import Exercise


def spec_json(spec: object) -> str:
    """JSON safe to put inside <script>: no "<", ">" or "&" can end the element or open a comment."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(exercise: Exercise, mode: str = "self-check", salt: str | None = None) -> str:
    """The exercise's HTML; with a ``salt``, self-check without the key (see :mod:`.check`)."""
    spec = exercise.client_spec(mode, salt)
    return str(
        Markup(
            '<div class="dl-exercise" data-exercise-id="{id}" data-mode="{mode}">'
            '<div class="dl-exercise-mount"><p><strong>{title}</strong></p><p>{prompt}</p>'
            '<p class="dl-noscript">This exercise needs JavaScript to run in the browser.</p></div>'
            '<script type="application/json" class="dl-exercise-spec">{json}</script>'
            "</div>"
        ).format(
            id=exercise.id,
            mode=spec["mode"],
            title=exercise.display_title,
            prompt=exercise.prompt,
            json=Markup(spec_json(spec)),
        )
    )


def export_html() -> str:
    """The static book's export form: writes a submission file from the answers in this browser.

    It carries the ids of the lessons' exercises, so the form can count "41 of 55 answered" as
    answers are given, and the text limit, so an over-long answer kept from an older page is
    named instead of exported into a file the grader would refuse."""
    from .catalogue import lesson_exercise_ids
    from .scoring import MAX_TEXT_ANSWER

    spec = {"exercises": lesson_exercise_ids(), "max_chars": MAX_TEXT_ANSWER}
    return str(
        Markup(
            '<div class="dl-exercise dl-export" data-dl-export="1">'
            '<h2 class="dl-export-title">Export your answers</h2>'
            "<p>Exporting your answers needs JavaScript.</p>"
            '<script type="application/json" class="dl-export-spec">{json}</script></div>'
        ).format(json=Markup(spec_json(spec)))
    )
