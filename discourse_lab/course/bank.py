"""Private exercise banks: made from an instructor's own annotated source, checked, found by assign and grade.

``discourse-lab bank new DIR --source PATH`` takes a source folder kept outside the repository
(``article.txt``, ``meta.yml`` and ``annotations.yml``, shaped like ``data/sources/*/`` and checked
against ``data/schemas/source-meta.schema.json`` and ``annotations.schema.json``) and writes

* ``DIR/sources/<slug>/``: a copy of the source, which the exercises quote (:func:`use` makes it
  findable, so the bank works wherever DIR is);
* ``DIR/generated.yml``: the standard exercises generated from the annotations
  (:mod:`discourse_lab.exercises.generate`: voices, reporting cues, stances, unattributed
  evaluations), their keys taken from the annotations;
* ``DIR/templates.yml``: one template of each hand-written kind (a short answer and a rewrite
  with a rubric and a model answer, a matching and an ordering exercise), quoting the source,
  valid as written but titled ``TEMPLATE …``: ``assign`` refuses them until they are edited.

It never writes into an existing non-empty DIR, nor inside the package's ``data/`` (in the
repository, the public ``data/`` folder), and refuses a source that is one of the course's own.
``discourse-lab validate --bank DIR`` (:func:`validate_bank`) checks every exercise of a bank and
reports one line per problem, naming the file and the exercise.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import datafiles, sources
from ..errors import DataFileError, DiscourseLabError
from ..exercises import catalogue, generate, spec
from ..paths import DATA_DIR, SOURCES_DIR
from . import public

GENERATED = "generated.yml"
TEMPLATES = "templates.yml"
SOURCES = "sources"
TEMPLATE_TITLE = "TEMPLATE"  # the same prefix assign refuses (assign.TEMPLATE_TITLE)


class BankError(DiscourseLabError):
    """A bank cannot be made as asked (folder in use, inside data/, a broken source …)."""


_STAMPS: dict[str, tuple] = {}


def use(folder: Path) -> None:
    """Make the sources kept in a bank's ``sources/`` folder findable by slug.

    The loaded bank is cached; when a bank file was edited since (a key fixed in a running
    kernel), or a source moved, the caches are dropped so the bank is read again.
    """
    folder = Path(folder)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yml")))
    moved = sources.add_private_root(folder / SOURCES)
    key = str(folder)
    if moved or (key in _STAMPS and _STAMPS[key] != stamp):
        catalogue.reload()
    _STAMPS[key] = stamp


# ---------------------------------------------------------------- the source


def check_source(path: Path | str) -> sources.Source:
    """The instructor's source folder, checked: its files, their schemas, its slug, and that it is not public."""
    folder = Path(path)
    if not folder.is_dir():
        raise BankError(f"{folder}: not a folder (give the folder holding article.txt, meta.yml, annotations.yml)")
    for name in ("article.txt", "meta.yml", "annotations.yml"):
        if not (folder / name).is_file():
            raise BankError(f"{folder / name}: missing (a source folder holds article.txt, meta.yml, annotations.yml)")
    if folder.resolve().is_relative_to(SOURCES_DIR.resolve()) or folder.name in sources.list_sources():
        raise BankError(
            f"{folder}: is a source of the public course, whose exercises are public; "
            "give your own annotated article, kept outside the repository"
        )
    source = sources.source_at(folder)
    meta = source.meta  # validated against its schema (DataFileError names the file)
    annotations = source.annotations
    if meta["slug"] != folder.name:
        raise BankError(f"{folder / 'meta.yml'}: slug {meta['slug']!r} differs from the folder's name {folder.name!r}")
    if annotations["source"] != folder.name:
        raise BankError(f"{folder / 'annotations.yml'}: source {annotations['source']!r} is not {folder.name!r}")
    known = {s.id for s in source.document.sentences}
    for entry in annotations["sentences"]:
        if entry["id"] not in known:
            raise BankError(
                f"{folder / 'annotations.yml'}: sentence {entry['id']} is not in article.txt "
                f"(it has {len(known)} sentences; see discourse-lab segment {folder / 'article.txt'})"
            )
    return source


# ---------------------------------------------------------------- templates of the hand-written kinds


def templates(source: sources.Source, chapter: int) -> dict:
    """A bank file of one template per hand-written kind, quoting the source's own sentences."""
    slug = source.slug
    annotated = source.annotations["sentences"]
    first = annotated[0]["id"]
    reported = next((s["id"] for s in annotated if s.get("attributions")), first)
    last = annotated[-1]["id"]
    note = "Replace this text, and the title, before you assign it."
    exercises = [
        {
            "id": f"{slug}-short-answer",
            "version": 1,
            "chapter": chapter,
            "type": "short_text",
            "kind": "judgement",
            "title": f"{TEMPLATE_TITLE}: a short answer",
            "source": slug,
            "prompt": f"TEMPLATE. Ask one question about sentence {first} that needs two or three sentences to answer. {note}",
            "passage": [first],
            "rubric": [
                "TEMPLATE: the first thing a good answer does.",
                "TEMPLATE: the second.",
                "TEMPLATE: the third.",
            ],
            "model_answer": "TEMPLATE: the answer you would give full marks.",
            "explanation": "TEMPLATE: what students should take from this question.",
            "max_words": 120,
            "points": 3,
        },
        {
            "id": f"{slug}-rewrite",
            "version": 1,
            "chapter": chapter,
            "type": "rewrite",
            "kind": "judgement",
            "title": f"{TEMPLATE_TITLE}: a rewrite",
            "source": slug,
            "prompt": f"TEMPLATE. Ask for sentence {reported} to be rewritten (e.g. with a neutral reporting verb). {note}",
            "sentence": reported,
            "rubric": ["TEMPLATE: what the rewrite must change.", "TEMPLATE: what it must keep."],
            "model_answer": "TEMPLATE: your own rewrite of the sentence.",
            "explanation": "TEMPLATE: why the rewrite reads differently.",
            "max_words": 60,
            "points": 2,
        },
        {
            "id": f"{slug}-matching",
            "version": 1,
            "chapter": chapter,
            "type": "matching",
            "kind": "objective",
            "title": f"{TEMPLATE_TITLE}: a matching",
            "source": slug,
            "prompt": f"TEMPLATE. Match each phrase of the article to what it does. {note}",
            "passage": [first, last],
            "items": [
                {"id": "phrase-a", "text": "TEMPLATE: a phrase"},
                {"id": "phrase-b", "text": "TEMPLATE: another"},
                {"id": "phrase-c", "text": "TEMPLATE: a third"},
            ],
            "targets": [
                {"id": "does-x", "text": "TEMPLATE: what one does"},
                {"id": "does-y", "text": "TEMPLATE: what another does"},
                {"id": "does-z", "text": "TEMPLATE: what the third does"},
            ],
            "answer": {"phrase-a": "does-x", "phrase-b": "does-y", "phrase-c": "does-z"},
            "explanation": "TEMPLATE: why each phrase goes with its match.",
            "points": 3,
        },
        {
            "id": f"{slug}-ordering",
            "version": 1,
            "chapter": chapter,
            "type": "ordering",
            "kind": "objective",
            "title": f"{TEMPLATE_TITLE}: an ordering",
            "source": slug,
            "prompt": f"TEMPLATE. Put the events the article reports in the order they happened. {note}",
            "items": [
                {"id": "first", "text": "TEMPLATE: what happened first"},
                {"id": "second", "text": "TEMPLATE: what happened next"},
                {"id": "third", "text": "TEMPLATE: what happened last"},
            ],
            "answer": ["first", "second", "third"],
            "explanation": "TEMPLATE: how the article gives the order away (or hides it).",
            "points": 2,
        },
    ]
    return {
        "chapter": chapter,
        "title": f"Hand-written exercises for {slug} (templates)",
        "source": slug,
        "exercises": exercises,
    }


# ---------------------------------------------------------------- bank new


@dataclass
class NewBank:
    folder: Path
    slug: str
    generated: list[dict]
    templates: list[dict]
    files: list[Path] = field(default_factory=list)


HEADER_GENERATED = (
    "# Exercises generated from the annotations of {slug} (sources/{slug}/annotations.yml) by\n"
    "# discourse-lab bank new. Edit them freely; raise an exercise's `version` whenever you change\n"
    "# its key or its options, then `discourse-lab validate --bank DIR`.\n"
)
HEADER_TEMPLATES = (
    "# Templates of the hand-written kinds, quoting {slug}. Write your own prompt, items, key,\n"
    "# rubric and model answer, change the title (assign refuses titles starting with TEMPLATE),\n"
    "# delete what you do not need, then `discourse-lab validate --bank DIR`.\n"
)


def _dump(header: str, data: dict) -> str:
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def new_bank(folder: Path | str, source_path: Path | str, chapter: int = 1) -> NewBank:
    """Write a private bank made from the source at ``source_path``; checked before it is put in place."""
    folder = Path(folder)
    if folder.resolve().is_relative_to(DATA_DIR.resolve()):
        raise BankError(f"{folder}: is inside the course's public data/ folder; keep a private bank outside it")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BankError(f"{folder}: exists and is not empty; choose a new folder (nothing was overwritten)")
    if not 0 <= chapter <= 99:
        raise BankError(f"--chapter {chapter}: must be between 0 and 99")
    source = check_source(source_path)
    slug = source.slug
    # Everything is written to a folder beside DIR, checked there, then moved into place.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        copy = staging / SOURCES / slug
        copy.mkdir(parents=True)
        for name in ("article.txt", "meta.yml", "annotations.yml"):
            shutil.copyfile(source.folder / name, copy / name)
        generated = generate.bank_data(sources.source_at(copy), chapter)
        made = templates(source, chapter)
        (staging / GENERATED).write_text(_dump(HEADER_GENERATED.format(slug=slug), generated), encoding="utf-8")
        (staging / TEMPLATES).write_text(_dump(HEADER_TEMPLATES.format(slug=slug), made), encoding="utf-8")
        use(staging)
        problems, _notes, _count = validate_bank(staging)
        if problems:
            raise BankError(problems[0].replace(str(staging), str(folder)))
        if folder.exists():
            folder.rmdir()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp made it private to us; a bank folder is an ordinary one
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    use(folder)
    files = [folder / GENERATED, folder / TEMPLATES, folder / SOURCES / slug]
    return NewBank(folder, slug, generated["exercises"], made["exercises"], files)


# ---------------------------------------------------------------- validate --bank


def _entry_problem(entry: dict, data: dict, path: Path) -> str | None:
    """The schema problem of one exercise of a bank file, as one line, or None."""
    probe = {"chapter": data.get("chapter", 0), "title": "probe", "exercises": [entry]}
    if data.get("source"):
        probe["source"] = data["source"]
    try:
        datafiles.validate(probe, "exercise-bank.schema.json", path)
    except DataFileError as exc:
        where = exc.problem.replace("at exercises/0/", "at ").replace("at exercises/0:", "at the exercise:")
        return f"{path}: exercise {entry.get('id', '?')}: {where}"
    return None


PLACEHOLDER = {
    "id": "placeholder",
    "version": 1,
    "chapter": 0,
    "type": "short_text",
    "kind": "judgement",
    "prompt": "p",
    "explanation": "e",
    "points": 1,
    "rubric": ["r"],
    "model_answer": "m",
}


def validate_bank(folder: Path | str) -> tuple[list[str], list[str], int]:
    """Check every exercise of a bank: (problems, notes, number of exercises). One line each, naming file and exercise.

    Problems: a file that is not a bank file, an exercise that fails the schema or its
    cross-checks (an answer naming no option, a sentence not in the source, a phrase not in its
    sentence …), an id used twice. Notes (not failures): templates still to edit, and exercises
    whose question is a public one (assign would need --allow-public).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BankError(f"{folder}: not a folder")
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise BankError(f"{folder}: holds no bank files (*.yml)")
    use(folder)
    problems: list[str] = []
    notes: list[str] = []
    seen: dict[str, Path] = {}
    count = 0
    for path in files:
        try:
            data = datafiles.load_structured(path)
        except DataFileError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(data, dict) or not isinstance(data.get("exercises"), list):
            problems.append(f"{path}: is not a bank file (it needs chapter, title and a list of exercises)")
            continue
        # The file's own fields, checked with one stand-in exercise; each exercise is checked below.
        head = {k: v for k, v in data.items() if k != "exercises"} | {"exercises": [PLACEHOLDER]}
        try:
            datafiles.validate(head, "exercise-bank.schema.json", path)
        except DataFileError as exc:
            problems.append(str(exc))
            continue
        for entry in data["exercises"]:
            count += 1
            if not isinstance(entry, dict):
                problems.append(f"{path}: an exercise is not a mapping of fields")
                continue
            ex_id = entry.get("id", "?")
            problem = _entry_problem(entry, data, path)
            if problem:
                problems.append(problem)
                continue
            if entry["chapter"] != data["chapter"]:
                problems.append(
                    f"{path}: exercise {ex_id}: chapter {entry['chapter']} differs from the file's {data['chapter']}"
                )
                continue
            if ex_id in seen:
                problems.append(f"{path}: exercise {ex_id}: id already used in {seen[ex_id].name}")
                continue
            seen[ex_id] = path
            try:
                ex = spec.build(entry, path, data.get("source"))
            except DataFileError as exc:
                problems.append(f"{path}: {exc.problem}" if exc.path == path else f"{path}: exercise {ex_id}: {exc}")
                continue
            except DiscourseLabError as exc:
                problems.append(f"{path}: exercise {ex_id}: {exc}")
                continue
            if ex.title.startswith(TEMPLATE_TITLE):
                notes.append(f"{path}: exercise {ex_id}: still a template; edit it and its title, or delete it")
            match = public.public_match(ex)
            if match:
                notes.append(
                    f"{path}: exercise {ex_id}: asks the public exercise {match}'s question (its key is public)"
                )
    return problems, notes, count


def summary(made: NewBank) -> list[str]:
    """What ``bank new`` prints: one line per file written."""
    kinds = Counter(e["type"] for e in made.generated)
    generated = ", ".join(f"{t} {n}" for t, n in kinds.items())
    return [
        f"bank {made.folder}: {len(made.generated) + len(made.templates)} exercises from the source {made.slug}",
        f"  {GENERATED}  {len(made.generated)} generated from its annotations ({generated})",
        f"  {TEMPLATES}  {len(made.templates)} templates to edit: " + ", ".join(e["type"] for e in made.templates),
        f"  {SOURCES}/{made.slug}/  the source the exercises quote",
        f"next: edit {made.folder / TEMPLATES}, then discourse-lab validate --bank {made.folder}",
    ]
