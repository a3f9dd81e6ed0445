"""Class statistics of one graded assignment: an offline HTML page and a per-item table.

The figures are those of classical item analysis, as quiz tools' item-analysis pages report them
(for example the University of Oxford's guide to its question analysis,
https://www.medsci.ox.ac.uk/support-services/teams/learning-technologies/faqs/what-do-difficulty-correlation-discrimination-etc-in-the-question-analysis-mean):

* **difficulty** of an item: the mean fraction of its points the class earned (1 = everyone
  right; it is an "easiness");
* **discrimination**, two ways: the *point-biserial* (for partial-credit items the Pearson
  correlation generally) between the item's score and the *rest-of-test* total (the total
  without that item, so the item is not correlated with itself), and the *upper–lower index*
  (Kelley's 27 % groups): the item's mean fraction in the top 27 % of the class by total minus
  that in the bottom 27 %;
* the **most common wrong answer** (option, tag, match, order or selection), and the number of
  students who left the item **unanswered**.

Which rows count: one row per student (the counted submission; missing students and rejected
files are counted, not analysed). Difficulty uses every counted submission in which the item
has points. Everything computed from totals (score distribution, discrimination) uses only
*complete* rows: a row whose judgement answers still wait for a manual mark has no total yet,
and the page says how many such rows were left out. With fewer than ``FEW_STUDENTS`` complete
rows, or an item on which every student scored the same (zero variance), discrimination is
unreliable or undefined and the page says so.

The page is one self-contained file: no script, no request to anywhere (a Content Security
Policy forbids it besides), figures inline as SVG; every text in it, above all anything a
student typed, is escaped.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from .. import figures
from ..number_format import plain_number as _fmt

FEW_STUDENTS = 20  # below this many complete rows, discrimination indices are too noisy to act on
GROUP_SHARE = 0.27  # Kelley's upper and lower groups
LOW_DISCRIMINATION = 0.2  # a common rule of thumb of item-analysis guides: below it an item tells students apart poorly
EXCERPT = 120  # characters of a repeated text answer shown in the page
NICE_WIDTHS = (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MAX_BINS = 12

ITEM_COLUMNS = (
    "position",
    "exercise_id",
    "title",
    "type",
    "max_points",
    "n_scored",
    "difficulty",
    "mean_points",
    "n_complete",
    "point_biserial",
    "upper_lower",
    "upper_lower_group",
    "most_common_wrong",
    "most_common_wrong_count",
    "unanswered",
    "stale_version",
    "pending_manual",
    "note",
)


# ---------------------------------------------------------------- which rows


def _counts(g) -> bool:
    """The row that counts for its student (``Graded.counts``; before rosters: every accepted row)."""
    flag = getattr(g, "counts", None)
    return (not g.rejected) if flag is None else bool(flag)


def submitted_rows(report) -> list:
    """Counted rows with a submission behind them (not missing, not rejected); with a roster, only
    the roster's students (a file under an id the roster does not know is counted apart)."""
    on_roster = getattr(report, "roster", None) is not None
    return [
        g
        for g in report.graded
        if _counts(g)
        and not g.rejected
        and g.status not in ("missing", "rejected")
        and not (on_roster and getattr(g, "student", None) is None)
    ]


def _points_earned(g) -> float:
    """The row's total before any late penalty: statistics are about the answers, not the clock."""
    raw = getattr(g, "raw_total", None)
    return float(g.total if raw is None else raw)


def complete_rows(report) -> list:
    return [g for g in submitted_rows(report) if g.status == "graded"]


def _assignment(report, assignment=None):
    found = assignment if assignment is not None else getattr(report, "assignment", None)
    if found is None:
        raise ValueError("the report carries no assignment; pass assignment=")
    return found


# ---------------------------------------------------------------- the numbers


def point_biserial(item: list[float], rest: list[float]) -> float | None:
    """Pearson correlation of item scores with rest-of-test totals; None when undefined
    (fewer than two rows, or either list constant)."""
    if len(item) < 2 or len(set(item)) < 2 or len(set(rest)) < 2:
        return None
    return statistics.correlation(item, rest)


def upper_lower(fractions: Sequence[float], totals: Sequence[float], keys: Sequence[str]) -> tuple[float | None, int]:
    """Kelley's index: mean item fraction in the top 27 % by total minus the bottom 27 %.

    Groups have ``round(0.27 n)`` rows (at least 1); ties at a boundary are broken by the
    student id, so the same class always gives the same groups. None for fewer than two rows.
    """
    n = len(fractions)
    if n < 2:
        return None, 0
    size = max(1, math.floor(GROUP_SHARE * n + 0.5))
    order = sorted(range(n), key=lambda i: (-totals[i], keys[i]))
    upper, lower = order[:size], order[-size:]
    return statistics.fmean(fractions[i] for i in upper) - statistics.fmean(fractions[i] for i in lower), size


def histogram(totals: list[float], max_points: float) -> list[tuple[float, float, int]]:
    """``(low, high, count)`` bins over 0..max_points: width the smallest of NICE_WIDTHS giving at
    most MAX_BINS bins; each bin holds low <= total < high, the last one also high itself."""
    top = max([max_points, *totals]) if totals else max_points
    width = next((w for w in NICE_WIDTHS if math.ceil(top / w) <= MAX_BINS), NICE_WIDTHS[-1])
    n_bins = max(1, math.ceil(top / width))
    counts = [0] * n_bins
    for t in totals:
        counts[min(n_bins - 1, int(t // width))] += 1
    return [(i * width, min(top, (i + 1) * width), counts[i]) for i in range(n_bins)]


def _wrong_answers(ex, answer: Any) -> list[str]:
    """The wrong parts of one answer in words, for the "most common wrong answer" tally."""
    d = ex.data
    options = {o["id"]: o["text"] for o in d.get("options", [])}
    items = {i["id"]: i["text"] for i in d.get("items", [])}
    if ex.type == "choice":
        return [] if answer == d["answer"] else [options.get(answer, answer)]
    if ex.type == "multi":
        return [options.get(a, a) for a in answer if a not in d["answer"]]
    if ex.type == "tagging":
        labels = {label["id"]: label["text"] for label in d["labels"]}
        key = ex.answer_key
        return [f"{sid}: {labels.get(answer.get(sid), '(no label)')}" for sid in key if answer.get(sid) != key[sid]]
    if ex.type == "matching":
        targets = {t["id"]: t["text"] for t in d["targets"]}
        key = ex.answer_key
        return [
            f"{items.get(i, i)} \u2192 {targets.get(answer.get(i), '(no match)')}"
            for i in key
            if answer.get(i) != key[i]
        ]
    if ex.type == "ordering":
        return [] if list(answer) == list(d["answer"]) else [" | ".join(items.get(i, i) for i in answer)]
    if ex.type == "span":
        picked = set(answer)
        chosen = [t for t in ex.tokens if t.id in picked and not t.is_punct]  # in sentence order
        if {t.id for t in chosen} == set(ex.answer_key):
            return []
        return [" ".join(t.text for t in chosen) or "(nothing selected)"]
    return []


def _excerpt(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "\u2026"


def item_stats(report, assignment=None) -> list[dict]:
    """One dict per exercise of the assignment, keys :data:`ITEM_COLUMNS` (numbers as floats/ints,
    None where a figure is undefined)."""
    assignment = _assignment(report, assignment)
    rows = submitted_rows(report)
    complete = complete_rows(report)
    totals = [_points_earned(g) for g in complete]
    keys = [g.student_id.lower() for g in complete]
    out = []
    for position, ex in enumerate(assignment.exercises, 1):
        scored = [g.points[ex.id] for g in rows if g.points.get(ex.id) is not None]
        fractions = [p / ex.points for p in scored] if ex.points else []
        item = [float(g.points[ex.id]) for g in complete]
        rest = [t - p for t, p in zip(totals, item)]
        rpb = point_biserial(item, rest)
        ul, group = upper_lower([p / ex.points for p in item] if ex.points else [], totals, keys)
        tally: Counter = Counter()
        for g in rows:
            if ex.id not in g.answers:
                continue
            if ex.objective:
                tally.update(set(_wrong_answers(ex, g.answers[ex.id])))
            elif isinstance(g.answers[ex.id], str) and g.answers[ex.id].strip():
                tally[_excerpt(g.answers[ex.id])] += 1
        wrong, wrong_count = (None, 0)
        if tally:
            wrong, wrong_count = min(tally.items(), key=lambda kv: (-kv[1], kv[0]))
            if not ex.objective and wrong_count < 2:
                wrong, wrong_count = None, 0  # a text answer only matters here when repeated
        notes = []
        if len(complete) < FEW_STUDENTS:
            notes.append(f"only {len(complete)} complete rows: discrimination is unreliable")
        if complete and len(set(item)) < 2:
            notes.append("every complete row scored the same: no discrimination")
        if rpb is not None and rpb < LOW_DISCRIMINATION:
            notes.append(f"point-biserial below {LOW_DISCRIMINATION}: worth a look at the key and the wording")
        if not ex.objective and wrong:
            notes.append(f"{wrong_count} students gave the same text")
        out.append(
            {
                "position": position,
                "exercise_id": ex.id,
                "title": ex.title,
                "type": ex.type,
                "max_points": ex.points,
                "n_scored": len(scored),
                "difficulty": statistics.fmean(fractions) if fractions else None,
                "mean_points": statistics.fmean(scored) if scored else None,
                "n_complete": len(complete),
                "point_biserial": rpb,
                "upper_lower": ul,
                "upper_lower_group": group,
                "most_common_wrong": wrong,
                "most_common_wrong_count": wrong_count,
                "unanswered": sum(f"unanswered:{ex.id}" in g.flags for g in rows),
                "stale_version": sum(f"stale-version:{ex.id}" in g.flags for g in rows),
                "pending_manual": sum(ex.id in g.points and g.points[ex.id] is None for g in rows),
                "note": "; ".join(notes),
            }
        )
    return out


def _missing(report) -> int:
    """Roster students with nothing handed in (rows of status ``missing``, else roster minus rows)."""
    flagged = sum(g.status == "missing" for g in report.graded)
    roster = getattr(report, "roster", None)
    if flagged or roster is None:
        return flagged
    seen = {g.student_id.lower() for g in report.graded if g.student_id}
    return sum(s.student_id.lower() not in seen for s in roster.students)


def class_summary(report, assignment=None) -> dict:
    """Counts of the class and the distribution of complete totals."""
    assignment = _assignment(report, assignment)
    rows = submitted_rows(report)
    complete = complete_rows(report)
    totals = [_points_earned(g) for g in complete]
    roster = getattr(report, "roster", None)
    strangers = [
        g
        for g in report.graded
        if roster is not None and _counts(g) and not g.rejected and getattr(g, "student", None) is None
    ]
    return {
        "title": assignment.title,
        "assignment_id": assignment.id,
        "max_points": assignment.total,
        "roster_students": len(roster.students) if roster is not None else None,
        "submitted": len(rows),
        "complete": len(complete),
        "incomplete": sum(g.status == "incomplete" for g in rows),
        "missing": _missing(report),
        "not_on_roster": len(strangers),
        "superseded": sum(g.status == "superseded" for g in report.graded),
        "penalised": sum(bool(getattr(g, "penalty", 0)) for g in rows),
        "late": sum(bool(getattr(g, "late", False)) for g in rows),
        "rejected_files": sum(bool(g.rejected) for g in report.graded),
        "mean": statistics.fmean(totals) if totals else None,
        "median": statistics.median(totals) if totals else None,
        "sd": statistics.stdev(totals) if len(totals) > 1 else None,
        "min": min(totals) if totals else None,
        "max": max(totals) if totals else None,
        "histogram": histogram(totals, assignment.total),
    }


# ---------------------------------------------------------------- the table


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return "" if value is None else str(value)


def item_stats_csv(report, assignment=None) -> str:
    """The per-item figures as CSV (UTF-8; cells that a spreadsheet would run as formulas are quoted)."""
    from .grade import csv_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ITEM_COLUMNS)
    for row in item_stats(report, assignment):
        writer.writerow([csv_safe(_cell(row[c])) for c in ITEM_COLUMNS])
    return buffer.getvalue()


# ---------------------------------------------------------------- the figure


def score_distribution_figure(histogram_bins: list[tuple[float, float, int]], max_points: float):
    """Bars of the score histogram (as :func:`histogram` computed it) and an alt text stating it."""
    fig, ax = figures.figure_and_axes(5.0, 2.6)
    lows = [b[0] for b in histogram_bins]
    widths = [b[1] - b[0] for b in histogram_bins]
    counts = [b[2] for b in histogram_bins]
    ax.bar(lows, counts, width=widths, align="edge", linewidth=0.8, **figures.style(0))
    ax.set_xlim(0, max(max_points, histogram_bins[-1][1]) if histogram_bins else max_points)
    ax.set_xlabel("total points", fontsize=11)
    ax.set_ylabel("students", fontsize=11)
    ax.tick_params(labelsize=10)
    ax.yaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    parts = [f"{_fmt(lo)}\u2013{_fmt(hi)}: {n}" for lo, hi, n in histogram_bins]
    alt = f"Histogram of total points out of {_fmt(max_points)}, students per bin: " + "; ".join(parts) + "."
    return fig, alt


def figure_svg(fig, alt: str, title_id: str = "dl-figure-title") -> Markup:
    """The figure as inline SVG with its alt text as a title: text stays text, no metadata that
    changes between runs, no namespace or doctype URLs (an inline ``<svg>`` in HTML needs none)."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "discourse-lab"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg, count=2)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    head_end = svg.index(">")
    opening = Markup(svg[:head_end]) + Markup(' role="img" aria-labelledby="{}">').format(title_id)
    title = Markup('<title id="{}">{}</title>').format(title_id, alt)
    return opening + title + Markup(svg[head_end + 1 :])


# ---------------------------------------------------------------- the page

PAGE_STYLE = "body{font-family:system-ui,sans-serif;max-width:64em;margin:1.5em auto;padding:0 1em;line-height:1.45}"
# Scoped to the report's own box, so the same rules serve the page and a notebook or book page.
STYLE = """
.dl-class-report{color:#1b1b1b} .dl-class-report .dl-cr-title{font-size:1.5em;margin-bottom:.2em}
.dl-class-report .dl-cr-section{font-size:1.15em;margin-top:1.6em}
.dl-class-report .facts{display:flex;flex-wrap:wrap;gap:.5em 1.5em;padding:0;list-style:none}
.dl-class-report .facts li{background:#f2f4f7;border-radius:4px;padding:.25em .6em}
.dl-class-report .scroll{overflow-x:auto}
.dl-class-report table{border-collapse:collapse;font-size:.92em;min-width:100%}
.dl-class-report th,.dl-class-report td{border-bottom:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
.dl-class-report .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.dl-class-report .warn{color:#8a3b00} .dl-class-report .muted{color:#555}
.dl-class-report figure{margin:1em 0} .dl-class-report svg{max-width:100%;height:auto}
.dl-class-report dt{font-weight:bold;margin-top:.6em} .dl-class-report dd{margin-left:1.2em}
@media (max-width:40em){
 .dl-class-report .items thead{display:none}
 .dl-class-report .items,.dl-class-report .items tbody,.dl-class-report .items tr,.dl-class-report .items td{display:block;min-width:0}
 .dl-class-report .items tr{border-bottom:2px solid #999;padding:.4em 0}
 .dl-class-report .items td{border:0;padding:.1em 0;text-align:left}
 .dl-class-report .items td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _num(value, digits: int = 2) -> str:
    return "\u2014" if value is None else f"{value:.{digits}f}"


def class_report_html(report, assignment=None) -> str:
    """The whole page as a string (see the module docstring)."""
    assignment = _assignment(report, assignment)
    head = Markup(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">'
        "<title>Class report: {title}</title><style>{page}{style}</style></head><body>"
    ).format(csp=CSP, title=assignment.title, page=Markup(PAGE_STYLE), style=Markup(STYLE))
    return str(head + _report_body(report, assignment, 1) + Markup("</body></html>\n"))


def class_report_view(report, assignment=None):
    """The same report as a block for a notebook or a book page (:class:`render.HTML`): its
    headings start at level 3 and its style is scoped to it."""
    from ..render import HTML

    assignment = _assignment(report, assignment)
    return HTML(Markup("<style>{}</style>").format(Markup(STYLE)) + _report_body(report, assignment, 3))


def _report_body(report, assignment, level: int) -> Markup:
    """The report inside ``<div class="dl-class-report">``; ``level``: the title's heading level."""
    summary = class_summary(report, assignment)
    items = item_stats(report, assignment)
    left_out = summary["incomplete"]
    h2 = Markup('<h{0} class="dl-cr-section">{{}}</h{0}>'.format(level + 1))
    parts: list[Markup] = [
        Markup(
            '<div class="dl-class-report"><h{level} class="dl-cr-title">Class report: {title}</h{level}>'
            '<p class="muted">Assignment <code>{aid}</code>, {max} points, {n} exercises.</p>'
        ).format(
            level=level,
            title=assignment.title,
            aid=assignment.id,
            max=_fmt(assignment.total),
            n=len(assignment.exercises),
        )
    ]
    facts = []
    if summary["roster_students"] is not None:
        facts.append(("on the roster", summary["roster_students"]))
    facts += [
        ("handed in", summary["submitted"]),
        ("complete (every answer scored)", summary["complete"]),
        ("incomplete (manual marks pending)", summary["incomplete"]),
    ]
    if summary["roster_students"] is not None or summary["missing"]:  # without a roster, no one is known missing
        facts.append(("missing", summary["missing"]))
    facts += [("late", summary["late"]), ("files rejected", summary["rejected_files"])]
    if summary["superseded"]:
        facts.append(("superseded by a later file", summary["superseded"]))
    if summary["not_on_roster"]:
        facts.append(("handed in under an id not on the roster (not analysed)", summary["not_on_roster"]))
    parts.append(
        Markup('<ul class="facts">{}</ul>').format(
            Markup("").join(Markup("<li>{}: <strong>{}</strong></li>").format(k, v) for k, v in facts)
        )
    )
    parts.append(h2.format("Score distribution"))
    if left_out:
        parts.append(
            Markup(
                '<p class="warn">{} incomplete row(s) are left out of the distribution and of the '
                "discrimination figures: their totals are not known until the manual marks are in.</p>"
            ).format(left_out)
        )
    if summary["complete"]:
        fig, alt = score_distribution_figure(summary["histogram"], assignment.total)
        svg = figure_svg(fig, alt, f"dl-hist-{assignment.id}")
        parts.append(Markup("<figure>{}<figcaption>{}</figcaption></figure>").format(svg, alt))
        parts.append(
            Markup("<p>Mean {} · median {} · standard deviation {} · lowest {} · highest {} (of {}).</p>").format(
                _num(summary["mean"]),
                _num(summary["median"]),
                _num(summary["sd"]),
                _fmt(summary["min"]),
                _fmt(summary["max"]),
                _fmt(assignment.total),
            )
        )
    else:
        parts.append(Markup("<p>No complete rows yet: no distribution to show.</p>"))
    if summary["penalised"]:
        parts.append(
            Markup(
                '<p class="muted">Totals here are the points earned, before the late penalty of {} row(s): '
                "the statistics are about the answers.</p>"
            ).format(summary["penalised"])
        )
    if summary["complete"] < FEW_STUDENTS:
        parts.append(
            Markup(
                '<p class="warn">Only {} complete rows: with fewer than {} students the discrimination '
                "figures below move a lot with one student's answers; read them as hints, not findings.</p>"
            ).format(summary["complete"], FEW_STUDENTS)
        )
    parts.append(h2.format("Items"))
    head = (
        "#",
        "exercise",
        "type",
        "points",
        "difficulty",
        "point-biserial",
        "upper\u2013lower",
        "most common wrong answer",
        "unanswered",
    )
    numeric = {0, 3, 4, 5, 6, 8}
    body = []
    for row in items:
        wrong = (
            Markup('{} <span class="muted">({}\u00d7)</span>').format(
                row["most_common_wrong"], row["most_common_wrong_count"]
            )
            if row["most_common_wrong"]
            else Markup('<span class="muted">\u2014</span>')
        )
        extra = []
        if row["pending_manual"]:
            extra.append(f"{row['pending_manual']} awaiting a manual mark")
        if row["stale_version"]:
            extra.append(f"{row['stale_version']} answered an older version")
        if row["note"]:
            extra.append(row["note"])
        cells = [
            row["position"],
            Markup('{}<br><code class="muted">{}</code>{}').format(
                row["title"],
                row["exercise_id"],
                Markup("").join(Markup('<br><small class="muted">{}</small>').format(e) for e in extra),
            ),
            row["type"],
            _fmt(row["max_points"]),
            Markup('{} <span class="muted">(n={})</span>').format(_num(row["difficulty"]), row["n_scored"]),
            _num(row["point_biserial"]),
            _num(row["upper_lower"]),
            wrong,
            row["unanswered"],
        ]
        body.append(
            Markup("<tr>{}</tr>").format(
                Markup("").join(
                    Markup('<td class="{}" data-label="{}">{}</td>').format("n" if i in numeric else "", head[i], c)
                    if i > 1
                    else Markup("<td>{}</td>").format(c)
                    for i, c in enumerate(cells)
                )
            )
        )
    parts.append(
        Markup(
            '<div class="scroll"><table class="items"><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>'
        ).format(
            Markup("").join(
                Markup('<th class="n" scope="col">{}</th>' if i in numeric else '<th scope="col">{}</th>').format(h)
                for i, h in enumerate(head)
            ),
            Markup("").join(body),
        )
    )
    group = next((r["upper_lower_group"] for r in items if r["upper_lower_group"]), 0)
    parts.append(
        Markup(
            "{h}<dl>"
            "<dt>Difficulty</dt><dd>The mean fraction of the item's points the class earned, over every "
            "submission in which the item is scored (n). 1.00: everyone right; 0.00: no one. Items near 0 "
            "or 1 tell students apart poorly; an unexpectedly low one may have a wrong key.</dd>"
            "<dt>Point-biserial</dt><dd>The correlation between the item's score and the rest-of-test "
            "total (the total without this item), over the {n} complete rows. Positive: students who did "
            "well overall did well here. Near 0 or negative: the item does not measure what the rest "
            "measures, or its key is wrong. Undefined (\u2014) when every student scored the same on the "
            "item or on the rest, and unreliable below about {few} students.</dd>"
            "<dt>Upper\u2013lower index</dt><dd>The item's mean fraction in the top 27 % of complete rows "
            "by total minus that in the bottom 27 % ({g} students each here; ties broken by student id). "
            "From \u22121 to 1; as a rule of thumb 0.3 and above discriminates well, below 0.2 poorly. "
            "With small groups one student changes it a lot.</dd>"
            "<dt>Most common wrong answer</dt><dd>For choice items the wrong option chosen most often; "
            "for multiple-answer items the wrong option ticked most often; for tagging and matching the "
            "most frequent wrong label or match of one sentence or item; for ordering the most frequent "
            "wrong order; for word selection the most frequent wrong selection. For text answers: a text "
            "that two or more students handed in word for word (worth a look). The count is how many "
            "students gave it.</dd>"
            "<dt>Unanswered</dt><dd>Submissions that carry no answer to the item (scored 0).</dd>"
            "</dl>"
        ).format(h=h2.format("What the figures mean"), n=summary["complete"], few=FEW_STUDENTS, g=group)
    )
    parts.append(Markup("</div>"))
    return Markup("").join(parts)


def write_outputs(report, assignment=None, html=None, item_csv=None) -> list:
    """Write the class report page and/or the item table; returns the paths written."""
    from pathlib import Path

    from ..atomic import write_atomic

    written = []
    if html:
        written.append(write_atomic(Path(html), class_report_html(report, assignment)))
    if item_csv:
        written.append(write_atomic(Path(item_csv), item_stats_csv(report, assignment)))
    return written
