"""The printable edition: ``make pdf`` (scripts/build_pdf.py) prints the whole book, one chapter
after another, each from a new page, with every figure embedded."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support import attr

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def printed_book(built_book, browser):
    """Build the one-page book into the same folder as the HTML book (so notebooks come from the
    same execution cache) and print it; return (the printed page, the PDF)."""
    from scripts import build_pdf

    out = built_book.parent.parent
    pdf = build_pdf.build_pdf(out, browser)
    if pdf is None:
        pytest.fail(f"make pdf failed; see {out / '_build' / 'build.log'}")
    return out / "_build" / "singlehtml" / "book.html", pdf


def chapter_titles(page) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article h1")
    assert heading is not None, f"{page} has no <h1> in its article"
    root = heading.get_text(" ", strip=True).rstrip("#").strip()
    return [root] + [
        h.get_text(" ", strip=True).rstrip("#").strip() for h in soup.select("article .toctree-wrapper > section > h2")
    ]


def squeeze(text: str) -> str:
    return "".join(text.split())  # the outline drops the spaces where a heading wraps


def outline_pages(reader) -> dict[str, int]:
    """Bookmark title -> page index, for every bookmark of the PDF's outline."""
    found: dict[str, int] = {}
    todo = list(reader.outline)
    while todo:
        item = todo.pop(0)
        if isinstance(item, list):
            todo += item
        else:
            found.setdefault(squeeze(item.title), reader.get_destination_page_number(item))
    return found


def test_pdf_holds_every_chapter_each_from_a_new_page(printed_book):
    """Does the PDF's outline list every chapter of the table of contents, in order, each on a
    later page than the one before (a chapter never shares a page with the previous one)?"""
    from pypdf import PdfReader

    from support import toc_files

    page, pdf = printed_book
    titles = chapter_titles(page)
    assert len(titles) == len(toc_files())
    reader = PdfReader(pdf)
    bookmarks = outline_pages(reader)
    missing = [t for t in titles if squeeze(t) not in bookmarks]
    assert missing == []
    starts = [bookmarks[squeeze(t)] for t in titles]
    assert all(a < b for a, b in zip(starts, starts[1:])), list(zip(titles, starts))
    assert len(reader.pages) > starts[-1]


def test_pdf_embeds_every_figure(printed_book):
    """Is every image of the one-page book embedded in the PDF (none lost in printing)? Raster
    images are embedded as images; SVG figures print as vector drawings with real text, so each
    one's labels must be in the PDF's text."""
    import base64
    import re

    from pypdf import PdfReader

    page, pdf = printed_book
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    images = soup.select("article img")
    assert images, "the book has no figure"
    svg = [i for i in images if attr(i, "src").startswith("data:image/svg+xml;base64,")]
    reader = PdfReader(pdf)
    embedded = sum(len(p.images) for p in reader.pages)
    assert embedded == len(images) - len(svg)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    missing = []
    for img in svg:
        drawn = base64.b64decode(attr(img, "src").split(",", 1)[1]).decode("utf-8")
        labels = [t.strip() for t in re.findall(r"<text[^>]*>([^<]{6,})</text>", drawn)]
        if not any(label in text for label in labels):
            missing.append(attr(img, "alt")[:60])
    assert missing == []
