"""The annotation widget's file: atomic write with a backup, stable order, problems per sentence, bad input."""

from __future__ import annotations

import copy

import pytest
import yaml
from private_source import ANNOTATIONS, SLUG, write_source

from discourse_lab import atomic
from discourse_lab.annotate import annotate, store
from discourse_lab.annotate.widget import AnnotationWidget
from discourse_lab.exercises import store as answer_store
from discourse_lab.paths import SOURCES_DIR


@pytest.fixture(autouse=True)
def store_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LAB_STORE_DIR", str(tmp_path / "store"))
    return tmp_path / "store"


@pytest.fixture
def folder(tmp_path):
    """A new source folder (article.txt and meta.yml, as new-source makes it), not yet annotated."""
    source = write_source(tmp_path / "sources")
    (source / "annotations.yml").unlink()
    return source


def test_one_write_safe_function_for_the_answer_store_and_the_widget():
    """The answer store, the marks file and the widget write through atomic.replace_with_backup (shared, not copied)."""
    import inspect

    from discourse_lab.course import marks

    assert "replace_with_backup" in inspect.getsource(answer_store.AnswerStore._write_locked)
    assert "replace_with_backup" in inspect.getsource(marks._replace)
    assert "replace_with_backup" in inspect.getsource(store.AnnotationFile.save)


def test_every_save_is_atomic_with_a_backup(folder):
    widget = annotate(folder)
    doc = copy.deepcopy(ANNOTATIONS)
    assert widget.save(doc, 1)["state"] == "saved"
    first = (folder / "annotations.yml").read_bytes()
    assert yaml.safe_load(first)["sentences"] == ANNOTATIONS["sentences"]
    assert not (folder / "annotations.yml.bak").exists()  # nothing to keep before the first save
    doc["sentences"][0]["rationale"] = "The writer reports the opening in her own voice."
    status = widget.save(doc, 2)
    assert status["state"] == "saved" and status["revision"] == 2
    assert (folder / "annotations.yml.bak").read_bytes() == first
    assert yaml.safe_load((folder / "annotations.yml").read_text())["sentences"][0]["rationale"].endswith("own voice.")
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_crash_mid_write_leaves_the_file_whole(folder, monkeypatch):
    widget = annotate(folder)
    widget.save(copy.deepcopy(ANNOTATIONS), 1)
    good = (folder / "annotations.yml").read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    doc = copy.deepcopy(ANNOTATIONS)
    doc["annotator"] = "someone else"
    status = widget.save(doc, 2)
    assert status["state"] == "error" and "could NOT be saved" in status["message"]
    assert (folder / "annotations.yml").read_bytes() == good
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_yaml_order_is_the_schemas_and_stable(folder):
    """Keys in schema order, sentences in article order, whatever order they came in; a re-save changes no byte."""
    widget = annotate(folder)
    doc = copy.deepcopy(ANNOTATIONS)
    doc["sentences"].reverse()
    doc["sentences"][0] = dict(reversed(list(doc["sentences"][0].items())))
    doc = dict(reversed(list(doc.items())))
    widget.save(doc, 1)
    text = (folder / "annotations.yml").read_text()
    data = yaml.safe_load(text)
    assert list(data) == ["source", "annotator", "guidelines", "sentences"]
    assert [s["id"] for s in data["sentences"]] == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
    assert list(data["sentences"][4]) == [
        "id",
        "voice",
        "rationale",
        "attributions",
        "cues",
        "framing",
        "naming",
        "bias_cues",
    ]
    assert list(data["sentences"][2]["attributions"][0]) == [
        "source",
        "source_span",
        "cue",
        "content",
        "type",
        "rationale",
    ]
    assert "functions: []" in text  # label lists in flow style, as the course's files
    before = (folder / "annotations.yml").read_bytes()
    reread = annotate(folder)
    assert reread.annotations == data
    reread.save(reread.annotations, 1)
    assert (folder / "annotations.yml").read_bytes() == before


def test_header_comments_of_an_existing_file_are_kept(folder):
    (folder / "annotations.yml").write_text("# My notes on this text.\n" + yaml.safe_dump(ANNOTATIONS, sort_keys=False))
    widget = annotate(folder)
    doc = copy.deepcopy(widget.annotations)
    doc["annotator"] = "A. Student"
    widget.save(doc, 1)
    assert (folder / "annotations.yml").read_text().startswith("# My notes on this text.\nsource: velm-library\n")


def test_problems_are_given_per_sentence(folder):
    widget = annotate(folder)
    doc = copy.deepcopy(ANNOTATIONS)
    del doc["sentences"][1]["rationale"]
    doc["sentences"][2]["attributions"][0]["content"] = "words that are not in the sentence"
    doc["sentences"][2]["attributions"][0]["rationale"] = ""
    doc["sentences"][4]["voice"] = None  # not chosen yet: still saved, as far as it goes
    status = widget.save(doc, 1)
    assert status["state"] == "saved"
    problems = widget.problems
    assert problems["p1s2"] == ["rationale is missing"]
    assert "attributions 1: rationale is missing" in problems["p2s1"]
    assert any("not in the sentence" in p for p in problems["p2s1"])
    assert problems["p3s1"] == ["voice is missing"]
    assert set(problems) == {"p1s2", "p2s1", "p3s1"}
    saved = yaml.safe_load((folder / "annotations.yml").read_text())
    assert "voice" not in saved["sentences"][4] and saved["sentences"][4]["bias_cues"]
    doc = copy.deepcopy(ANNOTATIONS)
    widget.save(doc, 2)
    assert widget.problems == {}


def test_empty_sentences_are_not_written(folder):
    widget = annotate(folder, annotator="A. Student")
    doc = copy.deepcopy(widget.annotations)
    doc["sentences"] = [
        {"id": "p1s1", "attributions": [], "framing": {"functions": []}},
        {"id": "p1s2", "voice": "journalist"},
    ]
    widget.save(doc, 1)
    saved = yaml.safe_load((folder / "annotations.yml").read_text())
    assert [s["id"] for s in saved["sentences"]] == ["p1s2"] and saved["annotator"] == "A. Student"


def test_broken_yaml_is_one_line_and_never_overwritten(folder):
    broken = b"source: velm-library\nsentences: [\n"
    (folder / "annotations.yml").write_bytes(broken)
    widget = annotate(folder)
    assert widget.error.startswith(str(folder / "annotations.yml")) or "annotations.yml: invalid YAML" in widget.error
    assert "\n" not in widget.error and "line 3" in widget.error
    assert repr(widget) == widget.error
    widget.save(copy.deepcopy(ANNOTATIONS), 1)
    assert (folder / "annotations.yml").read_bytes() == broken


@pytest.mark.parametrize("ref", ["no-such-source", "/no/such/folder"])
def test_a_missing_source_is_one_line(ref):
    widget = annotate(ref)
    assert widget.error and "\n" not in widget.error and ref.split("/")[-1] in widget.error


def test_a_file_changed_on_disk_is_not_overwritten(folder):
    widget = annotate(folder)
    widget.save(copy.deepcopy(ANNOTATIONS), 1)
    by_hand = (folder / "annotations.yml").read_text().replace("test fixture", "edited by hand")
    (folder / "annotations.yml").write_text(by_hand)
    status = widget.save(copy.deepcopy(ANNOTATIONS), 2)
    assert status["state"] == "error" and "changed on disk" in status["message"]
    assert (folder / "annotations.yml").read_text() == by_hand


def test_a_course_source_is_annotated_in_a_working_copy(store_dir):
    gold = (SOURCES_DIR / "sarn-river-treaty" / "annotations.yml").read_bytes()
    widget = annotate("sarn-river-treaty", annotator="A. Student")
    assert widget.target.folder == store_dir / "annotations" / "sarn-river-treaty"
    assert widget.annotations["sentences"] == []  # blind: the course's reading is not copied
    doc = copy.deepcopy(widget.annotations)
    doc["sentences"] = [{"id": "p1s1", "voice": "journalist", "rationale": "The writer reports the signing."}]
    widget.save(doc, 1)
    assert (SOURCES_DIR / "sarn-river-treaty" / "annotations.yml").read_bytes() == gold
    assert (widget.target.folder / "article.txt").read_bytes() == (
        SOURCES_DIR / "sarn-river-treaty" / "article.txt"
    ).read_bytes()
    assert yaml.safe_load(widget.target.path.read_text())["sentences"][0]["voice"] == "journalist"


def test_suggestions_are_exact_spans_in_the_files_shapes(folder):
    widget = annotate(folder)
    texts = {s["id"]: s["text"] for p in widget.article["paragraphs"] for s in p["sentences"]}
    kinds = {s["kind"] for items in widget.suggestions.values() for s in items}
    assert {"voice", "framing", "attributions", "cues"} <= kinds
    for sid, items in widget.suggestions.items():
        for s in items:
            for key in ("text", "cue", "content", "source_span"):
                if isinstance(s["item"].get(key), str):
                    assert s["item"][key] in texts[sid], (sid, s)
    # Accepting every suggestion makes a file the schema takes, once the annotator is named.
    doc = copy.deepcopy(widget.annotations)
    doc["annotator"] = "A. Student"
    for sid, items in widget.suggestions.items():
        entry = {"id": sid}
        for s in items:
            if s["kind"] == "voice":
                entry.update(s["item"])
            elif s["kind"] == "framing":
                entry["framing"] = s["item"]
            else:
                entry.setdefault(s["kind"], []).append(s["item"])
        doc["sentences"].append(entry)
    widget.save(doc, 1)
    assert widget.problems == {}


def test_rejections_are_kept_beside_the_file(folder):
    widget = annotate(folder)
    first = next(iter(widget.suggestions.values()))[0]["id"]
    widget.rejected = [first]
    assert annotate(folder).rejected == [first]


def test_evaluate_and_generate_write_a_bank_assign_uses(folder, tmp_path):
    from discourse_lab.course import assign

    widget = AnnotationWidget(store.resolve(folder), chapter=91)
    assert widget.evaluate()["ok"] is False  # nothing saved yet
    widget.save(copy.deepcopy(ANNOTATIONS), 1)
    result = widget.evaluate()
    assert result["ok"] and {r["component"] for r in result["scores"]} >= {"voice", "attributions"}
    made = widget.generate()
    assert made["ok"], made["message"]
    bank = folder / "bank"
    assert (bank / "generated.yml").is_file() and (bank / "sources" / SLUG / "annotations.yml").is_file()
    exercises = assign.select(chapter=91, bank=bank)
    assert len(exercises) == made["count"] and all(e.id.startswith(f"gen-{SLUG}-") for e in exercises)


def test_no_write_leaves_a_temporary_file(folder):
    widget = annotate(folder)
    for n in range(3):
        doc = copy.deepcopy(ANNOTATIONS)
        doc["annotator"] = f"annotator {n}"
        widget.save(doc, n + 1)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["annotations.yml", "annotations.yml.bak", "annotations.yml.lock", "article.txt", "meta.yml"]
    assert yaml.safe_load((folder / "annotations.yml.bak").read_text())["annotator"] == "annotator 1"


def test_the_built_book_shows_where_the_widget_runs_and_writes_nothing(folder, store_dir, monkeypatch):
    # The book's build has no kernel: a live widget there would need a renderer and differ build to build.
    monkeypatch.setenv("DISCOURSE_LAB_STATIC", "1")
    shown = annotate(folder)
    assert not isinstance(shown, AnnotationWidget)
    assert "runs in JupyterLab or Notebook 7" in shown.data
    assert not (folder / "annotations.yml").exists()
    assert not store_dir.exists()
    annotate(SLUG)  # a course source: no working copy is made either
    assert not store_dir.exists()
