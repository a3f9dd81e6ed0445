#!/usr/bin/env python3
"""Grading throughput and the class report: assign chapter 1, write N synthetic submissions, time
`grade` on all of them, then the class statistics (HTML page and item table) of the same class.

    python -m benchmarks.grade_throughput            # 400 submissions, writes results/grade.json
    python -m benchmarks.grade_throughput --n 2000 --no-write

Each synthetic student answers every objective exercise with either the key or a random valid
answer (so scoring runs every partial-credit path) and the judgement items with a short text.
Grading: the time to read, validate and score all files and write the gradebook and one feedback
page per student (the bank is loaded before the clock starts, as it is once per run; the fastest of
``--repeats`` runs is kept, the machine being shared). Report (the first run, which imports matplotlib):
the judgement answers are then given marks in memory (as if marked at the desk, so every row is
complete and every statistic is computed), and the page (with its SVG figure) and the item CSV
are built and written. Targets (issue 18, on this 2-core machine): grading 400 submissions
<= 20 s, the report <= 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from discourse_lab.course import assign, grade, report, shuffle
from discourse_lab.exercises import catalogue

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "benchmarks" / "results" / "grade.json"
GRADE_TARGET_S, REPORT_TARGET_S, TARGET_N = 20.0, 5.0, 400


def random_answer(ex, rng: random.Random):
    d = ex.data
    if rng.random() < 0.5 and ex.objective:
        return ex.answer_key
    if ex.type == "choice":
        return rng.choice(d["options"])["id"]
    if ex.type == "multi":
        return rng.sample([o["id"] for o in d["options"]], rng.randint(0, len(d["options"])))
    if ex.type == "tagging":
        return {sid: rng.choice(d["labels"])["id"] for sid in d["sentences"]}
    if ex.type == "matching":
        return {i["id"]: rng.choice(d["targets"])["id"] for i in d["items"]}
    if ex.type == "ordering":
        return rng.sample([i["id"] for i in d["items"]], len(d["items"]))
    if ex.type == "span":
        words = [t.id for t in ex.tokens if not t.is_punct]
        return sorted(rng.sample(words, rng.randint(1, 4)), key=words.index)
    return "The report leaves out what other coverage said; a reader of one text cannot see that."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=TARGET_N)
    parser.add_argument(
        "--repeats", type=int, default=2, help="runs of each; the fastest is kept (the machine is shared)"
    )
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULT.relative_to(ROOT)}")
    args = parser.parse_args()
    rng = random.Random(6)
    work = Path(tempfile.mkdtemp(prefix="dl-grade-bench-"))
    exercises = catalogue.bank(1)
    # Public keys are fine for a benchmark; answers are written in the handout's shuffled ids.
    man = assign.assign(exercises, "Benchmark", work / "a", allow_public=True)
    key = grade.load_assignment(work / "a" / "instructor").key
    stamp = "2026-04-01T10:00:00.000Z"
    paths = []
    for n in range(args.n):
        answers = {
            ex.id: {
                "exercise_version": ex.version,
                "type": ex.type,
                "answer": shuffle.handout_answer(ex.type, key[ex.id].get("handout") or {}, random_answer(ex, rng)),
                "attempts": 1,
                "first_answered": stamp,
                "last_answered": stamp,
            }
            for ex in exercises
        }
        data = {
            "format": "discourse-lab-submission",
            "format_version": 1,
            "student_id": f"s{n:05d}",
            "assignment_id": man["assignment_id"],
            "created": stamp,
            "generator": "benchmark",
            "answers": answers,
        }
        path = work / "in" / f"s{n:05d}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(data))
        paths.append(path)
    grade.load_assignment(work / "a" / "instructor")  # warm the bank cache, as one run loads it once
    grade_runs = []
    for run in range(args.repeats):
        started = time.perf_counter()
        result = grade.grade(work / "a" / "instructor", paths, work / f"gradebook-{run}.csv", work / f"feedback-{run}")
        grade_runs.append(time.perf_counter() - started)
    elapsed = min(grade_runs)
    if result.errors:
        sys.exit(f"benchmark: {len(result.errors)} synthetic submissions were rejected: {result.errors[0]}")
    print(
        f"graded {len(paths)} submissions x {len(exercises)} exercises in {elapsed:.2f} s (fastest of "
        f"{', '.join(f'{t:.2f}' for t in grade_runs)} s) "
        f"({len(paths) / elapsed:.0f} submissions/s, {1000 * elapsed / len(paths):.1f} ms each, "
        f"gradebook + {len(paths)} feedback pages written); work folder {work}"
    )
    assignment = getattr(result, "assignment", None) or grade.load_assignment(work / "a" / "instructor")
    for g in result.graded:  # the judgement answers marked, as the desk would
        for ex in assignment.exercises:
            if not ex.objective and g.points.get(ex.id, 0) is None:
                g.points[ex.id] = float(rng.randint(0, int(ex.points)))
    report_runs = []
    for _ in range(args.repeats):  # the first run includes importing matplotlib, as a real one does
        started = time.perf_counter()
        written = report.write_outputs(result, assignment, work / "class-report.html", work / "item-stats.csv")
        report_runs.append(time.perf_counter() - started)
    report_s = report_runs[0]
    print(
        f"class report for {len(paths)} students in {report_s:.2f} s (first run, with the matplotlib import; "
        f"all runs {', '.join(f'{t:.2f}' for t in report_runs)} s) "
        f"({written[0].stat().st_size / 1000:.0f} kB page, item table of {len(assignment.exercises)} rows)"
    )
    if args.no_write:
        return
    results = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "submissions": len(paths),
        "exercises": len(exercises),
        "grade_seconds": round(elapsed, 2),
        "grade_runs_seconds": [round(t, 2) for t in grade_runs],
        "report_seconds": round(report_s, 3),
        "report_runs_seconds": [round(t, 3) for t in report_runs],
        "report_page_bytes": written[0].stat().st_size,
        "targets": {
            f"grade_{TARGET_N}_under_{GRADE_TARGET_S:g}s": len(paths) >= TARGET_N and elapsed <= GRADE_TARGET_S,
            f"report_under_{REPORT_TARGET_S:g}s": report_s <= REPORT_TARGET_S,
        },
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
