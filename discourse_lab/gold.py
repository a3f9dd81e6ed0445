"""The gold annotations as the one source of truth for every analytic claim about a sentence.

Exercise keys, lesson tables and lesson prose say things about sentences of a source: this
sentence is in the writer's voice, that word sits inside an attribution, this name takes a
position. Each such claim is read here from ``data/sources/<slug>/annotations.yml`` rather than
typed again, so a key, a table and a paragraph cannot disagree with one another; the tests in
``tests/test_gold_agreement.py`` hold them to it.
"""

from __future__ import annotations

from functools import lru_cache

from .errors import DataFileError
from .sources import SEED_SLUG, load_source


@lru_cache(maxsize=None)
def _sentences(slug: str) -> dict[str, dict]:
    source = load_source(slug)
    if not source.has_annotations:
        raise DataFileError(source.folder / "annotations.yml", "is missing: this source has no gold annotations")
    return {s["id"]: s for s in source.annotations["sentences"]}


def sentence(sid: str, slug: str = SEED_SLUG) -> dict:
    """The gold annotation of one sentence; raises DataFileError naming the file for an unknown id."""
    sentences = _sentences(slug)
    if sid not in sentences:
        raise DataFileError(load_source(slug).folder / "annotations.yml", f"has no sentence '{sid}'")
    return sentences[sid]


def sentence_ids(slug: str = SEED_SLUG) -> list[str]:
    return list(_sentences(slug))


def voice(sid: str, slug: str = SEED_SLUG) -> str:
    """``source``, ``journalist`` or ``mixed``, as the gold annotation labels the sentence."""
    return sentence(sid, slug)["voice"]


def sentences_with_voice(label: str, slug: str = SEED_SLUG) -> list[str]:
    return [sid for sid, s in _sentences(slug).items() if s["voice"] == label]


def _content_spans(sid: str, slug: str) -> list[tuple[int, int]]:
    text = load_source(slug).document.sentence(sid).text
    spans = []
    for attribution in sentence(sid, slug)["attributions"]:
        at = text.find(attribution["content"])
        if at >= 0:
            spans.append((at, at + len(attribution["content"])))
    return spans


def word_voice(sid: str, word: str, slug: str = SEED_SLUG) -> str:
    """``source`` when the word lies inside an attributed content of the sentence, else ``writer``.

    Raises DataFileError when the word is not in the sentence, so a key naming a word the
    sentence does not hold fails loudly."""
    text = load_source(slug).document.sentence(sid).text
    at = text.find(word)
    if at < 0:
        raise DataFileError(load_source(slug).folder / "article.txt", f"sentence {sid} does not contain {word!r}")
    inside = any(a <= at and at + len(word) <= b for a, b in _content_spans(sid, slug))
    return "source" if inside else "writer"


def unattributed_evaluations(slug: str = SEED_SLUG) -> dict[str, list[str]]:
    """Sentence id -> the evaluative (framing) words of the gold analysis that stand outside every
    attribution, in the writer's own voice; only sentences that have any."""
    out = {}
    for sid, s in _sentences(slug).items():
        words = [
            c["text"] for c in s["bias_cues"] if c["kind"] == "framing" and word_voice(sid, c["text"], slug) == "writer"
        ]
        if words:
            out[sid] = words
    return out


def marked_names(sid: str, slug: str = SEED_SLUG) -> list[str]:
    """The names of a sentence that follow one side's convention or take a position by the name."""
    return [n["text"] for n in sentence(sid, slug)["naming"] if n.get("marked")]


def unmarked_names(sid: str, slug: str = SEED_SLUG) -> list[str]:
    return [n["text"] for n in sentence(sid, slug)["naming"] if n.get("marked") is False]


def metonyms(slug: str = SEED_SLUG) -> list[tuple[str, str, str]]:
    """(sentence id, name, what it stands for) for every name used for something other than itself."""
    return [
        (sid, n["text"], n["stands_for"])
        for sid, s in _sentences(slug).items()
        for n in s["naming"]
        if n.get("stands_for")
    ]


def quotation_types(slug: str = SEED_SLUG) -> dict[str, list[str]]:
    """Sentence id -> the modes (direct, indirect, mixed) of its attributions."""
    return {sid: [a["type"] for a in s["attributions"]] for sid, s in _sentences(slug).items()}
