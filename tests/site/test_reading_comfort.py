"""Reading comfort in a phone's browser: at 390 px no page of the book scrolls sideways, the rows
of tagging and matching exercises and of the analysis tables stack, and the favicon loads."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "chapters").glob("0*_*.ipynb"))

PAGES = [f"chapters/{p.stem}.html" for p in LESSONS] + [
    "chapters/exercise-types.html",
    "chapters/glossary.html",
    "chapters/bibliography.html",
    "chapters/intro.html",
]


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone_and_rows_stack(browser, served_book):
    """At 390 px no page is wider than the screen; tagging and matching rows put the choice under
    the label; table rows stack; the favicon loads (no 404)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    missing = []
    page.on("response", lambda res: missing.append(res.url) if res.status >= 400 else None)
    wide = {}
    for name in PAGES:
        page.goto(served_book + name, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[name] = width
    assert wide == {}
    page.goto(served_book + "chapters/exercise-types.html", wait_until="load")
    page.wait_for_selector(".dl-exercise.dl-ready")
    row = page.locator(".dl-row").first
    label, select = row.locator("label").bounding_box(), row.locator("select").bounding_box()
    assert select["y"] >= label["y"] + label["height"] - 1, "the choice is not under its label"
    page.goto(served_book + "chapters/05_naming_omission.html", wait_until="load")
    display = page.evaluate("getComputedStyle(document.querySelector('table.dl-table tr')).display")
    assert display == "block"
    assert missing == []
    context.close()


FIGURE_PAGES = [f"chapters/{p.stem}.html" for p in LESSONS]
MIN_FIGURE_TEXT_PX = 8.9  # about 9 CSS px, less rounding


def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    return context


def smallest_figure_text_px(src: str, shown_width: float) -> float:
    """The smallest text of an SVG figure in CSS px as shown: its font size in the SVG's units,
    scaled by the shown width over the SVG's own (viewBox) width."""
    import base64
    import re

    assert src.startswith("data:image/svg+xml;base64,"), "the figure is a raster image, not SVG"
    svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    view_box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)
    assert view_box is not None, "the SVG has no viewBox"
    view_width = float(view_box.group(1))
    sizes = [float(s) for s in re.findall(r"<text[^>]*font-size: ([\d.]+)px", svg)]
    assert sizes, "the figure's text is not text (svg.fonttype)"
    return min(sizes) * shown_width / view_width


@pytest.mark.browser
def test_figure_text_is_at_least_9_px_on_a_phone(browser, served_book):
    """At 390 px every figure's smallest label is about 9 CSS px or larger, each figure fits the
    column (none has to be scrolled sideways to be read), and the page does not scroll sideways."""
    context = phone(browser)
    page = context.new_page()
    small, wide, seen = {}, {}, 0
    for name in FIGURE_PAGES:
        page.goto(served_book + name, wait_until="load")
        figures = page.eval_on_selector_all(
            "figure.dl-figure img",
            "imgs => imgs.map(i => [i.getAttribute('src'), i.getBoundingClientRect().width, i.parentElement.clientWidth])",
        )
        for i, (src, width, column) in enumerate(figures):
            seen += 1
            px = smallest_figure_text_px(src, width)
            if px < MIN_FIGURE_TEXT_PX:
                small[f"{name}#{i}"] = round(px, 1)
            if width > column + 1:
                wide[f"{name}#{i}"] = round(width)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    context.close()
    assert seen >= len(FIGURE_PAGES)
    assert small == {}
    assert wide == {}, "a figure is wider than the phone's column and has to be scrolled"


@pytest.mark.browser
def test_stacked_table_cells_show_their_column_label_on_a_phone(browser, served_book):
    """At 390 px the rows of an analysis table stack; each cell then starts with the name of its
    column (the header row itself is hidden from sight, not from screen readers)."""
    context = phone(browser)
    page = context.new_page()
    missing = {}
    for name in ("chapters/02_who_speaks.html", "chapters/05_naming_omission.html", "chapters/term_plan.html"):
        page.goto(served_book + name, wait_until="load")
        found = page.evaluate(
            """() => [...document.querySelectorAll('table.dl-table')].flatMap(table => {
                 const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
                 return [...table.querySelectorAll('tbody tr')].slice(0, 3).flatMap(tr =>
                   [...tr.children].map((cell, i) => [heads[i],
                     getComputedStyle(cell, '::before').content, getComputedStyle(cell).display]));
               })"""
        )
        assert found, name
        bad = [f for f in found if f[0] and (f[1] != f'"{f[0]}: "' or f[2] != "block")]
        if bad:
            missing[name] = bad[:3]
    context.close()
    assert missing == {}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_printed_output_wraps_and_code_keeps_its_lines(browser, served_book, width):
    """The printed output of a cell (a report, the rating limits, how a text was copied) wraps at
    the column's edge instead of being cut off; the code of a code cell keeps its lines."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    cut = {}
    for name in (
        "chapters/01_source.html",
        "chapters/07_voices_balance.html",
        "chapters/08_your_own_text.html",
        "chapters/instructor_guide.html",
    ):
        page.goto(served_book + name, wait_until="load")
        over = page.eval_on_selector_all(
            "div.cell_output pre", "pres => pres.filter(p => p.scrollWidth > p.clientWidth + 1).length"
        )
        if over:
            cut[name] = over
    page.goto(served_book + "chapters/instructor_guide.html", wait_until="load")
    code = page.eval_on_selector_all("div.cell_input pre", "pres => pres.map(p => getComputedStyle(p).whiteSpace)")
    context.close()
    assert cut == {}
    if width > 600:
        assert code and set(code) == {"pre"}
