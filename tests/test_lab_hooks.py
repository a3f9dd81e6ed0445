"""A lesson saved in JupyterLab reopens trusted, and an exercise that cannot be drawn says what to do.

The save goes through the server's own contents manager, with the notary jupyterlab-myst installs
(which also checks markdown cells), and the notebook model as JupyterLab sends it after Run All
(captured from JupyterLab 4.6: code cells trusted, markdown cells ``trusted: false`` with their
``{eval}`` results). Reopening it is the server's own ``get``.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyterlab_myst.notary import MySTNotebookNotary
from nbformat.sign import NotebookNotary

from discourse_lab.lab_hooks import keep_lessons_trusted
from support import ROOT

# A file of its own in the environment's config folder: the server reads ``jupyter_server_config.d/``
# only for the extensions it enables, not for other settings.
CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.json"
# jupyter_server warns when a second contents manager sets the same hook again; one is made per test.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding existing pre_save_hook")


def lesson_as_lab_sends_it(result: dict) -> dict:
    """A markdown cell with an ``{eval}`` result, and a code cell with a rich output, after Run All."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("Read {eval}`n`."), nbformat.v4.new_code_cell("n = 1")]
    )
    nb.cells[0].metadata.update(trusted=False, user_expressions=[{"expression": "n", "result": result}])
    nb.cells[1].metadata["trusted"] = True
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", {"text/html": "<b>1</b>"})]
    return {"type": "notebook", "format": "json", "content": json.loads(json.dumps(nb))}


PLAIN = {"status": "ok", "data": {"text/plain": "1"}, "metadata": {}}


def reopens_trusted(tmp_path: Path, model: dict, hook, notary_class=MySTNotebookNotary) -> bool:
    """Save through the server's contents manager, open it again: does its signature hold?"""
    (tmp_path / "notary").mkdir(exist_ok=True)

    def save_and_open() -> dict:
        manager = AsyncLargeFileManager(root_dir=str(tmp_path), **({"pre_save_hook": hook} if hook else {}))
        manager.notary = notary_class(parent=manager, data_dir=str(tmp_path / "notary"))

        async def run():
            await manager.save(model, "lesson.ipynb")
            return await manager.get("lesson.ipynb")

        return asyncio.run(run())

    # In a thread of its own (the manager too, for its SQLite signature store): the browser tests of
    # the same session leave an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        cells = pool.submit(save_and_open).result()["content"]["cells"]
    # The notary marks every code cell (and, jupyterlab-myst's, every markdown cell) by the signature.
    return all(cell["metadata"].get("trusted") for cell in cells if cell["cell_type"] == "code")


def test_without_the_hook_a_lesson_run_in_lab_reopens_untrusted(tmp_path):
    """Why a reloaded lesson showed "run this cell" instead of its exercises."""
    assert reopens_trusted(tmp_path, lesson_as_lab_sends_it(PLAIN), hook=None) is False


def test_with_the_hook_a_lesson_run_in_lab_reopens_trusted(tmp_path):
    assert reopens_trusted(tmp_path, lesson_as_lab_sends_it(PLAIN), keep_lessons_trusted) is True


def test_a_rich_expression_result_is_not_trusted_by_the_hook(tmp_path):
    """HTML in an expression result could run in the page: the cell stays as JupyterLab sent it."""
    rich = {"status": "ok", "data": {"text/html": "<script>alert(1)</script>", "text/plain": "x"}, "metadata": {}}
    assert reopens_trusted(tmp_path, lesson_as_lab_sends_it(rich), keep_lessons_trusted) is False


def test_without_jupyterlab_myst_the_markdown_key_is_dropped(tmp_path):
    """nbformat's own notary ignores markdown cells; a ``trusted`` key left there would break the signature."""
    model = lesson_as_lab_sends_it(PLAIN)
    model["content"]["cells"][0]["metadata"]["trusted"] = True
    assert reopens_trusted(tmp_path, json.loads(json.dumps(model)), None, NotebookNotary) is False
    assert reopens_trusted(tmp_path, model, keep_lessons_trusted, NotebookNotary) is True


def test_the_environment_installs_the_hook():
    """`make env` puts the server config where this environment's Jupyter server reads it."""
    installed = Path(sys.prefix) / "etc" / "jupyter" / CONFIG.name
    assert json.loads(installed.read_text()) == json.loads(CONFIG.read_text())
    from traitlets.config import Config

    config = Config(json.loads(CONFIG.read_text()))
    assert AsyncLargeFileManager(config=config, root_dir=str(ROOT)).pre_save_hook is keep_lessons_trusted


def test_an_exercise_that_cannot_be_drawn_says_to_run_its_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.display import export_box

    data, _ = make_widget("ch01-source-dateline")._repr_mimebundle_()
    assert "run this cell" in data["text/plain"] and "ch01-source-dateline" in data["text/plain"]
    assert "…" not in data["text/plain"]  # ipywidgets cuts text/plain at 110 characters
    assert "run this cell" in export_box()._repr_mimebundle_()["text/plain"]
