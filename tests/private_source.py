"""A short fictional news item with its annotations, written for the course-tool tests.

Velm, its council, its library and every person named are invented; the item is neutral and
holds a direct quotation, an indirect report with a distancing cue, and an evaluation in the
writer's own voice, which is enough for every kind of generated exercise. Tests write it into
``tmp_path`` (outside the repository) and make a private bank from it with ``bank new``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SLUG = "velm-library"

ARTICLE = """\
The town council of Velm opened a rebuilt public library on Saturday, two years after a flood closed the old building. The new building stands on higher ground near the railway station.

"We wanted a place that the next flood cannot reach," said the council's chair, Mira Olsen. Local booksellers claimed that the council had spent too much on the design.

The bright reading rooms are a remarkable achievement for a town of four thousand people.
"""

META = {
    "slug": SLUG,
    "title": "Velm opens rebuilt library",
    "outlet": "Test fixture (fiction)",
    "published": "2026-11-30",
    "language": "en",
    "provenance": {
        "upstream_agency": None,
        "transcript_linked": False,
        "obtained": "Written for the tests of discourse_lab.course.",
        "note": "Fiction.",
    },
    "quoting": "Test fixture: copy freely.",
    "licence": "Test fixture, under the repository's licence.",
}

NO_FRAMING = {"functions": [], "frames": [], "rationale": "Reports without judging."}


def _sentence(sid, voice, rationale, attributions=(), cues=(), bias_cues=()):
    return {
        "id": sid,
        "voice": voice,
        "rationale": rationale,
        "attributions": list(attributions),
        "cues": list(cues),
        "framing": NO_FRAMING,
        "naming": [],
        "bias_cues": list(bias_cues),
    }


ANNOTATIONS: dict[str, Any] = {
    "source": SLUG,
    "annotator": "test fixture",
    "guidelines": "As in data/lexicons/README.md.",
    "sentences": [
        _sentence("p1s1", "journalist", "The writer reports the opening; no one is quoted."),
        _sentence("p1s2", "journalist", "Background in the writer's voice."),
        _sentence(
            "p2s1",
            "source",
            "A direct quotation with its speaker and a neutral verb.",
            [
                {
                    "source": "Mira Olsen",
                    "source_span": "the council's chair, Mira Olsen",
                    "cue": "said",
                    "content": "We wanted a place that the next flood cannot reach",
                    "type": "direct",
                    "rationale": "The quotation is the content.",
                }
            ],
            [{"text": "said", "stance": "neutral", "rationale": "The neutral baseline of news reports."}],
        ),
        _sentence(
            "p2s2",
            "source",
            "An indirect report of the booksellers' view.",
            [
                {
                    "source": "Local booksellers",
                    "cue": "claimed",
                    "content": "that the council had spent too much on the design",
                    "type": "indirect",
                    "rationale": "A that-clause without quotation marks.",
                }
            ],
            [{"text": "claimed", "stance": "distancing", "rationale": "Casts doubt on what is reported."}],
        ),
        _sentence(
            "p3s1",
            "journalist",
            "The writer's own judgement of the building.",
            bias_cues=[
                {
                    "text": "remarkable",
                    "kind": "framing",
                    "category": "subjective",
                    "rationale": "An evaluation no source is reported as making.",
                }
            ],
        ),
    ],
}


def write_source(folder: Path) -> Path:
    """Write the source folder ``folder/velm-library`` and return it."""
    source = Path(folder) / SLUG
    source.mkdir(parents=True)
    (source / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "meta.yml").write_text(yaml.safe_dump(META, sort_keys=False), encoding="utf-8")
    (source / "annotations.yml").write_text(yaml.safe_dump(ANNOTATIONS, sort_keys=False), encoding="utf-8")
    return source
