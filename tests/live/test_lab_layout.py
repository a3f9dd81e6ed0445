"""The exercises and the lessons' tables laid out in JupyterLab and Notebook 7 on an 800 px wide window.

Measured in the page, not looked at: a tagging row's label and its drop-down side by side without
overlapping, the label not squeezed into a narrow column, no text clipped (``scrollWidth`` against
``clientWidth``); a drop-down as wide as its longest option needs (or the whole row); the
"Export my answers" button showing its words; the lessons' text tables aligned left, as the book
aligns them (``_static/discourse-lab.css``), where JupyterLab's output CSS right-aligns every cell.
"""

from __future__ import annotations

import pytest

from .lab import Lab

TOUR = "chapters/exercise-types.ipynb"
LESSON = "chapters/02_who_speaks.ipynb"  # text tables of the analysis, a markdown table, a matching exercise
LONG_LABELS = "chapters/03_reporting_verbs.ipynb"  # ch03-verbs-stance-match: the bank's longest drop-down options
WIDTH = 800
SLACK = 1  # px: layout rounds boxes to fractions of a pixel

# Each .dl-row of the page: its label's and drop-down's boxes, overflow and the width the
# drop-down would take with nothing limiting it (a copy laid out at its natural size).
ROWS = """(root) => Array.from(document.querySelectorAll(root + ' .dl-exercise .dl-row')).map((row) => {
  const label = row.querySelector('label'), select = row.querySelector('select');
  const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }; };
  const copy = select.cloneNode(true);
  copy.style.cssText = 'position:absolute; visibility:hidden; width:auto; max-width:none; min-width:0';
  row.appendChild(copy);
  const natural = copy.getBoundingClientRect().width;
  copy.remove();
  // The width the label's words take on one line (the same font, no width limit).
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute; visibility:hidden; white-space:nowrap';
  probe.textContent = label.textContent;
  label.appendChild(probe);
  const oneLine = probe.getBoundingClientRect().width;
  probe.remove();
  const em = parseFloat(getComputedStyle(label).fontSize);
  return {
    exercise: row.closest('.dl-exercise').getAttribute('data-exercise-id'), row: row.dataset.rowId,
    label: box(label), select: box(select), rowBox: box(row), natural, oneLine, em,
    exBox: box(row.closest('.dl-ex')), exClipped: row.closest('.dl-ex').scrollWidth > row.closest('.dl-ex').clientWidth + 1,
    labelClipped: label.scrollWidth > label.clientWidth + 1,
    rowClipped: row.scrollWidth > row.clientWidth + 1,
  };
})"""

BUTTONS = """(root) => Array.from(document.querySelectorAll(root + ' button')).filter(
  (b) => /Export my answers/.test(b.textContent)).map((b) => {
  const inner = b.querySelector('.widget-label, span') || b;
  return { text: b.textContent.trim(), scroll: b.scrollWidth, client: b.clientWidth,
           innerScroll: inner.scrollWidth, innerClient: inner.clientWidth,
           overflow: getComputedStyle(inner).textOverflow };
})"""

CELLS = """(root) => Array.from(document.querySelectorAll(root + ' table')).filter(
  (t) => !t.closest('.dl-exercise')).flatMap((t) => Array.from(t.querySelectorAll('th, td')).map((c) => ({
    table: (t.className || (t.closest('.jp-MarkdownCell') ? 'markdown' : 'table')) + ': '
           + (t.querySelector('th') || t).textContent.trim().slice(0, 30),
    text: c.textContent.trim().slice(0, 40), align: getComputedStyle(c).textAlign,
    valign: getComputedStyle(c).verticalAlign })))"""


@pytest.fixture(params=["jupyterlab", "notebook7"])
def narrow(request, live_context, jupyter_server):
    """A tab 800 px wide; ``open(path)`` opens and runs a notebook in the front end; (tab, open, root selector)."""
    tab = Lab(live_context.new_page(), jupyter_server)
    tab.page.set_viewport_size({"width": WIDTH, "height": 900})

    def open_in(path: str) -> str:
        if request.param == "notebook7":
            panel = tab.open_notebook7(path)
        else:
            tab.start(f"lab/workspaces/layout-{request.param}?reset")  # its own workspace: the default layout
            panel = tab.open(path)
        tab.run_all(panel)
        return f'[id="{panel}"]'

    try:
        yield tab, open_in
    finally:
        tab.close_all()
        tab.page.close()


def squeezed(rows: list[dict]) -> list[str]:
    """What is wrong with each row: overlap, clipping, a label squeezed, a drop-down narrower than its options."""
    problems = []
    for r in rows:
        name, label, select, row = f"{r['exercise']}/{r['row']}", r["label"], r["select"], r["rowBox"]
        side_by_side = select["top"] < label["bottom"] - SLACK
        if side_by_side and label["right"] > select["left"] + SLACK:
            problems.append(f"{name}: the label runs under the drop-down")
        if r["labelClipped"] or r["rowClipped"]:
            problems.append(f"{name}: text clipped")
        if select["right"] > row["right"] + SLACK or label["right"] > row["right"] + SLACK:
            problems.append(f"{name}: sticks out of its row")
        if row["right"] > r["exBox"]["right"] + SLACK or r["exClipped"]:
            problems.append(f"{name}: the row is wider than its exercise")
        # Squeezed: words that would fit on a line of 16 em broken over a narrower column.
        if label["width"] + SLACK < min(r["oneLine"], 16 * r["em"]):
            problems.append(f"{name}: label {label['width']:.0f} px wide for {r['oneLine']:.0f} px of words")
        if select["width"] + SLACK < min(r["natural"], row["width"]):
            problems.append(f"{name}: drop-down {select['width']:.0f} px wide, its options need {r['natural']:.0f} px")
    return problems


def test_tagging_and_matching_rows_fit_at_800px(narrow):
    tab, open_in = narrow
    root = open_in(TOUR)
    rows = tab.js(ROWS, root)
    assert {r["exercise"] for r in rows} >= {"tour-tagging", "tour-matching"}, rows
    assert squeezed(rows) == []


def test_long_drop_down_labels_are_readable_at_800px(narrow):
    tab, open_in = narrow
    root = open_in(LONG_LABELS)
    rows = [r for r in tab.js(ROWS, root) if r["exercise"] == "ch03-verbs-stance-match"]
    assert rows and squeezed(rows) == []


def test_export_button_shows_its_words(narrow):
    tab, open_in = narrow
    root = open_in(TOUR)
    buttons = tab.js(BUTTONS, root)
    assert buttons, "no Export my answers button"
    clipped = [b for b in buttons if b["scroll"] > b["client"] + SLACK or b["innerScroll"] > b["innerClient"] + SLACK]
    assert clipped == []


def test_text_tables_are_left_aligned_as_in_the_book(narrow):
    tab, open_in = narrow
    root = open_in(LESSON)
    cells = tab.js(CELLS, root)
    tables = {c["table"] for c in cells}
    assert any(t.startswith("dl-table") for t in tables) and any(t.startswith("markdown") for t in tables), tables
    wrong = [c for c in cells if c["align"] not in ("left", "start")]
    assert wrong == [], wrong[:5]
    # The book aligns the analysis tables' cells at the top, so a long cell does not float its neighbours.
    floating = [c for c in cells if c["table"].startswith("dl-table") and c["valign"] != "top"]
    assert floating == [], floating[:5]
