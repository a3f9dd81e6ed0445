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
public ``data/exercises``, so graded exercises need not be in the public course at all; grade with
the same ``--bank``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
from markupsafe import Markup

from .. import datafiles
from ..errors import DiscourseLabError
from ..exercises import catalogue, handout
from ..exercises.spec import Exercise
from ..exercises.store import now
from ..number_format import plain_number as _fmt
from ..paths import EXERCISES_DIR
from ..render import HTML

MANIFEST = "manifest.json"
KEY = "key.json"
MANIFEST_SCHEMA = "assignment-manifest.schema.json"
SUBMISSION_MIME = "application/vnd.discourse-lab.submission+json"


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
    return folder


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


def manifest(title: str, exercises: list[Exercise]) -> dict:
    return {
        "format": "discourse-lab-assignment",
        "format_version": 1,
        "assignment_id": assignment_id(title, exercises),
        "title": title,
        "created": now(),
        "exercises": [
            {"id": e.id, "version": e.version, "type": e.type, "kind": e.kind, "points": e.points, "title": e.title}
            for e in exercises
        ],
        "total_points": sum(e.points for e in exercises),
    }


def key(exercises: list[Exercise], assignment: str) -> dict:
    """Exercise id -> its key in the submission's answer shape (None for judgement items)."""
    out = {}
    for e in exercises:
        entry = {"version": e.version, "type": e.type, "kind": e.kind, "points": e.points, "answer": e.answer_key}
        if not e.objective:
            entry["model_answer"] = e.data["model_answer"]
            entry["rubric"] = list(e.data["rubric"])
        out[e.id] = entry
    return {"assignment_id": assignment, "exercises": out}


def load_manifest(folder: Path) -> dict:
    """The manifest of an assignment's instructor folder, validated against its schema."""
    path = Path(folder) / MANIFEST
    return datafiles.load(path, MANIFEST_SCHEMA)


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
    v4 = nbformat.v4
    aid = man["assignment_id"]
    ids = [e.id for e in exercises]
    total = _fmt(float(man["total_points"]))
    listing = "\n".join(f"{i}. {e.title} ({_fmt(float(e.points))} points)" for i, e in enumerate(exercises, 1))
    cells = [
        v4.new_markdown_cell(
            f"# {man['title']}\n\n"
            f"Assignment `{aid}` · {len(exercises)} exercises · {total} points\n\n"
            "**How to work.** Keep this notebook and the file "
            f"`{aid}.exercises.json` together in one folder. Run the cells from the top (Run → Run All "
            "Cells). Each exercise saves your answer the moment you press *Save answer*, in this "
            "assignment's answer store on this computer, so closing the notebook or restarting the kernel "
            "loses nothing; run the cells again to see your answers. You can change an answer until you "
            "hand in. This is a graded assignment: the exercises tell you that your answer is saved, not "
            "whether it is right. Your instructor grades them.\n\n"
            "**How to hand in.** In the box at the end, type your student id and press *Export my "
            f"answers*. It writes the file `{aid}-<your id>.json` in the same folder as this notebook "
            "and says so under the button. Hand in that file. If you change an answer afterwards, press "
            "the button again: the file is replaced with your latest answers.\n\n"
            f"## Exercises\n\n{listing}"
        ),
        v4.new_code_cell(
            "from discourse_lab.course.assign import passages_html\n"
            "from discourse_lab.exercises import export_button, show"
        ),
    ]
    for slug, sids in _sources(exercises).items():
        cells.append(
            v4.new_markdown_cell(
                f"## The source\n\nThe passages of `{slug}` that the exercises refer to. Each sentence carries "
                "its id (`p2s3` is the third sentence of the second paragraph)."
            )
        )
        cells.append(v4.new_code_cell(f"passages_html({slug!r}, {sids!r})"))
    for i, e in enumerate(exercises, 1):
        cells.append(v4.new_markdown_cell(f"## Exercise {i}: {e.title} ({_fmt(float(e.points))} points)"))
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


def assign(exercises: list[Exercise], title: str, out: Path | str) -> dict:
    """Write the student and instructor folders; return the manifest. Never overwrites a folder in use."""
    if not title.strip():
        raise AssignError("the title is empty")
    out = Path(out)
    student, instructor = out / "student", out / "instructor"
    for folder in (student, instructor):
        _refuse_existing(folder)
    man = manifest(title.strip(), exercises)
    datafiles.validate(man, MANIFEST_SCHEMA, instructor / MANIFEST)
    nb = student_notebook(man, exercises)
    try:
        student.mkdir(parents=True, exist_ok=True)
        instructor.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, student / f"{man['assignment_id']}.ipynb")
        handout.write(exercises, man["assignment_id"], student)
        (instructor / MANIFEST).write_text(json.dumps(man, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (instructor / KEY).write_text(
            json.dumps(key(exercises, man["assignment_id"]), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise AssignError(f"{out}: cannot be written ({exc.strerror})") from None
    return man
