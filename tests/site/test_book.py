"""The built book: zero warnings, no error outputs, self-contained, and clean in a real browser."""

from __future__ import annotations

import re


from support import ROOT
from site_checks import outside_resources_in_css, outside_resources_in_html, pages


def test_build_has_no_warnings(book_build):
    """Does the build log (nitpicky, warnings as errors) contain no warning at all?"""
    _, log = book_build
    warnings = [line for line in log.splitlines() if re.search(r"\bWARNING\b|\bwarning:", line, re.IGNORECASE)]
    assert warnings == []


def test_every_toc_file_is_built(built_book):
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    for name in files:
        assert (built_book / f"{name}.html").is_file(), name


def test_no_page_has_error_output(built_book):
    """Is there no traceback or stderr output on any page?"""
    bad = [
        p.name
        for p in pages(built_book)
        if re.search(r'class="[^"]*\b(output traceback|output stderr)', p.read_text(encoding="utf-8"))
    ]
    assert bad == []


def test_pages_load_nothing_from_outside(built_book):
    """Does any page or stylesheet of the site load a script, style, font, image or frame from elsewhere?"""
    problems = {}
    for page in pages(built_book):
        found = outside_resources_in_html(page.read_text(encoding="utf-8"))
        if found:
            problems[str(page.relative_to(built_book))] = found
    for css in built_book.rglob("*.css"):
        found = outside_resources_in_css(css.read_text(encoding="utf-8", errors="replace"))
        if found:
            problems[str(css.relative_to(built_book))] = found
    assert problems == {}


def test_no_page_needs_a_widget_renderer(built_book):
    """The site serves no ipywidgets renderer (``nb_ipywidgets_js: {}``): is there no widget state
    on any page that would need one?"""
    needing = [
        str(p.relative_to(built_book))
        for p in pages(built_book)
        if "application/vnd.jupyter.widget-state+json" in p.read_text(encoding="utf-8")
        or "application/vnd.jupyter.widget-view+json" in p.read_text(encoding="utf-8")
    ]
    assert needing == []


def test_sentence_ids_are_visible_in_chapter_1(built_book):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_book / "chapters" / "01_source.html").read_text(encoding="utf-8"), "html.parser")
    ids = [badge.get_text() for badge in soup.select(".dl-sentence .dl-sid")]
    assert ids[:3] == ["p1s1", "p1s2", "p2s1"] and "p5s1" in ids


def test_pages_open_in_chromium_without_errors(served_book, built_book, recorder):
    """Does every page load in headless Chromium over 127.0.0.1 with no console error,
    no failed request and no attempt to reach another host?"""
    problems = {}
    for page in pages(built_book):
        rel = page.relative_to(built_book).as_posix()
        recorder.console_errors.clear()
        recorder.failed.clear()
        recorder.blocked.clear()
        response = recorder.page.goto(served_book + rel, wait_until="networkidle")
        issues = []
        if response is None or response.status != 200:
            issues.append(f"status {response and response.status}")
        issues += [f"console: {e}" for e in recorder.console_errors]
        issues += [f"failed: {f}" for f in recorder.failed]
        issues += [f"outside: {b}" for b in recorder.blocked]
        if issues:
            problems[rel] = issues
    assert problems == {}


def test_book_works_from_disk(built_book, recorder):
    """Opened from file://, does the chapter show its figure and reach for nothing outside?"""
    recorder.page.goto((built_book / "chapters" / "01_source.html").as_uri(), wait_until="load")
    loaded = recorder.page.eval_on_selector_all(
        "figure.dl-figure img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
    )
    assert loaded and all(loaded)
    assert recorder.blocked == []
    assert recorder.console_errors == []
