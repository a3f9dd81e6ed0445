"""The annotation widget (anywidget) for JupyterLab 4 and Notebook 7, and the contract its front-end keeps.

``annotate(SLUG or folder)`` (:mod:`discourse_lab.annotate`) makes an :class:`AnnotationWidget`.
Python reads the article and the folder's ``annotations.yml`` (:mod:`.store`), runs the toolkit
once for the suggestions (:mod:`.suggestions`) and saves every change the browser sends; the
browser draws everything and keeps the undo history. The same front-end runs on the static site
with no kernel (``annotweb``), against a model object that keeps the same traits in the browser.

CONTRACT (the front-end, for the live widget and the static site alike)
=======================================================================

Module: ``discourse_lab/annotate/assets/annotate.js`` (an ES module; styles in
``assets/annotate.css``, scoped under ``.dl-annotate``). It imports nothing and fetches nothing.
It exports anywidget's ``render({model, el})`` (also as ``export default { render }``), which
returns a clean-up function, and it uses only ``model.get(name)``, ``model.set(name, value)``,
``model.save_changes()``, ``model.on("change:<name>" | "msg:custom", fn)``, ``model.off(...)`` and
``model.send(content)``. Optional: ``model.widget_manager.kernel.statusChanged`` (live only: a
restarting kernel is noticed at once).

Traits (JSON; Python → browser unless marked ``browser → Python``):

``article``
    ``{"slug": str, "title": str | null, "path": str,  # the annotations.yml shown to the reader
    "paragraphs": [{"id": "p1", "sentences": [{"id": "p1s1", "text": str,
    "tokens": [[start, end], ...]}]}]}`` — every token of the sentence (punctuation included) as
    character offsets into that sentence's ``text``, end exclusive. Selections snap to them.
``options``
    the choices of each select, ``{"voice", "type", "stance", "functions", "frames", "bias_kind",
    "bias_category", "naming_variant"}``, each ``[{"id": str, "label": str}]``, from the schema's
    enums and the lexicons (stance ids of reporting-verbs.yml, variants of naming.yml).
``suggestions``
    ``{sentence id: [{"id": str, "kind": K, "item": {...}}]}`` with ``K`` one of ``voice`` (item
    ``{"voice", "rationale"}``), ``framing`` (item: a sentence's ``framing`` object),
    ``attributions``, ``cues``, ``naming``, ``bias_cues``, ``scare_quotes`` (item: one entry of
    that list, exactly as annotations.yml holds it). ``{}`` when there are none.
``suggestions_on`` (bool; browser → Python too)
    whether suggestions are shown; off = annotate blind. The key ``s`` toggles it.
``rejected`` (list of suggestion ids; browser → Python)
    suggestions the annotator rejected; Python keeps them beside the file (``.annotations-review.json``).
    A suggestion is *pending* unless rejected or already in the annotations (same voice set /
    framing set / an item with the same span text).
``annotations``
    the document as the file holds it, the same shape as ``annotations.yml`` read as JSON:
    ``{"source", "annotator", "guidelines", "sentences": [{"id", "voice", "rationale",
    "attributions": [{"source", "source_span"?, "cue", "content", "type", "rationale"}],
    "cues": [{"text", "stance", "rationale"}], "framing": {"functions", "frames", "rationale"},
    "naming": [{"text", "variant", "marked"?, "stands_for"?, "rationale"}],
    "bias_cues": [{"text", "kind", "category", "rationale"}], "scare_quotes"?: [{"text", "rationale"}]}]}``.
    Spans are exact substrings of their sentence (the front-end finds them again by their text).
    While a sentence is in progress, ``voice`` and rationales may be missing. Set by Python when
    the widget is made and after each save; the front-end reads it once, when it renders.
``edit`` (browser → Python)
    ``{"revision": int, "annotations": <document as above>}``: set with ``save_changes()`` after
    every change (the whole document; revisions count up from 1 per view). Python saves it
    and answers with ``status.revision``.
``problems``
    ``{sentence id: ["one line", ...], "document": [...]}``: what the schema (and the text: a span
    not in its sentence) finds wrong or missing, shown beside each sentence; ``{}`` when valid.
``status``
    ``{"state": "loaded" | "saved" | "error", "message": str, "revision": int, "digest": str,
    "path": str, "saved_at": ISO time | null, "annotated": int, "total": int}``. ``digest`` names
    the file's content: an edit kept in the browser while the kernel was away is replayed by the
    next view only if it was made on that same file (``digest`` equal).
``live`` (bool)
    true when a kernel is behind the widget (Python sets it). When false — no kernel, the static
    site — the front-end hides Evaluate and Generate (unless ``offline_tools``) and waits for no reply to an edit (the
    static page's model saves it in the browser and offers the download of annotations.yml).
``offline_tools`` (bool, static site only)
    true when the page's model answers Evaluate and Generate without a kernel (it carries the
    toolkit's reading of the text, :mod:`.offline`): the front-end then shows the two buttons too.
``error`` (str)
    non-empty when the widget cannot work (a missing folder, a broken annotations.yml): the
    front-end shows only this line (``role="alert"``) and never sends an edit.

Custom messages (``model.send`` browser → Python, replies by ``msg:custom``):

``{"type": "evaluate"}`` → ``{"type": "evaluate", "ok": bool, "message": str,
    "scores": [{"component", "precision", "recall", "f1", "tp", "fp", "fn"}],
    "errors": [{"sentence", "component", "error", "text"}]}`` — the toolkit scored against this
    annotation (:func:`discourse_lab.evaluation.evaluate`, as ``evaluate_source`` does).
``{"type": "generate"}`` → ``{"type": "generate", "ok": bool, "message": str, "path": str,
    "bank": str, "count": int}`` — the generated exercises written to ``<folder>/bank/generated.yml``
    with a copy of the source in ``<folder>/bank/sources/<slug>/``: ``discourse-lab assign --bank
    <folder>/bank --chapter N`` uses it as it is.

Static site: when the book is built (``DISCOURSE_LAB_STATIC=1``), ``annotate()`` makes no widget
and displays ``discourse_lab.annotate.static.render_html(state)``, where ``state`` is
``static.static_state(...)``: the traits above as one dict, as :meth:`AnnotationWidget.state`
gives them, with ``live`` false; the page's own model (``assets/annotate-static.js``) keeps them
in the browser.

Keys (the widget's root holds focus; keys typed in its text fields stay there):
``j``/``k`` or ↓/↑ next/previous sentence; ←/→ move the word cursor, Shift+←/→ extend the
selection (a mouse selection snaps to whole tokens); ``1``/``2``/``3`` make the selection the cue,
source, content of a new relation (made when all three are set; Enter makes it without a named
source); ``c`` reporting cue, ``b`` bias cue, ``n`` naming, ``q`` scare quote; ``v`` next voice;
``w`` focuses the first empty rationale field of the sentence (Enter in a field saves it and returns);
``a``/``e``/``x`` accept / edit / reject the first pending suggestion, ``A`` accept all of the
sentence's; ``s`` suggestions on/off; Delete removes the focused item; Ctrl/Cmd+Z undo,
Ctrl/Cmd+Shift+Z or Ctrl+Y redo; Escape leaves a field or clears the selection; ``?`` help.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

import anywidget
import traitlets

from .. import datafiles, lexicons, text
from ..errors import DiscourseLabError, display_path
from . import store

ESM = "annotate.js"
CSS = "annotate.css"
BANK = "bank"
GENERATED = "generated.yml"


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _labelled(ids) -> list[dict]:
    return [{"id": i, "label": i.replace("_", " ")} for i in ids]


@lru_cache(maxsize=1)
def options() -> dict[str, list[dict]]:
    """The choices of every select, from the schema's enums and the lexicons."""
    defs = datafiles.schema(store.SCHEMA)["$defs"]
    variants = [{"id": v.id, "label": v.label} for g in lexicons.naming_groups() for v in g.variants]
    return {
        "voice": _labelled(
            datafiles.schema(store.SCHEMA)["properties"]["sentences"]["items"]["properties"]["voice"]["enum"]
        ),
        "type": _labelled(defs["attribution"]["properties"]["type"]["enum"]),
        "stance": [{"id": c.id, "label": c.label} for c in lexicons.reporting_verbs().categories],
        "functions": _labelled(defs["framing"]["properties"]["functions"]["items"]["enum"]),
        "frames": _labelled(defs["framing"]["properties"]["frames"]["items"]["enum"]),
        "bias_kind": _labelled(defs["bias_cue"]["properties"]["kind"]["enum"]),
        "bias_category": _labelled(defs["bias_cue"]["properties"]["category"]["enum"]),
        "naming_variant": variants,
    }


def article_data(target: store.Target, document: text.Document, title: str | None) -> dict:
    return {
        "slug": target.slug,
        "title": title,
        "path": display_path(target.path),
        "paragraphs": [
            {
                "id": p.id,
                "sentences": [
                    {"id": s.id, "text": s.text, "tokens": [[t.start - s.start, t.end - s.start] for t in s.tokens]}
                    for s in p.sentences
                ],
            }
            for p in document.paragraphs
        ],
    }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


class AnnotationWidget(anywidget.AnyWidget):
    """One source folder's annotation, live. See the module docstring for every trait."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    article = traitlets.Dict().tag(sync=True)
    options = traitlets.Dict().tag(sync=True)
    suggestions = traitlets.Dict().tag(sync=True)
    suggestions_on = traitlets.Bool(True).tag(sync=True)
    rejected = traitlets.List(traitlets.Unicode()).tag(sync=True)
    annotations = traitlets.Dict().tag(sync=True)
    edit = traitlets.Dict().tag(sync=True)
    problems = traitlets.Dict().tag(sync=True)
    status = traitlets.Dict().tag(sync=True)
    live = traitlets.Bool(True).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        target: store.Target | None = None,
        *,
        error: str = "",
        suggestions: bool = True,
        annotator: str | None = None,
        chapter: int = 0,
        **kwargs: Any,
    ):
        super().__init__(_esm=asset(ESM), _css=asset(CSS), error=error, suggestions_on=suggestions, **kwargs)
        self.target = target
        self.chapter = chapter
        self.file: store.AnnotationFile | None = None
        if error or target is None:
            return
        try:
            document = store.read_article(target)
            self.file = store.AnnotationFile(target, document)
            doc = self.file.load(annotator)
        except DiscourseLabError as exc:
            self.error = str(exc)
            self.file = None
            return
        title = None
        try:
            title = datafiles.load_structured(target.folder / "meta.yml").get("title")
        except (DiscourseLabError, AttributeError):
            pass  # the title is a courtesy; new-source marks unknown fields to fill in
        from .suggestions import suggestions as suggest

        with self.hold_sync():
            # new-source writes "TO FILL IN: …" where it cannot know the title
            known = isinstance(title, str) and not title.startswith("TO FILL IN")
            self.article = article_data(target, document, title if known else None)
            self.options = options()
            self.suggestions = suggest(document)
            self.rejected = self.file.rejected()
            self.annotations = doc
            self.problems = store.problems(doc, document)
            self.status = self._status("loaded", "", 0)
        self.observe(self._on_edit, names="edit")
        self.observe(self._on_rejected, names="rejected")
        self.on_msg(self._on_message)

    def __repr__(self) -> str:
        # The text/plain fallback: what a notebook shows when it cannot draw the widget.
        if self.error or self.target is None:
            return self.error or "No source to annotate."
        return (
            f"Annotation of {self.target.slug}, saved in {display_path(self.target.path)}: run this cell to annotate."
        )

    # ------------------------------------------------------------------ state

    def state(self) -> dict:
        """The traits as one dict, as the static site's front-end gets them (``live`` false)."""
        names = (
            "article",
            "options",
            "suggestions",
            "suggestions_on",
            "rejected",
            "annotations",
            "problems",
            "status",
            "error",
        )
        return {**{n: copy.deepcopy(getattr(self, n)) for n in names}, "live": False}

    def _status(self, state: str, message: str, revision: int) -> dict:
        sentences = self.annotations.get("sentences", []) if self.annotations else []
        return {
            "state": state,
            "message": message,
            "revision": revision,
            "digest": store.digest(self.file.raw) if self.file else "",
            "path": display_path(self.file.path) if self.file else "",
            "saved_at": self.file.saved_at if self.file else None,
            "annotated": len(sentences),
            "total": len(self.file.order) if self.file else 0,
        }

    # ------------------------------------------------------------------ saving

    def save(self, doc: dict, revision: int = 0) -> dict:
        """Save a document (what the browser's edit does); returns the status. Never raises for a user's mistake."""
        if self.file is None:
            return self.status
        try:
            written, changed = self.file.save(doc)
        except (store.AnnotateError, OSError) as exc:
            message = (
                str(exc)
                if isinstance(exc, store.AnnotateError)
                else (
                    f"{display_path(self.file.path)}: could NOT be saved ({exc.strerror or exc}); your change is kept "
                    "in this browser"
                )
            )
            self.status = self._status("error", message, revision)
            return self.status
        if changed:
            self.file.saved_at = _now()
        with self.hold_sync():
            self.annotations = written
            self.problems = store.problems(written, self.file.document)
            self.status = self._status("saved", "", revision)
        return self.status

    def _on_edit(self, change: dict) -> None:
        edit = change["new"] or {}
        doc = edit.get("annotations")
        if isinstance(doc, dict):
            self.save(doc, int(edit.get("revision") or 0))

    def _on_rejected(self, change: dict) -> None:
        if self.file is None:
            return
        try:
            self.file.save_rejected(list(change["new"]))
        except OSError:
            pass  # a rejection only hides a suggestion; the annotations themselves are in annotations.yml

    # ------------------------------------------------------------------ evaluate, generate

    def _on_message(self, _widget, content: dict, _buffers) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "evaluate":
            self.send({"type": "evaluate", **self.evaluate()})
        elif kind == "generate":
            self.send({"type": "generate", **self.generate()})

    def _valid_source(self):
        """The folder as a source whose annotations pass the schema, or a one-line reason why not."""
        from ..sources import source_at

        if self.file is None:
            return None, self.error or "nothing to use"
        if not self.file.path.exists():
            return None, "annotate a sentence first: annotations.yml does not exist yet"
        source = source_at(self.file.target.folder)
        try:
            _ = source.annotations  # loaded and checked against the schema
        except DiscourseLabError as exc:
            return None, f"fix the problems first ({exc})"
        return source, ""

    def evaluate(self) -> dict:
        """The toolkit scored against this annotation: scores and every error, as the reply sends them."""
        from ..analysis import analyze
        from ..evaluation import evaluate
        from .offline import evaluation_reply

        source, why = self._valid_source()
        if source is None:
            return {"ok": False, "message": f"Not evaluated: {why}", "scores": [], "errors": []}
        assert self.file is not None  # _valid_source gives a source only when the file loaded
        result = evaluate(analyze(self.file.document), source.annotations)
        return evaluation_reply(result, len(source.annotations["sentences"]))

    def generate(self) -> dict:
        """Write the generated exercises as a bank folder beside the annotation (``<folder>/bank``)."""
        import yaml

        from ..atomic import write_atomic
        from ..exercises import generate as gen
        from ..sources import source_at

        source, why = self._valid_source()
        if source is None:
            return {"ok": False, "message": f"Not generated: {why}", "path": "", "bank": "", "count": 0}
        assert self.file is not None  # _valid_source gives a source only when the file loaded
        target = self.file.target
        bank = target.folder / BANK
        try:
            copy_folder = store.copy_source(target, bank / "sources")
            data = gen.bank_data(source_at(copy_folder), self.chapter)
        except DiscourseLabError as exc:
            return {"ok": False, "message": f"Not generated: {exc}", "path": "", "bank": "", "count": 0}
        header = (
            f"# Generated from {display_path(target.path)} by the annotation widget "
            "(discourse_lab.exercises.generate).\n"
        )
        path = write_atomic(
            bank / GENERATED, header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        )
        from ..course import bank as banks

        banks.use(bank)  # a running kernel finds the new exercises (and their source) at once
        count = len(data["exercises"])
        return {
            "ok": True,
            "message": (
                f"{count} exercise{'s' if count != 1 else ''} written to {display_path(path)}; "
                f"discourse-lab assign --bank {display_path(bank)} --chapter {self.chapter} uses them."
            ),
            "path": str(path),
            "bank": str(bank),
            "count": count,
        }
