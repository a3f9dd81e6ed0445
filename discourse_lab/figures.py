"""Figures: the one palette, the one way to make a figure, and its HTML with alt text.

The convention: a ``<thing>_figure(...)`` function returns ``(fig, alt)``, the figure and an alt
text that states its data; :func:`figure_html` shows it (a notebook image output carries no alt
text). Figures are :class:`matplotlib.figure.Figure` objects drawn with the object-oriented API:
pyplot is never imported and ``matplotlib.use`` never called, so drawing one leaves the kernel's
backend (and a student's own inline plots) as they were.

Colours are the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), which stays
distinguishable with the common colour-vision deficiencies; every series also gets a hatch
pattern and a text label, so no figure relies on colour alone.
"""

from __future__ import annotations

import base64
import io

from markupsafe import Markup

from .render import HTML

PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
HATCHES = ("//", "..", "xx", "\\\\", "oo", "++", "--", "**")
EDGE = "#222222"


def style(i: int) -> dict:
    """Colour, hatch and edge of the ``i``-th series."""
    return {"color": PALETTE[i % len(PALETTE)], "hatch": HATCHES[i % len(HATCHES)], "edgecolor": EDGE}


def figure_and_axes(width: float, height: float, **subplots):
    """A figure of ``width`` x ``height`` inches and its axes (``Figure.subplots`` arguments).

    matplotlib is imported here, on first use, so ``import discourse_lab`` stays fast.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    return fig, fig.subplots(**subplots)


def figure_html(fig, alt: str, caption: str = "", dpi: int = 110) -> HTML:
    """Render ``fig`` to PNG and wrap it in an accessible HTML ``<figure>`` with a caption.

    The PNG is a data URL, so the page stays self-contained, and carries no metadata that changes
    from run to run, so two builds give the same bytes.
    """
    if not alt.strip():
        raise ValueError("a figure needs alt text")
    buffer = io.BytesIO()
    # "Software" would stamp the matplotlib version; dropping it keeps builds byte-identical.
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    markup = Markup('<figure class="dl-figure"><img src="data:image/png;base64,{}" alt="{}" />').format(data, alt)
    if caption:
        markup += Markup("<figcaption>{}</figcaption>").format(caption)
    return HTML(markup + Markup("</figure>"))
