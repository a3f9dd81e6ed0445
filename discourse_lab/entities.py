"""Entities: which mentions of a source stand for one speaker, so counts keep speakers apart.

A source is keyed by its full name as the text gives it ("Sergey Lavrov"); a later surname
("Lavrov", "Ms. Lind") or a title alone ("the minister", "The Secretary") links to the one earlier
full name it fits, and stays its own key when none fits or several do. Organisations and states
are keyed by their whole name without the determiner ("Russian Foreign Ministry", "North Korea"),
never by their last word, so "the Russian Foreign Ministry" and "the Ukrainian Foreign Ministry"
are two sources. The words used (titles, honorifics) are data: ``data/lexicons/source-kinds.yml``.

:class:`EntityIndex` reads the text in order (``read``) and keys each mention (``key``); a key only
ever points back, to a name the reader has already seen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicons

PERSON, ORGANISATION = "named-person", "named-organisation"

# A run of capitalised words, possibly joined by "of" ("Secretary of State Marco Rubio"), with a
# possessive ending kept off ("Kestland's").
NAME_RUN = re.compile(r"[A-Z][\w.\-’']*(?:\s+(?:of\s+)?[A-Z][\w.\-’']*)*")
POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """Each list of ``source-kinds.yml`` as a frozen set of lower-cased words."""
    return {name: frozenset(w.lower() for w in e["words"]) for name, e in lexicons.raw("source-kinds")["lists"].items()}


def _bare(word: str) -> str:
    return POSSESSIVE.sub("", word)


def normalise(mention: str) -> str:
    """A mention as a key: spaces squeezed, a leading determiner or honorific and a final
    possessive dropped ("The Russian Foreign Ministry" -> "Russian Foreign Ministry")."""
    parts = mention.split()
    drop = words()["determiners"] | words()["honorifics"]
    while len(parts) > 1 and parts[0].lower() in drop:
        parts = parts[1:]
    if parts:
        parts[-1] = _bare(parts[-1]) or parts[-1]
    return " ".join(parts)


def _is_title(word: str) -> bool:
    w = _bare(word).lower()
    return w in words()["person_titles"] or any(p in words()["person_titles"] for p in w.split("-") if p)


def person_name(mention: str) -> str | None:
    """The personal name in a mention: the capitalised part of an apposition ("Kestland's water
    minister, Tomas Quell" -> "Tomas Quell"), else the last run of capitalised words after any
    title or honorific ("Russian Foreign Minister Sergey Lavrov" -> "Sergey Lavrov"). None when
    the mention is a title only ("the minister")."""
    if "," in mention:
        parts = [p.strip() for p in mention.split(",") if p.strip()]
        for part in reversed(parts):
            name = person_name(part)
            if name and all(w[:1].isupper() for w in part.split()):
                return name
        return person_name(parts[0]) if parts else None
    tokens = mention.split()
    kept: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i]
        low = _bare(word).lower()
        if not word[:1].isupper() or _is_title(word) or low in words()["honorifics"] | words()["determiners"]:
            break
        kept.insert(0, _bare(word) if i == len(tokens) - 1 else word)
        if i > 0 and tokens[i - 1] == "of":  # "Secretary of State Marco Rubio": "State" belongs to the title
            kept = kept[1:]
            break
    return " ".join(kept) or None


def title_word(mention: str) -> str | None:
    """The title a title-only mention uses ("the minister" -> "minister", "The Secretary" -> "secretary")."""
    found = [_bare(w).lower() for w in mention.split() if _is_title(w)]
    return found[-1] if found else None


class EntityIndex:
    """The full names and titles seen so far in one text, in reading order."""

    def __init__(self) -> None:
        self.people: list[str] = []  # full personal names, two words or more, first seen first
        self.titled: dict[str, list[str]] = {}  # title word -> the names it was given
        self.organisations: list[str] = []

    def read(self, text: str) -> None:
        """Note the names and titled names of a stretch of text ("Foreign Minister Sergey Lavrov")."""
        for run in NAME_RUN.finditer(text):
            self._note_person(run.group(0))

    def _note_person(self, mention: str) -> str | None:
        name = person_name(mention)
        if name is None:
            return None
        places = words()["place_words"] | words()["organisation_heads"]
        if len(name.split()) >= 2 and not any(_bare(w).lower() in places for w in name.split()):
            if name not in self.people:
                self.people.append(name)
            for w in mention.replace(",", " ").split():
                if _is_title(w):
                    titled = self.titled.setdefault(_bare(w).lower(), [])
                    if name not in titled:
                        titled.append(name)
        return name

    def is_person(self, mention: str) -> bool:
        """A name the text gave in full as a person's, or a surname of exactly one such name."""
        name = person_name(mention)
        return name is not None and (name in self.people or self._surname_of(name) is not None)

    def _surname_of(self, name: str) -> str | None:
        last = name.split()[-1]
        fits = [p for p in self.people if p.split()[-1] == last and p != name]
        return fits[0] if len(fits) == 1 and len(name.split()) == 1 else None

    def settle(self, key: str | None) -> str | None:
        """A key once the whole text is read: a surname keyed before its full name appeared
        ("Lavrov said ... Sergey Lavrov added") joins that name when it is the only one that fits."""
        if key is None or " " in key or key in self.organisations:
            return key
        return self._surname_of(key) or key

    def key(self, mention: str, kind: str) -> str | None:
        """The entity a named source's mention stands for (None for other kinds)."""
        if kind == PERSON:
            name = self._note_person(mention)
            if name is None:  # a title only: the one person the text gave that title, if just one
                title = title_word(mention)
                fits = self.titled.get(title or "", [])
                return fits[0] if len(fits) == 1 else normalise(mention).lower()
            return self._surname_of(name) or name
        if kind == ORGANISATION:
            key = normalise(mention)
            if key == key.lower() and len(key.split()) == 1:  # "the ministry": the one earlier body it names
                fits = [o for o in self.organisations if o.split()[-1].lower() == key]
                if len(fits) == 1:
                    return fits[0]
            if key not in self.organisations:
                self.organisations.append(key)
            return key
        return None
