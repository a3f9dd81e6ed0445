"""Part-of-speech tags and dependency trees for the attribution rules.

The model is this project's own: a spaCy 3.8 ``tagger`` + ``parser`` pipeline trained with spaCy's
``spacy train`` on Universal Dependencies English EWT (dev file) and PUD (first 800 sentences),
reproducible with ``scripts/train_parser.py``. It ships inside the package, under
``discourse_lab/models/en_ud_tagger_parser/``; its model card (``README.md`` there) gives the data,
the licence (CC BY-SA 4.0, from the treebanks) and its accuracy measured on held-out UD data.

Tags are Penn Treebank tags (``NN``, ``VBD``, ``PRP`` …), dependencies are Universal Dependencies
relations (``nsubj``, ``ccomp``, ``parataxis`` …). Each sentence of the text model is parsed
alone, so a tree never crosses the toolkit's own sentence boundaries, and every index here is an
index into :attr:`matching.DocView.tokens`.

What this cannot do: the model is small and trained on about 5,000 sentences, so it errs on
roughly one tag in ten and one head in five (see the model card); the rules use its output as
evidence beside word order, not as the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import settings

MODEL_NAME = "en_ud_tagger_parser"


def model_path():
    """The model folder inside the installed package (works from a wheel as well as editable)."""
    from importlib.resources import files

    override = settings.parser_path()
    return override if override else files("discourse_lab") / "models" / MODEL_NAME


WORDS_ONLY = "discourse_lab.words_only.v1"


def _words_only():
    """A tokenizer with no rules: the toolkit hands the model ready-made Docs (the tokens of
    ``text.parse``), so loading English's 2,700 tokenizer exceptions again would only cost time."""
    from spacy.tokenizer import Tokenizer

    def create(nlp):
        return Tokenizer(nlp.vocab)

    return create


@lru_cache(maxsize=1)
def pipeline():
    """The trained tagger and parser, loaded on first use (under half a second)."""
    import spacy
    from spacy.util import registry

    if WORDS_ONLY not in registry.tokenizers:
        registry.tokenizers.register(WORDS_ONLY, func=_words_only)
    return spacy.load(
        str(model_path()), exclude=["tokenizer"], config={"nlp": {"tokenizer": {"@tokenizers": WORDS_ONLY}}}
    )


@dataclass(frozen=True)
class Parse:
    """Tags, dependency labels and heads (as view token indices) of every token of a view."""

    tags: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]

    def subtree(self, i: int) -> tuple[int, int]:
        """The token range [start, end) covered by ``i`` and everything below it."""
        lo = hi = i
        stack = [i]
        while stack:
            k = stack.pop()
            lo, hi = min(lo, k), max(hi, k)
            stack.extend(self.children[k])
        return lo, hi + 1

    def child(self, i: int, *deps: str) -> int | None:
        """The first child of ``i`` whose relation is one of ``deps``."""
        return next((c for c in self.children[i] if self.deps[c] in deps), None)


def parse(view) -> Parse:
    """Tag and parse every sentence of a :class:`matching.DocView`."""
    from spacy.tokens import Doc

    nlp = pipeline()
    tokens = view.tokens
    tags: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    docs = (
        Doc(nlp.vocab, words=[t.text for t in tokens[a:b]], spaces=[t.whitespace for t in tokens[a:b]])
        for a, b in view.sentence_bounds
    )
    for (a, _), doc in zip(view.sentence_bounds, nlp.pipe(docs, batch_size=64)):
        for t in doc:
            tags.append(t.tag_)
            deps.append(t.dep_)
            heads.append(a + t.head.i)
    children: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    return Parse(tuple(tags), tuple(deps), tuple(heads), tuple(map(tuple, children)))
