"""Is the student edition of the book free of every key, model answer and rubric, file by file?

Each mode of the edition (graded, self-check) is built at most once per session into a temporary
folder with the same script as ``make student-book [MODE=self-check]``; every file of each site is
then searched for every secret text of every exercise in the bank, in any encoding a page might
use (HTML-escaped, JSON-escaped). The self-check edition is also driven in Chromium, served from
127.0.0.1 with every other request blocked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from discourse_lab.book import student_edition
from discourse_lab.exercises import catalogue

from scripts import build_student_edition
from support import ROOT, serve

# The editions are built here, not through the book_build fixture.
pytestmark = pytest.mark.book
QUOTES = r"[\"'<>&\u201c\u201d\u2018\u2019\\]"


def build_edition(tmp_path_factory, mode: str) -> Path:
    out = tmp_path_factory.mktemp(f"student-edition-{mode}")
    code = build_student_edition.build(out, mode)
    if code:
        log = (out / "_build" / "build.log").read_text(errors="replace")
        pytest.fail(f"the {mode} student edition failed to build or leaked:\n" + "\n".join(log.splitlines()[-30:]))
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def student_site(tmp_path_factory):
    return build_edition(tmp_path_factory, "graded")


@pytest.fixture(scope="session")
def selfcheck_site(tmp_path_factory):
    return build_edition(tmp_path_factory, "self-check")


EDITIONS = ["student_site", "selfcheck_site"]


@pytest.fixture(params=EDITIONS)
def edition_site(request):
    return request.getfixturevalue(request.param)


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


# Feedback often quotes the article, which every edition shows: such quotations are not secrets.
# The articles and the cited coverage excerpts: every edition shows them on purpose.
ARTICLES = student_edition.shown_text()


def fragments(secret: str) -> list[str]:
    """The quote-free runs of a secret long enough to be distinctive (they survive any escaping),
    less those that quote a source article or a cited coverage excerpt."""
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
                body = "\n".join(row for row in match.group(2).splitlines() if not row.startswith(":"))
                found += [line.strip() for line in body.splitlines() if len(line.strip()) >= 25]
    return found


def test_no_file_holds_a_key_model_answer_rubric_or_solution(edition_site):
    """Does any file of the site contain any secret string of any exercise, or any solution text?"""
    secrets = {f"{e.id}: {s[:40]}": fragments(s) or [s] for e in catalogue.bank() for s in e.secret_strings()}
    secrets.update({f"solution: {s[:40]}": [s] for s in solution_texts()})
    assert len(secrets) > 100  # the whole bank, not an empty list
    leaks = []
    for path in site_files(edition_site):
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks += [
            f"{path.relative_to(edition_site)} <- {name}"
            for name, parts in secrets.items()
            if any(part in text for part in parts)
        ]
    assert leaks == []
    assert student_edition.leaks(edition_site) == []  # the build's own check, run again here


def test_every_exercise_spec_is_graded_and_keyless(student_site):
    """Does every exercise on every page carry a graded spec with no key and nothing to check against?"""
    specs = page_specs(student_site)
    assert len(specs) >= 9
    assert all(s["mode"] == "graded" and "key" not in s and "check" not in s for s in specs)


def test_no_download_launch_or_instructor_pages(edition_site):
    """Are the download and launch buttons gone, and the instructor guide left out?"""
    for page in edition_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "download-notebook-button" not in html and "download-source-button" not in html, page.name
        assert "mybinder.org" not in html and "colab.research.google.com" not in html, page.name
    assert not list(edition_site.rglob("instructor_guide*"))
    assert not any(p.suffix in (".ipynb", ".md", ".py") or "_sources" in p.parts for p in site_files(edition_site))


def test_no_lesson_shows_the_course_coding_on_the_public_site(edition_site, built_book):
    """The course team's frame coding answers lesson 4's coding exercise. It is no longer on the
    lesson page of either edition (the public book is the default build), and no lesson of the
    default build carries a "For instructors" admonition."""
    for site in (built_book, edition_site):
        page = (site / "chapters" / "04_framing.html").read_text(encoding="utf-8")
        assert "The course team's coding of the seed article" not in page
        assert "Generic-frame scores of the seed article" not in page
    for page in sorted((built_book / "chapters").glob("0*_*.html")):
        html = page.read_text(encoding="utf-8")
        assert "For instructors:" not in html and "tag_instructor-only" not in html, page.name


def page_specs(site: Path) -> list[dict]:
    specs = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        specs += [json.loads(s.get_text()) for s in soup.select("script.dl-exercise-spec")]
    return specs


def test_self_check_specs_carry_digests_of_the_key_and_no_key(selfcheck_site):
    """Does every checkable exercise carry one build salt and the digests of its right answer, every
    other exercise a graded spec for review, and none a key?"""
    from discourse_lab.exercises import check

    specs = page_specs(selfcheck_site)
    assert len(specs) >= 40 and not any("key" in s for s in specs)
    salts = {s["check"]["salt"] for s in specs if "check" in s}
    assert len(salts) == 1
    (salt,) = salts
    hexdigest = re.compile(r"^[0-9a-f]{64}$")
    kinds = set()
    for s in specs:
        exercise = catalogue.get(s["id"])
        if "check" in s:
            assert check.checkable(exercise) and s["mode"] == "self-check"
            assert s["check"] == check.check_member(exercise, salt)  # the page checks against the right answer
            digests = list(s["check"].get("rows", {}).values()) or [s["check"]["answer"]]
            assert all(hexdigest.match(d) for d in digests)
        elif s.get("review"):
            assert not check.checkable(exercise) and s["mode"] == "graded"
        else:  # a cell that shows its exercise graded on purpose stays graded
            assert s["mode"] == "graded" and s["id"] == "tour-graded"
        kinds.add((exercise.type, "check" in s))
    assert {t for t, checked in kinds if checked} == set(check.CHECKABLE_TYPES)
    assert {t for t, checked in kinds if not checked} >= {"span", "short_text", "rewrite"}


def test_a_mode_or_salt_change_starts_the_folder_afresh(tmp_path):
    """Would pages rendered in another mode or with another salt be published again? (Sphinx
    re-reads only changed notebooks, so the cache alone is not enough to drop.)"""
    work = tmp_path / "_build"

    def fill():
        for name in (".jupyter_cache", ".doctrees", "html"):
            (work / name).mkdir(parents=True, exist_ok=True)

    fill()
    first = student_edition.edition_stamp(work, "self-check", None)
    assert len(first["salt"]) == 32 and not (work / ".doctrees").exists()
    fill()
    assert student_edition.edition_stamp(work, "self-check", None) == first  # kept with its cache
    assert (work / ".doctrees").exists() and (work / ".jupyter_cache").exists()
    assert student_edition.edition_stamp(work, "self-check", "other")["salt"] == "other"
    assert not (work / ".doctrees").exists() and not (work / "html").exists()
    fill()
    assert student_edition.edition_stamp(work, "graded", None)["salt"] is None
    assert not (work / ".jupyter_cache").exists()


def test_the_leak_check_finds_a_planted_secret(tmp_path):
    """Would the build's own leak check catch a rubric line that slipped into a page?"""
    exercise = next(e for e in catalogue.bank() if not e.objective)
    (tmp_path / "page.html").write_text(f"<p>{exercise.data['rubric'][0]}</p>", encoding="utf-8")
    (tmp_path / "spec.json").write_text('{"key": {"answer": "b"}}', encoding="utf-8")
    found = student_edition.leaks(tmp_path)
    assert any(exercise.id in line for line in found)
    assert any("carries its key" in line for line in found)


def test_the_leak_check_sees_through_html_escaping(tmp_path):
    """Would it catch an explanation with quotes that a table cell wrote as &#39; / &#34;?"""
    from markupsafe import escape

    exercise = next(e for e in catalogue.bank() if "'" in e.explanation or '"' in e.explanation)
    escaped = str(escape(exercise.explanation))
    assert exercise.explanation not in escaped
    (tmp_path / "page.html").write_text(f"<td>{escaped}</td>", encoding="utf-8")
    assert any(exercise.id in line for line in student_edition.leaks(tmp_path))


# ------------------------------------------------------------------ the self-check edition in Chromium

TOUR = "chapters/exercise-types.html"
TAGS = {"p1s3": "not_quoted", "p2s1": "quoted", "p2s2": "quoted", "p3s2": "not_quoted"}  # p2s2 wrong


@pytest.fixture(scope="session")
def served_selfcheck(selfcheck_site):
    with serve(selfcheck_site) as url:
        yield url


def box(page, exercise_id):
    return page.locator(f'.dl-exercise[data-exercise-id="{exercise_id}"]')


def check_it(page, exercise_id):
    """Press the exercise's button and wait for the digest check (asynchronous) to finish."""
    b = box(page, exercise_id)
    b.locator("button.dl-check").click()
    fb = b.locator(".dl-feedback")
    page.wait_for_function(
        "el => !el.classList.contains('dl-pending') && el.textContent.trim() !== ''", arg=fb.element_handle()
    )
    return fb


def test_self_check_edition_checks_answers_without_the_key(recorder, served_selfcheck):
    """Choice wrong then right, tagging with per-sentence results, span saved for review; all kept
    across a reload, with no console error and nothing fetched from outside 127.0.0.1."""
    page = recorder.page
    page.goto(served_selfcheck + TOUR)
    page.wait_for_selector(".dl-exercise.dl-ready")
    dateline = catalogue.get("tour-choice")

    b = box(page, "tour-choice")
    b.get_by_label("The reporter's own.").check()
    text = check_it(page, "tour-choice").inner_text()
    assert text.startswith("\u2716 Not quite") and "0 of 1 points" in text
    b.get_by_label("Ilse Darrow, a foreign minister.").check()
    text = check_it(page, "tour-choice").inner_text()
    assert text.startswith("\u2714 Correct") and "1 of 1 points" in text
    assert "2 attempts" in b.locator(".dl-attempts").inner_text()
    assert not any(s in page.content() for s in dateline.secret_strings())  # no explanation, no option feedback
    assert b.locator(".dl-feedback").get_attribute("aria-live") == "polite"

    b = box(page, "tour-tagging")
    for i, label in enumerate(TAGS.values()):
        b.locator("select").nth(i).select_option(label)
    fb = check_it(page, "tour-tagging")
    assert fb.inner_text().startswith("\u25d0 Partly right") and "1.5 of 2 points" in fb.inner_text()
    assert fb.locator("li").all_inner_texts() == [
        "p1s3: right.",
        "p2s1: right.",
        "p2s2: look at this sentence again.",
        "p3s2: right.",
    ]

    b = box(page, "tour-span")
    assert b.locator("button.dl-check").inner_text() == "Save answer"
    b.locator('.dl-token[data-token-id="p2s2t6"]').click()
    text = check_it(page, "tour-span").inner_text()
    assert "Answer saved" in text and "your instructor will review it" in text
    assert "Correct" not in text and "Not quite" not in text

    b = box(page, "tour-multi")
    b.get_by_label("An internet connection.").check()
    text = check_it(page, "tour-multi").inner_text()
    assert text.startswith("\u2716 Not quite") and "points" not in text  # partial credit needs the key

    b = box(page, "tour-rewrite")
    b.locator("textarea").fill("The agreement sets out how the two countries will share the water.")
    fb = check_it(page, "tour-rewrite")
    assert "your instructor will review it" in fb.inner_text() and fb.locator("table.dl-indicators").count() == 1
    assert catalogue.get("tour-rewrite").data["model_answer"] not in fb.inner_text()

    page.reload()
    page.wait_for_selector(".dl-exercise.dl-ready")
    b = box(page, "tour-choice")
    page.wait_for_function("el => el.textContent.includes('Correct')", arg=b.locator(".dl-feedback").element_handle())
    assert b.get_by_label("Ilse Darrow, a foreign minister.").is_checked()
    tagged = box(page, "tour-tagging").locator(".dl-feedback li")
    page.wait_for_function(
        "el => el.querySelectorAll('li').length === 4",
        arg=box(page, "tour-tagging").locator(".dl-feedback").element_handle(),
    )
    assert tagged.nth(2).inner_text() == "p2s2: look at this sentence again."
    assert recorder.console_errors == [] and recorder.failed == []
    assert recorder.blocked == []


def test_self_check_edition_on_plain_http_says_checking_needs_a_secure_context(browser, selfcheck_site):
    """Served as http from a host other than this computer, the page has no crypto.subtle: does it
    say so in one sentence, keep the answer, and log no error? (The route stands in for the host.)"""
    import mimetypes

    def serve(route):
        path = selfcheck_site / route.request.url.split("selfcheck.example/", 1)[1].split("?")[0]
        if path.is_file():
            route.fulfill(
                body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
        else:
            route.fulfill(status=404, body="")

    context = browser.new_context()
    context.route("**/*", lambda route: serve(route) if "//selfcheck.example/" in route.request.url else route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("http://selfcheck.example/" + TOUR)
    page.wait_for_selector(".dl-exercise.dl-ready")
    assert page.evaluate("isSecureContext") is False
    b = box(page, "tour-choice")
    b.get_by_label("The reporter's own.").check()
    b.locator("button.dl-check").click()
    text = b.locator(".dl-feedback").inner_text()
    assert "Checking answers needs a secure context" in text and "saved" in text
    assert "Correct" not in text and "Not quite" not in text
    stored = json.loads(page.evaluate("localStorage.getItem(DLExercises.STORAGE_KEY)"))
    assert stored["answers"]["tour-choice"]["answer"] == "reporter"
    assert errors == []
    context.close()
