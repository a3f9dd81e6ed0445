"""A source is one article kept under ``data/sources/<slug>/``.

Each source folder holds ``article.txt`` (the text as published, UTF-8, paragraphs separated by
blank lines), ``meta.yml`` (outlet, date, title, provenance and a note on quoting it for
teaching; see ``data/schemas/source-meta.schema.json``) and, when someone has annotated it,
``annotations.yml`` (the gold analysis; see ``annotations.schema.json``).

An instructor's own sources are kept outside the repository, in a private bank's ``sources/``
folder (``discourse-lab bank new``). :func:`add_private_root` makes them findable by slug, so
exercises that quote them resolve their sentences like those of the course's sources; a public
source of the same slug always wins (``bank new`` refuses such a slug).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import datafiles, text
from .errors import DataFileError
from .paths import SOURCES_DIR
from .text import Document

# The article every chapter is built around.
SEED_SLUG = "lavrov-interview-2024"


@dataclass
class Source:
    slug: str
    folder: Path

    @cached_property
    def meta(self) -> dict:
        return datafiles.load(self.folder / "meta.yml", "source-meta.schema.json")

    @cached_property
    def text(self) -> str:
        body = datafiles.read_text(self.folder / "article.txt")
        if not body.strip():
            raise DataFileError(self.folder / "article.txt", "is empty")
        return body

    # Document, not text.Document: in this class's body `text` names the property above, not the module.
    @cached_property
    def document(self) -> Document:
        return text.parse(self.text)

    @property
    def has_annotations(self) -> bool:
        return (self.folder / "annotations.yml").is_file()

    @cached_property
    def annotations(self) -> dict:
        return datafiles.load(self.folder / "annotations.yml", "annotations.schema.json")


# Sources outside the package, from private banks' sources/ folders: slug -> folder.
_PRIVATE: dict[str, Path] = {}


def add_private_root(root: Path) -> list[str]:
    """Make every source folder under ``root`` findable by slug; return the slugs whose folder changed."""
    changed = []
    for folder in sorted(Path(root).iterdir()) if Path(root).is_dir() else []:
        if (folder / "article.txt").is_file():
            if _PRIVATE.get(folder.name) != folder.resolve():
                changed.append(folder.name)
            _PRIVATE[folder.name] = folder.resolve()
    return changed


def source_at(folder: Path) -> Source:
    """The source kept in ``folder`` (anywhere: article.txt, meta.yml, annotations.yml), named by its folder."""
    folder = Path(folder)
    if not (folder / "article.txt").is_file():
        raise DataFileError(folder, "is not a source folder (it needs article.txt, meta.yml and annotations.yml)")
    return Source(slug=folder.name, folder=folder)


def load_source(slug: str = SEED_SLUG, root: Path = SOURCES_DIR) -> Source:
    """The source with this slug; raises DataFileError if its folder is missing."""
    folder = Path(root) / slug
    if not folder.is_dir() and Path(root) == SOURCES_DIR and slug in _PRIVATE:
        folder = _PRIVATE[slug]
    if not folder.is_dir():
        raise DataFileError(folder, f"no source '{slug}' (expected a folder with article.txt and meta.yml)")
    return Source(slug=slug, folder=folder)


def list_sources(root: Path = SOURCES_DIR) -> list[str]:
    """Slugs of every source folder."""
    return sorted(p.name for p in Path(root).iterdir() if (p / "article.txt").is_file())
