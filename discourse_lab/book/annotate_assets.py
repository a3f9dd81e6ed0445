"""Sphinx extension: the annotation widget's files, on the pages that show it and nowhere else.

The exercise engine's JS and CSS are on every page (``_config.yml``); the annotation widget is
heavier and on one page, so its files are linked only from a page whose body holds a
``<div class="dl-annotate" data-dl-annotate=...>`` (:mod:`discourse_lab.annotate.static`).

The files are written when the builder starts into a folder of the build's own (beside the
doctrees) that is added to ``html_static_path``, so Sphinx copies them and stamps their links with
its checksum like any static file: the widget's CSS, ``annotate-static.js``/``.css`` and
``dl-annotate-esm.js``, the widget's ES module as a string made from the module the notebook widget
sends, so the book and the notebook run the same code. Their bytes depend only on the package.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "data-dl-annotate="
FOLDER = "dl-annotate-static"


def _write_files(app) -> None:
    from discourse_lab.annotate import static

    folder = Path(app.doctreedir).parent / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in static.site_files().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    if str(folder) not in app.config.html_static_path:
        app.config.html_static_path.append(str(folder))


def _add_to_page(app, pagename, templatename, context, doctree) -> None:
    if MARKER not in (context.get("body") or ""):
        return
    from discourse_lab.annotate import static

    for css in static.css_files():
        app.add_css_file(css)
    for js in static.js_files():
        app.add_js_file(js)


def setup(app):
    app.connect("builder-inited", _write_files)
    app.connect("html-page-context", _add_to_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
