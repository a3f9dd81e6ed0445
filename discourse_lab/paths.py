"""Where the package's data lives: ``discourse_lab.data``, read with :mod:`importlib.resources`.

In the repository that package is the top-level ``data/`` folder, the one place authors edit:
``pyproject.toml`` maps it to ``discourse_lab.data`` (``[tool.setuptools.package-dir]``), so an
editable install reads ``data/`` itself and a wheel carries a copy of it inside the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _data_dir() -> Path:
    root = resources.files("discourse_lab.data")
    # Wheels are installed unpacked, so the data is a folder on disk; the analyses need real paths.
    if not isinstance(root, Path):
        raise RuntimeError(f"discourse_lab.data is not a folder on disk ({root!r}); install the package unzipped")
    return root


DATA_DIR = _data_dir()
SOURCES_DIR = DATA_DIR / "sources"
SCHEMAS_DIR = DATA_DIR / "schemas"
LEXICONS_DIR = DATA_DIR / "lexicons"
EXERCISES_DIR = DATA_DIR / "exercises"
