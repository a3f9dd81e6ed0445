#!/usr/bin/env python3
"""How fast is the annotation widget's front-end? Render of a 1,500-word article, and a key press.

Builds the widget's state in Python (:class:`discourse_lab.annotate.widget.AnnotationWidget`, on
a throwaway source folder whose article.txt is the course's three texts repeated to at least
``--words`` words), then runs ``assets/annotate.js`` in headless Chromium against a model object
that keeps the traits in the page (as the static site does; requests outside the page are
blocked) and measures

1. render: from calling ``render({model, el})`` to the next painted frame, ``--repeat`` times;
2. a key press: from dispatching the keydown on the focused widget to the next painted frame, for
   a cycle of keys that each redraw something (next sentence, move and extend the selection,
   accept a suggestion, mark a span as a relation's role, undo), ``--presses`` presses.

The budget (issue 20): render <= 1 s, key press <= 50 ms, medians.

    .venv/bin/python -m benchmarks.annotate_widget [--words 1500] [--repeat 10] [--presses 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from scripts import chromium

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "discourse_lab" / "annotate" / "assets"
RENDER_BUDGET_MS = 1000
KEY_BUDGET_MS = 50

# A model object with the traits in the page: get/set/save_changes/on/off/send, as the contract says.
HARNESS = """
window.__dl_model = (state) => {
  const handlers = {};
  window.__saved = []; window.__sent = [];
  return {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; },
    save_changes: () => { window.__saved.push(JSON.parse(JSON.stringify(state.edit || null))); },
    on: (name, fn) => { (handlers[name] = handlers[name] || []).push(fn); },
    off: (name, fn) => { handlers[name] = (handlers[name] || []).filter((f) => f !== fn); },
    send: (msg) => { window.__sent.push(msg); },
    emit: (name, arg) => (handlers[name] || []).forEach((f) => f(arg)),
  };
};
window.__dl_load = async (src) => {
  const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
  window.__dl_annotate = await import(url);
};
"""

RENDER = """async (state) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const el = document.createElement("div");
  document.body.replaceChildren(el);
  const model = window.__dl_model(JSON.parse(JSON.stringify(state)));
  const t0 = performance.now();
  window.__dl_view = { model, el, cleanup: window.__dl_annotate.render({ model, el }) };
  el.offsetHeight;
  await frame();
  return performance.now() - t0;
}"""

PRESS = """async (keys) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const body = document.querySelector(".dl-an-doc");
  body.focus();
  const out = [];
  for (const k of keys) {
    const t0 = performance.now();
    document.activeElement.dispatchEvent(new KeyboardEvent("keydown", { key: k.key, shiftKey: !!k.shift, ctrlKey: !!k.ctrl, bubbles: true, cancelable: true }));
    document.body.offsetHeight;
    await frame();
    out.push(performance.now() - t0);
    if (document.activeElement !== body) body.focus();
  }
  return out;
}"""

# Each key redraws something; the cycle ends where it started (undo takes back the edits).
CYCLE = [
    {"key": "j"},
    {"key": "ArrowRight"},
    {"key": "ArrowRight", "shift": True},
    {"key": "1"},
    {"key": "a"},
    {"key": "ArrowRight"},
    {"key": "3"},
    {"key": "z", "ctrl": True},
    {"key": "z", "ctrl": True},
    {"key": "k"},
]


def article_text(words: int) -> str:
    """The course's texts, paragraph by paragraph, repeated until the article has ``words`` words."""
    from discourse_lab.sources import list_sources, load_source

    paragraphs = []
    for slug in list_sources():
        paragraphs += [p.strip() for p in load_source(slug).text.split("\n\n") if p.strip()]
    out, count, i = [], 0, 0
    while count < words:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        count += len(p.split())
        i += 1
    return "\n\n".join(out) + "\n"


def widget_state(folder: Path, words: int) -> tuple[dict, int, int]:
    """The widget's traits for a fresh source folder: (state, words, sentences)."""
    from discourse_lab.annotate.store import resolve
    from discourse_lab.annotate.widget import AnnotationWidget

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(article_text(words), encoding="utf-8")
    widget = AnnotationWidget(resolve(folder), annotator="Benchmark")
    if widget.error or widget.file is None:  # the widget keeps no file exactly when it has an error
        raise SystemExit(widget.error)
    state = widget.state()
    sentences = sum(len(p["sentences"]) for p in state["article"]["paragraphs"])
    return state, widget.file.document.word_count, sentences


def open_page(browser):
    """A blank page with the harness and the widget's module loaded, the CSS applied."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
    page.set_content(
        f"<!doctype html><html><head><style>{(ASSETS / 'annotate.css').read_text()}</style></head><body></body></html>"
    )
    page.evaluate(HARNESS)
    page.evaluate("(src) => window.__dl_load(src)", (ASSETS / "annotate.js").read_text(encoding="utf-8"))
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=10, help="renders to time")
    parser.add_argument("--presses", type=int, default=200, help="key presses to time")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        state, words, n_sentences = widget_state(Path(tmp) / "benchmark-article", args.words)
        with sync_playwright() as p:
            browser = chromium.launch(p)
            page = open_page(browser)
            renders = [page.evaluate(RENDER, state) for _ in range(args.repeat)]
            keys = (CYCLE * (args.presses // len(CYCLE) + 1))[: args.presses]
            presses = page.evaluate(PRESS, keys)
            browser.close()
    render_ms, key_ms = statistics.median(renders), statistics.median(presses)
    worst = sorted(presses)[int(0.95 * (len(presses) - 1))]
    print(f"article: {words} words, {n_sentences} sentences, {len(json.dumps(state)) // 1024} KiB of widget state")
    print(
        f"render:    median {render_ms:.0f} ms over {len(renders)} (budget {RENDER_BUDGET_MS} ms); max {max(renders):.0f} ms"
    )
    print(
        f"key press: median {key_ms:.1f} ms over {len(presses)} (budget {KEY_BUDGET_MS} ms); 95th percentile {worst:.1f} ms"
    )
    ok = render_ms <= RENDER_BUDGET_MS and key_ms <= KEY_BUDGET_MS
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
