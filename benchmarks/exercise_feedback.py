#!/usr/bin/env python3
"""How heavy are the exercises, and how fast is their feedback?

Measures, on the built book (``make book`` first; default folder ``_build/html``):

1. bytes the exercise engine adds to every page (dl-exercises.js + .css, raw and gzipped), and
   the spec JSON embedded in the tour page;
2. in headless Chromium (requests outside 127.0.0.1 blocked): time from a click on "Check" to
   the feedback in the DOM, and to the next painted frame, for every exercise of the tour page;
3. in Python: the notebook widget's work per answer (score + atomic, fsynced save to the store).

    .venv/bin/python -m benchmarks.exercise_feedback [--html _build/html] [--repeat 20]
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts import chromium
from scripts.local_server import serve

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "discourse_lab" / "exercises" / "assets"
TOUR = "chapters/exercise-types.html"

# Click Check, then time until the feedback region is filled (synchronous in the static book)
# and until the next frame is painted.
MEASURE = """async (id) => {
  const box = document.querySelector(`.dl-exercise[data-exercise-id="${id}"]`);
  const button = box.querySelector("button.dl-check");
  const t0 = performance.now();
  button.click();
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const t2 = performance.now();
  if (!box.querySelector(".dl-feedback").textContent) throw new Error("no feedback for " + id);
  return [t1 - t0, t2 - t0];
}"""

# One answer per exercise of the tour page, given through the page's own controls.
PREPARE = """() => {
  for (const box of document.querySelectorAll(".dl-exercise[data-exercise-id]")) {
    const first = box.querySelector("input[type=radio], input[type=checkbox]");
    if (first) first.checked = true;
    for (const sel of box.querySelectorAll("select")) sel.selectedIndex = 1;
    const token = box.querySelector(".dl-token"); if (token) token.click();
    const area = box.querySelector("textarea");
    if (area) area.value = "In the interview, Lavrov set out Russia's approach to the conflicts.";
  }
}"""


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def page_weight(html_dir: Path) -> None:
    print("== bytes added to every page")
    total_raw = total_gz = 0
    for name in ("dl-exercises.js", "dl-exercises.css"):
        raw = (ASSETS / name).read_bytes()
        gz = len(gzip.compress(raw, 9))
        total_raw += len(raw)
        total_gz += gz
        print(f"{name:20} {kb(len(raw)):>10} raw {kb(gz):>10} gzip")
    print(f"{'total':20} {kb(total_raw):>10} raw {kb(total_gz):>10} gzip")
    tour = (html_dir / TOUR).read_text(encoding="utf-8")
    specs = re.findall(r'<script type="application/json" class="dl-exercise-spec">(.*?)</script>', tour, re.S)
    print(
        f"tour page: {len(specs)} exercises, spec JSON {kb(sum(len(s.encode()) for s in specs))} "
        f"(largest {kb(max(len(s.encode()) for s in specs))}); page HTML {kb(len(tour.encode()))}"
    )


def browser_timing(html_dir: Path, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    with serve(html_dir) as base:
        url = base + TOUR
        print(f"\n== click to feedback in Chromium ({repeat} clicks per exercise)")
        with sync_playwright() as pw:
            browser = chromium.launch(pw)
            context = browser.new_context()
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(".dl-exercise.dl-ready")
            print(f"tour page load to exercises ready: {(time.perf_counter() - started) * 1000:.0f} ms")
            ids = page.eval_on_selector_all(
                ".dl-exercise[data-exercise-id]", "els => els.map(e => e.dataset.exerciseId)"
            )
            page.evaluate(PREPARE)
            print(f"{'exercise':36} {'to DOM (median, max)':>22} {'to next frame (median)':>24}")
            all_dom = []
            for exercise_id in ids:
                runs = [page.evaluate(MEASURE, exercise_id) for _ in range(repeat)]
                dom = [r[0] for r in runs]
                frame = [r[1] for r in runs]
                all_dom += dom
                print(
                    f"{exercise_id:36} {statistics.median(dom):9.2f} ms {max(dom):7.2f} ms {statistics.median(frame):14.2f} ms"
                )
            print(f"all clicks: median {statistics.median(all_dom):.2f} ms, max {max(all_dom):.2f} ms")
            browser.close()


def python_timing(repeat: int) -> None:
    from discourse_lab.exercises import AnswerStore, get
    from discourse_lab.exercises.widget import ExerciseWidget

    print(f"\n== notebook widget, Python side: score + save per answer ({repeat} answers)")
    answers: dict[str, list[Any]] = {  # two answers per exercise, each in its type's shape
        "ch01-source-dateline": ["a", "b"],
        "ch01-source-house-style": [["p1s1t4"], ["p1s1t22", "p1s1t23"]],
        "ch01-source-timeline": [
            ["menafn", "interview", "istanbul", "announced"],
            ["istanbul", "announced", "interview", "menafn"],
        ],
        "ch01-source-neutral-close": ["Lavrov set out Russia's approach.", "Lavrov clearly set out Russia's approach."],
    }
    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore(Path(folder) / "answers.json")
        for exercise_id, pair in answers.items():
            widget = ExerciseWidget(get(exercise_id), store=store)
            widget.answer = pair[0]  # warm-up (the rewrite's first call loads the toolkit)
            times = []
            for i in range(repeat):
                started = time.perf_counter()
                widget.answer = pair[(i + 1) % 2]
                times.append((time.perf_counter() - started) * 1000)
            print(f"{exercise_id:36} median {statistics.median(times):7.2f} ms, max {max(times):7.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not (args.html / TOUR).is_file():
        print(f"exercise_feedback: {args.html / TOUR} not found; build the book first (make book)", file=sys.stderr)
        return 2
    page_weight(args.html)
    browser_timing(args.html, args.repeat)
    python_timing(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
