"""The marking desk: a notebook widget to mark free-text answers one question at a time.

Run in a notebook (JupyterLab or Notebook 7) in the instructor's copy of the course::

    from discourse_lab.course.desk import Desk
    Desk("week2/instructor", "submissions/", marks="week2/marks.json")

It shows one judgement item at a time and, for it, the answer of every student whose submission
counts (read and checked exactly as ``discourse-lab grade`` reads them; nothing in a submission is
run). Students are anonymised as "Student 1" … "Student n", in an order fixed by the assignment and
the student ids (the same every time the desk opens; the same student has the same number on every
item); *Show student ids* names them.

For each answer: the rubric items as checkboxes with their points (ticked items add up to the
mark), a points box to give other points (say why in the comment), a comment, and the comments
given so far on this item to pick again. The keys, while the desk has the focus (click it once):

====================  ==============================================
j, ↓ or →             next answer
k, ↑ or ←             previous answer
n                     next answer not yet marked
1 – 9                 tick (or untick) rubric item 1 – 9
0                     no rubric item met: 0 points
c                     write the comment (Esc leaves the comment box)
] and [               next and previous item
====================  ==============================================

Keys pressed in the desk never reach the notebook (no "d d" deleting a cell). Every change is saved
at once to the marks file (:mod:`.marks`: atomic, under a lock, with a ``.bak`` of the previous
version), and the desk says "Saved". If the kernel does not reply (restarted, stopped), the desk says
so and keeps the change in the browser; running the cell again saves it. A mark is tied to the
answer it judged: when another answer counts for that student (a resubmission), the desk shows the
old mark as stale, and ``grade --manual MARKS`` does not apply it until the answer is marked again.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..errors import DiscourseLabError
from ..exercises import scoring
from . import grade, marks
from .marks import Mark

MAX_COMMENT = 5000  # characters, as the marks file's schema allows


class DeskError(DiscourseLabError):
    """The desk cannot open (bad assignment folder, unreadable marks file …)."""


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _digest(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode("utf-8")).hexdigest()


def counted_submissions(assignment_folder, submissions, bank=None) -> tuple[grade.Assignment, list]:
    """The assignment and every graded row that counts, read as ``discourse-lab grade`` reads them."""
    with tempfile.TemporaryDirectory(prefix="dl-desk-") as tmp:
        report = grade.grade(assignment_folder, list(submissions), Path(tmp) / "gradebook.csv", bank=bank)
    assignment = getattr(report, "assignment", None) or grade.load_assignment(assignment_folder, bank)
    rows = [g for g in report.graded if not g.rejected and getattr(g, "counts", True)]
    return assignment, rows


class Desk(anywidget.AnyWidget):
    """Grade-by-question marking of an assignment's free-text answers (see the module docstring)."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    # The judgement items: {id, title, prompt, points, rubric: [{text, points}], model_answer}.
    items = traitlets.List(traitlets.Dict()).tag(sync=True)
    # item id -> the answers, in the desk's order: {token, label, student ("" unless shown), answer, digest, words}.
    rows = traitlets.Dict().tag(sync=True)
    # "<item id>|<token>" -> the saved mark: {rubric, points, comment, updated, digest, stale}.
    marks = traitlets.Dict().tag(sync=True)
    show_ids = traitlets.Bool(False).tag(sync=True)
    # The browser sets edit ({seq, item, token, digest, rubric, points, comment}); Python answers in ack.
    edit = traitlets.Dict().tag(sync=True)
    ack = traitlets.Dict().tag(sync=True)
    notice = traitlets.Unicode("").tag(sync=True)
    marks_file = traitlets.Unicode("").tag(sync=True)
    # Which marks file (a digest of its path): the browser keeps unsaved changes under this key.
    store_key = traitlets.Unicode("").tag(sync=True)
    reply_timeout_ms = traitlets.Int(5000).tag(sync=True)

    def __repr__(self) -> str:
        return "Marking desk: run this cell (Run \u2192 Run All Cells) to mark here."

    def __init__(
        self,
        assignment_dir: Path | str,
        *submissions: Path | str,
        marks: Path | str | None = None,
        bank: Path | str | None = None,
        show_ids: bool = False,
        **kwargs: Any,
    ):
        if not submissions:
            raise DeskError("give the submission files or folders to mark: Desk(assignment_dir, 'submissions/', ...)")
        assignment, counted = counted_submissions(assignment_dir, submissions, bank)
        self.assignment = assignment
        self.path = Path(marks) if marks is not None else Path(assignment_dir) / "marks.json"
        if self.path.suffix.lower() != ".json":
            raise DeskError(
                f"{self.path}: marks= takes the desk's marks file, a .json (a manual-scores sheet goes to grade --manual)"
            )
        self._exercises = {e.id: e for e in assignment.exercises if not e.objective}
        if not self._exercises:
            raise DeskError(f"assignment {assignment.id} has no judgement items to mark by hand")
        saved = self._read()
        order = sorted(counted, key=lambda g: _digest("order", assignment.id, g.student_id.lower()))
        self._students = {_digest("token", assignment.id, g.student_id.lower())[:12]: g for g in order}
        self._labels = {token: f"Student {n}" for n, token in enumerate(self._students, 1)}
        self._marks = saved
        super().__init__(
            _esm=asset("dl-desk.js"),
            _css=asset("dl-desk.css"),
            title=assignment.title,
            items=[self._item(e) for e in self._exercises.values()],
            show_ids=show_ids,
            marks_file=str(self.path),
            store_key=_digest(str(self.path.resolve()))[:16],
            **kwargs,
        )
        self._refresh_rows()
        self._refresh_marks()
        self.observe(self._on_edit, names="edit")
        self.observe(lambda _: self._refresh_rows(), names="show_ids")

    # ------------------------------------------------------------------ reading

    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        try:
            return dict(marks.read_marks(self.path, self.assignment))
        except DiscourseLabError as exc:  # never write over a marks file we cannot read
            raise DeskError(f"{exc}; the desk will not write over it (fix it, or give another marks= file)") from None

    @staticmethod
    def _item(ex) -> dict:
        return {
            "id": ex.id,
            "title": ex.title,
            "prompt": ex.prompt,
            "points": ex.points,
            "rubric": [{"text": t, "points": scoring.round_points(p)} for t, p in ex.rubric],
            "model_answer": ex.data.get("model_answer", ""),
        }

    def _answers(self):
        """(item id, token, graded row, answer) for every answer on the desk."""
        for ex_id in self._exercises:
            for token, g in self._students.items():
                if ex_id in g.answers:
                    yield ex_id, token, g, g.answers[ex_id]

    def _refresh_rows(self) -> None:
        rows: dict[str, list] = {ex_id: [] for ex_id in self._exercises}
        for ex_id, token, g, answer in self._answers():
            rows[ex_id].append(
                {
                    "token": token,
                    "label": self._labels[token],
                    "student": g.student_id if self.show_ids else "",
                    "answer": answer,
                    "digest": marks.answer_digest(answer),
                    "words": len(str(answer).split()),
                }
            )
        self.rows = rows

    def _refresh_marks(self) -> None:
        state = {}
        for ex_id, token, g, answer in self._answers():
            mark = self._marks.get((g.student_id.lower(), ex_id))
            if mark is None:
                continue
            state[f"{ex_id}|{token}"] = {
                "rubric": list(mark.rubric),
                "points": mark.points,
                "comment": mark.comment,
                "updated": mark.updated,
                "digest": mark.digest,
                "stale": mark.digest != marks.answer_digest(answer),
            }
        self.marks = state

    # ------------------------------------------------------------------ marking

    def progress(self) -> dict[str, tuple[int, int]]:
        """item id -> (answers marked, answers on the desk); stale marks do not count as marked."""
        out = {ex_id: [0, 0] for ex_id in self._exercises}
        for ex_id, _token, g, answer in self._answers():
            out[ex_id][1] += 1
            mark = self._marks.get((g.student_id.lower(), ex_id))
            if mark and mark.points is not None and mark.digest == marks.answer_digest(answer):
                out[ex_id][0] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def _on_edit(self, change: dict) -> None:
        edit = change["new"] or {}
        seq = edit.get("seq")
        try:
            mark = self._mark_from(edit)
            marks.save_marks(self.path, [mark], self.assignment.id)
        except (DiscourseLabError, OSError, ValueError, TypeError, KeyError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.ack = {"seq": seq, "ok": False, "error": f"not saved: {reason}"}
            return
        if mark.empty:
            self._marks.pop(mark.key, None)
        else:
            self._marks[mark.key] = mark
        with self.hold_sync():
            self._refresh_marks()
            self.ack = {"seq": seq, "ok": True, "updated": mark.updated}

    # Mark, not marks.Mark: in this class's body `marks` names the synced trait, not the module.
    def _mark_from(self, edit: dict) -> Mark:
        ex = self._exercises.get(edit.get("item", ""))
        g = self._students.get(edit.get("token", ""))
        if ex is None or g is None or ex.id not in g.answers:
            raise DeskError("this answer is not on the desk (run the cell again)")
        digest = marks.answer_digest(g.answers[ex.id])
        if edit.get("digest") != digest:
            raise DeskError("this student's answer changed since the desk was drawn; run the cell again")
        rubric = tuple(sorted({int(i) for i in edit.get("rubric") or []}))
        points = edit.get("points")
        if points is not None:
            points = float(points)
        elif rubric and max(rubric) <= len(ex.rubric):
            points = marks.ticked_points(ex, rubric)
        comment = str(edit.get("comment") or "")[:MAX_COMMENT].strip()
        mark = marks.Mark(g.student_id, ex.id, digest, points, rubric, comment, marks.now())
        problem = marks.check_mark(ex, mark)
        if problem:
            raise DeskError(problem)
        return mark
