"""Figures leave the kernel's matplotlib backend alone, and follow one convention.

Every ``<thing>_figure()`` of the package is drawn and shown with ``figure_html`` in a fresh
interpreter whose backend is the notebook's inline one, as in a student's kernel; after each, the
backend must still be that one and pyplot never imported (pyplot's global figure list is the
student's, not ours).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys

import discourse_lab
from support import ROOT

INLINE = "module://matplotlib_inline.backend_inline"

# How to draw each figure function of the package from the course's own data.
DRAW = {
    "discourse_lab.plots.voice_per_paragraph_figure": "plots.voice_per_paragraph_figure(analysis)",
    "discourse_lab.plots.verbs_by_stance_figure": "plots.verbs_by_stance_figure(analysis)",
    "discourse_lab.plots.indicators_per_voice_figure": "plots.indicators_per_voice_figure(analysis)",
    "discourse_lab.balance.who_speaks_figure": 'balance.who_speaks_figure(analysis.bias["source_diversity"])',
    "discourse_lab.coverage.coverage_figure": "coverage.coverage_figure(coverage.load_comparison())",
    "discourse_lab.timeline.timeline_figure": "timeline.timeline_figure(timeline.timeline(load_source()))",
    "discourse_lab.frame_coding.frame_scores_figure": 'frame_coding.frame_scores_figure({"course team": frame_coding.course_coding().answers})',
    "discourse_lab.frame_coding.frame_hints_figure": "frame_coding.frame_hints_figure(analysis)",
    "discourse_lab.course.report.score_distribution_figure": "report.score_distribution_figure(report.histogram([1, 2.5, 8], 8), 8)",
}

SCRIPT = """
import json, sys
import matplotlib
from discourse_lab import balance, coverage, frame_coding, plots, timeline
from discourse_lab.course import report
from discourse_lab.analysis import analyze
from discourse_lab.figures import figure_html
from discourse_lab.sources import load_source

analysis = analyze(load_source().document)
seen = {"before": matplotlib.get_backend(), "after": {}}
for name, call in json.loads(sys.argv[1]).items():
    fig, alt = eval(call)
    assert type(fig).__name__ == "Figure" and alt.strip(), name
    figure_html(fig, alt)
    seen["after"][name] = matplotlib.get_backend()
seen["pyplot"] = "matplotlib.pyplot" in sys.modules
print(json.dumps(seen))
"""


def figure_functions() -> set[str]:
    """Every public ``*_figure`` function defined in a module of the package."""
    found = set()
    for info in pkgutil.walk_packages(discourse_lab.__path__, "discourse_lab."):
        if info.name.startswith("discourse_lab.data") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.endswith("_figure") and inspect.isfunction(obj) and obj.__module__ == info.name:
                found.add(f"{info.name}.{name}")
    return found


def test_every_figure_function_is_drawn_here():
    """A new ``*_figure`` function must be added to DRAW, so the backend test covers it."""
    assert figure_functions() == set(DRAW)


def test_figures_leave_the_backend_unchanged():
    env = dict(os.environ, MPLBACKEND=INLINE)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(DRAW)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["before"] == INLINE
    changed = {name: backend for name, backend in seen["after"].items() if backend != INLINE}
    assert changed == {}
    assert set(seen["after"]) == set(DRAW)
    assert seen["pyplot"] is False, "a figure function imported pyplot"


def test_every_figure_is_svg_and_fits_a_phone_column_with_readable_text():
    """Each figure is a self-contained SVG whose smallest text is at least figures.MIN_TEXT_PX when
    it is shown as wide as a phone's column (so it never needs its sideways scroll there)."""
    import re

    from discourse_lab import balance, coverage, frame_coding, plots, timeline  # noqa: F401 (used by DRAW)
    from discourse_lab.course import report  # noqa: F401 (used by DRAW)
    from discourse_lab.analysis import analyze
    from discourse_lab.figures import PHONE_COLUMN_PX, figure_html
    from discourse_lab.sources import load_source

    analysis = analyze(load_source().document)  # noqa: F841 (used by DRAW)
    too_narrow = {}
    for name, call in DRAW.items():
        fig, alt = eval(call)
        html = str(figure_html(fig, alt))
        assert 'src="data:image/svg+xml;base64,' in html, name
        declared = re.search(r"--dl-min-width: (\d+)px", html)
        assert declared is not None, f"{name}: the figure declares no --dl-min-width"
        min_width = int(declared.group(1))
        if min_width > PHONE_COLUMN_PX:
            too_narrow[name] = min_width
    assert too_narrow == {}
