"""Sphinx extension: the annotation widget's files, on the pages that show it and nowhere else.

The exercise engine's JS and CSS are on every page (``_config.yml``); the annotation widget is
heavier and on one or two pages, so this extension copies its assets into ``_static/`` (as
``html_static_path`` would) and adds them only to a page whose body holds a
``<div class="dl-annotate">`` (:mod:`discourse_lab.annotate.static`). After the build it writes
``_static/dl-annotate-esm.js``, the widget's ES module as a string, made from the module the
notebook widget sends, so the book and the notebook run the same code.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "data-dl-annotate="


def _add_static_path(app, config) -> None:
    from discourse_lab.annotate import static

    folder = str(Path(str(static.assets_dir())).resolve())
    if folder not in config.html_static_path:
        config.html_static_path.append(folder)


def _add_to_page(app, pagename, templatename, context, doctree) -> None:
    if MARKER not in (context.get("body") or ""):
        return
    from discourse_lab.annotate import static

    for css in static.css_files():
        app.add_css_file(css)
    app.add_js_file(static.ESM_FILE)
    app.add_js_file(static.STATIC_JS)
    app.env.dl_annotate_pages = sorted({*getattr(app.env, "dl_annotate_pages", ()), pagename})


def _write_module(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not getattr(app.env, "dl_annotate_pages", None):
        return  # no page shows the widget: nothing to write
    from discourse_lab.annotate import static

    target = Path(app.outdir) / "_static" / static.ESM_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(static.esm_wrapper(static.widget_esm()), encoding="utf-8")


def setup(app):
    app.connect("config-inited", _add_static_path)
    app.connect("html-page-context", _add_to_page)
    app.connect("build-finished", _write_module)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
