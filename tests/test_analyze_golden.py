"""Golden files: the whole ``analyze`` output on both sources, frozen.

Any change of behaviour on the seed articles shows here as a diff, so it is made on purpose:
after a deliberate change, regenerate the files and review the diff in the commit::

    .venv/bin/python tests/test_analyze_golden.py --update
"""

import json
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
SLUGS = ["lavrov-interview-2024", "sarn-river-treaty"]


def current(slug: str) -> dict:
    from discourse_lab import analysis
    from discourse_lab.sources import load_source

    # Through JSON, so tuples and lists compare as the file stores them.
    return json.loads(json.dumps(analysis.analyze(load_source(slug).document).to_dict(), ensure_ascii=False))


def golden_path(slug: str) -> Path:
    return GOLDEN / f"analyze-{slug}.json"


@pytest.mark.parametrize("slug", SLUGS)
def test_analyze_matches_golden_file(slug):
    expected = json.loads(golden_path(slug).read_text(encoding="utf-8"))
    got = current(slug)
    for key in expected:  # one key at a time, so a failure points at the part that changed
        assert got.get(key) == expected[key], f"{slug}: '{key}' differs from {golden_path(slug).name}"
    assert set(got) == set(expected)


if __name__ == "__main__" and "--update" in sys.argv:
    for slug in SLUGS:
        golden_path(slug).write_text(json.dumps(current(slug), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {golden_path(slug)}")
