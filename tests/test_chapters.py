"""Does every lesson have the structure the course promises?

Each lesson notebook (``chapters/0*_*.ipynb``) must open with learning objectives, show at least
one figure with alt text, carry at least four exercises mixing objective and judgement kinds,
cite only works in ``references.bib`` (with every citation resolved on the built page), show every
number of its prose with an ``{eval}`` role of a variable the notebook sets above it, and type no
other numbers by hand. The source checks read the notebooks;
the page checks read the built book (``built_book`` fixture; set ``DISCOURSE_LAB_BUILD_DIR`` to
build elsewhere). Timing is measured by ``benchmarks/notebook_times.py``, not here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from discourse_lab.exercises import catalogue
from support import attr

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "chapters").glob("0*_*.ipynb"))
BIB = (ROOT / "chapters" / "references.bib").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"@\w+\{([^,\s]+),", BIB))

CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
EVAL_ROLE = re.compile(r"\{eval\}`([^`]*)`")
# myst-nb evaluates plain names only (its eval_name_regex), and jupyterlab-myst shows any value.
EVAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SHOW_CALL = re.compile(r"""\bshow\(\s*["']([a-z0-9-]+)["']""")
# Numbers a lesson may type by hand: dates, years, sentence ids, lesson numbers, minutes of work,
# list and heading numbers. Everything else is computed and shown with {eval}.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ALLOWED_NUMBERS = re.compile(
    r"`[^`]*`"  # code, ids, roles' targets
    r"|\{[a-z:]+\}`[^`]*`"  # MyST roles ({cite}, {eval}, {term}, ...)
    r"|\b\d{1,2} (?:" + MONTHS + r")(?: \d{4})?"  # 19 April 2024
    r"|\b(?:" + MONTHS + r") \d{4}"  # April 2024
    r"|\b(?:1[89]|20)\d\d\b"  # years
    r"|\b(?:lesson|lessons|chapter|Lesson|Chapter)s? \d+(?: (?:to|and) \d+)?"
    r"|\b\d+ minutes"  # time estimates
    r"|\bStep \d+|UTF-8"  # step numbers, encoding names
    r"|^\s*#+ \d+\."  # "# 5. Title"
    r"|^\s*\d+\. "  # numbered list items
    r"|#\w+",  # hashtags such as #KyivNotKiev
    re.MULTILINE,
)


def lesson_id(path: Path) -> str:
    return path.stem


def markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_there_are_lessons():
    assert len(LESSONS) >= 1


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_learning_objectives_come_first(path):
    """Is there a learning-objectives admonition before any code or second heading?"""
    nb = nbformat.read(path, as_version=4)
    opening = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            break
        opening.append(cell.source)
    text = "\n".join(opening)
    assert re.search(r"```\{admonition\} Learning objectives", text), (
        "no learning objectives before the first code cell"
    )
    assert re.search(r"^\s*1\. ", text.split("Learning objectives", 1)[1], re.MULTILINE), (
        "objectives are not a numbered list"
    )


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_lesson_has_a_summary(path):
    nb = nbformat.read(path, as_version=4)
    assert any(re.search(r"^## Summary", s, re.MULTILINE) for s in markdown(nb))


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_lesson_shows_at_least_one_figure_through_figure_html(path):
    nb = nbformat.read(path, as_version=4)
    assert any("figure_html(" in s for s in code(nb)), "no figure_html(...) call: figures need alt text"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_lesson_shows_four_exercises_of_both_kinds(path):
    """Does the lesson show at least four bank exercises, objective and judgement both?"""
    nb = nbformat.read(path, as_version=4)
    ids = [m for s in code(nb) for m in SHOW_CALL.findall(s)]
    assert len(ids) >= 4, f"only {len(ids)} exercises shown"
    kinds = {catalogue.get(i).kind for i in ids}  # raises for an id not in the bank
    assert kinds == {"objective", "judgement"}, f"kinds shown: {sorted(kinds)}"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_cited_key_is_in_the_bibliography(path):
    nb = nbformat.read(path, as_version=4)
    keys = {k.strip() for s in markdown(nb) for group in CITE_ROLE.findall(s) for k in group.split(",")}
    assert keys, "the lesson cites nothing"
    assert sorted(keys - BIB_KEYS) == []


def assigned_names(source: str) -> set[str]:
    """Names a code cell binds at its top level or in a loop (``x = …``, ``a, b = …``, ``for x in …``)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For))
            else []
        )
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_number_in_prose_is_a_variable_set_above_it(path):
    """Is each {eval}`name` a plain name, set by a code cell above the markdown that shows it?

    JupyterLab (jupyterlab-myst) evaluates the role when Run All reaches the markdown cell, so
    the variable must exist by then; the book's inline execution evaluates it at the same point.
    """
    nb = nbformat.read(path, as_version=4)
    defined: set[str] = set()
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            defined |= assigned_names(cell.source)
            continue
        if cell.cell_type != "markdown":
            continue
        for name in EVAL_ROLE.findall(cell.source):
            if not EVAL_NAME.match(name):
                problems.append(f"cell {index}: {{eval}}`{name}` is not a plain variable name")
            elif name not in defined:
                problems.append(f"cell {index}: {{eval}}`{name}` is not set by a code cell above it")
    assert problems == []


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_prose_uses_no_role_jupyterlab_cannot_show(path):
    """myst-nb's {glue} roles render only in the book: in JupyterLab they stay placeholders."""
    nb = nbformat.read(path, as_version=4)
    offenders = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "{glue" in c.source]
    assert offenders == [], f"markdown cells with {{glue}} roles: {offenders}"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_prose_types_no_computed_numbers(path):
    """Are the only digits in the prose dates, ids, lesson numbers, times and list numbers?"""
    nb = nbformat.read(path, as_version=4)
    offenders = []
    for source in markdown(nb):
        body = re.sub(r"```.*?```", "", source, flags=re.DOTALL)  # fenced code: commands, not prose
        body = ALLOWED_NUMBERS.sub(" ", body)
        offenders += [m.group(0) for m in re.finditer(r"\b\d[\d.,%]*", body)]
    assert offenders == [], f"hand-typed numbers (compute them and show them with {{eval}}): {offenders}"


# ------------------------------------------------------------------ the built pages


def page(built_book: Path, path: Path) -> BeautifulSoup:
    html = built_book / "chapters" / f"{path.stem}.html"
    assert html.is_file(), f"{html} was not built (is the lesson in _toc.yml?)"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_built_page_has_a_figure_with_alt_text(built_book, path):
    soup = page(built_book, path)
    alts = [attr(img, "alt", "").strip() for fig in soup.select("article figure") for img in fig.find_all("img")]
    assert alts, "no <figure> with an <img> on the page"
    assert all(alts), "a figure image has empty alt text"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_built_page_has_four_exercises_of_both_kinds(built_book, path):
    soup = page(built_book, path)
    ids = [attr(el, "data-exercise-id") for el in soup.select("[data-exercise-id]")]
    assert len(ids) >= 4, f"only {len(ids)} exercises on the page"
    kinds = {catalogue.get(i).kind for i in ids}
    assert kinds == {"objective", "judgement"}, f"kinds on the page: {sorted(kinds)}"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_built_page_resolves_every_citation_and_eval(built_book, path):
    soup = page(built_book, path)
    article = soup.select_one("article") or soup
    text = article.get_text(" ")
    assert not re.search(r"\{(cite|eval|glue|term)", text), "an unresolved role is shown as text"
    cites = article.select('a[href*="bibliography.html"]')
    assert cites, "no citation links to the bibliography"
