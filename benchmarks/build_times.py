#!/usr/bin/env python3
"""How long does the book take to build: clean, unchanged, and after one notebook changed?

Works on a copy of the book's sources in a temporary folder (the repository is never touched,
other people may be building from it), built with ``scripts/build_book.py`` exactly as
``make book`` does:

1. clean build (empty output folder, empty execution cache) — every notebook executes;
2. rebuild with nothing changed — no notebook may execute;
3. rebuild after one code cell was appended to one notebook — only that notebook may execute.

Which notebooks executed, and for how long, is read from myst-nb's lines in the build log
("Executing notebook …", "Executed notebook in N seconds"). Writes ``benchmarks/results/build.json``.

    .venv/bin/python -m benchmarks.build_times [--changed chapters/01_source.ipynb]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from scripts import build_book

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "benchmarks" / "results" / "build.json"
TARGET_CLEAN_S = 90.0
TARGET_REBUILD_FRACTION = 0.10
TARGET_NOTEBOOK_S = 6.0
# What a build reads; everything else (environment, outputs, tests, git) stays behind.
SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    "tests",
    "benchmarks",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    ".jupyter_cache",
    ".ipynb_checkpoints",
    ".discourse_lab",
)
EXECUTED = re.compile(r"^(?P<path>\S+\.ipynb): Executed notebook in (?P<seconds>[\d.]+) seconds", re.M)


def timed_build(source: Path, out: Path) -> dict:
    started = time.perf_counter()
    code = build_book.build(out, source=source)
    seconds = time.perf_counter() - started
    if code != 0:
        sys.exit(f"build_times: the build into {out} failed; see {out / '_build' / 'build.log'}")
    log = (out / "_build" / "build.log").read_text(encoding="utf-8", errors="replace")
    executed = {Path(m["path"]).relative_to(source).as_posix(): float(m["seconds"]) for m in EXECUTED.finditer(log)}
    return {"seconds": round(seconds, 2), "executed": executed}


def change_one_notebook(path: Path) -> None:
    """Append a code cell, so the notebook's cache key changes (markdown edits do not re-execute)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("benchmark_edit = 'changed'"))
    nbformat.write(nb, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changed", default="chapters/01_source.ipynb", help="the notebook to change for step 3")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dl-bench-build-") as tmp:
        source, out = Path(tmp) / "src", Path(tmp) / "out"
        shutil.copytree(ROOT, source, ignore=SKIP, symlinks=True)
        print("build_times: clean build …", flush=True)
        clean = timed_build(source, out)
        print("build_times: rebuild, nothing changed …", flush=True)
        unchanged = timed_build(source, out)
        change_one_notebook(source / args.changed)
        print(f"build_times: rebuild after changing {args.changed} …", flush=True)
        one_changed = timed_build(source, out)
    notebooks = sorted(clean["executed"])
    results = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "clean_build_s": clean["seconds"],
        "no_change_rebuild_s": unchanged["seconds"],
        "one_notebook_changed_rebuild_s": one_changed["seconds"],
        "changed_notebook": args.changed,
        "executed_on_clean_build": notebooks,
        "executed_on_no_change_rebuild": sorted(unchanged["executed"]),
        "executed_after_one_change": sorted(one_changed["executed"]),
        "notebook_execution_s_in_clean_build": clean["executed"],
    }
    slowest = max(clean["executed"].values(), default=0.0)
    results["targets"] = {
        "clean_under_90s": clean["seconds"] < TARGET_CLEAN_S,
        "no_change_rebuild_under_10_percent_of_clean": unchanged["seconds"]
        < TARGET_REBUILD_FRACTION * clean["seconds"],
        "no_notebook_executes_without_change": unchanged["executed"] == {},
        "only_the_changed_notebook_executes": sorted(one_changed["executed"]) == [args.changed],
        "every_notebook_under_6s_in_build": slowest < TARGET_NOTEBOOK_S,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if all(results["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
