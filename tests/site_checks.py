"""Static checks on built HTML: which resources a page would load, and from where."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from support import attr

# Elements and attributes through which a page loads something (navigation links are not loads).
RESOURCE_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}
# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def is_outside(url: str) -> bool:
    """True for a URL that leaves the site: any scheme other than data/blob, or protocol-relative."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlparse(url).scheme.lower()
    return scheme not in ("", "data", "blob") and not (len(scheme) == 1 and url[1:3] == ":\\")


def outside_resources_in_html(text: str) -> list[str]:
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for tag, attrs in RESOURCE_ATTRS.items():
        for element in soup.find_all(tag):
            for name in attrs:
                value = attr(element, name, "")
                if not value:
                    continue
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                found += [f"<{tag} {name}={u}>" for u in urls if is_outside(u)]
    for element in soup.find_all("link"):
        rels = {r.lower() for r in element.get_attribute_list("rel")}
        href = attr(element, "href", "")
        if rels & FETCHING_RELS and href and is_outside(href):
            found.append(f"<link rel={' '.join(sorted(rels))} href={href}>")
    for element in soup.find_all(style=True):
        found += [f"style url({u})" for u in CSS_URL.findall(attr(element, "style", "")) if is_outside(u)]
    for element in soup.find_all("style"):
        found += outside_resources_in_css(element.get_text())
    return found


def outside_resources_in_css(text: str) -> list[str]:
    return [f"css url({u})" for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text) if is_outside(u)]


def pages(html_root: Path) -> list[Path]:
    """The site's pages (not the theme's webpack macro fragments in _static)."""
    return [p for p in sorted(html_root.rglob("*.html")) if "_static" not in p.relative_to(html_root).parts]


# --- What a page shows above each exercise (tests/site/test_items_not_answered_above.py) ---------

SENTENCE_ID = re.compile(r"\bp[1-9][0-9]*s[1-9][0-9]*\b")
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATED = re.compile(rf"\b(19|20)[0-9]{{2}}\b|\b[0-9]{{1,2}} ({MONTHS})\b|\b({MONTHS}) [0-9]{{1,2}}\b", re.IGNORECASE)
OBJECTIVE_TYPES = ("choice", "multi", "tagging", "span", "matching", "ordering")
# Elements read as one unit of text: a table row, a list item, a heading, a caption.
UNIT_TAGS = {"tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "dt", "dd", "blockquote"}
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ", "\u2011": "-"})


def normalize(text: str) -> str:
    """Case-folded text with straight quotes and single spaces, for comparing wordings."""
    return " ".join(text.translate(QUOTES).casefold().split())


def pre_blocks(text: str) -> list[str]:
    """The lines of a code or output block; a more indented line belongs to the line above it, as
    the toolkit's report prints a sentence's relations under the sentence."""
    groups: list[tuple[int, list[str]]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if groups and indent > groups[-1][0]:
            groups[-1][1].append(line.strip())
        else:
            groups.append((indent, [line.strip()]))
    return [" ".join(lines) for _, lines in groups]


def prose_blocks(text: str) -> list[str]:
    """A paragraph cut into its sentences (a sentence id such as p2s3 has no full stop to cut at)."""
    return [s for s in re.split(r"(?<=[.!?:;])\s+(?=[A-Z\"“(*])", " ".join(text.split())) if s]


def exercise_visible_text(spec: dict) -> list[str]:
    """What the browser draws of an exercise before it is answered: title, prompt, passage, options,
    sentences, items, labels and targets (never the key or the feedback)."""
    texts = [spec.get("title", ""), spec.get("prompt", "")]
    for name in ("passage", "sentences"):
        texts += [f"{s['id']} {s['text']}" for s in spec.get(name, [])]
    for name in ("options", "items", "targets", "labels"):
        texts += [o.get("text", "") for o in spec.get(name, [])]
    if spec.get("sentence"):
        texts.append(f"{spec['sentence']['id']} {spec['sentence']['text']}")
    return [t for t in texts if t]


# What page_sequence yields: ("text", block), ("exercise", spec) or ("sentence", (sid, text)).
Shown = tuple[str, str | dict | tuple[str, str]]


def page_sequence(html: str) -> list[Shown]:
    """The article of a built page in reading order, as ("text", block), ("exercise", spec) and
    ("sentence", (sid, text)) for each source sentence the page renders or an exercise shows.

    A <details class="dl-reveal"> (the toolkit's reading, folded until the student opens it after
    answering) is left out; any other <details> counts as shown, since a student may open it while
    reading. An image counts by its alt text, which says what the figure shows.
    """
    import json

    from bs4 import Tag

    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("article") or soup.body or soup
    out: list[Shown] = []

    def text(s: str):
        if s.strip():
            out.append(("text", " ".join(s.split())))

    def walk(node):
        for child in node.children:
            if not isinstance(child, Tag):
                if str(child).strip() and child.parent is not None and child.parent.name not in ("script", "style"):
                    for s in prose_blocks(str(child)):
                        text(s)
                continue
            classes = child.get_attribute_list("class")
            if child.name in ("script", "style", "noscript"):
                continue
            if child.name == "details" and "dl-reveal" in classes:
                continue
            if "dl-exercise" in classes:
                script = child.find("script", class_="dl-exercise-spec")
                if script is not None:
                    assert script.string is not None, "an exercise's spec script is empty"
                    spec = json.loads(script.string)
                    out.append(("exercise", spec))
                    shown = spec.get("passage", []) + spec.get("sentences", []) + [spec.get("sentence") or {}]
                    out.extend(("sentence", (s["id"], s["text"])) for s in shown if s)
                    for s in exercise_visible_text(spec):
                        text(s)
                continue
            if child.name == "pre":
                for s in pre_blocks(child.get_text()):
                    text(s)
            elif child.name == "img":
                text(attr(child, "alt", ""))
            elif child.name in UNIT_TAGS or "dl-sentence" in classes:
                sid = attr(child, "data-sid", "")
                if "dl-sentence" in classes and sid:
                    marks = child.find_all(class_=["dl-voice", "dl-hl"])
                    if marks:
                        # An analysed sentence states what its badges and underlines say, not its words.
                        text(" ".join([sid] + [m.get_text(" ") for m in marks]))
                        continue
                    badge = child.find(class_="dl-sid")
                    body = child.get_text(" ").replace(badge.get_text(), "", 1) if badge else child.get_text(" ")
                    out.append(("sentence", (sid, " ".join(body.split()))))
                for img in child.find_all("img"):
                    text(attr(img, "alt", ""))
                text(child.get_text(" "))
            elif child.name == "p" and not child.find(class_="dl-sentence"):
                for s in prose_blocks(child.get_text(" ")):
                    text(s)
            else:
                walk(child)

    walk(root)
    return out


def has_phrase(phrase: str, text: str) -> bool:
    """``phrase`` in ``text`` as whole words (both normalized)."""
    phrase = normalize(phrase).strip(" .")
    return bool(phrase) and re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", normalize(text)) is not None


def segment_after(sid: str, text: str) -> list[str]:
    """The stretches of ``text`` that follow each mention of ``sid`` up to the next sentence id: what
    a row, an output line or a sentence of prose says about that sentence."""
    text = normalize(text)
    marks = list(SENTENCE_ID.finditer(text))
    if {m.group() for m in marks} == {sid}:
        return [text]  # a line, row or sentence about this one sentence alone
    return [
        text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        for i, m in enumerate(marks)
        if m.group() == sid
    ]


def _without(text: str, *sentences: str) -> str:
    """``text`` with the sentences of the source removed: a sentence shown as text states no key."""
    text = normalize(text)
    for s in sentences:
        if s:
            text = text.replace(normalize(s), " ")
    return text


STOPWORDS = {"the", "and", "its", "his", "her", "for", "was", "are", "has", "had", "that", "this", "with", "who", "not"}


def _stems(text: str) -> set[str]:
    """Four-letter stems of the words of three letters or more (and numbers): "publishes" and
    "published" share "publ", "BBC" is kept."""
    words = re.findall(r"[a-z0-9#]+", normalize(text))
    return {w[:4] for w in words if (len(w) >= 3 and w not in STOPWORDS) or w.isdigit()}


def _has_stems(phrase: str, text: str) -> bool:
    """Every word stem of ``phrase`` (two at least) in ``text``: "transliteration from Russian" for
    "Transliterated from Russian"."""
    stems = _stems(phrase)
    return len(stems) >= 2 and stems <= _stems(text)


def _label_forms(label: dict) -> list[str]:
    forms = [label["text"], label["text"].split(":")[0]]
    if label["id"].isalpha() and len(label["id"]) >= 4:
        forms.append(label["id"])
    return forms


def span_phrases(spec: dict, answer: list[str]) -> list[str]:
    """The phrases a span key selects: each run of consecutive keyed tokens, as written."""
    phrases, run = [], ""
    for token in spec.get("tokens", []):
        if token["id"] in answer:
            run += token["text"] + (" " if token.get("ws") else "")
        elif run:
            phrases.append(run.strip())
            run = ""
    return phrases + ([run.strip()] if run else [])


def key_stated(spec: dict, shown: list[str], sentences: dict[str, set[str]] | None = None) -> list[str]:
    """Which parts of an exercise's key ``shown`` (the text blocks above it) state, as readable
    findings; empty when none does. ``sentences``: every source sentence the page shows, by id. A
    block that holds a source sentence (this text's or another's) is read without it: the material
    states no key. A block that holds another text's sentence of the same id says nothing about
    this exercise's sentence. The rules, one per type, are those of the test's docstring."""
    key = spec.get("key") or {}
    answer = key.get("answer")
    if answer is None:
        return []
    sentences = sentences or {}
    own = {
        s["id"]: s["text"]
        for s in spec.get("passage", []) + spec.get("sentences", []) + [spec.get("sentence") or {}]
        if s
    }
    all_texts = sorted({t for texts in sentences.values() for t in texts} | set(own.values()), key=len, reverse=True)

    def about_other_text(block: str) -> bool:
        return any(
            normalize(t) in normalize(block)
            for sid, own_text in own.items()
            for t in sentences.get(sid, ())
            if normalize(t) != normalize(own_text)
        )

    # A question asks; it states no key ("In p3s2, who is the source?").
    originals = [b for b in shown if not about_other_text(b) and not b.rstrip().endswith("?")]
    blocks = [_without(b, *all_texts) for b in originals]
    kind = spec["type"]
    found: list[str] = []
    if kind in ("choice", "multi"):
        correct = [answer] if kind == "choice" else answer
        passage = [p["id"] for p in spec.get("passage", [])]
        for option in spec.get("options", []):
            if option["id"] not in correct:
                continue
            label = option["text"]
            distinctive = len(label.split()) >= 4 or any(c.isdigit() for c in label)
            for block in blocks:
                if distinctive and has_phrase(label, block):
                    found.append(f"option {label!r} in: {block}")
                elif not distinctive and any(
                    has_phrase(label, seg) for sid in passage for seg in segment_after(sid, block)
                ):
                    found.append(f"option {label!r} beside {', '.join(passage)} in: {block}")
    elif kind == "span":
        sentence = spec["sentence"]
        for phrase in span_phrases(spec, answer):
            for block in blocks:
                if any(has_phrase(phrase, seg) for seg in segment_after(sentence["id"], block)):
                    found.append(f"span {phrase!r} of {sentence['id']} in: {block}")
    elif kind == "tagging":
        labels = {label["id"]: label for label in spec["labels"]}
        for sid, label_id in answer.items():
            for block in blocks:
                segments = segment_after(sid, block)
                if any(has_phrase(form, seg) for seg in segments for form in _label_forms(labels[label_id])):
                    found.append(f"{sid} = {labels[label_id]['text']!r} in: {block}")
    elif kind == "matching":
        targets = {t["id"]: t for t in spec["targets"]}
        items = {i["id"]: i for i in spec["items"]}
        for item_id, target_id in answer.items():
            item = items[item_id]["text"]
            sid = SENTENCE_ID.search(item)
            word = re.sub(r"\(?\bp[1-9][0-9]*s[1-9][0-9]*\b\)?|\bin\b", " ", item).strip(' "“”')
            for block in blocks:
                segs = segment_after(sid.group(), block) if sid else [normalize(block)]
                forms = _label_forms(targets[target_id])
                if any(
                    has_phrase(word, seg) and any(has_phrase(f, seg) or _has_stems(f, seg) for f in forms)
                    for seg in segs
                ):
                    found.append(f"{item!r} -> {targets[target_id]['text']!r} in: {block}")
        # The items shown above in the order of their targets (a one-to-one matching).
        order = [t["id"] for t in spec["targets"]]
        if len(set(answer.values())) == len(answer) == len(order) >= 3:
            keyed = sorted(answer, key=lambda i: order.index(answer[i]))
            where = [next((n for n, b in enumerate(blocks) if has_phrase(items[i]["text"], b)), None) for i in keyed]
            placed = [n for n in where if n is not None]
            if len(placed) == len(where) and placed == sorted(placed) and len(set(placed)) == len(placed):
                found.append("the items are shown above in the order of their targets")
    elif kind == "ordering":
        items = {i["id"]: i["text"] for i in spec["items"]}
        places = []
        for item_id in answer:
            stems = _stems(items[item_id])
            best, place = max(2, round(len(stems) * 0.4)) - 1, None
            for n, block in enumerate(blocks):
                for pos, part in enumerate(re.split(r"[;,\n]", block)):
                    score = len(stems & _stems(part))
                    if score > best and DATED.search(part):
                        best, place = score, (n, pos)
            places.append(place)
        located = [p for p in places if p is not None]
        # The longest run of items, in key order, whose places above are in that order too.
        longest = [1] * len(located)
        for i in range(len(located)):
            for j in range(i):
                if located[j] < located[i]:
                    longest[i] = max(longest[i], longest[j] + 1)
        in_order = max(longest, default=0)
        if in_order >= max(2, len(answer) - (2 if len(answer) >= 5 else 1)):
            found.append(f"{in_order} of {len(answer)} items dated above in the key's order")
    return found


def items_answered_above(html: str) -> list[tuple[str, list[str]]]:
    """Every auto-scored exercise of a page whose key the text above it states, with the findings."""
    sequence = page_sequence(html)
    sentences: dict[str, set[str]] = {}
    for kind, value in sequence:
        if kind == "sentence":
            assert isinstance(value, tuple)
            sentences.setdefault(value[0], set()).add(value[1])
    shown: list[str] = []
    result = []
    for kind, value in sequence:
        if kind == "text":
            assert isinstance(value, str)
            shown.append(value)
        elif kind == "exercise":
            assert isinstance(value, dict)
            if value.get("kind") != "objective" or value.get("type") not in OBJECTIVE_TYPES:
                continue
            found = key_stated(value, shown, sentences)
            if found:
                result.append((value["id"], found))
    return result
