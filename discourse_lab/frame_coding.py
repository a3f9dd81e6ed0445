"""Coding a text with the five generic news frames, and scoring the coding.

Semetko and Valkenburg (2000) measured five generic frames (attribution of responsibility,
conflict, human interest, economic consequences, morality) by asking 20 yes/no questions of each
story: 5, 4, 5, 3 and 3 of them. The questions here are the course's own wording, kept in
``data/lexicons/framing-cues.yml`` (each frame's ``questions``); a question's id is the frame id
and its number, ``conflict-3``. A *coding* is one coder's answers, ``{question id: yes/no}``.

:func:`score` turns a coding into one :class:`FrameScore` per frame: the share of the frame's
questions answered yes, from 0 to 1. That is a classroom summary, not the study's measurement
procedure (which this module does not reproduce), and a score is a property of a coding — of
a reader's judgements — not of the text. :func:`course_coding` loads the course team's coding
of a source (``data/sources/<slug>/frame-coding.yml``, with evidence and a rationale per
answer); :func:`answers_from_store` reads a student's answers to the bank's coding exercise
from the local answer store, so a notebook can put the two side by side.

What this cannot do: code a text. A frame question is a judgement about the whole text; the cue
lists of ``framing-cues.yml`` (see :mod:`discourse_lab.framing`) only point at where to look.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from . import datafiles, lexicons
from .errors import DataFileError, DiscourseLabError
from .figures import EDGE, HATCHES, PALETTE, figure_and_axes, phone_text_pt
from .paths import SOURCES_DIR
from .sources import SEED_SLUG

# The bank exercise in which students answer every question (a matching exercise whose items are
# the question ids and whose targets are these two ids).
CODING_EXERCISE = "ch04-framing-code-frames"
YES, NO = "yes", "no"
CODING_FILE = "frame-coding.yml"


class CodingError(DiscourseLabError):
    """A coding names an unknown question or gives an answer that is not yes or no."""


@dataclass(frozen=True)
class Question:
    id: str  # "<frame id>-<n>"
    frame: str  # frame id, e.g. "conflict"
    number: int  # 1-based, in the frame's order
    text: str


@dataclass(frozen=True)
class FrameScore:
    frame: str
    label: str
    yes: int  # questions answered yes
    answered: int  # questions answered at all
    questions: int  # questions the frame has

    @property
    def score(self) -> float:
        """Share of the frame's questions answered yes (an unanswered question counts as no)."""
        return self.yes / self.questions

    @property
    def complete(self) -> bool:
        return self.answered == self.questions


@dataclass(frozen=True)
class Answer:
    question: str
    answer: bool
    sentences: tuple[str, ...]
    rationale: str
    judgement_call: bool = False


@dataclass(frozen=True)
class Coding:
    """A coder's answers to every question for one source, with evidence and rationales."""

    source: str
    coder: str
    entries: tuple[Answer, ...]

    @property
    def answers(self) -> dict[str, bool]:
        return {a.question: a.answer for a in self.entries}

    def entry(self, question_id: str) -> Answer:
        for a in self.entries:
            if a.question == question_id:
                return a
        raise KeyError(question_id)


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """Every generic-frame question, frame by frame in the lexicon's order."""
    out = []
    for frame in lexicons.generic_frames().categories:
        for n, text in enumerate(frame.get("questions", ()), start=1):
            out.append(Question(f"{frame.id}-{n}", frame.id, n, text))
    return tuple(out)


def question(question_id: str) -> Question:
    for q in questions():
        if q.id == question_id:
            return q
    raise CodingError(f"no frame question '{question_id}' (ids look like 'conflict-3')")


def _as_bool(question_id: str, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in (YES, NO):
        return value.strip().lower() == YES
    raise CodingError(f"answer to {question_id} must be yes or no (True/False), not {value!r}")


def normalise(answers: Mapping[str, object]) -> dict[str, bool]:
    """A coding as ``{question id: bool}``; accepts True/False or "yes"/"no"; rejects unknown ids."""
    known = {q.id for q in questions()}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise CodingError(f"unknown question id(s): {', '.join(unknown)} (ids look like 'conflict-3')")
    return {qid: _as_bool(qid, value) for qid, value in answers.items()}


def score(answers: Mapping[str, object]) -> list[FrameScore]:
    """One :class:`FrameScore` per generic frame, in the lexicon's order."""
    coded = normalise(answers)
    out = []
    for frame in lexicons.generic_frames().categories:
        ids = [q.id for q in questions() if q.frame == frame.id]
        out.append(
            FrameScore(
                frame=frame.id,
                label=frame.label,
                yes=sum(1 for qid in ids if coded.get(qid) is True),
                answered=sum(1 for qid in ids if qid in coded),
                questions=len(ids),
            )
        )
    return out


def course_coding(slug: str = SEED_SLUG, root: Path = SOURCES_DIR) -> Coding:
    """The course team's coding of a source, checked: every question answered exactly once,
    and every sentence id a sentence of the source."""
    from .sources import load_source

    source = load_source(slug, root)
    path = source.folder / CODING_FILE
    data = datafiles.load(path, "frame-coding.schema.json")
    seen = [a["question"] for a in data["answers"]]
    try:
        normalise({qid: True for qid in seen})
    except CodingError as exc:
        raise DataFileError(path, str(exc)) from None
    missing = [q.id for q in questions() if q.id not in seen]
    twice = sorted({qid for qid in seen if seen.count(qid) > 1})
    if missing or twice:
        raise DataFileError(path, f"every question once: missing {missing or 'none'}, repeated {twice or 'none'}")
    known = {s.id for s in source.document.sentences}
    for a in data["answers"]:
        bad = [sid for sid in a.get("sentences", []) if sid not in known]
        if bad:
            raise DataFileError(path, f"{a['question']}: no sentence {', '.join(bad)} in {slug}")
    entries = tuple(
        Answer(
            a["question"],
            a["answer"],
            tuple(a.get("sentences", ())),
            " ".join(a["rationale"].split()),
            a.get("judgement_call", False),
        )
        for a in data["answers"]
    )
    return Coding(data["source"], data["coder"], entries)


def answers_from_store(exercise_id: str = CODING_EXERCISE, store=None) -> dict[str, bool]:
    """A student's answers to the coding exercise, from the local answer store ({} if none).

    In the book build (``DISCOURSE_LAB_STATIC=1``) this is always empty, so that the built page
    never depends on the answers of whoever built it.
    """
    from .exercises.display import static_build
    from .exercises.store import AnswerStore, default_store

    if static_build():
        return {}
    if store is None:
        store = default_store()
    elif not isinstance(store, AnswerStore):
        store = AnswerStore(store)
    entry = store.entry(exercise_id) or {}
    answer = entry.get("answer") or {}
    if not isinstance(answer, dict):
        return {}
    return normalise({qid: value for qid, value in answer.items() if value in (YES, NO)})


def table_html(codings: Mapping[str, Mapping[str, object]], caption: str = ""):
    """The frame scores of one or more codings (``{coder name: answers}``) as an HTML table."""
    from markupsafe import Markup

    from .tables import table_html as build

    scored = {name: score(answers) for name, answers in codings.items()}
    rows = []
    for i, frame in enumerate(lexicons.generic_frames().categories):
        row = [frame.label]
        for scores in scored.values():
            s = scores[i]
            note = "" if s.complete else f" ({s.answered} of {s.questions} answered)"
            row.append(Markup("{:.2f} <small>{} of {} yes{}</small>").format(s.score, s.yes, s.questions, note))
        rows.append(row)
    return build(["frame", *scored], rows, caption, "dl-frame-scores")


def coding_html(coding: Coding, frame: str | None = None, caption: str = ""):
    """The questions with a coding's answers, evidence and rationales (one frame, or all)."""
    from markupsafe import Markup

    from .tables import table_html as build

    rows = []
    for q in questions():
        if frame is not None and q.frame != frame:
            continue
        a = coding.entry(q.id)
        verdict = Markup("<strong>{}</strong>").format("yes" if a.answer else "no")
        if a.judgement_call:
            verdict += Markup("<br><small>judgement call</small>")
        rows.append(
            (Markup("<code>{}</code>").format(q.id), q.text, verdict, ", ".join(a.sentences) or "\u2014", a.rationale)
        )
    return build(["id", "question", "answer", "sentences", "why"], rows, caption, "dl-frame-coding")


# Each coder's bars get a colour of the one palette (colour-blind safe) and their own hatch, so
# they are told apart without colour; the first coder's bars are plain.
CODER_COLOURS = tuple(PALETTE[i] for i in (4, 0, 2, 6, 1))
CODER_HATCHES = ("", *HATCHES[:4])


def frame_scores_figure(codings: Mapping[str, Mapping[str, object]], title: str = "Generic-frame scores"):
    """Horizontal bars of each coding's frame scores; returns ``(fig, alt_text)``."""
    scored = {name: score(answers) for name, answers in codings.items()}
    frames = lexicons.generic_frames().categories
    n = max(1, len(scored))
    height = 0.8 / n
    fig, ax = figure_and_axes(5.6, 0.6 * len(frames) * max(1.0, n * 0.7) + 1.2)
    text = phone_text_pt(5.6)  # readable in a phone's column (figures.MIN_TEXT_PX)
    for k, (name, scores) in enumerate(scored.items()):
        ys = [len(frames) - 1 - i + (n - 1 - 2 * k) * height / 2 for i in range(len(frames))]
        bars = ax.barh(
            ys,
            [s.score for s in scores],
            height=height * 0.95,
            color=CODER_COLOURS[k % len(CODER_COLOURS)],
            hatch=CODER_HATCHES[k % len(CODER_HATCHES)],
            edgecolor=EDGE,
            linewidth=0.6,
            label=name,
        )
        for bar, s in zip(bars, scores):
            ax.text(
                bar.get_width() + 0.015,
                bar.get_y() + bar.get_height() / 2,
                f"{s.yes}/{s.questions}",
                va="center",
                fontsize=text,
            )
    ax.set_yticks(range(len(frames)), [textwrap.fill(f.label, 16) for f in reversed(frames)], fontsize=text)
    ax.tick_params(labelsize=text)
    ax.set_xlim(0, 1.12)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("share of the frame's questions answered yes", fontsize=text)
    ax.set_title(title, fontsize=text + 1)
    ax.spines[["top", "right"]].set_visible(False)
    if n > 1:
        ax.legend(frameon=False, fontsize=text, loc="lower right")
    fig.tight_layout()
    parts = []
    for name, scores in scored.items():
        listed = "; ".join(f"{s.label} {s.yes} of {s.questions}" for s in scores)
        parts.append(f"{name}: {listed}")
    alt = f"Bar chart of generic-frame scores, the share of each frame's yes/no questions answered yes. {'. '.join(parts)}."
    return fig, alt


def frame_hints_figure(analysis, title: str = "Words the toolkit's lists tie to each generic frame"):
    """Horizontal bars: how many of the toolkit's frame cue words (``framing-cues.yml``) occur in
    the text for each generic frame, with the words named. Returns ``(fig, alt)``.

    A count of words, not a coding: the bars say where a coder might look, never whether a frame
    is there (a war named "the conflict" shows no one disagreeing), so a lesson can show it beside
    a student's coding without giving the coding away."""
    from collections import Counter

    frames = lexicons.generic_frames().categories
    found: dict[str, list[str]] = {}
    for hint in analysis.framing["hints"]:
        if hint["kind"] == "frame":
            found.setdefault(hint["label"], []).append(hint["text"].lower())
    counts = {f.id: len(found.get(f.id, [])) for f in frames}
    import textwrap

    fig, ax = figure_and_axes(5.6, 0.9 * len(frames) + 1.4)
    text = phone_text_pt(5.6)  # readable in a phone's column (figures.MIN_TEXT_PX)
    for i, frame in enumerate(frames):
        ax.barh(i, counts[frame.id], color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)], edgecolor=EDGE)
        words = ", ".join(f"{w} \u00d7{n}" if n > 1 else w for w, n in Counter(found.get(frame.id, [])).items())
        ax.text(counts[frame.id] + 0.2, i, textwrap.fill(words or "none", 24), va="center", fontsize=text)
    ax.set_yticks(range(len(frames)), [textwrap.fill(f.label, 16) for f in frames], fontsize=text)
    ax.tick_params(labelsize=text)
    ax.invert_yaxis()
    ax.set_xlim(0, max([1, *counts.values()]) * 3.2)
    ax.set_xlabel("cue words found\n(a hint, not a frame score)", fontsize=text)
    ax.set_title(title, fontsize=text + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    listed = "; ".join(
        f"{f.label} {counts[f.id]}" + (f" ({', '.join(dict.fromkeys(found[f.id]))})" if counts[f.id] else "")
        for f in frames
    )
    alt = f"Bar chart of the toolkit's frame cue words found in the text, per generic frame: {listed}."
    return fig, alt
