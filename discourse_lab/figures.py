"""Show a matplotlib figure as an HTML ``<figure>`` with alt text and a caption.

Notebook image outputs carry no alt text, so a figure is emitted as HTML instead: a PNG inside
``<img alt=...>`` (a data URL, so the page stays self-contained) with a ``<figcaption>``. The
PNG is written without metadata that changes from run to run, so two builds give the same bytes.
"""

from __future__ import annotations

import base64
import io

from markupsafe import Markup

from .render import HTML


def figure_html(fig, alt: str, caption: str = "", dpi: int = 110) -> HTML:
    """Render ``fig`` to PNG and wrap it in an accessible HTML figure; closes the figure."""
    import matplotlib.pyplot as plt

    if not alt.strip():
        raise ValueError("a figure needs alt text")
    buffer = io.BytesIO()
    # "Software" would stamp the matplotlib version; dropping it keeps builds byte-identical.
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    markup = Markup('<figure class="dl-figure"><img src="data:image/png;base64,{}" alt="{}" />').format(data, alt)
    if caption:
        markup += Markup("<figcaption>{}</figcaption>").format(caption)
    return HTML(markup + Markup("</figure>"))
