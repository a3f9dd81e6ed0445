"""A new article, from `discourse-lab new-source` to a valid annotations.yml, exercises and scores, keyboard only.

In a real JupyterLab and in Notebook 7 (each on its own copy of the article): ``new-source`` makes
the folder from plain text; a notebook runs ``annotate(folder)``; the annotator, with the keyboard
only, accepts and rejects the toolkit's suggestions (``a``, ``x``, ``A``), makes a relation from
three spans (keys ``1``-``3``), undoes and redoes it (Ctrl+Z, Ctrl+Shift+Z) and writes its rationale
(``w``, typing, Enter); the kernel is restarted in the middle and the page reloaded, and nothing
is lost; then Evaluate and Generate exercises (reached with Tab, pressed with Enter). Every step is
checked in the files the widget writes: ``annotations.yml`` (validated against its schema at the
end), ``.annotations-review.json`` (the rejected suggestions) and ``bank/generated.yml``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from discourse_lab import datafiles

from .annotating import mark_relation, wait_for
from .lab import UI_TIMEOUT, Lab

BIN = Path(sys.executable).parent
ARTICLE = """\
Envoys of Marovia and Kestland met in Geneva on Tuesday for a second round of talks on the river.

"We are ready to sign," the Kestland envoy, Ana Brell, told reporters after the meeting.

Officials from both delegations said the water-sharing plan would be published in May.

Critics called the plan a half-measure.
"""
SLUG = "envoy-talks"
# p4s1's relation, made by hand: the toolkit suggests only the cue there.
CUE, SOURCE, CONTENT = "called", "Critics", "the plan a half-measure"
WHY = "The critics' judgement, reported by the writer"
NO_FRAME_WHY = "A plain report of the meeting: no frame"
FRAMING_WHY = "A judgement of the plan, given to its critics"


class Folder:
    """The article's folder as the widget writes it."""

    def __init__(self, path: Path):
        self.path = path

    def doc(self) -> dict:
        file = self.path / "annotations.yml"
        return yaml.safe_load(file.read_text(encoding="utf-8")) if file.exists() else {"sentences": []}

    def sentence(self, sid: str) -> dict:
        return {s["id"]: s for s in self.doc()["sentences"]}.get(sid) or {}

    def rejected(self) -> list[str]:
        file = self.path / ".annotations-review.json"
        return json.loads(file.read_text(encoding="utf-8")).get("rejected", []) if file.exists() else []


def tab_to(lab: Lab, css: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``css`` has the focus (keyboard only)."""
    for _ in range(limit):
        if lab.page.evaluate("(css) => !!document.activeElement && document.activeElement.matches(css)", css):
            return
        lab.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {css}")


@pytest.fixture(params=["jupyterlab", "notebook7"])
def client(request, live_context, jupyter_server):
    """(Lab, open the notebook, reload the page) in JupyterLab or on a Notebook 7 page, and the folder."""
    name = request.param
    sources = jupyter_server.root / f"my-sources-{name}"
    (jupyter_server.root / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [str(BIN / "discourse-lab"), "new-source", f"{name}.txt", "--slug", SLUG, "--dir", sources.name],
        cwd=jupyter_server.root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    # A kernelspec, or JupyterLab asks which kernel to start before it opens the notebook.
    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from discourse_lab.annotate import annotate\n\n"
            f'annotate("{sources.name}/{SLUG}", annotator="A student of the live suite", chapter=90)'
        )
    ]
    path = f"annotate-{name}.ipynb"
    nbformat.write(notebook, jupyter_server.root / path)
    folder = Folder(sources / SLUG)
    if name == "jupyterlab":
        lab = request.getfixturevalue("lab")
        yield lab, lambda: lab.open(path), lab.start, folder
        return
    page = live_context.new_page()
    nb7 = Lab(page, jupyter_server)
    yield nb7, lambda: nb7.open_notebook7(path), lambda: None, folder
    page.close()


def widget(lab: Lab, panel: str):
    node = lab.page.locator(f'[id="{panel}"] .dl-annotate .dl-an-doc').first
    node.wait_for(timeout=UI_TIMEOUT)
    return node


def test_new_article_to_valid_annotations_exercises_and_scores(client, jupyter_server):
    lab, open_notebook, reload_page, folder = client
    keys = lab.page.keyboard
    from discourse_lab.sources import source_at

    sentences = {s.id: s for s in source_at(folder.path).document.sentences}
    order = list(sentences)
    assert order == ["p1s1", "p2s1", "p3s1", "p4s1"], order
    panel = open_notebook()
    lab.run_all(panel)
    try:
        widget(lab, panel).focus()
        # p1s1: accept the first suggestion (the voice), reject the next (the framing).
        keys.press("a")
        wait_for(lambda: folder.sentence("p1s1").get("voice") == "journalist", "p1s1's voice accepted")
        keys.press("x")
        wait_for(lambda: len(folder.rejected()) == 1, "p1s1's framing rejected")
        assert folder.sentence("p1s1")["framing"] == {"functions": [], "frames": []}  # the rejected one not taken
        # No frame is an answer too, and it needs its reason: the first empty rationale is the framing's.
        keys.press("w")
        keys.type(NO_FRAME_WHY)
        keys.press("Enter")
        wait_for(lambda: folder.sentence("p1s1")["framing"].get("rationale") == NO_FRAME_WHY, "p1s1's framing reason")
        # p2s1 and p3s1: accept everything suggested (voice, relation, cue, framing).
        for sid in ("p2s1", "p3s1"):
            keys.press("j")
            keys.press("A")
            wait_for(lambda sid=sid: folder.sentence(sid).get("attributions"), f"{sid}'s suggestions accepted")
        # p4s1: accept the voice, reject the suggested cue, make the relation from three spans.
        keys.press("j")
        keys.press("a")
        wait_for(lambda: folder.sentence("p4s1").get("voice"), "p4s1's voice accepted")
        keys.press("x")
        wait_for(lambda: len(folder.rejected()) == 2, "p4s1's cue rejected")
        target = sentences["p4s1"]
        mark_relation(keys, target, CUE, SOURCE, CONTENT)
        made = wait_for(lambda: folder.sentence("p4s1").get("attributions"), "the relation saved")
        assert [(r["cue"], r["source"], r["content"], r["type"]) for r in made] == [
            (CUE, SOURCE, CONTENT, "indirect")
        ], made
        keys.press("Control+z")
        wait_for(lambda: not folder.sentence("p4s1").get("attributions"), "the relation undone in the file")
        keys.press("Control+Shift+z")
        wait_for(lambda: folder.sentence("p4s1").get("attributions"), "the relation redone in the file")
        # The kernel restarts in the middle: the file keeps everything, and the widget shows it again.
        lab.restart_kernel(panel)
        assert folder.sentence("p4s1").get("attributions") and len(folder.rejected()) == 2
        lab.run_all(panel)
        root = widget(lab, panel)
        root.focus()
        for _ in range(3):
            keys.press("j")
        keys.press("w")  # the first empty rationale of p4s1: the new relation's
        keys.type(WHY)
        keys.press("Enter")
        wait_for(
            lambda: [r.get("rationale") for r in folder.sentence("p4s1").get("attributions", [])] == [WHY],
            "the relation's rationale saved",
        )
        # The relation set p4s1's framing from its cue; the next empty rationale is the framing's.
        keys.press("w")
        keys.type(FRAMING_WHY)
        keys.press("Enter")
        wait_for(
            lambda: folder.sentence("p4s1").get("framing", {}).get("rationale") == FRAMING_WHY,
            "the framing's rationale saved",
        )
        lab.save(panel)
    finally:
        lab.close_all()
    # The page reloaded: the file is as it was and the widget draws it again.
    before = folder.doc()
    reload_page()
    panel = open_notebook()
    lab.run_all(panel)
    try:
        assert folder.doc() == before
        shown = widget(lab, panel).locator('.dl-an-s[data-sid="p4s1"]').inner_text()
        assert CUE in shown and SOURCE in shown, shown
        # The file is complete and valid: every sentence has its voice, the schema passes.
        doc = folder.doc()
        assert [s["id"] for s in doc["sentences"]] == order
        datafiles.load(folder.path / "annotations.yml", "annotations.schema.json")  # raises on a schema error
        problems = lab.page.locator(f'[id="{panel}"] .dl-annotate .dl-an-problems li')
        assert problems.count() == 0, problems.all_inner_texts()
        # Evaluate, then Generate exercises: reached with Tab, pressed with Enter.
        tab_to(lab, f'[id="{panel}"] .dl-annotate .dl-an-evaluate')
        keys.press("Enter")
        results = lab.page.locator(f'[id="{panel}"] .dl-annotate .dl-an-errors')
        results.wait_for(timeout=UI_TIMEOUT)
        tab_to(lab, f'[id="{panel}"] .dl-annotate .dl-an-generate')
        keys.press("Enter")
        bank = folder.path / "bank" / "generated.yml"
        wait_for(bank.exists, "the generated bank written")
        generated = yaml.safe_load(bank.read_text(encoding="utf-8"))
        assert generated["exercises"], "no exercise generated"
        assert (folder.path / "bank" / "sources" / SLUG / "annotations.yml").is_file()
    finally:
        lab.close_all()
