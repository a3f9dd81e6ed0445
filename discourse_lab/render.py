"""HTML renderings of documents and analyses. Every piece of source text is escaped with
markupsafe, so an article that contains markup is shown as text, never interpreted."""

from __future__ import annotations

from markupsafe import Markup

from .text import Document
from .voice import VOICE_LABELS


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
            Markup('<p class="dl-dateline"><span class="dl-sid">{}</span> {}</p>').format(
                document.dateline.label, document.dateline.text
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


# ----- highlighting an analysis --------------------------------------------------------------
# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). Each layer
# also has its own underline style and a visible text label, so colour is never the only cue.
LAYERS = {
    "source": {"colour": "#0072B2", "style": "solid", "title": "source (who is reported)"},
    "cue": {"colour": "#E69F00", "style": "double", "title": "reporting cue, with its stance"},
    "content": {"colour": "#009E73", "style": "dotted", "title": "reported content, with its type"},
    "bias": {"colour": "#D55E00", "style": "wavy", "title": "bias cue, with its category"},
    "naming": {"colour": "#CC79A7", "style": "dashed", "title": "naming choice, with its variant"},
    "scare": {"colour": "#56B4E9", "style": "dashed", "title": "scare quote (no source)"},
}
# Each voice badge: its words (voice.VOICE_LABELS, the glossary's names) and its border style.
VOICE_BADGES = {
    voice: (VOICE_LABELS[voice], style)
    for voice, style in (("source", "solid"), ("journalist", "double"), ("mixed", "dashed"))
}
DEFAULT_LAYERS = ("source", "cue", "content", "bias", "naming", "scare")

_STYLE = Markup(
    "<style>"
    ".dl-analysis{line-height:2.3}"
    ".dl-analysis .dl-hl{text-decoration-line:underline;text-decoration-thickness:2px}"
    ".dl-analysis .dl-label{font-size:.7em;font-family:monospace;padding:0 .2em;margin-right:.1em;white-space:nowrap;"
    "border:1px solid currentColor;border-radius:.2em;vertical-align:.35em;color:#222;background:#fff}"
    ".dl-analysis .dl-voice{font-size:.75em;font-family:monospace;padding:0 .3em;margin-right:.3em;white-space:nowrap;"
    "border-width:2px;border-color:#222;color:#222;background:#fff}"
    ".dl-analysis .dl-legend{list-style:none;padding:0;font-size:.9em}"
    ".dl-analysis .dl-legend li{display:inline-block;margin-right:1em}"
    "</style>"
)


def _layer_style(layer: str, depth: int) -> str:
    spec = LAYERS[layer]
    return (
        f"text-decoration-color:{spec['colour']};text-decoration-style:{spec['style']};"
        f"text-underline-offset:{3 + 4 * depth}px"
    )


SOURCE_KIND_LABELS = {
    "named-person": "named person",
    "named-organisation": "named organisation",
    "unnamed": "unnamed",
    "pronoun": "pronoun",
    "none": "no source (agentless)",
}


def source_kind_label(info) -> str:
    """A source's kind in words, with a pronoun's antecedent ("pronoun for Lavrov")."""
    label = SOURCE_KIND_LABELS.get(info.kind, info.kind)
    if info.kind == "pronoun":
        return f"pronoun for {info.antecedent}" if info.antecedent else "pronoun, unresolved"
    return label


def _spans(analysis, sentence, layers) -> list[tuple[int, int, str, str]]:
    """(start, end, layer, label) of every highlighted span in one sentence."""
    out = []
    sid = sentence.id
    if "content" in layers or "source" in layers or "cue" in layers:
        for rel in analysis.attributions:
            if rel.sentence != sid:
                continue
            if "content" in layers and rel.content_span:
                out.append((rel.content_span.start, rel.content_span.end, "content", f"content: {rel.type}"))
            if "source" in layers and rel.source_span:
                info = rel.source_info
                if info is not None and not info.kind.startswith("named"):
                    label = f"source: {source_kind_label(info)}"  # "source: unnamed", "source: pronoun for Lavrov"
                else:
                    label = "source" if rel.source else "unnamed source"
                out.append((rel.source_span.start, rel.source_span.end, "source", label))
    if "cue" in layers:
        from .lexicons import stance_label

        out += [
            (c.span.start, c.span.end, "cue", f"cue: {stance_label(c.stance)}")
            for c in analysis.cues
            if c.sentence == sid
        ]
    if "bias" in layers:
        out += [(c.start, c.end, "bias", c.category) for c in analysis.bias_cues if c.sentence == sid]
    if "naming" in layers:
        from . import lexicons

        for choice in analysis.framing["naming"]:
            if choice["sentence"] == sid:
                start = analysis.document.text.find(choice["text"], sentence.start, sentence.end)
                if start >= 0:
                    label = f"name: {lexicons.naming_variant(choice['variant']).label}"
                    out.append((start, start + len(choice["text"]), "naming", label))
    if "scare" in layers:
        out += [(q.span.start, q.span.end, "scare", "scare quote") for q in analysis.scare_quotes if q.sentence == sid]
    order = {name: i for i, name in enumerate(DEFAULT_LAYERS)}
    return sorted(out, key=lambda s: (s[0], -(s[1] - s[0]), order[s[2]]))


def _sentence_markup(analysis, sentence, layers) -> Markup:
    text = analysis.document.text
    spans = _spans(analysis, sentence, layers)
    cuts = sorted({sentence.start, sentence.end, *(p for s in spans for p in s[:2])})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        if a < sentence.start or b > sentence.end:
            continue
        active = [s for s in spans if s[0] <= a and b <= s[1]]
        for s in spans:  # a visible label where a span begins
            if s[0] == a:
                parts.append(
                    Markup('<span class="dl-label" style="border-color:{}">{}</span>').format(
                        LAYERS[s[2]]["colour"], s[3]
                    )
                )
        piece = Markup("{}").format(text[a:b])
        for depth, s in enumerate(active):
            piece = Markup('<span class="dl-hl dl-{}" style="{}">{}</span>').format(
                s[2], _layer_style(s[2], depth), piece
            )
        parts.append(piece)
    return Markup("").join(parts)


def analysis_html(analysis, layers=DEFAULT_LAYERS, caption: str | None = None, legend: bool = True) -> HTML:
    """An analysis as highlighted HTML: each sentence with its id and voice as text badges, and
    each chosen layer (source, cue, content, bias, naming, scare) underlined in its own colour
    and style and labelled in words. All source text is escaped."""
    unknown = set(layers) - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s): {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    parts = [_STYLE, Markup('<div class="dl-analysis dl-sentences" lang="en">')]
    if caption:
        parts.append(Markup('<p class="dl-caption">{}</p>').format(caption))
    if legend:
        items = [
            Markup('<li><span class="dl-hl" style="{}">{}</span></li>').format(
                _layer_style(layer, 0), LAYERS[layer]["title"]
            )
            for layer in layers
        ]
        voices = [
            Markup('<li><span class="dl-voice" style="border-style:{}">{}</span></li>').format(style, label)
            for label, style in VOICE_BADGES.values()
        ]
        parts.append(
            Markup('<ul class="dl-legend" aria-label="legend">{}</ul>').format(Markup("").join(items + voices))
        )
    for paragraph in analysis.document.paragraphs:
        parts.append(Markup('<p class="dl-paragraph" data-pid="{}">').format(paragraph.id))
        for sentence in paragraph.sentences:
            voice = analysis.voice_of[sentence.id]
            label, style = VOICE_BADGES[voice]
            parts.append(
                Markup(
                    '<span class="dl-sentence" data-sid="{0}" data-voice="{1}"><span class="dl-sid">{0}</span>'
                    '<span class="dl-voice" style="border-style:{2}" title="voice">{3}</span>{4}</span> '
                ).format(sentence.id, voice, style, label, _sentence_markup(analysis, sentence, layers))
            )
        parts.append(Markup("</p>"))
    parts.append(Markup("</div>"))
    return HTML(Markup("").join(parts))


# ----- output that carries the argument -----------------------------------------------------------
REVEAL_SUMMARY = "Show the toolkit's reading"


def text_html(text: str) -> HTML:
    """Printed output as preformatted text that wraps at the edge of the page instead of running
    past it (``white-space: pre-wrap``), in the book and in JupyterLab alike."""
    return HTML(
        Markup('<pre class="dl-output" style="white-space:pre-wrap;overflow-wrap:anywhere">{}</pre>').format(text)
    )


def reveal_html(content, summary: str = REVEAL_SUMMARY, note: str = "Answer the exercises below first.") -> HTML:
    """``content`` folded in a closed ``<details class="dl-reveal">`` that the student opens after
    answering: the toolkit's reading of a text, kept from answering the exercises that follow it.
    A string is shown as wrapping text (:func:`text_html`); anything with ``_repr_html_`` (an
    ``HTML`` value, a figure from ``figure_html``) as its HTML."""
    body = content._repr_html_() if hasattr(content, "_repr_html_") else text_html(str(content))
    return HTML(
        Markup('<details class="dl-reveal"><summary>{}</summary><p><em>{}</em></p>{}</details>').format(
            summary, note, Markup(body)
        )
    )
