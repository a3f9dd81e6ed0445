"""Figures: the one palette, the one way to make a figure, and its HTML with alt text.

The convention: a ``<thing>_figure(...)`` function returns ``(fig, alt)``, the figure and an alt
text that states its data; :func:`figure_html` shows it (a notebook image output carries no alt
text). Figures are :class:`matplotlib.figure.Figure` objects drawn with the object-oriented API:
pyplot is never imported and ``matplotlib.use`` never called, so drawing one leaves the kernel's
backend (and a student's own inline plots) as they were.

Colours are the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), which stays
distinguishable with the common colour-vision deficiencies; every series also gets a hatch
pattern and a text label, so no figure relies on colour alone. The hatches are line patterns:
dotted and circled ones are drawn dot by dot in SVG and made one figure ten times heavier.
"""

from __future__ import annotations

import base64
import io
import math
import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from .render import HTML

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from matplotlib.typing import RcKeyType

PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
HATCHES = ("//", "\\\\", "xx", "--", "||", "++", "-\\", "|/")
EDGE = "#222222"

# Reading on a phone: at 390 CSS px the book's column is 342 px wide, and text under about 9 CSS px
# is hard to read. A figure is shown at its own size (1 pt = 4/3 CSS px) or narrower; on a phone it
# is never shown narrower than the width at which its smallest text is MIN_TEXT_PX (the figure
# then scrolls sideways inside itself, never the page).
MIN_TEXT_PX = 9.0
PHONE_COLUMN_PX = 342
PT_TO_PX = 4 / 3

# SVG ids (clip paths, hatch patterns) are hashes salted with a random value unless a salt is
# given; a fixed one keeps two builds byte-identical. Text stays text ("none"), in the reader's
# sans-serif font: sharp at any zoom, measurable, and no font embedded in the page.
SVG_RC: dict[RcKeyType, str] = {"svg.fonttype": "none", "svg.hashsalt": "discourse-lab"}


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


def phone_text_pt(width: float) -> float:
    """The smallest type, in points (rounded up to a half point), that a figure ``width`` inches
    wide can use and still show its text at ``MIN_TEXT_PX`` in a phone's column."""
    return math.ceil(MIN_TEXT_PX * width * 72 / PHONE_COLUMN_PX * 2) / 2


def smallest_text_pt(fig) -> float:
    """The size, in points, of the smallest visible text of ``fig``."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) if sizes else 12.0


def svg(fig) -> bytes:
    """``fig`` as a self-contained SVG with no date, software version or random id in it."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def figure_html(fig, alt: str, caption: str = "") -> HTML:
    """Render ``fig`` as SVG and wrap it in an accessible HTML ``<figure>`` with a caption.

    The SVG is a data URL, so the page stays self-contained; its text is real text, so it stays
    sharp at any zoom. ``--dl-min-width`` (``_static/discourse-lab.css``) keeps its smallest text
    at least ``MIN_TEXT_PX`` on a phone.
    """
    if not alt.strip():
        raise ValueError("a figure needs alt text")
    data = svg(fig)
    # The SVG's own width (cut to its content by bbox_inches="tight"), in points.
    width = re.search(rb'<svg[^>]* width="([\d.]+)pt"', data)
    if width is None:  # matplotlib's SVG backend always writes one; say so if a version stops
        raise ValueError("matplotlib wrote an SVG without a width in points")
    width_px = float(width.group(1)) * PT_TO_PX
    # Shown w px wide, text of p points is p * PT_TO_PX * w / width_px CSS px.
    min_width = math.ceil(MIN_TEXT_PX * width_px / (smallest_text_pt(fig) * PT_TO_PX))
    encoded = base64.b64encode(data).decode("ascii")
    markup = Markup(
        '<figure class="dl-figure" style="--dl-min-width: {}px"><img src="data:image/svg+xml;base64,{}" alt="{}" />'
    ).format(min(min_width, math.ceil(width_px)), encoded, alt)
    if caption:
        markup += Markup("<figcaption>{}</figcaption>").format(caption)
    return HTML(markup + Markup("</figure>"))
