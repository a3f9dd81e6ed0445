"""Sphinx extension: give bibliography entries an ARIA role that assistive technology accepts.

docutils 0.21 writes each citation as ``<div role="doc-biblioentry">`` inside
``<div role="list" class="citation-list">``. DPUB-ARIA 1.1 deprecated ``doc-biblioentry``, and a
``list`` must own ``listitem`` children, so axe-core reports the bibliography page as a critical
violation (aria-required-children). The entries are list items, so that is the role they get.
"""

from __future__ import annotations

DEPRECATED = 'role="doc-biblioentry"'


def _entries_as_list_items(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and DEPRECATED in body:
        context["body"] = body.replace(DEPRECATED, 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _entries_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
