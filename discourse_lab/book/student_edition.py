"""Sphinx extension: in the student edition, drop material marked ``instructor-only``.

A lesson may show material that answers one of its exercises (a worked coding, the course team's
answers). Tag such a cell ``instructor-only``: the default build (the instructor edition) shows
it; the student edition (``DISCOURSE_LAB_EDITION=student``, set by
``scripts/build_student_edition.py``) removes the cell, input and output, before the search index
is built. myst-nb marks each cell container with a ``tag_<tag>`` class, which is what is matched.
Markdown cells carry no tags into the page, so prose that gives answers away goes inside an
admonition with ``:class: instructor-only`` ("For instructors: …"), which is removed the same way.
An admonition rather than a ``{container}``: jupyterlab-myst renders admonitions in JupyterLab and
does not know the container directive.
"""

from __future__ import annotations

import os

from docutils import nodes

MARKERS = {"tag_instructor-only", "instructor-only"}  # a tagged code cell; a prose admonition


def student_edition() -> bool:
    return os.environ.get("DISCOURSE_LAB_EDITION") == "student"


def _drop_instructor_cells(app, doctree) -> None:
    if not student_edition():
        return
    for node in list(doctree.findall(nodes.Element)):
        if MARKERS & set(node.get("classes", [])) and node.parent is not None:
            node.parent.remove(node)


def setup(app):
    app.connect("doctree-read", _drop_instructor_cells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
