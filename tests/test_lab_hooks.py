"""A lesson saved in JupyterLab reopens trusted, and an exercise that cannot be drawn says what to do.

jupyterlab-myst puts ``metadata.trusted`` on markdown cells; the server signs the notebook with it,
nbformat leaves it out of the file, so without the pre-save hook the signature never matches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbformat.sign import MemorySignatureStore, NotebookNotary

from discourse_lab.lab_hooks import drop_markdown_trust
from support import ROOT

# A file of its own in the environment's config folder: the server reads ``jupyter_server_config.d/``
# only for the extensions it enables, not for other settings.
CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.json"


def saved_by_lab(tmp_path: Path, hook) -> bool:
    """Save a notebook as the server does (hook, sign, write) and say whether it reopens trusted."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("Read {eval}`n`."), nbformat.v4.new_code_cell("n = 1")]
    )
    nb.cells[0].metadata["trusted"] = True  # what jupyterlab-myst sends
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", {"text/html": "<b>1</b>"})]
    model = {"type": "notebook", "content": json.loads(json.dumps(nb))}
    if hook:
        hook(model=model, path="lesson.ipynb", contents_manager=None)
    notary = NotebookNotary(store_factory=MemorySignatureStore, secret=b"test")
    content = nbformat.from_dict(model["content"])
    notary.sign(content)
    path = tmp_path / "lesson.ipynb"
    nbformat.write(content, path)
    return notary.check_signature(nbformat.read(path, as_version=4))


def test_without_the_hook_a_saved_lesson_reopens_untrusted(tmp_path):
    assert saved_by_lab(tmp_path, None) is False


def test_with_the_hook_a_saved_lesson_reopens_trusted(tmp_path):
    assert saved_by_lab(tmp_path, drop_markdown_trust) is True


def test_the_environment_installs_the_hook():
    """`make env` puts the server config where this environment's Jupyter server reads it."""
    installed = Path(sys.prefix) / "etc" / "jupyter" / CONFIG.name
    assert json.loads(installed.read_text()) == json.loads(CONFIG.read_text())
    from traitlets.config import Config
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    config = Config(json.loads(CONFIG.read_text()))
    assert AsyncLargeFileManager(config=config, root_dir=str(ROOT)).pre_save_hook is drop_markdown_trust


def test_an_exercise_that_cannot_be_drawn_says_to_run_its_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path))
    from discourse_lab.exercises import make_widget
    from discourse_lab.exercises.display import export_box

    data, _ = make_widget("ch01-source-dateline")._repr_mimebundle_()
    assert "run this cell" in data["text/plain"] and "ch01-source-dateline" in data["text/plain"]
    assert "…" not in data["text/plain"]  # ipywidgets cuts text/plain at 110 characters
    assert "run this cell" in export_box()._repr_mimebundle_()["text/plain"]
