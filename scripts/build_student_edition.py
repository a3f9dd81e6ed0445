#!/usr/bin/env python3
"""Build the student edition of the book: no answer key, model answer or rubric anywhere in the site.

    python scripts/build_student_edition.py                  # into _build/student/_build/html
    python scripts/build_student_edition.py --out DIR         # into DIR/_build/html

The default build (``make book``) stays the instructor edition. This one differs in:

* **Exercises**: every ``show(...)`` renders in graded mode (``DISCOURSE_LAB_EDITION=student``,
  ``DISCOURSE_LAB_EXERCISE_MODE=graded``, read by ``discourse_lab.exercises.display``), so no
  exercise spec on any page carries a ``key`` member: no answer, option feedback, explanation,
  model answer or rubric. Students answer and export a submission for their instructor.
  Self-check is not offered here: the static page checks answers in the browser, so a
  self-check page must carry the key (see the report of issue 6 for the hashed-key idea and why
  it was not built).
* **Copied sources and downloads**: ``html_copy_source: false`` (no ``_sources/``), the theme's
  download button off, and the Binder/JupyterHub/Colab buttons off (they open the repository's
  notebooks, which run the exercises with their keys).
* **Pages**: the "For instructors" part of ``_toc.yml`` is left out (``--toc`` with a student
  table of contents); code cells tagged ``instructor-only`` are dropped
  (``discourse_lab.book.student_edition``); ``hide_solutions`` is set for sphinx-exercise should
  a chapter use it.
* **Check**: after the build every file of the site is searched for every exercise's secret
  strings (:meth:`Exercise.secret_strings`) and for spec ``"key"`` members; any hit fails the build.

Each edition builds into its own folder with its own execution cache (``build_book.build``).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_book  # noqa: E402

MODES = ("graded",)
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
    from discourse_lab.exercises import spec

    return {e.id: [s for s in e.secret_strings() if s.strip()] for e in spec.bank()}


def leaks(site: Path) -> list[str]:
    """Every (file, exercise, secret) hit in the built site, and every spec that carries a key."""
    found = []
    table = secrets()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for ex_id, strings in table.items():
            for secret in strings:
                if secret in text or json.dumps(secret)[1:-1] in text:
                    found.append(f"{path.relative_to(site)}: reveals {ex_id}: {secret[:50]!r}")
        if '"key":{' in text or '"key": {' in text:
            found.append(f"{path.relative_to(site)}: an exercise spec carries its key")
    return found


def build(out: Path, mode: str = "graded") -> int:
    if mode not in MODES:
        raise SystemExit(f"build_student_edition: --mode {mode}: the student edition offers graded mode only")
    out = out.resolve()
    work = out / "_build"
    work.mkdir(parents=True, exist_ok=True)
    # The execution cache holds rendered outputs: a cache made in another mode must not be reused.
    stamp = work / "edition.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("mode") != mode:
        shutil.rmtree(work / ".jupyter_cache", ignore_errors=True)
    stamp.write_text(json.dumps({"edition": "student", "mode": mode}))
    config = work / "_config.student.yml"
    config.write_text(yaml.safe_dump(student_config(yaml.safe_load((ROOT / "_config.yml").read_text())), sort_keys=False))
    toc = work / "_toc.student.yml"
    toc.write_text(yaml.safe_dump(student_toc(yaml.safe_load((ROOT / "_toc.yml").read_text())), sort_keys=False))
    os.environ.update(DISCOURSE_LAB_EDITION="student", DISCOURSE_LAB_EXERCISE_MODE=mode)
    code = build_book.build(out, config, toc=toc)
    if code:
        return code
    site = work / "html"
    found = leaks(site)
    for line in found:
        print(f"build_student_edition: LEAK {line}", file=sys.stderr)
    print(f"build_student_edition: {'FAILED' if found else 'ok'}: {site} searched for the key strings of {len(secrets())} exercises")
    return 1 if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "student", help="folder that receives _build/html")
    parser.add_argument("--mode", choices=MODES, default="graded", help="how exercises behave (graded: answers saved, no key)")
    args = parser.parse_args()
    sys.exit(build(args.out, args.mode))


if __name__ == "__main__":
    main()
