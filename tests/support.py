"""Helpers shared by the tests (import with ``from support import …``; ``tests/`` is on pytest's
``pythonpath``): the repository root, a quiet local web server, and a page recorder for Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from scripts.local_server import serve

if TYPE_CHECKING:
    from bs4 import Tag

ROOT = Path(__file__).resolve().parent.parent
__all__ = [
    "ROOT",
    "MARKER_OF_FIXTURE",
    "attr",
    "PageRecorder",
    "is_local",
    "markers_from_fixtures",
    "serve",
    "make_assignment",
    "submission",
    "toc_files",
]


def attr(tag: Tag, name: str, default: str | None = None) -> str:
    """A single-valued attribute of ``tag`` (href, src, alt, style) as text, as ``tag[name]`` reads it:
    KeyError when it is missing, unless a ``default`` is given. bs4 types every attribute as text or a
    list of words (class and rel are lists: read those with ``tag.get_attribute_list``)."""
    value = tag.get(name, default)
    if value is None:
        raise KeyError(f"<{tag.name}> has no {name} attribute")
    assert isinstance(value, str), f"<{tag.name} {name}> holds a list of values, not one"
    return value


def toc_files() -> list[str]:
    """The book's pages in table-of-contents order (``_toc.yml``: the root, then each part's chapters)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]


# Fixture name -> the marker every test that uses it gets.
MARKER_OF_FIXTURE = {
    "book_build": "book",
    "built_book": "book",
    "served_book": "book",
    "browser": "browser",
    "page": "browser",
    "jupyter_server": "live",
    "lab": "live",
    "jupyterhub": "live",  # tests/live/test_hub.py: a real JupyterHub and its users' servers
}


def direct_parameters(item) -> set[str]:
    """Argument names given by ``@pytest.mark.parametrize`` (not fixtures, whatever their name)."""
    names: set[str] = set()
    for mark in item.iter_markers("parametrize"):
        if not mark.kwargs.get("indirect"):
            argnames = mark.args[0]
            names |= {a.strip() for a in argnames.split(",")} if isinstance(argnames, str) else set(argnames)
    return names


def markers_from_fixtures(item) -> set[str]:
    used = set(getattr(item, "fixturenames", ())) - direct_parameters(item)
    return {MARKER_OF_FIXTURE[name] for name in used if name in MARKER_OF_FIXTURE}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"


class PageRecorder:
    """A page whose outside requests are blocked, with the console errors and failures it saw."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        # A 404 is a response, not a failed request: record those too.
        self.page.on(
            "response", lambda res: self.failed.append(f"{res.url} (HTTP {res.status})") if res.status >= 400 else None
        )
        context.route("**/*", self._route)

    def _route(self, route):
        if is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


# ---------------------------------------------------------------------- a small assignment to mark (marks, desk)


LEFT_OUT, CLOSE, DATELINE = "ch01-source-left-out", "ch01-source-neutral-close", "ch01-source-dateline"
ANSWERS = {
    "s001": {
        LEFT_OUT: "TASS reported no pause in fighting during talks.",
        CLOSE: "The interview set out Russia's positions.",
    },
    "s002": {LEFT_OUT: "Nothing is missing.", CLOSE: "Lavrov gave an interview."},
    "s003": {LEFT_OUT: "The new regions claim was reported by TASS.", DATELINE: "b"},
}


def make_assignment(out: Path) -> tuple[Path, str]:
    """An assignment of one objective and two judgement items of chapter 1, written to ``out``."""
    from discourse_lab.course import assign
    from discourse_lab.exercises import catalogue

    exercises = [catalogue.get(i) for i in (DATELINE, LEFT_OUT, CLOSE)]
    manifest = assign.assign(exercises, "Marking week", out, allow_public=True)
    return out / "instructor", manifest["assignment_id"]


def submission(path: Path, sid: str, aid: str, answers: dict, created: str = "2027-02-01T10:00:00Z") -> Path:
    """A submission file as the export box writes it: ``answers`` in the bank's ids, written in the
    handout's shuffled ids, which the student's widget saves (course/shuffle.py)."""
    import json

    from discourse_lab.course import shuffle
    from discourse_lab.exercises import catalogue

    entries = {}
    for ex_id, answer in answers.items():
        ex = catalogue.get(ex_id)
        entries[ex_id] = {
            "exercise_version": ex.version,
            "type": ex.type,
            "answer": shuffle.handout_answer(ex.type, shuffle.handout_exercise(ex, aid)[1], answer),
            "attempts": 1,
            "first_answered": created,
            "last_answered": created,
        }
    data = {
        "format": "discourse-lab-submission",
        "format_version": 1,
        "student_id": sid,
        "assignment_id": aid,
        "created": created,
        "answers": entries,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
