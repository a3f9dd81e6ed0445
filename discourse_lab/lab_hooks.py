"""Hooks of the Jupyter server that the project's environment installs (``jupyter-config/``).

``drop_markdown_trust`` is the server's ``pre_save_hook``. jupyterlab-myst marks every markdown
cell it renders with ``metadata.trusted``. The server signs a notebook on save with that key in it,
but nbformat leaves the key out of the file it writes, so the signature never matches again: a
lesson saved in JupyterLab reopened untrusted, and untrusted outputs are shown as plain text, not
as exercises. Dropping the key before signing makes the signature fit the file; the file itself
comes out the same.
"""

from __future__ import annotations

from typing import Any


def drop_markdown_trust(model: dict[str, Any], **_: Any) -> None:
    """Remove ``trusted`` from the metadata of a notebook model's markdown cells, in place."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        if cell.get("cell_type") == "markdown" and isinstance(cell.get("metadata"), dict):
            cell["metadata"].pop("trusted", None)
