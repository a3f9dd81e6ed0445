"""Each lesson's "Terms in this lesson" cell (scripts/lesson_glossary.py): the glossary entries its
{term} roles need in JupyterLab, copied from chapters/glossary.md, hidden from the book."""

from __future__ import annotations

import shutil

import nbformat

from scripts import lesson_glossary
from support import ROOT


def test_every_notebook_has_its_current_terms_cell():
    assert lesson_glossary.stale() == []


def test_the_cell_holds_every_term_the_lesson_names_and_those_their_entries_name():
    glossary = lesson_glossary.entries()
    nb = nbformat.read(ROOT / "chapters" / "02_who_speaks.ipynb", as_version=4)
    cell = nb.cells[-1]
    assert cell.id == lesson_glossary.CELL_ID and "remove-cell" in cell.metadata["tags"]  # not in the book
    defined = {lesson_glossary.key(ln) for ln in cell.source.splitlines() if ln and ln[0].isupper()}
    named = set(lesson_glossary.terms_named(lesson_glossary.prose_of(nb)))
    assert named and named <= defined
    for term in named & set(glossary):  # the definitions' own terms are there too
        assert set(lesson_glossary.terms_named(glossary[term])) & set(glossary) <= defined


def test_entries_are_in_myst_definition_list_form():
    """jupyterlab-myst's glossary takes "Term" then ": definition", not Sphinx's indented form."""
    entry = lesson_glossary.as_definition_list("Byline\n  The line that names\n  the writer.")
    assert entry == "Byline\n: The line that names\n  the writer."


def test_a_stale_or_missing_cell_is_rewritten_and_one_without_terms_gets_none(tmp_path):
    glossary = lesson_glossary.entries()
    path = tmp_path / "lesson.ipynb"
    shutil.copyfile(ROOT / "chapters" / "01_source.ipynb", path)
    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].source = "## Terms in this lesson\n\nan old copy"
    nbformat.write(nb, path)
    assert lesson_glossary.stale([path]) == [path]
    assert lesson_glossary.write(path, glossary)
    rewritten = nbformat.read(path, as_version=4)
    assert len(rewritten.cells) == len(nb.cells) and lesson_glossary.stale([path]) == []
    assert "Byline\n: The line that names the writer" in rewritten.cells[-1].source
    plain = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# No terms")]), plain)
    assert not lesson_glossary.write(plain, glossary) and lesson_glossary.stale([plain]) == []
