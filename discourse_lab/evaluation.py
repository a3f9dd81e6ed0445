"""Score the toolkit against gold annotations, component by component, and list its errors.

For each component the predictions of :func:`analysis.analyze` are matched with the gold items
of ``data/sources/<slug>/annotations.yml`` sentence by sentence:

* ``voice``: one item per sentence, so precision = recall = accuracy;
* ``attributions``: a match needs the same sentence, the same source (both null, or the same
  last word: "Sergey Lavrov" = "Lavrov"), the same cue (both null, or overlapping text) and a
  content overlapping the gold content by at least ``CONTENT_OVERLAP`` (token F1); the type is
  scored among matched relations, as ``attribution_type``;
* ``cues``: overlapping text in the same sentence; stance scored among matches (``cue_stance``);
* ``naming``: the same variant and overlapping text;
* ``bias_cues``: overlapping text and the same category;
* ``framing_functions`` and ``framing_frames``: (sentence, label) pairs from the cue hints.

Every miss and every spurious prediction is listed, so the book can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import Analysis

CONTENT_OVERLAP = 0.5


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return None if self.tp + self.fp == 0 else round(self.tp / (self.tp + self.fp), 4)

    @property
    def recall(self) -> float | None:
        return None if self.tp + self.fn == 0 else round(self.tp / (self.tp + self.fn), 4)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if not p or not r:
            return None if p is None or r is None else 0.0
        return round(2 * p * r / (p + r), 4)

    def to_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def score(self, component: str) -> Score:
        return self.scores.setdefault(component, Score())

    def agree(self, component: str, sentence: str, expected, predicted, shown=None) -> None:
        """Score one matched gold/predicted pair on a label: a disagreement counts as a false
        positive and a false negative, and is listed (``shown`` is the expected value as reported)."""
        s = self.score(component)
        if expected == predicted:
            s.tp += 1
            return
        s.fp += 1
        s.fn += 1
        self.errors.append(
            {
                "component": component,
                "error": "wrong",
                "sentence": sentence,
                "expected": expected if shown is None else shown,
                "predicted": predicted,
            }
        )

    def to_dict(self) -> dict:
        return {"scores": {k: v.to_dict() for k, v in self.scores.items()}, "errors": self.errors}

    def table(self) -> list[dict]:
        """One row per component, for a notebook table."""
        return [{"component": k, **v.to_dict()} for k, v in self.scores.items()]


def _words(text: str) -> list[str]:
    return [w.strip('.,;:"“”‘’').lower() for w in text.split() if w.strip('.,;:"“”‘’')]


def overlap(a: str, b: str) -> float:
    """Token F1 between two spans of text."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if common == 0:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def _texts_overlap(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    a, b = a.lower(), b.lower()
    return a in b or b in a or overlap(a, b) > 0


def _same_source(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return gold.split()[-1].lower() == predicted.split()[-1].lower() or gold.lower() in predicted.lower()


def _match(component, gold_items, predicted_items, same, evaluation, describe):
    """Greedy one-to-one matching within a sentence; records tp/fp/fn and the errors."""
    score = evaluation.score(component)
    remaining = list(predicted_items)
    pairs = []
    for g in gold_items:
        hit = next((p for p in remaining if same(g, p)), None)
        if hit is None:
            score.fn += 1
            evaluation.errors.append(
                {"component": component, "error": "missed", "sentence": g["sentence"], "expected": describe(g)}
            )
        else:
            score.tp += 1
            remaining.remove(hit)
            pairs.append((g, hit))
    for p in remaining:
        score.fp += 1
        evaluation.errors.append(
            {"component": component, "error": "spurious", "sentence": p["sentence"], "predicted": describe(p)}
        )
    return pairs


def evaluate(analysis: Analysis, gold: dict) -> Evaluation:
    """Compare an analysis with a gold annotation file's data (already loaded and validated)."""
    ev = Evaluation()
    gold_sentences = {s["id"]: s for s in gold["sentences"]}
    predicted_ids = [s.id for s in analysis.document.sentences]
    for sid in gold_sentences:
        if sid not in predicted_ids:
            ev.errors.append(
                {"component": "segmentation", "error": "missed", "sentence": sid, "expected": "a sentence with this id"}
            )

    def each(sid, key):
        return [dict(item, sentence=sid) for item in gold_sentences.get(sid, {}).get(key, [])]

    fr = analysis.framing
    for sid in predicted_ids:
        g = gold_sentences.get(sid)
        if g is None:
            continue
        # voice
        predicted_voice = analysis.voice_of[sid]
        score = ev.score("voice")
        if predicted_voice == g["voice"]:
            score.tp += 1
        else:
            score.fp += 1
            score.fn += 1
            ev.errors.append(
                {
                    "component": "voice",
                    "error": "wrong",
                    "sentence": sid,
                    "expected": g["voice"],
                    "predicted": predicted_voice,
                    "rationale": g["rationale"],
                }
            )
        # attributions
        predicted = [r.to_dict() for r in analysis.attributions if r.sentence == sid]
        pairs = _match(
            "attributions",
            each(sid, "attributions"),
            predicted,
            lambda gi, p: (
                _same_source(gi["source"], p["source"])
                and _texts_overlap(gi["cue"], p["cue"])
                and overlap(gi["content"], p["content"]) >= CONTENT_OVERLAP
            ),
            ev,
            lambda x: f"{x['source']!r} / {x['cue']!r} / {x['type']}: {x['content']}",
        )
        for gi, p in pairs:
            ev.agree("attribution_type", sid, gi["type"], p["type"])
            ev.agree("attribution_content_exact", sid, gi["content"], p["content"])
        # reporting cues
        predicted = [c.to_dict() for c in analysis.cues if c.sentence == sid]
        pairs = _match(
            "cues",
            each(sid, "cues"),
            predicted,
            lambda gi, p: _texts_overlap(gi["text"], p["text"]),
            ev,
            lambda x: f"{x['text']!r} ({x['stance']})",
        )
        for gi, p in pairs:
            ev.agree("cue_stance", sid, gi["stance"], p["stance"], shown=f"{gi['text']!r}: {gi['stance']}")
        # naming
        predicted = [n for n in fr["naming"] if n["sentence"] == sid]
        _match(
            "naming",
            each(sid, "naming"),
            predicted,
            lambda gi, p: gi["variant"] == p["variant"] and _texts_overlap(gi["text"], p["text"]),
            ev,
            lambda x: f"{x['text']!r} ({x['variant']})",
        )
        # bias cues
        predicted = [c.to_dict() for c in analysis.bias_cues if c.sentence == sid]
        _match(
            "bias_cues",
            each(sid, "bias_cues"),
            predicted,
            lambda gi, p: gi["category"] == p["category"] and _texts_overlap(gi["text"], p["text"]),
            ev,
            lambda x: f"{x['text']!r} ({x['category']})",
        )
        # framing (hints against gold labels)
        for component, key, hinted in (
            ("framing_functions", "functions", fr["functions_by_sentence"]),
            ("framing_frames", "frames", fr["frames_by_sentence"]),
        ):
            gold_labels = [{"sentence": sid, "label": label} for label in g["framing"][key]]
            predicted = [{"sentence": sid, "label": label} for label in hinted.get(sid, [])]
            _match(component, gold_labels, predicted, lambda gi, p: gi["label"] == p["label"], ev, lambda x: x["label"])
    return ev


def evaluate_source(slug: str | None = None) -> Evaluation:
    """Analyse a source that has gold annotations and score the analysis against them."""
    from .analysis import analyze
    from .sources import SEED_SLUG, load_source

    source = load_source(slug or SEED_SLUG)
    return evaluate(analyze(source.document), source.annotations)
