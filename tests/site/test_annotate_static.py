"""Lesson 8's annotation widget on the built site, in headless Chromium with no kernel and every
request outside 127.0.0.1 blocked, on a desktop and a 390 px phone: annotate the example with the
keyboard only (a voice, a suggestion accepted and one rejected, a relation made from three spans,
an undo), reload the page (nothing lost), Evaluate (the errors Python's evaluate lists for the
downloaded file), Generate exercises (the downloaded bank is Python's generate of the downloaded
file), download ``annotations.yml`` and read it: YAML, valid against the annotation schema, the
marks made, and the bytes the notebook's store would write for the same document."""

from __future__ import annotations

import shutil

import pytest
import yaml

from discourse_lab import datafiles
from discourse_lab.analysis import analyze
from discourse_lab.annotate import agree, offline, store
from discourse_lab.evaluation import evaluate
from discourse_lab.exercises import generate
from discourse_lab.sources import load_source, source_at

PAGE = "chapters/08_your_own_text.html"
SLUG = "sarn-river-treaty"
ANNOTATOR = "A web reader"
WHY_P1S1 = "The writer reports the signing as fact."
WHY_P2S1 = "A quotation with its speaker named after it."
WHY_RELATION = "Quotation marks around the minister's words."
CONTENT = "This treaty protects every farmer on both banks of the river"
SPEAKER = "Marovian Foreign Minister Ilse Darrow"


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def reader(browser, request):
    """A desktop (1280 px) or phone-wide (390 px) page that may download, with outside requests blocked."""
    width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 844}, accept_downloads=True
    )
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page, errors
    context.close()


def open_widget(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_selector(".dl-annotate.dl-ready .dl-an-doc")


def focused(page) -> str:
    """What has the focus: the widget's text, a field (its data-key), a button (its text)."""
    return page.evaluate(
        """() => { const a = document.activeElement;
        if (a.classList.contains('dl-an-doc')) return 'doc';
        return a.getAttribute('data-key') || a.textContent.trim() || a.tagName; }"""
    )


def tab_to(page, wanted: str, limit: int = 400, key: str = "Tab") -> None:
    """Press Tab until the focus is on ``wanted`` (see :func:`focused`): reachable by keyboard."""
    for _ in range(limit):
        if focused(page) == wanted:
            return
        page.keyboard.press(key)
    pytest.fail(f"{wanted!r} is not reachable with {key}")


def current(page) -> str:
    return page.locator(".dl-an-s.dl-an-current").get_attribute("data-sid")


def press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def type_why(page, text: str) -> None:
    """``w`` focuses the first empty rationale of the sentence; type, Enter returns to the text."""
    press(page, "w")
    assert focused(page).endswith("rationale"), focused(page)
    page.keyboard.type(text)
    press(page, "Enter")
    assert focused(page) == "doc"


def evaluation_shown(page) -> dict:
    """What the Evaluate button printed: its message, the listed errors and the score table's rows."""
    return {
        "message": page.locator('[data-result="evaluate"]').inner_text(),
        "errors": page.locator(".dl-an-errors li").all_inner_texts(),
        "scores": [row.locator("th, td").all_inner_texts() for row in page.locator(".dl-an-scores tbody tr").all()],
    }


def sentence_text(page, sid: str) -> str:
    return page.locator(f'.dl-an-s[data-sid="{sid}"]').inner_text()


def annotate_by_keyboard(page) -> None:
    tab_to(page, "doc")
    # the annotator's name: the field is five stops before the text (toggle, Evaluate, Generate, Keys)
    tab_to(page, "doc:annotator", key="Shift+Tab", limit=7)
    page.keyboard.type(ANNOTATOR)
    press(page, "Enter")
    assert focused(page) == "doc" and current(page) == "p1s1"

    # p1s1, blind: a voice (v cycles source -> journalist), its rationale
    press(page, "v", "v")
    type_why(page, WHY_P1S1)
    # suggestions on: the voice is covered, the first left is the framing: accept it
    press(page, "s")
    assert "framing: none" in page.locator(".dl-an-s.dl-an-current .dl-an-sug").first.inner_text()
    press(page, "a")
    assert page.locator(".dl-an-s.dl-an-current .dl-an-sug").count() == 0

    # p2s1: reject the toolkit's voice, then make the relation from three spans
    press(page, "j", "j", "j", "j")
    assert current(page) == "p2s1"
    first = page.locator(".dl-an-s.dl-an-current .dl-an-sug").first.inner_text()
    assert "voice: source" in first, first
    press(page, "x")
    assert "voice: source" not in page.locator(".dl-an-s.dl-an-current .dl-an-sug").first.inner_text()
    # tokens: 0 is the opening quotation mark, 1-11 the quoted words, 14-18 the minister, 19 "told"
    press(page, "ArrowRight", *["Shift+ArrowRight"] * 10, "3")
    press(page, *["ArrowRight"] * 8, "1")
    press(page, *["ArrowLeft"] * 5, *["Shift+ArrowRight"] * 4, "2")
    # the hand-made relation covers the toolkit's; its reporting cue and framing are left: accept both
    press(page, "a", "a")
    press(page, "v")  # the voice, by hand: source
    type_why(page, WHY_P2S1)
    type_why(page, WHY_RELATION)

    # a mistake, undone: the selected word marked as a bias cue, then Ctrl+Z
    press(page, "Home", "b")
    assert "bias" in sentence_text(page, "p2s1")
    press(page, "Control+z")
    assert "bias:" not in sentence_text(page, "p2s1")


def check_file(path, tmp_path) -> dict:
    """The downloaded file: YAML, valid (datafiles, the schema), and as the notebook's store writes it."""
    raw = path.read_text(encoding="utf-8")
    doc = yaml.safe_load(raw)
    folder = tmp_path / SLUG
    folder.mkdir()
    (folder / "annotations.yml").write_text(raw, encoding="utf-8")
    assert datafiles.load(folder / "annotations.yml", store.SCHEMA) == doc  # raises if the schema finds a problem
    order = [s.id for s in load_source(SLUG).document.sentences]
    assert raw == store.header_of(raw.encode("utf-8"), SLUG) + store.dump(store.canonical(doc, order))
    return doc


def shown_number(v) -> str:
    """A score as the widget shows it (JavaScript's String of the number)."""
    return "\u2014" if v is None else f"{v:g}"


def check_evaluation(shown: dict, doc: dict) -> None:
    """What Evaluate showed is the notebook's Evaluate of the downloaded file: Python's evaluate of
    the toolkit's analysis against it, every score and every error, in order."""
    expected = offline.evaluation_reply(evaluate(analyze(load_source(SLUG).document), doc), len(doc["sentences"]))
    assert shown["message"] == expected["message"]
    assert shown["errors"] == [f"{e['sentence']} {e['component']} {e['error']} {e['text']}" for e in expected["errors"]]
    assert shown["scores"] == [
        [r["component"], *(shown_number(r[k]) for k in ("precision", "recall", "f1"))] for r in expected["scores"]
    ]


def check_bank(bank_path, message: str, folder) -> None:
    """The downloaded bank is what ``generate`` makes of the downloaded annotation, the same bytes
    as the file the notebook writes after its header line, and the page says how many of each kind."""
    src = load_source(SLUG).folder
    for name in ("article.txt", "meta.yml"):
        shutil.copy(src / name, folder / name)
    expected = generate.bank_data(source_at(folder), 0)
    raw = bank_path.read_text(encoding="utf-8")
    assert yaml.safe_load(raw) == expected
    body = "".join(line for line in raw.splitlines(keepends=True) if not line.startswith("#"))
    assert body == yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=100)
    assert datafiles.validate(yaml.safe_load(raw), offline.BANK_SCHEMA, bank_path) == expected
    count = len(expected["exercises"])
    assert message.startswith(f"{count} exercises generated from your annotation: 1 whose voice (tagging), "), message
    stances = sum(1 for e in expected["exercises"] if "-stance-" in e["id"])
    assert f"{stances} the stance of a cue (choice)" in message


def test_annotate_the_example_by_keyboard_reload_and_download(reader, served_book, tmp_path):
    page, errors = reader
    open_widget(page, served_book + PAGE)
    page.evaluate("localStorage.clear()")
    open_widget(page, served_book + PAGE)
    annotate_by_keyboard(page)
    page.wait_for_function("document.querySelector('.dl-annotate-status').textContent.includes('Kept in this browser')")

    page.reload(wait_until="load")
    page.wait_for_selector(".dl-annotate.dl-ready .dl-an-doc")
    status = page.locator(".dl-annotate-status").inner_text()
    assert "2 sentences annotated" in status and "the file is valid" in status, (
        status,
        page.evaluate("JSON.stringify(DLAnnotateStatic.models[0].get('problems'))"),
    )
    assert page.locator("input.dl-an-annotator").input_value() == ANNOTATOR
    assert page.locator(".dl-an-sugtoggle").is_checked()  # suggestions stay on
    tab_to(page, "doc")
    press(page, "j", "j", "j", "j")
    text = sentence_text(page, "p2s1")
    assert "content 1" in text and "cue 1" in text and "source 1" in text and "bias:" not in text
    pending = page.locator(".dl-an-s.dl-an-current .dl-an-sug").all_inner_texts()
    assert not any("voice:" in line for line in pending), pending  # the rejected suggestion stays rejected

    # Evaluate, from the keyboard: the toolkit's reading (computed at build time) against this annotation
    tab_to(page, "Evaluate", key="Shift+Tab")
    press(page, "Enter")
    page.wait_for_selector('[data-result="evaluate"]')
    evaluated = evaluation_shown(page)
    # a voice changed (p1s1: journalist -> mixed) is an error of the toolkit's now; evaluated again, then undone
    tab_to(page, "doc")
    press(page, "k", "k", "k", "k", "v")
    assert current(page) == "p1s1"
    tab_to(page, "Evaluate", key="Shift+Tab")
    press(page, "Enter")
    page.wait_for_function("document.querySelectorAll('.dl-an-errors li').length > 0")
    changed = evaluation_shown(page)
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table fits (or scrolls in its box)
    tab_to(page, "doc")
    press(page, "Control+z")
    assert page.locator('.dl-an-s[data-sid="p1s1"] select[data-key$=":voice"]').input_value() == "journalist"

    # Generate exercises, then download the bank
    tab_to(page, "Generate exercises")
    press(page, "Enter")
    page.wait_for_selector('[data-result="generate"]')
    generated = page.locator('[data-result="generate"]').inner_text()
    tab_to(page, "Download generated.yml", key="Shift+Tab")
    with page.expect_download() as bank_download:
        press(page, "Enter")
    assert bank_download.value.suggested_filename == "generated.yml"
    bank_path = tmp_path / "generated.yml"
    bank_download.value.save_as(bank_path)

    tab_to(page, "Download annotations.yml", key="Shift+Tab")
    with page.expect_download() as download:
        press(page, "Enter")
    assert download.value.suggested_filename == "annotations.yml"
    path = tmp_path / "downloaded.yml"
    download.value.save_as(path)
    doc = check_file(path, tmp_path)
    check_evaluation(evaluated, doc)
    mixed = {**doc, "sentences": [{**doc["sentences"][0], "voice": "mixed"}, *doc["sentences"][1:]]}
    check_evaluation(changed, mixed)
    assert changed["errors"] == ["p1s1 voice wrong mixed"]
    check_bank(bank_path, generated, tmp_path / SLUG)

    assert doc["source"] == SLUG and doc["annotator"] == ANNOTATOR
    p1s1, p2s1 = doc["sentences"]
    assert (p1s1["id"], p1s1["voice"], p1s1["rationale"]) == ("p1s1", "journalist", WHY_P1S1)
    assert p1s1["framing"]["rationale"].startswith("The toolkit")  # the accepted suggestion
    assert (p2s1["id"], p2s1["voice"], p2s1["rationale"]) == ("p2s1", "source", WHY_P2S1)
    assert p2s1["attributions"] == [
        {"source": SPEAKER, "cue": "told", "content": CONTENT, "type": "direct", "rationale": WHY_RELATION}
    ]
    assert [c["text"] for c in p2s1["cues"]] == ["told"] and p2s1["bias_cues"] == []

    # Compare: the figures and differences `discourse-lab agree` gives for this file and the course's
    tab_to(page, "Compare with the course\u2019s annotation")
    press(page, "Enter")
    shown = page.locator(".dl-annotate-agreement").inner_text()
    source = load_source(SLUG)
    texts = {s.id: s.text for s in source.document.sentences}
    expected = agree.compare(SLUG, path, doc, source.folder / "annotations.yml", source.annotations, texts)
    voice, relations = expected.voice.to_dict(), expected.relations.to_dict()
    assert f"Voice: {voice['agreed']} of {voice['units']} sentences agree" in shown, shown
    assert (
        f"yours {relations['in_a']}, the course\u2019s {relations['in_b']}, matched on the cue {relations['matched']}"
        in shown
    )
    differing = [d for d in expected.disagreements if d["field"] != "sentence"]
    assert page.locator(".dl-annotate-differences li").count() == len(differing)
    not_yet = [d["sentence"] for d in expected.disagreements if d["field"] == "sentence"]
    assert f"not annotated by you yet: {', '.join(not_yet)}." in shown
    assert errors == []


def test_on_a_phone_the_widget_fits_and_works(browser, served_book):
    """At 390 px the page does not scroll sideways, the text and the Download button are on screen,
    and a key press still annotates."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    open_widget(page, served_book + PAGE)
    page.evaluate("localStorage.clear()")
    open_widget(page, served_book + PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in (
        ".dl-annotate-download",
        ".dl-an-doc",
        ".dl-an-s.dl-an-current .dl-an-text",
        'select[data-key$=":voice"]',
    ):
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
    tab_to(page, "doc")
    press(page, "v")
    assert page.locator(".dl-an-s.dl-an-current select[data-key$=':voice']").input_value() == "source"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_page_works_from_disk(built_book, browser):
    """Opened from file:// (no server), the widget starts: its module is imported from a blob: URL."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_widget(page, (built_book / PAGE).as_uri())
    assert page.locator(".dl-an-s").count() == len(load_source(SLUG).document.sentences)
    assert errors == []
    context.close()


def test_a_kept_annotation_never_lost_when_it_cannot_be_used(reader, served_book):
    """What the browser kept and cannot load (not JSON; made on an earlier text of the example) is
    set aside under its own key, said on the page, and the earlier one can still be downloaded."""
    page, errors = reader
    open_widget(page, served_book + PAGE)
    key = page.evaluate("DLAnnotateStatic.models[0].key")
    page.evaluate("k => { localStorage.clear(); localStorage.setItem(k, '{not json'); }", key)
    open_widget(page, served_book + PAGE)
    assert "could not be read; a copy was kept" in page.locator(".dl-annotate-notice").inner_text()
    kept = page.evaluate("k => Object.keys(localStorage).filter(n => n.startsWith(k + ':corrupt:'))", key)
    assert len(kept) == 1 and page.evaluate("n => localStorage.getItem(n)", kept[0]) == "{not json"

    earlier = {
        "format": "discourse-lab-annotation-draft",
        "fingerprint": "an-earlier-text",
        "revision": 3,
        "saved": "2026-01-01T00:00:00Z",
        "traits": {"annotations": {"source": SLUG, "annotator": "Before", "sentences": [{"id": "p1s1"}]}},
    }
    page.evaluate("([k, r]) => { localStorage.clear(); localStorage.setItem(k, JSON.stringify(r)); }", [key, earlier])
    open_widget(page, served_book + PAGE)
    assert "example has changed" in page.locator(".dl-annotate-notice").inner_text()
    assert page.locator("input.dl-an-annotator").input_value() == ""  # not loaded over the new text
    kept = page.evaluate("k => Object.keys(localStorage).filter(n => n.startsWith(k + ':earlier:'))", key)
    assert len(kept) == 1
    with page.expect_download() as download:
        page.locator(".dl-annotate-download-earlier").click()
    assert download.value.suggested_filename == "annotations-earlier.yml"
    assert yaml.safe_load(open(download.value.path(), encoding="utf-8"))["annotator"] == "Before"
    assert errors == []
