"""Glossary terms in a lesson's prose, in JupyterLab and Notebook 7: each one resolves (a link to its
entry, its definition on hover) and rendering the lesson logs no console error.

jupyterlab-myst resolves a ``{term}`` only against a glossary in the same notebook; without one each
term was a link to nothing, its hover card said "⚠ term-<name>", and each render of a markdown cell
logged "Cross reference target was not found" per term (11-18 console errors a lesson). Each lesson
now ends with its terms' entries (``scripts/lesson_glossary.py``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from scripts import lesson_glossary

from .lab import UI_TIMEOUT, Lab

LESSON = "chapters/02_who_speaks.ipynb"  # the lesson with the most terms


class RecordingLab(Lab):
    """A Lab that keeps every console error and uncaught exception (Notebook 7's own left out)."""

    def __init__(self, page: Page, server) -> None:
        super().__init__(page, server)
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: None if notebook7_own(exc) else self.errors.append(f"{exc}\n{exc.stack}"))


@pytest.fixture
def tab(live_context, jupyter_server):
    """A browser tab of its own that records every console error and uncaught exception."""
    lab = RecordingLab(live_context.new_page(), jupyter_server)
    yield lab
    try:
        lab.close_all()
    finally:
        lab.page.close()


def notebook7_own(exc) -> bool:
    """Notebook 7's settings registry, loading a plugin's settings while the lesson already runs, at
    times throws this (in notebook_core's bundle): no lesson, term or exercise code is on its stack."""
    stack = str(exc.stack or "")
    return "reading 'schema'" in str(exc) and "/static/notebook/notebook_core." in stack and "myst" not in stack


def definition_start(term: str) -> str:
    """The first words of the term's glossary entry."""
    chunk = lesson_glossary.entries()[lesson_glossary.key(term)]
    definition = " ".join(ln.strip() for ln in chunk.splitlines() if ln[:1].isspace())
    return " ".join(definition.split()[:6])


@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7"])
def test_terms_resolve_with_no_console_error(front_end, tab):
    if front_end == "notebook7":
        panel = tab.open_notebook7(LESSON)
    else:
        tab.start("lab/workspaces/terms?reset")
        panel = tab.open(LESSON)
    tab.run_all(panel)
    terms = tab.page.locator(f'[id="{panel}"] .jp-MarkdownCell [data-state] > a.hover-link')
    terms.first.wait_for(timeout=UI_TIMEOUT)
    links = terms.evaluate_all("(as) => as.map((a) => ({text: a.innerText, href: a.getAttribute('href')}))")
    named = lesson_glossary.terms_named(
        "\n".join(c["source"] for c in tab.cells(panel) if c["type"] == "markdown" and "{term}" in c["source"])
    )
    assert len(links) >= len(named) > 10, (links, named)
    unresolved = [link for link in links if not re.fullmatch(r"#term-[\w-]+", link["href"] or "")]
    assert unresolved == [], unresolved
    # Point at the first term of the prose: its entry shows, not "⚠ term-…".
    first = terms.first
    term = first.inner_text()
    first.scroll_into_view_if_needed()
    first.hover()
    card = tab.page.locator(".hover-card-content")
    card.wait_for(timeout=UI_TIMEOUT)
    shown = " ".join(card.inner_text().split())
    assert "\u26a0" not in shown and definition_start(term) in shown, (term, shown)
    assert tab.errors == [], f"{len(tab.errors)} console errors in {front_end}:\n" + "\n".join(tab.errors[:5])
