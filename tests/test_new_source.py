"""`discourse-lab new-source`: a source folder from plain text as people actually have it.

The inputs are shaped like real files: Notepad's UTF-8 with a byte-order mark and Windows line
endings, a news page copied from a browser or an e-mail with hard wraps, indentation and stray
spaces, a page copied with one line per paragraph, Notepad's "Unicode" (UTF-16).
"""

from __future__ import annotations

import json

import pytest
import yaml

from discourse_lab import cli, datafiles, sources, text
from discourse_lab.annotate import new_source
from discourse_lab.paths import SCHEMAS_DIR

# Notepad on Windows: a byte-order mark, CRLF, a blank line between paragraphs.
NOTEPAD = (
    "\ufeffGENEVA, March 3 (Reuters) - The envoy said on Monday that the talks would resume.\r\n"
    "\r\n"
    "\u201cWe are ready,\u201d she told reporters.\r\n"
).encode("utf-8")

# A report copied from a web page at a fixed width: hard wraps, an indented first line, trailing
# spaces, two blank lines, a compound split at a line end, curly quotes and a dash.
WEB_COPY = """\
    The foreign ministers of Marovia and Kestland met in Geneva on  Tuesday
for talks that officials described as \u201cfrank but useful\u201d.   \r
The meeting \u2014 the first since the spring \u2014 followed a long-
running dispute over the river.



Kestland\u2019s minister said the two sides had agreed to meet
again in May.
"""

WEB_COPY_ARTICLE = (
    "The foreign ministers of Marovia and Kestland met in Geneva on Tuesday for talks that officials "
    "described as \u201cfrank but useful\u201d. The meeting \u2014 the first since the spring \u2014 followed a "
    "long-running dispute over the river.\n\n"
    "Kestland\u2019s minister said the two sides had agreed to meet again in May.\n"
)


def run(capsys, *argv):
    status = cli.main(["new-source", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_notepad_file_with_bom_and_windows_line_endings(tmp_path, capsys):
    path = tmp_path / "envoy.txt"
    path.write_bytes(NOTEPAD)
    status, out, err = run(capsys, path, "--slug", "envoy-talks", "--dir", tmp_path / "private")
    assert status == 0, err
    article = (tmp_path / "private" / "envoy-talks" / "article.txt").read_bytes()
    assert article == (
        "GENEVA, March 3 (Reuters) - The envoy said on Monday that the talks would resume.\n\n"
        "\u201cWe are ready,\u201d she told reporters.\n"
    ).encode("utf-8")
    document = text.parse(article.decode("utf-8"))
    assert document.dateline is not None and document.dateline.agency == "Reuters"
    assert [s.id for s in document.sentences] == ["p1s1", "p2s1"]
    assert "2 paragraphs, 2 sentences" in out
    note = yaml.safe_load((tmp_path / "private" / "envoy-talks" / "meta.yml").read_text())["provenance"]["note"]
    assert "byte-order mark removed" in note and "Windows line endings" in note


def test_web_page_copy_with_hard_wraps_becomes_paragraphs(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text(WEB_COPY, encoding="utf-8", newline="")
    made = new_source.new_source(path, "geneva-talks", tmp_path)
    assert (made.folder / "article.txt").read_text(encoding="utf-8") == WEB_COPY_ARTICLE
    assert (made.paragraphs, made.sentences) == (2, 3)
    assert any("4 hard-wrapped" in change for change in made.changes)


def test_one_line_per_paragraph_without_blank_lines_is_kept_as_paragraphs(tmp_path):
    lines = [
        "Marovia and Kestland signed a treaty on Tuesday to share the waters of the river, after four years of talks.",
        "\u201cThis treaty protects every farmer on both banks of the river,\u201d the foreign minister told reporters.",
        "Kestland\u2019s opposition leader claimed that the flow figures favoured Marovia, and called for a vote.",
    ]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    made = new_source.new_source(path, "treaty", tmp_path)
    assert (made.folder / "article.txt").read_text(encoding="utf-8") == "\n\n".join(lines) + "\n"
    assert made.paragraphs == 3


def test_notepad_unicode_file_is_utf16(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("The envoy said the talks would resume.\r\n".encode("utf-16"))
    made = new_source.new_source(path, "utf16", tmp_path)
    assert (made.folder / "article.txt").read_text(encoding="utf-8") == "The envoy said the talks would resume.\n"


def test_invisible_characters_and_decomposed_accents(tmp_path):
    path = tmp_path / "soft.txt"
    path.write_text("The min\u00adister met Jose\u0301 in Gene\u200bva.\n", encoding="utf-8")
    made = new_source.new_source(path, "soft", tmp_path)
    assert (made.folder / "article.txt").read_text(encoding="utf-8") == "The minister met Jos\u00e9 in Geneva.\n"


def _schema_fields(schema: dict, where: str = "") -> set[str]:
    out = set()
    for name, prop in schema.get("properties", {}).items():
        path = f"{where}/{name}" if where else name
        out.add(path)
        if prop.get("type") == "object":
            out |= _schema_fields(prop, path)
    return out


def _fields(data, where: str = "") -> set[str]:
    out = set()
    for name, value in data.items():
        path = f"{where}/{name}" if where else name
        out.add(path)
        if isinstance(value, dict):
            out |= _fields(value, path)
    return out


def test_meta_has_every_field_of_the_schema_and_validate_names_those_to_fill_in(tmp_path, capsys):
    path = tmp_path / "envoy.txt"
    path.write_bytes(NOTEPAD)
    made = new_source.new_source(path, "envoy", tmp_path)
    meta = yaml.safe_load((made.folder / "meta.yml").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS_DIR / "source-meta.schema.json").read_text())
    assert _fields(meta) == _schema_fields(schema)
    assert meta["slug"] == "envoy" and meta["language"] == "en"

    status = cli.main(["validate", "--source", str(made.folder)])
    err = capsys.readouterr().err
    assert status == 1
    problem = err.strip().splitlines()
    assert len(problem) == 1 and "meta.yml: still to fill in: title, outlet," in problem[0]
    assert "published" in problem[0] and "provenance/obtained" in problem[0] and "quoting" in problem[0]


def test_filled_in_meta_validates_and_the_source_is_usable_from_outside_the_repository(tmp_path, capsys):
    path = tmp_path / "envoy.txt"
    path.write_bytes(NOTEPAD)
    root = tmp_path / "instructor" / "sources"
    made = new_source.new_source(path, "envoy-private", root)
    meta = yaml.safe_load((made.folder / "meta.yml").read_text(encoding="utf-8"))
    fill = {
        "title": "Envoy says talks will resume",
        "outlet": "Example Wire",
        "published": "2026-03-03",
        "byline": None,
        "licence": "All rights reserved; kept for teaching only.",
        "fictional": False,
        "quoting": "Quote by sentence id.",
    }
    meta.update(fill)
    for optional in ("outlet_note", "page", "cite", "event", "coverage"):
        del meta[optional]
    meta["provenance"].update(upstream_agency="Reuters", transcript_linked=False, obtained="Copied on 2026-03-04.")
    (made.folder / "meta.yml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    assert cli.main(["validate", "--source", str(made.folder)]) == 0
    assert sources.add_private_root(root) == ["envoy-private"]
    assert sources.load_source("envoy-private").meta["title"] == fill["title"]


def test_marked_values_are_reported_by_validate_of_the_course_data(tmp_path):
    """A marked field in data/sources/*/meta.yml is named by `discourse-lab validate` too."""
    data = tmp_path / "data"
    path = tmp_path / "t.txt"
    path.write_text("The envoy said the talks would resume.\n", encoding="utf-8")
    new_source.new_source(path, "draft", data / "sources")
    problems = datafiles.validate_all(data)
    assert len(problems) == 1 and "draft/meta.yml: still to fill in: title" in problems[0]


@pytest.mark.parametrize(
    ("name", "content", "slug", "message"),
    [
        ("missing.txt", None, "ok-slug", "missing.txt: file not found"),
        ("empty.txt", b"", "ok-slug", "empty.txt: holds no text"),
        ("blank.txt", b" \r\n\r\n\t\r\n", "ok-slug", "blank.txt: holds no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ok-slug", "image.txt: looks like a binary file"),
        ("latin1.txt", "Caf\u00e9 talks.\n".encode("latin-1"), "ok-slug", "latin1.txt: is not UTF-8 text (byte 3"),
        ("good.txt", b"The envoy said so.\n", "Bad_Slug", "--slug 'Bad_Slug': not a slug"),
        ("good.txt", b"The envoy said so.\n", "sarn-river-treaty", "--slug sarn-river-treaty: already used"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, name, content, slug, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    status, out, err = run(capsys, path, "--slug", slug, "--dir", tmp_path / "sources")
    assert status == 2
    assert err.count("\n") == 1 and "Traceback" not in err and message in err
    assert not (tmp_path / "sources").exists() or not any((tmp_path / "sources").iterdir())


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("The envoy said the talks would resume.\n", encoding="utf-8")
    folder = tmp_path / "sources" / "taken"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("my own text\n", encoding="utf-8")
    status, out, err = run(capsys, path, "--slug", "taken", "--dir", tmp_path / "sources")
    assert status == 2 and "taken: already exists" in err and "nothing was overwritten" in err
    assert (folder / "article.txt").read_text(encoding="utf-8") == "my own text\n"
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt"]
    assert sorted(p.name for p in folder.parent.iterdir()) == ["taken"]  # no staging folder left behind


def test_dir_that_is_a_file_is_refused(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("The envoy said the talks would resume.\n", encoding="utf-8")
    status, out, err = run(capsys, path, "--slug", "x", "--dir", path)
    assert status == 2 and "is a file, not a folder" in err
