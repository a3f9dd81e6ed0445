"""The word lists, numbers and tag classes the attribution rules read, all from ``data/lexicons/``.

``attribution-rules.yml`` holds the word lists (each with its origin), and
``attribution-parameters.yml`` the numbers (window sizes, lengths, shares), the classes of tags
and dependency relations of the project's parser, and the groups of cue classes some rules
treat alike. Both are validated against their schemas on first read (``datafiles.SCHEMA_FOR``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import lexicons
from ..paths import LEXICONS_DIR

PARAMETERS = LEXICONS_DIR / "attribution-parameters.yml"


def words() -> dict[str, frozenset[str]]:
    """Each list of attribution-rules.yml as a frozen set of lower-cased words or phrases."""
    return lexicons.attribution_lists()


def phrases(list_name: str) -> tuple[str, ...]:
    """One list of attribution-rules.yml in file order (for building phrase matchers)."""
    return lexicons.attribution_phrases(list_name)


@lru_cache(maxsize=1)
def parameters() -> dict:
    from .. import datafiles  # jsonschema is slow to import; load it only when the file is read

    return datafiles.load(PARAMETERS)


@lru_cache(maxsize=1)
def limits() -> dict[str, Any]:
    """The numbers of attribution-parameters.yml by name (``value`` of each entry): counts of
    tokens (int, used in ``range``) and shares (float), as the schema says."""
    return {name: entry["value"] for name, entry in parameters()["numbers"].items()}


@lru_cache(maxsize=1)
def tag_classes() -> dict[str, frozenset[str]]:
    """Classes of Penn Treebank tags and Universal Dependencies relations, by name."""
    return {name: frozenset(entry["tags"]) for name, entry in parameters()["tag_classes"].items()}


@lru_cache(maxsize=1)
def cue_classes() -> dict[str, frozenset[str]]:
    """Groups of cue categories (ids of the two cue lexicons) some rules treat alike."""
    return {name: frozenset(entry["categories"]) for name, entry in parameters()["cue_classes"].items()}
