"""HTML renderings of documents and analyses. Every piece of source text is escaped with
markupsafe, so an article that contains markup is shown as text, never interpreted."""

from __future__ import annotations

from markupsafe import Markup, escape

from .text import Document


class HTML(str):
    """A string of HTML that notebooks display as rendered HTML (``text/html``)."""

    def _repr_html_(self) -> str:
        return str(self)


def sentences_html(document: Document, caption: str | None = None) -> HTML:
    """The document as paragraphs of sentences, each sentence preceded by its visible id.

    The id badge is text, not colour, so it survives printing and screen readers read it.
    """
    parts = [Markup('<div class="dl-sentences" lang="en">')]
    if caption:
        parts.append(Markup('<p class="dl-caption">{}</p>').format(caption))
    if document.dateline:
        parts.append(
            Markup('<p class="dl-dateline"><span class="dl-sid">dateline</span> {}</p>').format(
                document.dateline.text
            )
        )
    for paragraph in document.paragraphs:
        parts.append(Markup('<p class="dl-paragraph" data-pid="{}">').format(paragraph.id))
        for sentence in paragraph.sentences:
            parts.append(
                Markup('<span class="dl-sentence" data-sid="{0}"><span class="dl-sid">{0}</span> {1}</span> ').format(
                    sentence.id, sentence.text
                )
            )
        parts.append(Markup("</p>"))
    parts.append(Markup("</div>"))
    return HTML(Markup("").join(parts))
