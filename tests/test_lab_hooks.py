"""A lesson saved in JupyterLab reopens trusted, and an exercise that cannot be drawn says what to do.

The save goes through the server's own contents manager, with the notary jupyterlab-myst installs
(which also checks markdown cells), and the notebook model as JupyterLab sends it after Run All
(captured from JupyterLab 4.6: code cells trusted, markdown cells ``trusted: false`` with their
``{eval}`` results). Reopening it is the server's own ``get``.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
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

# A drop-in file of its own: the server reads ``jupyter_server_config.d/`` only for the extensions it
# enables, so it enables discourse_lab.lab_hooks, which registers the hook when the server loads it.
CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.d" / "discourse-lab.json"
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
    """`make env` puts the drop-in where this environment's Jupyter server reads it, and it names the extension."""
    installed = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / CONFIG.name
    assert json.loads(installed.read_text()) == json.loads(CONFIG.read_text())
    assert json.loads(CONFIG.read_text()) == {"ServerApp": {"jpserver_extensions": {"discourse_lab.lab_hooks": True}}}


# A server of this environment, as a hub image would start it, with the image's own pre_save_hook
# set in the image's jupyter_server_config.json: which hooks does its contents manager run?
PROBE = """
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(argv=["--ServerApp.ip=127.0.0.1", "--ServerApp.port=0", "--ServerApp.open_browser=False", "--allow-root"])
manager = app.contents_manager
print(manager.pre_save_hook.__module__ + "." + manager.pre_save_hook.__name__)
print(",".join(h.__module__ + "." + h.__name__ for h in manager._pre_save_hooks))
"""


def test_a_server_keeps_the_images_own_hook_and_adds_the_lessons_one(tmp_path):
    """The drop-in adds the hook beside a hub image's own settings file instead of replacing it."""
    (tmp_path / "config").mkdir()
    (tmp_path / "image_hook.py").write_text("def hook(model, **kwargs):\n    pass\n")
    (tmp_path / "config" / "jupyter_server_config.json").write_text(
        json.dumps({"ContentsManager": {"pre_save_hook": "image_hook.hook"}})
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        PYTHONPATH=str(tmp_path),
        HOME=str(tmp_path),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    configured, registered = done.stdout.split("\n")[-3:-1]
    assert configured == "image_hook.hook"
    assert registered.split(",") == ["discourse_lab.lab_hooks.keep_lessons_trusted"]


def test_an_exercise_that_cannot_be_drawn_says_to_run_its_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.display import export_box

    data, _ = make_widget("ch01-source-dateline")._repr_mimebundle_()
    assert "run this cell" in data["text/plain"] and "ch01-source-dateline" in data["text/plain"]
    assert "…" not in data["text/plain"]  # ipywidgets cuts text/plain at 110 characters
    assert "run this cell" in export_box()._repr_mimebundle_()["text/plain"]
