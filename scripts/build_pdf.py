#!/usr/bin/env python3
"""The printable edition: the whole book as one PDF, figures included.

Builds the book as a single page (Jupyter Book's ``singlehtml`` builder, same checks and the same
execution cache as ``make book``), opens it from disk in headless Chromium (Debian's, through
Playwright; nothing outside the page may load) and prints it with ``page.pdf()``: A4, light mode,
each chapter on a new page (print rules in ``_static/discourse-lab.css``), page numbers in the footer.

    python -m scripts.build_pdf              # -> _build/pdf/discourse-lab.pdf
    python -m scripts.build_pdf --out DIR    # -> DIR/_build/pdf/discourse-lab.pdf
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import yaml

from scripts import build_book, chromium

ROOT = Path(__file__).resolve().parent.parent
FOOTER = (
    '<div style="width:100%;font-size:8px;text-align:center;color:#444">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def single_page(out: Path) -> Path:
    """The one page holding the whole book, placed where its links work.

    Sphinx writes it as the root document (``chapters/intro.html``) but with every link relative
    to the top of the output folder, so a copy at the top is the page that loads its styles. The
    theme's template loads the search index on every page, and a single-page build has none (a
    PDF has no search box), so the copy leaves that script out instead of logging a 404."""
    site = out / "_build" / "singlehtml"
    root_doc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    page = site / "book.html"
    text = (site / f"{root_doc}.html").read_text(encoding="utf-8")
    page.write_text(text.replace('<script src="searchindex.js"></script>', ""), encoding="utf-8")
    return page


def print_pdf(page_file: Path, pdf: Path, browser=None) -> list[str]:
    """Print ``page_file`` to ``pdf`` with ``browser`` (a Playwright Chromium; one is launched if
    None); return the problems seen (outside requests, console errors)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = chromium.launch(pw)
            try:
                return print_pdf(page_file, pdf, browser)
            finally:
                browser.close()
    problems: list[str] = []
    context = browser.new_context()
    try:
        # Print in the light theme whatever the reader's system prefers.
        context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")

        def route(r):
            if urlparse(r.request.url).scheme in ("file", "data", "blob", "about"):
                r.continue_()
            else:
                problems.append(f"outside request blocked: {r.request.url}")
                r.abort()

        def console(m):
            if m.type == "error":
                problems.append(f"console: {m.text}")

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", console)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(page_file.as_uri(), wait_until="networkidle")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        # outline: bookmarks from the headings; tagged: a structure tree for screen readers.
        page.pdf(
            path=str(pdf),
            format="A4",
            print_background=True,
            display_header_footer=True,
            outline=True,
            tagged=True,
            header_template="<span></span>",
            footer_template=FOOTER,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
    finally:
        context.close()
    return problems


def build_pdf(out: Path, browser=None) -> Path | None:
    if build_book.build(out, builder="singlehtml") != 0:
        return None
    started = time.perf_counter()
    pdf = out / "_build" / "pdf" / "discourse-lab.pdf"
    problems = print_pdf(single_page(out), pdf, browser)
    for problem in problems:
        print(f"build_pdf: {problem}", file=sys.stderr)
    if problems:
        return None
    print(f"build_pdf: printed in {time.perf_counter() - started:.1f} s -> {pdf} ({pdf.stat().st_size / 1e6:.2f} MB)")
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="folder that receives _build/ (default: the repository)")
    sys.exit(0 if build_pdf(parser.parse_args().out.resolve()) else 1)


if __name__ == "__main__":
    main()
