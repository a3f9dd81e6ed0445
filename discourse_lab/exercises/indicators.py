"""Bias indicators of a rewrite beside the original sentence's, in Python and in the browser.

In the notebook, :func:`compare` counts with the toolkit itself, :func:`discourse_lab.bias.score_text`
(spaCy tokens, lookup lemmas, the phrase matcher over ``data/lexicons/bias-cues.yml``, longest
match wins). The static book has no Python, so the page gets :func:`client_lexicon`: every cue
as its sequence of lemmas, plus the word forms of spaCy's lookup table that lemmatise to (or
from) a cue word, so that the JavaScript ``countIndicators`` in ``assets/dl-exercises.js``
finds the same cues on the same lemmas.

Where the two may differ (``tests/test_exercise_js.py`` checks that they agree on real sentences):

* tokens: JavaScript splits at every punctuation character, spaCy keeps some together
  (``U.S.``, ``'s``, ``n't``) — which matters only for a cue containing such a token;
* sentences: spaCy never matches a cue across a sentence boundary; JavaScript does not split
  sentences, so a multi-word cue spanning two sentences of a rewrite would count there only;
* context filters: the rules :mod:`discourse_lab.bias` applies beyond the lexicon match are not
  mirrored in the browser — today the ``other_readings`` of ``bias-cues.yml`` ("in May", the
  month, is no hedge in Python; the browser counts it);
* a factive with no content (``without_content``): Python asks the attribution engine whether
  the cue found a content; the browser asks whether a clause opener (:data:`CONTENT_OPENERS`)
  follows it, after commas, "and"/"or" and further cues of its category ("revealed, noted and
  pointed out that"). A content that opens otherwise ("revealed the talks had failed") is a
  factive in Python and subjective in the browser.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources


# Words that open a reported clause right after a cue ("revealed that", "underscored how"): the
# browser's stand-in for the attribution engine's content, used only for without_content.
CONTENT_OPENERS = frozenset({"that", "how", "what", "whether", "why", "who", "when", "where", "if"})


@lru_cache(maxsize=1)
def _lookup_table() -> dict[str, str]:
    """spaCy's English lookup lemmas (form -> lemma), the table :func:`text.nlp` lemmatises with."""
    data = resources.files("spacy_lookups_data").joinpath("data", "en_lemma_lookup.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


def _lemmas(phrase: str) -> list[str]:
    """The lemma sequence of a cue, exactly as the toolkit's matcher builds its pattern."""
    from .. import text

    return [(t.lemma_ or t.text).lower() for t in text.nlp()(phrase)]


@lru_cache(maxsize=1)
def client_lexicon() -> dict:
    """The bias-cue lexicon in the form the JavaScript counter reads (see module docstring)."""
    from .. import lexicons

    lexicon = lexicons.bias_cues()
    categories = [{"id": c.id, "label": c.label} for c in lexicon.categories]
    cues = [{"category": c.id, "lemmas": _lemmas(cue)} for c in lexicon.categories for cue in c.cues]
    words = {w for cue in cues for w in cue["lemmas"]}
    forms = {
        form: lemma.lower()
        for form, lemma in _lookup_table().items()
        if lemma.lower() != form.lower() and (lemma.lower() in words or form.lower() in words)
    }
    # bias.py rereads a factive whose reporting cue found no content (bias-cues.yml's without_content);
    # the browser has no parser, so it asks only whether a clause opener follows the cue (CONTENT_OPENERS).
    reread = {c.id: c.get("without_content") for c in lexicon.categories if c.get("without_content")}
    return {
        "match": lexicon.match,
        "categories": categories,
        "cues": cues,
        "forms": dict(sorted(forms.items())),
        "without_content": reread,
        "content_openers": sorted(CONTENT_OPENERS),
    }


def counts(text: str) -> dict[str, list[str]]:
    """Category id -> the cues found in ``text`` (as written), counted by the toolkit."""
    from .. import bias

    found: dict[str, list[str]] = {c["id"]: [] for c in client_lexicon()["categories"]}
    for cue in bias.score_text(text)["cues"]:
        found.setdefault(cue["category"], []).append(cue["text"])
    return found


def compare(original: str, rewrite: str) -> list[dict]:
    """One row per category: how many cues the original and the rewrite hold, and which."""
    a, b = counts(original), counts(rewrite)
    return [
        {
            "id": c["id"],
            "label": c["label"],
            "original": len(a[c["id"]]),
            "rewrite": len(b[c["id"]]),
            "original_terms": a[c["id"]],
            "rewrite_terms": b[c["id"]],
        }
        for c in client_lexicon()["categories"]
    ]


# A rewrite that drops what the sentence says ("It is biased.") drops every indicator with it; the
# counts would then look like success. Content words: the original's words of four or more letters
# that are not indicator words themselves (those a neutral rewrite is meant to drop), compared by
# their first five letters so that "shared" and "share" count as one. A rewrite that keeps none of
# them, or fewer than KEEP_AT_LEAST while being under half the original's length, no longer reports
# the claim. The model answers of the bank pass (tests/test_exercise_indicators.py).
# Mirror: contentWarnings in dl-exercises.js.
KEEP_AT_LEAST = 2
STEM = 5
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=1)
def _indicator_words() -> frozenset[str]:
    lexicon = client_lexicon()
    words = {w for cue in lexicon["cues"] for w in cue["lemmas"]}
    words |= {form.lower() for form in lexicon["forms"]} | set(lexicon["forms"].values())
    return frozenset(words)


def content_kept(original: str, rewrite: str) -> tuple[int, int]:
    """How many of the original's content words the rewrite keeps, of how many (by their stems)."""
    content = {w[:STEM] for w in _words(original) if len(w) >= 4 and w not in _indicator_words()}
    mine = {w[:STEM] for w in _words(rewrite) if len(w) >= 4}
    return len(content & mine), len(content)


def warnings(original: str, rewrite: str) -> list[str]:
    """One line when the rewrite no longer says what the original said; else nothing."""
    kept, total = content_kept(original, rewrite)
    short = len(_words(rewrite)) * 2 < len(_words(original))
    if not rewrite.strip() or total < KEEP_AT_LEAST * 2 or (kept > 0 and not (kept < KEEP_AT_LEAST and short)):
        return []
    return [
        f"Your rewrite keeps {kept} of the original's {total} content words: it no longer reports what the "
        "sentence says, so its lower counts do not make it more neutral. Keep the claim and change how it is put."
    ]
