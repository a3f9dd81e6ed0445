"""The term plan of the instructor guide (data/course/term-plan.yml, discourse_lab.term_plan):
ten weeks, every cited exercise and reading real, activities that fill their time, weights that add
up to 100, bad plans refused in one line, and the guide that links it."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pybtex.database import parse_file

from discourse_lab import term_plan
from discourse_lab.errors import DataFileError
from discourse_lab.exercises import catalogue
from support import ROOT

PLAN = yaml.safe_load((ROOT / "data" / "course" / "term-plan.yml").read_text(encoding="utf-8"))
BIB_KEYS = set(parse_file(str(ROOT / "chapters" / "references.bib")).entries)


def test_the_plan_has_ten_weeks_eight_lessons_a_project_and_presentations():
    plan = term_plan.load()
    assert [w["week"] for w in plan["weeks"]] == list(range(1, 11))
    assert [w.get("lesson") for w in plan["weeks"][:8]] == list(range(1, 9))
    assert [w["kind"] for w in plan["weeks"][8:]] == ["project", "presentation"]


def test_every_lesson_week_has_readings_questions_and_a_timed_activity():
    for w in PLAN["weeks"]:
        minutes = sum(s["minutes"] for s in w["activity"]["steps"])
        assert minutes == PLAN["activity_minutes"] == 45, w["week"]
        assert w["activity"]["produces"].strip(), w["week"]
        if w["kind"] == "lesson":
            assert 1 <= len(w["readings"]) <= 2, w["week"]
            assert 3 <= len(w["seminar_questions"]) <= 4, w["week"]


def test_every_reading_is_in_the_bibliography():
    keys = [r["key"] for w in PLAN["weeks"] for r in w.get("readings", [])]
    assert keys and [k for k in keys if k not in BIB_KEYS] == []


def test_every_cited_exercise_exists_and_is_numbered_by_its_lesson():
    cited = [(w.get("lesson"), e) for w in PLAN["weeks"] for e in w.get("exercises", [])]
    cited += [(None, e) for a in PLAN["assessment"] for e in a.get("exercises", [])]
    assert cited
    for lesson, exercise_id in cited:
        exercise = catalogue.get(exercise_id)
        number = term_plan.exercise_number(exercise_id)
        assert re.fullmatch(rf"{exercise.chapter}\.\d+", number), (exercise_id, number)
        if lesson is not None:
            assert exercise.chapter == lesson, exercise_id


def test_the_weights_add_up_to_100_and_say_how_each_part_is_graded():
    assert sum(a["weight"] for a in PLAN["assessment"]) == 100
    assert all(a["how"].strip() for a in PLAN["assessment"])
    practice = term_plan.graded_exercises(PLAN["assessment"][0])
    assert practice and all(catalogue.get(e).kind == "objective" for e in practice)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda p: p["assessment"][0].update(weight=14), "add up to 99, not 100"),
        (lambda p: p["weeks"].pop(9), "weeks must be 1 to 10"),
        (
            lambda p: p["weeks"][0]["exercises"].append("ch01-no-such-exercise"),
            "'ch01-no-such-exercise' is not in the bank",
        ),
        (
            lambda p: p["weeks"][1]["readings"][0].update(key="nosuchkey2020"),
            "'nosuchkey2020' is not in references.bib",
        ),
        (lambda p: p["weeks"][2]["activity"]["steps"].pop(), "week 3: the activity's steps take"),
        (lambda p: p["weeks"][3].update(lesson=3), "lessons 1-8 once each"),
    ],
)
def test_a_broken_plan_is_refused_in_one_line_naming_the_file(tmp_path, change, message):
    plan = json.loads(json.dumps(PLAN))
    change(plan)
    path = tmp_path / "term-plan.yml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        term_plan.load(path)
    text = str(caught.value)
    assert "term-plan.yml" in text and message in text and "\n" not in text


def test_a_plan_that_breaks_its_schema_is_refused(tmp_path):
    plan = json.loads(json.dumps(PLAN))
    del plan["weeks"][0]["activity"]
    path = tmp_path / "term-plan.yml"
    path.write_text(yaml.safe_dump(plan), encoding="utf-8")
    with pytest.raises(DataFileError, match="activity"):
        term_plan.load(path)


def test_rendering_escapes_text_and_numbers_the_exercises():
    plan = json.loads(json.dumps(PLAN))
    plan["weeks"][0]["seminar_questions"][0] = "Is <script>alert(1)</script> a question?"
    html = str(term_plan.week_html(plan, plan["weeks"][0]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    first = term_plan.exercise_number(plan["weeks"][0]["exercises"][0])
    assert f'<span class="dl-exnum">{first}</span>' in html
    assert "40\u201345 min" in html  # the steps are timed cumulatively, ending at 45
    assert str(term_plan.weeks_html(plan)).count('<section class="dl-week"') == 10
    overview = str(term_plan.overview_html(plan))
    assert overview.count("<tr>") == 11 and 'href="bibliography.html#cite-menafn2024"' in overview
    table = str(term_plan.assessment_html(plan))
    assert "15 %" in table and table.count("<tr>") == len(plan["assessment"]) + 1


def test_the_plan_is_a_section_of_the_instructor_guide_and_the_guide_links_it():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "For instructors")
    guide = next(c for c in part["chapters"] if c["file"] == "chapters/instructor_guide")
    assert {"file": "chapters/term_plan"} in guide.get("sections", [])
    cells = json.loads((ROOT / "chapters" / "instructor_guide.ipynb").read_text(encoding="utf-8"))["cells"]
    assert "<term_plan>`" in "".join(cells[0]["source"])


def test_the_guide_lists_the_glossary_stance_categories():
    """The outcomes name the course's stance categories (the glossary's), not only Hooper's classes."""
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    entry = glossary.split("\nStance category\n", 1)[1].split("\n\n", 1)[0]
    categories = re.findall(r"\*([a-z][a-z ]+)\*", entry)
    assert len(categories) >= 8
    cells = json.loads((ROOT / "chapters" / "instructor_guide.ipynb").read_text(encoding="utf-8"))["cells"]
    outcome = next(line for line in "".join(cells[0]["source"]).splitlines() if line.startswith("3. "))
    assert [c for c in categories if c not in outcome] == []


def test_exercises_are_listed_in_book_order():
    ids = ["ch04-framing-mfc", "ch04-framing-functions", "ch04-framing-judgement-call"]
    shown = re.findall(r'<span class="dl-exnum">([\d.]+)</span>', str(term_plan.numbers(ids)))
    assert shown == sorted(shown, key=lambda n: tuple(int(p) for p in n.split("."))) and len(shown) == 3
