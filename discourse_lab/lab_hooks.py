"""Hooks of the Jupyter server that the project's environment installs (``jupyter-config/``).

The module is a server extension, enabled by a drop-in file of its own
(``etc/jupyter/jupyter_server_config.d/discourse-lab.json``): a server reads that folder only to
learn which extensions to load, so the hook is registered when the extension loads
(``register_pre_save_hook``), beside any ``pre_save_hook`` a hub image configures, instead of being
set in a ``jupyter_server_config.json`` that would replace the image's own.

``keep_lessons_trusted`` is the server's ``pre_save_hook``. A notebook reopens trusted only if the
server signed it when it was saved, and untrusted outputs are shown as plain text: every exercise
of a reloaded or reopened lesson became "run this cell", and its ``{eval}`` numbers were not shown.

With jupyterlab-myst installed, the server signs with jupyterlab-myst's notary, which also
distrusts a markdown cell whose ``{eval}`` expressions have results, unless the cell says it is
trusted. JupyterLab sends every markdown cell as untrusted (``metadata.trusted: false``, set when
the lesson, committed unsigned, was first opened), so no lesson run in JupyterLab was ever signed.
The hook marks a markdown cell trusted when each of its expression results is plain text (or an
error): plain text cannot run anything, which is why nbformat trusts plain stream output in code
cells too. A result with rich output (HTML, images) leaves the cell as JupyterLab sent it.

Without jupyterlab-myst the server's notary ignores markdown cells but would sign the ``trusted``
key if it were there, and nbformat leaves that key out of the file, so the signature would not
match: the hook then removes the key instead.

The same hook keeps a save from rewriting the lesson beyond the student's work
(:func:`keep_file_metadata`): the file's ``language_info`` is kept, and no empty widget state is
added. A lesson committed with ``language_info: {name: python}`` otherwise got the student's
kernel's (its Python version and five more keys) on the first save, so a lesson only opened and
saved, or autosaved, differed from the clone's copy, and the next ``git pull`` or nbgitpuller
update of the course saw a local change in every lesson opened.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Expression results of these types only are safe to trust (what ``{eval}`` of a number or a string gives).
PLAIN = frozenset({"text/plain"})


def plain_results(expressions: Any) -> bool:
    """Every ``user_expressions`` result is plain text or an error."""
    if not isinstance(expressions, list):
        return False
    for expression in expressions:
        result = expression.get("result", {}) if isinstance(expression, dict) else None
        if not isinstance(result, dict):
            return False
        if result.get("status") == "error":
            continue
        if not set(result.get("data", {})) <= PLAIN:
            return False
    return True


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def file_on_disk(contents_manager: Any, path: str | None) -> dict[str, Any] | None:
    """The notebook as the file holds it before this save (None: a new file, or unreadable)."""
    root = getattr(contents_manager, "root_dir", None)
    if not root or not path:
        return None
    try:
        data = json.loads((Path(root) / path.lstrip("/")).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def keep_file_metadata(model: dict[str, Any], contents_manager: Any, path: str | None) -> None:
    """Keep the notebook metadata the front end adds on its own out of the saved file, in place.

    JupyterLab and Notebook 7 write the kernel's ``language_info`` over the file's at every save
    and an empty widget state when no widget was ever shown: neither is the student's work. A run's
    widget state is kept (a reopened lesson draws its exercises from it), as are outputs,
    execution counts and the ``{eval}`` results of the prose.
    """
    metadata = model["content"].get("metadata")
    if not isinstance(metadata, dict):
        return
    before = (file_on_disk(contents_manager, path) or {}).get("metadata")
    before = before if isinstance(before, dict) else {}
    if "language_info" in before:
        metadata["language_info"] = before["language_info"]
    state = metadata.get("widgets", {}).get(WIDGET_STATE, {}) if isinstance(metadata.get("widgets"), dict) else {}
    if "widgets" not in before and isinstance(state, dict) and not state.get("state"):
        metadata.pop("widgets", None)


def keep_lessons_trusted(model: dict[str, Any], contents_manager: Any = None, **kwargs: Any) -> None:
    """Set or drop ``trusted`` on a notebook model's markdown cells, in place, before the server signs it;
    and keep the file's own metadata (:func:`keep_file_metadata`)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    keep_file_metadata(model, contents_manager, kwargs.get("path"))
    # jupyterlab-myst's notary checks markdown cells (and removes their key before signing).
    checks_markdown = hasattr(getattr(contents_manager, "notary", None), "_check_markdown_cell")
    for cell in model["content"].get("cells", []):
        metadata = cell.get("metadata")
        if cell.get("cell_type") != "markdown" or not isinstance(metadata, dict):
            continue
        if not checks_markdown:
            metadata.pop("trusted", None)
        elif plain_results(metadata.get("user_expressions", [])):
            metadata["trusted"] = True


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """The server extension this module is (enabled by ``jupyter_server_config.d/discourse-lab.json``)."""
    return [{"module": "discourse_lab.lab_hooks"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add the hook to the server's contents manager, after whatever hook its own config sets."""
    serverapp.contents_manager.register_pre_save_hook(keep_lessons_trusted)
