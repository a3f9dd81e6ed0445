"""A new source folder from a plain-text file: ``discourse-lab new-source FILE.txt --slug SLUG [--dir DIR]``.

It writes ``DIR/SLUG/article.txt`` and ``DIR/SLUG/meta.yml`` (DIR defaults to the course's
``data/sources/``; it may be any folder, such as a private bank's sources kept outside the
repository, see :func:`discourse_lab.sources.add_private_root`).

``article.txt`` follows the project's text model (:mod:`discourse_lab.text`): UTF-8, one paragraph
per block, blocks separated by one blank line, ending with a newline. From the file as copied it
removes what the model would otherwise misread:

* a byte-order mark (Windows Notepad writes one) and Windows or old Mac line endings;
* UTF-16 text with its byte-order mark ("Unicode" in Notepad's save dialogue) is decoded too;
* hard wraps (a web page or an e-mail copied at a fixed width): the lines of a block are joined
  into one paragraph, with a space, or with nothing after a hyphen that ends a line before a
  lower-case letter ("well-\\nknown" stays "well-known");
* a block whose lines are long and each ends a sentence is one paragraph per line (a page copied
  with one line per paragraph and no blank lines between them), see :func:`_is_one_paragraph_per_line`;
* runs of spaces and tabs become one space, and three characters that are invisible on a page but
  split words for a search are removed (:data:`INVISIBLE`).

Everything else is kept as it was, curly quotation marks and dashes included: spellings and
quotation marks are what the lessons analyse. The text is composed to Unicode NFC, so an "é" typed
as "e" plus an accent is found by a search for "é".

``meta.yml`` holds every field of ``data/schemas/source-meta.schema.json``. What the command cannot
know (title, outlet, date, licence …) is the value ``TO FILL IN: <what to write>``. The schema
cannot allow such placeholders without also allowing them in every course source (``published``
must be a date, ``fictional`` a boolean), so the file does not validate until they are replaced:
:func:`discourse_lab.datafiles.validate` then names every field still to fill in, in one line,
instead of the first schema error (``discourse-lab validate``, ``validate --source DIR``, ``bank new``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import datafiles, sources, text
from ..errors import DataFileError, DiscourseLabError
from ..paths import SOURCES_DIR

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the pattern of source-meta.schema.json's slug
# Characters a copied web page carries that no reader sees but that split a word for a search:
# the soft hyphen, the zero-width space and a byte-order mark left inside the text.
INVISIBLE = {"\u00ad": "soft hyphen", "\u200b": "zero-width space", "\ufeff": "byte-order mark"}
BLANK_LINE = re.compile(r"\n[ \t\f\v]*(?:\n[ \t\f\v]*)+")
SPACES = re.compile(r"[ \t\f\v]+")
# A line that ends a sentence: its last mark is . ! ? … or a closing quotation mark or bracket after one.
ENDS_SENTENCE = re.compile(r"[.!?\u2026:][\"'\u201d\u2019\u00bb)\]]*$")
# Text wrapped at a fixed width has lines of at most about 80 characters (e-mail 72, terminals 80);
# a line longer than this was not hard-wrapped.
WRAP_WIDTH = 100
# A hyphen that ends a line before a lower-case letter is a compound's ("well-known"), kept without a space.
LINE_END_HYPHEN = re.compile(r"[^\W\d_]-$")


class NewSourceError(DiscourseLabError):
    """The text or the folder cannot become a source as asked; one line naming the file."""


@dataclass
class Normalised:
    """The text as ``article.txt`` holds it, and what was changed to get there."""

    text: str
    changes: list[str] = field(default_factory=list)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def decode(raw: bytes, path: Path) -> tuple[str, list[str]]:
    """The file's text and what decoding removed; one-line errors for binary or undecodable input."""
    changes = []
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), ["UTF-16 decoded to UTF-8"]
        except UnicodeDecodeError:
            raise NewSourceError(f"{path}: starts like UTF-16 text but is not valid UTF-16") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        changes.append("a byte-order mark removed")
    if b"\x00" in raw:
        raise NewSourceError(f"{path}: looks like a binary file, not plain text (save the article as .txt, UTF-8)")
    try:
        return raw.decode("utf-8"), changes
    except UnicodeDecodeError as exc:
        raise NewSourceError(
            f"{path}: is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 and try again"
        ) from None


def _is_one_paragraph_per_line(lines: list[str]) -> bool:
    """Lines that are paragraphs of their own: some too long to be hard-wrapped, and every one ending a sentence."""
    return (
        len(lines) > 1
        and any(len(line) > WRAP_WIDTH for line in lines)
        and all(ENDS_SENTENCE.search(line) for line in lines)
    )


def _join_wrapped(lines: list[str]) -> str:
    """The lines of one hard-wrapped paragraph as one line."""
    out = lines[0]
    for line in lines[1:]:
        out += line if LINE_END_HYPHEN.search(out) and line[:1].islower() else " " + line
    return out


def normalise(raw_text: str) -> Normalised:
    """The text as paragraphs of the text model; ``changes`` says, for meta.yml, what was done."""
    changes = []
    if "\r" in raw_text:
        changes.append("Windows line endings made plain" if "\r\n" in raw_text else "old Mac line endings made plain")
    body = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    for char, name in INVISIBLE.items():
        if char in body:
            changes.append(f"{body.count(char)} {name}(s) removed")
            body = body.replace(char, "")
    composed = unicodedata.normalize("NFC", body)
    if composed != body:
        changes.append("accents composed (Unicode NFC)")
    paragraphs, wrapped = [], 0
    for block in BLANK_LINE.split(composed):
        lines = [SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _is_one_paragraph_per_line(lines):
            paragraphs += lines
        else:
            wrapped += len(lines) - 1
            paragraphs.append(_join_wrapped(lines))
    if wrapped:
        changes.append(f"{wrapped} hard-wrapped line break(s) joined into paragraphs")
    return Normalised("\n\n".join(paragraphs) + "\n" if paragraphs else "", changes)


TO_FILL = datafiles.TO_FILL


def _todo(what: str) -> str:
    return f"{TO_FILL}: {what}"


def meta_template(slug: str, original: Path, changes: list[str]) -> dict:
    """Every field of source-meta.schema.json, in its order; what cannot be known is marked TO FILL IN."""
    done = "; ".join(changes) if changes else "nothing needed changing"
    optional = "or delete this field"
    return {
        "slug": slug,
        "title": _todo("the headline as published"),
        "outlet": _todo("who published it, as the outlet names itself"),
        "outlet_note": _todo(f"what a reader should know about the outlet ({optional})"),
        "published": _todo("the date of publication, as YYYY-MM-DD"),
        "byline": _todo("the author as credited, or null when there is none"),
        "language": "en",  # the toolkit reads English only
        "page": _todo(f"the page's address without https:// ({optional})"),
        "cite": _todo(f"the key of its entry in chapters/references.bib ({optional})"),
        "licence": _todo("the terms it is kept and quoted under (all rights reserved, CC BY 4.0, public domain …)"),
        "fictional": _todo("true for a text you wrote yourself, else false"),
        "provenance": {
            "upstream_agency": _todo("the news agency it credits, or null"),
            "transcript_linked": _todo("true when it links a transcript of what it reports, else false"),
            "obtained": _todo("where and when you copied the text, and from what (the page, a PDF, a database)"),
            "note": f"article.txt was made from {original.name} by discourse-lab new-source: {done}.",
        },
        "event": {
            "kind": _todo(f"what the article reports: interview, press conference, telephone call … ({optional})"),
            "date": _todo("the date of the event, as YYYY-MM-DD"),
            "announced": _todo(f"the date it was announced, as YYYY-MM-DD ({optional})"),
            "speaker": _todo(f"who speaks at the event ({optional})"),
            "interviewers": [{"name": _todo(f"an interviewer ({optional})"), "outlet": _todo("their outlet")}],
            "cite": [_todo(f"keys in chapters/references.bib of reports of the event ({optional})")],
        },
        "coverage": [
            {
                "date": _todo("YYYY-MM-DD"),
                "label": _todo(f"another outlet's report of the same event ({optional})"),
                "cite": _todo("its key in chapters/references.bib"),
            }
        ],
        "quoting": _todo("how the text may be quoted in class (by sentence id, short quotations …)"),
    }


HEADER = (
    "# Metadata of {slug}, written by discourse-lab new-source from {name}.\n"
    "# Replace every 'TO FILL IN' value (quote a value holding a colon); delete the optional fields that\n"
    "# do not apply. Until then `discourse-lab validate` lists the fields still to fill in. Schema:\n"
    "# data/schemas/source-meta.schema.json.\n"
)


@dataclass
class NewSource:
    folder: Path
    slug: str
    paragraphs: int
    sentences: int
    words: int
    changes: list[str]
    unfilled: list[str]


def _check_slug(slug: str, root: Path) -> None:
    if not SLUG.match(slug):
        raise NewSourceError(
            f"--slug {slug!r}: not a slug (lower-case letters and digits in words joined by single hyphens, "
            "e.g. my-article-2026)"
        )
    if slug in sources.list_sources():
        raise NewSourceError(
            f"--slug {slug}: already used by a source of the course ({SOURCES_DIR / slug}); choose another"
        )
    if (root / slug).exists():
        raise NewSourceError(f"{root / slug}: already exists; choose another slug or folder (nothing was overwritten)")


def new_source(path: Path | str, slug: str, root: Path | str | None = None) -> NewSource:
    """Write ``root/slug/`` (article.txt, meta.yml) from the text file at ``path``; never overwrite anything."""
    path = Path(path)
    root = Path(root) if root is not None else SOURCES_DIR
    _check_slug(slug, root)
    if root.exists() and not root.is_dir():
        raise NewSourceError(f"{root}: is a file, not a folder (--dir names the folder that holds source folders)")
    raw = datafiles.read_bytes(path)  # missing or unreadable file: one line naming it
    body, changes = decode(raw, path)
    normalised = normalise(body)
    if not normalised.text.strip():
        raise NewSourceError(f"{path}: holds no text")
    try:
        document = text.parse(normalised.text)
    except text.TextTooLongError as exc:
        raise NewSourceError(f"{path}: {exc}") from None
    if not document.sentences:
        raise NewSourceError(f"{path}: holds no sentence of text (only a dateline?)")
    changes += normalised.changes
    meta = meta_template(slug, path, changes)
    # Written into a hidden folder beside the target, then renamed: the folder appears whole or not at all.
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}-", dir=root))
    try:
        (staging / "article.txt").write_text(normalised.text, encoding="utf-8", newline="\n")
        dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
        (staging / "meta.yml").write_text(HEADER.format(slug=slug, name=path.name) + dumped, encoding="utf-8")
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private to us; a source folder is an ordinary one
        try:
            staging.rename(root / slug)  # fails rather than replace a folder made meanwhile
        except OSError:
            raise NewSourceError(f"{root / slug}: already exists; nothing was overwritten") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    folder = root / slug
    return NewSource(
        folder=folder,
        slug=slug,
        paragraphs=len(document.paragraphs),
        sentences=len(document.sentences),
        words=document.word_count,
        changes=changes,
        unfilled=datafiles.unfilled(meta),
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check(folder: Path | str) -> list[str]:
    """Problems of a source folder as one line each: its meta.yml (fields still to fill in) and article.txt."""
    folder = Path(folder)
    if not (folder / "article.txt").is_file():
        raise NewSourceError(f"{folder}: is not a source folder (it has no article.txt)")
    problems = []
    for name, schema in (("meta.yml", "source-meta.schema.json"), ("annotations.yml", "annotations.schema.json")):
        if name == "annotations.yml" and not (folder / name).is_file():
            continue
        try:
            datafiles.load(folder / name, schema)
        except DataFileError as exc:
            problems.append(str(exc))
    return problems


def summary(made: NewSource) -> list[str]:
    """What ``new-source`` prints."""
    lines = [
        f"source {made.slug}: {_count(made.paragraphs, 'paragraph')}, {_count(made.sentences, 'sentence')}, "
        f"{_count(made.words, 'word')}",
        f"  {made.folder / 'article.txt'}  ({'; '.join(made.changes) if made.changes else 'text unchanged'})",
        f"  {made.folder / 'meta.yml'}  ({len(made.unfilled)} fields to fill in: {', '.join(made.unfilled)})",
        f"next: fill in meta.yml, then discourse-lab validate --source {made.folder}; "
        f"annotate it with annotate({str(made.folder)!r}) in a notebook",
    ]
    return lines
