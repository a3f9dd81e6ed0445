"""Driving JupyterLab (and Notebook 7) in the page through ``window.jupyterapp``, as Galata does.

Galata, JupyterLab's own UI-test package, runs with ``expose_app_in_browser`` and calls the
application's commands (``docmanager:open``, ``notebook:run-all-cells``, ...) from the page. The
helpers below do the same from Python with Playwright, and read the notebook model (outputs,
execution counts, metadata) from the app rather than guessing from the screen. Everything a
student does (answering, pressing keys, clicking buttons) goes through the real DOM instead.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page

RUN_TIMEOUT = 120_000  # ms: one lesson's Run All on a loaded 2-core machine (about 10 s when quiet)
UI_TIMEOUT = 30_000
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# A code cell that shows an exercise: one show(...) call per exercise.
SHOW_CALL = re.compile(r"^\s*show\(", re.MULTILINE)
# Every {eval} result is in and shown (compared as plain text, as test_lessons.test_no_raw_myst does).
EVALUATED = """(id) => {
  const plain = (t) => String(t).replace(/[`*_'"\u2018\u2019\u201c\u201d]/g, '').split(/\\s+/).join(' ').trim();
  return __dl.cells(id).every((c) => {
    if (c.type !== 'markdown' || !c.source.includes('{eval}')) return true;
    if (!c.user_expressions || /Unexecuted inline expression/.test(c.rendered_text || '')) return false;
    const shown = plain(c.rendered_text || '');
    return c.user_expressions.every((r) => {
      const data = (r.result && r.result.data) || {};
      return shown.includes(plain(data['text/markdown'] || data['text/plain'] || ''));
    });
  });
}"""

# Installed once per page: small functions the tests call with page.evaluate("__dl.x(...)").
HELPERS = r"""
(() => {
  const app = () => window.jupyterapp;
  const panel = (id) => {
    for (const w of app().shell.widgets('main')) if (w.id === id) return w;
    throw new Error('no document ' + id);
  };
  const outputs = (cell) => {
    const list = [];
    const area = cell.model.outputs;
    if (!area) return list;
    for (let i = 0; i < area.length; i++) list.push(area.get(i).toJSON());
    return list;
  };
  window.__dl = {
    panel,
    async open(path) {
      const w = await app().commands.execute('docmanager:open', { path, factory: 'Notebook' });
      await w.context.ready;
      await w.sessionContext.ready;
      app().shell.activateById(w.id);
      return w.id;
    },
    kernelStatus(id) {
      const k = panel(id).sessionContext.session && panel(id).sessionContext.session.kernel;
      return k ? k.status : 'none';
    },
    async runAll(id) {
      app().shell.activateById(id);
      return await app().commands.execute('notebook:run-all-cells');
    },
    async command(id, name, args) {
      if (id) app().shell.activateById(id);
      return await app().commands.execute(name, args || {});
    },
    cells(id) {
      return panel(id).content.widgets.map((cell, i) => ({
        index: i,
        type: cell.model.type,
        source: cell.model.sharedModel.getSource(),
        execution_count: cell.model.type === 'code' ? cell.model.executionCount : null,
        outputs: cell.model.type === 'code' ? outputs(cell) : [],
        user_expressions: cell.model.getMetadata ? (cell.model.getMetadata('user_expressions') || null) : null,
        text: cell.node.innerText,
        rendered_text: cell.model.type === 'markdown'
          ? (cell.node.querySelector('.jp-MarkdownOutput, .jp-RenderedMarkdown, .myst') || { innerText: '' }).innerText : null,
        exercises: Array.from(cell.node.querySelectorAll('.dl-exercise')).map(
          (e) => ({ id: e.getAttribute('data-exercise-id'), rendered: !!e.querySelector('.dl-ex') })),
        // The widget manager's failures: a missing model, or a front-end module that did not load.
        widget_errors: (cell.node.innerText.match(/(Error displaying widget|Failed to load|Open Browser Console)[^\n]*/g) || []),
        // The output nodes on screen, in model order: drawn once something is there (or an error text).
        output_nodes: Array.from(cell.node.querySelectorAll('.jp-OutputArea-child')).map(
          // (The widget manager's "Loading widget…" placeholder does not count as drawn.)
          (n) => ({ drawn: !!n.querySelector('.dl-ex, input, button, select, textarea, img, svg')
                    || /Error displaying widget|Failed to load|Open Browser Console/.test(n.innerText)
                    || (n.innerText.trim() !== '' && !/loading/i.test(n.innerText)),
                    text: n.innerText.slice(0, 200) })),
      }));
    },
    cellCount(id) { return panel(id).content.widgets.length; },
    activeCell(id) { return panel(id).content.activeCellIndex; },
    mode(id) { return panel(id).content.mode; },
    async closeAll() {
      for (const w of Array.from(app().shell.widgets('main'))) {
        if (w.context) {
          w.context.model.dirty = false;  // a test's leftovers are thrown away: no "save?" dialog
          if (w.sessionContext && w.sessionContext.session) await w.sessionContext.shutdown();
        }
        w.close();
      }
    },
  };
})();
"""


class Lab:
    """One page on the server: JupyterLab at /lab, or Notebook 7 (see :meth:`start`)."""

    def __init__(self, page: Page, server):
        self.page, self.server = page, server
        self.console_errors: list[str] = []
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

    # ------------------------------------------------------------------ the app

    def start(self, path: str = "lab?reset") -> None:
        sep = "&" if "?" in path else "?"
        self.page.goto(f"{self.server.url}{path}{sep}token={self.server.token}")
        self.wait_app()

    def wait_app(self) -> None:
        self.page.wait_for_function("() => window.jupyterapp !== undefined", timeout=UI_TIMEOUT * 2)
        self.page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
        self.page.evaluate(HELPERS)

    def js(self, expression: str, arg=None):
        """Call ``__dl`` helpers: ``lab.js("(id) => __dl.cells(id)", id)``."""
        return self.page.evaluate(expression, arg)

    def close_all(self) -> None:
        self.dismiss_dialogs()
        self.js("() => __dl.closeAll()")

    def dismiss_dialogs(self) -> None:
        dialogs = self.page.locator(".jp-Dialog")
        while dialogs.count():
            self.page.keyboard.press("Escape")
            dialogs.first.wait_for(state="detached", timeout=UI_TIMEOUT)

    # ------------------------------------------------------------------ notebooks

    def open(self, path: str) -> str:
        """Open a notebook (path relative to the server root); return its panel id once its kernel is idle."""
        panel = self.js("(p) => __dl.open(p)", path)
        self.wait_idle(panel)
        return panel

    def open_notebook7(self, path: str) -> str:
        """Go to ``path``'s Notebook 7 page (one notebook a browser tab); its panel id once its kernel is idle."""
        response = self.page.goto(f"{self.server.url}notebooks/{path}?token={self.server.token}")
        assert response is not None and response.status == 200
        self.wait_app()
        panel = self.page.evaluate("""() => { for (const w of window.jupyterapp.shell.widgets('main'))
                                                if (w.sessionContext) return w.id; return null; }""")
        assert panel, "Notebook 7 shows no notebook"
        self.page.evaluate("(id) => __dl.panel(id).sessionContext.ready", panel)
        self.wait_idle(panel)
        return panel

    def wait_idle(self, panel: str, timeout: float = RUN_TIMEOUT) -> None:
        self.page.wait_for_function("(id) => __dl.kernelStatus(id) === 'idle'", arg=panel, timeout=timeout)

    @contextmanager
    def ran(self, path: str) -> Iterator[str]:
        """Open ``path``, Run All, yield its panel id; close everything (and its kernel) afterwards."""
        panel = self.open(path)
        self.run_all(panel)
        try:
            yield panel
        finally:
            self.close_all()

    def run_all(self, panel: str) -> float:
        """Run → Run All Cells; wait until every cell ran and every widget output is drawn. Returns seconds."""
        started = time.monotonic()
        self.js("(id) => __dl.runAll(id)", panel)
        self.wait_idle(panel)
        self.wait_widgets_drawn(panel)
        return time.monotonic() - started

    def wait_widgets_drawn(self, panel: str) -> None:
        """Until each widget output of the model is on screen: drawn, or the manager's error text."""
        self.page.wait_for_function(
            """(args) => __dl.cells(args.id).every((c) => {
                 // Outputs no renderer knows (myst-nb's glue records) get no node at all, so count widgets only.
                 const widgets = c.outputs.filter((o) => o.data && o.data[args.mime]).length;
                 return c.output_nodes.filter((n) => n.drawn).length >= widgets && c.exercises.every((e) => e.rendered);
               })""",
            arg={"id": panel, "mime": WIDGET_MIME},
            timeout=UI_TIMEOUT,
        )

    def cells(self, panel: str) -> list[dict]:
        return self.js("(id) => __dl.cells(id)", panel)

    def cell_count(self, panel: str) -> int:
        return self.js("(id) => __dl.cellCount(id)", panel)

    def command(self, name: str, panel: str | None = None, args: dict | None = None):
        return self.js("(a) => __dl.command(a.id, a.name, a.args)", {"id": panel, "name": name, "args": args})

    def save(self, panel: str) -> None:
        self.command("docmanager:save", panel)
        self.page.wait_for_function("(id) => !__dl.panel(id).context.model.dirty", arg=panel, timeout=UI_TIMEOUT)

    def restart_kernel(self, panel: str) -> None:
        """Kernel → Restart Kernel…, confirmed in the dialog, as a student does it."""
        self.page.evaluate("(id) => { window.__dl_restart = __dl.command(id, 'notebook:restart-kernel'); }", panel)
        self.page.locator(".jp-Dialog .jp-mod-accept").click(timeout=UI_TIMEOUT)
        self.page.evaluate("() => window.__dl_restart")
        self.wait_idle(panel)

    # ------------------------------------------------------------------ exercises

    def exercise(self, panel: str, exercise_id: str, nth: int = 0) -> Locator:
        return self.page.locator(f'[id="{panel}"] .dl-exercise[data-exercise-id="{exercise_id}"]').nth(nth)


def show_cells(cells: list[dict]) -> list[dict]:
    """The code cells that show exercises."""
    return [c for c in cells if c["type"] == "code" and SHOW_CALL.search(c["source"])]


def assert_lesson_drawn(lab: Lab, panel: str, when: str) -> list[dict]:
    """Every show cell holds its drawn exercise and every {eval} shows its value: the lesson opened trusted.
    (Untrusted, JupyterLab and Notebook 7 draw each exercise as its plain-text stand-in, "run this cell".)"""
    lab.wait_widgets_drawn(panel)
    cells = lab.cells(panel)
    errors = [f"cell {c['index']}: {e}" for c in cells for e in c["widget_errors"]]
    assert errors == [], "\n".join(errors)
    shows = show_cells(cells)
    undrawn = [c for c in shows if not c["exercises"] or not all(e["rendered"] for e in c["exercises"])]
    assert shows and undrawn == [], f"exercises not drawn {when}:\n" + "\n".join(
        f"cell {c['index']}: {c['text'][:200]!r}" for c in undrawn
    )
    try:
        lab.page.wait_for_function(EVALUATED, arg=panel, timeout=UI_TIMEOUT)
    except Exception:
        raise AssertionError(f"{{eval}} values not shown {when}") from None
    return cells


def exercise_outputs(cell: dict) -> int:
    """How many of the cell's outputs are widget views (each is drawn as one widget on screen)."""
    return sum(1 for o in cell["outputs"] if o.get("data", {}).get(WIDGET_MIME))


def errors_in(cells: list[dict]) -> list[str]:
    """Error outputs and stderr text of every code cell, as 'cell N: text'."""
    found = []
    for c in cells:
        for o in c["outputs"]:
            if o.get("output_type") == "error":
                found.append(f"cell {c['index']}: {o.get('ename')}: {o.get('evalue')}")
            elif o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = o.get("text")
                found.append(f"cell {c['index']}: stderr: {''.join(text) if isinstance(text, list) else text}")
    return found


def dump(value) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False)[:4000]


# ---------------------------------------------------------------------- answering, as a student does


def give_answer(ex: Locator, exercise, answer) -> None:
    """Put ``answer`` (in the submission's answer shape) into the exercise's controls with clicks and typing."""
    t = exercise.type
    if t == "choice":
        ex.locator(f'input[type="radio"][value="{answer}"]').check()
    elif t == "multi":
        for box in ex.locator('input[type="checkbox"]').all():
            box.set_checked(box.get_attribute("value") in answer)
    elif t in ("tagging", "matching"):
        for row, value in answer.items():
            # Each row's select has the id dl-<exercise id>-<row id>-<n> (dl-exercises.js uid()).
            ex.locator(f'select[id^="dl-{exercise.id}-{row}-"]').select_option(value)
    elif t == "span":
        for token in answer:
            ex.locator(f'button.dl-token[data-token-id="{token}"]').click()
    elif t == "ordering":
        for target, item in enumerate(answer):
            # Move the item up with its Up button until it stands at its place (the list is redrawn each time).
            while True:
                ids = ex.locator("ol.dl-order > li").evaluate_all("(lis) => lis.map((li) => li.dataset.itemId)")
                if ids.index(item) == target:
                    break
                ex.locator(f'ol.dl-order > li[data-item-id="{item}"] button.dl-move').first.click()
    elif t in ("short_text", "rewrite"):
        ex.locator("textarea").fill(answer)
    else:
        raise ValueError(f"no way to answer a {t} exercise")


def submit(ex: Locator, timeout: float = UI_TIMEOUT) -> str:
    """Press Check (or Save answer / Submit and compare); wait for the feedback; return its text."""
    ex.locator("button.dl-check").click()
    feedback = ex.locator('.dl-feedback[class*="dl-status-"]')
    feedback.wait_for(state="visible", timeout=timeout)
    return feedback.inner_text()


def shown_answer(ex: Locator, exercise):
    """What the exercise's controls hold now, in the answer shape (None when empty)."""
    t = exercise.type
    if t == "choice":
        values = ex.locator('input[type="radio"]:checked').evaluate_all("(xs) => xs.map((x) => x.value)")
        return values[0] if values else None
    if t == "multi":
        return ex.locator('input[type="checkbox"]:checked').evaluate_all("(xs) => xs.map((x) => x.value)") or None
    if t in ("tagging", "matching"):
        rows = exercise.data.get("sentences") or exercise.data.get("items")
        got = {}
        for row in rows:
            row_id = row if isinstance(row, str) else row["id"]
            value = ex.locator(f'select[id^="dl-{exercise.id}-{row_id}-"]').input_value()
            if value:
                got[row_id] = value
        return got or None
    if t == "span":
        return (
            ex.locator('button.dl-token[aria-pressed="true"]').evaluate_all("(bs) => bs.map((b) => b.dataset.tokenId)")
            or None
        )
    if t == "ordering":
        return ex.locator("ol.dl-order > li").evaluate_all("(lis) => lis.map((li) => li.dataset.itemId)")
    if t in ("short_text", "rewrite"):
        return ex.locator("textarea").input_value() or None
    raise ValueError(t)
