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

``--model`` picks what the widget talks to: ``notebook`` (the harness below: the traits kept as
the kernel's comm would, nothing done on an edit), ``static`` (the static site's own model,
``assets/annotate-static.js`` over localStorage on a file:// page: every edit is put in the file's
form, checked against the schema and stored, as on lesson 8's page, with the toolkit's reading on
the page for Evaluate and Generate) or ``both``. With the static model it also times the two
buttons' work in the browser (``annotate-tools.js``) on an annotation of every sentence.

The budget (issue 20): render <= 1 s, key press <= 50 ms, medians.

    .venv/bin/python -m benchmarks.annotate_widget [--words 1500] [--repeat 10] [--presses 200] [--model both]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

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

# The static site's model: the page's JSON (static.page_data) in a LocalModel, localStorage emptied first.
STATIC_HARNESS = """
window.__dl_model = (conf) => {
  localStorage.clear();
  const c = JSON.parse(JSON.stringify(conf));
  c.page = "benchmark";
  return new DLAnnotateStatic.LocalModel(c);
};
window.__dl_static = true;  // a second statement: a lone assignment of a function would be called by Playwright
"""

# Evaluate and Generate as the static page runs them (LocalModel.send), on a document of every sentence.
TOOLS = """(doc) => {
  const model = window.__dl_view.model;
  model.state.annotations = doc;
  const time = (type) => { const t0 = performance.now(); model.send({ type }); return performance.now() - t0; };
  const out = { evaluate: [], generate: [] };
  for (let i = 0; i < 5; i++) { out.evaluate.push(time("evaluate")); out.generate.push(time("generate")); }
  return out;
}"""

RENDER = """async (state) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const el = document.createElement("div");
  document.body.replaceChildren(el);
  const model = window.__dl_model(state);
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


def open_page(browser, folder: Path, model: str):
    """A file:// page (localStorage works there) with the harness and the widget's module loaded,
    the CSS applied; for the static model also the page's own scripts and styles."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
    styles = ["annotate.css"] + (["annotate-static.css"] if model == "static" else [])
    css = "".join((ASSETS / name).read_text(encoding="utf-8") for name in styles)
    html = folder / "benchmark.html"
    html.write_text(f"<!doctype html><html><head><style>{css}</style></head><body></body></html>", encoding="utf-8")
    page.goto(html.as_uri())
    page.evaluate(HARNESS)
    if model == "static":
        for name in ("annotate-tools.js", "annotate-static.js"):
            page.add_script_tag(content=(ASSETS / name).read_text(encoding="utf-8"))
        page.evaluate(STATIC_HARNESS)
    page.evaluate("(src) => window.__dl_load(src)", (ASSETS / "annotate.js").read_text(encoding="utf-8"))
    return page


def static_conf(state: dict, folder: Path) -> tuple[dict, dict]:
    """The static page's JSON for this article (as lesson 8's page carries it) and an annotation of
    every sentence (the toolkit's suggestions accepted, a rationale each), for the two buttons."""
    from discourse_lab.annotate import static, store
    from discourse_lab.annotate.offline import page_tools

    document = store.read_article(store.resolve(folder))
    conf = static.page_data(state, None, page_tools(document))
    order = [s.id for s in document.sentences]
    sentences = []
    for sid in order:
        entry: dict = {"id": sid, "attributions": [], "cues": [], "naming": [], "bias_cues": []}
        for suggestion in state["suggestions"].get(sid, []):
            kind, item = suggestion["kind"], suggestion["item"]
            if kind == "voice":
                entry.update(voice=item["voice"], rationale=item.get("rationale") or "The toolkit's reading.")
            elif kind == "framing":
                entry["framing"] = {"rationale": "The toolkit's reading.", **item}
            elif kind in entry:
                entry[kind].append({**item, "rationale": item.get("rationale") or "The toolkit's reading."})
        entry.setdefault("voice", "journalist")
        entry.setdefault("rationale", "The toolkit's reading.")
        entry.setdefault("framing", {"functions": [], "frames": [], "rationale": "none"})
        sentences.append(entry)
    doc = store.canonical({"source": state["article"]["slug"], "annotator": "Benchmark", "sentences": sentences}, order)
    return conf, doc


def run(browser, folder: Path, state: dict, model: str, repeat: int, presses: int) -> dict:
    """The figures of one model: render and key-press times (ms), and for the static model the two buttons'."""
    conf, doc = static_conf(state, folder) if model == "static" else (state, None)
    page = open_page(browser, folder, model)
    renders = [page.evaluate(RENDER, conf) for _ in range(repeat)]
    keys = (CYCLE * (presses // len(CYCLE) + 1))[:presses]
    times = page.evaluate(PRESS, keys)
    out = {"renders_ms": renders, "presses_ms": times}
    if doc is not None:
        out["tools_ms"] = page.evaluate(TOOLS, doc)
        replies = page.evaluate("() => window.__dl_view.model.bankFile ? window.__dl_view.model.bankFile.length : 0")
        if not replies:
            raise SystemExit("the static model's Generate made no bank on the benchmark article")
    page.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=10, help="renders to time")
    parser.add_argument("--presses", type=int, default=200, help="key presses to time")
    parser.add_argument("--model", choices=("notebook", "static", "both"), default="both")
    parser.add_argument("--record", action="store_true", help="write benchmarks/results/annotate_widget.json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    models = ["notebook", "static"] if args.model == "both" else [args.model]
    load_before = os.getloadavg()[0]  # other work on the machine shows in every figure below
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "benchmark-article"
        state, words, n_sentences = widget_state(folder, args.words)
        with sync_playwright() as p:
            browser = chromium.launch(p)
            for model in models:
                results[model] = run(browser, folder, state, model, args.repeat, args.presses)
            browser.close()
    print(f"article: {words} words, {n_sentences} sentences, {len(json.dumps(state)) // 1024} KiB of widget state")
    ok = True
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    print(f"load average (1 min) before and after: {load[0]}, {load[1]} on {os.cpu_count()} CPUs")
    figures: dict[str, Any] = {"words": words, "sentences": n_sentences, "load_average_1min": load}
    for model, found in results.items():
        renders, presses = found["renders_ms"], found["presses_ms"]
        render_ms, key_ms = statistics.median(renders), statistics.median(presses)
        worst = sorted(presses)[int(0.95 * (len(presses) - 1))]
        print(f"{model} widget")
        print(
            f"  render:    median {render_ms:.0f} ms over {len(renders)} (budget {RENDER_BUDGET_MS} ms); "
            f"max {max(renders):.0f} ms"
        )
        print(
            f"  key press: median {key_ms:.1f} ms over {len(presses)} (budget {KEY_BUDGET_MS} ms); "
            f"95th percentile {worst:.1f} ms"
        )
        figures[model] = {
            "render_median_ms": round(render_ms, 1),
            "key_median_ms": round(key_ms, 1),
            "key_p95_ms": round(worst, 1),
        }
        if "tools_ms" in found:
            ev, gen = statistics.median(found["tools_ms"]["evaluate"]), statistics.median(found["tools_ms"]["generate"])
            print(f"  Evaluate in the browser: median {ev:.1f} ms; Generate exercises: median {gen:.1f} ms (5 runs)")
            figures[model].update(evaluate_median_ms=round(ev, 1), generate_median_ms=round(gen, 1))
        ok = ok and render_ms <= RENDER_BUDGET_MS and key_ms <= KEY_BUDGET_MS
    print("within budget" if ok else "OVER BUDGET")
    if args.record:
        from benchmarks.record import write_results

        write_results(ROOT / "benchmarks" / "results" / "annotate_widget.json", figures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
