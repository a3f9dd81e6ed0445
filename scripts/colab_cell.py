#!/usr/bin/env python3
"""The set-up cell that lets a lesson run on Colab, made from the one repository URL.

Colab opens a notebook alone, straight from GitHub, without this package. So every notebook of the
book carries, right after its title, a cell that installs the package from the repository when it
is missing (elsewhere, e.g. in the book's own environment, the cell does nothing). The URL is
``repository.url`` in ``_config.yml``, the same one the launch buttons use; after changing it, run
``make colab-cell`` to rewrite the cells and the install command that the README and the "How to
use" page give. ``tests/test_colab_cell.py`` fails while any of them is stale.

    python -m scripts.colab_cell            # list notebooks whose cell is missing or stale; exit 1 if any
    python -m scripts.colab_cell --write    # insert or rewrite the cell in every notebook of the book
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
# Each notebook's cell has its own id, ``colab-setup-<notebook>``: a cell id is a label that a
# book (Jupyter Book 2 / MyST) resolves across the whole site, so one id in every notebook clashes.
CELL_PREFIX = "colab-setup"
# Pages that tell readers the same pip install as the cell.
PAGES = ("README.md", "chapters/how_to_use.md")
GIT_URL = re.compile(r"git\+(https://[^\s\"'`)]+)")
# Hidden on the site (the package is installed there); kept in the .ipynb that Colab opens.
TAGS = ["remove-cell"]
TEMPLATE = """\
# On Colab (or any Jupyter without this course's package) this installs it from the book's
# repository; where the package is already installed it does nothing.
import importlib
import importlib.util
import subprocess
import sys

PACKAGE = {target}
if importlib.util.find_spec("discourse_lab") is None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACKAGE], check=True)
    importlib.invalidate_caches()"""


def repository_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


def install_target(url: str) -> str:
    """What pip installs: the package, which is all the lessons import."""
    return f"discourse_lab @ git+{url}"


def cell_source(url: str | None = None) -> str:
    return TEMPLATE.format(target=json.dumps(install_target(url or repository_url())))


def notebooks() -> list[Path]:
    """The notebooks of the book, in table-of-contents order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def files(entries: list[dict]) -> list[str]:  # a chapter's sections too (the term plan)
        return [name for e in entries for name in [e.get("file"), *files(e.get("sections", []))] if name]

    names = [toc["root"]] + [name for part in toc.get("parts", []) for name in files(part["chapters"])]
    return [ROOT / f"{name}.ipynb" for name in names if (ROOT / f"{name}.ipynb").is_file()]


def cell_id(path: Path) -> str:
    """The set-up cell's id in this notebook (nbformat allows letters, digits, ``-`` and ``_``)."""
    return f"{CELL_PREFIX}-{re.sub(r'[^A-Za-z0-9_-]', '-', path.stem)}"[:64]


def is_setup_cell(cell) -> bool:
    """The set-up cell under its current id or an older one (``colab-setup`` alone)."""
    return str(cell.get("id", "")).startswith(CELL_PREFIX)


def is_current(nb, source: str, path: Path) -> bool:
    """Does the notebook have the cell, as the second cell (after the title), with this source and
    the notebook's own id?"""
    cells = [c for c in nb.cells if is_setup_cell(c)]
    return (
        len(cells) == 1
        and nb.cells.index(cells[0]) == 1
        and cells[0].source == source
        and cells[0].get("id") == cell_id(path)
    )


def write(path: Path, source: str) -> bool:
    """Insert or rewrite the cell; return True if the file changed."""
    nb = nbformat.read(path, as_version=4)
    if is_current(nb, source, path):
        return False
    nb.cells = [c for c in nb.cells if not is_setup_cell(c)]
    cell = nbformat.v4.new_code_cell(source, id=cell_id(path), metadata={"tags": TAGS})
    nb.cells.insert(1, cell)
    nbformat.write(nb, path)
    return True


def stale() -> list[Path]:
    """Notebooks whose cell, and pages whose install command, do not name ``repository.url``."""
    source, url = cell_source(), repository_url()
    behind = [p for p in notebooks() if not is_current(nbformat.read(p, as_version=4), source, p)]
    return behind + [ROOT / page for page in PAGES if set(GIT_URL.findall((ROOT / page).read_text())) != {url}]


def write_page(path: Path, url: str) -> bool:
    """Point every ``git+https://…`` install of the page at ``url``; return True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = GIT_URL.sub(f"git+{url}", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="insert or rewrite the cell in every notebook")
    args = parser.parse_args()
    if args.write:
        source = cell_source()
        for path in notebooks():
            if write(path, source):
                print(f"colab_cell: wrote {path.relative_to(ROOT)}")
        for page in PAGES:
            if write_page(ROOT / page, repository_url()):
                print(f"colab_cell: wrote {page}")
        return 0
    behind = stale()
    for path in behind:
        print(
            f"colab_cell: {path.relative_to(ROOT)}: does not name {repository_url()} (run `make colab-cell`)",
            file=sys.stderr,
        )
    return 1 if behind else 0


if __name__ == "__main__":
    sys.exit(main())
