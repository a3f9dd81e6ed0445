"""The package's metadata: the version written once, the data listed for the wheel."""

from __future__ import annotations

import importlib.metadata
import tomllib

import discourse_lab
from discourse_lab import paths
from support import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once():
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert importlib.metadata.version("discourse_lab") == discourse_lab.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {discourse_lab.__version__}" in changelog


def test_the_data_is_read_from_the_package_and_every_folder_ships():
    """data/ is the package discourse_lab.data; each folder of it is listed for the wheel (a missing
    one would be left out of it)."""
    assert paths.DATA_DIR == ROOT / "data"  # an editable install reads the repository's copy
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    folders = {
        f"discourse_lab.data.{p.name}"
        for p in paths.DATA_DIR.iterdir()
        if p.is_dir() and p.name.isidentifier() and p.name != "__pycache__"
    }
    assert folders and folders <= listed, sorted(folders - listed)
