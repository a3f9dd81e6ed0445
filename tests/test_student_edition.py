"""Is the student edition of the book free of every key, model answer and rubric, file by file?

The edition is built once per session into a temporary folder with the same script as
``make student-book``; every file of the site is then searched for every secret text of every
exercise in the bank, in any encoding a page might use (HTML-escaped, JSON-escaped).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from discourse_lab.exercises import spec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_student_edition  # noqa: E402

pytestmark = pytest.mark.book
QUOTES = r"[\"'<>&\u201c\u201d\u2018\u2019\\]"


@pytest.fixture(scope="session")
def student_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("student-edition")
    code = build_student_edition.build(out, "graded")
    if code:
        log = (out / "_build" / "build.log").read_text(errors="replace")
        pytest.fail("the student edition failed to build or leaked:\n" + "\n".join(log.splitlines()[-30:]))
    return out / "_build" / "html"


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


# Feedback often quotes the article, which every edition shows: such quotations are not secrets.
ARTICLES = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data" / "sources").glob("*/article.txt"))


def fragments(secret: str) -> list[str]:
    """The quote-free runs of a secret long enough to be distinctive (they survive any escaping),
    less those that are quotations of a source article."""
    pieces = [piece.strip() for piece in re.split(QUOTES, secret)]
    return [piece for piece in pieces if len(piece) >= 25 and piece not in ARTICLES]


def solution_texts() -> list[str]:
    """Bodies of sphinx-exercise ``solution`` directives in the chapters (none may reach the site)."""
    found = []
    pattern = re.compile(r"^(```|:::)\{solution\}[^\n]*\n(.*?)^\1", re.S | re.M)
    for path in sorted((ROOT / "chapters").rglob("*")):
        if path.suffix == ".md":
            texts = [path.read_text(encoding="utf-8")]
        elif path.suffix == ".ipynb":
            texts = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
        else:
            continue
        for text in texts:
            for match in pattern.finditer(text):
                body = "\n".join(l for l in match.group(2).splitlines() if not l.startswith(":"))
                found += [line.strip() for line in body.splitlines() if len(line.strip()) >= 25]
    return found


def test_no_file_holds_a_key_model_answer_rubric_or_solution(student_site):
    """Does any file of the site contain any secret string of any exercise, or any solution text?"""
    secrets = {f"{e.id}: {s[:40]}": fragments(s) or [s] for e in spec.bank() for s in e.secret_strings()}
    secrets.update({f"solution: {s[:40]}": [s] for s in solution_texts()})
    assert len(secrets) > 100  # the whole bank, not an empty list
    leaks = []
    for path in site_files(student_site):
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks += [f"{path.relative_to(student_site)} <- {name}" for name, parts in secrets.items()
                  if any(part in text for part in parts)]
    assert leaks == []


def test_every_exercise_spec_is_graded_and_keyless(student_site):
    """Does every exercise on every page carry a graded spec with no key member?"""
    specs = []
    for page in student_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        specs += [json.loads(s.string) for s in soup.select("script.dl-exercise-spec")]
    assert len(specs) >= 9
    assert all(s["mode"] == "graded" and "key" not in s for s in specs)
    assert not any(p.suffix in (".ipynb", ".md", ".py") or "_sources" in p.parts for p in site_files(student_site))


def test_no_download_launch_or_instructor_pages(student_site):
    """Are the download and launch buttons gone, and the instructor guide left out?"""
    for page in student_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "download-notebook-button" not in html and "download-source-button" not in html, page.name
        assert "mybinder.org" not in html and "colab.research.google.com" not in html, page.name
    assert not list(student_site.rglob("instructor_guide*"))


def test_the_leak_check_finds_a_planted_secret(tmp_path):
    """Would the build's own leak check catch a rubric line that slipped into a page?"""
    exercise = next(e for e in spec.bank() if not e.objective)
    (tmp_path / "page.html").write_text(f"<p>{exercise.data['rubric'][0]}</p>", encoding="utf-8")
    (tmp_path / "spec.json").write_text('{"key": {"answer": "b"}}', encoding="utf-8")
    found = build_student_edition.leaks(tmp_path)
    assert any(exercise.id in line for line in found)
    assert any("carries its key" in line for line in found)
