"""Sphinx extension: no MathJax on a single-page build of a book without equations.

Jupyter Book sets Sphinx's asset policy to "always" for the ``singlehtml`` builder, so the
one-page book (printed by ``scripts/build_pdf.py``) would load MathJax from a public CDN even
though no page has math. The static book must load nothing from outside itself; when no document
has an equation, the script entry is dropped. (A lesson that adds math needs MathJax served
from the site: the self-containment tests fail until it is.)
"""

from __future__ import annotations


def _drop_unused_mathjax(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    path = getattr(app.config, "mathjax_path", None)
    if not scripts or not path or app.env.get_domain("math").has_equations():
        return
    scripts[:] = [s for s in scripts if str(getattr(s, "filename", s) or "") != path]


def setup(app):
    # Late: after sphinx.ext.mathjax (priority 500) has added its script.
    app.connect("html-page-context", _drop_unused_mathjax, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
