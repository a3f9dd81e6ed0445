#!/usr/bin/env python3
"""Run every benchmark, write ``benchmarks/results/*.json`` and a summary table.

1. ``build_times.py``: clean build, no-change rebuild, rebuild after one notebook changed, and the
   execution time of each notebook inside the build (on a copy of the sources in a tmp folder);
2. the book is built once more into a tmp folder, and on it ``page_weight.py`` (bytes a browser
   loads) and ``exercise_feedback.py`` (click to feedback in Chromium, output kept as text);
3. ``notebook_times.py`` (each lesson in a fresh kernel), ``analysis_throughput.py`` and
   ``grade_throughput.py`` (grading 400 submissions, then the class report of that class).

The summary goes to ``benchmarks/results/summary.json`` and ``summary.md``; with ``--readme`` the
table also replaces the block between the bench markers of README.md ("Performance").

    .venv/bin/python -m benchmarks.run_all [--readme]
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import build_book

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"

README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
CLICKS = re.compile(r"all clicks: median ([\d.]+) ms, max ([\d.]+) ms")


def run(script: str, *args: str, capture: bool = False) -> tuple[int, str]:
    print(f"run_all: {script} {' '.join(args)}", flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{Path(script).stem}", *args],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )
    if capture:
        sys.stdout.write(proc.stdout)
    return proc.returncode, proc.stdout or ""


def load(name: str) -> dict:
    path = RESULTS / name
    return json.loads(path.read_text()) if path.is_file() else {}


def summary(feedback_text: str) -> dict:
    build, weight, notebooks = load("build.json"), load("page_weight.json"), load("notebooks.json")
    grading = load("grade.json")
    clicks = CLICKS.search(feedback_text)
    feedback_ms = {"median": float(clicks[1]), "max": float(clicks[2])} if clicks else None
    in_build = build.get("notebook_execution_s_in_clean_build", {})
    return {
        "measured": datetime.datetime.now().isoformat(timespec="minutes"),
        "load_average_at_start": build.get("load_average"),
        "clean_build_s": build.get("clean_build_s"),
        "no_change_rebuild_s": build.get("no_change_rebuild_s"),
        "one_notebook_changed_rebuild_s": build.get("one_notebook_changed_rebuild_s"),
        "only_changed_notebook_executed": build.get("targets", {}).get("only_the_changed_notebook_executes"),
        "slowest_notebook_in_build_s": max(in_build.values(), default=None),
        "slowest_notebook_fresh_kernel_s": max((n["total_s"] for n in notebooks.get("notebooks", [])), default=None),
        "text_page_bytes": weight.get("text_page", {}).get("bytes"),
        "exercise_page_bytes": weight.get("exercise_page", {}).get("bytes"),
        "default_jupyter_book_page_bytes": weight.get("default_jupyter_book_page", {}).get("bytes"),
        "click_to_feedback_ms": feedback_ms,
        "grade_submissions": grading.get("submissions"),
        "grade_s": grading.get("grade_seconds"),
        "class_report_s": grading.get("report_seconds"),
    }


def table(s: dict) -> str:
    def mb(n):
        return f"{n / 1e6:.2f} MB" if n is not None else "n/a"

    def ok(flag):
        return "met" if flag else "**missed**"

    clean, rebuild = s["clean_build_s"], s["no_change_rebuild_s"]
    rows = [
        ("Clean build of the whole book", f"{clean} s", "< 90 s", ok(clean is not None and clean < 90)),
        (
            "Rebuild, nothing changed",
            f"{rebuild} s",
            "< 10 % of clean",
            ok(None not in (clean, rebuild) and rebuild < 0.1 * clean),
        ),
        (
            "Rebuild after one notebook changed",
            f"{s['one_notebook_changed_rebuild_s']} s",
            "only that notebook re-executes",
            ok(s["only_changed_notebook_executed"]),
        ),
        (
            "Slowest notebook, executed in the build",
            f"{s['slowest_notebook_in_build_s']} s",
            "< 6 s",
            ok(s["slowest_notebook_in_build_s"] is not None and s["slowest_notebook_in_build_s"] < 6),
        ),
        (
            "Slowest notebook, fresh kernel (`notebook_times.py`)",
            f"{s['slowest_notebook_fresh_kernel_s']} s",
            "< 6 s",
            ok(s["slowest_notebook_fresh_kernel_s"] is not None and s["slowest_notebook_fresh_kernel_s"] < 6),
        ),
        (
            "Text page (`chapters/intro.html`), bytes loaded",
            mb(s["text_page_bytes"]),
            f"≤ default Jupyter Book page ({mb(s['default_jupyter_book_page_bytes'])})",
            ok(
                None not in (s["text_page_bytes"], s["default_jupyter_book_page_bytes"])
                and s["text_page_bytes"] <= s["default_jupyter_book_page_bytes"]
            ),
        ),
        (
            "Exercise page (`chapters/exercise-types.html`), bytes loaded",
            mb(s["exercise_page_bytes"]),
            "≤ text page + 1.5 MB",
            ok(
                None not in (s["exercise_page_bytes"], s["text_page_bytes"])
                and s["exercise_page_bytes"] - s["text_page_bytes"] <= 1.5e6
            ),
        ),
    ]
    fb = s["click_to_feedback_ms"]
    rows.append(
        (
            "Click to feedback in Chromium (median / max)",
            f"{fb['median']} / {fb['max']} ms" if fb else "n/a",
            "< 100 ms",
            ok(fb and fb["max"] < 100),
        )
    )
    graded, grade_s, report_s = s.get("grade_submissions"), s.get("grade_s"), s.get("class_report_s")
    rows.append(
        (
            f"Grading {graded} submissions (`grade_throughput.py`)",
            f"{grade_s} s",
            "≤ 20 s for 400",
            ok(grade_s is not None and graded is not None and graded >= 400 and grade_s <= 20),
        )
    )
    rows.append(
        (
            "Class report of that class (page + item table)",
            f"{report_s} s",
            "≤ 5 s",
            ok(report_s is not None and report_s <= 5),
        )
    )
    lines = ["| measure | result | target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    load = s["load_average_at_start"]
    lines.append("")
    lines.append(
        f"Measured {s['measured']} on a 2-core machine (load average {load[0]:.1f} at the start"
        if load
        else f"Measured {s['measured']} on a 2-core machine ("
    )
    lines[-1] += "; other builds may have been running, so times are upper bounds). Per notebook: "
    lines[-1] += "`benchmarks/results/build.json` (in the build) and `notebooks.json` (fresh kernel)."
    return "\n".join(lines) + "\n"


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.S)
    if not pattern.search(content):
        sys.exit("run_all: README.md has no bench markers")
    readme.write_text(pattern.sub(lambda _: f"{README_START}\n{text}{README_END}", content), encoding="utf-8")
    print("run_all: README.md Performance table updated")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    codes = {"build_times.py": run("build_times.py")[0]}
    with tempfile.TemporaryDirectory(prefix="dl-bench-site-") as tmp:
        if build_book.build(Path(tmp)) != 0:
            sys.exit("run_all: the book build failed")
        html = str(Path(tmp) / "_build" / "html")
        codes["page_weight.py"] = run("page_weight.py", "--html", html)[0]
        codes["exercise_feedback.py"], feedback = run("exercise_feedback.py", "--html", html, capture=True)
    (RESULTS / "exercise_feedback.txt").write_text(feedback, encoding="utf-8")
    for script in ("notebook_times.py", "analysis_throughput.py", "grade_throughput.py"):
        if (BENCH / script).is_file():
            codes[script] = run(script)[0]
    result = summary(feedback)
    result["exit_codes"] = codes
    (RESULTS / "summary.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = table(result)
    (RESULTS / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    if args.readme:
        update_readme(text)
    return 0 if not any(codes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
