"""The shipped Zero to JupyterHub values (docs/hub/config.yaml) are what the chart accepts.

Helm validates the values it renders, which are the chart's defaults (``values.yaml``) with the
course's ``config.yaml`` merged over them, against the chart's ``values.schema.yaml``. The chart's
two files are in ``../shared/data/z2jh/`` (BSD-3-Clause, Project Jupyter); without that folder the
test is skipped, saying so. The memory the config guarantees is checked against the measured peak
of a lesson's kernel (``benchmarks/lesson_memory.py``).
"""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest
import yaml

from support import ROOT

CONFIG = ROOT / "docs" / "hub" / "config.yaml"
CHART = ROOT.parent / "shared" / "data" / "z2jh"
MEASURED = ROOT / "benchmarks" / "results" / "lesson_memory.json"
UNITS = {"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def merged(defaults: dict, override: dict) -> dict:
    """Helm's merge of values: mappings merge key by key, anything else replaces (null deletes)."""
    out = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def byte_size(quantity: str) -> float:
    """A Kubernetes memory quantity (512M, 1G, 1Gi) in bytes."""
    found = re.fullmatch(r"([\d.]+)([KMG]i?)?", str(quantity))
    assert found, f"not a memory quantity: {quantity!r}"
    return float(found[1]) * UNITS[found[2] or ""]


@pytest.fixture(scope="module")
def chart() -> tuple[dict, dict]:
    if not (CHART / "values.schema.yaml").is_file():
        pytest.skip(
            f"the Zero to JupyterHub chart's values and schema are not in {CHART} (see ../shared/data/README.md)"
        )
    return (
        yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8")),
        yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8")),
    )


def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def errors(values: dict, schema: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)]


def test_the_chart_accepts_the_course_config(chart):
    defaults, schema = chart
    assert errors(defaults, schema) == [], "the chart's own defaults should validate"
    assert errors(merged(defaults, config()), schema) == []


def test_the_schema_check_catches_a_misspelt_key(chart):
    """The check can fail: the chart refuses keys it does not know, as helm would."""
    defaults, schema = chart
    wrong = config()
    wrong["singleuser"]["memroy"] = wrong["singleuser"].pop("memory")
    assert any("memroy" in e for e in errors(merged(defaults, wrong), schema))


def test_students_land_in_jupyterlab_on_the_course_image():
    single = config()["singleuser"]
    assert single["defaultUrl"] == "/lab"
    assert single["image"]["name"] and str(single["image"]["tag"]).startswith("v"), "a tagged release, not latest"


def test_the_memory_guarantee_holds_a_measured_lesson_and_culling_is_on():
    values = config()
    memory = values["singleuser"]["memory"]
    peak = max(row["peak_rss_mib"] for row in json.loads(MEASURED.read_text(encoding="utf-8"))["notebooks"])
    assert byte_size(memory["guarantee"]) > peak * 2**20, f"guarantee {memory['guarantee']} < a lesson's {peak} MiB"
    assert byte_size(memory["limit"]) >= byte_size(memory["guarantee"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
