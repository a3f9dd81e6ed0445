"""The text model: Document → paragraphs → sentences → tokens, with stable ids and offsets.

Paragraphs are separated by blank lines. Sentence ids are ``p{paragraph}s{sentence}``, both
counted from 1, so ``p2s3`` is the third sentence of the second paragraph; token ids add
``t{n}``. Every span carries character offsets into the original text, so a highlight or an
annotation can always be traced back to the exact characters of the source.

Tokens, sentence boundaries and lemmas come from spaCy's blank English pipeline (rule-based
tokenizer and sentencizer, lookup lemmatizer from ``spacy-lookups-data``), which needs no
trained model. Two known weaknesses of that pipeline are repaired here:

* the sentencizer leaves an opening quotation mark at the end of the previous sentence;
  :func:`_move_opening_quotes` moves it to the sentence it opens;
* the sentencizer ends a sentence after a quotation that closes on "?", "!" or "…", so the
  tag that follows it ('"Are you sure?" she asked.') became a sentence of its own, with the
  quotation cut off from its speaker; :func:`_join_quotation_tags` joins the tag back when it
  opens in lower case or is short (``MAX_TAG_TOKENS``: '"Grizzly Adams?" Maddow repeated.');
* a sentence boundary can never cross a paragraph, because each paragraph is segmented alone.

A leading dateline (``MOSCOW, April 19 (Reuters) -`` or the scraped form
``date 2024-04-23 (MENAFN)``) is kept apart from the first sentence as :class:`Dateline`.
What this cannot do: it does not split run-on text without sentence punctuation, and it trusts
spaCy's abbreviation list (``Mr.``, ``U.S.``) for full stops that do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

# A paragraph break is a line that is empty or holds only whitespace.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A word of running text, as a word count counts it: a run of non-spaces holding a letter or digit.
WORD = re.compile(r"\S*[^\W_]\S*")

# The heads kept apart from the first sentence. The scraped form ("date 2024-04-23 (MENAFN)") is
# the copying program's date followed by the item's credit line, not a dateline (the glossary's
# "Dateline"); the wire form puts a capitalised place first and an agency in brackets, ended by a
# dash. Each kind is named for the reader by HEAD_LABELS.
SCRAPED, DATELINE = "scraped", "dateline"
HEAD_LABELS = {SCRAPED: "copier's date + credit line", DATELINE: "dateline"}
DATELINE_PATTERNS = (
    (SCRAPED, re.compile(r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*\((?P<agency>[A-Za-z][\w .&-]*)\)\s*")),
    (
        DATELINE,
        re.compile(
            r"\s*(?P<place>[A-Z][A-Z .'/-]+(?:,\s*[A-Z][A-Za-z .]+)?)"
            r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
            r"\s*\((?P<agency>[A-Za-z][\w .&-]*)\)\s*[-\u2013\u2014]+\s*"
        ),
    ),
)

OPENING_QUOTES = {"\u201c", "\u2018", "\u00ab"}  # “ ‘ «
CLOSING_QUOTES = {"\u201d", "\u2019", "\u00bb"}  # ” ’ »
STRAIGHT_QUOTES = {'"', "'"}
# Two apostrophes stand for a double quotation mark in some newspaper copy (''like this'').
DOUBLED_QUOTE = "''"
QUOTE_CHARS = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES | {DOUBLED_QUOTE}
# Marks that end a quotation's last sentence inside the quotation marks ("Really?" she asked).
QUOTATION_END_MARKS = {"?", "!", "…", "..."}
# Longest sentence taken for a speaker tag after such a quotation ("Maddow repeated." is 3 tokens,
# "the former secretary of state told reporters." 8).
MAX_TAG_TOKENS = 8
# Share of capitalised words that makes a sentence a headline in title case.
TITLE_CASE_SHARE = 0.8
# spaCy's own default ``nlp.max_length``: a longer paragraph is refused (E088), never half-read.
MAX_PARAGRAPH_CHARS = 1_000_000


class TextTooLongError(ValueError):
    """A paragraph is longer than :data:`MAX_PARAGRAPH_CHARS`; the message is one line."""


@dataclass(frozen=True)
class Token:
    id: str
    text: str
    lemma: str
    start: int
    end: int
    whitespace: bool
    is_punct: bool
    is_quote: bool


@dataclass(frozen=True)
class Sentence:
    id: str
    paragraph: int
    index: int
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...] = field(repr=False)

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens if not t.is_punct]


@dataclass(frozen=True)
class Paragraph:
    id: str
    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...] = field(repr=False)


@dataclass(frozen=True)
class Dateline:
    text: str
    start: int
    end: int
    date: str | None
    place: str | None
    agency: str | None
    kind: str = DATELINE  # SCRAPED: a copier's date and the credit line; DATELINE: a wire dateline

    @property
    def label(self) -> str:
        """How the head is named on a page (``HEAD_LABELS``)."""
        return HEAD_LABELS[self.kind]


@dataclass(frozen=True)
class Document:
    text: str
    paragraphs: tuple[Paragraph, ...]
    dateline: Dateline | None = None

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def sentence(self, sentence_id: str) -> Sentence:
        for s in self.sentences:
            if s.id == sentence_id:
                return s
        raise KeyError(f"no sentence '{sentence_id}' in this document")

    def sentences_with(self, phrase: str) -> list[str]:
        """Ids of the sentences holding ``phrase`` as whole words, case-sensitively, because
        spellings are the point ("Donbas" is not found inside "Donbass")."""
        pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
        return [s.id for s in self.sentences if pattern.search(s.text)]

    @property
    def word_count(self) -> int:
        """Words as a reader counts them: runs between spaces with a letter or digit in them, so
        "90-minute" and "Russia's" are one word each (the tokens of :attr:`Sentence.words` split
        them in two). The dateline is not counted."""
        return sum(len(WORD.findall(s.text)) for s in self.sentences)

    def to_dict(self) -> dict:
        return {
            "dateline": None if self.dateline is None else vars(self.dateline),
            "sentences": [
                {"id": s.id, "paragraph": s.paragraph, "text": s.text, "start": s.start, "end": s.end}
                for s in self.sentences
            ],
        }


@lru_cache(maxsize=1)
def nlp():
    """The shared spaCy pipeline, built on first use (spaCy takes about a second to import)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("discourse_lab_quote_fix"):
        Language.component("discourse_lab_quote_fix", func=_move_opening_quotes)
    if not Language.has_factory("discourse_lab_quotation_tags"):
        Language.component("discourse_lab_quotation_tags", func=_join_quotation_tags)
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("discourse_lab_quote_fix")
    pipeline.add_pipe("discourse_lab_quotation_tags")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()  # loads the lookup table shipped by spacy-lookups-data
    return pipeline


def _is_opening(token) -> bool:
    """An opening quote: a curly/guillemet opener, or a straight quote glued to the next word."""
    if token.text in OPENING_QUOTES:
        return True
    if token.text in STRAIGHT_QUOTES or token.text == DOUBLED_QUOTE:
        before_ok = token.i == 0 or bool(token.doc[token.i - 1].whitespace_)
        return before_ok and not token.whitespace_ and token.i + 1 < len(token.doc)
    return False


def _move_opening_quotes(doc):
    """Give an opening quote that ends a sentence to the sentence it actually opens."""
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if nxt.is_sent_start and _is_opening(token) and token.i > 0:
            token.is_sent_start = True
            nxt.is_sent_start = False
    return doc


def _is_closing(token) -> bool:
    """A closing quote: a curly/guillemet closer, or a straight quote glued to the word before."""
    if token.text in CLOSING_QUOTES:
        return True
    if token.text in STRAIGHT_QUOTES or token.text == DOUBLED_QUOTE:
        return token.i > 0 and not token.doc[token.i - 1].whitespace_
    return False


def _join_quotation_tags(doc):
    """Join a speaker tag to the quotation before it when the quotation ends on "?", "!" or "…"
    ('"Are you sure?" she asked.'): the tag continues the sentence when it opens in lower case
    (not "I") or is a short sentence of its own ('"Grizzly Adams?" Maddow repeated.')."""
    starts = [t.i for t in doc if t.is_sent_start and t.i > 0]
    ends = starts[1:] + [len(doc)]
    for start, end in zip(starts, ends):
        quote, mark = doc[start - 1], doc[start - 2] if start >= 2 else None
        if mark is None or mark.text not in QUOTATION_END_MARKS or not _is_closing(quote):
            continue
        first = doc[start]
        lower = first.text[:1].islower() and first.text != "i"
        short = (
            end - start <= MAX_TAG_TOKENS
            and doc[end - 1].text in {".", "!", "?"}
            and not any(_is_opening(t) or t.text in QUOTE_CHARS for t in doc[start:end])
        )
        if first.is_alpha and (lower or short):
            first.is_sent_start = False
    return doc


def is_title_case(span) -> bool:
    """A headline set in title case ("Fiorina Endorses Cruz For President"): the lookup
    lemmatizer knows only lower-case forms, so its words are lemmatised in lower case."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= TITLE_CASE_SHARE * len(words)


def lemma_of_lower(word: str) -> str:
    """The lookup lemma of a word in lower case ("Endorses" -> "endorse")."""
    table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return table.get(word.lower(), word.lower())


def split_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of each non-empty paragraph, trimmed of outer whitespace."""
    pos = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos = match.end() if match else len(text)


def find_dateline(text: str, start: int) -> Dateline | None:
    """A dateline at ``start`` (the first paragraph's first character), or None."""
    for kind, pattern in DATELINE_PATTERNS:
        m = pattern.match(text, start)
        if m:
            groups = m.groupdict()
            return Dateline(
                text=text[m.start() : m.end()].strip(),
                start=m.start() + (len(m.group(0)) - len(m.group(0).lstrip())),
                end=m.end(),
                date=groups.get("date"),
                place=(groups.get("place") or None) and groups["place"].strip(),
                agency=groups.get("agency"),
                kind=kind,
            )
    return None


def parse(text: str) -> Document:
    """Segment plain UTF-8 text into a :class:`Document`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    spans = list(split_paragraphs(text))
    dateline = find_dateline(text, spans[0][0]) if spans else None
    if dateline is not None:
        first_start, first_end = spans[0]
        if dateline.end >= first_end:
            spans = spans[1:]
        else:
            spans[0] = (dateline.end, first_end)
    for n, (a, b) in enumerate(spans, start=1):
        if b - a > MAX_PARAGRAPH_CHARS:
            raise TextTooLongError(
                f"paragraph {n} is {b - a:,} characters long; the limit is {MAX_PARAGRAPH_CHARS:,} characters "
                "per paragraph (separate paragraphs with a blank line)"
            )
    pipeline = nlp()
    docs = pipeline.pipe(text[a:b] for a, b in spans)
    paragraphs = []
    for p_index, ((p_start, p_end), doc) in enumerate(zip(spans, docs), start=1):
        sentences = []
        for s_index, span in enumerate(doc.sents, start=1):
            sid = f"p{p_index}s{s_index}"
            headline = is_title_case(span)
            tokens = tuple(
                Token(
                    id=f"{sid}t{n}",
                    text=t.text,
                    lemma=lemma_of_lower(t.text) if headline else (t.lemma_ or t.text).lower(),
                    start=p_start + t.idx,
                    end=p_start + t.idx + len(t.text),
                    whitespace=bool(t.whitespace_),
                    is_punct=t.is_punct or t.text in QUOTE_CHARS,
                    is_quote=t.text in QUOTE_CHARS,
                )
                for n, t in enumerate(span, start=1)
            )
            s_start = p_start + span.start_char
            s_end = p_start + span.end_char
            sentences.append(Sentence(sid, p_index, s_index, text[s_start:s_end], s_start, s_end, tokens))
        paragraphs.append(Paragraph(f"p{p_index}", p_index, p_start, p_end, tuple(sentences)))
    return Document(text=text, paragraphs=tuple(paragraphs), dateline=dateline)
