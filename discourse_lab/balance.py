"""Voices and balance (lesson 7): who gets to speak in a report, and what outlet ratings can say.

* :func:`who_speaks_figure` draws the source diversity that :func:`bias.source_diversity`
  computes — relations per source, and the share of sentences in each voice — with an alt text
  that states the numbers.
* :func:`rating_schemes` / :func:`rating_schemes_html` read ``data/ratings/rating-schemes.yml``
  (published schemes that rate outlets, with their scales and stated limits; schema
  ``rating-schemes.schema.json``), so a lesson shows the scales as data with their citations.

Actor diversity (who is quoted) is not viewpoint diversity (which positions are heard): Masini
et al. (2017). Counting sources measures only the first; the second is a reader's judgement.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from . import datafiles
from .figures import PALETTE, figure_and_axes, phone_text_pt, style
from .number_format import count_noun
from .paths import DATA_DIR
from .render import HTML
from .tables import table_html
from .voice import VOICE_LABELS, VOICES

RATINGS_FILE = DATA_DIR / "ratings" / "rating-schemes.yml"


def who_speaks_figure(diversity: dict, title: str = "Who speaks in the report"):
    """Two panels from a ``source_diversity`` dict: attribution relations per source (unnamed
    sources as one bar) and the sentences in each voice, as the toolkit labels them (the title
    and alt text say so: the course's reading may differ). Returns ``(fig, alt)``."""
    sources = dict(diversity["sources"])
    if diversity["unnamed_relations"]:
        sources["(unnamed source)"] = diversity["unnamed_relations"]
    voices = diversity["voice_counts"]
    total = diversity["sentences"] or 1
    fig, (left, right) = figure_and_axes(5.6, 3.2, ncols=2, gridspec_kw={"width_ratios": [1, 1]})
    text = phone_text_pt(5.6)  # readable in a phone's column (figures.MIN_TEXT_PX)
    names = list(sources) or ["(none)"]
    left.barh(names, [sources.get(n, 0) for n in names], **{**style(0), "color": PALETTE[4]})
    left.invert_yaxis()
    left.set_xlabel("attribution\nrelations", fontsize=text)
    left.set_title("Relations\nper source", fontsize=text)
    left.tick_params(labelsize=text)
    left.xaxis.get_major_locator().set_params(integer=True)
    for i, voice in enumerate(VOICES):
        right.barh([VOICE_LABELS[voice]], [voices[voice]], **style(i))
        right.text(voices[voice] + 0.1, i, f"{voices[voice]} ({voices[voice] / total:.0%})", va="center", fontsize=text)
    right.invert_yaxis()
    right.set_xlim(0, max(voices.values() or [1]) * 1.9 + 1)
    right.set_xlabel("sentences", fontsize=text)
    right.set_title("Sentences by voice\n(the toolkit's labels)", fontsize=text)
    right.tick_params(labelsize=text)
    right.xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(title, fontsize=text + 1)
    fig.tight_layout()
    per_source = ", ".join(f"{n} {c}" for n, c in sources.items()) or "none"
    per_voice = ", ".join(f"{voices[v]} of {diversity['sentences']} in the {VOICE_LABELS[v]}" for v in VOICES)
    named = count_noun(diversity["distinct_sources"], "distinct named source")
    alt = (
        f"Two bar charts. Left: attribution relations per source ({per_source}); {named}. "
        f"Right: sentences by voice as the toolkit labels them, not the course's reading ({per_voice})."
    )
    return fig, alt


@lru_cache(maxsize=1)
def rating_schemes() -> dict:
    """The rating-schemes file, validated against its schema."""
    return datafiles.load(RATINGS_FILE, "rating-schemes.schema.json")


def _scale_text(scale: dict) -> str:
    if "values" in scale:
        return f"{scale['dimension']}: {len(scale['values'])} points ({', '.join(scale['values'])})"
    if "min" in scale:
        return f"{scale['dimension']}: {scale['min']:g} to {scale['max']:g}"
    return f"{scale['dimension']}"


def rating_schemes_html(caption: str = "") -> HTML:
    """The schemes as an HTML table: what each rates, on which scales, how, and its stated limit.
    Each reference is an author-year link to its bibliography entry (``bibliography.cite_html``)."""
    from .bibliography import cite_html

    rows = []
    for s in rating_schemes()["schemes"]:
        method = s["method"]
        if "raters_per_item_min" in s:
            method += f" At least {s['raters_per_item_min']} analysts rate each item."
        rows.append(
            (
                s["name"],
                s["rates"],
                Markup("<br/>").join(_scale_text(x) for x in s["scales"]),
                method,
                s.get("stated_limit", "—"),
                cite_html([s["cite"]]),
            )
        )
    headers = ["Scheme", "Rates", "Scales", "Method", "Limit it states", "Reference"]
    return table_html(headers, rows, caption, "dl-ratings")
