#!/usr/bin/env python3
"""Grading throughput: assign chapter 1, write N synthetic submissions, time `grade` on all of them.

    python -m benchmarks.grade_throughput            # 500 submissions
    python -m benchmarks.grade_throughput --n 2000

Each synthetic student answers every objective exercise with either the key or a random valid
answer (so scoring runs every partial-credit path) and the judgement items with a short text.
Reports the time to read, validate and score all files and write the gradebook and one feedback
page per student (the bank is loaded before the clock starts, as it is once per run).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from discourse_lab.course import assign, grade
from discourse_lab.exercises import catalogue


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
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(6)
    work = Path(tempfile.mkdtemp(prefix="dl-grade-bench-"))
    exercises = catalogue.bank(1)
    man = assign.assign(exercises, "Benchmark", work / "a")
    stamp = "2026-04-01T10:00:00.000Z"
    paths = []
    for n in range(args.n):
        answers = {
            ex.id: {
                "exercise_version": ex.version,
                "type": ex.type,
                "answer": random_answer(ex, rng),
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
    started = time.perf_counter()
    report = grade.grade(work / "a" / "instructor", paths, work / "gradebook.csv", work / "feedback")
    elapsed = time.perf_counter() - started
    if report.errors:
        sys.exit(f"benchmark: {len(report.errors)} synthetic submissions were rejected: {report.errors[0]}")
    print(
        f"graded {len(paths)} submissions x {len(exercises)} exercises in {elapsed:.2f} s "
        f"({len(paths) / elapsed:.0f} submissions/s, {1000 * elapsed / len(paths):.1f} ms each, "
        f"gradebook + {len(paths)} feedback pages written); work folder {work}"
    )


if __name__ == "__main__":
    main()
