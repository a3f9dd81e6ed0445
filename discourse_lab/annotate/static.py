"""The annotation widget on the static book: the HTML a built page carries instead of a live widget.

In the book build (``DISCOURSE_LAB_STATIC=1``) ``annotate(...)`` makes no widget (a widget made at
build time would put widget state on the page) and writes nothing; it displays :func:`render_html`
of :func:`static_state`: a ``<div class="dl-annotate" data-dl-annotate>`` whose JSON holds the
widget's traits as the kernel would set them (the article by sentence with its ids and token
offsets, the toolkit's suggestions, all computed at build time), the annotation schema, the key
order of ``annotations.yml`` and a fingerprint of the text. The book's extension
(:mod:`discourse_lab.book.annotate_assets`) then adds to that page only:

- ``dl-annotate-esm.js``: the widget's own ES module as a string (:func:`esm_wrapper`); a page
  opened from ``file://`` may not import a module file, but it may import a ``blob:`` URL;
- ``annotate-tools.js``: Evaluate and Generate exercises without a kernel, ports of
  ``evaluation.evaluate`` and ``exercises.generate`` run on the toolkit's reading that the page
  carries (:func:`static_tools`, :mod:`.offline`);
- ``annotate-static.js``: the model the widget talks to when there is no kernel: ``get``/``set``/
  ``save_changes``/``on``/``send`` over the browser's localStorage (keyed by page and slug), live
  validation against the schema, and the Download button that writes ``annotations.yml``;
- the widget's CSS and ``annotate-static.css``.

For a course source the page also carries the course's annotation (:func:`course_annotation`), which
the Compare button sets against the reader's as ``discourse-lab agree`` would.

Nothing comes from a CDN, and the page works from a web server and from disk alike. Without
JavaScript the reader sees one line saying the widget needs it.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..exercises.static import spec_json

SCHEMA_NAME = "annotations.schema.json"
STATIC_JS = "annotate-static.js"
STATIC_CSS = "annotate-static.css"
TOOLS_JS = "annotate-tools.js"
ESM_FILE = "dl-annotate-esm.js"
# The traits the build computes from the text (their digest names the text a saved annotation was
# made on) and the traits the reader changes, kept in the browser.
FIXED_TRAITS = ("article", "options", "suggestions")
PERSIST = ("annotations", "rejected", "suggestions_on")
BROWSER_PATH = "this browser (Download writes annotations.yml)"
# What the page says about the two buttons that run the toolkit in the notebook (KERNEL_NOTE: on a
# page without the toolkit's reading; TOOLS_NOTE: on one with it, lesson 8's example).
KERNEL_NOTE = (
    "Evaluate (the toolkit scored against your annotation) and Generate exercises run the toolkit in Python: "
    "download your annotations.yml and open this lesson as a notebook (the launch buttons at the top of the page) "
    "to use them. Compare shows, sentence by sentence, where your annotation and the course's differ."
)
TOOLS_NOTE = (
    "Evaluate and Generate exercises work here without a kernel: the toolkit's reading of this example was "
    "computed when the book was built, and the scoring and the exercise generator are ports of the Python code, "
    "so they give the scores, errors and bank file the notebook gives for the same annotation. Generate offers "
    "generated.yml to download; in the notebook it also copies the source beside it (bank/sources/) for "
    "discourse-lab assign --bank. An article of your own needs the toolkit itself: open this lesson as a notebook "
    "(the launch buttons at the top of the page). Compare shows, sentence by sentence, where your annotation and "
    "the course's differ."
)
BANK_HEADER = (
    "# Generated from annotations.yml, made in the Discourse Lab book, by the annotation widget's port of\n"
    "# discourse_lab.exercises.generate (annotate-tools.js).\n"
)


def assets_dir():
    """The folder of the widget's JavaScript and CSS (inside the package, so an installed wheel has it)."""
    return resources.files(__package__).joinpath("assets")


def asset(name: str) -> str:
    return assets_dir().joinpath(name).read_text(encoding="utf-8")


def annotation_schema() -> dict:
    """The schema the browser validates against: the one the kernel uses."""
    from ..datafiles import schema

    return schema(SCHEMA_NAME)


def store_keys() -> dict:
    """The key orders and rules of the Python store (:mod:`.store`), for the browser's copy of
    ``canonical`` and of the YAML writer: one source for both."""
    from . import store

    return {
        "top": list(store.TOP_KEYS),
        "sentence": list(store.SENTENCE_KEYS),
        "items": {kind: list(keys) for kind, keys in store.ITEM_KEYS.items()},
        "framing": list(store.FRAMING_KEYS),
        "lists": list(store.LIST_KEYS),
        "nullable": [f"{kind}.{key}" for kind, key in sorted(store.NULLABLE)],
        "default_guidelines": store.DEFAULT_GUIDELINES,
    }


def yaml_order(keys: dict) -> dict[str, list[str]]:
    """Where each key order applies, as paths with ``*`` for list items (``"sentences.*.framing"``)."""
    order = {"": keys["top"], "sentences.*": keys["sentence"], "sentences.*.framing": keys["framing"]}
    order.update({f"sentences.*.{kind}.*": item_keys for kind, item_keys in keys["items"].items()})
    return order


def fingerprint(values: Any) -> str:
    """A short digest of what the build put on the page (the text and its ids): the browser keeps an
    annotation of an earlier text aside instead of loading it over a changed one."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _target(ref: str | Path):
    """The folder of ``ref`` (a folder path or a source's slug), read in place: a built page writes
    nothing, not even the working copy :func:`.store.resolve` makes for a course source."""
    from .. import sources
    from ..errors import DataFileError
    from . import store

    if isinstance(ref, Path) or "/" in str(ref) or Path(str(ref)).expanduser().is_dir():
        folder = Path(ref).expanduser()
        if not (folder / "article.txt").is_file():
            raise store.AnnotateError(f"{folder}: not a source folder: it has no article.txt")
        return store.Target(folder.name, folder)
    try:
        source = sources.load_source(str(ref))
    except DataFileError:
        known = ", ".join(sources.list_sources())
        raise store.AnnotateError(f"{ref}: no such source folder, and not a course source ({known})") from None
    return store.Target(str(ref), source.folder)


def static_state(ref: str | Path, suggestions: bool = True) -> dict:
    """The widget's traits for a built page, as :meth:`~.widget.AnnotationWidget.state` gives them,
    made without a widget: a widget made at build time would put widget state (random model ids,
    needing a renderer) on the page. Bad input gives ``{"error": line}``, as the widget does."""
    from .. import datafiles
    from ..errors import DiscourseLabError
    from . import store
    from .suggestions import suggestions as suggest
    from .widget import article_data, options

    try:
        target = _target(ref)
        document = store.read_article(target)
    except DiscourseLabError as exc:
        return {"error": str(exc), "live": False}
    try:
        title = datafiles.load_structured(target.folder / "meta.yml").get("title")
    except (DiscourseLabError, AttributeError):
        title = None  # the title is a courtesy, as in the widget
    known = isinstance(title, str) and not title.startswith("TO FILL IN")
    return {
        "article": article_data(target, document, title if known else None),
        "options": options(),
        "suggestions": suggest(document),
        "suggestions_on": bool(suggestions),
        "rejected": [],
        "annotations": {},
        "problems": {},
        "status": {},
        "error": "",
        "live": False,
    }


def course_annotation(ref: str | Path) -> dict | None:
    """The course's own annotation of a course source (its gold ``annotations.yml``), which the page's
    Compare button sets against the reader's; None for any other folder or one without a valid file."""
    from .. import sources
    from ..errors import DiscourseLabError
    from ..paths import DATA_DIR

    try:
        source = sources.load_source(str(ref))
        if not source.folder.resolve().is_relative_to(DATA_DIR.resolve()) or not source.has_annotations:
            return None
        return source.annotations
    except DiscourseLabError:
        return None


def static_tools(ref: str | Path, chapter: int = 0) -> dict | None:
    """What the page's Evaluate and Generate need (:func:`.offline.page_tools`), or None when the
    folder cannot be read (the widget then shows its one-line error)."""
    from ..errors import DiscourseLabError
    from . import store
    from .offline import page_tools

    try:
        return page_tools(store.read_article(_target(ref)), chapter)
    except DiscourseLabError:
        return None


def page_data(state: dict, course: dict | None = None, tools: dict | None = None) -> dict:
    """The JSON a built page carries for one widget, from the widget's :meth:`~.widget.AnnotationWidget.state`.

    The reader starts from a blank annotation: whatever the machine that built the book had in its
    working copy stays there (and two builds give the same page). The traits the reader changes
    (``persist``) are kept in the browser; the text, options and suggestions are the build's.
    """
    from . import store

    traits = json.loads(json.dumps(state))  # JSON values only, and a copy
    traits["live"] = False
    data = {"slug": "", "state": traits, "kernel_note": KERNEL_NOTE, "filename": store.ANNOTATIONS}
    if traits.get("error"):
        return data
    if course is not None:
        data["course"] = json.loads(json.dumps(course))
    if tools is not None:
        data.update(tools=json.loads(json.dumps(tools)), kernel_note=TOOLS_NOTE, bank_header=BANK_HEADER)
        traits["offline_tools"] = True
    article = traits["article"]
    slug = article["slug"]
    order = [s["id"] for p in article["paragraphs"] for s in p["sentences"]]
    article["path"] = BROWSER_PATH
    traits.update(
        annotations=store.canonical(store.new_document(slug, None), order),
        rejected=[],
        problems={},  # the browser computes them (annotate-static.js), as the kernel would
        status={
            "state": "loaded",
            "message": "",
            "revision": 0,
            "digest": "",
            "path": BROWSER_PATH,
            "saved_at": None,
            "annotated": 0,
            "total": len(order),
        },
    )
    keys = store_keys()
    data.update(
        slug=slug,
        fingerprint=fingerprint({name: traits[name] for name in FIXED_TRAITS}),
        persist=list(PERSIST),
        schema=annotation_schema(),
        keys=keys,
        order=yaml_order(keys),
        header=store.header_of(None, slug).replace(
            "made with discourse_lab.annotate", "made in the Discourse Lab book"
        ),
    )
    return data


def render_html(
    state: dict, course: dict | None = None, title: str = "Annotate the example", tools: dict | None = None
) -> str:
    """The widget's place on a built page: a title, the no-JavaScript line, and :func:`page_data` as JSON."""
    data = page_data(state, course, tools)
    return str(
        Markup(
            '<div class="dl-annotate" data-dl-annotate="{slug}">'
            '<div class="dl-annotate-mount"><p><strong>{title}</strong></p>'
            '<p class="dl-noscript">The annotation widget needs JavaScript to run in the browser.</p></div>'
            '<script type="application/json" class="dl-annotate-data">{json}</script>'
            "</div>"
        ).format(slug=data["slug"], title=title, json=Markup(spec_json(data)))
    )


def widget_esm() -> str:
    """The ES module the notebook widget sends (its ``_esm``), which the built page runs too."""
    from .widget import ESM, asset

    return asset(ESM)


def css_files() -> list[str]:
    """The stylesheets a page with the widget links: the widget's own, then the static bar's."""
    from .widget import CSS

    return [CSS, STATIC_CSS]


def js_files() -> list[str]:
    """The scripts it links: the widget's module as a string, then the page's model that runs it."""
    return [ESM_FILE, TOOLS_JS, STATIC_JS]


def esm_wrapper(esm: str) -> str:
    """``dl-annotate-esm.js``: the widget's module text as a string the page imports from a blob: URL."""
    return (
        "/* The annotation widget's ES module (discourse_lab/annotate), as a string: annotate-static.js imports\n"
        " * it from a blob: URL, which works from file:// too. Written by the book build; do not edit. */\n"
        f"globalThis.DLAnnotateESM = {spec_json(esm)};\n"
    )


def site_files() -> dict[str, str]:
    """Every file the book's ``_static/`` gets for the widget, by name (discourse_lab.book.annotate_assets)."""
    from .widget import CSS

    return {
        CSS: asset(CSS),
        STATIC_CSS: asset(STATIC_CSS),
        STATIC_JS: asset(STATIC_JS),
        TOOLS_JS: asset(TOOLS_JS),
        ESM_FILE: esm_wrapper(widget_esm()),
    }
