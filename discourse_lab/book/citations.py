"""Sphinx extension: the bibliography page's labels and the ARIA role of its entries.

**Labels.** sphinxcontrib-bibtex's default style labels entries "alpha"-fashion, which turns a
corporate author into a mangled abbreviation ("[AdFMediad.]" for Ad Fontes Media, n.d.). The
book cites author-year (``bibtex_reference_style``), so its entries are labelled the same way
("[Ad Fontes Media n.d.]", "[TASS 2024a]") and sorted by label: the style ``dl-author-year``
(``bibtex_default_style`` in ``_config.yml``) uses the rule of :mod:`discourse_lab.bibliography`,
so a table's citation link reads like the entry it points at.

**Roles.** docutils 0.21 writes each citation as ``<div role="doc-biblioentry">`` inside
``<div role="list" class="citation-list">``. DPUB-ARIA 1.1 deprecated ``doc-biblioentry``, and a
``list`` must own ``listitem`` children, so axe-core reports the bibliography page as a critical
violation (aria-required-children). The entries are list items, so that is the role they get.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

from ..bibliography import assign_labels, sort_key, who

STYLE = "dl-author-year"
DEPRECATED = 'role="doc-biblioentry"'


def _parts(entry) -> tuple[str, str, str]:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [" ".join(p.prelast_names + p.last_names) for p in persons] or [entry.key]
    return who(surnames), entry.fields.get("year", "n.d."), entry.fields.get("title", "")


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = assign_labels((e.key, *_parts(e)) for e in entries)
        for entry in entries:
            yield labels[entry.key]


class AuthorYearSorting(BaseSortingStyle):
    def sorting_key(self, entry):
        return sort_key(*_parts(entry))


class AuthorYearStyle(UnsrtStyle):
    default_label_style = STYLE
    default_sorting_style = STYLE


def _entries_as_list_items(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and DEPRECATED in body:
        context["body"] = body.replace(DEPRECATED, 'role="listitem"')


def register() -> None:
    """Make ``dl-author-year`` known to pybtex (where sphinxcontrib-bibtex finds its styles)."""
    register_plugin("pybtex.style.labels", STYLE, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.sorting", STYLE, AuthorYearSorting, force=True)
    register_plugin("pybtex.style.formatting", STYLE, AuthorYearStyle, force=True)


def setup(app):
    register()
    app.connect("html-page-context", _entries_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
