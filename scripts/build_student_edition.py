#!/usr/bin/env python3
"""Build the student edition of the book: no answer key, model answer or rubric anywhere in the site.

    python -m scripts.build_student_edition                      # graded, into _build/student/_build/html
    python -m scripts.build_student_edition --mode self-check    # self-check without the key
    python -m scripts.build_student_edition --out DIR            # into DIR/_build/html

The default build (``make book``) stays the instructor edition. This one differs in:

* **Exercises**, in the mode the instructor chooses (``DISCOURSE_LAB_EDITION=student`` and
  ``DISCOURSE_LAB_EXERCISE_MODE``, read by ``discourse_lab.exercises.display``). No exercise spec
  on any page carries a ``key`` member: no answer, option feedback, explanation, model answer or
  rubric.

  - ``--mode graded`` (default): every ``show(...)`` renders in graded mode. Students answer, the
    page says the answer is saved, and they export a submission for their instructor.
  - ``--mode self-check``: each exercise keeps the mode its lesson gives it (the one a lesson shows
    in graded mode stays graded). Instead of the key, a checkable exercise carries a ``check``
    member: salted SHA-256 digests of the normalised right answer (salt: one random value per
    build, ``DISCOURSE_LAB_CHECK_SALT``, plus the exercise id), which the browser compares with
    the digest of the student's answer (``crypto.subtle.digest``; :mod:`discourse_lab.exercises.check`).
    It says *Correct* / *Not quite* for choice, multi (the whole selection) and ordering (the
    whole order: per-position digests would make the order trivially recoverable), and which
    sentences or pairs are right for tagging and matching, with points where the digests
    determine them (choice, tagging, matching, or a right answer). Where ``crypto.subtle`` is
    missing (plain http on a remote host) the page says checking needs a secure context and
    still saves the answer.

    What cannot be checked that way renders as in graded mode (answer saved, "your instructor
    will review it"): span (partial credit by token overlap needs the key tokens), short_text
    and rewrite (model answers and rubrics; a rewrite still shows its bias-indicator counts,
    which need no key). The explanation and the option or item feedback are in no page in
    either mode, since they would reveal the key; a self-check student learns whether an answer
    is right, not why. Any answer can be found by trying candidates against the digests, as by
    pressing *Check* (four options, or 120 orders of five items): what the digests keep out of
    the site is the key and every text that explains it.
* **Copied sources and downloads**: ``html_copy_source: false`` (no ``_sources/``), the theme's
  download button off, and the Binder/JupyterHub/Colab buttons off (they open the repository's
  notebooks, which run the exercises with their keys).
* **Pages**: the "For instructors" part of ``_toc.yml`` is left out (``--toc`` with a student
  table of contents); code cells tagged ``instructor-only`` are dropped
  (``discourse_lab.book.student_edition``); ``hide_solutions`` is set for sphinx-exercise should
  a chapter use it.
* **Check**: after the build every file of the site is searched for every exercise's secret
  strings (:meth:`Exercise.secret_strings`: as written, JSON- or HTML-escaped, and every
  quote-free run of 25 characters or more) and for spec ``"key"`` members; any hit fails the
  build, in both modes.

Each edition builds into its own folder with its own execution cache (``build_book.build``).
The self-check salt is kept with that cache (``edition.json``) so that every page of a build
carries the same one; ``--salt`` sets it (for a reproducible build), and a salt or mode other than
the cached pages' starts the folder afresh (cache, Sphinx environment and site).
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

import yaml

from scripts import build_book

ROOT = Path(__file__).resolve().parent.parent

MODES = ("graded", "self-check")
INSTRUCTOR_CAPTION = "For instructors"


def student_config(base: dict) -> dict:
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
    toc = copy.deepcopy(base)
    toc["parts"] = [p for p in toc.get("parts", []) if p.get("caption") != INSTRUCTOR_CAPTION]
    return toc


def secrets() -> dict[str, list[str]]:
    """Exercise id -> every text that reveals its key, for the whole bank."""
    from discourse_lab.exercises import catalogue

    return {e.id: [s for s in e.secret_strings() if s.strip()] for e in catalogue.bank()}


QUOTES = re.compile(r"[\"'<>&\u201c\u201d\u2018\u2019\\]")
FRAGMENT = 25  # characters: a quote-free run this long is distinctive


def secret_forms(secret: str, articles: str) -> set[str]:
    """A secret as a file could hold it: raw, JSON-escaped (a spec, the search index), HTML-escaped
    (html.escape and markupsafe differ on quotes), and its quote-free runs, which survive any
    escaping (less those that quote a source article: every edition shows the article)."""
    from markupsafe import escape

    from discourse_lab.exercises.static import spec_json

    forms = {secret, json.dumps(secret)[1:-1], spec_json(secret)[1:-1], html.escape(secret), str(escape(secret))}
    runs = (run.strip() for run in QUOTES.split(secret))
    return forms | {run for run in runs if len(run) >= FRAGMENT and run not in articles}


def shown_text() -> str:
    """Text every edition shows on purpose: the source articles and the cited excerpts of other
    outlets' coverage (coverage.yml). A secret's run that quotes them is no leak."""
    import yaml

    sources = ROOT / "data" / "sources"
    shown = [p.read_text(encoding="utf-8") for p in sorted(sources.glob("*/article.txt"))]
    for path in sorted(sources.glob("*/coverage.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        shown += [e.get("text", "") for e in data.get("excerpts", [])]
    return " ".join(shown)


def leaks(site: Path) -> list[str]:
    """Every (file, exercise, secret) hit in the built site, and every spec that carries a key."""
    found = []
    articles = shown_text()
    table = {
        ex_id: [(secret, secret_forms(secret, articles)) for secret in strings] for ex_id, strings in secrets().items()
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


def edition_stamp(work: Path, mode: str, salt: str | None) -> dict:
    """The edition, mode and salt of this build; starts the folder afresh if they differ from the
    cached pages' (the cache holds rendered exercises, so their mode and salt)."""
    from discourse_lab.exercises.check import new_salt

    path = work / "edition.json"
    try:
        previous = json.loads(path.read_text())
    except (OSError, ValueError):
        previous = {}
    if mode == "self-check":
        salt = salt or (previous.get("salt") if previous.get("mode") == mode else None) or new_salt()
    stamp = {"edition": "student", "mode": mode, "salt": salt if mode == "self-check" else None}
    if {k: previous.get(k) for k in stamp} != stamp:
        # Not only the cache: Sphinx re-reads only notebooks whose file changed, so with its
        # environment (.doctrees) kept, pages of the other mode or salt would be published again.
        for name in (".jupyter_cache", ".doctrees", "jupyter_execute", "html"):
            shutil.rmtree(work / name, ignore_errors=True)
    path.write_text(json.dumps(stamp))
    return stamp


def set_environ(values: dict) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def build(out: Path, mode: str = "graded", salt: str | None = None) -> int:
    if mode not in MODES:
        raise SystemExit(f"build_student_edition: --mode {mode}: the student edition offers {' or '.join(MODES)}")
    if salt is not None and (mode != "self-check" or not salt.strip()):
        raise SystemExit("build_student_edition: --salt is for --mode self-check, and must not be empty")
    out = out.resolve()
    work = out / "_build"
    work.mkdir(parents=True, exist_ok=True)
    stamp = edition_stamp(work, mode, salt)
    config = work / "_config.student.yml"
    config.write_text(
        yaml.safe_dump(student_config(yaml.safe_load((ROOT / "_config.yml").read_text())), sort_keys=False)
    )
    toc = work / "_toc.student.yml"
    toc.write_text(yaml.safe_dump(student_toc(yaml.safe_load((ROOT / "_toc.yml").read_text())), sort_keys=False))
    edition = {
        "DISCOURSE_LAB_EDITION": "student",
        "DISCOURSE_LAB_EXERCISE_MODE": mode,
        "DISCOURSE_LAB_CHECK_SALT": stamp["salt"],
    }
    saved = {name: os.environ.get(name) for name in edition}
    try:  # the kernels inherit these; the calling process (a test session) gets its own back
        set_environ(edition)
        code = build_book.build(out, config, toc=toc)
    finally:
        set_environ(saved)
    if code:
        return code
    site = work / "html"
    found = leaks(site)
    for line in found:
        print(f"build_student_edition: LEAK {line}", file=sys.stderr)
    print(
        f"build_student_edition: {'FAILED' if found else 'ok'} ({mode}): {site} searched for the key strings of {len(secrets())} exercises"
    )
    return 1 if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "_build" / "student", help="folder that receives _build/html"
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="graded",
        help="how exercises behave (graded: answers saved, no key; self-check: checked against salted digests, no key)",
    )
    parser.add_argument(
        "--salt", help="self-check only: the salt of the digests (default: random, kept with the folder's cache)"
    )
    args = parser.parse_args()
    sys.exit(build(args.out, args.mode, args.salt))


if __name__ == "__main__":
    main()
