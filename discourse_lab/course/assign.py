"""Assignments: choose exercises from the bank and write a student notebook plus the instructor's key.

``assign(exercises, title, out)`` writes

* ``out/student/<assignment id>.ipynb``: instructions, the passages of the source the exercises
  quote (with sentence ids), every exercise in graded mode and the export box that hands the
  answers in. The notebook holds only imports and calls, and nothing that reveals a key.
* ``out/student/<assignment id>.exercises.json``: the exercises' graded client specs, which hold
  no key (:mod:`discourse_lab.exercises.handout`). The notebook's widgets load the exercises from
  this file, never from the bank, so the student's environment needs no bank and no key.
* ``out/instructor/manifest.json``: the assignment id, title, and each exercise's id, version,
  type, kind and points (schema ``data/schemas/assignment-manifest.schema.json``);
* ``out/instructor/key.json``: for each exercise id its key in exactly the answer shape of a
  submission (see :mod:`discourse_lab.exercises.scoring`), and for judgement items the model
  answer and the rubric.

The assignment id is a slug of the title plus a short hash of the exercise ids and versions, so
the same title for a different set of exercises gets a different id.

``bank`` (``assign --bank DIR``) takes the exercises from a private bank folder instead of the
public ``data/exercises`` (make one with ``discourse-lab bank new``, :mod:`.bank`); grade with the
same ``--bank``. Graded work is made only of exercises that are not public (:mod:`.public`
decides by content): public ones need ``allow_public`` (``--allow-public``), because their keys
are on the lesson pages and in the installed package.

Every option, label, item and target is shown in an order drawn for this assignment under opaque
ids (:mod:`.shuffle`, seeded with the assignment id, recorded as the manifest's ``seed``); the
key's ``handout`` member maps them back, and it keeps each exercise's bank entry (``entry``) so
that ``discourse-lab regrade`` can tell what a key fix changed. The manifest may carry ``due``,
the due time with its UTC offset (:func:`parse_due`).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from pathlib import Path

import nbformat
from markupsafe import Markup

from .. import datafiles
from ..errors import DataFileError, DiscourseLabError
from ..exercises import catalogue, handout
from ..exercises.spec import Exercise, public_number
from ..exercises.store import now
from ..number_format import plain_number as _fmt
from ..paths import EXERCISES_DIR
from ..render import HTML
from . import public, shuffle

MANIFEST = "manifest.json"
KEY = "key.json"
MANIFEST_SCHEMA = "assignment-manifest.schema.json"
SUBMISSION_MIME = "application/vnd.discourse-lab.submission+json"
# The book's repository (``repository.url`` in _config.yml; tests/test_assign.py keeps them equal):
# the handout's Colab set-up cell installs the package from it.
REPOSITORY_URL = "https://github.com/discourse-lab/discourse-lab"
# Hand-written templates that ``bank new`` writes carry this title prefix until they are edited.
TEMPLATE_TITLE = "TEMPLATE"


class AssignError(DiscourseLabError):
    """The assignment cannot be made as asked (no exercises, unknown id, folder in use …)."""


# ---------------------------------------------------------------- the bank as a table


def bank_rows(chapter: int | None = None) -> list[dict]:
    """One row per exercise of the bank: id, chapter, type, points, kind."""
    return [
        {"id": e.id, "chapter": e.chapter, "type": e.type, "points": e.points, "kind": e.kind, "title": e.title}
        for e in catalogue.bank(chapter)
    ]


def format_table(rows: list[dict], columns: tuple[str, ...] = ("id", "chapter", "type", "points", "kind")) -> str:
    """A plain-text table with aligned columns, as printed by ``discourse-lab exercises``."""
    cells = [[_fmt(row[c]) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


# ---------------------------------------------------------------- choosing the exercises


def bank_folder(bank: Path | str | None) -> Path:
    """The bank folder to use: ``bank`` if given (it must hold bank files), else the public bank."""
    if bank is None:
        return EXERCISES_DIR
    folder = Path(bank)
    if not folder.is_dir() or not any(folder.glob("*.yml")):
        raise AssignError(f"{folder}: not a bank folder (it must hold exercise bank files, *.yml)")
    from . import bank as private_bank

    private_bank.use(folder)  # its sources/ folder: the texts its exercises quote
    return folder


def parse_due(text: str) -> str:
    """The due time as ISO 8601 with its offset (``2027-02-10T23:59+01:00`` -> ``…T23:59:00+01:00``).

    A time without an offset is refused: it would mean a different moment on the grader's machine.
    """
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AssignError(f"--due {text!r}: not a date and time; write it like 2027-02-10T23:59+01:00") from None
    if when.tzinfo is None or when.utcoffset() is None:
        raise AssignError(
            f"--due {text!r}: give the UTC offset of the due time, e.g. {when.isoformat(timespec='minutes')}+01:00 "
            "(or Z for UTC)"
        )
    return when.isoformat(timespec="seconds")


def check_public(exercises: list[Exercise], allow_public: bool = False) -> list[Exercise]:
    """The public exercises among ``exercises``; without ``allow_public`` they are refused (one line)."""
    found = public.public_exercises(exercises)
    if found and not allow_public:
        names = ", ".join(e.id for e in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
        raise AssignError(
            f"{names}: public exercise(s), their keys are in the public book; make a private bank "
            "(discourse-lab bank new DIR --source PATH) and use --bank DIR, or pass --allow-public"
        )
    return found


def public_warning(found: list[Exercise], total: int) -> str:
    return (
        f"{len(found)} of {total} exercises are public: their keys are on the public lesson pages and "
        "in the installed package, so students can look them up"
    )


def select(
    exercise_ids: list[str] | None = None, chapter: int | None = None, bank: Path | str | None = None
) -> list[Exercise]:
    """The exercises named (in the order given) or all of one chapter; one-line errors otherwise."""
    folder = bank_folder(bank)
    if exercise_ids:
        seen: set[str] = set()
        out = []
        for ex_id in exercise_ids:
            if ex_id in seen:
                raise AssignError(f"exercise {ex_id} is listed twice")
            seen.add(ex_id)
            out.append(catalogue.get(ex_id, folder))
        return out
    if chapter is not None:
        found = catalogue.bank(chapter, folder)
        if not found:
            raise AssignError(f"the bank has no exercises for chapter {chapter}")
        return found
    raise AssignError("name the exercises (--exercises ID,ID…) or a chapter (--chapter N)")


def assignment_id(title: str, exercises: list[Exercise]) -> str:
    """A slug of the title and 6 hex digits of the exercise set: matches the submission schema."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-") or "assignment"
    digest = hashlib.sha256(json.dumps([[e.id, e.version] for e in exercises]).encode()).hexdigest()[:6]
    return f"{slug}-{digest}"


# ---------------------------------------------------------------- what the instructor keeps


def manifest(title: str, exercises: list[Exercise], due: str | None = None) -> dict:
    aid = assignment_id(title, exercises)
    man = {
        "format": "discourse-lab-assignment",
        "format_version": 1,
        "assignment_id": aid,
        "title": title,
        "created": now(),
        "seed": aid,
        "exercises": [
            {"id": e.id, "version": e.version, "type": e.type, "kind": e.kind, "points": e.points, "title": e.title}
            for e in exercises
        ],
        "total_points": sum(e.points for e in exercises),
    }
    if due:
        man["due"] = due
    return man


def bank_entry(exercise: Exercise) -> dict:
    """The exercise's bank entry as written, with the source it quotes made explicit."""
    entry = dict(exercise.data)
    source = entry.get("source") or _file_source(exercise)
    if source:
        entry["source"] = source
    return entry


def key_entry(exercise: Exercise, handout_map: dict | None = None) -> dict:
    """One exercise's key: answer in the submission's shape (in bank ids), the handout's id map, the entry."""
    e = exercise
    entry = {"version": e.version, "type": e.type, "kind": e.kind, "points": e.points, "answer": e.answer_key}
    if not e.objective:
        entry["model_answer"] = e.data["model_answer"]
        entry["rubric"] = list(e.data["rubric"])
    if handout_map:
        entry["handout"] = handout_map
    entry["entry"] = bank_entry(e)
    return entry


def key(exercises: list[Exercise], assignment: str, handout_maps: dict[str, dict] | None = None) -> dict:
    """Exercise id -> its key in the submission's answer shape (None for judgement items).

    ``handout_maps``: exercise id -> handout id map (:func:`shuffle.handout_exercise`)."""
    maps = handout_maps or {}
    return {"assignment_id": assignment, "exercises": {e.id: key_entry(e, maps.get(e.id)) for e in exercises}}


def load_manifest(folder: Path) -> dict:
    """The manifest of an assignment's instructor folder, validated against its schema."""
    path = Path(folder) / MANIFEST
    return datafiles.load(path, MANIFEST_SCHEMA)


def load_instructor_folder(folder: Path, bank: Path | str | None) -> tuple[Path, dict, dict]:
    """(the bank folder, the manifest, the key) of an assignment's instructor folder, as grade and
    regrade read them. Raises AssignError (no such bank or folder) or DataFileError (a bad file)."""
    bank_dir = bank_folder(bank)
    if not folder.is_dir():
        raise AssignError(f"{folder}: not a folder (give the assignment's instructor/ folder)")
    man = load_manifest(folder)
    key_path = folder / KEY
    key = datafiles.load_structured(key_path)
    if (
        not isinstance(key, dict)
        or key.get("assignment_id") != man["assignment_id"]
        or not isinstance(key.get("exercises"), dict)
    ):
        raise DataFileError(key_path, f"is not the key of assignment {man['assignment_id']}")
    return bank_dir, man, key


# ---------------------------------------------------------------- what the student gets


def sentence_ids(exercise: Exercise) -> list[str]:
    d = exercise.data
    ids = list(d.get("passage", [])) + list(d.get("sentences", []))
    if "sentence" in d:
        ids.append(d["sentence"])
    return ids


def passages_html(slug: str, ids: list[str]) -> HTML:
    """The paragraphs of a source that hold the given sentences, every sentence with its id.

    Escaped with markupsafe like :func:`render.sentences_html`, whose CSS classes it shares.
    """
    from ..sources import load_source

    document = load_source(slug).document
    wanted = set(ids)
    parts = [Markup('<div class="dl-sentences" lang="en">')]
    if document.dateline:
        parts.append(
            Markup('<p class="dl-dateline"><span class="dl-sid">dateline</span> {}</p>').format(document.dateline.text)
        )
    shown = 0
    for paragraph in document.paragraphs:
        if not wanted & {s.id for s in paragraph.sentences}:
            continue
        shown += 1
        parts.append(Markup('<p class="dl-paragraph" data-pid="{}">').format(paragraph.id))
        for sentence in paragraph.sentences:
            parts.append(
                Markup('<span class="dl-sentence" data-sid="{0}"><span class="dl-sid">{0}</span> {1}</span> ').format(
                    sentence.id, sentence.text
                )
            )
        parts.append(Markup("</p>"))
    if shown < len(document.paragraphs):
        parts.append(Markup('<p class="dl-caption">Paragraphs the exercises do not use are left out.</p>'))
    parts.append(Markup("</div>"))
    return HTML(Markup("").join(parts))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$|~&])")


def _markdown_text(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def passages_markdown(slug: str, ids: list[str]) -> str:
    """The paragraphs holding the given sentences as Markdown, each sentence after its id.

    For a source the student's package does not have (an instructor's own, in a private bank):
    the text goes into the notebook itself. Markdown's special characters (and ``$``, which
    Jupyter reads as mathematics) are escaped, so the article is shown exactly as written.
    """
    from ..sources import load_source

    document = load_source(slug).document
    wanted = set(ids)
    parts = []
    if document.dateline:
        parts.append(f"`dateline` {_markdown_text(document.dateline.text)}")
    shown = [p for p in document.paragraphs if wanted & {s.id for s in p.sentences}]
    for paragraph in shown:
        parts.append(" ".join(f"`{s.id}` {_markdown_text(s.text)}" for s in paragraph.sentences))
    if len(shown) < len(document.paragraphs):
        parts.append("*Paragraphs the exercises do not use are left out.*")
    return "\n\n".join(parts)


def colab_cell_source(url: str = REPOSITORY_URL) -> str:
    """The handout's set-up cell: on Colab (no package) it installs the package; elsewhere it does nothing.

    The same cell as the lessons' (``scripts/colab_cell.py``; tests/test_assign.py keeps them equal).
    """
    target = json.dumps(f"discourse_lab @ git+{url}")
    return (
        "# On Colab (or any Jupyter without this course's package) this installs it from the book's\n"
        "# repository; where the package is already installed it does nothing.\n"
        "import importlib\nimport importlib.util\nimport subprocess\nimport sys\n\n"
        f"PACKAGE = {target}\n"
        'if importlib.util.find_spec("discourse_lab") is None:\n'
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACKAGE], check=True)\n'
        "    importlib.invalidate_caches()"
    )


def _sources(exercises: list[Exercise]) -> dict[str, list[str]]:
    """Source slug -> sentence ids the exercises quote, in first-use order."""
    out: dict[str, list[str]] = {}
    for e in exercises:
        ids = sentence_ids(e)
        slug = e.data.get("source") or _file_source(e)
        if ids and slug:
            bucket = out.setdefault(slug, [])
            bucket += [i for i in ids if i not in bucket]
    return out


def _file_source(exercise: Exercise) -> str | None:
    if exercise.path is None:
        return None
    return datafiles.load(exercise.path, "exercise-bank.schema.json").get("source")


def student_notebook(man: dict, exercises: list[Exercise]) -> nbformat.NotebookNode:
    """The graded notebook: only markdown, imports and calls (no key, no helper code)."""
    from ..sources import list_sources

    v4 = nbformat.v4
    aid = man["assignment_id"]
    ids = [e.id for e in exercises]
    total = _fmt(float(man["total_points"]))
    listing = "\n".join(f"{i}. {e.title} ({_fmt(float(e.points))} points)" for i, e in enumerate(exercises, 1))
    due = ""
    if man.get("due"):
        due = f"**Due:** {man['due']} (hand in before then; a later file counts as late).\n\n"
    cells = [
        v4.new_markdown_cell(
            f"# {man['title']}\n\n"
            f"Assignment `{aid}` · {len(exercises)} exercises · {total} points\n\n"
            f"{due}"
            "**How to work.** Keep this notebook and the file "
            f"`{aid}.exercises.json` together in one folder. Run the cells from the top (Run → Run All "
            "Cells). Each exercise saves your answer the moment you press *Save answer*, in this "
            "assignment's answer store on this computer, so closing the notebook or restarting the kernel "
            "loses nothing; run the cells again to see your answers. You can change an answer until you "
            "hand in. This is a graded assignment: the exercises tell you that your answer is saved, not "
            "whether it is right. Your instructor grades them.\n\n"
            "**On Colab.** The first code cell installs the course's package (it does nothing elsewhere). "
            f"Upload `{aid}.exercises.json` in the Files pane (the folder icon on the left) before you run "
            "the exercises, and download your answers file from there when you hand in. Colab forgets "
            "both when the session ends, so hand in before you close it.\n\n"
            "**How to hand in.** In the box at the end, type your student id and press *Export my "
            f"answers*. It writes the file `{aid}-<your id>.json` in the same folder as this notebook "
            "and says so under the button. Hand in that file. If you change an answer afterwards, press "
            "the button again: the file is replaced with your latest answers.\n\n"
            f"## Exercises\n\n{listing}"
        ),
        v4.new_code_cell(colab_cell_source(), id="colab-setup"),
        v4.new_code_cell(
            "from discourse_lab.course.assign import passages_html\n"
            "from discourse_lab.exercises import export_button, show"
        ),
    ]
    public_sources = set(list_sources())
    for slug, sids in _sources(exercises).items():
        cells.append(
            v4.new_markdown_cell(
                f"## The source\n\nThe passages of `{slug}` that the exercises refer to. Each sentence carries "
                "its id (`p2s3` is the third sentence of the second paragraph)."
            )
        )
        if slug in public_sources:
            cells.append(v4.new_code_cell(f"passages_html({slug!r}, {sids!r})"))
        else:  # the student's package does not have it: the text goes into the notebook
            cells.append(v4.new_markdown_cell(passages_markdown(slug, sids)))
    for i, e in enumerate(exercises, 1):
        # The same title as the widget below shows; a private exercise has no book number, so its place here.
        heading = e.display_title if (e.number or public_number(e.id)) else f"Exercise {i} \u00b7 {e.title}"
        cells.append(v4.new_markdown_cell(f"## {heading} ({_fmt(float(e.points))} points)"))
        cells.append(v4.new_code_cell(f"show({e.id!r}, assignment={aid!r})"))
    cells.append(
        v4.new_markdown_cell(
            "## Hand in\n\nType your student id in the box and press *Export my answers*: it writes "
            f"`{aid}-<your id>.json` in the same folder as this notebook. Hand in that file."
        )
    )
    cells.append(v4.new_code_cell(f"export_button(assignment_id={aid!r}, exercises={ids!r})"))
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["discourse_lab"] = {"assignment_id": aid, "title": man["title"], "exercises": ids}
    nbformat.validate(nb)
    return nb


def hand_in(student_id: str, assignment_id: str, exercises: list[str], folder: Path | str = ".") -> None:
    """Write the submission file and show it as this cell's output, so a saved notebook carries it.

    Kept for student notebooks made by earlier versions, which had a hand-in cell; new ones hand
    in with the export box only. The output is a display bundle with the submission as JSON
    (``application/vnd.discourse-lab.submission+json``) and a plain-text line for the student; the
    grader reads it from the saved ``.ipynb`` as data, never running the notebook. An empty or
    invalid student id prints one line saying what to do (Run All must not end in a traceback).
    """
    from IPython.display import display

    from ..exercises.store import assignment_store
    from ..exercises.submission import STUDENT_ID, export_submission

    if not student_id or not STUDENT_ID.match(student_id):
        print('Not handed in yet: put your student id between the quotes of student_id="" and run this cell again.')
        return None
    path = export_submission(
        Path(folder) / f"{assignment_id}-{student_id}.json",
        student_id,
        store=assignment_store(assignment_id),
        assignment_id=assignment_id,
        exercises=exercises,
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    display(
        {
            SUBMISSION_MIME: data,
            "text/plain": f"{len(data['answers'])} answers of {data['student_id']} written to {path.resolve()}; "
            "save the notebook to keep this copy in it too.",
        },
        raw=True,
    )
    return None


# ---------------------------------------------------------------- writing it all


def _refuse_existing(folder: Path) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise AssignError(f"{folder}: exists and is not empty; choose a new --out folder (nothing was overwritten)")


def assign(
    exercises: list[Exercise],
    title: str,
    out: Path | str,
    *,
    due: str | None = None,
    allow_public: bool = False,
) -> dict:
    """Write the student and instructor folders; return the manifest. Never overwrites a folder in use.

    ``due``: the due time, ISO 8601 with offset (:func:`parse_due`). Public exercises are refused
    unless ``allow_public`` (:func:`check_public`); so are templates of ``bank new`` not yet edited.
    """
    if not title.strip():
        raise AssignError("the title is empty")
    templates = [e.id for e in exercises if e.title.startswith(TEMPLATE_TITLE)]
    if templates:
        raise AssignError(
            f"{', '.join(templates)}: still the template text of bank new; edit it (and its title) or delete it"
        )
    check_public(exercises, allow_public)
    due = parse_due(due) if due else None
    out = Path(out)
    student, instructor = out / "student", out / "instructor"
    for folder in (student, instructor):
        _refuse_existing(folder)
    man = manifest(title.strip(), exercises, due)
    datafiles.validate(man, MANIFEST_SCHEMA, instructor / MANIFEST)
    shown, maps = [], {}
    for e in exercises:
        handout_ex, maps[e.id] = shuffle.handout_exercise(e, man["seed"])
        shown.append(handout_ex)
    nb = student_notebook(man, shown)
    try:
        student.mkdir(parents=True, exist_ok=True)
        instructor.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, student / f"{man['assignment_id']}.ipynb")
        handout.write(shown, man["assignment_id"], student)
        (instructor / MANIFEST).write_text(json.dumps(man, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (instructor / KEY).write_text(
            json.dumps(key(exercises, man["assignment_id"], maps), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise AssignError(f"{out}: cannot be written ({exc.strerror})") from None
    return man
