"""Sphinx extension: remove duplicate script entries from each page.

sphinx-thebe 0.3.1 (pulled in by Jupyter Book 1.x) registers its inline configuration script
twice, so every page declares ``const THEBE_JS_URL`` twice and the browser logs a SyntaxError.
Identical entries add nothing, so the second copy of any script is dropped.
"""

from __future__ import annotations


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = (
            # Inline scripts come with filename None or "" depending on who added them.
            str(getattr(script, "filename", script) or ""),
            tuple(sorted((getattr(script, "attributes", None) or {}).items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app):
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=200)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
