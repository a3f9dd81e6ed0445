"""Sphinx extension: name the toggles of the sidebar's nested sections for assistive technology.

A chapter with sections (the instructor guide and its term plan) gets a disclosure toggle in the
sidebar. pydata-sphinx-theme draws it as ``<details><summary>`` holding only a chevron marked
``role="presentation"``, so the summary has no accessible name and axe-core reports
``summary-name`` (serious) on every page. Each such summary is labelled after its chapter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PRIORITY = 900  # after the theme's handler (default 500), which puts generate_toctree_html in the context


def label_toggles(soup) -> None:
    """Give every text-less section toggle of a toctree soup an aria-label naming its chapter."""
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        link = summary.find_parent("li").find("a", recursive=False)
        name = link.get_text(" ", strip=True) if link else "this chapter"
        summary["aria-label"] = f"Sections of {name}"


class _LabelledToctree:
    """The theme's ``generate_toctree_html`` with its toggles labelled (a class, so a context that is
    handed to the handler twice is recognised as wrapped and not wrapped again)."""

    def __init__(self, generate: Callable[..., Any]) -> None:
        self.generate = generate

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self.generate(*args, **kwargs)
        if hasattr(result, "select"):  # a BeautifulSoup; a plain string has no toggles to label
            label_toggles(result)
        return result


def _wrap_toctree(app, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or isinstance(generate, _LabelledToctree):
        return
    context["generate_toctree_html"] = _LabelledToctree(generate)


def setup(app):
    app.connect("html-page-context", _wrap_toctree, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
