#!/usr/bin/env python3
"""Build the book: execute every changed notebook, fail on any warning or cell error.

Runs Jupyter Book 1.x with ``-W -n --keep-going`` (warnings are errors, nitpicky cross-reference
checks, and every problem reported before failing), with ``DISCOURSE_LAB_STATIC=1`` so that
exercises render as self-contained HTML (see ``discourse_lab.exercises``). The full log goes to
``<out>/_build/build.log``; afterwards every page is checked for error outputs, so no page with a
traceback is ever published.

    python -m scripts.build_book                 # the instructor edition, into _build/
    python -m scripts.build_book --out DIR       # into another folder
    python -m scripts.build_book --builder singlehtml   # the whole book as one page (for the PDF)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from discourse_lab import settings

ROOT = Path(__file__).resolve().parent.parent
ERROR_MARKERS = ('class="output traceback', 'class="output stderr', "ansi-red-fg")
# Notebooks import the package and read data/, but Sphinx re-reads (and so re-executes) a notebook
# only when its own file changed: a change to either must drop Sphinx's environment, or pages would
# keep stale numbers.
EXECUTION_INPUTS = ("discourse_lab", "data")


def inputs_fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in EXECUTION_INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def drop_stale_cache(out: Path) -> None:
    """Drop Sphinx's saved environment (``.doctrees``) of ``out`` if the package or the data changed
    since it was saved: otherwise Sphinx would not re-read the unchanged notebooks at all, and their
    old outputs and {eval} values would stay on the pages. (``.jupyter_cache`` is the execution
    cache of builds from before notebooks ran inline; it goes too.)
    """
    stamp = out / "_build" / ".inputs.sha256"
    fingerprint = inputs_fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return
    stale = [out / "_build" / ".jupyter_cache", out / "_build" / ".doctrees"]
    if any(path.exists() for path in stale):
        print("build_book: package or data changed since the last build; re-executing every notebook")
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
    stamp.write_text(fingerprint)


def source_date_epoch() -> str | None:
    """The time of the last commit, for SOURCE_DATE_EPOCH (reproducible-builds.org): Sphinx and
    ``discourse_lab`` use it for any date written during the build, so two builds of a commit
    give the same pages. An epoch already in the environment wins."""
    epoch = settings.source_date_epoch()
    if epoch is not None:
        return str(epoch)
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None  # not a git checkout: dates are the build's own
    return stamp or None


def build(
    out: Path, extra_config: Path | None = None, source: Path = ROOT, toc: Path | None = None, builder: str = "html"
) -> int:
    (out / "_build").mkdir(parents=True, exist_ok=True)
    drop_stale_cache(out)
    env = dict(
        os.environ,
        **{settings.STATIC: "1"},  # exercises render as self-contained HTML, not widget state
        IPYTHONDIR=str(ROOT / "scripts" / "ipython"),  # quiet kernel config for builds
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        MPLBACKEND="Agg",
    )
    epoch = source_date_epoch()
    if epoch:
        env[settings.SOURCE_DATE_EPOCH] = epoch
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(source),
        "--builder",
        builder,
        "--path-output",
        str(out),
        "-W",
        "-n",
        "--keep-going",
    ]
    if extra_config:
        cmd += ["--config", str(extra_config)]
    if toc:  # another table of contents (the student edition leaves the instructor pages out)
        cmd += ["--toc", str(toc)]
    started = time.perf_counter()
    with open(out / "_build" / "build.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None  # stdout=PIPE gives the pipe
        for line in proc.stdout:
            log.write(line)
            sys.stdout.write(line)
        code = proc.wait()
    elapsed = time.perf_counter() - started
    bad = [
        str(page.relative_to(out))
        for page in sorted((out / "_build" / builder).rglob("*.html"))
        if any(marker in page.read_text(encoding="utf-8", errors="replace") for marker in ERROR_MARKERS)
    ]
    for page in bad:
        print(f"build_book: error output in {page}", file=sys.stderr)
    print(f"build_book: {'ok' if code == 0 and not bad else 'FAILED'} in {elapsed:.1f} s -> {out / '_build' / builder}")
    return 1 if (code or bad) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="folder that receives _build/ (default: the repository)")
    parser.add_argument("--config", type=Path, help="an alternative _config.yml (e.g. the student edition)")
    parser.add_argument(
        "--builder",
        choices=["html", "singlehtml"],
        default="html",
        help="singlehtml: the whole book as one page, which scripts/build_pdf.py prints",
    )
    args = parser.parse_args()
    sys.exit(build(args.out.resolve(), args.config, builder=args.builder))


if __name__ == "__main__":
    main()
