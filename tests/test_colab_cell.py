"""The Colab set-up cell: in every notebook of the book, made from the one repository URL
(``repository.url`` in _config.yml), which the README and the "How to use" page also name."""

from __future__ import annotations

import shutil

import nbformat

from scripts import colab_cell
from support import ROOT


def test_every_notebook_has_the_current_set_up_cell():
    assert colab_cell.notebooks(), "no notebook in the table of contents"
    assert [p.name for p in colab_cell.stale()] == []  # notebooks, README and How to use


def test_a_missing_or_stale_cell_is_rewritten(tmp_path):
    path = tmp_path / "lesson.ipynb"
    shutil.copyfile(ROOT / "chapters" / "01_source.ipynb", path)
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = colab_cell.cell_source("https://github.com/someone/old-fork")
    nbformat.write(nb, path)
    assert not colab_cell.is_current(nbformat.read(path, as_version=4), colab_cell.cell_source())
    assert colab_cell.write(path, colab_cell.cell_source())
    rewritten = nbformat.read(path, as_version=4)
    assert colab_cell.is_current(rewritten, colab_cell.cell_source())
    assert len(rewritten.cells) == len(nb.cells)  # replaced, not added


def test_readme_and_how_to_use_name_the_configured_repository():
    """Both pages give the set-up cell's own pip install, and install from no other repository."""
    url = colab_cell.repository_url()
    for page in colab_cell.PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        assert set(colab_cell.GIT_URL.findall(text)) == {url}, page
        assert colab_cell.install_target(url) in text, f"{page} does not give the set-up cell's pip install"


def test_a_page_naming_another_repository_is_rewritten(tmp_path):
    page = tmp_path / "README.md"
    page.write_text('pip install "discourse_lab[lessons] @ git+https://github.com/old/fork"\n')
    assert colab_cell.write_page(page, "https://github.com/new/home")
    assert colab_cell.GIT_URL.findall(page.read_text()) == ["https://github.com/new/home"]
