"""The student edition of the book, in one place: what differs from the instructor edition, and the
check that no key reached the site.

The default build (``make book``) is the instructor edition. ``scripts/build_student_edition.py``
(``make student-book [MODE=self-check]``) builds the student edition with what this module gives:

* :func:`environment`: the variables its kernels inherit (``DISCOURSE_LAB_EDITION=student``, the
  exercise mode, the self-check salt; :mod:`discourse_lab.settings`). In those kernels
  :func:`edition_mode` and :func:`edition_salt` tell ``exercises.display`` how to show an exercise:
  ``graded`` shows every exercise graded, ``self-check`` keeps the cell's mode and checks answers
  against salted digests, never the key (:mod:`discourse_lab.exercises.check`).
* :func:`student_config`, :func:`student_toc`: ``_config.yml`` without copied sources, download
  and launch buttons; ``_toc.yml`` without the "For instructors" part.
* :func:`setup`, a Sphinx extension (listed in ``_config.yml``): in the student edition it drops
  material marked ``instructor-only`` before the search index is built. A code cell tagged
  ``instructor-only`` (myst-nb marks its container ``tag_instructor-only``), or prose inside an
  admonition with ``:class: instructor-only`` (markdown cells carry no tags into the page; an
  admonition rather than a ``{container}``, since jupyterlab-myst renders admonitions).
* :func:`edition_stamp`: the mode and salt kept with a build folder's cache, which starts the folder
  afresh when they change.
* :func:`leaks`: every file of the built site searched for every exercise's secret strings (as
  written, JSON- or HTML-escaped, and their quote-free runs of :data:`FRAGMENT` characters or more,
  less the text every edition shows on purpose, :func:`shown_text`) and for spec ``"key"`` members.

``import discourse_lab.book.student_edition`` needs neither Sphinx nor docutils (a student's kernel
imports it through ``exercises.display``); the Sphinx part imports docutils when it runs.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

from .. import settings

MODES = ("graded", "self-check")
STUDENT = "student"
INSTRUCTOR_CAPTION = "For instructors"  # the _toc.yml part the student edition leaves out
MARKERS = {"tag_instructor-only", "instructor-only"}  # a tagged code cell; a prose admonition
QUOTES = re.compile(r"[\"'<>&\u201c\u201d\u2018\u2019\\]")
FRAGMENT = 25  # characters: a quote-free run this long is distinctive


# ------------------------------------------------------------------ in the kernels of a build


def is_student_edition() -> bool:
    return settings.edition() == STUDENT


def edition_mode(mode: str) -> str:
    """The mode to show an exercise in: the student edition may override the cell's ``mode``.

    ``graded`` renders every exercise graded; ``self-check`` keeps the cell's mode (an exercise a
    lesson shows in graded mode stays graded) and checks answers without the key (:func:`edition_salt`).
    """
    if not is_student_edition():
        return mode
    chosen = settings.exercise_mode()
    if chosen == "graded":
        return chosen
    if chosen == "self-check":
        return mode
    raise ValueError(f"the student edition shows exercises in graded or self-check mode, not {chosen!r}")


def edition_salt() -> str | None:
    """The salt of the student edition's self-check pages; None in any other build.

    Those pages check answers against salted digests, never the key, so a self-check student
    edition without a salt is refused rather than rendered with the key.
    """
    if not is_student_edition() or settings.exercise_mode() != "self-check":
        return None
    salt = settings.check_salt()
    if not salt:
        raise ValueError(
            f"the student edition's self-check needs {settings.CHECK_SALT} (scripts/build_student_edition.py sets it)"
        )
    return salt


def environment(mode: str, salt: str | None) -> dict[str, str | None]:
    """The variables a student-edition build sets for its kernels (None: unset)."""
    if mode not in MODES:
        raise ValueError(f"the student edition offers {' or '.join(MODES)}, not {mode!r}")
    return {settings.EDITION: STUDENT, settings.EXERCISE_MODE: mode, settings.CHECK_SALT: salt}


# ------------------------------------------------------------------ the book's configuration


def student_config(base: dict) -> dict:
    """``_config.yml`` for the student edition: no copied sources, download or launch buttons (they
    open the repository's notebooks, which run the exercises with their keys)."""
    config = copy.deepcopy(base)
    config["title"] = f"{config.get('title', 'Discourse Lab')} (student edition)"
    sphinx = config.setdefault("sphinx", {})
    sphinx["recursive_update"] = True  # merge the theme options below into jupyter-book's own
    extra = sphinx.setdefault("config", {})
    extra["html_copy_source"] = False
    extra["html_show_sourcelink"] = False
    extra.setdefault("html_theme_options", {})["use_download_button"] = False
    if "sphinx_exercise" in (sphinx.get("extra_extensions") or []):
        extra["hide_solutions"] = True
    launch = config.setdefault("launch_buttons", {})
    for name in ("binderhub_url", "jupyterhub_url", "colab_url"):
        launch[name] = ""
    launch["thebe"] = False
    return config


def student_toc(base: dict) -> dict:
    """``_toc.yml`` without the part for instructors."""
    toc = copy.deepcopy(base)
    toc["parts"] = [p for p in toc.get("parts", []) if p.get("caption") != INSTRUCTOR_CAPTION]
    return toc


def edition_stamp(work: Path, mode: str, salt: str | None) -> dict:
    """The edition, mode and salt of a build in ``work``; starts the folder afresh if they differ
    from the cached pages' (the cache holds rendered exercises, so their mode and salt)."""
    from ..exercises.check import new_salt

    path = work / "edition.json"
    try:
        previous = json.loads(path.read_text())
    except (OSError, ValueError):
        previous = {}
    if mode == "self-check":
        salt = salt or (previous.get("salt") if previous.get("mode") == mode else None) or new_salt()
    stamp = {"edition": STUDENT, "mode": mode, "salt": salt if mode == "self-check" else None}
    if {k: previous.get(k) for k in stamp} != stamp:
        # Not only the cache: Sphinx re-reads only notebooks whose file changed, so with its
        # environment (.doctrees) kept, pages of the other mode or salt would be published again.
        for name in (".jupyter_cache", ".doctrees", "jupyter_execute", "html"):
            shutil.rmtree(work / name, ignore_errors=True)
    path.write_text(json.dumps(stamp))
    return stamp


# ------------------------------------------------------------------ Sphinx: drop instructor-only material


def drop_instructor_material(app: Any, doctree: Any) -> None:
    """``doctree-read``: in the student edition, remove every node marked instructor-only."""
    if not is_student_edition():
        return
    from docutils import nodes

    for node in list(doctree.findall(nodes.Element)):
        if MARKERS & set(node.get("classes", [])) and node.parent is not None:
            node.parent.remove(node)


def setup(app: Any) -> dict:
    app.connect("doctree-read", drop_instructor_material)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# ------------------------------------------------------------------ the leak check of a built site


def secrets() -> dict[str, list[str]]:
    """Exercise id -> every text that reveals its key, for the whole bank."""
    from ..exercises import catalogue

    return {e.id: [s for s in e.secret_strings() if s.strip()] for e in catalogue.bank()}


def shown_text() -> str:
    """Text every edition shows on purpose: the source articles and the cited excerpts of other
    outlets' coverage (coverage.yml). A secret's run that quotes them is no leak."""
    import yaml

    from ..paths import SOURCES_DIR

    shown = [p.read_text(encoding="utf-8") for p in sorted(SOURCES_DIR.glob("*/article.txt"))]
    for path in sorted(SOURCES_DIR.glob("*/coverage.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        shown += [e.get("text", "") for e in data.get("excerpts", [])]
    return " ".join(shown)


def fragments(secret: str, shown: str) -> set[str]:
    """The quote-free runs of a secret long enough to be distinctive (they survive any escaping),
    less those that quote what every edition shows (``shown``, from :func:`shown_text`)."""
    runs = (run.strip() for run in QUOTES.split(secret))
    return {run for run in runs if len(run) >= FRAGMENT and run not in shown}


def secret_forms(secret: str, shown: str) -> set[str]:
    """A secret as a file could hold it: raw, JSON-escaped (a spec, the search index), HTML-escaped
    (html.escape and markupsafe differ on quotes), and its distinctive :func:`fragments`."""
    from markupsafe import escape

    from ..exercises.static import spec_json

    forms = {secret, json.dumps(secret)[1:-1], spec_json(secret)[1:-1], html.escape(secret), str(escape(secret))}
    return forms | fragments(secret, shown)


def leaks(site: Path) -> list[str]:
    """Every (file, exercise, secret) hit in the built site, and every spec that carries a key."""
    found = []
    shown = shown_text()
    table = {
        ex_id: [(secret, secret_forms(secret, shown)) for secret in strings] for ex_id, strings in secrets().items()
    }
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for ex_id, entries in table.items():
            for secret, forms in entries:
                if any(form in text for form in forms):
                    found.append(f"{path.relative_to(site)}: reveals {ex_id}: {secret[:50]!r}")
        if '"key":{' in text or '"key": {' in text:
            found.append(f"{path.relative_to(site)}: an exercise spec carries its key")
    return found
