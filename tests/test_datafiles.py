"""Do the data files load and validate, and does a broken one get a one-line error naming it?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from discourse_lab import datafiles
from discourse_lab.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_validates():
    assert datafiles.data_files(), "no data files found"
    assert datafiles.validate_all() == []


def test_every_schema_is_a_valid_json_schema():
    names = sorted(p.name for p in datafiles.SCHEMAS_DIR.glob("*.json"))
    assert names
    for name in names:
        datafiles.schema(name)


def test_every_data_file_has_a_registered_schema():
    """Is there no structured file under data/ that escapes validation?"""
    for path in datafiles.data_files():
        assert datafiles.schema_for(path) is not None, path


GOOD_META = (ROOT / "data/sources/lavrov-interview-2024/meta.yml").read_text(encoding="utf-8")

BROKEN = {
    "invalid_yaml": (b"slug: [unclosed\n", "invalid YAML at line"),
    "schema_violation": (GOOD_META.replace("published: 2024-04-23", "published: yesterday").encode(), "at published:"),
    "missing_required_field": (GOOD_META.replace("outlet: MENAFN\n", "").encode(), "'outlet' is a required property"),
    "unknown_field": (GOOD_META.encode() + b"colour: blue\n", "Additional properties are not allowed"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    "not_utf8": (b"title: caf\xe9\n", "not valid UTF-8"),
    # YAML keeps the last of two equal keys: the first list would be lost without a word
    "duplicate_key": (GOOD_META.encode() + b"outlet: Other\n", "the key 'outlet' is given twice"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_gives_one_line_error_naming_it(tmp_path, case):
    content, expected = BROKEN[case]
    folder = tmp_path / "sources" / "broken-source"
    folder.mkdir(parents=True)
    path = folder / "meta.yml"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        datafiles.load(path, root=tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert "meta.yml" in message and expected in message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        datafiles.load(tmp_path / "sources" / "x" / "meta.yml", "source-meta.schema.json")


def test_unregistered_data_file_is_an_error(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    problems = datafiles.validate_all(tmp_path)
    assert len(problems) == 1 and "notes.csv" in problems[0] and "no schema is registered" in problems[0]


def test_cli_validate_reports_broken_file_without_traceback(tmp_path):
    folder = tmp_path / "sources" / "broken-source"
    folder.mkdir(parents=True)
    (folder / "meta.yml").write_text("slug: [unclosed\n")
    result = subprocess.run(
        [sys.executable, "-m", "discourse_lab", "validate", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "meta.yml" in lines[0] and "invalid YAML" in lines[0]


def test_cli_segment_missing_file_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "discourse_lab", "segment", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "nope.txt: file not found" in result.stderr
