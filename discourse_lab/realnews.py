"""The toolkit's measured accuracy on real political news, for lesson 8 and the README.

``benchmarks/attribution_polnear.py --write`` scores ``analyze`` on a sample of PolNeAR (Newell,
Margolin & Ruths 2018; real 2016 US political news annotated after PARC 3.0) and stores only the
aggregate scores in ``data/evaluations/attribution-polnear.json`` (package data, so an installed
package has them too); the corpus itself is never copied into the project. This module reads that
file, so a lesson can quote the figures without the corpus.
"""

from __future__ import annotations

from . import datafiles
from .paths import DATA_DIR

RESULTS = DATA_DIR / "evaluations" / "attribution-polnear.json"

ROWS = (
    ("cue precision", lambda s: s["cue_overlap"]["precision"]),
    ("cue recall", lambda s: s["cue_overlap"]["recall"]),
    ("cue F1", lambda s: s["cue_overlap"]["f1"]),
    ("cue F1, exact match", lambda s: s["cue_exact"]["f1"]),
    ("source accuracy", lambda s: s["source_accuracy"]),
    ("source span, exact", lambda s: s["source_span_exact"]),
    ("source head in the span", lambda s: s["source_head_match"]),
    ("content token F1", lambda s: s["content_token_f1"]),
    ("relation F1", lambda s: s["relation"]["f1"]),
    ("say / tell / according-to recall", lambda s: s["say_tell_recall"]),
)


def scores() -> dict:
    """The stored scores: ``{"corpus", "split", "<system> (<part>)": {...}}``."""
    return datafiles.load(RESULTS)


def table(results: dict, columns: tuple[str, ...]) -> list[str]:
    """Plain-text rows comparing the named columns of the stored scores."""
    width = max(len(label) for label, _ in ROWS)
    lines = [f"{'':<{width}}  " + "  ".join(f"{c:>24}" for c in columns)]
    for label, get in ROWS:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{get(results[c]):>24.2f}" for c in columns))
    return lines
