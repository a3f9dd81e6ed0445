"""The environment turns on ipywidgets' widget-state saving in JupyterLab and Notebook 7.

Without it a reopened lesson shows "Error displaying widget: model not found" for every exercise
until the cells are run again; with it the exercises render from the saved state and ask for a
re-run (measured 2026-12-01 with real JupyterLab 4.6.6 and Notebook 7.6.5 servers in headless
Chromium: no "model not found", both exercises rendered, each saying to re-run the cells).
"""

from __future__ import annotations

import json
from pathlib import Path

from jupyterlab.commands import get_app_dir
from jupyterlab_server.settings_utils import _get_overrides

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "jupyter-config" / "lab" / "settings" / "overrides.d" / "discourse-lab.json"


def test_jupyterlab_reads_widget_state_saving_from_the_environment():
    """Does the JupyterLab of this environment (the one `make lab` starts) see saveState on, and
    the news prompt off (it covers the lesson's corner and would fetch from the internet)?"""
    overrides, error = _get_overrides(str(Path(get_app_dir()) / "settings"))
    assert error == ""
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_every_override_is_a_setting_the_installed_extension_declares():
    """A renamed plugin or setting would be ignored silently: check them against the installed schemas."""
    labextensions = Path(get_app_dir()).parent / "labextensions"
    for plugin, values in json.loads(OVERRIDES.read_text()).items():
        package, name = plugin.split(":")
        # An extension's schemas ship with it; JupyterLab's own plugins' sit in the app folder.
        schema_path = labextensions / package / "schemas" / package / f"{name}.json"
        if not (labextensions / package).is_dir():
            schema_path = Path(get_app_dir()) / "schemas" / package / f"{name}.json"
        schema = json.loads(schema_path.read_text())
        for key, value in values.items():
            assert schema["properties"][key]["type"] == {bool: "boolean", str: "string"}[type(value)], key
