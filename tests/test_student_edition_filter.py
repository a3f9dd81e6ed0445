"""Does the student edition's Sphinx filter drop material marked instructor-only, and only there?

No lesson uses it since issue 17 (lesson 4's course coding left the public book), but an
instructor's own lessons may: a code cell tagged ``instructor-only`` (myst-nb's ``tag_…`` class)
or an admonition with ``:class: instructor-only``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils import new_document

from discourse_lab.book import student_edition


def doctree():
    document = new_document("lesson")
    kept = nodes.paragraph(text="for everyone")
    cell = nodes.container(classes=["cell", "tag_instructor-only"])
    cell += nodes.paragraph(text="the course's coding")
    note = nodes.admonition(classes=["instructor-only"])
    note += nodes.paragraph(text="For instructors: the key")
    document += [kept, cell, note]
    return document


def texts(document) -> list[str]:
    return [p.astext() for p in document.findall(nodes.paragraph)]


def test_the_student_edition_drops_tagged_cells_and_admonitions(monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_EDITION", "student")
    document = doctree()
    student_edition.drop_instructor_material(None, document)
    assert texts(document) == ["for everyone"]


def test_the_default_build_keeps_them(monkeypatch):
    monkeypatch.delenv("DISCOURSE_LAB_EDITION", raising=False)
    document = doctree()
    student_edition.drop_instructor_material(None, document)
    assert texts(document) == ["for everyone", "the course's coding", "For instructors: the key"]
