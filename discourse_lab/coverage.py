"""What a report leaves out: its source compared, point by point, with other coverage of the event.

The comparison is data (``data/sources/<slug>/coverage.yml``, schema
``coverage-comparison.schema.json``): each point another outlet reported, with its citation, and
what the source does with it — ``covered``, ``reduced`` (mentioned without its content) or
``absent``. The judgement of covered vs reduced is the annotator's; what can be checked is
checked here against the text itself: the point's ``terms`` must occur in no sentence of the
source when it is absent, and in exactly the sentences listed otherwise. A file that disagrees
with its article raises :class:`DataFileError`, so the table a lesson shows cannot drift from
the text.

What this cannot do: find omissions by itself. Only a reader who knows the other coverage can
list the points; the module keeps that list honest and shows it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from . import datafiles, tables
from .errors import DataFileError
from .figures import EDGE, PALETTE, figure_and_axes, phone_text_pt
from .render import HTML
from .sources import SEED_SLUG, load_source

STATUSES = ("covered", "reduced", "absent")
STATUS_LABELS = {"covered": "covered", "reduced": "reduced to a mention", "absent": "left out"}
# Quotations of other coverage are kept short: criticism and teaching, not republication.
EXCERPT_MAX_WORDS = 45


@dataclass(frozen=True)
class Point:
    id: str
    point: str
    cite: tuple[str, ...]
    in_source: str
    terms: tuple[str, ...]
    sentences: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Excerpt:
    id: str
    cite: str
    outlet: str
    date: str | None
    text: str


@dataclass(frozen=True)
class Comparison:
    slug: str
    compared_with: tuple[dict, ...]
    points: tuple[Point, ...]
    excerpts: tuple[Excerpt, ...] = ()

    def excerpt(self, excerpt_id: str) -> Excerpt:
        for e in self.excerpts:
            if e.id == excerpt_id:
                return e
        raise KeyError(f"no excerpt '{excerpt_id}' in the coverage of {self.slug}")

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for p in self.points if p.in_source == status) for status in STATUSES}


def sentences_with(document, terms) -> list[str]:
    """Ids of the sentences that contain any of ``terms`` as whole words (case-insensitive)."""
    patterns = [re.compile(r"(?<!\w)" + re.escape(t) + r"(?!\w)", re.IGNORECASE) for t in terms]
    return [s.id for s in document.sentences if any(p.search(s.text) for p in patterns)]


def check_points(data: dict, document, path) -> tuple[Point, ...]:
    """The points of a validated comparison, each checked against the article's sentences."""
    points = []
    for n, raw in enumerate(data["points"]):
        point = Point(
            raw["id"],
            raw["point"],
            tuple(raw["cite"]),
            raw["in_source"],
            tuple(raw["terms"]),
            tuple(raw["sentences"]),
            raw["note"],
        )
        found = sentences_with(document, point.terms)
        if point.in_source == "absent" and found:
            raise DataFileError(
                path, f"at points/{n} ({point.id}): marked absent, but its terms occur in {', '.join(found)}"
            )
        if point.in_source != "absent" and sorted(found) != sorted(point.sentences):
            raise DataFileError(
                path,
                f"at points/{n} ({point.id}): its terms occur in {', '.join(found) or 'no sentence'}, "
                f"not in the sentences listed ({', '.join(point.sentences) or 'none'})",
            )
        points.append(point)
    return tuple(points)


def check_excerpts(data: dict, path) -> tuple[Excerpt, ...]:
    """The excerpts of a validated comparison, each at most EXCERPT_MAX_WORDS words long."""
    excerpts = []
    for n, raw in enumerate(data.get("excerpts", [])):
        text = " ".join(raw["text"].split())
        if len(text.split()) > EXCERPT_MAX_WORDS:
            raise DataFileError(
                path,
                f"at excerpts/{n} ({raw['id']}): {len(text.split())} words, more than the "
                f"{EXCERPT_MAX_WORDS} a quotation of other coverage may have",
            )
        excerpts.append(Excerpt(raw["id"], raw["cite"], raw["outlet"], raw.get("date"), text))
    return tuple(excerpts)


@lru_cache(maxsize=8)
def load_comparison(slug: str = SEED_SLUG) -> Comparison:
    """The coverage comparison of a source, validated and checked against its article."""
    source = load_source(slug)
    path = source.folder / "coverage.yml"
    data = datafiles.load(path, "coverage-comparison.schema.json")
    if data["source"] != slug:
        raise DataFileError(path, f"names source '{data['source']}' but lies in the folder of '{slug}'")
    return Comparison(
        slug, tuple(data["compared_with"]), check_points(data, source.document, path), check_excerpts(data, path)
    )


def excerpts_html(comparison: Comparison, ids, caption: str = "") -> HTML:
    """The chosen excerpts as quotations: the words quoted, then outlet, date and a link to the
    bibliography entry (whose entry links the story)."""
    from datetime import date

    from .bibliography import cite_html

    parts = [Markup('<div class="dl-excerpts">')]
    if caption:
        parts.append(Markup('<p class="dl-caption">{}</p>').format(caption))
    for excerpt_id in ids:
        e = comparison.excerpt(excerpt_id)
        day = date.fromisoformat(e.date) if e.date else None
        when = f", {day.day} {day:%B %Y}" if day else ""
        parts.append(
            Markup(
                '<blockquote class="dl-excerpt" data-excerpt="{}"><p>{}</p><p>\u2014 {}{} ({})</p></blockquote>'
            ).format(e.id, e.text, e.outlet, when, cite_html([e.cite]))
        )
    parts.append(Markup("</div>"))
    return HTML(Markup("").join(parts))


def table_html(comparison: Comparison, caption: str = "") -> HTML:
    """The comparison as an HTML table: the point, who reported it, and what the source does with it.
    Each reference is an author-year link to its bibliography entry (``bibliography.cite_html``)."""
    from .bibliography import cite_html

    rows = []
    for p in comparison.points:
        where = ", ".join(p.sentences) if p.sentences else "—"
        rows.append(
            (p.point, cite_html(p.cite), STATUS_LABELS[p.in_source], Markup("<code>{}</code>").format(where), p.note)
        )
    headers = ["Point in other coverage", "Reported by", "In the item", "Sentences", "Note"]
    return tables.table_html(headers, rows, caption, "dl-coverage")


def coverage_figure(comparison: Comparison):
    """A dot chart: one row per point, placed in the column of what the source does with it.
    Returns ``(fig, alt)``; the alt text lists every point and its status."""
    colours = {"covered": PALETTE[2], "reduced": PALETTE[0], "absent": PALETTE[5]}
    markers = {"covered": "o", "reduced": "s", "absent": "X"}
    points = comparison.points
    fig, ax = figure_and_axes(5.6, 0.8 * len(points) + 1.6)
    text = phone_text_pt(5.6)  # readable in a phone's column (figures.MIN_TEXT_PX)
    for row, p in enumerate(points):
        col = STATUSES.index(p.in_source)
        ax.scatter(
            [col], [row], s=160, marker=markers[p.in_source], color=colours[p.in_source], edgecolor=EDGE, zorder=3
        )
        if p.sentences:
            ax.annotate(
                " ".join(p.sentences),
                (col, row),
                xytext=(12, 0),
                textcoords="offset points",
                va="center",
                fontsize=text,
            )
    labels = [textwrap.fill(textwrap.shorten(p.point, 56, placeholder="…"), 28) for p in points]
    ax.set_yticks(range(len(points)), labels, fontsize=text)
    ax.set_xticks(range(len(STATUSES)), [textwrap.fill(STATUS_LABELS[s], 10) for s in STATUSES], fontsize=text)
    ax.set_xlim(-0.5, len(STATUSES) - 0.3)
    ax.set_ylim(len(points) - 0.5, -0.5)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.set_title("Same-day coverage: what the item\ndoes with each point", fontsize=text + 1)
    fig.tight_layout()
    counts = comparison.counts()
    alt = (
        f"Dot chart of {len(points)} points reported in other coverage of the same event: "
        + ", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUSES)
        + ". "
        + " ".join(
            f"{p.point.rstrip('.')}: {STATUS_LABELS[p.in_source]}"
            + (f" ({', '.join(p.sentences)})." if p.sentences else ".")
            for p in points
        )
    )
    return fig, alt
