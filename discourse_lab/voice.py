"""Whose voice carries each sentence: the source's, the journalist's, or a mix of both.

A sentence is in the *source's* voice when every assertion in it belongs to an attribution
relation (source, cue and content) and the writer adds only the reporting frame; in the
*journalist's* voice when it has no attribution relation; *mixed* when it has one but also says
something in the writer's own words (at least ``MIN_WRITER_WORDS`` content words outside every
source, cue and content span). A quoted fragment inside an attributed paraphrase (a mixed
quotation) is a way of rendering the source's words, not a claim of the writer's, so it leaves
the sentence in the source's voice: lesson 2's "a mixed quotation is not a mixed voice" and the
annotation guidelines of ``data/lexicons/README.md``. The idea is Thompson's (1996) first choice
of any report — whose voice is heard.

An opening phrase that sets the scene of the report, before the source and its comma ("At a news
conference in Geneva on Monday, the minister said ...", "Speaking to reporters in Moscow, ..."), is
part of the reporting frame (``scene_openers`` in ``data/lexicons/attribution-rules.yml``).

What this cannot do: it counts words, it does not judge them, so a long but harmless
scene-setting phrase elsewhere in the sentence makes it mixed, and a claim
that continues a speaker's account with no attribution marker ("However, these guarantees did
not extend to ...") is, correctly by the definition but perhaps not by intent, the journalist's.
"""

from __future__ import annotations

from typing import NamedTuple

from .attribution import MIXED, Attribution
from .matching import DocView

SOURCE, JOURNALIST, MIXED_VOICE = "source", "journalist", "mixed"
VOICES = (SOURCE, JOURNALIST, MIXED_VOICE)
# How each voice is named wherever a reader sees it: figures, tables, alt texts, exercise options.
VOICE_LABELS = {SOURCE: "source's voice", JOURNALIST: "writer's voice", MIXED_VOICE: "mixed voice"}
# Content words outside every relation that make a sentence also the writer's.
MIN_WRITER_WORDS = 4
# Words (auxiliaries, adverbs) that may stand between a source and its cue after a scene-setting phrase.
MAX_SOURCE_CUE_GAP = 2
# Connectives that link sentences and say nothing of their own.
CONNECTIVES = frozenset("moreover however additionally furthermore meanwhile also despite during".split())


class Voice(NamedTuple):
    sentence: str
    voice: str
    reason: str
    writer_words: tuple[str, ...]


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | CONNECTIVES


def _scene_setting(sentence, rels: list[Attribution]) -> int:
    """Where the sentence's own words begin after an opening phrase that sets the scene of the
    report ("At a news conference in Geneva on Monday, the minister said ..."): the phrase tells
    where and when the source spoke, part of the reporting frame, not a claim of the writer's.
    The sentence's start when it has no such phrase."""
    from .lexicons import attribution_lists

    tokens = sentence.tokens
    if not tokens or tokens[0].text.lower() not in attribution_lists()["scene_openers"]:
        return tokens[0].start if tokens else 0
    # the phrase's source and cue stand side by side ("..., the minister said"): the report is the main clause
    starts = [
        r.source_span.start
        for r in rels
        if r.source_span is not None
        and r.cue_span is not None
        and sum(1 for t in tokens if r.source_span.end <= t.start and t.end <= r.cue_span.start) <= MAX_SOURCE_CUE_GAP
    ]
    before = [t for t in tokens if starts and t.end <= min(starts)]
    return min(starts) if before and before[-1].text == "," else tokens[0].start


def classify(view: DocView, attributions: list[Attribution]) -> list[Voice]:
    """One :class:`Voice` per sentence, in order."""
    stop = _stop_words()
    by_sentence: dict[str, list[Attribution]] = {}
    for rel in attributions:
        by_sentence.setdefault(rel.sentence, []).append(rel)
    voices = []
    for sentence in view.document.sentences:
        rels = by_sentence.get(sentence.id, [])
        if not rels:
            voices.append(Voice(sentence.id, JOURNALIST, "no attribution: the writer asserts it", ()))
            continue
        spans = [s for r in rels for s in (r.source_span, r.cue_span, r.content_span) if s is not None]
        frame = _scene_setting(sentence, rels)
        outside = tuple(
            t.text
            for t in sentence.tokens
            if not t.is_punct
            and t.start >= frame
            and t.lemma not in stop
            and t.text.lower() not in stop
            and not any(s.start <= t.start and t.end <= s.end for s in spans)
        )
        if len(outside) >= MIN_WRITER_WORDS:
            voices.append(
                Voice(
                    sentence.id,
                    MIXED_VOICE,
                    f"attributed, plus {len(outside)} words in the writer's own voice",
                    outside,
                )
            )
        elif any(r.type == MIXED for r in rels):  # the quoted fragment is the source's, like the rest
            voices.append(
                Voice(sentence.id, SOURCE, "attributed; the quoted fragment is part of the source's content", outside)
            )
        else:
            voices.append(Voice(sentence.id, SOURCE, "everything but the reporting frame is attributed", outside))
    return voices
