"""The bibliography: author-year labels on its page and in the tables' links, one entry per work,
and links that a reader can follow (DOIs for journal articles and chapters, no CMS previews)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from pybtex.database import parse_file

from discourse_lab import bibliography
from discourse_lab.book import citations
from support import ROOT, attr

BIB = ROOT / "chapters" / "references.bib"
# "Pareti 2016", "Thompson and Ye 1991", "Card et al. 2015", "TASS 2024a", "AllSides n.d.".
AUTHOR_YEAR = re.compile(r"^\S.*\S (\d{4}|n\.d\.)[a-z]?$")


def page_labels() -> dict[str, str]:
    """Key -> label as the bibliography page's style gives it (the style the book's build uses)."""
    citations.register()
    style = citations.AuthorYearStyle()
    entries = style.sort(parse_file(str(BIB)).entries.values())
    return {entry.key: label for entry, label in zip(entries, style.format_labels(entries))}


def test_page_labels_are_author_year_and_unique():
    labels = page_labels()
    assert [k for k, v in labels.items() if not AUTHOR_YEAR.match(v)] == []
    assert len(set(labels.values())) == len(labels), "two entries share a label"
    assert labels["adfontes"] == "Ad Fontes Media n.d."


def test_table_links_read_like_the_page_labels():
    assert {key: bibliography.label(key) for key in page_labels()} == page_labels()


def test_works_of_one_author_and_year_get_letters_in_title_order():
    labels = bibliography.assign_labels(
        [("b", "TASS", "2024", "Security guarantees"), ("a", "TASS", "2024", "No plans"), ("c", "RT", "2024", "x")]
    )
    assert labels == {"a": "TASS 2024a", "b": "TASS 2024b", "c": "RT 2024"}


def test_the_page_sorts_by_label():
    order = list(page_labels().values())
    assert order == sorted(order, key=str.casefold)


def test_no_work_is_entered_twice():
    """Two keys for one work show up as "[Kyiv Post, 2019, Kyiv Post, 2019]" where both are cited."""
    seen: dict[str, str] = {}
    twice = []
    for key, entry in parse_file(str(BIB)).entries.items():
        for field in ("doi", "url"):
            where = entry.fields.get(field)
            if where:
                if where in seen:
                    twice.append((seen[where], key))
                seen[where] = key
    assert twice == []


def test_links_are_public_and_articles_have_dois():
    entries = parse_file(str(BIB)).entries
    previews = [k for k, e in entries.items() if re.search(r"/preview/|pangea-cms", e.fields.get("url", ""))]
    assert previews == [], "a CMS preview address is not public"
    no_doi = [k for k, e in entries.items() if e.type in ("article", "incollection") and "doi" not in e.fields]
    assert no_doi == [], "journal articles and chapters have DOIs"


def test_bibliography_page_shows_the_author_year_labels(built_book):
    soup = BeautifulSoup((built_book / "chapters" / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    shown = {
        attr(entry, "id").removeprefix("cite-"): label.get_text().strip("[]")
        for entry in soup.select('[id^="cite-"]')
        if (label := entry.select_one(".label"))
    }
    assert shown == bibliography.labels()
