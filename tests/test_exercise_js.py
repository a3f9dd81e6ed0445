"""The browser's scoring agrees with Python's: the same answers give the same points and feedback.

The static book checks answers with ``score`` in ``assets/dl-exercises.js``; the notebook and the
grader with :func:`discourse_lab.exercises.score`. Both run here on the same answers, in headless
Chromium on a blank page (no server, no network).
"""

from __future__ import annotations

import itertools

import pytest

from discourse_lab.exercises import get, score
from discourse_lab.exercises.widget import asset


@pytest.fixture(scope="module")
def js_page(browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # nothing may be fetched
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<!doctype html><title>t</title><body></body>")
    page.add_script_tag(content=asset("dl-exercises.js"))
    assert page.evaluate("typeof DLExercises.score") == "function"
    yield page
    assert errors == []
    context.close()


def js_score(page, exercise, answer):
    return page.evaluate("([spec, answer]) => DLExercises.score(spec, answer)", [exercise.client_spec(), answer])


def answers_for(exercise):
    """A spread of right, partial and wrong answers in the exercise's answer shape."""
    d, t = exercise.data, exercise.type
    if t == "choice":
        return [o["id"] for o in d["options"]]
    if t == "multi":
        ids = [o["id"] for o in d["options"]]
        return [list(c) for n in (1, 2, 3, len(ids)) for c in itertools.combinations(ids, n)][:40]
    if t in ("tagging", "matching"):
        rows = d["sentences"] if t == "tagging" else [i["id"] for i in d["items"]]
        choices = [x["id"] for x in d["labels" if t == "tagging" else "targets"]]
        key = exercise.answer_key
        out = [key, {}]
        for shift in range(1, len(choices)):
            out.append(
                {r: choices[(choices.index(key[r]) + shift * (i % 2)) % len(choices)] for i, r in enumerate(rows)}
            )
        out.append({r: choices[0] for r in rows[:2]})
        return out
    if t == "span":
        words = [tk.id for tk in exercise.tokens if not tk.is_punct]
        key = exercise.answer_key
        extra = [w for w in words[:3] if w not in key]
        return [key, key[:1], key + extra, words[:1], words[5:9], [tk.id for tk in exercise.tokens]]
    if t == "ordering":
        return [list(p) for p in itertools.permutations([i["id"] for i in d["items"]])][::7]
    return ["A short answer.", "word " * 200]


OBJECTIVE = [
    e
    for e in (
        "ch01-source-dateline",
        "ch01-source-interview-date",
        "ch01-source-what-the-item-says",
        "ch01-source-event-or-evaluation",
        "ch01-source-house-style",
        "ch01-source-spellings",
        "ch01-source-timeline",
        "gen-lavrov-interview-2024-voices",
        "gen-lavrov-interview-2024-unattributed",
        "gen-lavrov-interview-2024-cues-p4s1",
        "gen-lavrov-interview-2024-stance-p2s2-1",
        # hints: row names, long names as a count, pointers of each kind, repeated option feedback
        "tour-tagging",
        "tour-matching",
        "tour-ordering",
        "ch03-verbs-stance-match",
        "ch04-framing-code-frames",
        "ch05-naming-dates",
        "ch07-voices-ratings",
        "ch08-own-modes",
    )
]


@pytest.mark.parametrize("exercise_id", OBJECTIVE + ["ch01-source-left-out"])
def test_javascript_and_python_score_alike(js_page, exercise_id):
    exercise = get(exercise_id)
    for answer in answers_for(exercise):
        expected = score(exercise, answer).to_dict()
        assert js_score(js_page, exercise, answer) == expected, answer


REWRITES = [
    "In the interview, Lavrov set out Russia's approach to the conflicts.",
    "He clearly failed to see the so-called threat, and it is probably a remarkable, unprecedented betrayal.",
    "The minister revealed, noted and pointed out that the talks had apparently managed to stall.",
    "Officials insisted, claimed and reiterated that the peace-loving regime was legitimate.",
    "",
]


def test_javascript_indicator_counts_agree_with_the_toolkit(js_page):
    """Do the browser's counts equal bias.score_text's on every seed sentence and on sample rewrites?"""
    from discourse_lab.exercises.indicators import client_lexicon, counts
    from discourse_lab.sources import load_source

    texts = [s.text for s in load_source().document.sentences] + REWRITES
    lexicon = client_lexicon()
    found_any = 0
    for text in texts:
        expected = counts(text)
        got = js_page.evaluate("([lex, text]) => DLExercises.countIndicators(lex, text)", [lexicon, text])
        assert got == expected, text
        found_any += sum(map(len, expected.values()))
    assert found_any > 20  # the comparison is not vacuous


def test_widget_esm_renders_and_sends_the_answer_to_python(browser, tmp_path):
    """The anywidget ESM (core + bridge) run as a module with a stand-in for anywidget's model:
    does it render, send the answer on Check, and show the feedback Python sends back?"""
    from discourse_lab.exercises import AnswerStore
    from discourse_lab.exercises.widget import ExerciseWidget

    widget = ExerciseWidget(get("ch01-source-dateline"), store=AnswerStore(tmp_path / "a.json"))
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<!doctype html><title>t</title><body><div id='out'></div></body>")
    sent = page.evaluate(
        """async ([esm, state]) => {
            const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
            const mod = await import(url);
            const handlers = {}, sent = [];
            const model = {
              get: (k) => state[k],
              set: (k, v) => { state[k] = v; sent.push([k, v]); },
              save_changes: () => {},
              on: (ev, f) => { handlers[ev] = f; },
              off: () => {},
            };
            window.__model = {state, handlers};
            const el = document.getElementById("out");
            mod.default.render({model, el});
            el.querySelector("input[value=b]").click();
            el.querySelector("button.dl-check").click();
            return sent;
        }""",
        [
            widget._esm,
            {k: v for k, v in widget.get_state().items() if k in ("spec", "answer", "feedback", "attempts", "notice")},
        ],
    )
    assert sent == [["answer", "b"]]
    assert page.get_attribute("#out", "data-exercise-id") == "ch01-source-dateline"
    widget.answer = sent[0][1]  # what the kernel does on receiving it
    page.evaluate(
        """([fb, n]) => { const m = window.__model; m.state.feedback = fb; m.state.attempts = n;
                       m.handlers["change:feedback"](); }""",
        [widget.feedback, widget.attempts],
    )
    assert page.inner_text("#out .dl-feedback").startswith("\u2714 Correct")
    assert errors == []
    context.close()


# ------------------------------------------------------------------ checking without the key (student edition)

SALT = "5a1t-\u00e9\u2713"  # non-ASCII on purpose: both sides must hash the same UTF-8 bytes


@pytest.fixture(scope="module")
def secure_page(browser):
    """A page in a secure context (crypto.subtle exists only there): http://127.0.0.1/, answered
    by the test itself, so still nothing is fetched."""
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: route.fulfill(body="<!doctype html><title>t</title><body></body>", content_type="text/html"),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("http://127.0.0.1/")
    page.add_script_tag(content=asset("dl-exercises.js"))
    assert page.evaluate("DLExercises.canCheck()") is True
    yield page
    assert errors == []
    context.close()


def checkable_exercises():
    from discourse_lab.exercises import bank, check

    return [e.id for e in bank() if check.checkable(e)] + [
        e for e in OBJECTIVE if e.startswith("gen-") and check.checkable(get(e))
    ]


def test_javascript_digests_agree_with_python(secure_page):
    """Does crypto.subtle give hashlib's digest for every value shape the check uses?"""
    from discourse_lab.exercises import check

    cases = [
        ("ch01-source-dateline", "answer", "b"),
        ("ch01-source-what-the-item-says", "answer", ["date", "length", "outlets"]),
        ("ch01-source-event-or-evaluation", "p1s1", "event"),
        ("ch01-source-timeline", "answer", ["a", "b"]),
        ("x", "answer", []),
        ("x", "", ""),
    ]
    got = secure_page.evaluate(
        "async ([salt, cases]) => Promise.all(cases.map(c => DLExercises.digest(salt, c[0], c[1], c[2])))",
        [SALT, cases],
    )
    assert got == [check.digest(SALT, *case) for case in cases]
    assert len(set(got)) == len(cases)


@pytest.mark.parametrize("exercise_id", checkable_exercises())
def test_javascript_check_agrees_with_python_scoring(secure_page, exercise_id):
    """For a spread of answers, does the keyless check in the browser reach Python's verdict:
    the same correctness, the same points wherever it gives points, the same rows right?"""
    exercise = get(exercise_id)
    spec = exercise.client_spec("self-check", SALT)
    assert "key" not in spec
    answers = [exercise.answer_key] + answers_for(exercise)
    results = secure_page.evaluate(
        "async ([spec, answers]) => Promise.all(answers.map(a => DLExercises.verify(spec, a)))", [spec, answers]
    )
    for answer, got in zip(answers, results):
        expected = score(exercise, answer)
        assert got["correct"] == expected.correct, answer
        if expected.correct:
            assert got["feedback"]["summary"] == "Correct"
        elif exercise.type in ("choice", "multi", "ordering"):
            assert got["feedback"]["summary"] == "Not quite", answer
        if exercise.type in ("choice", "tagging", "matching") or expected.correct:
            assert got["points"] == expected.points, answer  # the digests determine the points here
            assert got["feedback"]["score"] == expected.feedback["score"]
        else:
            assert got["points"] is None and "score" not in got["feedback"], answer  # partial credit needs the key
        if exercise.type in ("tagging", "matching"):
            key = exercise.answer_key
            assert got["rows"] == {row: answer.get(row) == key[row] for row in key}, answer
            assert got["feedback"]["summary"] == expected.feedback["summary"]
    assert any(r["correct"] for r in results) and not all(r["correct"] for r in results)  # not vacuous


def test_javascript_without_crypto_subtle_says_so_and_saves(browser):
    """Plain http on a remote host has no crypto.subtle: does a check-mode exercise say in one
    sentence that checking needs a secure context, keep the answer, and log no error?"""
    import json

    from discourse_lab.exercises.static import render_html

    context = browser.new_context()
    html = (
        "<!doctype html><title>t</title><body>"
        + render_html(get("ch01-source-dateline"), "self-check", SALT)
        + "</body>"
    )
    context.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html"))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("http://selfcheck.example/")  # answered by the route above: not a secure context
    assert page.evaluate("isSecureContext") is False
    page.add_script_tag(content=asset("dl-exercises.js"))
    page.evaluate("DLExercises.initPage()")
    page.get_by_label("The text comes from MENA, Egypt's state news agency.").check()
    page.locator("button.dl-check").click()
    text = page.locator(".dl-feedback").inner_text()
    assert "needs a secure context" in text and "saved" in text and "Correct" not in text and "Not quite" not in text
    stored = json.loads(page.evaluate("localStorage.getItem(DLExercises.STORAGE_KEY)"))
    assert stored["answers"]["ch01-source-dateline"]["answer"] == "c"
    assert errors == []
    context.close()


@pytest.mark.parametrize("status", ["correct", "partial", "incorrect", "recorded", "saved", "error"])
def test_explanation_is_revealed_alike_in_javascript_and_python(js_page, status):
    """Hint first: is the full "Why" held back after one wrong try, shown after two, in both languages?"""
    from discourse_lab.exercises.scoring import reveal_explanation

    for attempts in range(4):
        js = js_page.evaluate("([s, n]) => DLExercises.revealExplanation(s, n)", [status, attempts])
        assert js == reveal_explanation(status, attempts), (status, attempts)
    assert reveal_explanation("incorrect", 1) is False and reveal_explanation("incorrect", 2) is True


def test_first_wrong_try_shows_a_hint_and_keeps_the_why_closed(js_page):
    """After one wrong try the explanation sits in a closed <details>; after the second it is open."""
    exercise = get("ch02-who-speaks-p3s1-quote")
    wrong = next(o["id"] for o in exercise.data["options"] if o["id"] != exercise.answer_key)
    shown = js_page.evaluate(
        """([spec, answer]) => {
        const box = document.createElement('div'); document.body.appendChild(box);
        const view = DLExercises.render(box, spec, {initial: {}, commit: () => {}});
        const fb = DLExercises.score(spec, answer).feedback;
        view.showFeedback(fb, 1);
        const first = {open: !!box.querySelector('details.dl-fb-why[open]'), closed: !!box.querySelector('details.dl-fb-why'),
                       visible: box.querySelector('.dl-feedback').innerText};
        view.showFeedback(fb, 2);
        const second = {closed: !!box.querySelector('details.dl-fb-why'), visible: box.querySelector('.dl-feedback').innerText};
        box.remove();
        return [first, second];
    }""",
        [exercise.client_spec(), wrong],
    )
    first, second = shown
    assert first["closed"] and not first["open"]
    assert exercise.explanation.split()[0] in second["visible"] and not second["closed"]


def test_javascript_warns_about_a_rewrite_that_lost_its_content_as_python_does(js_page):
    from discourse_lab.exercises import catalogue
    from discourse_lab.exercises.indicators import client_lexicon, warnings

    lexicon = client_lexicon()
    warned = 0
    for ex in [e for e in catalogue.bank() if e.type == "rewrite"]:
        original = ex.sentence_text[ex.data["sentence"]]
        for rewrite in [ex.data["model_answer"], "It is biased.", original, "", *REWRITES]:
            got = js_page.evaluate("([l, o, r]) => DLExercises.contentWarnings(l, o, r)", [lexicon, original, rewrite])
            assert got == warnings(original, rewrite), (ex.id, rewrite)
            warned += bool(got)
    assert warned >= 7  # the comparison is not vacuous


def test_text_longer_than_the_limit_is_not_sent_and_the_counter_says_so(js_page):
    """One limit for the page, the widget and the grader: the spec carries it, the box counts it."""
    from discourse_lab.exercises.scoring import MAX_TEXT_ANSWER, AnswerError, check_answer

    exercise = get("tour-short")
    spec = exercise.client_spec()
    assert spec["max_chars"] == MAX_TEXT_ANSWER
    long_text = "a" * (MAX_TEXT_ANSWER + 1)
    got = js_page.evaluate(
        """([spec, text]) => {
        const box = document.createElement('div'); document.body.appendChild(box);
        const sent = [];
        DLExercises.render(box, spec, {initial: {}, commit: (a) => sent.push(a)});
        const area = box.querySelector('textarea');
        area.value = text; area.dispatchEvent(new Event('input'));
        const count = box.querySelector('.dl-count').innerText;
        box.querySelector('button.dl-check').click();
        const fb = box.querySelector('.dl-feedback').innerText;
        area.value = text.slice(1); area.dispatchEvent(new Event('input'));
        box.querySelector('button.dl-check').click();
        const kept = area.value.length;
        box.remove();
        return {count, fb, sent: sent.length, kept};
    }""",
        [spec, long_text],
    )
    assert f"{MAX_TEXT_ANSWER + 1:,} of {MAX_TEXT_ANSWER:,} characters" in got["count"] and "too long" in got["count"]
    assert "limit is 5,000" in got["fb"] and got["sent"] == 1 and got["kept"] == MAX_TEXT_ANSWER
    with pytest.raises(AnswerError, match="longer than 5000"):
        check_answer(exercise, long_text)
    check_answer(exercise, long_text[1:])


def test_untouched_ordering_is_no_answer(js_page):
    """Check on an ordering nobody moved: no score, no attempt, and a line saying to move the items."""
    spec = get("ch01-source-timeline").client_spec()
    got = js_page.evaluate(
        """(spec) => {
        const box = document.createElement('div'); document.body.appendChild(box);
        const sent = [];
        DLExercises.render(box, spec, {initial: {}, commit: (a) => sent.push(a)});
        box.querySelector('button.dl-check').click();
        const first = box.querySelector('.dl-feedback').innerText;
        box.querySelectorAll('.dl-order li')[1].querySelector('button').click();  // item 2 up
        box.querySelector('button.dl-check').click();
        box.remove();
        return {first, sent};
    }""",
        spec,
    )
    assert "Move the items into order first" in got["first"] and "0 of 2 points" in got["first"]
    assert len(got["sent"]) == 1


@pytest.mark.parametrize("exercise_id", ["tour-short", "tour-rewrite", "ch07-voices-memo", "ch08-own-rewrite"])
def test_graded_and_review_pages_never_promise_a_model_answer(exercise_id):
    from discourse_lab.exercises.widget import ExerciseWidget

    exercise = get(exercise_id)
    assert "model answer" in exercise.client_spec()["help"]  # self-check shows it, and says so
    for shown in (
        exercise.client_spec("graded"),
        exercise.client_spec(salt="s"),
        ExerciseWidget(exercise, mode="graded").spec,
    ):
        assert "see the model answer" not in shown["help"] and "compare the indicators, the model" not in shown["help"]
