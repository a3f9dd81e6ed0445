"""Score ``analyze`` against PolNeAR, real 2016 political news annotated in the PARC 3.0 scheme.

PolNeAR (Newell, Margolin & Ruths, "An attribution relations corpus for political news", LREC
2018) is not part of this project and may not be redistributed. The benchmark reads the sample of
its train split kept beside the project (``../shared/data/polnear-train-sample/``: ``text/*.txt``
and brat standoff ``attributions/*.ann``) when it is there, and otherwise says how to obtain it
(https://github.com/networkdynamics/PolNeAR). Only aggregate scores are written.

Split (fixed, by file name): within each publisher the articles are sorted by name, and every third
one (positions 3, 6, 9, 12, 15) is **held out**; the other two thirds are the **development** part
that the rules are tuned on. The held-out part is scored only to report results.

Measures, on character offsets:

* a relation whose content a cue interrupts (a split quotation) is one relation, as PolNeAR
  annotates it, whose content runs from the first part to the last;
* cue precision / recall / F1, matching a predicted cue to a gold cue one-to-one when they
  overlap (``overlap``) or cover the same characters (``exact``);
* source accuracy: of the cue pairs matched by overlap, the share whose sources agree (spans
  overlap, or both absent); source span exact: the share whose source spans cover the same
  characters; source head: the share whose predicted source head lies inside the gold source
  span; the relations predicted per source kind (named person, organisation, unnamed, pronoun,
  none);
* content token F1: the mean, over matched cue pairs, of the token-level F1 of the two contents;
* relation F1: a predicted relation is right when its cue matches a gold cue and its source agrees;
* recall of the gold cues that are a form of say / tell or "according to";
* words per second of CPU time (``time.process_time``, one thread), whitespace-separated words.

Beside the toolkit, a baseline: a regular expression for say/said/says/saying/tell/told/tells/
telling/according to, the capitalised words or pronoun next to it as source, and the rest of the
sentence as content.

Run::

    .venv/bin/python -m benchmarks.attribution_polnear [--part dev|held-out|all] [--write]

``--write`` stores the scores in ``data/evaluations/attribution-polnear.json`` (read by lesson 8).

``--misses N`` lists, for the development part only, the N cue words the toolkit missed most
often and the N it found wrongly most often, with the rule that made each false relation: the
error list the rules are tuned on. It refuses the held-out part, so the held-out scores stay a
measure of text the rules were not fitted to. It prints words of the corpus to the terminal only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear-train-sample"
RESULTS = ROOT / "data" / "evaluations" / "attribution-polnear.json"  # package data: lesson 8 quotes it
CORPUS = "PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018), train split: 105-article sample, 15 per publisher"
SAY_TELL = re.compile(r"\b(say|says|said|saying|tell|tells|told|telling|according to)\b", re.I)
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}


# ----- data ------------------------------------------------------------------------------------
def spans(field: str) -> tuple[int, int]:
    """The outer character range of a brat span list ("12 30" or "12 20;25 30")."""
    parts = [tuple(map(int, p.split())) for p in field.split(";")]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def read_gold(ann: Path) -> list[dict]:
    """Gold relations: {'cue': (a, b), 'source': (a, b) | None, 'content': (a, b) | None}."""
    ts: dict[str, tuple[str, tuple[int, int]]] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            label, _, offsets = info.partition(" ")
            ts[tid] = (label, spans(offsets))
        elif line.startswith("E"):
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p)
            rels.append(parts)
    out = []
    for parts in rels:
        roles = {re.sub(r"\d+$", "", k): ts[v][1] for k, v in parts.items() if v in ts}
        if "Cue" in roles:
            out.append({"cue": roles["Cue"], "source": roles.get("Source"), "content": roles.get("Content")})
    return out


def articles(data: Path) -> list[tuple[str, str]]:
    """(file stem, part) of each article, with the fixed dev / held-out split."""
    by_publisher: dict[str, list[str]] = defaultdict(list)
    for ann in sorted((data / "attributions").glob("*.ann")):
        by_publisher[ann.stem.split("_")[0]].append(ann.stem)
    out = []
    for publisher in sorted(by_publisher):
        for n, stem in enumerate(sorted(by_publisher[publisher]), start=1):
            out.append((stem, "held-out" if n % 3 == 0 else "dev"))
    return out


# ----- predictions --------------------------------------------------------------------------------
def toolkit(text: str) -> list[dict]:
    from discourse_lab import analysis

    result = analysis.analyze(text)
    out = []
    by_cue: dict[tuple[int, int], dict] = {}
    for r in result.attributions:
        if r.cue_span is None:
            continue
        cue = (r.cue_span.start, r.cue_span.end)
        if cue in by_cue and r.content_span is not None:  # a split quotation: one relation, two parts
            first = by_cue[cue]
            first["content"] = (
                min(first["content"][0], r.content_span.start),
                max(first["content"][1], r.content_span.end),
            )
            continue
        info = r.source_info
        by_cue[cue] = {
            "cue": (r.cue_span.start, r.cue_span.end),
            "source": None if r.source_span is None else (r.source_span.start, r.source_span.end),
            "source_head": None if info is None or info.head is None or r.source_span is None else head_span(r),
            "source_kind": None if info is None else info.kind,
            "content": None if r.content_span is None else (r.content_span.start, r.content_span.end),
            "rule": r.rule,
        }
        out.append(by_cue[cue])
    return out


def head_span(r) -> tuple[int, int] | None:
    """Characters of the source's head word inside its span (the last occurrence: "Darrow")."""
    at = r.source_span.text.rfind(r.source_info.head)
    return None if at < 0 else (r.source_span.start + at, r.source_span.start + at + len(r.source_info.head))


def baseline(text: str) -> list[dict]:
    """The say/tell/according-to regular expression with the nearest name or pronoun as source."""
    out = []
    for sent in re.finditer(r"[^.!?\n]+[.!?]*", text):
        a, b = sent.span()
        for m in SAY_TELL.finditer(text, a, b):
            before = list(
                re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|\b(?:he|she|they|I|we)\b", text[a : m.start()])
            )
            after = re.match(r"\s+((?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)|he|she|they)", text[m.end() : b])
            source = None
            if before and before[-1].end() >= m.start() - a - 2:
                source = (a + before[-1].start(), a + before[-1].end())
            elif after:
                source = (m.end() + after.start(1), m.end() + after.end(1))
            content = (m.end(), b) if b - m.end() > 3 else (a, m.start())
            out.append({"cue": m.span(), "source": source, "content": content, "rule": "regex"})
    return out


# ----- scoring -------------------------------------------------------------------------------------
def overlap(x, y) -> bool:
    return x is not None and y is not None and x[0] < y[1] and y[0] < x[1]


def match(pred: list[dict], gold: list[dict], exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedily by largest character overlap."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if (p["cue"] == g["cue"]) if exact else overlap(p["cue"], g["cue"]):
                cands.append((-(min(p["cue"][1], g["cue"][1]) - max(p["cue"][0], g["cue"][0])), i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def source_ok(p, g) -> bool:
    if g["source"] is None:
        return p["source"] is None
    return overlap(p["source"], g["source"])


def source_exact(p, g) -> bool:
    """The source spans cover the same characters (or both are absent)."""
    if g["source"] is None or p["source"] is None:
        return g["source"] is None and p["source"] is None
    return tuple(p["source"]) == tuple(g["source"])


def source_head_ok(p, g) -> bool:
    """The predicted source's head word lies inside the gold source span (or both are absent)."""
    if g["source"] is None or p["source"] is None:
        return g["source"] is None and p["source"] is None
    head = p.get("source_head") or p["source"]
    return g["source"][0] <= head[0] and head[1] <= g["source"][1]


def token_set(text: str, span) -> set[int]:
    if span is None:
        return set()
    return {span[0] + m.start() for m in re.finditer(r"\w+", text[span[0] : span[1]])}


def token_f1(text: str, p, g) -> float:
    a, b = token_set(text, p), token_set(text, g)
    if not a or not b:
        return 0.0
    tp = len(a & b)
    return 0.0 if tp == 0 else 2 * tp / (len(a) + len(b))


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score(system, data: Path, stems: list[str]) -> dict:
    totals: defaultdict[str, int] = defaultdict(int)
    content_f1s: list[float] = []
    kinds: Counter[str] = Counter()
    words = 0
    seconds = 0.0
    for stem in stems:
        text = (data / "text" / f"{stem.rsplit('_', 1)[0]}.txt").read_text(encoding="utf-8")
        gold = read_gold(data / "attributions" / f"{stem}.ann")
        t0 = time.process_time()  # CPU time of this process: fair on a shared machine
        pred = system(text)
        seconds += time.process_time() - t0
        words += len(text.split())
        pairs = match(pred, gold, exact=False)
        totals["pred"] += len(pred)
        totals["gold"] += len(gold)
        totals["cue_overlap"] += len(pairs)
        totals["cue_exact"] += len(match(pred, gold, exact=True))
        good_source = [(i, j) for i, j in pairs if source_ok(pred[i], gold[j])]
        totals["source_ok"] += len(good_source)
        totals["source_exact"] += sum(source_exact(pred[i], gold[j]) for i, j in pairs)
        totals["source_head"] += sum(source_head_ok(pred[i], gold[j]) for i, j in pairs)
        kinds.update(p.get("source_kind") or "(no kind)" for p in pred)
        content_f1s.extend(token_f1(text, pred[i]["content"], gold[j]["content"]) for i, j in pairs)
        matched_gold = {j for _, j in pairs}
        for j, g in enumerate(gold):
            if SAY_TELL.fullmatch(text[g["cue"][0] : g["cue"][1]].strip()) or SAY_TELL.search(
                text[g["cue"][0] : g["cue"][1]]
            ):
                totals["say_gold"] += 1
                totals["say_found"] += j in matched_gold
    n = totals
    return {
        "articles": len(stems),
        "gold_relations": n["gold"],
        "predicted_relations": n["pred"],
        "cue_overlap": prf(n["cue_overlap"], n["pred"], n["gold"]),
        "cue_exact": prf(n["cue_exact"], n["pred"], n["gold"]),
        "source_accuracy": round(n["source_ok"] / n["cue_overlap"], 3) if n["cue_overlap"] else 0.0,
        "source_span_exact": round(n["source_exact"] / n["cue_overlap"], 3) if n["cue_overlap"] else 0.0,
        "source_head_match": round(n["source_head"] / n["cue_overlap"], 3) if n["cue_overlap"] else 0.0,
        "source_kinds": dict(sorted(kinds.items())),
        "content_token_f1": round(sum(content_f1s) / len(content_f1s), 3) if content_f1s else 0.0,
        "relation": prf(n["source_ok"], n["pred"], n["gold"]),
        "say_tell_recall": round(n["say_found"] / n["say_gold"], 3) if n["say_gold"] else 0.0,
        "words_per_second": round(words / seconds) if seconds else None,
    }


def cue_words(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].lower().split())


def misses(data: Path, stems: list[str], n: int) -> str:
    """The cue words most often missed and most often found wrongly, with the rules of the false ones."""
    missed: Counter[str] = Counter()
    false: Counter[tuple[str, str]] = Counter()
    for stem in stems:
        text = (data / "text" / f"{stem.rsplit('_', 1)[0]}.txt").read_text(encoding="utf-8")
        gold = read_gold(data / "attributions" / f"{stem}.ann")
        pred = toolkit(text)
        pairs = match(pred, gold, exact=False)
        found = {j for _, j in pairs}
        right = {i for i, _ in pairs}
        missed.update(cue_words(text, g["cue"]) for j, g in enumerate(gold) if j not in found)
        false.update((cue_words(text, p["cue"]), p["rule"].split("+")[0]) for i, p in enumerate(pred) if i not in right)
    lines = [f"missed cues (development part, {sum(missed.values())} in all):"]
    lines += [f"  {count:4}  {cue}" for cue, count in missed.most_common(n)]
    lines.append(f"false cues (development part, {sum(false.values())} in all):")
    lines += [f"  {count:4}  {cue}  [{rule}]" for (cue, rule), count in false.most_common(n)]
    return "\n".join(lines)


def table(results: dict[str, dict]) -> str:
    rows = [
        ("cue P / R / F1 (overlap)", lambda s: "{precision:.2f} / {recall:.2f} / {f1:.2f}".format(**s["cue_overlap"])),
        ("cue P / R / F1 (exact)", lambda s: "{precision:.2f} / {recall:.2f} / {f1:.2f}".format(**s["cue_exact"])),
        ("source accuracy (matched cues)", lambda s: f"{s['source_accuracy']:.2f}"),
        ("source span exact (matched cues)", lambda s: f"{s['source_span_exact']:.2f}"),
        ("source head in gold span", lambda s: f"{s['source_head_match']:.2f}"),
        ("content token F1 (matched cues)", lambda s: f"{s['content_token_f1']:.2f}"),
        ("relation P / R / F1", lambda s: "{precision:.2f} / {recall:.2f} / {f1:.2f}".format(**s["relation"])),
        ("say / tell / according-to recall", lambda s: f"{s['say_tell_recall']:.2f}"),
        ("relations predicted / gold", lambda s: f"{s['predicted_relations']} / {s['gold_relations']}"),
        ("words per second", lambda s: f"{s['words_per_second']:,}"),
    ]
    names = list(results)
    width = max(len(r[0]) for r in rows)
    lines = [
        f"| {'measure':<{width}} | " + " | ".join(f"{n:<22}" for n in names) + " |",
        "|" + "-" * (width + 2) + "|" + "|".join("-" * 24 for _ in names) + "|",
    ]
    for label, fmt in rows:
        lines.append(f"| {label:<{width}} | " + " | ".join(f"{fmt(results[n]):<22}" for n in names) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score analyze() on the PolNeAR train sample.")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--part", choices=("dev", "held-out", "all"), default="dev")
    ap.add_argument("--write", action="store_true", help=f"store the scores in {RESULTS.relative_to(ROOT)}")
    ap.add_argument(
        "--misses",
        type=int,
        metavar="N",
        help="list the N most missed and most false cue words (development part only)",
    )
    args = ap.parse_args(argv)
    if args.misses is not None and args.part != "dev":
        print("attribution_polnear: --misses lists errors of the development part only (--part dev)", file=sys.stderr)
        return 2
    if not (args.data / "attributions").is_dir():
        print(
            f"attribution_polnear: {args.data}: PolNeAR sample not found; obtain PolNeAR from "
            "https://github.com/networkdynamics/PolNeAR and point --data at a folder with text/ and attributions/",
            file=sys.stderr,
        )
        return 2
    parts = ("dev", "held-out") if args.part == "all" else (args.part,)
    split = articles(args.data)
    from discourse_lab import analysis

    analysis.analyze("Warm-up: the minister said the pipeline loads once.")
    if args.misses is not None:
        print(misses(args.data, [s for s, p in split if p == "dev"], args.misses))
        return 0
    results = {}
    for part in parts:
        stems = [s for s, p in split if p == part]
        results[f"regex ({part})"] = score(baseline, args.data, stems)
        results[f"toolkit ({part})"] = score(toolkit, args.data, stems)
    print(table(results))
    if args.write:
        stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        stored.update(
            {
                "corpus": CORPUS,
                "split": "every third article per publisher, sorted by file name, held out",
                **{k: v for k, v in results.items()},
            }
        )
        RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
