#!/usr/bin/env python3
"""How much memory and CPU does one student's kernel take, running each lesson as a student would?

The numbers a hub needs (docs/hub.md): each lesson (``chapters/0*_*.ipynb``) is run top to bottom
with nbclient in a fresh kernel, in the live mode a student's JupyterLab gets (widgets, not the
book's static exercises), with a throwaway HOME so no real answer store is touched. For each lesson
the kernel's peak resident memory (``VmHWM`` of ``/proc/<pid>/status``, the high-water mark, so a
short spike during the run counts) and its CPU seconds (user + system, ``/proc/<pid>/stat``) are
read just before the kernel is shut down. The single-user server's own memory is measured by the
real hub test (``tests/live/test_hub.py`` prints it). Linux only: it reads ``/proc``.

Writes ``benchmarks/results/lesson_memory.json``; a measurement, not a test.

    .venv/bin/python -m benchmarks.lesson_memory [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.provisioning import LocalProvisioner
from nbclient import NotebookClient

from benchmarks.record import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "lesson_memory.json"
TICKS = os.sysconf("SC_CLK_TCK")


def status_mib(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise LookupError(f"{field} not in /proc/{pid}/status")


def cpu_seconds(pid: int) -> float:
    # Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the ")" that ends the command name.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) / TICKS, 2)


def kernel_pid(client: NotebookClient) -> int:
    """The process id of the client's kernel, a local process (jupyter_client's LocalProvisioner)."""
    provisioner = client.km.provisioner if client.km is not None else None
    # jupyter_client declares LocalProvisioner.process as a bare `process = None`, which a type checker
    # reads as always None; it holds the kernel's Popen once the kernel has started.
    process: subprocess.Popen | None = getattr(provisioner, "process", None)
    if not isinstance(provisioner, LocalProvisioner) or process is None:
        raise SystemExit("the kernel is not a local process: its memory cannot be read from /proc")
    return process.pid


def measure(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        pid = kernel_pid(client)
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        row = {
            "notebook": path.name,
            "peak_rss_mib": status_mib(pid, "VmHWM"),
            "rss_mib": status_mib(pid, "VmRSS"),
            "cpu_s": cpu_seconds(pid),
            "wall_s": round(time.perf_counter() - started, 2),
        }
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapters/0*_*.ipynb")
    args = parser.parse_args()
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "chapters").glob("0*_*.ipynb"))
    home = tempfile.mkdtemp(prefix="lesson-memory-home-")
    # A student's kernel: live widgets (no DISCOURSE_LAB_STATIC), its own HOME for the answer store.
    os.environ.pop("DISCOURSE_LAB_STATIC", None)
    os.environ.update(HOME=home, MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    rows = []
    print(f"{'notebook':<28} {'peak MiB':>9} {'end MiB':>8} {'CPU s':>6} {'wall s':>7}")
    for path in paths:
        row = measure(path)
        rows.append(row)
        print(
            f"{row['notebook']:<28} {row['peak_rss_mib']:>9.1f} {row['rss_mib']:>8.1f} {row['cpu_s']:>6.2f} "
            f"{row['wall_s']:>7.2f}"
        )
    peak = max(rows, key=lambda r: r["peak_rss_mib"])
    print(f"largest peak: {peak['peak_rss_mib']} MiB ({peak['notebook']})")
    write_results(RESULTS, {"notebooks": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
