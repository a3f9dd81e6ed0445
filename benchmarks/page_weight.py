#!/usr/bin/env python3
"""How many bytes does a browser load for a page of the book?

Opens pages in headless Chromium (Debian's, through Playwright; a fresh context each time, so
nothing is cached; requests outside 127.0.0.1 are blocked and counted) and adds up the bodies of
every response: the HTML, styles, scripts, fonts and images the page pulls in.

Compared: a text page of this book, an exercise page of this book, and the first page of a
default Jupyter Book 1 (``jupyter-book create``, built in a temporary folder with the same
jupyter-book and theme). Targets: the text page no heavier than the default page; the exercise
page at most 1.5 MB heavier than the text page. Writes ``benchmarks/results/page_weight.json``.

    .venv/bin/python -m benchmarks.page_weight [--html _build/html]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from scripts import chromium
from scripts.local_server import serve

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "page_weight.json"
TEXT_PAGE = "chapters/intro.html"
EXERCISE_PAGE = "chapters/exercise-types.html"
EXERCISE_EXTRA_LIMIT = 1.5e6


def weigh(browser, url: str) -> dict:
    """Bytes of every response the page loads (fresh context, no cache), by kind."""
    context = browser.new_context()
    blocked = []

    def route(r):
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    responses = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    by_kind: dict[str, int] = {}
    total = 0
    for response in responses:
        if response.status != 200:
            continue
        size = len(response.body())
        kind = response.request.resource_type
        by_kind[kind] = by_kind.get(kind, 0) + size
        total += size
    context.close()
    return {
        "bytes": total,
        "requests": len(responses),
        "by_type": dict(sorted(by_kind.items())),
        "blocked_outside_requests": blocked,
    }


def default_book(tmp: Path) -> Path:
    """A default Jupyter Book 1 (its template), built with the installed jupyter-book."""
    jb = str(Path(sys.executable).parent / "jupyter-book")
    subprocess.run([jb, "create", str(tmp / "default")], check=True, capture_output=True)
    subprocess.run(
        [jb, "build", str(tmp / "default")],
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "MPLBACKEND": "Agg"},
    )
    return tmp / "default" / "_build" / "html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book")
    args = parser.parse_args()
    for name in (TEXT_PAGE, EXERCISE_PAGE):
        if not (args.html / name).is_file():
            print(f"page_weight: {args.html / name} not found; build the book first (make book)", file=sys.stderr)
            return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="dl-bench-weight-") as tmp:
        default_html = default_book(Path(tmp))
        with sync_playwright() as pw:
            browser = chromium.launch(pw)
            with serve(args.html) as base:
                text = weigh(browser, base + TEXT_PAGE)
                exercise = weigh(browser, base + EXERCISE_PAGE)
            with serve(default_html) as base:
                default = weigh(browser, base + "intro.html")
            browser.close()
    results = {
        "text_page": {"page": TEXT_PAGE, **text},
        "exercise_page": {"page": EXERCISE_PAGE, **exercise},
        "default_jupyter_book_page": {"page": "intro.html of `jupyter-book create`", **default},
        "exercise_minus_text_bytes": exercise["bytes"] - text["bytes"],
    }
    results["targets"] = {
        "text_page_not_heavier_than_default": text["bytes"] <= default["bytes"],
        "exercise_page_at_most_1.5MB_heavier": results["exercise_minus_text_bytes"] <= EXERCISE_EXTRA_LIMIT,
        "nothing_from_outside": not (text["blocked_outside_requests"] or exercise["blocked_outside_requests"]),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if all(results["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
