"""HTML tables of an analysis for the lessons: attributions, and voice sentence by sentence.

Tables are plain ``<table>`` elements with ``<th scope>`` headers and an optional
``<caption>``, so screen readers can navigate them; every piece of text is escaped (markupsafe),
so a source containing markup is shown as text. :func:`table_html` is the one builder; the
others choose the rows.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from markupsafe import Markup

from .render import HTML
from .voice import VOICE_LABELS


# JupyterLab and Notebook 7 right-align every cell of an output's table and centre it vertically
# (their ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`` rule, meant for numbers); these
# tables hold text, which the book aligns left and at the top (``_static/discourse-lab.css``). The
# rule names Jupyter's own output class, so it does nothing in the book.
JUPYTER_STYLE = Markup(
    "<style>"
    ".jp-RenderedHTMLCommon table.dl-table th,.jp-RenderedHTMLCommon table.dl-table td"
    "{text-align:left;vertical-align:top}"
    ".jp-RenderedHTMLCommon table.dl-table caption{text-align:left;font-weight:600}"
    "</style>"
)


def table_html(headers: Sequence[str], rows: Iterable[Sequence], caption: str = "", css_class: str = "") -> HTML:
    """A table: the first cell of each row is its row header. Cells may be text or Markup.

    Every cell carries its column's header as ``data-label``: on a phone the rows stack, one cell
    under the other, and ``_static/discourse-lab.css`` prints that label before each cell, so a
    stacked row still says which column each value belongs to."""
    cap = Markup("<caption>{}</caption>").format(caption) if caption else Markup("")
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in headers)
    labels = [h.striptags() if isinstance(h, Markup) else str(h) for h in headers]
    body = []
    for row in rows:
        first, *rest = row
        cells = Markup("").join(
            Markup('<td data-label="{}">{}</td>').format(
                labels[i + 1] if i + 1 < len(labels) else "", "" if c is None else c
            )
            for i, c in enumerate(rest)
        )
        body.append(
            Markup('<tr><th scope="row" data-label="{}">{}</th>{}</tr>').format(
                labels[0] if labels else "", first, cells
            )
        )
    return HTML(
        JUPYTER_STYLE
        + Markup('<table class="dl-table {}">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(
            css_class, cap, head, Markup("").join(body)
        )
    )


def attributions_html(analysis, caption: str = "") -> HTML:
    """One row per attribution relation the toolkit found: sentence, source (its span as written
    and its kind), cue with its stance, content, type and the rule that produced it."""
    from .lexicons import stance_label

    stance = {(c.sentence, c.span.start): stance_label(c.stance) for c in analysis.cues}
    rows = []
    for rel in analysis.attributions:
        cue = "\u2014" if rel.cue is None else rel.cue
        if rel.cue_span is not None and (rel.sentence, rel.cue_span.start) in stance:
            cue = Markup('{}<br><small class="dl-stance">{}</small>').format(
                cue, stance[(rel.sentence, rel.cue_span.start)]
            )
        rows.append(
            (
                Markup("<code>{}</code>").format(rel.sentence),
                _source_cell(rel),
                cue,
                rel.content,
                rel.type,
                Markup("<code>{}</code>").format(rel.rule),
            )
        )
    return table_html(["sentence", "source", "cue", "content", "type", "rule"], rows, caption, "dl-attributions")


def _source_cell(rel):
    """The source as written with its kind beneath ("A Marovian official / unnamed"); the entity
    it is counted as when that differs from the span ("Lavrov / named person: Sergey Lavrov")."""
    from .render import source_kind_label

    info = rel.source_info
    if info is None:
        return "(no one named)" if rel.source is None else rel.source
    shown = info.text or "(no one named)"
    kind = source_kind_label(info)
    if info.entity and info.entity not in (info.text, info.antecedent):
        kind = f"{kind}: {info.entity}"
    return Markup('{}<br><small class="dl-source-kind">{}</small>').format(shown, kind)


def voices_html(analysis, gold: dict | None = None, caption: str = "") -> HTML:
    """Each sentence's voice as the toolkit decided it, with its reason; with ``gold`` (a
    source's annotations), the course's reading beside it and whether the two agree."""
    gold_voice = {s["id"]: s for s in (gold or {}).get("sentences", [])}
    reasons = {v.sentence: v.reason for v in analysis.voices}
    headers = ["sentence", "toolkit", "toolkit's reason"]
    if gold is not None:
        headers += ["course reading", "agree?"]
    rows = []
    for s in analysis.document.sentences:
        voice = analysis.voice_of[s.id]
        row = [Markup("<code>{}</code>").format(s.id), VOICE_LABELS[voice], reasons.get(s.id, "")]
        if gold is not None:
            g = gold_voice.get(s.id)
            if g is None:
                row += ["\u2014", "\u2014"]
            else:
                row += [
                    Markup("{}<br><small>{}</small>").format(VOICE_LABELS[g["voice"]], g["rationale"]),
                    "yes" if g["voice"] == voice else Markup("<strong>no</strong>"),
                ]
        rows.append(row)
    return table_html(headers, rows, caption, "dl-voices")


def voice_agreement(analysis, gold: dict) -> tuple[int, int]:
    """(sentences where the toolkit's voice equals the gold voice, sentences in the gold)."""
    gold_voice = {s["id"]: s["voice"] for s in gold["sentences"]}
    agree = sum(1 for sid, v in gold_voice.items() if analysis.voice_of.get(sid) == v)
    return agree, len(gold_voice)


def framing_functions_html(analysis, gold: dict, caption: str = "") -> HTML:
    """Entman's functions as a grid, a row per sentence and a column per function: the course's
    reading marked in words and the toolkit's cue hints (which only say where a function's usual
    words occur) in small type beneath. The course's reasons are in the annotations file."""
    from . import lexicons

    functions = lexicons.framing_functions().categories
    hinted: dict[str, dict[str, list[str]]] = {}
    for h in analysis.framing["hints"]:
        if h["kind"] == "function":
            hinted.setdefault(h["sentence"], {}).setdefault(h["label"], []).append(h["text"])
    rows = []
    for s in gold["sentences"]:
        chosen = set(s["framing"]["functions"])
        cells = []
        for f in functions:
            mark = Markup("<strong>\u2714 course</strong>") if f.id in chosen else Markup("")
            words = hinted.get(s["id"], {}).get(f.id)
            hint = Markup("<small>hint: {}</small>").format(", ".join(dict.fromkeys(words))) if words else Markup("")
            cells.append(mark + (Markup("<br>") if mark and hint else Markup("")) + hint)
        rows.append((Markup("<code>{}</code>").format(s["id"]), *cells))
    headers = ["sentence", *[f.label for f in functions]]
    return table_html(headers, rows, caption, "dl-framing")


def unattributed_html(analysis, caption: str = "") -> HTML:
    """Sentences with evaluative words (framing bias cues of ``bias-cues.yml``) that stand
    outside every attributed content, so in the writer's own voice."""
    rows = [
        (
            Markup("<code>{}</code>").format(item["sentence"]),
            ", ".join(f"\u201c{c}\u201d" for c in item["cues"]),
            item["text"],
        )
        for item in analysis.bias["unattributed_evaluations"]
    ]
    return table_html(
        ["sentence", "evaluative words outside any attribution", "sentence text"], rows, caption, "dl-unattributed"
    )
