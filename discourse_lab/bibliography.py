"""Citations in tables: a bibliography key shown as a short author-year link, not as a raw key.

Prose cites with ``{cite}`key```; a table built in Python cannot, so its cells link to the entry on
the book's bibliography page. The entries carry the id ``cite-<key>`` (``bibtex_cite_id`` in
``_config.yml``), so the link resolves in the built book, and ``tests/test_links.py`` checks it.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def label(key: str) -> str:
    """ "TASS 2024", "Pareti 2016", "Thompson and Ye 1991": the author-year label of an entry."""
    fields = entries().get(key)
    if fields is None:
        if not BIB.is_file():
            return key
        raise DataFileError(BIB, f"has no entry '{key}'")
    names = [n.strip() for n in fields.get("author", key).split(" and ")]
    surnames = [n.split(",")[0].strip("{} ") if "," in n else n.strip("{} ") for n in names]
    who = (
        surnames[0]
        if len(surnames) == 1
        else (" and ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al.")
    )
    return f"{who} {fields.get('year', 'n.d.')}"


def cite_html(keys) -> Markup:
    """Links to the bibliography entries of the given keys, separated by semicolons."""
    return Markup("; ").join(
        Markup('<a class="dl-cite" href="{}#cite-{}">{}</a>').format(PAGE, k, label(k)) for k in keys
    )
