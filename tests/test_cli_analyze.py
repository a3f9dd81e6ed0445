"""Does `discourse-lab analyze` print the agreed JSON, and fail cleanly on bad files?"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from discourse_lab import cli

ROOT = Path(__file__).resolve().parent.parent
# The source fields every relation carries (issue 19): the span as written, its head and kind.
SOURCE_FIELDS = ("source_span", "source_head", "source_kind", "antecedent", "source_entity")
SEED = ROOT / "data" / "sources" / "lavrov-interview-2024" / "article.txt"


def run(capsys, *args):
    code = cli.main(["analyze", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_file_gives_the_json_shape(capsys):
    code, out, err = run(capsys, SEED)
    assert code == 0
    data = json.loads(out)
    assert {"sentences", "attributions", "framing", "bias"} <= set(data)
    assert set(data["sentences"][0]) == {"id", "paragraph", "text", "voice"}
    assert all(
        set(a) == {"sentence", "source", "cue", "content", "type", "rule", *SOURCE_FIELDS} for a in data["attributions"]
    )
    assert {a["type"] for a in data["attributions"]} <= {"direct", "indirect", "mixed"}
    assert data["sentences"][0]["id"] == "p1s1"


def test_text_format(capsys):
    code, out, _ = run(capsys, SEED, "--format", "text")
    assert code == 0 and "p3s1  [mixed]" in out


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Lavrov said that talks would resume.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The talks resumed.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    return tmp_path


def test_folder_gives_one_json_line_per_file_and_reports_bad_ones(capsys, corpus):
    code, out, err = run(capsys, corpus, corpus / "missing.txt")
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["path"]).name for d in lines] == ["a.txt", "b.txt"]
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 4
    assert any("empty.txt: is empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("latin1.txt" in e and "UTF-8" in e for e in errors)
    assert any("missing.txt: file not found" in e for e in errors)
    assert "Traceback" not in err


def test_missing_single_file_is_one_line_and_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "nope.txt")
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "nope.txt: file not found" in err


def test_installed_entry_point_runs(tmp_path):
    """Does `python -m discourse_lab analyze` work as a separate process?"""
    path = tmp_path / "x.txt"
    path.write_text('"We will wait," Lavrov said.\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "discourse_lab", "analyze", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["attributions"][0]["type"] == "direct"


def test_ten_megabyte_paragraph_is_one_line_error_not_a_traceback(capsys, tmp_path):
    """A 10 MB file of one paragraph used to end in spaCy's E088 traceback (nlp.max_length)."""
    path = tmp_path / "huge.txt"
    path.write_text("The minister said the talks would resume. " * 250_000, encoding="utf-8")
    code, out, err = run(capsys, path)
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "huge.txt" in err and "limit" in err
    assert "Traceback" not in err and "E088" not in err


def test_overlong_paragraph_is_refused_with_the_limit(capsys, tmp_path):
    """Under the file limit, a single paragraph longer than spaCy's max_length is refused by name."""
    from discourse_lab import text

    path = tmp_path / "para.txt"
    path.write_text("Talks resumed. " * (text.MAX_PARAGRAPH_CHARS // 15 + 10), encoding="utf-8")
    code, out, err = run(capsys, path)
    assert code == 2 and out == ""
    assert "para.txt: paragraph 1 is" in err and f"{text.MAX_PARAGRAPH_CHARS:,}" in err
    assert err.strip().count("\n") == 0
