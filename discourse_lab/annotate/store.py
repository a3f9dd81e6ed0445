"""The annotation widget's file: a source folder's ``annotations.yml``, read, checked and written safely.

The file is the truth. The widget reads it when it is made (a re-run cell, a restarted kernel)
and writes it after every change through :func:`discourse_lab.atomic.replace_with_backup`, the
write the answer store uses: a temporary file beside it, fsync, rename, and the previous version
kept as ``annotations.yml.bak``; under :func:`discourse_lab.atomic.locked`, so two kernels take turns.

* **Never overwrite what it could not read**: a file that is not YAML, or not a mapping, raises
  :class:`AnnotateError` (one line naming the file) and the widget opens read-only with that line.
  A file changed on disk since the widget read it (edited by hand, or by another widget) is not
  overwritten either: the save is refused with a message saying to run the cell again.
* **Work in progress is saved too**: a sentence whose voice or rationale is still missing is
  written as far as it goes, and :func:`problems` says, per sentence, what the schema still wants.
  A sentence with nothing in it is left out (the file lists the sentences annotated so far).
* **Stable, diff-friendly YAML** (:func:`dump`): the top keys, each sentence's keys and each
  item's keys in the schema's order; sentences in the article's order; items in the order they
  were made; short label lists in flow style (``[conflict]``), as the course's files are written;
  the comment lines at the head of an existing file kept.

A course source (``annotate("sarn-river-treaty")``) is never annotated in place, where its gold
file is: :func:`resolve` gives a working copy in ``<store dir>/annotations/<slug>/`` (article.txt
and meta.yml copied, the annotator's own annotations.yml beside them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import datafiles, sources, text
from ..atomic import locked, replace_with_backup, write_atomic
from ..errors import DataFileError, DiscourseLabError, display_path
from ..exercises.store import store_dir
from ..paths import DATA_DIR

ANNOTATIONS = "annotations.yml"
SCHEMA = "annotations.schema.json"
REVIEW = ".annotations-review.json"  # the suggestions the annotator rejected (not part of the schema)
WORK_FOLDER = "annotations"  # under the answer stores' folder: working copies of course sources
DEFAULT_GUIDELINES = "The annotation guidelines of data/lexicons/README.md (Discourse Lab)."

# The schema's order of keys, used for every file written (diff-friendly: a change moves no other line).
TOP_KEYS = ("source", "annotator", "guidelines", "sentences")
SENTENCE_KEYS = ("id", "voice", "rationale", "attributions", "cues", "framing", "naming", "bias_cues", "scare_quotes")
ITEM_KEYS = {
    "attributions": ("source", "source_span", "cue", "content", "type", "rationale"),
    "cues": ("text", "stance", "rationale"),
    "naming": ("text", "variant", "marked", "stands_for", "rationale"),
    "bias_cues": ("text", "kind", "category", "rationale"),
    "scare_quotes": ("text", "rationale"),
}
FRAMING_KEYS = ("functions", "frames", "rationale")
LIST_KEYS = ("attributions", "cues", "naming", "bias_cues")  # required lists (scare_quotes is optional)
NULLABLE = {("attributions", "source"), ("attributions", "cue")}  # null is a value here: "no one named"


class AnnotateError(DiscourseLabError):
    """The widget cannot open or save as asked; the message is one line naming the file."""


@dataclass(frozen=True)
class Target:
    """Where an annotation lives: the folder with article.txt, and whether it is a working copy."""

    slug: str
    folder: Path
    copied_from: Path | None = None  # the course source a working copy was made from

    @property
    def path(self) -> Path:
        return self.folder / ANNOTATIONS

    @property
    def article(self) -> Path:
        return self.folder / "article.txt"


def work_folder(slug: str) -> Path:
    return store_dir() / WORK_FOLDER / slug


def resolve(ref: str | Path) -> Target:
    """The folder to annotate: a folder path (anywhere), or a slug of the course's or a private bank's sources."""
    if isinstance(ref, Path) or "/" in str(ref) or Path(str(ref)).expanduser().is_dir():
        folder = Path(ref).expanduser()
        if not folder.is_dir():
            raise AnnotateError(f"{folder}: no such folder (give a source folder holding article.txt)")
        if not (folder / "article.txt").is_file():
            raise AnnotateError(f"{display_path(folder)}: not a source folder: it has no article.txt")
        if folder.resolve().is_relative_to(DATA_DIR.resolve()):
            return _work_copy(folder.name, folder)
        return Target(folder.name, folder)
    slug = str(ref)
    try:
        source = sources.load_source(slug)
    except DataFileError:
        known = ", ".join(sources.list_sources())
        raise AnnotateError(f"{slug}: no such source folder, and not a course source ({known})") from None
    if source.folder.resolve().is_relative_to(DATA_DIR.resolve()):
        return _work_copy(slug, source.folder)
    return Target(slug, source.folder)


def _work_copy(slug: str, original: Path) -> Target:
    """A course source's working copy: its text and metadata, never its gold annotations."""
    folder = work_folder(slug)
    for name in ("article.txt", "meta.yml"):
        if (original / name).is_file() and not (folder / name).is_file():
            write_atomic(folder / name, (original / name).read_bytes())
    return Target(slug, folder, copied_from=original)


def read_article(target: Target) -> text.Document:
    body = datafiles.read_text(target.article)  # DataFileError: one line naming the file
    if not body.strip():
        raise AnnotateError(f"{display_path(target.article)}: is empty")
    try:
        return text.parse(body)
    except text.TextTooLongError as exc:
        raise AnnotateError(f"{display_path(target.article)}: {exc}") from None


def digest(raw: bytes | None) -> str:
    """What the widget remembers of the file it read: a change on disk since is noticed."""
    return "" if raw is None else hashlib.sha256(raw).hexdigest()[:16]


def read(path: Path) -> tuple[dict | None, bytes | None]:
    """(document, raw bytes) of an annotations file; (None, None) when there is none yet.

    Raises AnnotateError for a file that cannot be read as an annotations mapping."""
    path = Path(path)
    if not path.exists():
        return None, None
    raw = datafiles.read_bytes(path)
    try:
        data = datafiles.load_structured(path)
    except DataFileError as exc:
        raise AnnotateError(f"{exc} (nothing was written; fix or move the file, then run the cell again)") from None
    if not isinstance(data, dict) or not isinstance(data.get("sentences", []), list):
        raise AnnotateError(
            f"{display_path(path)}: is not an annotations file (it needs source, annotator, guidelines and a "
            "list of sentences); nothing was written"
        )
    return data, raw


def new_document(slug: str, annotator: str | None) -> dict:
    return {"source": slug, "annotator": annotator or "", "guidelines": DEFAULT_GUIDELINES, "sentences": []}


# ---------------------------------------------------------------- canonical form


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _item(kind: str, item: Any) -> dict | None:
    if not isinstance(item, dict):
        return None
    keys = ITEM_KEYS[kind]
    out: dict[str, Any] = {}
    for key in keys:
        value = item.get(key)
        if (kind, key) in NULLABLE and key in item and value is None:
            out[key] = None
        elif not _blank(value):
            out[key] = value.strip() if isinstance(value, str) and key == "rationale" else value
    out.update((k, v) for k, v in item.items() if k not in keys and not _blank(v))  # kept: the schema names it
    return out or None


def _sentence(entry: Any) -> dict | None:
    """One sentence in schema order; None when nothing in it is annotated yet."""
    if not isinstance(entry, dict) or not entry.get("id"):
        return None
    out: dict = {"id": entry["id"]}
    for key in ("voice", "rationale"):
        if not _blank(entry.get(key)):
            out[key] = entry[key].strip() if key == "rationale" else entry[key]
    for kind in LIST_KEYS:
        out[kind] = [x for x in (_item(kind, i) for i in entry.get(kind) or []) if x]
    framing: dict = entry["framing"] if isinstance(entry.get("framing"), dict) else {}
    out["framing"] = {"functions": list(framing.get("functions") or []), "frames": list(framing.get("frames") or [])}
    if not _blank(framing.get("rationale")):
        out["framing"]["rationale"] = framing["rationale"].strip()
    # the key order of the schema; scare_quotes only when there are any, as in the course's files
    out = {k: out[k] for k in SENTENCE_KEYS if k in out}
    quotes = [x for x in (_item("scare_quotes", i) for i in entry.get("scare_quotes") or []) if x]
    if quotes:
        out["scare_quotes"] = quotes
    out.update((k, v) for k, v in entry.items() if k not in SENTENCE_KEYS)
    empty = len(out) == len(SENTENCE_KEYS) - 3 and not any(out[k] for k in LIST_KEYS)
    if empty and not out["framing"]["functions"] and not out["framing"]["frames"] and "rationale" not in out["framing"]:
        return None
    return out


def canonical(doc: dict, order: list[str]) -> dict:
    """The document as it is written: keys in schema order, sentences in article order, empty sentences dropped."""
    place = {sid: n for n, sid in enumerate(order)}
    kept = [s for s in (_sentence(e) for e in doc.get("sentences") or []) if s]
    kept.sort(key=lambda s: place.get(s["id"], len(place)))
    out = {
        "source": doc.get("source") or "",
        "annotator": doc.get("annotator") or "",
        "guidelines": doc.get("guidelines") or DEFAULT_GUIDELINES,
        "sentences": kept,
    }
    out.update((k, v) for k, v in doc.items() if k not in TOP_KEYS)
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, except short lists of labels, written ``[conflict, economic]``."""


def _list(dumper: yaml.SafeDumper, data: list):
    flow = all(isinstance(x, str) and " " not in x for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def header_of(raw: bytes | None, slug: str) -> str:
    """The comment lines at the head of the file (kept as they are), or a new one."""
    if raw:
        lines = []
        for line in raw.decode("utf-8", errors="replace").splitlines(keepends=True):
            if not line.startswith("#"):
                break
            lines.append(line)
        if lines:
            return "".join(lines)
    return (
        f"# Annotations of the source {slug}, made with discourse_lab.annotate. Schema: "
        "annotations.schema.json;\n# every span is an exact substring of its sentence.\n"
    )


def dump(doc: dict, header: str = "") -> str:
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body


# ---------------------------------------------------------------- problems


def _friendly(error) -> str:
    """A schema error as a short line a student can act on."""
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{missing} is missing"
    if error.validator == "minLength":
        return "is too short (write at least a few words)"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    return error.message


def problems(doc: dict, document: text.Document) -> dict[str, list[str]]:
    """What is wrong or missing, per sentence id (``"document"`` for the top keys)."""
    jsonschema = datafiles._jsonschema()
    validator = jsonschema.Draft202012Validator(datafiles.schema(SCHEMA))
    out: dict[str, list[str]] = {}
    sentences = doc.get("sentences") or []
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "sentences" and isinstance(path[1], int) and path[1] < len(sentences):
            sid = sentences[path[1]].get("id", "?")
            rest = path[2:]
            where = " ".join(f"{p + 1}" if isinstance(p, int) else str(p).replace("_", " ") for p in rest)
            out.setdefault(sid, []).append(f"{where}: {_friendly(error)}" if where else _friendly(error))
        else:
            where = "/".join(map(str, path)) or "the file"
            if path == ["sentences"] and error.validator == "minItems":
                out.setdefault("document", []).append("no sentence is annotated yet")
                continue
            out.setdefault("document", []).append(f"{where}: {_friendly(error)}")
    texts = {s.id: s.text for s in document.sentences}
    for entry in sentences:
        sid = entry.get("id")
        if sid not in texts:
            out.setdefault(sid, []).append("is not a sentence of article.txt")
            continue
        for kind in (*LIST_KEYS, "scare_quotes"):
            for n, item in enumerate(entry.get(kind) or [], start=1):
                for key in ("text", "cue", "content", "source_span"):
                    span = item.get(key)
                    if isinstance(span, str) and span and span not in texts[sid]:
                        out.setdefault(sid, []).append(
                            f"{kind.replace('_', ' ')} {n} {key}: “{span}” is not in the sentence"
                        )
    return out


# ---------------------------------------------------------------- the file


class AnnotationFile:
    """One annotations.yml: :meth:`load` it, then :meth:`save` documents; refuses to overwrite changes it did not read."""

    def __init__(self, target: Target, document: text.Document):
        self.target = target
        self.document = document
        self.order = [s.id for s in document.sentences]
        self.raw: bytes | None = None
        self.saved_at: str | None = None

    @property
    def path(self) -> Path:
        return self.target.path

    def load(self, annotator: str | None = None) -> dict:
        data, raw = read(self.path)
        self.raw = raw
        if data is None:
            return canonical(new_document(self.target.slug, annotator), self.order)
        return canonical(data, self.order)

    def save(self, doc: dict) -> tuple[dict, bool]:
        """Write ``doc`` (canonical form); (what was written, True) or (the document, False) when
        nothing had to be written. Raises AnnotateError when the file on disk changed meanwhile."""
        doc = canonical(doc, self.order)
        with locked(self.path):
            current = self.path.read_bytes() if self.path.exists() else None
            if digest(current) != digest(self.raw):
                raise AnnotateError(
                    f"{display_path(self.path)}: changed on disk since this widget read it; nothing was "
                    "overwritten (run the cell again to load it; your change is kept in this browser)"
                )
            payload = dump(doc, header_of(self.raw, self.target.slug)).encode("utf-8")
            if payload == current:
                return doc, False
            replace_with_backup(self.path, payload)
            self.raw = payload
        return doc, True

    @property
    def review_path(self) -> Path:
        return self.target.folder / REVIEW

    def rejected(self) -> list[str]:
        try:
            data = json.loads(self.review_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [x for x in data.get("rejected", []) if isinstance(x, str)] if isinstance(data, dict) else []

    def save_rejected(self, ids: list[str]) -> None:
        payload = json.dumps({"rejected": sorted(set(ids))}, indent=1) + "\n"
        replace_with_backup(self.review_path, payload, keep_backup=False)


def copy_source(target: Target, into: Path) -> Path:
    """Copy the source folder's three files into ``into/<slug>/`` (a bank's sources/ folder)."""
    dest = Path(into) / target.slug
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("article.txt", "meta.yml", ANNOTATIONS):
        if (target.folder / name).is_file():
            write_atomic(dest / name, (target.folder / name).read_bytes())
    return dest


__all__ = ["AnnotateError", "AnnotationFile", "Target", "resolve", "problems", "canonical", "dump"]
