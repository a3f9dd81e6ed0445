"""The term plan of the instructor guide: ten weeks, readings, seminar questions, in-class
activities and assessment weights, from ``data/course/term-plan.yml``.

:func:`load` validates the file against its schema and then checks what a schema cannot: the
weeks run 1..N in order with lessons 1-8 once each, a project week and a presentation week; each
activity's steps fill its minutes; the weights add up to 100; every exercise id is in the bank and
every reading key in ``chapters/references.bib``. A problem is one :class:`DataFileError` line
naming the file. The ``*_html`` functions render the plan as escaped HTML; readings link to the
bibliography (``bibliography.cite_html``) and exercises are cited by their number "N.k".
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import bibliography, datafiles
from .errors import DataFileError
from .exercises import catalogue
from .exercises.catalogue import exercise_number
from .exercises.spec import UnknownExercise
from .paths import DATA_DIR
from .render import HTML
from .tables import table_html

PLAN = DATA_DIR / "course" / "term-plan.yml"
LESSONS = range(1, 9)
WEEKS = 10


def problems(plan: dict) -> list[str]:
    """What is wrong with a plan that its schema lets through (an empty list when nothing is)."""
    found = []
    weeks = plan["weeks"]
    numbers = [w["week"] for w in weeks]
    if numbers != list(range(1, WEEKS + 1)):
        found.append(f"weeks must be 1 to {WEEKS} in order, not {numbers}")
    lessons = [w.get("lesson") for w in weeks if w["kind"] == "lesson"]
    if sorted(lessons) != list(LESSONS):
        found.append(f"lesson weeks must cover lessons 1-8 once each, not {lessons}")
    for kind in ("project", "presentation"):
        if sum(1 for w in weeks if w["kind"] == kind) != 1:
            found.append(f"the plan needs exactly one {kind} week")
    for w in weeks:
        minutes = sum(s["minutes"] for s in w["activity"]["steps"])
        if minutes != plan["activity_minutes"]:
            found.append(
                f"week {w['week']}: the activity's steps take {minutes} minutes, not {plan['activity_minutes']}"
            )
    total = sum(a["weight"] for a in plan["assessment"])
    if total != 100:
        found.append(f"the assessment weights add up to {total}, not 100")
    keys = bibliography.entries()
    cited = [r["key"] for w in weeks for r in w.get("readings", [])]
    found += [f"reading '{k}' is not in {bibliography.BIB.name}" for k in cited if k not in keys]
    ids = [e for w in weeks for e in w.get("exercises", [])] + [
        e for a in plan["assessment"] for e in a.get("exercises", [])
    ]
    for exercise_id in dict.fromkeys(ids):
        try:
            catalogue.get(exercise_id)
        except UnknownExercise:
            found.append(f"exercise '{exercise_id}' is not in the bank")
    return found


def load(path: Path = PLAN) -> dict:
    """The plan, validated and checked; DataFileError (one line) for the first problem."""
    plan = datafiles.load(path, "term-plan.schema.json")
    found = problems(plan)
    if found:
        raise DataFileError(path, found[0])
    return plan


def graded_exercises(component: dict) -> list[str]:
    """The exercise ids an assessment component grades: those it names, and every objective
    exercise of the lessons it lists."""
    ids = list(component.get("exercises", []))
    for lesson in component.get("objective_of_lessons", []):
        ids += [e.id for e in catalogue.bank(lesson) if e.kind == "objective" and e.id not in ids]
    return ids


def numbers(ids) -> Markup:
    """The exercises' numbers, "1.2, 1.7, 2.1", in the order of the book."""
    found = sorted((tuple(int(part) for part in exercise_number(i).split(".")), exercise_number(i)) for i in ids)
    return Markup(", ").join(Markup('<span class="dl-exnum">{}</span>').format(number) for _, number in found)


def _readings(week: dict) -> Markup:
    return bibliography.cite_html([r["key"] for r in week.get("readings", [])]) or Markup("\u2014")


def overview_html(plan: dict, caption: str = "") -> HTML:
    """One row per week: what it is, its readings and the exercises set."""
    rows = []
    for w in plan["weeks"]:
        what = f"Lesson {w['lesson']}: {w['title']}" if w["kind"] == "lesson" else w["title"]
        exercises = numbers(w["exercises"]) if w.get("exercises") else Markup("\u2014")
        rows.append((f"Week {w['week']}", what, _readings(w), exercises))
    return table_html(["week", "class", "readings", "exercises set"], rows, caption, "dl-term-overview")


def week_html(plan: dict, week: dict) -> HTML:
    """A week's readings, seminar questions and timed activity, with what students produce."""
    reading_items = Markup("").join(
        Markup("<li>{}{}</li>").format(
            bibliography.cite_html([r["key"]]), Markup(": {}").format(r["note"]) if r.get("note") else ""
        )
        for r in week.get("readings", [])
    )
    questions = Markup("").join(Markup("<li>{}</li>").format(q) for q in week["seminar_questions"])
    activity = week["activity"]
    elapsed, steps = 0, []
    for step in activity["steps"]:
        steps.append(
            Markup('<li><span class="dl-minutes">{}\u2013{} min</span> {}</li>').format(
                elapsed, elapsed + step["minutes"], step["task"]
            )
        )
        elapsed += step["minutes"]
    heading = f"Week {week['week']} \u00b7 " + (
        f"Lesson {week['lesson']}: {week['title']}" if week["kind"] == "lesson" else week["title"]
    )
    parts = [Markup('<section class="dl-week" id="week-{}"><h3>{}</h3>').format(week["week"], heading)]
    if reading_items:
        parts.append(Markup("<p><strong>Readings</strong></p><ul>{}</ul>").format(reading_items))
    if week.get("exercises"):
        parts.append(Markup("<p><strong>Exercises set:</strong> {}</p>").format(numbers(week["exercises"])))
    parts.append(Markup("<p><strong>Seminar questions</strong></p><ol>{}</ol>").format(questions))
    parts.append(
        Markup('<p><strong>In-class activity ({} minutes): {}</strong></p><ol class="dl-steps">{}</ol>').format(
            elapsed, activity["title"], Markup("").join(steps)
        )
    )
    parts.append(Markup("<p><strong>Students produce:</strong> {}</p></section>").format(activity["produces"]))
    return HTML(Markup("").join(parts))


def weeks_html(plan: dict) -> HTML:
    return HTML(Markup("").join(Markup(str(week_html(plan, w))) for w in plan["weeks"]))


def assessment_html(plan: dict, caption: str = "") -> HTML:
    """One row per component: its weight, what is graded (exercise numbers) and how."""
    rows = []
    for a in plan["assessment"]:
        ids = graded_exercises(a)
        graded = numbers(ids) if ids else a.get("work", "\u2014")
        rows.append((a["component"], f"{a['weight']} %", graded, a["how"]))
    return table_html(["component", "weight", "graded", "how"], rows, caption, "dl-assessment")
