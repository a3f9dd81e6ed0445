"""Is every stance or voice label the built site shows a term of the glossary (chapters/glossary.md)?

The glossary names the course's stance categories (the italic names of its "Stance category"
entry: neutral, endorsing, insistent, ...) and its voices (the italic names of its "Voice" entry:
source's voice, writer's voice, mixed voice). A student who reads "assertive" on a badge where the
glossary and lesson 3 say "insistent", or "writer" where lesson 2 says "writer's voice", is taught
two vocabularies. Checked everywhere a label is displayed:

- the badges of annotated renderings (``cue: <stance>``, and each sentence's voice);
- table cells: the stance under each cue (attributions, "replace it with said"), the kind under
  each source (the glossary's "Source kind"), the toolkit's and the course's voice in the voice table;
- figure alt texts that count by stance or by voice;
- exercises: the options, labels and matching targets whose ids are stance or voice ids, and the
  option feedback that names a stance ("Not here. Insistent: ..."), which must also carry no note
  meant for developers.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from discourse_lab import lexicons
from discourse_lab.voice import VOICES
from site_checks import pages

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})
DEVELOPER_NOTES = re.compile(r"kept for old data|the id is kept|\bTODO\b|\bFIXME\b", re.IGNORECASE)


def norm(text: str) -> str:
    return " ".join(text.translate(QUOTES).casefold().split())


def glossary_names(built_book, entry: str) -> set[str]:
    """The italic names in one entry of the built glossary page."""
    soup = BeautifulSoup((built_book / "chapters" / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    for dt in soup.find_all("dt"):
        if norm(dt.get_text()).rstrip("¶# ") == norm(entry):
            dd = dt.find_next_sibling("dd")
            assert dd is not None, f"the glossary entry {entry!r} has no definition"
            return {norm(em.get_text()) for em in dd.find_all("em")}
    raise AssertionError(f"the glossary has no entry {entry!r}")


def soups(built_book):
    for page in pages(built_book):
        yield page.relative_to(built_book), BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def source_kind_name(label: str) -> str:
    """The kind in a source label: "named person: Sergey Lavrov", "pronoun for Lavrov" and
    "pronoun, unresolved" name the kinds *named person* and *pronoun*."""
    return re.split(r": | for |, ", label, maxsplit=1)[0]


def displayed_labels(soup) -> list[tuple[str, str, str]]:
    """(kind, where, label) for every stance or voice label the page displays."""
    stance_ids, voice_ids = set(lexicons.reporting_verbs().ids), set(VOICES)
    out = []
    for badge in soup.select(".dl-analysis .dl-label"):
        text = badge.get_text()
        if text.startswith("cue: "):
            out.append(("stance", "cue badge", text[len("cue: ") :]))
    for badge in soup.select(".dl-voice"):
        out.append(("voice", "voice badge", badge.get_text()))
    for small in soup.select("table.dl-attributions td small.dl-stance, table.dl-said-test td small"):
        out.append(("stance", "table cell", small.get_text()))
    for small in soup.select("table.dl-attributions td small.dl-source-kind"):
        out.append(("source kind", "table cell", source_kind_name(small.get_text())))
    for badge in soup.select(".dl-analysis .dl-label"):
        text = badge.get_text()
        if text.startswith("source: "):
            out.append(("source kind", "source badge", source_kind_name(text[len("source: ") :])))
    for row in soup.select("table.dl-voices tbody tr"):
        cells = row.find_all("td")
        out.append(("voice", "voice table, toolkit", cells[0].get_text()))
        if len(cells) >= 3 and cells[2].find("br"):
            out.append(("voice", "voice table, course", cells[2].contents[0].get_text()))
    for img in soup.select("figure img"):
        alt = img.get("alt", "")
        if "per stance category." in alt:
            for part in alt.split("per stance category.", 1)[1].split(";"):
                m = re.match(r"\s*(.+?) \d+ \(", part)
                if m:
                    out.append(("stance", "figure alt", m.group(1)))
        out += [("voice", "figure alt", v) for v in re.findall(r"\b\w+'s voice|\bmixed voice", alt.translate(QUOTES))]
    for script in soup.select("script.dl-exercise-spec"):
        spec = json.loads(script.string)
        where = f"exercise {spec['id']}"
        for name in ("options", "labels", "targets"):
            choices = spec.get(name) or []
            ids = {c["id"] for c in choices}
            if ids and ids <= stance_ids:
                out += [("stance", f"{where} {name}", c["text"].split(" \u2014 ")[0]) for c in choices]
            elif ids and ids <= voice_ids:
                out += [("voice", f"{where} {name}", c["text"]) for c in choices]
        feedback = (spec.get("key") or {}).get("option_feedback") or {}
        for option_id, text in feedback.items():
            if option_id in stance_ids:
                m = re.match(r"Not here\. ([^:]+):", text)
                if m:
                    out.append(("stance", f"{where} feedback", m.group(1)))
            if DEVELOPER_NOTES.search(text):
                out.append(("note", f"{where} feedback", text))
    return out


def test_every_stance_and_voice_label_on_the_site_is_a_glossary_term(built_book):
    names = {
        "stance": glossary_names(built_book, "Stance category"),
        "voice": glossary_names(built_book, "Voice"),
        "source kind": glossary_names(built_book, "Source kind"),
        "note": set(),  # a developer note never belongs on a page
    }
    assert {"neutral", "endorsing", "insistent", "topic only"} <= names["stance"]
    seen, problems = 0, []
    for page, soup in soups(built_book):
        for kind, where, label in displayed_labels(soup):
            seen += 1
            if norm(label) not in names[kind]:
                problems.append(f"{page} {where}: {label!r}")
    assert seen > 100, "the site shows fewer stance and voice labels than the lessons do"
    problems = sorted(set(problems))
    assert not problems, f"{len(problems)} label(s) not in the glossary's {sorted(names)} names:\n" + "\n".join(
        problems[:40]
    )


def test_every_stance_category_and_voice_of_the_toolkit_has_its_glossary_name(built_book):
    """The labels the package shows come from one place each: the lexicon's and voice.py's."""
    from discourse_lab.voice import VOICE_LABELS

    stances = glossary_names(built_book, "Stance category")
    voices = glossary_names(built_book, "Voice")
    assert {norm(lexicons.stance_label(c)) for c in lexicons.reporting_verbs().ids} <= stances
    assert {norm(label) for label in VOICE_LABELS.values()} <= voices
    from discourse_lab.render import SOURCE_KIND_LABELS

    assert {norm(label) for label in SOURCE_KIND_LABELS.values()} <= glossary_names(built_book, "Source kind")
