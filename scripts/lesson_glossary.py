#!/usr/bin/env python3
"""Each lesson's "Terms in this lesson" cell: the glossary entries its {term} roles name, for JupyterLab.

In the book a ``{term}`` role links to its entry on the glossary page. In JupyterLab, jupyterlab-myst
resolves a term only against a ``{glossary}`` in the same notebook: with none there, each term was a
link to nothing (hover: "⚠ term-byline") and every render of a markdown cell logged "Cross reference
target was not found" for each term of the lesson. So every notebook that uses terms ends with a
markdown cell holding those entries (and the entries their definitions name), copied from
``chapters/glossary.md``: there a term shows its definition on hover and leads to it on click. The
cell is tagged ``remove-cell``, so the book, which has the glossary page, does not show it.

    python -m scripts.lesson_glossary            # list notebooks whose cell is missing or stale; exit 1 if any
    python -m scripts.lesson_glossary --write    # insert or rewrite the cell in every notebook that needs one
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from scripts.colab_cell import notebooks

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "chapters" / "glossary.md"
CELL_ID = "lesson-glossary"
TAGS = ["remove-cell"]
# {term}`text` or {term}`text <Label>`: the label (or the text) names the entry.
TERM = re.compile(r"\{term\}`([^`<]*?)(?:\s*<([^>`]+)>)?`")
HEADING = """\
## Terms in this lesson

What the terms of this lesson mean, from the course's [glossary](glossary.md): point at a term in the
text to see its entry here."""


def key(label: str) -> str:
    """How both Sphinx and MyST match a term: case and runs of spaces do not count."""
    return " ".join(label.split()).lower()


def terms_named(text: str) -> list[str]:
    """The keys of the terms the text's {term} roles name, in order of first use."""
    found = [key(label or shown) for shown, label in TERM.findall(text)]
    return list(dict.fromkeys(found))


def entries(glossary: Path = GLOSSARY) -> dict[str, str]:
    """key -> the entry's text (its term line(s) and indented definition) in the glossary directive."""
    text = glossary.read_text(encoding="utf-8")
    block = re.search(r"^```\{glossary\}\n(.*?)^```$", text, flags=re.S | re.M)
    if block is None:
        raise SystemExit(f"lesson_glossary: {glossary}: no {{glossary}} directive")
    lines = [ln for ln in block.group(1).splitlines() if not ln.startswith(":")]  # options (:sorted:)
    found: dict[str, str] = {}
    for chunk in re.split(r"\n\s*\n", "\n".join(lines).strip()):
        names = [ln for ln in chunk.splitlines() if ln and not ln[0].isspace()]
        for name in names:
            found[key(name)] = chunk
    return found


def needed(text: str, glossary: dict[str, str]) -> list[str]:
    """The entries a text needs: those its terms name, then those their definitions name, and so on."""
    wanted = [k for k in terms_named(text) if k in glossary]
    for k in wanted:  # grows while it is walked: the definitions' own terms
        wanted += [t for t in terms_named(glossary[k]) if t in glossary and t not in wanted]
    return wanted


def as_definition_list(chunk: str) -> str:
    """An entry in the definition-list form MyST's glossary needs ("Term", then ": definition"): the
    book's entries use Sphinx's form (an indented definition), which jupyterlab-myst refuses."""
    lines = chunk.splitlines()
    first = next(i for i, ln in enumerate(lines) if ln[:1].isspace())
    return "\n".join([*lines[:first], ": " + lines[first].strip(), *lines[first + 1 :]])


def cell_source(prose: str, glossary: dict[str, str]) -> str | None:
    """The cell for a notebook whose markdown is ``prose``; None when it names no term."""
    wanted = needed(prose, glossary)
    if not wanted:
        return None
    chunks = list(dict.fromkeys(as_definition_list(glossary[k]) for k in sorted(wanted)))
    return HEADING + "\n\n```{glossary}\n" + "\n\n".join(chunks) + "\n```"


def prose_of(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown" and c.get("id") != CELL_ID)


def is_current(nb, source: str | None) -> bool:
    cells = [c for c in nb.cells if c.get("id") == CELL_ID]
    if source is None:
        return not cells
    return len(cells) == 1 and nb.cells[-1] is cells[0] and cells[0].source == source


def write(path: Path, glossary: dict[str, str]) -> bool:
    """Insert, rewrite or remove the cell (always the last); return True if the file changed."""
    nb = nbformat.read(path, as_version=4)
    source = cell_source(prose_of(nb), glossary)
    if is_current(nb, source):
        return False
    nb.cells = [c for c in nb.cells if c.get("id") != CELL_ID]
    if source is not None:
        nb.cells.append(nbformat.v4.new_markdown_cell(source, id=CELL_ID, metadata={"tags": TAGS}))
    nbformat.write(nb, path)
    return True


def stale(paths: list[Path] | None = None) -> list[Path]:
    glossary = entries()
    behind = []
    for path in paths if paths is not None else notebooks():
        nb = nbformat.read(path, as_version=4)
        if not is_current(nb, cell_source(prose_of(nb), glossary)):
            behind.append(path)
    return behind


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="insert or rewrite the cell in every notebook")
    args = parser.parse_args()
    if args.write:
        glossary = entries()
        for path in notebooks():
            if write(path, glossary):
                print(f"lesson_glossary: wrote {path.relative_to(ROOT)}")
        return 0
    behind = stale()
    for path in behind:
        print(f"lesson_glossary: {path.relative_to(ROOT)}: its terms cell is stale (run `make lesson-glossary`)")
    return 1 if behind else 0


if __name__ == "__main__":
    sys.exit(main())
