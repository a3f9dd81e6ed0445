"""A source is one article kept under ``data/sources/<slug>/``.

Each source folder holds ``article.txt`` (the text as published, UTF-8, paragraphs separated by
blank lines), ``meta.yml`` (outlet, date, title, provenance and a note on quoting it for
teaching; see ``data/schemas/source-meta.schema.json``) and, when someone has annotated it,
``annotations.yml`` (the gold analysis; see ``annotations.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import datafiles, text
from .errors import DataFileError
from .paths import SOURCES_DIR

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

    @cached_property
    def document(self) -> text.Document:
        return text.parse(self.text)

    @property
    def has_annotations(self) -> bool:
        return (self.folder / "annotations.yml").is_file()

    @cached_property
    def annotations(self) -> dict:
        return datafiles.load(self.folder / "annotations.yml", "annotations.schema.json")


def load_source(slug: str = SEED_SLUG, root: Path = SOURCES_DIR) -> Source:
    """The source with this slug; raises DataFileError if its folder is missing."""
    folder = Path(root) / slug
    if not folder.is_dir():
        raise DataFileError(folder, f"no source '{slug}' (expected a folder with article.txt and meta.yml)")
    return Source(slug=slug, folder=folder)


def list_sources(root: Path = SOURCES_DIR) -> list[str]:
    """Slugs of every source folder."""
    return sorted(p.name for p in Path(root).iterdir() if (p / "article.txt").is_file())
