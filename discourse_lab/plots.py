"""Figures of an analysis: voice per paragraph, reporting verbs by stance, bias indicators by
voice. Each ``<thing>_figure(analysis)`` returns ``(fig, alt)``; see :mod:`discourse_lab.figures`."""

from __future__ import annotations

import textwrap
from collections import Counter

from . import lexicons
from .figures import figure_and_axes, style
from .voice import VOICE_LABELS, VOICES

# Sized for a phone as well as a desktop: 5 inches wide and no text under 10 pt, so that shown in a
# phone's 342-px column the smallest text is still over 9 CSS px (figures.MIN_TEXT_PX).
WIDTH = 5.0
TEXT_PT = 10


def voice_per_paragraph_figure(analysis):
    """Stacked bars: how many sentences of each paragraph stand in each voice."""
    paragraphs = [p.id for p in analysis.document.paragraphs]
    counts = {
        v: [sum(1 for s in p.sentences if analysis.voice_of[s.id] == v) for p in analysis.document.paragraphs]
        for v in VOICES
    }
    fig, ax = figure_and_axes(WIDTH, 3.2)
    bottom = [0] * len(paragraphs)
    for i, voice in enumerate(VOICES):
        ax.bar(paragraphs, counts[voice], bottom=bottom, label=VOICE_LABELS[voice], **style(i))
        bottom = [b + c for b, c in zip(bottom, counts[voice])]
    ax.set_xlabel("paragraph", fontsize=TEXT_PT)
    ax.set_ylabel("sentences", fontsize=TEXT_PT)
    ax.set_title("Whose voice, paragraph by paragraph", fontsize=TEXT_PT + 1)
    ax.tick_params(labelsize=TEXT_PT)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(0, max(bottom) * 1.45)  # room for the legend above the bars
    ax.legend(frameon=False, fontsize=TEXT_PT, loc="upper left", ncols=2)
    fig.tight_layout()
    parts = [
        f"{pid}: " + ", ".join(f"{counts[v][i]} {VOICE_LABELS[v]}" for v in VOICES if counts[v][i])
        for i, pid in enumerate(paragraphs)
    ]
    alt = "Stacked bar chart of sentences per paragraph by voice. " + "; ".join(parts) + "."
    return fig, alt


def verbs_by_stance_figure(analysis):
    """Horizontal bars: reporting cues per stance category, with the cues named."""
    ids = lexicons.reporting_verbs().ids
    labels = {c.id: c.label for c in lexicons.reporting_verbs().categories}
    counts = Counter(c.stance for c in analysis.cues)
    words: dict[str, list[str]] = {}
    for c in analysis.cues:
        words.setdefault(c.stance, []).append(c.text)
    fig, ax = figure_and_axes(WIDTH, 5.2)
    for i, cat in enumerate(ids):
        ax.barh(labels[cat], counts.get(cat, 0), **style(i))
        if counts.get(cat):
            ax.text(counts[cat] + 0.1, i, textwrap.fill(", ".join(words[cat]), 24), va="center", fontsize=TEXT_PT)
    ax.invert_yaxis()
    ax.set_xlabel("reporting cues", fontsize=TEXT_PT)
    ax.set_title("Reporting verbs by stance", fontsize=TEXT_PT + 1)
    ax.tick_params(labelsize=TEXT_PT)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, max([1, *counts.values()]) * 3.2)
    fig.tight_layout()
    found = [f"{labels[c]} {counts[c]} ({', '.join(words[c])})" for c in ids if counts.get(c)]
    alt = (
        "Bar chart of reporting cues per stance category. "
        + ("; ".join(found) if found else "No reporting cues found")
        + "."
    )
    return fig, alt


def indicators_per_voice_figure(analysis):
    """Grouped bars: bias indicators per category, inside attributed content vs in the writer's words."""
    cats = lexicons.bias_cues().ids
    per = analysis.bias["per_cue_voice"]
    fig, ax = figure_and_axes(WIDTH, 3.4)
    width = 0.4
    xs = range(len(cats))
    for i, voice in enumerate(("source", "journalist")):
        ax.bar(
            [x + (i - 0.5) * width for x in xs],
            [per[voice][c] for c in cats],
            width,
            label=f"in the {VOICE_LABELS[voice]}",
            **style(i * 4),
        )
    ax.set_xticks(list(xs), cats, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_ylabel("cues", fontsize=TEXT_PT)
    ax.set_title("Bias indicators by voice", fontsize=TEXT_PT + 1)
    ax.tick_params(labelsize=TEXT_PT)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=TEXT_PT)
    fig.tight_layout()
    parts = [
        f"{c}: {per['source'][c]} in the source's voice, {per['journalist'][c]} in the writer's"
        for c in cats
        if per["source"][c] or per["journalist"][c]
    ]
    alt = (
        "Grouped bar chart of bias indicators by category and voice. "
        + ("; ".join(parts) or "No indicators found")
        + "."
    )
    return fig, alt
