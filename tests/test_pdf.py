"""The printable edition: ``make pdf`` (scripts/build_pdf.py) prints the whole book, one chapter
after another, each from a new page, with every figure embedded."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.book, pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="session")
def printed_book(built_book, browser):
    """Build the one-page book into the same folder as the HTML book (so notebooks come from the
    same execution cache) and print it; return (the printed page, the PDF)."""
    import build_pdf

    out = built_book.parent.parent
    pdf = build_pdf.build_pdf(out, browser)
    if pdf is None:
        pytest.fail(f"make pdf failed; see {out / '_build' / 'build.log'}")
    return out / "_build" / "singlehtml" / "book.html", pdf


def chapter_titles(page) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    root = soup.select_one("article h1").get_text(" ", strip=True).rstrip("#").strip()
    return [root] + [h.get_text(" ", strip=True).rstrip("#").strip()
                     for h in soup.select("article .toctree-wrapper > section > h2")]


def test_pdf_holds_every_chapter_each_from_a_new_page(printed_book):
    """Does each chapter of the table of contents open a page of the PDF, in order?"""
    from pypdf import PdfReader

    from test_launch import toc_files

    page, pdf = printed_book
    titles = chapter_titles(page)
    assert len(titles) == len(toc_files())
    reader = PdfReader(pdf)
    first_lines = [" ".join((p.extract_text() or "").split("\n")[:3]) for p in reader.pages]
    starts = []
    for title in titles:
        opening = [i for i, text in enumerate(first_lines) if " ".join(title.split()) in text]
        assert opening, f"no page opens with chapter {title!r}"
        starts.append(opening[0])
    assert starts == sorted(starts)
    assert len(reader.pages) > len(titles)


def test_pdf_embeds_every_figure(printed_book):
    """Is every image of the one-page book embedded in the PDF (none lost in printing)?"""
    from pypdf import PdfReader

    page, pdf = printed_book
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    expected = len(soup.select("article img"))
    assert expected > 0, "the book has no figure"
    embedded = sum(len(p.images) for p in PdfReader(pdf).pages)
    assert embedded == expected
