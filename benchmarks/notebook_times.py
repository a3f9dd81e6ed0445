#!/usr/bin/env python3
"""How long does each lesson take to run top to bottom in a fresh kernel?

The course promises that every lesson notebook (``chapters/0*_*.ipynb``) runs in under
``LIMIT_S`` seconds on the course machine. This benchmark executes each one with nbclient in a new
kernel, as a student's "Run All" would, times the execution (kernel start-up included, reported
apart), prints a table and writes ``benchmarks/results/notebooks.json``. The kernel's shutdown
afterwards is timed too but kept out of the total: a student never waits for it, and it sometimes
takes about 3 s whatever the notebook held (seen with a notebook of one markdown cell, so it is
the Jupyter kernel's own teardown, not the lesson). It is a measurement, not a
test: the exit status is 1 when a notebook fails or exceeds the limit, so CI can report it.

    .venv/bin/python -m benchmarks.notebook_times [--repeat N] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from benchmarks.record import write_results

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 6.0
RESULTS = ROOT / "benchmarks" / "results" / "notebooks.json"


def run_once(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        ready = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    shut = time.perf_counter()
    return {
        "total_s": round(done - started, 3),
        "kernel_start_s": round(ready - started, 3),
        "cells_s": round(done - ready, 3),
        "shutdown_s": round(shut - done, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapters/0*_*.ipynb")
    # One run is at the mercy of whatever else the machine is doing; the median of three is not.
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (the median is reported)")
    args = parser.parse_args()
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "chapters").glob("0*_*.ipynb"))
    # Same environment as the book build: static exercises, quiet kernel, no display backend.
    os.environ.update(
        DISCOURSE_LAB_STATIC="1",
        MPLBACKEND="Agg",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        IPYTHONDIR=str(ROOT / "scripts" / "ipython"),
    )
    rows, failed = [], False
    print(f"{'notebook':<28} {'total s':>8} {'kernel s':>9} {'cells s':>8} {'shutdown s':>11}  within {LIMIT_S:g} s")
    for path in paths:
        try:
            runs = [run_once(path) for _ in range(max(1, args.repeat))]
        except Exception as exc:  # a failing notebook is a result to report, not a crash
            rows.append({"notebook": path.name, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"})
            print(f"{path.name:<28} FAILED {rows[-1]['error']}")
            failed = True
            continue
        row = {
            "notebook": path.name,
            "runs": runs,
            **{
                k: round(statistics.median(r[k] for r in runs), 3)
                for k in ("total_s", "kernel_start_s", "cells_s", "shutdown_s")
            },
        }
        row["within_limit"] = row["total_s"] < LIMIT_S
        failed |= not row["within_limit"]
        rows.append(row)
        print(
            f"{path.name:<28} {row['total_s']:>8.2f} {row['kernel_start_s']:>9.2f} {row['cells_s']:>8.2f} "
            f"{row['shutdown_s']:>11.2f}  {'yes' if row['within_limit'] else 'NO'}"
        )
    write_results(RESULTS, {"limit_s": LIMIT_S, "notebooks": rows})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
