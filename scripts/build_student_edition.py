#!/usr/bin/env python3
"""Build the student edition of the book: no answer key, model answer or rubric anywhere in the site.

The command line of ``make student-book``; what the edition changes and the leak check are
``discourse_lab.book.student_edition``, which this script calls.

    python -m scripts.build_student_edition                      # graded, into _build/student/_build/html
    python -m scripts.build_student_edition --mode self-check    # self-check without the key
    python -m scripts.build_student_edition --out DIR            # into DIR/_build/html

The default build (``make book``) stays the instructor edition. This one differs in:

* **Exercises**, in the mode the instructor chooses (``DISCOURSE_LAB_EDITION=student`` and
  ``DISCOURSE_LAB_EXERCISE_MODE``, read by ``discourse_lab.book.student_edition``). No exercise spec
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
import sys
from pathlib import Path

import yaml

from discourse_lab import settings
from discourse_lab.book.student_edition import (
    MODES,
    edition_stamp,
    environment,
    leaks,
    secrets,
    student_config,
    student_toc,
)
from scripts import build_book

ROOT = Path(__file__).resolve().parent.parent


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
    with settings.override(environment(mode, stamp["salt"])):  # the kernels inherit these
        code = build_book.build(out, config, toc=toc)
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
