"""Train, measure and ship the part-of-speech tagger and dependency parser the attribution rules use.

Reproducible: a fixed data split, the committed config and a fixed seed (0). Data (not in this repository;
see ``../shared/data/README.md`` or the model card for where to obtain it):

* Universal Dependencies English EWT v2.15, dev and test files (CC BY-SA 4.0);
* Universal Dependencies English PUD (CC BY-SA 3.0).

Split (fixed, by sentence order in the files):

* train: all of EWT dev, and the first 800 sentences of PUD;
* dev (picks the best checkpoint during training): the last 200 sentences of PUD;
* test (held out, the accuracy reported in the model card): all of EWT test.

Steps: split the CoNLL-U files, convert them with ``spacy convert``, train with
``spacy train scripts/parser/config.cfg`` (one thread), measure with ``spacy evaluate`` on the
held-out test file and on the dev part, then copy the best model into
``discourse_lab/models/en_ud_tagger_parser/`` with ``accuracy.json`` beside it::

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python scripts/train_parser.py --data ../shared/data

Takes about 15 minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "scripts" / "parser" / "config.cfg"
TARGET = ROOT / "discourse_lab" / "models" / "en_ud_tagger_parser"
PUD_TRAIN_SENTENCES = 800
KEEP = ("config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "tagger", "parser")


def conllu_sentences(path: Path) -> list[str]:
    """The sentence blocks of a CoNLL-U file, in order."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [b.strip() + "\n" for b in blocks if b.strip()]


def write(blocks: list[str], path: Path) -> Path:
    path.write_text("\n".join(blocks) + "\n", encoding="utf-8")
    return path


def spacy(*args: str) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    subprocess.run([sys.executable, "-m", "spacy", *args], check=True, env=env)


def convert(conllu: Path, out: Path) -> Path:
    spacy("convert", str(conllu), str(out), "--converter", "conllu", "--n-sents", "10")
    return out / (conllu.stem + ".spacy")


def evaluate(model: Path, data: Path, out: Path) -> dict:
    spacy("evaluate", str(model), str(data), "--output", str(out))
    scores = json.loads(out.read_text())
    return {k: round(scores[k], 4) for k in ("tag_acc", "dep_uas", "dep_las", "speed")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder holding ud-english-ewt/ and ud-english-pud/",
    )
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--max-steps", type=int, default=3000)
    args = ap.parse_args(argv)
    ewt, pud = args.data / "ud-english-ewt", args.data / "ud-english-pud"
    files = [ewt / "en_ewt-ud-dev.conllu", ewt / "en_ewt-ud-test.conllu", pud / "en_pud-ud-test.conllu"]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"train_parser: missing UD file(s): {', '.join(missing)}", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="dl-parser-"))
    work.mkdir(parents=True, exist_ok=True)
    pud_blocks = conllu_sentences(files[2])
    split = work / "split"
    split.mkdir(exist_ok=True)
    train_conllu = write(conllu_sentences(files[0]) + pud_blocks[:PUD_TRAIN_SENTENCES], split / "train.conllu")
    dev_conllu = write(pud_blocks[PUD_TRAIN_SENTENCES:], split / "dev.conllu")
    test_conllu = write(conllu_sentences(files[1]), split / "test.conllu")
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    train, dev, test = (convert(p, corpus) for p in (train_conllu, dev_conllu, test_conllu))
    output = work / "output"
    spacy(
        "train",
        str(CONFIG),
        "--output",
        str(output),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
        "--training.max_steps",
        str(args.max_steps),
    )
    best = output / "model-best"
    accuracy = {
        "held_out_test": {
            "data": "UD English EWT v2.15 test (all sentences)",
            **evaluate(best, test, work / "test.json"),
        },
        "dev": {
            "data": f"UD English PUD, sentences {PUD_TRAIN_SENTENCES + 1}-{len(pud_blocks)}",
            **evaluate(best, dev, work / "dev.json"),
        },
        "train_sentences": len(conllu_sentences(train_conllu)),
        "max_steps": args.max_steps,
    }
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    for name in KEEP:
        src = best / name
        if src.is_dir():
            shutil.copytree(src, TARGET / name)
        elif src.is_file():
            shutil.copy2(src, TARGET / name)
    (TARGET / "accuracy.json").write_text(json.dumps(accuracy, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(accuracy, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
