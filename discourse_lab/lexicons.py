"""The course lexicons of ``data/lexicons/`` as named, read-only structures.

Each YAML file is validated against ``lexicon.schema.json`` on first use and cached, so the
analyses can ask for a lexicon as often as they like. The word lists are data, not code: see
``data/lexicons/README.md`` for where each category comes from and what the lists cannot do.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import LEXICONS_DIR


@dataclass(frozen=True)
class Category:
    """One category of cues: a stance of reporting verbs, a bias category, a frame, a function."""

    id: str
    label: str
    description: str
    cues: tuple[str, ...]
    cite: tuple[str, ...]
    extra: dict  # kind-specific fields (writer_stance, reports_content, bias_kind, questions, ...)

    def get(self, key, default=None):
        return self.extra.get(key, default)


@dataclass(frozen=True)
class Lexicon:
    """A lexicon file: its header and its categories, in file order."""

    name: str
    title: str
    match: str  # token attribute the cues are matched on: lemma | lower | orth
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(f"no category '{category_id}' in lexicon {self.name}")

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]


@dataclass(frozen=True)
class NamingVariant:
    id: str
    label: str
    group: str
    forms: tuple[str, ...]
    usage: str
    facts: tuple[dict, ...]


@dataclass(frozen=True)
class NamingGroup:
    id: str
    label: str
    description: str
    requires_in_sentence: frozenset[str]
    facts: tuple[dict, ...]
    variants: tuple[NamingVariant, ...]


def _path(name: str) -> Path:
    return LEXICONS_DIR / f"{name}.yml"


def _category(entry: dict) -> Category:
    common = {"id", "label", "description", "cues", "cite", "origin"}
    return Category(
        id=entry["id"],
        label=entry["label"],
        description=entry["description"],
        cues=tuple(entry["cues"]),
        cite=tuple(entry.get("cite", ())),
        extra={k: v for k, v in entry.items() if k not in common},
    )


@lru_cache(maxsize=None)
def raw(name: str) -> dict:
    """A lexicon file as validated data (``name`` without ``.yml``, e.g. ``"bias-cues"``)."""
    from . import datafiles  # jsonschema is slow to import; load it only when a lexicon is read

    return datafiles.load(_path(name), "lexicon.schema.json")


@lru_cache(maxsize=None)
def reporting_verbs() -> Lexicon:
    data = raw("reporting-verbs")
    return Lexicon("reporting-verbs", data["title"], data["match"], tuple(map(_category, data["categories"])))


def stance_label(stance: str | None) -> str:
    """How a stance category is named wherever a reader sees it (badges, tables, figures,
    exercises): its ``label`` in reporting-verbs.yml, so the id "assertive" reads "insistent".
    An id the lexicon does not hold is shown as it is."""
    verbs = reporting_verbs()
    return verbs.category(stance).label if stance in verbs.ids else str(stance)


@lru_cache(maxsize=None)
def attribution_cues() -> Lexicon:
    """PARC cue classes beyond the verbs of saying (attribution-cues.yml)."""
    data = raw("attribution-cues")
    return Lexicon("attribution-cues", data["title"], data["match"], tuple(map(_category, data["categories"])))


@lru_cache(maxsize=None)
def bias_cues() -> Lexicon:
    data = raw("bias-cues")
    return Lexicon("bias-cues", data["title"], data["match"], tuple(map(_category, data["categories"])))


@lru_cache(maxsize=None)
def framing_functions() -> Lexicon:
    data = raw("framing-cues")
    return Lexicon("framing-functions", data["title"], data["match"], tuple(map(_category, data["functions"])))


@lru_cache(maxsize=None)
def generic_frames() -> Lexicon:
    data = raw("framing-cues")
    return Lexicon("generic-frames", data["title"], data["match"], tuple(map(_category, data["frames"])))


@lru_cache(maxsize=None)
def naming_groups() -> tuple[NamingGroup, ...]:
    groups = []
    for g in raw("naming")["groups"]:
        variants = tuple(
            NamingVariant(v["id"], v["label"], g["id"], tuple(v["forms"]), v["usage"], tuple(v.get("facts", ())))
            for v in g["variants"]
        )
        groups.append(
            NamingGroup(
                g["id"],
                g["label"],
                g["description"],
                frozenset(g.get("requires_in_sentence", ())),
                tuple(g.get("facts", ())),
                variants,
            )
        )
    return tuple(groups)


@lru_cache(maxsize=None)
def naming_variant(variant_id: str) -> NamingVariant:
    for group in naming_groups():
        for variant in group.variants:
            if variant.id == variant_id:
                return variant
    raise KeyError(f"no naming variant '{variant_id}' in naming.yml")


@lru_cache(maxsize=None)
def attribution_lists() -> dict[str, frozenset[str]]:
    """Each list of attribution-rules.yml as a frozen set of lower-cased words or phrases."""
    return {
        name: frozenset(w.lower() for w in entry["words"]) for name, entry in raw("attribution-rules")["lists"].items()
    }


def attribution_phrases(list_name: str) -> tuple[str, ...]:
    """One list of attribution-rules.yml in file order (for building phrase matchers)."""
    return tuple(raw("attribution-rules")["lists"][list_name]["words"])
