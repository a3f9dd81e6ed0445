"""The notebook widget's front end in Chromium, with a stand-in for anywidget's model.

What a student meets in JupyterLab when the kernel is gone (restarted, or a reopened notebook whose
widgets were restored from saved state): the exercise must never hang on "Checking…", must say to
re-run the cells, and must keep the answer in the browser and hand it to Python when the cell is
run again. Also the keyboard (notebook shortcuts must not fire inside an exercise), the rubric
ticks, the saved icon and the spacing of the words of a span exercise. No server, no network.
"""

from __future__ import annotations

import json

import pytest

from discourse_lab.exercises import AnswerStore, get
from discourse_lab.exercises.widget import ExerciseWidget, asset

pytestmark = pytest.mark.browser

# The harness: imports the widget's ESM and renders it against a stand-in model.
# opts.reply: "python" answers like the kernel (via window.__reply), "none" never answers,
# "throw" has save_changes throw (no comm at all). opts.live: comm_live of the model as the
# widget manager holds it (undefined: no manager).
HARNESS = """
window.__mount = async (esm, state, opts) => {
  const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
  const mod = await import(url);
  const handlers = {}, sent = [];
  const model = {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; },
    save_changes: () => {
      if (opts.reply === "throw") throw new Error("Syncing error: no comm channel defined");
      sent.push(["answer", state.answer], ["rubric_ticks", state.rubric_ticks]);
    },
    on: (ev, f) => { handlers[ev] = f; },
    off: (ev) => { delete handlers[ev]; },
  };
  const statusHandlers = [];
  if (opts.live !== undefined) {
    const real = {get: (k) => state[k], comm_live: opts.live};
    model.widget_manager = {_models: {m1: Promise.resolve(real)},
                            kernel: {statusChanged: {connect: (f) => statusHandlers.push(f), disconnect: () => {}}}};
  }
  const el = document.createElement("div");
  el.id = opts.id || "out";
  document.body.appendChild(el);
  const cleanup = mod.default.render({model, el});
  window.__w = window.__w || {};
  window.__w[el.id] = {state, handlers, sent, statusHandlers, cleanup};
  await new Promise((r) => setTimeout(r, 50));  // the comm check and any kept answer run after render
};
window.__reply = (id, fb, attempts) => {
  const w = window.__w[id];
  w.state.feedback = fb; w.state.attempts = attempts;
  w.handlers["change:feedback"](); w.handlers["change:attempts"]();
};
"""


def state_of(widget):
    state = {
        k: v
        for k, v in widget.get_state().items()
        if k in ("spec", "answer", "feedback", "attempts", "notice", "rubric_ticks", "store_key", "reply_timeout_ms")
    }
    state["reply_timeout_ms"] = 300
    return state


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>t</title><body></body>"
        ),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("http://127.0.0.1/")  # an origin, so localStorage exists; answered by the route above
    page.add_style_tag(content=asset("dl-exercises.css"))
    page.add_script_tag(content=HARNESS)
    yield page
    assert errors == []
    context.close()


@pytest.fixture
def widget(tmp_path):
    return ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(tmp_path / "practice.json"))


def mount(page, widget, **opts):
    page.evaluate("([esm, state, opts]) => window.__mount(esm, state, opts)", [widget._esm, state_of(widget), opts])


def kept(page):
    return page.evaluate("""() => Object.keys(localStorage).filter((k) => k.startsWith("discourse-lab:pending:"))
                                   .map((k) => [k, JSON.parse(localStorage.getItem(k)).answer])""")


def test_no_reply_says_to_rerun_and_keeps_the_answer_then_a_rerun_saves_it(page, widget):
    """Kernel restarted, cell not re-run: Check must not hang, and the re-run widget must save the answer."""
    mount(page, widget, reply="none")
    page.click("#out input[value=b]")
    page.click("#out button.dl-check")
    assert page.inner_text("#out .dl-feedback") == "Checking\u2026"
    page.wait_for_function(
        "() => !document.querySelector('#out .dl-feedback').textContent.startsWith('Checking')", timeout=3000
    )
    text = page.inner_text("#out .dl-feedback")
    assert "Not saved yet" in text and "Run \u2192 Run All Cells" in text and "kept in this browser" in text
    assert kept(page) == [
        [f"discourse-lab:pending:v1:{widget.store_key}:ch01-source-dateline:{get('ch01-source-dateline').version}", "b"]
    ]
    # The re-run: a new widget in a new kernel, same store, nothing saved there yet.
    again = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(widget.store.path))
    mount(page, again, reply="python", id="rerun")
    sent = page.evaluate("() => window.__w.rerun.sent")
    assert ["answer", "b"] in sent
    again.answer = "b"  # what the kernel does with it
    page.evaluate("([fb, n]) => window.__reply('rerun', fb, n)", [again.feedback, again.attempts])
    assert page.is_checked("#rerun input[value=b]")
    assert page.inner_text("#rerun .dl-feedback").startswith("\u2714 Correct")
    assert "was kept in this browser; it is now saved" in page.inner_text("#rerun .dl-notice")
    assert kept(page) == []
    assert widget.store.entry("ch01-source-dateline")["answer"] == "b"


def test_a_late_reply_replaces_the_warning_and_forgets_the_kept_answer(page, widget):
    mount(page, widget, reply="none")
    page.click("#out input[value=c]")
    page.click("#out button.dl-check")
    page.wait_for_function(
        "() => document.querySelector('#out .dl-feedback').textContent.includes('Not saved yet')", timeout=3000
    )
    widget.answer = "c"
    page.evaluate("([fb, n]) => window.__reply('out', fb, n)", [widget.feedback, widget.attempts])
    assert page.inner_text("#out .dl-feedback").startswith("\u2716 Not quite")
    assert kept(page) == []


def test_no_comm_at_all_is_said_at_once(page, widget):
    mount(page, widget, reply="throw")
    page.click("#out input[value=b]")
    page.click("#out button.dl-check")
    assert "Not saved yet" in page.inner_text("#out .dl-feedback")  # no wait for the timeout
    assert [a for _, a in kept(page)] == ["b"]


def test_a_dead_comm_or_a_kernel_restart_is_announced_before_any_check(page, widget):
    """A widget restored from a saved notebook has no live comm; a restart kills the live one."""
    mount(page, widget, reply="python", live=False)
    assert "lost its connection" in page.inner_text("#out .dl-notice")
    page.click("#out input[value=b]")
    page.click("#out button.dl-check")
    assert "Not saved yet" in page.inner_text("#out .dl-feedback")
    assert page.evaluate("() => window.__w.out.sent") == []
    mount(page, widget, reply="python", live=True, id="live")
    assert page.is_hidden("#live .dl-notice")
    page.evaluate("() => window.__w.live.statusHandlers.forEach((f) => f(null, 'restarting'))")
    assert "Run \u2192 Run All Cells" in page.inner_text("#live .dl-notice")


def test_an_answer_python_already_has_is_not_sent_again(page, widget):
    widget.answer = "b"
    page.evaluate(
        """([k]) => localStorage.setItem(k, JSON.stringify({answer: "b"}))""",
        [f"discourse-lab:pending:v1:{widget.store_key}:ch01-source-dateline:{get('ch01-source-dateline').version}"],
    )
    mount(page, widget, reply="python")
    assert page.evaluate("() => window.__w.out.sent") == []
    assert kept(page) == []


@pytest.mark.parametrize("capture", [False, True], ids=["jupyterlab-bubbling", "notebook7-capturing"])
def test_notebook_shortcuts_do_not_see_keys_typed_in_an_exercise(page, widget, capture):
    """The shortcut handler listens on the document, bubbling (JupyterLab) or capturing (Notebook 7):
    "d", "b" and arrows typed in an exercise must not reach it; Ctrl chords and Escape must."""
    mount(page, widget, reply="python")
    page.evaluate(
        """(capture) => { window.__seen = [];
                             document.addEventListener("keydown", (e) => {
                               if (!["Control", "Shift", "Alt", "Meta"].includes(e.key)) window.__seen.push((e.ctrlKey ? "C-" : "") + e.key); }, capture); }""",
        capture,
    )
    page.focus("#out input[value=a]")
    for key in ("d", "d", "b", "ArrowDown", "Control+s", "Escape"):
        page.keyboard.press(key)
    assert page.evaluate("() => window.__seen") == ["C-s", "Escape"]
    assert page.is_checked("#out input[value=b]")  # the arrow still moved the choice


def test_span_words_still_answer_their_arrow_keys(page, tmp_path):
    widget = ExerciseWidget(get("ch01-source-house-style"), store=AnswerStore(tmp_path / "p.json"))
    mount(page, widget, reply="python")
    page.evaluate(
        "() => { window.__seen = []; document.addEventListener('keydown', (e) => window.__seen.push(e.key), true); }"
    )
    page.focus("#out .dl-token >> nth=0")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.dataset.tokenId") == page.get_attribute(
        "#out .dl-token >> nth=1", "data-token-id"
    )
    assert page.get_attribute("#out .dl-token >> nth=1", "aria-pressed") == "true"
    assert page.evaluate("() => window.__seen") == []


def test_rubric_ticks_are_sent_and_restored(page, tmp_path):
    ex = get("ch01-source-left-out")
    widget = ExerciseWidget(ex, store=AnswerStore(tmp_path / "p.json"))
    widget.answer = "TASS reported a point the item leaves out."
    mount(page, widget, reply="python")
    boxes = "#out .dl-rubric input[type=checkbox]"
    assert page.locator(boxes).count() == len(ex.data["rubric"]) >= 2
    page.locator(boxes).nth(1).check()
    ticks = [v for k, v in page.evaluate("() => window.__w.out.sent") if k == "rubric_ticks"][-1]
    assert ticks == [False, True] + [False] * (len(ex.data["rubric"]) - 2)
    widget.rubric_ticks = ticks  # the kernel saves them
    again = ExerciseWidget(ex, store=AnswerStore(tmp_path / "p.json"))
    mount(page, again, reply="python", id="again")
    assert [page.locator("#again .dl-rubric input").nth(i).is_checked() for i in range(len(ticks))] == ticks


def test_saved_does_not_wear_the_correct_icon(page, widget):
    mount(page, widget, reply="python")
    icons = page.evaluate("""() => ["correct", "saved"].map((status) => {
        const el = document.createElement("div");
        const v = DLExercises.render(el, window.__w.out.state.spec, {commit() {}});
        v.showFeedback({status: status, summary: status, messages: []}, 1);
        return el.querySelector(".dl-icon").textContent; })""")
    assert icons[0] != icons[1] and all(icons)


@pytest.mark.parametrize(
    "exercise_id, left, right",
    [
        ("ch02-who-speaks-content", "Moscow", "'s"),
        ("ch01-source-house-style", "90", "minute"),
    ],
)
def test_span_words_stand_as_close_as_the_sentence_writes_them(page, tmp_path, exercise_id, left, right):
    """ "Moscow's" and "90-minute" must not read "Moscow 's" and "90 - minute"."""
    widget = ExerciseWidget(get(exercise_id), store=AnswerStore(tmp_path / "p.json"))
    mount(page, widget, reply="python")
    gap = page.evaluate(
        """([a, b]) => {
        const tokens = [...document.querySelectorAll("#out .dl-token")];
        const i = tokens.findIndex((t, j) => t.textContent === a && tokens[j + 1] &&
                                   (tokens[j + 1].textContent === b));
        // The words' own text boxes: a button's padding and border would show as space.
        const text = (t) => { const r = document.createRange(); r.selectNodeContents(t.firstChild); return r.getBoundingClientRect(); };
        const ra = text(tokens[i]), rb = text(tokens[i + 1]);
        const between = document.createRange();
        between.setStartAfter(tokens[i]); between.setEndBefore(tokens[i + 1]);
        return rb.left - ra.right - between.getBoundingClientRect().width; }""",
        [left, right],
    )
    assert abs(gap) < 0.5


def test_static_graded_rewrite_counts_the_indicators_and_keeps_ticks(browser, tmp_path):
    """The static page's graded rewrite shows the indicator counts its prompt asks about."""
    from discourse_lab.exercises.static import render_html

    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=(
                "<!doctype html><title>t</title><body>"
                + render_html(get("ch01-source-neutral-close"), "graded")
                + "</body>"
            ),
        ),
    )
    page = context.new_page()
    page.goto("http://127.0.0.1/")
    page.add_script_tag(content=asset("dl-exercises.js"))
    page.evaluate("() => DLExercises.initPage()")
    page.fill(".dl-exercise textarea", "In the interview, Lavrov set out Russia's approach to the conflicts.")
    page.click(".dl-exercise button.dl-check")
    text = page.inner_text(".dl-feedback")
    assert "Answer saved" in text and "Bias indicators" in text
    stored = json.loads(page.evaluate("() => localStorage.getItem(DLExercises.STORAGE_KEY)"))
    assert stored["answers"]["ch01-source-neutral-close"]["mode"] == "graded"
    context.close()
