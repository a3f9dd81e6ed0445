"""How far two annotations of the same text agree: ``discourse-lab agree A.yml B.yml`` and :func:`agree`.

Two ``annotations.yml`` files of one article (two students', or a student's and the course's) are
compared sentence by sentence, with neither taken as the right one.

**Voices.** Every sentence both files label is one unit with one of three labels (source,
journalist, mixed), so the figures are the share of sentences with the same label and Cohen's
kappa (Cohen 1960, https://doi.org/10.1177/001316446002000104), which discounts the agreement two
annotators would reach by chance given how often each uses each label. Kappa is undefined (None)
when chance agreement is certain, e.g. when both label every sentence "journalist".

**Relations** (source, cue, content). Spans have no fixed set of units: one annotator may mark a
relation the other does not, and nothing counts the relations neither marked, so kappa has no
"both said no" cell. Following Hripcsak and Rothschild (2005, "Agreement, the F-measure, and
reliability in information retrieval", JAMIA 12(3), https://doi.org/10.1197/jamia.M1733), the
agreement on which relations exist is the pairwise F-measure, 2 x matched / (relations of A +
relations of B): it is symmetric (the same whichever file is named first) and equals their
"positive specific agreement". Two relations match when their cue spans overlap in the same
sentence (a relation without a cue, a continuing quotation, matches one without a cue whose
content overlaps); each relation is matched once, the largest overlap first. Like span-matching
evaluations in general (brat's and INCEpTION's comparisons, the PolNeAR benchmark of this project),
the source and content spans of matched relations are then scored twice: **exact** (the same
characters) and **overlap** (at least one character in common), since annotators often agree on a
content and differ by a word at its edge ("that" or the closing quotation mark). Type (direct,
indirect, mixed) and the cue's stance are labels of matched relations: the share that agree, and
Cohen's kappa over those pairs (as an annotation study reports kappa for the attributes of the spans
both annotators found). The reporting cues of the ``cues`` lists are matched the same way (text
overlap) and their stances compared.

A unified measure of unitizing and labelling exists (Mathet et al. 2015's gamma,
https://doi.org/10.1162/COLI_a_00227), but its single figure hides which part disagreed; a student
comparing their file with the course's needs to see the sentence and the field, so every
disagreement is listed by sentence id.

Spans are exact substrings of their sentence, as the annotation schema says; a cue that occurs
twice in a sentence is taken where it is nearest its content. The article is read from
``article.txt`` beside the annotation file, or from the source of that slug.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import datafiles, sources, text
from ..errors import DataFileError, DiscourseLabError

Range = tuple[int, int]


class AgreeError(DiscourseLabError):
    """The two files cannot be compared (different texts, no article to read)."""


# ---------------------------------------------------------------- figures


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two annotators' labels of the same units; None when chance agreement is 1 or there are no units."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return None
    return round((observed - expected) / (1 - expected), 4)


def _share(agreed: int, total: int) -> float | None:
    return None if total == 0 else round(agreed / total, 4)


@dataclass
class LabelAgreement:
    """Agreement on one label over paired units."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def agreed(self) -> int:
        return sum(a == b for a, b in self.pairs)

    def to_dict(self) -> dict:
        n = len(self.pairs)
        return {
            "units": n,
            "agreed": self.agreed,
            "agreement": _share(self.agreed, n),
            "kappa": cohen_kappa(self.pairs),
        }


@dataclass
class SpanAgreement:
    """Agreement on which spans exist (pairwise F1) and, among matched ones, on their fields."""

    in_a: int = 0
    in_b: int = 0
    matched: int = 0
    exact: Counter = field(default_factory=Counter)  # field -> matched pairs whose spans are the same characters
    overlap: Counter = field(default_factory=Counter)  # field -> matched pairs whose spans share a character
    labels: dict[str, LabelAgreement] = field(default_factory=dict)

    @property
    def f1(self) -> float | None:
        total = self.in_a + self.in_b
        return None if total == 0 else round(2 * self.matched / total, 4)

    def label(self, name: str) -> LabelAgreement:
        return self.labels.setdefault(name, LabelAgreement())

    def to_dict(self) -> dict:
        out: dict[str, object] = {"in_a": self.in_a, "in_b": self.in_b, "matched": self.matched, "f1": self.f1}
        for name in sorted(set(self.exact) | set(self.overlap)):
            out[name] = {
                "exact": self.exact[name],
                "exact_share": _share(self.exact[name], self.matched),
                "overlap": self.overlap[name],
                "overlap_share": _share(self.overlap[name], self.matched),
            }
        for name, agreement in self.labels.items():
            out[name] = agreement.to_dict()
        return out


@dataclass
class Agreement:
    """The agreement of two annotation files; ``disagreements`` lists each difference by sentence id."""

    slug: str
    a: str
    b: str
    sentences: int
    voice: LabelAgreement
    relations: SpanAgreement
    cues: SpanAgreement
    disagreements: list[dict]

    def to_dict(self) -> dict:
        return {
            "source": self.slug,
            "a": self.a,
            "b": self.b,
            "sentences": self.sentences,
            "voice": self.voice.to_dict(),
            "relations": self.relations.to_dict(),
            "cues": self.cues.to_dict(),
            "disagreements": self.disagreements,
        }

    def lines(self) -> list[str]:
        """The report as plain text lines."""
        return report_lines(self)

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows the report, not the dataclass
        printer.text(str(self))

    def _repr_html_(self) -> str:
        from markupsafe import escape

        return f'<pre class="dl-agreement">{escape(str(self))}</pre>'


# ---------------------------------------------------------------- spans in a sentence


def _occurrences(sentence: str, span: str) -> list[Range]:
    out, at = [], sentence.find(span)
    while at >= 0:
        out.append((at, at + len(span)))
        at = sentence.find(span, at + 1)
    return out


def _gap(a: Range, b: Range) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def locate(sentence: str, span: str | None, near: Range | None = None) -> Range | None:
    """Where ``span`` is in the sentence, or None. When it occurs more than once and ``near`` (a
    relation's content) is given: the occurrence nearest it but outside it, since a cue or a
    source is never part of its own content ("we said no," the minister said)."""
    if not span:
        return None
    found = _occurrences(sentence, span)
    if not found or near is None:
        return found[0] if found else None
    return min(found, key=lambda r: (_overlap(r, near) > 0, _gap(r, near), r[0]))


def _overlap(a: Range | None, b: Range | None) -> int:
    """Characters two ranges share (0 when either is missing)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Relation:
    sentence: str
    raw: dict
    cue: Range | None
    source: Range | None
    content: Range | None
    stance: str | None

    def describe(self) -> str:
        r = self.raw
        return f"{r['source']!r} / {r['cue']!r} / {r['type']}: {r['content']}"


def relations_of(entry: dict, sentence: str) -> list[Relation]:
    out = []
    for raw in entry.get("attributions", []):
        content = locate(sentence, raw["content"])
        cue = locate(sentence, raw["cue"], near=content)
        source = locate(sentence, raw.get("source_span") or raw["source"], near=cue or content)
        stance = next(
            (c["stance"] for c in entry.get("cues", []) if _overlap(locate(sentence, c["text"], near=content), cue)),
            None,
        )
        out.append(Relation(entry["id"], raw, cue, source, content, stance))
    return out


def _pair(items_a: list, items_b: list, score) -> list[tuple]:
    """One-to-one pairs, the best-scoring first; ``score`` is None for two items that do not match."""
    candidates = [(score(x, y), i, j) for i, x in enumerate(items_a) for j, y in enumerate(items_b)]
    candidates = sorted((c for c in candidates if c[0] is not None), key=lambda c: (c[1], c[2]))
    candidates.sort(key=lambda c: c[0], reverse=True)  # stable: equal scores stay in text order
    used_a, used_b, pairs = set(), set(), []
    for _value, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((items_a[i], items_b[j]))
    return pairs


def _relation_score(x: Relation, y: Relation) -> tuple[int, int] | None:
    """How well two relations match: (cue characters shared, content characters shared); None for no match."""
    if x.raw["cue"] is None and y.raw["cue"] is None:
        shared = _overlap(x.content, y.content)
        return (0, shared) if shared else None
    shared = _overlap(x.cue, y.cue)
    return (shared, _overlap(x.content, y.content)) if shared else None


def _same_source_name(a: str | None, b: str | None) -> tuple[bool, bool]:
    """(exact, overlap) for sources compared by name, when a name is not in the sentence (a resolved pronoun)."""
    if a is None or b is None:
        return a is b, a is b
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return a.strip().lower() == b.strip().lower(), bool(wa & wb)


# ---------------------------------------------------------------- the comparison


def _load(path: Path) -> dict:
    data = datafiles.load(path, "annotations.schema.json")
    return data


def _document(path: Path, slug: str) -> tuple[text.Document, Path]:
    """The article the file annotates: article.txt beside it, else the source of that slug."""
    beside = path.parent / "article.txt"
    if beside.is_file():
        return sources.source_at(path.parent).document, beside
    try:
        source = sources.load_source(slug)
        return source.document, source.folder / "article.txt"
    except DataFileError:
        raise AgreeError(
            f"{path}: cannot find the article it annotates (no article.txt beside it, and no source {slug!r})"
        ) from None


def agree(a: Path | str, b: Path | str) -> Agreement:
    """Compare two annotation files of the same text; raises AgreeError (one line) for different texts."""
    path_a, path_b = Path(a), Path(b)
    data_a, data_b = _load(path_a), _load(path_b)
    if data_a["source"] != data_b["source"]:
        raise AgreeError(
            f"{path_a} and {path_b}: annotate different texts ({data_a['source']!r} and {data_b['source']!r}); "
            "agree compares two annotations of the same text"
        )
    slug = data_a["source"]
    doc_a, article_a = _document(path_a, slug)
    doc_b, article_b = _document(path_b, slug)
    if [s.text for s in doc_a.sentences] != [s.text for s in doc_b.sentences]:
        raise AgreeError(
            f"{path_a} and {path_b}: annotate different texts ({article_a} and {article_b} differ), "
            "though both name the source " + repr(slug)
        )
    known = {s.id: s.text for s in doc_a.sentences}
    for path, data in ((path_a, data_a), (path_b, data_b)):
        for entry in data["sentences"]:
            if entry["id"] not in known:
                raise AgreeError(f"{path}: sentence {entry['id']} is not in the article ({len(known)} sentences)")
    return compare(slug, path_a, data_a, path_b, data_b, known)


def compare(
    slug: str, path_a: Path, data_a: dict, path_b: Path, data_b: dict, sentence_text: dict[str, str]
) -> Agreement:
    """The figures and the disagreements of two loaded annotation files of the same text."""
    by_a = {s["id"]: s for s in data_a["sentences"]}
    by_b = {s["id"]: s for s in data_b["sentences"]}
    voice, relations, cues, disagreements = LabelAgreement(), SpanAgreement(), SpanAgreement(), []

    def differ(sid: str, what: str, in_a, in_b) -> None:
        disagreements.append({"sentence": sid, "field": what, "a": in_a, "b": in_b})

    for sid in sentence_text:  # text order
        ea, eb = by_a.get(sid), by_b.get(sid)
        if ea is None or eb is None:
            if ea is not None or eb is not None:
                differ(sid, "sentence", "annotated" if ea else None, "annotated" if eb else None)
            continue
        sentence = sentence_text[sid]
        voice.pairs.append((ea["voice"], eb["voice"]))
        if ea["voice"] != eb["voice"]:
            differ(sid, "voice", ea["voice"], eb["voice"])
        _compare_relations(sid, relations_of(ea, sentence), relations_of(eb, sentence), relations, differ)
        _compare_cues(sid, ea, eb, sentence, cues, differ)
    return Agreement(slug, str(path_a), str(path_b), len(voice.pairs), voice, relations, cues, disagreements)


def _compare_relations(sid, rel_a, rel_b, score: SpanAgreement, differ) -> None:
    score.in_a += len(rel_a)
    score.in_b += len(rel_b)
    pairs = _pair(rel_a, rel_b, _relation_score)
    score.matched += len(pairs)
    for x, y in pairs:
        cue = x.raw["cue"] or "(no cue)"
        for name in ("source", "content"):
            ra, rb = getattr(x, name), getattr(y, name)
            if name == "source" and (ra is None or rb is None):
                exact, overlap = _same_source_name(x.raw["source"], y.raw["source"])
            else:
                exact, overlap = ra == rb, _overlap(ra, rb) > 0
            score.exact[name] += exact
            score.overlap[name] += overlap
            if not exact:
                span = "source_span" if name == "source" else "content"
                differ(
                    sid,
                    f"relation {cue!r}: {name}" + ("" if overlap else " (no overlap)"),
                    x.raw.get(span) or x.raw[name],
                    y.raw.get(span) or y.raw[name],
                )
        score.label("type").pairs.append((x.raw["type"], y.raw["type"]))
        if x.raw["type"] != y.raw["type"]:
            differ(sid, f"relation {cue!r}: type", x.raw["type"], y.raw["type"])
        if x.stance is not None and y.stance is not None:  # a stance disagreement is listed once, under the cues
            score.label("stance").pairs.append((x.stance, y.stance))
    matched_a = {id(x) for x, _ in pairs}
    matched_b = {id(y) for _, y in pairs}
    for x in rel_a:
        if id(x) not in matched_a:
            differ(sid, "relation", x.describe(), None)
    for y in rel_b:
        if id(y) not in matched_b:
            differ(sid, "relation", None, y.describe())


def _compare_cues(sid, ea, eb, sentence, score: SpanAgreement, differ) -> None:
    def spans(entry):
        return [(c, locate(sentence, c["text"])) for c in entry.get("cues", [])]

    cues_a, cues_b = spans(ea), spans(eb)
    score.in_a += len(cues_a)
    score.in_b += len(cues_b)
    pairs = _pair(cues_a, cues_b, lambda x, y: _overlap(x[1], y[1]) or None)
    score.matched += len(pairs)
    for (ca, ra), (cb, rb) in pairs:
        score.exact["text"] += ra == rb
        score.overlap["text"] += 1
        if ra != rb:
            differ(sid, "cue text", ca["text"], cb["text"])
        score.label("stance").pairs.append((ca["stance"], cb["stance"]))
        if ca["stance"] != cb["stance"]:
            differ(sid, f"cue {ca['text']!r}: stance", ca["stance"], cb["stance"])
    for cue, _ in cues_a:
        if not any(cue is x for (x, _r), _y in pairs):
            differ(sid, "cue", cue["text"], None)
    for cue, _ in cues_b:
        if not any(cue is y for _x, (y, _r) in pairs):
            differ(sid, "cue", None, cue["text"])


# ---------------------------------------------------------------- the report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def report_lines(result: Agreement) -> list[str]:
    v = result.voice.to_dict()
    r = result.relations.to_dict()
    c = result.cues.to_dict()
    lines = [
        f"agreement on {result.slug}: A = {result.a}, B = {result.b}",
        f"voice      {v['agreed']} of {v['units']} sentences agree ({_fmt(v['agreement'])}), Cohen's kappa {_fmt(v['kappa'])}",
        f"relations  A {r['in_a']}, B {r['in_b']}, matched on the cue {r['matched']}: F1 {_fmt(r['f1'])}",
    ]
    for name in ("source", "content"):
        if name in r:
            s = r[name]
            lines.append(
                f"  {name:<8} exact {s['exact']} of {r['matched']} ({_fmt(s['exact_share'])}), "
                f"overlap {s['overlap']} of {r['matched']} ({_fmt(s['overlap_share'])})"
            )
    for name in ("type", "stance"):
        if name in r:
            s = r[name]
            lines.append(
                f"  {name:<8} {s['agreed']} of {s['units']} agree ({_fmt(s['agreement'])}), kappa {_fmt(s['kappa'])}"
            )
    lines.append(f"cues       A {c['in_a']}, B {c['in_b']}, matched {c['matched']}: F1 {_fmt(c['f1'])}")
    if "stance" in c:
        s = c["stance"]
        lines.append(
            f"  stance   {s['agreed']} of {s['units']} agree ({_fmt(s['agreement'])}), kappa {_fmt(s['kappa'])}"
        )
    lines.append(f"disagreements: {len(result.disagreements)}" + ("" if result.disagreements else " (none)"))
    for d in result.disagreements:
        lines.append(f"  {d['sentence']:<7} {d['field']}: A {_shown(d['a'])} | B {_shown(d['b'])}")
    return lines


def _shown(value) -> str:
    return "-" if value is None else str(value)
