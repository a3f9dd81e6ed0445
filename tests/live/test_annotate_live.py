"""The annotation widget in a real JupyterLab, keyboard only, checked by reading the file it writes.

Lesson 8's ``annotate(SLUG, suggestions=False)`` cell, in a fresh answer store: ``v`` sets the first
sentence's voice; in p2s1 a relation is made from three spans (cue, source, content: keys 1-3,
selected with the arrow keys); Ctrl+Z undoes it and Ctrl+Shift+Z redoes it; then a kernel restart
and a page reload, after which the file and the widget still hold the relation. Each step is checked
in the working copy's annotations.yml.

The same in JupyterLab and in Notebook 7 (each starts from no file). A new article from
``new-source``, with suggestions accepted and rejected, Evaluate and Generate, is
``test_annotate_new_article.py``.
"""

from __future__ import annotations


import yaml

from discourse_lab.sources import load_source

import pytest

from .annotating import mark_relation, wait_for
from .lab import UI_TIMEOUT, Lab
from .test_notebook7 import open_in_notebook7

LESSON = "chapters/08_your_own_text.ipynb"
SLUG = "sarn-river-treaty"
CUE, SOURCE, CONTENT = (
    "told",
    "Marovian Foreign Minister Ilse Darrow",
    "This treaty protects every farmer on both banks of the river",
)


def read(server) -> dict:
    path = server.store_dir / "annotations" / SLUG / "annotations.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {"sentences": []}


def relations(server, sid: str) -> list[dict]:
    entry = {s["id"]: s for s in read(server)["sentences"]}.get(sid) or {}
    return entry.get("attributions", [])


def doc(lab, panel):
    node = lab.page.locator(f'[id="{panel}"] .dl-annotate .dl-an-doc').first
    node.wait_for(timeout=UI_TIMEOUT)
    return node


@pytest.fixture(params=["jupyterlab", "notebook7"])
def client(request, live_context, jupyter_server):
    """(Lab, a function opening lesson 8 in it): JupyterLab's page, or a Notebook 7 page of its own."""
    for name in ("annotations.yml", "annotations.yml.bak", ".annotations-review.json"):
        (jupyter_server.store_dir / "annotations" / SLUG / name).unlink(missing_ok=True)
    if request.param == "jupyterlab":
        lab = request.getfixturevalue("lab")
        yield lab, lambda: lab.open(LESSON), lab.start
        return
    page = live_context.new_page()
    nb7 = Lab(page, jupyter_server)
    yield nb7, lambda: open_in_notebook7(nb7, LESSON), lambda: None
    page.close()


def test_lesson_8_widget_keyboard_only(client, jupyter_server):
    lab, open_lesson, restart_app = client
    sentences = load_source(SLUG).document.sentences
    order = [s.id for s in sentences]
    target = sentences[order.index("p2s1")]
    keys = lab.page.keyboard
    panel = open_lesson()
    lab.run_all(panel)
    try:
        root = doc(lab, panel)
        assert root.locator('.dl-an-s[data-sid="p2s1"]').count() == 1
        root.focus()
        keys.press("v")
        wait_for(lambda: any(s["id"] == "p1s1" and s.get("voice") for s in read(jupyter_server)["sentences"]), "voice")
        for _ in range(order.index("p2s1")):
            keys.press("j")
        mark_relation(keys, target, CUE, SOURCE, CONTENT)
        wait_for(lambda: len(relations(jupyter_server, "p2s1")) == 1, "the relation saved")
        rel = relations(jupyter_server, "p2s1")[0]
        assert (rel["cue"], rel["source"], rel["content"], rel["type"]) == (CUE, SOURCE, CONTENT, "direct"), rel
        keys.press("Control+z")
        wait_for(lambda: relations(jupyter_server, "p2s1") == [], "the relation undone in the file")
        keys.press("Control+Shift+z")
        wait_for(lambda: len(relations(jupyter_server, "p2s1")) == 1, "the relation redone in the file")
        lab.restart_kernel(panel)
        assert len(relations(jupyter_server, "p2s1")) == 1
        lab.run_all(panel)
        assert CUE in doc(lab, panel).locator('.dl-an-s[data-sid="p2s1"]').inner_text()
        lab.save(panel)
    finally:
        lab.close_all()
    restart_app()
    panel = open_lesson()
    lab.run_all(panel)
    try:
        assert len(relations(jupyter_server, "p2s1")) == 1
        shown = doc(lab, panel).locator('.dl-an-s[data-sid="p2s1"]').inner_text()
        assert SOURCE in shown and CUE in shown, shown
    finally:
        lab.close_all()
