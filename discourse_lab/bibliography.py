"""Citations in tables: a bibliography key shown as a short author-year link, not as a raw key.

Prose cites with ``{cite}`key```; a table built in Python cannot, so its cells link to the entry on
the book's bibliography page. The entries carry the id ``cite-<key>`` (``bibtex_cite_id`` in
``_config.yml``), so the link resolves in the built book, and ``tests/test_links.py`` checks it.

The labels are author-year ("TASS 2024a", "Thompson and Ye 1991", "AllSides n.d."): the same rule
labels the entries of the bibliography page (:mod:`discourse_lab.book.citations`), so a table's
link text is the label the reader finds there. Works with the same author and year are told apart
by a letter, in the order of their titles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from markupsafe import Markup

from .errors import DataFileError
from .paths import DATA_DIR

# The book's bibliography sits beside data/ in the repository; an installed wheel has no book, and
# its tables then show the keys (label() falls back to the key when the file is absent).
BIB = DATA_DIR.parent / "chapters" / "references.bib"
PAGE = "bibliography.html"  # lessons and the bibliography sit in the same folder of the site

_ENTRY = re.compile(r"@\w+\{([^,\s]+),(.*?)\n\}", re.S)
_FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", re.M)


@lru_cache(maxsize=1)
def entries() -> dict[str, dict[str, str]]:
    """Key -> fields (author, year, title, ...) of chapters/references.bib, braces kept."""
    if not BIB.is_file():
        return {}
    text = BIB.read_text(encoding="utf-8")
    return {key: dict(_FIELD.findall(body)) for key, body in _ENTRY.findall(text)}


def plain(text: str) -> str:
    """BibTeX text without its braces and escapes: "{Ad Fontes Media}" -> "Ad Fontes Media"."""
    return re.sub(r"\\(?=[#&%$_])", "", text).replace("{", "").replace("}", "").strip()


def who(surnames: list[str]) -> str:
    """ "Pareti", "Thompson and Ye", "Card et al.": the author part of a label."""
    names = [plain(n) for n in surnames]
    if len(names) > 2 or (len(names) == 2 and names[1] == "others"):
        return f"{names[0]} et al."
    return " and ".join(names)


def sort_key(author: str, year: str, title: str) -> tuple[str, str, str]:
    """How the bibliography page orders its entries: by label, then title."""
    return (author.casefold(), year, plain(title).casefold())


def assign_labels(items: Iterable[tuple[str, str, str, str]]) -> dict[str, str]:
    """(key, author, year, title) of every entry -> key: "author year", with a letter after the
    year for each of several works sharing it ("TASS 2024a", "TASS 2024b"), in title order."""
    groups: dict[str, list[tuple[tuple, str]]] = {}
    for key, author, year, title in items:
        groups.setdefault(f"{author} {year}", []).append((sort_key(author, year, title), key))
    labels = {}
    for base, members in groups.items():
        members.sort()
        for i, (_, key) in enumerate(members):
            labels[key] = base if len(members) == 1 else f"{base}{chr(ord('a') + i)}"
    return labels


def _surnames(author_field: str) -> list[str]:
    names = [n.strip() for n in author_field.split(" and ")]
    return [n.split(",")[0] if "," in n and not n.startswith("{") else n for n in names]


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Key -> author-year label of every entry of chapters/references.bib."""
    return assign_labels(
        (key, who(_surnames(f.get("author", key))), f.get("year", "n.d."), f.get("title", ""))
        for key, f in entries().items()
    )


def label(key: str) -> str:
    """ "TASS 2024a", "Pareti 2016", "Thompson and Ye 1991": the author-year label of an entry."""
    found = labels().get(key)
    if found is None:
        if not BIB.is_file():
            return key
        raise DataFileError(BIB, f"has no entry '{key}'")
    return found


def cite_html(keys) -> Markup:
    """Links to the bibliography entries of the given keys, separated by semicolons."""
    return Markup("; ").join(
        Markup('<a class="dl-cite" href="{}#cite-{}">{}</a>').format(PAGE, k, label(k)) for k in keys
    )
